// The timeline: events per day (or week, or month, for long spans), stacked by event type.
// Dragging across it selects a period that filters the map and the list; a click clears it.

import { el, svg, render } from "./dom.js";
import { TYPES, TYPE_ORDER } from "./state.js";
import { t, num } from "./i18n.js";

const DAY = 86400000;
const H = 120;
const PAD = { top: 16, bottom: 20, left: 8, right: 8 };

let root = null;
let onRangeCb = () => {};
let last = null; // {stats, range}

const dayOf = (s) => Math.floor(Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY);
const isoOf = (d) => new Date(d * DAY).toISOString().slice(0, 10);

/// Bins for a span of days: day, ISO week or month.
function binning(minDay, maxDay) {
  const span = maxDay - minDay + 1;
  if (span <= 120) return { unit: "day", start: (d) => d, next: (d) => d + 1 };
  if (span <= 1100) {
    const monday = (d) => d - ((new Date(d * DAY).getUTCDay() + 6) % 7);
    return { unit: "week", start: monday, next: (d) => d + 7 };
  }
  const first = (d) => {
    const x = new Date(d * DAY);
    return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), 1) / DAY;
  };
  return {
    unit: "month",
    start: first,
    next: (d) => {
      const x = new Date(d * DAY);
      return Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + 1, 1) / DAY;
    },
  };
}

export function initTimeline(container, onRange) {
  root = container;
  onRangeCb = onRange;
  window.addEventListener("resize", () => last && drawTimeline(last.stats, last.range));
}

/// Draws the stacked series of /api/stats; `range` is the brushed period or null.
export function drawTimeline(stats, range) {
  last = { stats, range };
  const series = stats.per_day_by_type || [];
  const all = series.flatMap((s) => s.per_day.map(([d]) => dayOf(d)));
  const header = el("div", { class: "timeline-head" },
    el("span", { class: "timeline-hint" }, t("timeline.hint")),
    stats.undated ? el("span", { class: "timeline-undated" }, t("timeline.undated", { n: num(stats.undated) })) : null,
    range ? el("button", { class: "link", type: "button", on: { click: () => onRangeCb(null) } }, t("filter.clear_range")) : null);
  if (!all.length) {
    render(root, header, el("div", { class: "timeline-empty" }, t("timeline.empty")));
    return;
  }
  // At least a month is shown, so a few days of data do not become wall-wide bars.
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi - lo < 30) {
    const mid = Math.floor((lo + hi) / 2);
    lo = Math.min(lo, mid - 15);
    hi = Math.max(hi, mid + 15);
  }
  const bin = binning(lo, hi);
  const bins = [];
  for (let d = bin.start(lo); d <= hi; d = bin.next(d)) bins.push(d);
  const index = new Map(bins.map((d, i) => [d, i]));
  const counts = bins.map(() => ({}));
  for (const s of series) {
    for (const [d, n] of s.per_day) {
      const i = index.get(bin.start(dayOf(d)));
      if (i !== undefined) counts[i][s.event_type] = (counts[i][s.event_type] || 0) + n;
    }
  }
  const totals = counts.map((c) => Object.values(c).reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const W = Math.max(200, root.clientWidth || 600);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const bw = innerW / bins.length;
  const chart = svg("svg", { class: "timeline-svg", width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img" });
  // Bars, stacked in the legend's order.
  bins.forEach((d, i) => {
    let y = PAD.top + innerH;
    for (const type of TYPE_ORDER) {
      const n = counts[i][type];
      if (!n) continue;
      const h = (n / max) * innerH;
      y -= h;
      const r = svg("rect", { x: PAD.left + i * bw + (bw > 3 ? 0.5 : 0), y, width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: h, fill: TYPES[type].color });
      r.append(svg("title", {}, `${isoOf(d)} — ${t("type." + type)}: ${n}`));
      chart.append(r);
    }
  });
  chart.append(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: PAD.top + innerH + 0.5, y2: PAD.top + innerH + 0.5, stroke: "#9aa5b1" }));
  // A few date ticks.
  const ticks = Math.min(bins.length, Math.max(2, Math.floor(innerW / 110)));
  for (let k = 0; k < ticks; k++) {
    const i = Math.round((k * (bins.length - 1)) / Math.max(1, ticks - 1));
    const x = PAD.left + (i + 0.5) * bw;
    const label = bin.unit === "month" ? isoOf(bins[i]).slice(0, 7) : isoOf(bins[i]);
    chart.append(svg("text", { x, y: H - 5, "text-anchor": "middle", class: "tick" }, label));
  }
  // The scale: a faint line at the tallest bar, labelled above it.
  chart.append(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: PAD.top + 0.5, y2: PAD.top + 0.5, stroke: "#e4e7eb", "stroke-dasharray": "2 3" }));
  chart.append(svg("text", { x: PAD.left + 2, y: PAD.top - 4, class: "tick" }, `${num(max)} / ${t("timeline." + bin.unit)}`));
  // The selected period.
  if (range) {
    const i0 = bins.findIndex((d) => bin.next(d) > dayOf(range.since));
    let i1 = bins.findIndex((d) => d > dayOf(range.until));
    if (i1 < 0) i1 = bins.length;
    if (i0 >= 0 && i1 > i0) {
      chart.append(svg("rect", { class: "brush", x: PAD.left + i0 * bw, y: PAD.top, width: (i1 - i0) * bw, height: innerH }));
    }
  }
  const sel = svg("rect", { class: "brush live", x: 0, y: PAD.top, width: 0, height: innerH, visibility: "hidden" });
  chart.append(sel);
  brush(chart, sel, (x0, x1) => {
    const i0 = Math.max(0, Math.floor((x0 - PAD.left) / bw));
    const i1 = Math.min(bins.length - 1, Math.floor((x1 - PAD.left) / bw));
    if (i1 < i0) return;
    onRangeCb({ since: isoOf(bins[i0]), until: isoOf(bin.next(bins[i1]) - 1) });
  });
  render(root, header, el("div", { class: "timeline-chart", dir: "ltr" }, chart));
}

/// Pointer dragging on the chart: `done(x0, x1)` with a selection, or clear on a click.
function brush(chart, sel, done) {
  let x0 = null;
  const xOf = (ev) => ev.clientX - chart.getBoundingClientRect().left;
  chart.addEventListener("pointerdown", (ev) => {
    x0 = xOf(ev);
    chart.setPointerCapture(ev.pointerId);
    sel.setAttribute("x", x0);
    sel.setAttribute("width", 0);
    sel.setAttribute("visibility", "visible");
  });
  chart.addEventListener("pointermove", (ev) => {
    if (x0 === null) return;
    const x = xOf(ev);
    sel.setAttribute("x", Math.min(x0, x));
    sel.setAttribute("width", Math.abs(x - x0));
  });
  chart.addEventListener("pointerup", (ev) => {
    if (x0 === null) return;
    const x = xOf(ev);
    const [a, b] = [Math.min(x0, x), Math.max(x0, x)];
    x0 = null;
    sel.setAttribute("visibility", "hidden");
    if (b - a < 4) onRangeCb(null);
    else done(a, b);
  });
}
