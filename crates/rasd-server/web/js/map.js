// The event map: OCHA boundaries drawn from embedded GeoJSON (no tiles), one marker per
// event (colour and shape by type), clustered when dense.

import { el, svg } from "./dom.js";
import { TYPES } from "./state.js";
import { t, getLang } from "./i18n.js";

const L = window.L;
let map = null;
let cluster = null;
let govLabels = [];
let govFeatures = [];
const markers = new Map(); // event id → marker

const SHAPES = {
  circle: () => svg("circle", { cx: 8, cy: 8, r: 6 }),
  square: () => svg("rect", { x: 2.5, y: 2.5, width: 11, height: 11, rx: 1 }),
  triangle: () => svg("polygon", { points: "8,1.5 14.8,14 1.2,14" }),
  diamond: () => svg("polygon", { points: "8,0.8 15.2,8 8,15.2 0.8,8" }),
  hexagon: () => svg("polygon", { points: "8,1 14.1,4.5 14.1,11.5 8,15 1.9,11.5 1.9,4.5" }),
  star: () => svg("polygon", { points: "8,0.8 10.1,5.6 15.3,5.9 11.3,9.3 12.6,14.4 8,11.6 3.4,14.4 4.7,9.3 0.7,5.9 5.9,5.6" }),
};

/// The symbol of an event type, as an SVG element of `size` pixels.
export function typeSymbol(type, size = 16) {
  const st = TYPES[type] || { color: "#555", shape: "circle" };
  const shape = SHAPES[st.shape]();
  shape.setAttribute("fill", st.color);
  shape.setAttribute("stroke", "#fff");
  shape.setAttribute("stroke-width", "1.4");
  return svg("svg", { class: "type-symbol", width: size, height: size, viewBox: "0 0 16 16", "aria-hidden": "true" }, shape);
}

function markerIcon(type, reviewed) {
  const html = el("div", { class: "marker" + (reviewed ? " reviewed" : "") }, typeSymbol(type, 18));
  return L.divIcon({ html, className: "marker-wrap", iconSize: [18, 18], iconAnchor: [9, 9] });
}

function clusterIcon(c) {
  const children = c.getAllChildMarkers();
  const counts = {};
  for (const m of children) counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1;
  const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
  const n = c.getChildCount();
  const size = n < 10 ? 30 : n < 100 ? 36 : 44;
  const html = el("div", { class: "cluster", style: `background:${(TYPES[top] || {}).color || "#555"}` }, el("span", {}, String(n)));
  return L.divIcon({ html, className: "cluster-wrap", iconSize: [size, size] });
}

async function loadGeo(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

/// Creates the map in `container`; `onSelect(id)` is called when a marker is clicked.
export async function initMap(container, onSelect) {
  map = L.map(container, {
    zoomSnap: 0.25,
    minZoom: 5.5,
    maxZoom: 14,
    maxBounds: [[29.5, 32.0], [40.0, 45.5]],
    attributionControl: true,
    preferCanvas: false,
  });
  map.attributionControl.setPrefix(false);
  map.fitBounds([[32.3, 35.6], [37.35, 42.4]]);
  const [adm1, adm2] = await Promise.all([
    loadGeo("/data/syr_admin1.geojson"),
    loadGeo("/data/syr_admin2.geojson"),
  ]);
  L.geoJSON(adm1, {
    style: { color: "#7b8794", weight: 1.6, fillColor: "#fbfaf6", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  L.geoJSON(adm2, {
    style: { color: "#c3c9cf", weight: 0.7, fill: false, dashArray: "3 3" },
    interactive: false,
  }).addTo(map);
  L.geoJSON(adm1, {
    style: { color: "#6b7682", weight: 1.4, fill: false },
    interactive: false,
  }).addTo(map);
  govFeatures = adm1.features;
  drawLabels();
  attribution = t("map.attribution");
  map.attributionControl.addAttribution(attribution);
  cluster = L.markerClusterGroup({
    maxClusterRadius: 36,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    chunkedLoading: true,
    iconCreateFunction: clusterIcon,
  });
  map.addLayer(cluster);
  cluster.on("click", (e) => onSelect(e.layer.options.eventId));
  addLegend();
}

/// Governorate names at their polygons' label points (names are our own data; set as text).
function drawLabels() {
  for (const l of govLabels) l.remove();
  govLabels = [];
  for (const f of govFeatures) {
    const [lon, lat] = f.properties.center;
    const c = L.latLng(lat, lon);
    const name = getLang() === "ar" ? f.properties.name_ar : f.properties.name_en;
    const tip = L.tooltip({ permanent: true, direction: "center", className: "gov-label", interactive: false })
      .setLatLng(c)
      .setContent(el("span", {}, name));
    tip.addTo(map);
    govLabels.push(tip);
  }
}

let legend = null;
let attribution = "";
function addLegend() {
  if (legend) legend.remove();
  legend = L.control({ position: "bottomright" });
  legend.onAdd = () => {
    const box = el("div", { class: "legend" });
    for (const type of Object.keys(TYPES)) {
      box.append(el("div", { class: "legend-row" }, typeSymbol(type, 14), el("span", {}, t("type." + type))));
    }
    return box;
  };
  legend.addTo(map);
}

/// Redraws labels and legend in the current language.
export function relabel() {
  if (!map) return;
  drawLabels();
  addLegend();
  map.attributionControl.removeAttribution(attribution);
  attribution = t("map.attribution");
  map.attributionControl.addAttribution(attribution);
}

/// Shows these events; returns how many had coordinates.
export function showEvents(events) {
  if (!cluster) return 0;
  cluster.clearLayers();
  markers.clear();
  const layers = [];
  for (const e of events) {
    const { lat, lon } = e.location || {};
    if (typeof lat !== "number" || typeof lon !== "number") continue;
    const m = L.marker([lat, lon], {
      icon: markerIcon(e.event_type, e.review_status !== "unreviewed"),
      eventId: e.id,
      eventType: e.event_type,
      keyboard: true,
      title: "",
    });
    const label = el("span", {}, `${t("sub." + e.sub_event_type)} — ${e.location.name}${e.date ? " — " + e.date : ""}`);
    m.bindTooltip(label, { direction: "top", offset: [0, -8] });
    layers.push(m);
    markers.set(e.id, m);
  }
  cluster.addLayers(layers);
  return layers.length;
}

let focused = null;

/// Brings an event's marker into view (zooming in a little, opening its cluster) and marks it.
export function focusEvent(id) {
  if (focused) focused.getElement()?.classList.remove("focused");
  const m = markers.get(id);
  if (!m || !map) return;
  focused = m;
  const show = () => {
    const parent = cluster.getVisibleParent(m);
    if (parent && parent !== m && parent.spiderfy) parent.spiderfy();
    m.getElement()?.classList.add("focused");
  };
  const zoom = Math.max(map.getZoom(), 9);
  if (map.getZoom() === zoom && map.getBounds().contains(m.getLatLng())) show();
  else {
    // The clusters are redrawn after the zoom animation; spiderfy once they are.
    map.once("zoomend moveend", () => setTimeout(show, 400));
    map.setView(m.getLatLng(), zoom);
  }
}

/// Leaflet needs to know when its container changed size.
export function resize() {
  if (map) map.invalidateSize();
}
