// Back and forward through Chromium's back/forward cache (kept on here; Playwright switches it
// off by default): a page restored from the cache is the page its tab reports again, with its
// frames, and settings changed while it was away apply to it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, waitForErrors, waitForReport, resetSettings } from "../lib/chromium.mjs";

let server, browser, page, framesUrl, otherUrl;

before(async () => {
  server = await serve();
  browser = await launch({ backForwardCache: true });
  await resetSettings(browser.worker);
  page = await browser.context.newPage();
  framesUrl = `${server.origin}/frames.html?cacheable`;
  otherUrl = `${server.origin}/competitor.html?cacheable`;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const badge = (tabId) => browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
const framesWithFindings = (r) => Object.values(r.frames).filter((f) => f.findings.length).length;

/** Goes back or forward and checks the page came from the cache (its script state survived). */
async function restore(direction) {
  await (direction === "back" ? page.goBack({ waitUntil: "commit" }) : page.goForward({ waitUntil: "commit" }));
  await page.waitForFunction(() => document.readyState === "complete");
  assert.equal(await page.evaluate(() => window.restoredMarker), direction === "back" ? "frames" : "other", "the page came from the back/forward cache");
}

test("a page restored from the back/forward cache is reported again, with its frames", async () => {
  await page.goto(framesUrl);
  const first = await waitForReport(browser.worker, framesUrl, (r) => framesWithFindings(r) === 4);
  assert.equal(await badge(first.tabId), "4");
  await page.evaluate(() => (window.restoredMarker = "frames"));

  await page.goto(otherUrl);
  await waitForErrors(page, 1);
  const other = await waitForReport(browser.worker, otherUrl, (r) => r.frames["0"]?.checked && Object.keys(r.frames).length === 1);
  const otherCount = other.frames["0"].count;
  assert.equal(await badge(first.tabId), String(otherCount));
  await page.evaluate(() => (window.restoredMarker = "other"));

  await restore("back");
  const back = await waitForReport(browser.worker, framesUrl, (r) => r.frames["0"]?.url === framesUrl && framesWithFindings(r) === 4);
  assert.equal(back.tabId, first.tabId);
  assert.deepEqual(
    Object.values(back.frames).map((f) => f.url).filter((u) => u === otherUrl),
    [],
    "the page left behind is no longer in the report",
  );
  assert.equal(await badge(first.tabId), "4");

  await restore("forward");
  const again = await waitForReport(browser.worker, otherUrl, (r) => r.frames["0"]?.url === otherUrl && Object.keys(r.frames).length === 1);
  assert.equal(again.frames["0"].count, otherCount);
  assert.equal(await badge(first.tabId), String(otherCount));
});

/**
 * The error highlights of the page and its three same-origin frames, read through the top page:
 * after a restore from the cache, Playwright no longer lists the subframes.
 */
const allErrors = () =>
  page.evaluate(() => {
    const windows = [window, ...[...document.querySelectorAll("iframe")].map((f) => f.contentWindow)];
    return windows.flatMap((w) => [...(w.CSS.highlights.get("claimlint-error") ?? [])].map((r) => r.toString())).sort();
  });

async function waitForAllErrors(expected) {
  const end = Date.now() + 10000;
  let last;
  while (Date.now() < end) {
    last = await allErrors();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(last, expected);
}

test("settings changed while a page was in the back/forward cache apply when it comes back", async () => {
  // On the other page, switch the site off: that page clears at once (the worker tells it).
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { offSites: ["127.0.0.1"] } }));
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) === 0);

  await restore("back");
  // Every frame of the restored page asks for its settings again and clears.
  await waitForAllErrors([]);
  const off = await waitForReport(browser.worker, framesUrl, (r) => r.frames["0"]?.url === framesUrl && Object.keys(r.frames).length === 4 && Object.values(r.frames).every((f) => !f.enabled));
  assert.equal(await badge(off.tabId), "");

  // Switched on again while the page is shown: its frames check again.
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { offSites: [] } }));
  await waitForAllErrors(["GDPR certified", "HIPAA certified", "PCI certified", "SOC 2 certified"]);
  const on = await waitForReport(browser.worker, framesUrl, (r) => framesWithFindings(r) === 4);
  assert.equal(await badge(on.tabId), "4");
});
