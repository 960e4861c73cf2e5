// Start-up and routing: #/ (map, timeline, list), #/event/ID (the event panel beside the
// map), #/place/ID (a place dossier).

import { el, render } from "./dom.js";
import { api } from "./api.js";
import { state, on, emit, filterParams } from "./state.js";
import { t, num, applyStatic, setLang, getLang, onLangChange, extend } from "./i18n.js";
import { initMap, showEvents, focusEvent, relabel, resize } from "./map.js";
import { initTimeline, drawTimeline } from "./timeline.js";
import { initFilters, drawFilters } from "./filters.js";
import { initList, drawList } from "./list.js";
import { showEvent } from "./event-panel.js";
import { showDossier, initPlaceSearch } from "./dossier.js";

const $ = (id) => document.getElementById(id);
/// Most events put on the map at once (pages of 500).
const MAP_MAX = 2000;

let listItems = [];
let listTotal = 0;
let selected = null;
let loadSeq = 0;

function go(hash) {
  if (location.hash !== hash) location.hash = hash;
  else route();
}

const select = (id) => go(`#/event/${encodeURIComponent(id)}`);

/// Reloads the map, the list and the timeline for the current filters.
async function reload() {
  const mine = ++loadSeq;
  drawFilters();
  const params = filterParams();
  try {
    const [stats, first] = await Promise.all([
      api.stats(filterParams({ withRange: false })),
      api.events({ ...params, limit: 500 }),
    ]);
    if (mine !== loadSeq) return;
    drawTimeline(stats, state.range);
    listItems = first.items.slice(0, 100);
    listTotal = first.total;
    drawListPage();
    let mapEvents = first.items;
    while (mapEvents.length < Math.min(first.total, MAP_MAX)) {
      const next = await api.events({ ...params, limit: 500, offset: mapEvents.length });
      if (mine !== loadSeq || !next.items.length) break;
      mapEvents = mapEvents.concat(next.items);
    }
    if (mine !== loadSeq) return;
    const placed = showEvents(mapEvents);
    const unplaced = mapEvents.length - placed;
    render($("map-status"),
      t("map.shown", { shown: num(placed), total: num(first.total) }),
      unplaced ? " — " + t("map.no_coords", { n: num(unplaced) }) : "");
  } catch (err) {
    render($("list"), el("p", { class: "error" }, t("error.load", { error: err.message })));
  }
}

function drawListPage() {
  const more = listItems.length < listTotal
    ? async () => {
      const next = await api.events({ ...filterParams(), limit: 100, offset: listItems.length });
      listItems = listItems.concat(next.items);
      drawListPage();
    }
    : null;
  drawList(listItems, listTotal, more, selected);
}

async function totals() {
  try {
    const tt = await api.totals();
    render($("totals"), t("totals", { events: num(tt.events), documents: num(tt.documents) }));
  } catch (_) { /* the header line is optional */ }
}

/// Shows the view of the current hash.
async function route() {
  const h = location.hash || "#/";
  const ev = h.match(/^#\/event\/(.+)$/);
  const pl = h.match(/^#\/place\/(.+)$/);
  document.body.dataset.view = pl ? "dossier" : ev ? "event" : "map";
  resize();
  if (pl) {
    await showDossier($("dossier-view"), decodeURIComponent(pl[1]), select);
    return;
  }
  if (ev) {
    selected = decodeURIComponent(ev[1]);
    drawListPage();
    focusEvent(selected);
    await showEvent($("panel"), selected, {
      onClose: () => go("#/"),
      onChanged: () => {
        totals();
        reload();
        route();
      },
    });
    return;
  }
  selected = null;
  drawListPage();
}

async function boot() {
  applyStatic();
  $("lang-toggle").addEventListener("click", () => setLang(getLang() === "ar" ? "en" : "ar"));
  try {
    state.vocabulary = await api.vocabulary();
  } catch (err) {
    render($("list"), el("p", { class: "error" }, t("error.load", { error: err.message })));
    return;
  }
  extend("en", Object.fromEntries(state.vocabulary.actors.map((a) => ["actor." + a.key, a.name])));
  initFilters($("filters"));
  initTimeline($("timeline"), (range) => {
    state.range = range;
    emit("filters");
  });
  initList($("list"), select);
  initPlaceSearch($("place-search"), (id) => go(`#/place/${encodeURIComponent(id)}`));
  on("filters", reload);
  onLangChange(() => {
    relabel();
    totals();
    reload();
    route();
  });
  await initMap($("map"), select);
  window.addEventListener("hashchange", route);
  totals();
  await reload();
  await route();
  document.body.dataset.ready = "1";
}

boot();
