// The event panel: the coded fields, confidence, disagreements between sources side by
// side, every source article with its evidence spans highlighted, review and history.

import { el, render, safeLink } from "./dom.js";
import { api } from "./api.js";
import { typeSymbol } from "./map.js";
import { highlighted, lightField } from "./highlight.js";
import { reviewSection, historySection } from "./review.js";
import { t, num, actorLabel } from "./i18n.js";

/// Which evidence field lights up when a row is hovered.
const ROW_EVIDENCE = { event_type: "sub_event_type" };

function fieldRow(key, value, { reviewed = false, field = key } = {}) {
  return el("div", { class: "field-row", dataset: { field: ROW_EVIDENCE[field] || field } },
    el("dt", {}, t("field." + key), reviewed ? el("span", { class: "badge reviewed", title: t("panel.reviewed") }, "✔ " + t("panel.reviewed")) : null),
    el("dd", {}, value));
}

function locationValue(loc) {
  const admin = [loc.admin3, loc.admin2, loc.admin1].filter(Boolean);
  const name = loc.canonical_name && loc.canonical_name !== loc.name ? `${loc.name} (${loc.canonical_name})` : loc.name;
  return el("div", { class: "location" },
    el("div", {}, el("strong", {}, name || t("panel.unknown")),
      loc.place_id ? el("a", { href: `#/place/${encodeURIComponent(loc.place_id)}`, class: "dossier-link" }, t("panel.dossier")) : null),
    admin.length ? el("div", { class: "muted" }, admin.join(" ‹ ")) : null,
    el("div", { class: "muted small" }, t("precision.geo." + loc.geo_precision)),
    typeof loc.lat === "number" || loc.place_id
      ? el("div", { class: "coords muted" },
        typeof loc.lat === "number" ? el("bdi", { dir: "ltr" }, `${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}`) : null,
        loc.place_id ? el("bdi", { dir: "ltr" }, loc.place_id) : null)
      : null);
}

function fields(e) {
  const reviewed = new Set(e.overridden || []);
  const r = (f) => reviewed.has(f);
  const count = (n) => (n === null || n === undefined ? t("panel.unknown") : num(n));
  return el("dl", { class: "fields" },
    fieldRow("event_type", el("span", { class: "type-line" }, typeSymbol(e.event_type, 16), t("type." + e.event_type)), { reviewed: r("sub_event_type") }),
    fieldRow("sub_event_type", t("sub." + e.sub_event_type), { reviewed: r("sub_event_type") }),
    fieldRow("tags", e.tags && e.tags.length ? e.tags.map((x) => el("span", { class: "tag" }, t("tag." + x))) : t("panel.unknown"), { reviewed: r("tags") }),
    fieldRow("location", locationValue(e.location || {}), { reviewed: r("location") }),
    fieldRow("date", el("span", {}, el("span", { dir: "ltr" }, e.date || t("undated")),
      e.time_precision ? el("span", { class: "muted small" }, " — " + t("precision.time." + e.time_precision)) : null), { reviewed: r("date") }),
    fieldRow("actor1", actorLabel(e.actor1), { reviewed: r("actor1") }),
    fieldRow("actor2", actorLabel(e.actor2), { reviewed: r("actor2") }),
    fieldRow("fatalities", count(e.fatalities), { reviewed: r("fatalities") }),
    fieldRow("injured", count(e.injured), { reviewed: r("injured") }),
    e.notes ? fieldRow("notes", el("span", { class: "notes", dir: "auto" }, e.notes), { reviewed: r("event"), field: "event" }) : null);
}

function confidence(e) {
  const pct = Math.round((e.confidence || 0) * 100);
  return el("div", { class: "confidence" },
    el("span", {}, t("panel.confidence")),
    el("span", { class: "bar" }, el("span", { class: "fill", style: `width:${pct}%` })),
    el("span", { dir: "ltr" }, pct + "%"),
    el("span", { class: "muted small" }, t("panel.n_sources", { n: num(e.n_sources), r: num(e.n_reports) })));
}

/// A disagreement's value for display.
function valueLabel(field, v) {
  if (field === "sub_event_type") return t("sub." + v);
  if (field === "actor1" || field === "actor2") return actorLabel(v);
  if (field === "tags") return v.split(",").filter(Boolean).map((x) => t("tag." + x)).join("، ") || t("panel.unknown");
  return v === "" ? t("panel.unknown") : v;
}

function disagreements(view) {
  const ds = view.event.disagreements || [];
  if (!ds.length) return el("p", { class: "muted" }, t("panel.no_disagreements"));
  const outlet = new Map(view.reports.map((r) => [r.id, (r.source && (r.source.outlet || r.source.doc_id)) || "#" + r.id]));
  return el("div", { class: "disagreements" }, ds.map((d) => el("div", { class: "disagreement", dataset: { field: d.field } },
    el("div", { class: "d-head" }, el("strong", {}, t("field." + d.field)), el("span", { class: "muted small" }, `${t("panel.rule")}: ${d.rule}`)),
    el("div", { class: "d-values" }, d.values.map((v) => el("div", { class: "d-value" + (v.value === d.chosen ? " chosen" : "") },
      el("div", { class: "d-val" }, valueLabel(d.field, v.value)),
      v.value === d.chosen ? el("div", { class: "chosen-tag" }, t("panel.chosen")) : null,
      el("ul", { class: "d-sources" }, v.reports.map((id) => el("li", {}, outlet.get(id) || "#" + id)))))))));
}

/// One source article: metadata, then title and text with this event's spans.
async function sourceBlock(src, reports, selection) {
  const box = el("article", { class: "source", dataset: { document: src.document } },
    el("header", {},
      el("div", { class: "source-outlet" }, src.outlet ? el("bdi", {}, src.outlet) : el("bdi", { dir: "ltr" }, src.doc_id)),
      el("div", { class: "source-title", dir: "auto" }, src.headline || t("source.untitled")),
      el("div", { class: "muted small" },
        src.published ? el("span", { dir: "ltr" }, t("source.published", { date: src.published })) : null,
        src.duplicate_of ? el("span", { class: "badge" }, t("panel.duplicate")) : null,
        src.url ? safeLink(src.url, src.url) : null)),
    el("ul", { class: "source-reports" }, reports.map((r) => el("li", {},
      el("label", {},
        el("input", { type: "checkbox", class: "split-pick", dataset: { report: r.id }, on: { change: (ev) => (ev.target.checked ? selection.add(r.id) : selection.delete(r.id)) } }),
        ` #${r.id} — ${t("sub." + r.report.sub_event_type)}`),
      r.status !== "active" ? el("span", { class: "badge" }, t("panel.report_removed")) : null))),
    el("div", { class: "muted" }, t("loading")));
  try {
    const doc = await api.document(src.document);
    const active = reports.filter((r) => r.status === "active");
    const spans = active.flatMap((r) => r.report.evidence || []);
    const body = spans.filter((s) => (s.part || "body") === "body");
    const title = spans.filter((s) => s.part === "title");
    box.lastChild.replaceWith(el("div", { class: "source-text" },
      doc.title && title.length ? highlighted(doc.title, title, [], "h4") : null,
      highlighted(doc.text, body, doc.removed)));
  } catch (err) {
    box.lastChild.replaceWith(el("p", { class: "error" }, t("error.load", { error: err.message })));
  }
  return box;
}

/// Shows event `id` in `root`. `onChanged()` is called after a review.
export async function showEvent(root, id, { onClose, onChanged }) {
  render(root, el("p", { class: "muted" }, t("loading")));
  let view;
  try {
    view = await api.event(id);
  } catch (err) {
    render(root, el("button", { type: "button", class: "close", on: { click: onClose } }, "×"), el("p", { class: "error" }, t("error.load", { error: err.message })));
    return;
  }
  const e = view.event;
  const selection = new Set();
  const sourcesBox = el("div", { class: "sources" });
  const byDoc = new Map();
  for (const r of view.reports) {
    if (!byDoc.has(r.document)) byDoc.set(r.document, []);
    byDoc.get(r.document).push(r);
  }
  const fieldList = fields(e);
  render(root,
    el("div", { class: "panel-head" },
      el("button", { type: "button", class: "close", "aria-label": t("panel.close"), on: { click: onClose } }, "×"),
      typeSymbol(e.event_type, 22),
      el("h2", {}, t("sub." + e.sub_event_type)),
      el("span", { class: "event-id", dir: "ltr" }, e.id),
      el("span", { class: "badge " + e.review_status }, t("status." + e.review_status))),
    view.requested ? el("p", { class: "note" }, t("panel.redirected", { old: view.requested })) : null,
    confidence(e),
    el("section", {}, el("h3", {}, t("panel.fields")), fieldList),
    el("section", {}, el("h3", {}, t("panel.disagreements")), disagreements(view)),
    el("section", {}, el("h3", {}, t("panel.sources", { n: num(byDoc.size) })), sourcesBox),
    el("section", { class: "review-box" }, reviewSection(view, selection, onChanged)),
    el("section", {}, el("h3", {}, t("panel.history")), historySection(view)));
  // Hovering a field lights its spans; hovering a span lights its fields.
  for (const row of root.querySelectorAll(".field-row, .disagreement")) {
    row.addEventListener("mouseenter", () => lightField(sourcesBox, row.dataset.field));
    row.addEventListener("mouseleave", () => lightField(sourcesBox, null));
  }
  sourcesBox.addEventListener("mouseleave", () => {
    for (const row of fieldList.querySelectorAll(".field-row.hot")) row.classList.remove("hot");
  });
  sourcesBox.addEventListener("mouseover", (ev) => {
    const m = ev.target.closest && ev.target.closest("mark.ev");
    for (const row of fieldList.querySelectorAll(".field-row")) {
      row.classList.toggle("hot", !!m && (m.dataset.fields || "").split(" ").includes(row.dataset.field));
    }
  });
  const blocks = await Promise.all([...byDoc.entries()].map(([doc, reports]) => {
    const src = reports[0].source || { document: doc, doc_id: reports[0].doc_id };
    return sourceBlock(src, reports, selection);
  }));
  render(sourcesBox, blocks);
}
