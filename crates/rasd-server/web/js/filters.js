// The filter bar: event type, actor, governorate, review status, text; and the period the
// timeline selected.

import { el, render } from "./dom.js";
import { state, emit } from "./state.js";
import { t, getLang } from "./i18n.js";

let root = null;

function select(name, label, options) {
  const s = el("select", { name, "aria-label": label, on: { change: () => set(name, s.value) } },
    el("option", { value: "" }, `${label}: ${t("filter.any")}`),
    options.map(([value, text]) => el("option", { value }, text)));
  s.value = state.filters[name] || "";
  return s;
}

function set(name, value) {
  if (value) state.filters[name] = value;
  else delete state.filters[name];
  emit("filters");
}

export function initFilters(container) {
  root = container;
  drawFilters();
}

/// (Re)draws the bar from the vocabulary and the current filters.
export function drawFilters() {
  const v = state.vocabulary;
  if (!root || !v) return;
  const ar = getLang() === "ar";
  let timer = null;
  const text = el("input", {
    type: "search",
    name: "text",
    placeholder: t("filter.text"),
    value: state.filters.text || "",
    dir: "auto",
    on: {
      input: (ev) => {
        clearTimeout(timer);
        timer = setTimeout(() => set("text", ev.target.value.trim()), 350);
      },
    },
  });
  render(root,
    select("type", t("filter.type"), v.event_types.map((x) => [x.key, t("type." + x.key)])),
    select("actor", t("filter.actor"), v.actors.map((x) => [x.key, t("actor." + x.key)])),
    select("admin1", t("filter.admin1"), v.governorates.map((g) => [g.pcode, ar ? g.name_ar : g.name_en])),
    select("status", t("filter.status"), ["unreviewed", "confirmed", "edited", "rejected", "all"].map((s) => [s, t("status." + s)])),
    text,
    state.range
      ? el("span", { class: "chip" }, t("filter.range", { from: state.range.since, to: state.range.until }),
        el("button", { type: "button", class: "chip-x", "aria-label": t("filter.clear_range"), on: { click: () => { state.range = null; emit("filters"); } } }, "×"))
      : null,
    el("button", {
      type: "button",
      class: "link",
      on: { click: () => { state.filters = {}; state.range = null; emit("filters"); } },
    }, t("filter.reset")));
}
