// The event list beside the map: newest first, a page at a time.

import { el, render } from "./dom.js";
import { typeSymbol } from "./map.js";
import { t, num } from "./i18n.js";

let root = null;
let onSelect = () => {};

export function initList(container, select) {
  root = container;
  onSelect = select;
}

/// One line of an event: symbol, sub-type, place, date, fatalities, sources, review.
export function eventRow(e, { selected = false } = {}) {
  const loc = e.location || {};
  return el("li", {
    class: "event-row" + (selected ? " selected" : ""),
    tabindex: 0,
    dataset: { id: e.id, type: e.event_type, date: e.date || "" },
    on: {
      click: () => onSelect(e.id),
      keydown: (ev) => { if (ev.key === "Enter") onSelect(e.id); },
    },
  },
  typeSymbol(e.event_type, 16),
  el("div", { class: "event-main" },
    el("div", { class: "event-title" }, t("sub." + e.sub_event_type),
      e.tags && e.tags.length ? el("span", { class: "tags" }, e.tags.map((x) => el("span", { class: "tag" }, t("tag." + x)))) : null),
    el("div", { class: "event-meta" },
      el("span", { class: "place" }, loc.canonical_name || loc.name || ""),
      loc.admin1 ? el("span", { class: "muted" }, loc.admin1) : null,
      el("span", { class: "date", dir: "ltr" }, e.date || t("undated")))),
  el("div", { class: "event-side" },
    e.fatalities ? el("span", { class: "fatal", title: t("field.fatalities") }, "✝ " + num(e.fatalities)) : null,
    el("span", { class: "muted", title: t("panel.n_sources", { n: e.n_sources, r: e.n_reports }) }, "▤ " + num(e.n_sources)),
    e.review_status !== "unreviewed" ? el("span", { class: "badge " + e.review_status }, t("status." + e.review_status)) : null,
    el("span", { class: "event-id", dir: "ltr" }, e.id)));
}

/// Shows a page of events; `more` loads the next page when given.
export function drawList(events, total, more, selectedId) {
  if (!root) return;
  render(root,
    el("div", { class: "list-head" },
      el("h2", {}, t("list.title")),
      el("span", { class: "muted" }, t("list.count", { shown: num(events.length), total: num(total) }))),
    events.length
      ? el("ol", { class: "event-list" }, events.map((e) => eventRow(e, { selected: e.id === selectedId })))
      : el("p", { class: "empty" }, t("list.empty")),
    more ? el("button", { type: "button", class: "more", on: { click: more } }, t("list.more")) : null);
}
