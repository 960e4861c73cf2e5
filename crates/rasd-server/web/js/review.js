// Reviews: confirm, edit a field, reject, merge another event in, split reports out.
// The write token and the reviewer's name are asked once and kept in localStorage.

import { el, render } from "./dom.js";
import { api, ApiError } from "./api.js";
import { state } from "./state.js";
import { t, num, actorLabel } from "./i18n.js";

const TOKEN_KEY = "rasd.token";
const WHO_KEY = "rasd.who";

export function credentials() {
  return { token: localStorage.getItem(TOKEN_KEY) || "", who: localStorage.getItem(WHO_KEY) || "" };
}

export function forgetToken() {
  localStorage.removeItem(TOKEN_KEY);
}

/// A small form asking for the token and name; resolves when saved.
function askCredentials(box) {
  return new Promise((resolve) => {
    const c = credentials();
    const token = el("input", { type: "password", name: "token", autocomplete: "off", value: c.token, placeholder: t("review.token"), dir: "ltr" });
    const who = el("input", { type: "text", name: "who", value: c.who, placeholder: t("review.who") });
    const form = el("form", {
      class: "token-form",
      on: {
        submit: (ev) => {
          ev.preventDefault();
          if (!token.value.trim() || !who.value.trim()) return;
          localStorage.setItem(TOKEN_KEY, token.value.trim());
          localStorage.setItem(WHO_KEY, who.value.trim());
          form.remove();
          resolve(credentials());
        },
      },
    }, el("p", { class: "small" }, t("review.need_token")), token, who, el("button", { type: "submit" }, t("review.save_token")));
    box.append(form);
    token.focus();
  });
}

/// Sends a review, asking for credentials first if needed (and again after a 401).
async function send(id, body, status, onDone) {
  let c = credentials();
  if (!c.token || !c.who) c = await askCredentials(status);
  render(status, t("loading"));
  try {
    await api.review(id, { ...body, who: c.who }, c.token);
    render(status, el("span", { class: "ok" }, t("review.done")));
    onDone();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      forgetToken();
      render(status, el("span", { class: "error" }, t("review.unauthorized")));
      return;
    }
    render(status, el("span", { class: "error" }, t("review.failed", { error: err.message })));
  }
}

const EDITABLE = ["sub_event_type", "tags", "date", "actor1", "actor2", "fatalities", "injured", "notes"];

/// The value input of an edit, for a field.
function valueInput(field, e) {
  const v = state.vocabulary;
  const options = (items, current) => el("select", { name: "value" },
    items.map(([k, label]) => el("option", { value: k, selected: k === current }, label)));
  switch (field) {
    case "sub_event_type":
      return options(v.sub_event_types.map((s) => [s.key, t("sub." + s.key)]), e.sub_event_type);
    case "actor1":
    case "actor2":
      return options([["", t("panel.unknown")], ...v.actors.map((a) => [a.key, actorLabel(a.key)])], (e[field] || "").split(":")[0]);
    case "tags":
      return el("select", { name: "value", multiple: true, size: 4 },
        v.tags.map((x) => el("option", { value: x.key, selected: (e.tags || []).includes(x.key) }, t("tag." + x.key))));
    case "date":
      return el("input", { type: "date", name: "value", value: e.date || "" });
    case "fatalities":
    case "injured":
      return el("input", { type: "number", name: "value", min: 0, step: 1, value: e[field] ?? "" });
    default:
      return el("input", { type: "text", name: "value", value: e.notes || "", dir: "auto" });
  }
}

/// The value of an edit as the API wants it.
function editValue(field, input) {
  switch (field) {
    case "tags":
      return [...input.selectedOptions].map((o) => o.value);
    case "date":
    case "actor1":
    case "actor2":
      return input.value || null;
    case "fatalities":
    case "injured":
      return input.value === "" ? null : Math.max(0, parseInt(input.value, 10));
    default:
      return input.value;
  }
}

/// The review controls of an event view. `selection` holds report ids ticked for a split.
export function reviewSection(view, selection, onDone) {
  const e = view.event;
  const status = el("div", { class: "review-status", role: "status" });
  const note = el("input", { type: "text", name: "note", placeholder: t("review.note"), dir: "auto", maxlength: 4000 });
  const withNote = (body) => (note.value.trim() ? { ...body, note: note.value.trim() } : body);
  const fieldSel = el("select", { name: "field" }, EDITABLE.map((f) => el("option", { value: f }, t("field." + f))));
  const slot = el("span", { class: "value-slot" }, valueInput(fieldSel.value, e));
  fieldSel.addEventListener("change", () => render(slot, valueInput(fieldSel.value, e)));
  const other = el("input", { type: "text", name: "other", placeholder: t("review.other"), dir: "ltr", pattern: "SYR[0-9]+" });
  const c = credentials();
  return el("div", { class: "review" },
    el("h3", {}, t("review.title")),
    el("div", { class: "review-actions" },
      el("button", { type: "button", class: "confirm", on: { click: () => send(e.id, withNote({ action: "confirm" }), status, onDone) } }, "✔ " + t("review.confirm")),
      el("button", { type: "button", class: "reject", on: { click: () => send(e.id, withNote({ action: "reject" }), status, onDone) } }, "✖ " + t("review.reject")),
      note),
    el("form", {
      class: "review-edit",
      on: {
        submit: (ev) => {
          ev.preventDefault();
          const field = fieldSel.value;
          send(e.id, withNote({ action: "edit", edit: { field, value: editValue(field, slot.firstChild) } }), status, onDone);
        },
      },
    }, el("span", {}, t("review.edit")), fieldSel, slot, el("button", { type: "submit" }, t("review.submit"))),
    el("form", {
      class: "review-merge",
      on: {
        submit: (ev) => {
          ev.preventDefault();
          const o = other.value.trim().toUpperCase();
          if (o) send(e.id, withNote({ action: "merge", other: o }), status, onDone);
        },
      },
    }, el("span", {}, t("review.merge")), other, el("button", { type: "submit" }, t("review.submit"))),
    el("div", { class: "review-split" },
      el("button", {
        type: "button",
        on: {
          click: () => {
            if (!selection.size) return render(status, el("span", { class: "error" }, t("review.split_pick")));
            send(e.id, withNote({ action: "split", reports: [...selection] }), status, onDone);
          },
        },
      }, t("review.split"))),
    status,
    c.token ? el("button", { type: "button", class: "link small", on: { click: (ev) => { forgetToken(); ev.target.remove(); } } }, t("review.forget")) : null);
}

function actionLabel(a) {
  switch (a.action) {
    case "edit":
      return t("action.edit", { field: t("field." + (a.edit.field === "notes" ? "notes" : a.edit.field)) }) + ": " + JSON.stringify(a.edit.value);
    case "merge":
      return t("action.merge", { other: a.other });
    case "split":
      return t("action.split", { n: num(a.reports.length) });
    default:
      return t("action." + a.action);
  }
}

const when = (at) => at.replace("T", " ").slice(0, 19);

/// Who did what when: reviews, then the merge history.
export function historySection(view) {
  return el("div", { class: "history" },
    el("h4", {}, t("panel.reviews")),
    view.reviews.length
      ? el("ol", { class: "reviews" }, view.reviews.map((r) => el("li", { class: "review-item" },
        el("strong", {}, actionLabel(r.action)),
        el("span", { class: "muted small" }, " — ", el("bdi", {}, r.who), " — ", el("span", { dir: "ltr" }, when(r.at))),
        r.note ? el("div", { class: "note", dir: "auto" }, r.note) : null)))
      : el("p", { class: "muted" }, t("panel.no_reviews")),
    el("h4", {}, t("panel.merges")),
    el("ol", { class: "merges" }, view.history.map((m) => el("li", {},
      el("span", {}, t("merge." + m.kind)),
      m.other_event_id ? el("span", { dir: "ltr" }, " " + m.other_event_id) : null,
      m.report_id ? el("span", { class: "muted" }, ` #${m.report_id}`) : null,
      m.reason && m.reason.summary ? el("span", { class: "muted small" }, " — " + m.reason.summary) : null,
      el("span", { class: "muted small" }, " — ", el("bdi", {}, m.who), " — ", el("span", { dir: "ltr" }, when(m.at)))))));
}
