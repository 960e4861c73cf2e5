// A place dossier: every event at a place and around it, in time order, each with its
// sources. Also the place search box of the header.

import { el, render, safeLink } from "./dom.js";
import { api } from "./api.js";
import { typeSymbol } from "./map.js";
import { t, num, getLang, actorLabel } from "./i18n.js";

/// Shows the dossier of `placeId` in `root`; clicking an event calls `onSelect(id)`.
export async function showDossier(root, placeId, onSelect) {
  render(root, el("p", { class: "muted" }, t("loading")));
  let d;
  try {
    d = await api.dossier(placeId, { radius_km: 5 });
  } catch (err) {
    render(root, el("p", { class: "error" }, t("error.load", { error: err.message })));
    return;
  }
  const p = d.place;
  const ar = getLang() === "ar";
  const admin = [p.admin3, p.admin2, p.admin1].filter(Boolean).map((a) => (ar ? a.name_ar : a.name_en));
  render(root,
    el("header", { class: "dossier-head" },
      el("h2", {}, t("dossier.title", { name: ar ? p.name_ar : p.name_en || p.name_ar })),
      el("div", { class: "muted" }, [ar ? p.name_en : p.name_ar, ...admin].filter(Boolean).join(" ‹ ")),
      el("p", { class: "small muted" }, t("dossier.around", { km: num(d.radius_km) }), d.truncated ? " — " + t("dossier.truncated") : "")),
    d.events.length
      ? el("ol", { class: "dossier" }, d.events.map((x) => dossierItem(x, onSelect)))
      : el("p", { class: "empty" }, t("dossier.empty")));
}

function dossierItem(x, onSelect) {
  const e = x.event;
  return el("li", { class: "dossier-item", dataset: { id: e.id } },
    el("div", { class: "dossier-date", dir: "ltr" }, e.date || t("undated")),
    el("div", { class: "dossier-dot" }, typeSymbol(e.event_type, 18)),
    el("div", { class: "dossier-body" },
      el("a", { href: `#/event/${encodeURIComponent(e.id)}`, class: "dossier-title", on: { click: (ev) => { ev.preventDefault(); onSelect(e.id); } } },
        t("sub." + e.sub_event_type),
        e.tags && e.tags.length ? el("span", { class: "tags" }, e.tags.map((g) => el("span", { class: "tag" }, t("tag." + g)))) : null),
      el("div", { class: "muted small" },
        e.location.canonical_name || e.location.name,
        " — ",
        x.at_place ? t("dossier.at_place") : x.distance_km !== null ? t("dossier.km", { km: num(Math.round(x.distance_km * 10) / 10) }) : "",
        e.actor1 ? " — " + actorLabel(e.actor1) : "",
        e.actor2 ? " ← " + actorLabel(e.actor2) : "",
        e.fatalities ? ` — ${t("field.fatalities")}: ${num(e.fatalities)}` : ""),
      e.notes ? el("p", { class: "dossier-notes", dir: "auto" }, e.notes) : null,
      el("ul", { class: "dossier-sources" }, x.sources.map((s) => el("li", {},
        el("strong", {}, s.outlet ? el("bdi", {}, s.outlet) : el("bdi", { dir: "ltr" }, s.doc_id)), " — ",
        el("bdi", {}, s.headline || t("source.untitled")),
        s.published ? el("span", { class: "muted", dir: "ltr" }, " " + s.published.slice(0, 10)) : null,
        s.url ? el("span", { class: "small" }, " ", safeLink(s.url, "↗")) : null)))));
}

/// The header's place search: suggestions as you type; choosing one opens its dossier.
export function initPlaceSearch(form, onPick) {
  const input = form.querySelector("input");
  const list = form.querySelector("ul");
  let timer = null;
  let seq = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) return render(list);
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const res = await api.places(q);
        if (mine !== seq) return;
        const ar = getLang() === "ar";
        render(list, res.items.map((p) => el("li", {},
          el("button", { type: "button", on: { click: () => { render(list); input.value = ""; onPick(p.id); } } },
            el("strong", {}, ar ? p.name_ar : p.name_en || p.name_ar),
            el("span", { class: "muted small" }, " " + [ar ? p.name_en : p.name_ar, p.admin1 && (ar ? p.admin1.name_ar : p.admin1.name_en)].filter(Boolean).join(" — "))))));
      } catch (_) {
        render(list);
      }
    }, 200);
  });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const first = list.querySelector("button");
    if (first) first.click();
  });
}
