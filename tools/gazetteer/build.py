#!/usr/bin/env python3
"""Build the embedded gazetteer data of rasd-gazetteer from the shared source data.

Python 3 standard library only. Deterministic: the same inputs give byte-identical output.

    python3 tools/gazetteer/build.py                   # build data files
    python3 tools/gazetteer/build.py common-words      # print stop-list candidates
    python3 tools/gazetteer/build.py find NAME [NAME…]  # curation helper: ids for a name

See tools/gazetteer/README.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = Path("/work/shared/data")
DEFAULT_OUT = REPO / "crates" / "rasd-gazetteer" / "data"

FORMAT_VERSION = 1
COLUMNS = [
    "id", "level", "name_ar", "name_en", "alt_ar", "alt_en", "lat", "lon",
    "adm1", "adm2", "adm3", "population", "seat", "parent",
]
LEVELS = {
    "governorate": "governorate",
    "district": "district",
    "subdistrict": "subdistrict",
    "neighbourhood": "neighbourhood",
    "populated_place": "populated_place",
    "populated_place_abandoned": "abandoned",
}
MAX_ALT_EN = 6

ARABIC_RE = re.compile("[\u0600-\u06ff]")
LATIN_RE = re.compile("[A-Za-z]")
HARAKAT_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


# --- keys (build-time approximation of rasd_text::match_key; the crate recomputes keys) ---

def approx_key(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = HARAKAT_RE.sub("", s)
    table = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي",
                           "ى": "ي", "ی": "ي", "ة": "ه", "ھ": "ه", "ک": "ك"})
    s = s.translate(table).lower()
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


def strip_al(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def loose_key(s: str) -> str:
    return strip_al(approx_key(s)).replace(" ", "")


KURDISH_RE = re.compile("[\u06c6\u06ce\u06d5\u0695\u06b5\u06a4\u06c7\u06c5]")


def is_arabic_name(s: str) -> bool:
    return bool(ARABIC_RE.search(s)) and not LATIN_RE.search(s)


def is_plain_arabic(s: str) -> bool:
    """Arabic script without Latin letters or Kurdish/Persian-only letters (ۆ ێ ە ڕ ڵ ڤ)."""
    return is_arabic_name(s) and not KURDISH_RE.search(s) and "ی" not in s and "ک" not in s


def pick_primary(name: str, alts: list[str], admin_names: list[str]) -> str:
    """The source's first Arabic name is sometimes a Kurdish romanisation ('qamshlۆ') or has
    Latin letters: prefer a plain Arabic alternate, the one naming the place's own admin
    unit if there is one."""
    admin_keys = {loose_key(a) for a in admin_names if a}
    plain = [a for a in alts if is_plain_arabic(a)]
    if name and is_plain_arabic(name) and loose_key(name) in admin_keys:
        return name
    # the name of the admin unit the place is the seat of ('دار تعزة' -> 'دارة عزة')
    for a in plain:
        if loose_key(a) in admin_keys:
            return a
    if name and is_plain_arabic(name):
        return name
    if not plain:
        return name if name and is_arabic_name(name) else ""
    return plain[0]


def fold_latin(s: str) -> str:
    """ASCII-fold a Latin name for English search (Ḩamāh -> Hamah); '' if not Latin."""
    s = s.replace("‘", "").replace("’", "").replace("`", "").replace("ʿ", "").replace("ʾ", "")
    d = unicodedata.normalize("NFKD", s)
    out = "".join(c for c in d if not unicodedata.combining(c))
    out = " ".join(out.split())
    if not out or not out.isascii() or not LATIN_RE.search(out):
        return ""
    return out


BIDI_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")


def clean(s: str) -> str:
    s = BIDI_RE.sub("", s or "")
    return " ".join(s.replace("\t", " ").replace("|", " ").split())


# --- readers ---

def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fix_split_name(name: str, alts: list[str]) -> str:
    """'د مشق' (a one-letter word) when an alternate is the same name without spaces."""
    if any(len(t) == 1 for t in name.split()) and "و" not in name.split():
        joined = name.replace(" ", "")
        for a in alts:
            if a.replace(" ", "") == joined and " " not in a:
                return a
    return name


def dedupe_names(primary: str, names: list[str]) -> list[str]:
    seen = {approx_key(primary)}
    out = []
    for n in names:
        k = approx_key(n)
        if n and k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


NBHD_QUALIFIERS = {
    "البلد", "القديمة", "القديم", "الشرقي", "الغربي", "الشرقية", "الغربية", "الشمالي",
    "الجنوبي", "الشمالية", "الجنوبية", "جبل", "بساتين", "وسطاني",
    "جواني", "براني", "86",
}
NBHD_CORE = {"البلد", "القديمة", "القديم"}


def neighbourhood_names(raw: str) -> list[str]:
    """'الحرية_ عش الورور' -> ['الحرية', 'عش الورور']; 'بيت محب/ جديدة' likewise."""
    parts = [clean(p) for p in re.split(r"[_/]", raw)]
    return [p for p in parts if p]


def build_places(data: Path) -> tuple[list[dict], dict]:
    merged = read_csv(data / "syria-gazetteer-merged" / "places.csv")
    cities = {r["geonameid"]: r for r in read_csv(data / "geonames-sy" / "sy_cities500.csv")}
    wof = {}
    for r in read_csv(data / "wof-admin-sy" / "sy_localities.csv"):
        if r["geonames_id"]:
            wof[r["geonames_id"]] = r
    osy = {}
    for f in ("governorates", "districts", "subdistricts"):
        for rec in json.loads((data / "opensyria-geography" / f"{f}.json").read_text("utf-8")):
            pc = rec.get("externalIds", {}).get("ochaPcode")
            if pc:
                osy[pc] = rec

    adm_names = {}  # pcode -> Arabic name (without "مركز ")
    for r in merged:
        for lvl in ("1", "2", "3"):
            pc = r[f"adm{lvl}_pcode"]
            if pc and r[f"adm{lvl}_ar"]:
                adm_names[pc] = re.sub(r"^مركز\s*", "", r[f"adm{lvl}_ar"]).strip()

    places = []
    stats = Counter()
    for r in merged:
        level = LEVELS[r["level"]]
        pid = r["place_id"]
        alts = [clean(a) for a in r["alt_names"].split("|") if clean(a)]
        parent_name = ""
        if level == "neighbourhood":
            parent_name = alts[0] if alts else ""
            alts = []
        alt_ar = [a for a in alts if is_arabic_name(a)]
        alt_en_raw = [a for a in alts if not ARABIC_RE.search(a)]
        name_ar = clean(r["name_ar"])
        if level == "neighbourhood" and name_ar:
            parts = neighbourhood_names(r["name_ar"])
            name_ar = parts[0]
            alt_ar = parts[1:] + ([clean(r["name_ar"].replace("_", " ").replace("/", " "))]
                                  if len(parts) > 1 else [])
        fixed = fix_split_name(name_ar, alt_ar)
        if fixed != name_ar:
            stats["split_name_fixed"] += 1
            name_ar = fixed
        if not name_ar:
            stats["no_arabic_name"] += 1
        # Arabic aliases of admin units from OpenSyria (e.g. "محافظة الحسكة", "منطقة الحسكة")
        pc_self = {"governorate": r["adm1_pcode"], "district": r["adm2_pcode"],
                   "subdistrict": r["adm3_pcode"]}.get(level)
        population = 0
        if pc_self and pc_self in osy:
            rec = osy[pc_self]
            for a in rec.get("aliases", []):
                if a.get("language") == "ar" and is_arabic_name(a.get("value", "")):
                    alt_ar.append(clean(a["value"]))
                elif a.get("language") == "en":
                    alt_en_raw.append(clean(a["value"]))
            pop = (rec.get("population") or {}).get("value")
            if isinstance(pop, (int, float)):
                population = int(pop)
        gid = pid.split(":", 1)[1] if pid.startswith("geonames:") else ""
        feature = ""
        if gid in cities:
            population = max(population, int(cities[gid]["population"] or 0))
        if gid in wof:
            w = wof[gid]
            feature = w["gn_feature_code"]
            population = max(population, int(w["gn_population"] or 0))
        alt_ar = dedupe_names(name_ar, alt_ar)
        en = []
        seen_en = set()
        for n in [r["name_en"]] + alt_en_raw:
            f = fold_latin(n)
            if f and f.lower() not in seen_en:
                seen_en.add(f.lower())
                en.append(f)
        name_en = en[0].replace("_", " ") if en else ""
        alt_en = en[1:1 + MAX_ALT_EN]
        places.append({
            "id": pid, "level": level, "name_ar": name_ar, "name_en": clean(name_en),
            "alt_ar": alt_ar, "alt_en": [clean(a) for a in alt_en],
            "lat": float(r["lat"]), "lon": float(r["lon"]),
            "adm1": r["adm1_pcode"], "adm2": r["adm2_pcode"], "adm3": r["adm3_pcode"],
            "population": population, "seat": 0, "parent": "", "_parent_name": parent_name,
            "_feature": feature,
        })
        stats[level] += 1

    fill_missing_admin(places, stats)
    finalize_names_and_seats(places, adm_names, stats)
    link_neighbourhoods(places, stats, read_stop_keys())
    return places, stats


def finalize_names_and_seats(places: list[dict], adm_names: dict, stats: Counter) -> None:
    """Primary Arabic name (see pick_primary) and the admin seat a town is (1 governorate
    capital, 2 district seat, 3 sub-district seat), once every place has its admin units."""
    for p in places:
        admin = [adm_names.get(p[f"adm{i}"], "") for i in "123"]
        if p["level"] in ("populated_place", "abandoned"):
            picked = pick_primary(p["name_ar"], p["alt_ar"], admin)
            if picked != p["name_ar"]:
                stats["primary_name_replaced"] += 1
                alts = [a for a in p["alt_ar"] if a != picked]
                if p["name_ar"] and is_arabic_name(p["name_ar"]):
                    alts.insert(0, p["name_ar"])
                p["alt_ar"] = dedupe_names(picked, alts)
                p["name_ar"] = picked
        if p["level"] != "populated_place":
            continue
        k = loose_key(p["name_ar"])
        seat = 0
        for lvl, s in (("3", 3), ("2", 2), ("1", 1)):
            if p[f"adm{lvl}"] and k and loose_key(adm_names.get(p[f"adm{lvl}"], "")) == k:
                seat = s
        feature = p["_feature"]
        if feature in ("PPLA", "PPLC"):
            seat = 1
        elif feature == "PPLA2" and seat not in (1, 2):
            seat = 2
        elif feature == "PPLA3" and seat == 0:
            seat = 3
        p["seat"] = seat


def fill_missing_admin(places: list[dict], stats: Counter) -> None:
    """A few border points fall outside the OCHA outline: take the admin units of the nearest
    place that has them (within 15 km)."""
    have = [p for p in places if p["adm3"] and p["level"] == "populated_place"]
    for p in places:
        if p["adm1"] or p["level"] in ("governorate", "district", "subdistrict"):
            continue
        near = min(have, key=lambda q: dist_km(p, q))
        if dist_km(p, near) <= 15.0:
            p["adm1"], p["adm2"], p["adm3"] = near["adm1"], near["adm2"], near["adm3"]
            stats["admin_from_nearest"] += 1
        else:
            stats["admin_missing"] += 1


def read_stop_keys() -> set[str]:
    """Loose keys of the hand-reviewed stop-list (data/common_words.csv), if present."""
    path = DEFAULT_OUT / "common_words.csv"
    if not path.exists():
        return set()
    lines = [l for l in path.read_text("utf-8").splitlines() if l and not l.startswith("#")]
    return {loose_key(r[0]) for r in csv.reader(lines[1:]) if r}


def dist_km(a: dict, b: dict) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(h))


def link_neighbourhoods(places: list[dict], stats: Counter, stop: set[str]) -> None:
    """Parent city of each neighbourhood, and base-name aliases ('جوبر' for 'جوبر الغربي')."""
    towns = defaultdict(list)
    for p in places:
        if p["level"] == "populated_place" and p["name_ar"]:
            towns[loose_key(p["name_ar"])].append(p)
            for a in p["alt_ar"]:
                towns[loose_key(a)].append(p)
    groups = defaultdict(list)
    for p in places:
        if p["level"] != "neighbourhood":
            continue
        cands = [t for t in towns.get(loose_key(p["_parent_name"]), []) if dist_km(t, p) < 15]
        if cands:
            best = max(cands, key=lambda t: (t["seat"] == 1, t["population"], -dist_km(t, p)))
            p["parent"] = best["id"]
            stats["neighbourhood_with_parent"] += 1
        toks = p["name_ar"].split()
        if len(toks) >= 2 and toks[-1] in NBHD_QUALIFIERS:
            base = " ".join(toks[:-1])
            groups[(p["_parent_name"], loose_key(base))].append((p, base, toks[-1]))
    full = defaultdict(set)
    for p in places:
        if p["level"] == "neighbourhood":
            full[p["_parent_name"]].add(loose_key(p["name_ar"]))
            for a in p["alt_ar"]:
                full[p["_parent_name"]].add(loose_key(a))
    for (city, base_key), members in sorted(groups.items()):
        # the base must not be another neighbourhood's name, the city's own name ("حلب
        # الجديدة" is not Aleppo) or a word on the stop-list ("المطار الشمالي")
        if base_key in full[city] or base_key == loose_key(city) or base_key in stop:
            continue
        members.sort(key=lambda m: (m[2] not in NBHD_CORE, m[0]["id"]))
        rep, base, _ = members[0]
        rep["alt_ar"].append(base)
        stats["neighbourhood_base_alias"] += 1


def write_places(places: list[dict], out: Path) -> bytes:
    buf = io.StringIO()
    buf.write(f"#rasd-gazetteer places v{FORMAT_VERSION}\n")
    buf.write("\t".join(COLUMNS) + "\n")
    for p in sorted(places, key=lambda p: (LEVEL_ORDER[p["level"]], p["id"])):
        row = [
            p["id"], p["level"], p["name_ar"], p["name_en"], "|".join(p["alt_ar"]),
            "|".join(p["alt_en"]), f"{p['lat']:.5f}", f"{p['lon']:.5f}", p["adm1"], p["adm2"],
            p["adm3"], str(p["population"]), str(p["seat"]), p["parent"],
        ]
        assert all("\t" not in c and "\n" not in c for c in row), row
        buf.write("\t".join(row) + "\n")
    raw = buf.getvalue().encode("utf-8")
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0, compresslevel=9) as f:
        f.write(raw)
    (out / "places.tsv.gz").write_bytes(gz.getvalue())
    return raw


LEVEL_ORDER = {"governorate": 0, "district": 1, "subdistrict": 2, "populated_place": 3,
               "neighbourhood": 4, "abandoned": 5}


def cmd_build(args) -> None:
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    places, stats = build_places(data)
    raw = write_places(places, out)
    inputs = [
        "syria-gazetteer-merged/places.csv", "geonames-sy/sy_cities500.csv",
        "wof-admin-sy/sy_localities.csv", "opensyria-geography/governorates.json",
        "opensyria-geography/districts.json", "opensyria-geography/subdistricts.json",
    ]
    lines = [
        "# Generated by tools/gazetteer/build.py; do not edit.",
        f"format_version\t{FORMAT_VERSION}",
        f"places\t{len(places)}",
    ]
    lines += [f"count.{k}\t{v}" for k, v in sorted(stats.items())]
    lines += [f"sha256.input.{i}\t{sha256(data / i)}" for i in inputs]
    lines.append(f"sha256.places.tsv\t{hashlib.sha256(raw).hexdigest()}")
    (out / "places.manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = (out / "places.tsv.gz").stat().st_size
    print(f"wrote {out / 'places.tsv.gz'}: {len(places)} places, {len(raw)} bytes raw, "
          f"{size} bytes gzip", file=sys.stderr)
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}", file=sys.stderr)


# --- stop-list candidates -----------------------------------------------------------------

TOKEN_RE = re.compile(r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+")


def cmd_common_words(args) -> None:
    """Print gazetteer names that are frequent ordinary words in SaudiNewsNet.

    For every single- and two-word name key (also without its leading ال) count how often it
    occurs as a token (bigram) in a sample of the corpus, per million tokens. A name is a
    candidate when it is frequent while the places bearing it are small (no seat, small
    population): the rate is compared with the best importance of its places. The output is
    for review by hand; the reviewed list is data/common_words.csv.
    """
    data = Path(args.data)
    places, _ = build_places(data)
    best = {}
    for p in places:
        imp = importance(p)
        for n in [p["name_ar"]] + p["alt_ar"]:
            k = approx_key(n)
            for kk in {k, strip_al(k)}:
                if kk and len(kk.split()) <= 2:
                    if kk not in best or imp > best[kk][0]:
                        best[kk] = (imp, n, p["id"])
    uni, bi = Counter(), Counter()
    total = 0
    with gzip.open(data / "saudinewsnet" / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= args.sample:
                break
            a = json.loads(line)
            toks = [approx_key(t) for t in TOKEN_RE.findall(a.get("title", "") + " " +
                                                              a.get("text", ""))]
            total += len(toks)
            uni.update(toks)
            bi.update(f"{x} {y}" for x, y in zip(toks, toks[1:]))
    rows = []
    for k, (imp, name, pid) in best.items():
        c = bi[k] if " " in k else uni[k]
        per_m = c * 1e6 / max(total, 1)
        # frequent relative to importance: a hamlet needs ~5/M, a town ~50/M, a city ~500/M
        threshold = 5.0 * (10 ** (2.0 * imp))
        if per_m >= threshold and len(k) >= 2:
            rows.append((per_m / threshold, per_m, k, name, pid, imp))
    rows.sort(reverse=True)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["key", "example_name", "place_id", "per_million", "importance", "ratio"])
    for ratio, per_m, k, name, pid, imp in rows[: args.limit]:
        w.writerow([k, name, pid, f"{per_m:.1f}", f"{imp:.2f}", f"{ratio:.1f}"])
    print(f"# {total} tokens sampled, {len(rows)} candidates", file=sys.stderr)


def importance(p: dict) -> float:
    """Same scale as the crate's Place::importance (0..1)."""
    base = {"governorate": 1.0, "district": 0.8, "subdistrict": 0.6}.get(p["level"], 0.0)
    seat = {1: 1.0, 2: 0.8, 3: 0.6}.get(p["seat"], 0.0)
    pop = min(1.0, math.log10(p["population"]) / 6.5) if p["population"] > 1 else 0.0
    return max(base, seat, pop)


def cmd_find(args) -> None:
    places, _ = build_places(Path(args.data))
    for name in args.names:
        k = loose_key(name)
        for p in places:
            names = [p["name_ar"]] + p["alt_ar"]
            if any(loose_key(n) == k for n in names if n):
                print("\t".join([name, p["id"], p["level"], p["name_ar"], p["name_en"],
                                 f"{p['lat']:.4f},{p['lon']:.4f}", p["adm1"], p["adm2"],
                                 p["adm3"], str(p["population"]), str(p["seat"])]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="shared source data folder")
    sub = ap.add_subparsers(dest="cmd")
    b = sub.add_parser("build", help="write data files (default)")
    b.add_argument("--out", default=str(DEFAULT_OUT))
    c = sub.add_parser("common-words", help="print stop-list candidates")
    c.add_argument("--sample", type=int, default=31005, help="articles to read")
    c.add_argument("--limit", type=int, default=400)
    f = sub.add_parser("find", help="print places whose name matches")
    f.add_argument("names", nargs="+")
    args = ap.parse_args()
    if args.cmd in (None, "build"):
        if not hasattr(args, "out"):
            args.out = str(DEFAULT_OUT)
        cmd_build(args)
    elif args.cmd == "common-words":
        cmd_common_words(args)
    else:
        cmd_find(args)


if __name__ == "__main__":
    main()
