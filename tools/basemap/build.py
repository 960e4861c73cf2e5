#!/usr/bin/env python3
"""Build the web app's base map from the OCHA COD-AB shapefiles (Python stdlib only).

Reads the governorate (syr_admin1) and district (syr_admin2) polygons, simplifies them
with Douglas-Peucker while keeping shared borders identical (every ring is cut at the
points where the set of polygons sharing it changes, each piece is simplified once, in
one canonical direction), rounds coordinates, and writes GeoJSON (RFC 7946: outer rings
counter-clockwise, holes clockwise) with pcodes and English/Arabic names.

    python3 tools/basemap/build.py [SHAPEFILE_DIR] [OUT_DIR]

Defaults: /work/shared/data/syria-admin-ocha/shapefiles → crates/rasd-server/web/data.
The output is deterministic: running it twice gives the same bytes.
"""

import json
import math
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_SRC = "/work/shared/data/syria-admin-ocha/shapefiles"
DEFAULT_OUT = os.path.join(ROOT, "crates", "rasd-server", "web", "data")

# Simplification tolerance (degrees; 0.01° ≈ 1.1 km) and output precision per layer.
LAYERS = [
    # (shapefile, output, tolerance, decimals, properties: output name -> dbf field)
    ("syr_admin1", "syr_admin1.geojson", 0.002, 4,
     {"pcode": "adm1_pcode", "name_en": "adm1_name", "name_ar": "adm1_name1"}),
    ("syr_admin2", "syr_admin2.geojson", 0.002, 4,
     {"pcode": "adm2_pcode", "name_en": "adm2_name", "name_ar": "adm2_name1",
      "adm1_pcode": "adm1_pcode"}),
]

ATTRIBUTION = (
    "Boundaries: UN OCHA, Syrian Arab Republic – Subnational Administrative Boundaries "
    "(COD-AB), via HDX, CC BY 3.0 IGO"
)


def read_dbf(path):
    """Records of a dBASE III file as dicts of stripped strings."""
    with open(path, "rb") as f:
        data = f.read()
    nrec, header_len, rec_len = struct.unpack("<IHH", data[4:12])
    fields = []
    i = 32
    while data[i] != 0x0D:
        name = data[i:i + 11].split(b"\0")[0].decode("ascii")
        length = data[i + 16]
        fields.append((name, length))
        i += 32
    out = []
    for r in range(nrec):
        pos = header_len + r * rec_len
        if data[pos:pos + 1] == b"*":  # deleted
            continue
        pos += 1
        rec = {}
        for name, length in fields:
            rec[name] = data[pos:pos + length].decode("utf-8", "replace").strip()
            pos += length
        out.append(rec)
    return out


def read_shp(path):
    """Polygon shapes (type 5) as lists of rings of (lon, lat)."""
    with open(path, "rb") as f:
        data = f.read()
    pos = 100
    shapes = []
    while pos < len(data):
        _num, words = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (stype,) = struct.unpack("<i", content[:4])
        if stype == 0:
            shapes.append([])
            continue
        if stype != 5:
            raise SystemExit(f"{path}: shape type {stype} is not a polygon")
        nparts, npoints = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{nparts}i", content[44:44 + 4 * nparts]))
        base = 44 + 4 * nparts
        pts = [struct.unpack("<dd", content[base + 16 * k: base + 16 * k + 16]) for k in range(npoints)]
        parts.append(npoints)
        shapes.append([pts[parts[k]:parts[k + 1]] for k in range(nparts)])
    return shapes


def signed_area(ring):
    """Shoelace area, positive for counter-clockwise rings."""
    a = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        a += x1 * y2 - x2 * y1
    return a / 2


def point_in_ring(pt, ring):
    x, y = pt
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def perp_dist(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(pts, tol):
    """Iterative Douglas-Peucker keeping both ends."""
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = perp_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_layer(shapes, tol):
    """Simplifies every ring, cutting rings where the polygons sharing a vertex change so
    that a border shared by two polygons is simplified once and identically."""
    owners = {}
    rings = []
    for si, shape in enumerate(shapes):
        for ring in shape:
            r = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
            rings.append((si, r))
    for ri, (si, r) in enumerate(rings):
        for p in r:
            owners.setdefault(p, set()).add(si)
    cache = {}
    out = [[] for _ in shapes]
    for si, r in rings:
        n = len(r)
        if n < 3:
            continue
        fixed = [
            owners[r[k]] != owners[r[k - 1]] or owners[r[k]] != owners[r[(k + 1) % n]]
            for k in range(n)
        ]
        cuts = [k for k in range(n) if fixed[k]]
        if not cuts:
            # A ring nobody else shares: cut at its lowest-leftmost vertex for determinism.
            cuts = [min(range(n), key=lambda k: r[k])]
        simplified = []
        for c, start in enumerate(cuts):
            end = cuts[(c + 1) % len(cuts)]
            chain = [r[(start + k) % n] for k in range(((end - start) % n or n) + 1)]
            key = tuple(chain)
            rkey = tuple(reversed(chain))
            if key in cache:
                s = cache[key]
            elif rkey in cache:
                s = list(reversed(cache[rkey]))
            else:
                canon = min(key, rkey)
                s = douglas_peucker(list(canon), tol)
                cache[canon] = s
                if canon != key:
                    s = list(reversed(s))
            simplified.extend(s[:-1])
        if len(simplified) >= 3:
            out[si].append(simplified + simplified[:1])
    return out


def to_geometry(rings, decimals):
    """Rings (shapefile orientation: outer clockwise) → a GeoJSON (Multi)Polygon."""
    def rnd(ring):
        r = []
        for x, y in ring:
            p = [round(x, decimals), round(y, decimals)]
            if not r or r[-1] != p:
                r.append(p)
        return r

    outers, holes = [], []
    for ring in rings:
        ring = rnd(ring)
        if len(ring) < 4:
            continue
        a = signed_area([tuple(p) for p in ring[:-1]])
        if a == 0:
            continue
        (outers if a < 0 else holes).append(ring)
    polys = [[list(reversed(o))] for o in outers]  # outer rings counter-clockwise
    for h in holes:
        for poly, o in zip(polys, outers):
            if point_in_ring(tuple(h[0]), [tuple(p) for p in o]):
                poly.append(list(reversed(h)))  # holes clockwise
                break
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def build(src, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for shp, out_name, tol, decimals, props in LAYERS:
        records = read_dbf(os.path.join(src, shp + ".dbf"))
        shapes = read_shp(os.path.join(src, shp + ".shp"))
        if len(records) != len(shapes):
            raise SystemExit(f"{shp}: {len(records)} records but {len(shapes)} shapes")
        simplified = simplify_layer(shapes, tol)
        features = []
        for rec, rings in sorted(zip(records, simplified), key=lambda x: x[0][props["pcode"]]):
            properties = {k: rec[v] for k, v in props.items()}
            # OCHA's label point (inside the polygon, unlike a bounding-box centre).
            properties["center"] = [round(float(rec["center_lon"]), 4), round(float(rec["center_lat"]), 4)]
            features.append({
                "type": "Feature",
                "properties": properties,
                "geometry": to_geometry(rings, decimals),
            })
        fc = {
            "type": "FeatureCollection",
            "attribution": ATTRIBUTION,
            "features": features,
        }
        path = os.path.join(out_dir, out_name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
        before = sum(len(r) for s in shapes for r in s)
        after = sum(len(r) for s in simplified for r in s)
        print(f"{path}: {len(features)} features, {before} → {after} vertices, "
              f"{os.path.getsize(path) // 1024} KB")


if __name__ == "__main__":
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SRC
    out = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT
    build(src, out)
