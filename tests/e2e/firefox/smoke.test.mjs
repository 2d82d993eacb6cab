// Firefox smoke test: stock firefox-esr driven over WebDriver BiDi (puppeteer-core), with the
// unpacked dist/firefox installed as a temporary add-on; checks the highlights on the SaaS page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { serve } from "../lib/server.mjs";
import { launchFirefox, ROOT, UUID } from "../lib/firefox.mjs";

let server, browser;

/** Polls `fn` in the page until it returns a truthy value (waitForFunction compiles the predicate
 * with `new Function`, which extension pages' CSP forbids). */
async function poll(page, fn, arg, timeout = 10000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const value = await page.evaluate(fn, arg).catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out: ${fn}`);
}

before(async () => {
  server = await serve();
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("Firefox: SaaS page highlights (hidden text ignored, editors checked); background report, popup list and badge", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/saas.html`);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 3, { timeout: 15000 });
  await new Promise((r) => setTimeout(r, 300));
  const got = await page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      if (name.startsWith("claimlint-") && name !== "claimlint-flash") out[name] = [...h].map((r) => r.toString()).sort();
    }
    return out;
  });
  assert.deepEqual(got, {
    // Two "SOC 2 certified" are the textarea's and the contenteditable's (editor support, editors.test.mjs).
    "claimlint-error": ["HIPAA certified", "PCI certified", "SOC 2 certified", "SOC 2 certified", "SOC 2 certified"],
    "claimlint-warning": [],
    "claimlint-info": [],
  });
  mkdirSync(join(ROOT, "dist", "screenshots"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "dist", "screenshots", "firefox-saas.png") });

  // The background (event page in Firefox) kept the report; the popup lists it.
  const popup = await browser.newPage();
  // Extension pages load in Firefox's extension process: the navigation swaps the frame, which
  // puppeteer reports as "Frame detached" although the page is there; wait for it instead.
  void popup.goto(`moz-extension://${UUID}/popup.html`).catch(() => {});
  await poll(popup, () => document.title === "ClaimLint" && typeof chrome !== "undefined" && !!chrome.storage);
  const tabId = await popup.evaluate(async (url) => {
    for (let i = 0; i < 50; i++) {
      const all = await chrome.storage.session.get(null);
      // Three claims on the page, two in its editors (reported with the page's).
      for (const [key, value] of Object.entries(all)) if (value.frames?.["0"]?.url === url && value.frames["0"].count === 5) return Number(key.slice(4));
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
  }, `${server.origin}/saas.html`);
  assert.ok(tabId !== null, "report stored by the background");
  await popup.evaluate((tabId) => (location.search = `?tab=${tabId}`), tabId).catch(() => {});
  await poll(popup, () => location.search.startsWith("?tab=") && !!document.querySelector("section.rule"));
  assert.equal(await popup.$eval("#status", (e) => e.textContent), "5 claims to review");
  assert.deepEqual(await popup.$$eval("section.rule", (s) => s.map((e) => e.dataset.rule)), ["soc2-certified", "hipaa-certified", "pci-certified"]);
  assert.equal(await popup.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId), "5");
  await popup.close();
  await page.close();
});

test("Firefox: frames (iframe, srcdoc, about:blank) and an open shadow root", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/frames.html`);
  const byFrame = {};
  for (const frame of page.frames()) {
    await frame.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 1, { timeout: 15000 });
    const [id, texts] = await frame.evaluate(() => [
      document.querySelector("[id$=claim]")?.id,
      [...CSS.highlights.get("claimlint-error")].map((r) => r.toString()),
    ]);
    byFrame[id] = texts;
  }
  assert.deepEqual(byFrame, {
    "top-claim": ["SOC 2 certified"],
    "child-claim": ["PCI certified"],
    "srcdoc-claim": ["HIPAA certified"],
    "blank-claim": ["GDPR certified"],
  });

  await page.goto(`${server.origin}/shadow.html`);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 2, { timeout: 15000 });
  const shadow = await page.evaluate(() => {
    const root = document.getElementById("badge").shadowRoot;
    const styled =
      root.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes("claimlint-error"))) ||
      [...root.querySelectorAll("style")].some((s) => s.textContent.includes("claimlint-error"));
    return { texts: [...CSS.highlights.get("claimlint-error")].map((r) => r.toString()).sort(), styled };
  });
  assert.deepEqual(shadow, { texts: ["HIPAA certified", "SOC 2 certified"], styled: true });
  await page.close();
});

test("Firefox: a settings change reaches an open page at once (site switched off, a rule's severity, back on)", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/saas.html`);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 3, { timeout: 15000 });
  const sizes = () => page.evaluate(() => ({ error: CSS.highlights.get("claimlint-error")?.size ?? 0, warning: CSS.highlights.get("claimlint-warning")?.size ?? 0 }));
  const options = await browser.newPage();
  void options.goto(`moz-extension://${UUID}/popup.html`).catch(() => {});
  await poll(options, () => document.title === "ClaimLint" && typeof chrome !== "undefined" && !!chrome.storage);
  const setSettings = (settings) => options.evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
  const host = new URL(server.origin).hostname;
  try {
    await setSettings({ offSites: [host] });
    await poll(page, () => (CSS.highlights.get("claimlint-error")?.size ?? 0) === 0);
    await setSettings({ severities: { "soc2-certified": "warning" } });
    await poll(page, () => (CSS.highlights.get("claimlint-warning")?.size ?? 0) >= 1);
    const shown = await sizes();
    // The three SOC 2 claims (page, textarea, contenteditable) are warnings now; HIPAA and PCI stay errors.
    assert.deepEqual(shown, { error: 2, warning: 3 });
  } finally {
    await options.evaluate(() => chrome.storage.sync.remove("settings")).catch(() => {});
  }
  await poll(page, () => (CSS.highlights.get("claimlint-error")?.size ?? 0) === 5);
  await options.close();
  await page.close();
});
