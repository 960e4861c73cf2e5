// Article text with evidence spans highlighted. Spans are UTF-8 byte offsets into the
// original text; the text is cut at span boundaries and every piece becomes a text node
// (never HTML), so markup in an article shows as the characters it is.

import { el } from "./dom.js";
import { t } from "./i18n.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/// `spans`: [{start, end, field}] (byte offsets); `removed`: [{start, end, reason}].
/// Returns an element whose text is exactly `text`.
export function highlighted(text, spans, removed = [], tag = "div") {
  const bytes = encoder.encode(text);
  const n = bytes.length;
  const clamp = (x) => Math.max(0, Math.min(n, x | 0));
  const marks = spans.map((s) => ({ ...s, start: clamp(s.start), end: clamp(s.end) })).filter((s) => s.end > s.start);
  const cuts = removed.map((r) => ({ ...r, start: clamp(r.start), end: clamp(r.end) })).filter((r) => r.end > r.start);
  const bounds = new Set([0, n]);
  for (const s of [...marks, ...cuts]) {
    bounds.add(s.start);
    bounds.add(s.end);
  }
  const points = [...bounds].sort((a, b) => a - b);
  const out = el(tag, { class: "article-text", dir: "rtl", lang: "ar" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = decoder.decode(bytes.subarray(a, b));
    const active = marks.filter((s) => s.start <= a && s.end >= b);
    const cut = cuts.find((r) => r.start <= a && r.end >= b);
    if (!active.length && !cut) {
      out.append(document.createTextNode(piece));
      continue;
    }
    const classes = [];
    const attrs = {};
    if (active.length) {
      // The most specific span (the shortest) gives the colour; all fields are listed.
      const main = active.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
      const fields = [...new Set(active.map((s) => s.field))];
      classes.push("ev", "f-" + main.field);
      attrs.dataset = { fields: fields.join(" ") };
      attrs.title = fields.map((f) => t("field." + f)).join("، ");
    }
    if (cut) {
      classes.push("removed");
      attrs.title = (attrs.title ? attrs.title + " — " : "") + t("panel.removed_text") + ": " + t("removal." + cut.reason);
    }
    out.append(el(active.length ? "mark" : "span", { ...attrs, class: classes.join(" ") }, piece));
  }
  return out;
}

/// Lights up the marks of one field inside `root` (null: none).
export function lightField(root, field) {
  for (const m of root.querySelectorAll("mark.hot")) m.classList.remove("hot");
  if (!field) return;
  for (const m of root.querySelectorAll("mark.ev")) {
    if ((m.dataset.fields || "").split(" ").includes(field)) m.classList.add("hot");
  }
}
