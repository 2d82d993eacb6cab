// Hostile page scripts: built-ins overridden in the main world, HTML/script payloads in the page
// text, forged extension-looking messages and synthetic events, and frames from another site.
// The content script runs in its own world, trusts only the extension's own contexts and the
// user's own input, and renders page text as text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve } from "../lib/server.mjs";
import {
  ROOT, countChecks, launch, highlights, highlightPoint, inCard, openPopup, resetSettings, tabReport, waitForCard, waitForErrors, waitForReport,
} from "../lib/chromium.mjs";

let server, other, browser;

before(async () => {
  server = await serve();
  other = await serve(); // a second origin, reached as "localhost": another site, another process
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await other?.close();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Evaluates `expression` in a fresh isolated world of the page (CDP), untouched by the page's
 * overrides; the highlight registry is shared between worlds. `main: true` evaluates in the
 * page's own world instead (V8 returns the value without calling the page's JSON).
 */
async function evaluate(page, expression, { main = false } = {}) {
  const cdp = await browser.context.newCDPSession(page);
  try {
    let contextId;
    if (!main) {
      const { frameTree } = await cdp.send("Page.getFrameTree");
      ({ executionContextId: contextId } = await cdp.send("Page.createIsolatedWorld", { frameId: frameTree.frame.id, worldName: "test-reader" }));
    }
    const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression, contextId, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

const ERRORS = `[...(CSS.highlights.get("claimlint-error") ?? [])].map((r) => r.toString().replace(/\\s+/g, " ")).sort()`;

async function waitForIsolated(page, expected, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await evaluate(page, ERRORS);
    if (JSON.stringify(last) === JSON.stringify(expected)) return last;
    await sleep(100);
  }
  throw new Error(`highlights ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}

test("built-ins overridden in the main world: highlights, late content, card and report still work", async () => {
  await resetSettings(browser.worker);
  const url = `${server.origin}/hostile/overrides.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForIsolated(page, ["HIPAA certified", "SOC 2 certified"]);
  // The observer still sees the page's changes (made with a method the page left alone).
  await evaluate(page, "window.addLate()", { main: true });
  await waitForIsolated(page, ["HIPAA certified", "PCI certified", "SOC 2 certified"]);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.count === 3);
  assert.deepEqual(report.frames["0"].findings.map((f) => f.text), ["SOC 2 certified", "HIPAA certified", "PCI certified"]);
  // Hovering a claim opens the card (hit testing and the card run in the extension's world).
  const point = await evaluate(page, `(() => {
    const r = [...CSS.highlights.get("claimlint-error")].find((r) => r.toString() === "PCI certified").getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`);
  await page.mouse.move(point.x, point.y);
  await sleep(600);
  // Nothing the extension did called the page's poisoned functions.
  assert.equal(await evaluate(page, "window.overrideNames ?? ''", { main: true }), "");
  await evaluate(page, "window.restore()", { main: true }); // for the test's own helpers only
  const card = await waitForCard(browser.context, page);
  assert.equal(card?.claim, "“PCI certified”");
  await page.close();
});

test("HTML and script payloads in page text are shown as text in the card and the popup", async () => {
  await resetSettings(browser.worker);
  const url = `${server.origin}/hostile/payloads.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForErrors(page, 3);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.count === 3);
  const popup = await openPopup(browser.context, browser.id, report.tabId);
  await popup.waitForSelector(".finding");
  const snippets = await popup.$$eval(".finding .snippet", (els) => els.map((e) => e.textContent));
  assert.ok(snippets.some((s) => s.includes(`<img src=x onerror="window.pwned='img'">`)), snippets.join("\n"));
  assert.ok(snippets.some((s) => s.includes("<script>window.pwned='script'</script>")), snippets.join("\n"));
  assert.ok(snippets.some((s) => s.includes(`<svg onload="window.pwned='svg'">`)), snippets.join("\n"));
  // No element came from page text: the popup's only image is its icon, and nothing ran.
  assert.deepEqual(await popup.$$eval("img", (els) => els.map((e) => e.getAttribute("src"))), ["icons/32.png"]);
  assert.equal(await popup.$$eval("#groups script, #groups svg, #groups iframe, #groups a", (els) => els.length), 0);
  assert.equal(await popup.evaluate(() => window.pwned), undefined);
  await popup.close();

  await page.bringToFront();
  const point = await highlightPoint(page, "HIPAA certified");
  await page.mouse.move(point.x, point.y);
  const card = await waitForCard(browser.context, page);
  assert.equal(card.claim, "“HIPAA certified”");
  const foreign = await inCard(browser.context, page, (root) => root.querySelectorAll("img, svg, script, iframe, a[href^='javascript']").length);
  assert.equal(foreign.value, 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // The page's DOM holds the payloads as text only, as served.
  assert.equal(await page.evaluate(() => document.querySelectorAll("body img, body svg, body script").length), 0);
  await page.close();
});

test("forged messages and synthetic events from the page change nothing", async () => {
  await resetSettings(browser.worker);
  const url = `${server.origin}/hostile/forged.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForErrors(page, 2);
  const before = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.count === 2);
  const shown = await highlights(page);
  const checks = await countChecks(browser.worker);

  // The content script listens to no message events at all: nothing a page posts can reach it.
  // (CDP's listener list does not show an isolated world's listeners, so the source is checked.)
  for (const file of await readdir(join(ROOT, "extension/src/content"), { recursive: true })) {
    if (!file.endsWith(".ts")) continue;
    const source = await readFile(join(ROOT, "extension/src/content", file), "utf8");
    assert.doesNotMatch(source, /addEventListener\(\s*["'`]message|\b(window|self|globalThis)\.onmessage/, file);
  }

  await page.evaluate(() => {
    window.forge();
    window.forge();
  });
  // Synthetic pointer events over a claim, as a page script can dispatch them.
  const point = await highlightPoint(page, "SOC 2 certified");
  await page.evaluate(({ x, y }) => {
    const init = { clientX: x, clientY: y, bubbles: true, composed: true };
    document.elementFromPoint(x, y).dispatchEvent(new PointerEvent("pointermove", init));
    document.elementFromPoint(x, y).dispatchEvent(new MouseEvent("click", init));
  }, point);
  await sleep(800);
  assert.ok((await page.evaluate(() => window.forged)) > 0);
  assert.deepEqual(await highlights(page), shown, "highlights unchanged and still registered");
  assert.equal(await waitForCard(browser.context, page, 300), null, "no card opened by synthetic events");
  const afterForging = await tabReport(browser.worker, url);
  assert.deepEqual(afterForging.frames, before.frames, "report unchanged");
  assert.equal(await checks(), 0, "no text reached the engine");

  // The user's own pointer opens the card; the page's synthetic Escape does not close it.
  await page.mouse.move(point.x, point.y);
  assert.equal((await waitForCard(browser.context, page))?.claim, "“SOC 2 certified”");
  await page.evaluate(() => document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true })));
  await sleep(200);
  assert.ok(await waitForCard(browser.context, page, 300), "card still open after a synthetic Escape");
  await page.keyboard.press("Escape");
  await sleep(200);
  assert.equal(await waitForCard(browser.context, page, 300), null, "the user's Escape closes it");
  await page.close();
});

test("a frame from another site: its claims are highlighted in it and reported for the tab", async () => {
  await resetSettings(browser.worker);
  const child = other.origin.replace("127.0.0.1", "localhost");
  const url = `${server.origin}/hostile/xframe.html?child=${encodeURIComponent(child)}`;
  const page = await browser.context.newPage();
  await page.goto(url);
  const frame = await (async () => {
    for (let i = 0; i < 100; i++) {
      const f = page.frames().find((f) => f.url().startsWith(child));
      if (f) return f;
      await sleep(100);
    }
    throw new Error("no cross-site frame");
  })();
  await waitForErrors(page, 1);
  await waitForErrors(frame, 2);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["SOC 2 certified"]);
  assert.deepEqual((await highlights(frame))["claimlint-error"], ["HIPAA certified", "PCI certified"]);
  // Another site: another renderer process (Chromium isolates sites), same tab in the report.
  const report = await waitForReport(browser.worker, url, (r) => Object.values(r.frames).filter((f) => f.checked).length === 2);
  const childReport = Object.values(report.frames).find((f) => f.url === `${child}/hostile/xframe-child.html`);
  assert.ok(childReport, JSON.stringify(report.frames));
  assert.deepEqual(childReport.findings.map((f) => f.text), ["HIPAA certified", "PCI certified"]);
  assert.equal(childReport.site, "127.0.0.1", "the frame belongs to the top page's site");
  assert.equal(await browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), report.tabId), "3");
  assert.ok(other.requests.includes("/hostile/xframe-child.html"));
  await page.close();
});

test("no request left the machine", () => {
  assert.ok(browser.network.some((r) => r.url.startsWith("http://localhost:")), "the cross-site frame's request was recorded");
  assert.deepEqual(browser.foreignRequests(), []);
});
