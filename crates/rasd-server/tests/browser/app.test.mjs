// End-to-end test of the web app in real headless Chromium (driven by playwright-core).
// Run by tools/browser-test.sh, which starts `rasd serve` over a database of the sample
// articles plus an article full of HTML and sets:
//   RASD_URL      the server (http://127.0.0.1:PORT)
//   RASD_TOKEN    its write token
//   SCREENSHOTS   directory for screenshots
//   CHROMIUM      the browser (default /usr/bin/chromium)

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.RASD_URL || "http://127.0.0.1:8077";
const TOKEN = process.env.RASD_TOKEN;
const SHOTS = process.env.SCREENSHOTS || "target";
const REVIEWER = "مختبر المتصفح";
assert.ok(TOKEN, "RASD_TOKEN must be set");
mkdirSync(SHOTS, { recursive: true });

const api = async (path) => {
  const r = await fetch(BASE + path);
  assert.equal(r.status, 200, path);
  return r.json();
};

const profile = mkdtempSync(join(tmpdir(), "rasd-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

const dialogs = [];
const pageErrors = [];
const external = [];
let failed = false;

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed = true;
    console.log(`FAIL ${name}: ${err.stack || err}`);
  }
}

try {
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15000);
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") pageErrors.push("console: " + m.text()); });
  page.on("request", (r) => { if (!r.url().startsWith(BASE)) external.push(r.url()); });
  page.on("response", (r) => { if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} ${r.url()}`); });

  await step("the app loads with markers on the map", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("body[data-ready='1']");
    await page.waitForSelector(".leaflet-marker-icon");
    const markers = await page.locator(".marker-wrap, .cluster-wrap").count();
    assert.ok(markers > 0, "markers or clusters on the map");
    assert.ok(await page.locator(".leaflet-overlay-pane path").count() >= 14, "governorate polygons drawn");
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
    assert.ok(await page.locator(".event-row").count() > 5, "the event list");
    assert.ok(await page.locator(".timeline-svg rect").count() > 0, "the timeline");
  });

  await step("the type filter and the timeline brush narrow the map and the list", async () => {
    const rows = () => page.locator(".event-row").count();
    const before = await rows();
    const type = "Strategic developments";
    await page.selectOption("select[name=type]", type);
    await page.waitForFunction((t) => {
      const r = [...document.querySelectorAll(".event-row")];
      return r.length > 0 && r.every((x) => x.dataset.type === t);
    }, type);
    assert.ok((await rows()) < before, "fewer events of one type");
    await page.click(".filters button.link");
    await page.waitForFunction((n) => document.querySelectorAll(".event-row").length === n, before);
    // Drag across the whole timeline: the period covers every dated event, so exactly the
    // dated events remain (the undated ones are outside any period).
    const stats = await api("/api/stats");
    const dated = stats.events - stats.undated;
    assert.ok(dated > 0 && stats.undated > 0, "the test data has dated and undated events");
    const box = await page.locator(".timeline-svg").boundingBox();
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForSelector(".filters .chip");
    await page.waitForFunction((n) => {
      const r = [...document.querySelectorAll(".event-row")];
      return r.length === Math.min(n, 100) && r.every((x) => x.dataset.date !== "");
    }, dated);
    await page.click(".filters .chip-x");
    await page.waitForFunction((n) => document.querySelectorAll(".event-row").length === n, before);
  });

  // The seed event with the most evidence: an arrest at Kanaker.
  const events = (await api("/api/events?limit=500")).items;
  const kanaker = events.filter((e) => e.location.name === "كناكر" || e.location.canonical_name === "كناكر");
  assert.ok(kanaker.length > 0, "Kanaker events in the seeds");
  const target = kanaker.find((e) => e.n_reports > 1) || kanaker[0];

  await step("an event opens with highlighted evidence in the Arabic text", async () => {
    await page.click(`.event-row[data-id='${target.id}']`);
    await page.waitForSelector(".panel .source-text mark.ev");
    const mark = page.locator(".panel .source-text mark.ev").first();
    const text = await mark.textContent();
    assert.match(text, /[\u0600-\u06FF]/, "the highlighted span is Arabic text");
    const dir = await page.locator(".panel .article-text").first().getAttribute("dir");
    assert.equal(dir, "rtl");
    // Hovering the place field lights up its spans.
    await page.hover(".field-row[data-field='location']");
    const hot = await page.locator(".panel mark.ev.hot").count();
    assert.ok(hot > 0, "hovering a field highlights its span");
    await page.mouse.move(5, 5);
    // The map brings the event's marker into view and marks it.
    await page.waitForSelector(".marker-wrap.focused");
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, "browser-screenshot.png") });
  });

  await step("a review (confirm) is saved and shown in the history", async () => {
    await page.click(".review button.confirm");
    await page.waitForSelector(".token-form");
    await page.fill(".token-form input[name=token]", TOKEN);
    await page.fill(".token-form input[name=who]", REVIEWER);
    await page.click(".token-form button[type=submit]");
    await page.waitForSelector(`.panel .reviews li:has-text("${REVIEWER}")`);
    await page.waitForSelector(".panel .panel-head .badge.confirmed");
    const stored = await api(`/api/events/${target.id}`);
    assert.equal(stored.event.review_status, "confirmed");
    assert.equal(stored.reviews.at(-1).who, REVIEWER);
    assert.ok(await page.locator(".panel .badge.reviewed").count() > 0, "reviewed fields are marked");
    await page.screenshot({ path: join(SHOTS, "browser-review.png") });
  });

  await step("an article's markup shows as text, never as HTML", async () => {
    // The HTML article's document, and an event extracted from it.
    const hits = await api("/api/search?q=" + encodeURIComponent("الأحياء السكنية"));
    const hit = hits.items.find((h) => h.doc_id === "xss-probe-001");
    assert.ok(hit, "the HTML article is stored");
    const doc = await api(`/api/documents/${hit.document}`);
    assert.ok(doc.reports.length > 0, "the HTML article has events");
    await page.goto(`${BASE}/#/event/${doc.reports[0].event_id}`);
    await page.waitForSelector(".panel .source-text .article-text");
    await page.waitForTimeout(300);
    const body = await page.locator(".panel").textContent();
    assert.ok(body.includes("<script>alert(1)</script>"), "the <script> tag shows as text");
    assert.ok(body.includes("<img src=x onerror=alert(2)>"), "the <img> tag shows as text");
    assert.ok(body.includes("<b>Outlet</b>"), "the outlet's markup shows as text");
    assert.equal(await page.locator("img[src='x']").count(), 0, "no img element was created");
    assert.equal(await page.locator(".panel script, .panel b, .panel img").count(), 0);
    assert.deepEqual(dialogs, [], "no dialog fired");
    await page.screenshot({ path: join(SHOTS, "browser-xss.png") });
  });

  await step("the Kanaker dossier lists its events in time order with sources", async () => {
    const places = await api("/api/places?q=" + encodeURIComponent("كناكر"));
    await page.goto(`${BASE}/#/place/${encodeURIComponent(places.items[0].id)}`);
    await page.waitForSelector(".dossier-item");
    const n = await page.locator(".dossier-item").count();
    assert.ok(n >= 3, `dossier events: ${n}`);
    assert.ok(await page.locator(".dossier-sources li").count() >= n, "every event has a source");
    await page.screenshot({ path: join(SHOTS, "browser-dossier.png"), fullPage: false });
  });

  await step("English mode switches direction and labels", async () => {
    await page.goto(BASE + "/");
    await page.waitForSelector("body[data-ready='1']");
    await page.click("#lang-toggle");
    assert.equal(await page.getAttribute("html", "dir"), "ltr");
    await page.waitForSelector(".list-head h2:has-text('Events')");
    await page.screenshot({ path: join(SHOTS, "browser-en.png") });
    await page.click("#lang-toggle");
    assert.equal(await page.getAttribute("html", "dir"), "rtl");
  });

  await step("no script errors, no dialogs, no request leaves the server", async () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(external, []);
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (failed) {
  console.log("browser test FAILED");
  process.exit(1);
}
console.log("browser test passed");
