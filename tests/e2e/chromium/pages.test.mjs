// Highlights on fixture pages in Chromium: which ranges are highlighted, on which engine path,
// in frames, shadow roots and dynamic pages, what must not fire, and that nothing goes to the network.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, highlights, waitForErrors, waitForReport } from "../lib/chromium.mjs";

let server, browser;
const network = [];

before(async () => {
  server = await serve();
  browser = await launch();
  browser.context.on("request", (r) => network.push(r.url()));
  browser.worker.on("request", (r) => network.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("SaaS page: visible claims highlighted, hidden/code/editable text ignored", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/saas.html`;
  await page.goto(url);
  await waitForErrors(page, 3);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  assert.deepEqual(await highlights(page), {
    // Two of the "SOC 2 certified" are the textarea's and the contenteditable's: the page checker
    // skips editable text; the editor support checks it (editors.test.mjs).
    "claimlint-error": ["HIPAA certified", "PCI certified", "SOC 2 certified", "SOC 2 certified", "SOC 2 certified"],
    "claimlint-warning": [],
    "claimlint-info": [],
  });
  // The page's findings in page order, then the editors' (the popup and badge count both).
  const found = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.count === 5);
  assert.deepEqual(found.frames["0"].findings.map((f) => f.rule), ["soc2-certified", "hipaa-certified", "pci-certified", "soc2-certified", "soc2-certified"]);
  const inEditors = found.frames["0"].findings.slice(3);
  assert.ok(inEditors.every((f) => f.text === "SOC 2 certified" && /^e\d+$/.test(f.id)), JSON.stringify(inEditors));
  assert.ok(inEditors.some((f) => f.before.length > 0 || f.after.length > 0), "context around editor findings");
  assert.equal(report.frames["0"].checked, true);
  // No web-accessible resources: the page cannot fetch or probe the extension's files.
  const probe = await page.evaluate((id) => fetch(`chrome-extension://${id}/pkg/rules.bin`).then(() => "loaded", () => "blocked"), browser.id);
  assert.equal(probe, "blocked");
  await page.close();
});

test("competitor page: claims split across inline elements, &nbsp;, links and list items", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/competitor.html`;
  await page.goto(url);
  await waitForErrors(page, 8);
  await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  const got = await highlights(page);
  assert.deepEqual(got["claimlint-error"], [
    "GDPR certified",
    "HIPAA certified",
    "SOC 2certified",
    "SOC 2 certified",
    "SOC 2 certified",
    "SOC 2 certified",
    "SOC 2 certified",
    "SOC 2 certified",
  ].sort());
  // Each range starts and ends where the words are, across element boundaries.
  const spans = await page.evaluate(() =>
    [...CSS.highlights.get("claimlint-error")].map((r) => ({
      start: r.startContainer.parentElement.closest("[id]")?.id ?? r.startContainer.parentElement.localName,
      startTag: r.startContainer.parentElement.localName,
      endTag: r.endContainer.parentElement.localName,
    })),
  );
  const by = Object.fromEntries(spans.map((s) => [s.start, s]));
  assert.equal(by["split-b"].endTag, "b");
  assert.equal(by["split-link"].startTag, "a");
  assert.equal(by["split-span"].endTag, "em");
  assert.ok(by["wrapped"], "claim wrapped over source lines");
  assert.ok(by["split-br"], "claim across a line break");
  assert.ok(!by["across-blocks"], "no claim across two paragraphs");
  await page.close();
});

test("mentions page: talking about the phrase does not fire", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/mentions.html`;
  await page.goto(url);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  assert.deepEqual(report.frames["0"].findings, []);
  const got = await highlights(page);
  assert.deepEqual(got["claimlint-error"], []);
  assert.deepEqual(got["claimlint-warning"], []);
  await page.close();
});

test("strict CSP page: checked, and nothing the extension does trips the policy", async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(e.blockedURI));
  });
  const url = `${server.origin}/csp.html`;
  const response = await page.goto(url);
  assert.match(response.headers()["content-security-policy"], /script-src 'self'/);
  assert.equal(await page.evaluate(() => window.pageScriptRan), true);
  await waitForErrors(page, 3);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["HIPAA certified", "PCI certified", "SOC 2 certified", "SOC 2 certified", "SOC 2 certified"]);
  // The engine runs in the background worker: nothing the extension does in the frame trips the
  // page's policy (which would also reach the page's violation reports).
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.close();
});

test("frames: iframe, srcdoc and about:blank frames are checked", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/frames.html`;
  await page.goto(url);
  await waitForErrors(page, 1);
  const byId = {};
  for (const frame of page.frames()) {
    await waitForErrors(frame, 1);
    const got = await highlights(frame);
    const id = await frame.evaluate(() => document.querySelector("[id$=claim]")?.id);
    byId[id] = got["claimlint-error"];
  }
  assert.deepEqual(byId, {
    "top-claim": ["SOC 2 certified"],
    "child-claim": ["PCI certified"],
    "srcdoc-claim": ["HIPAA certified"],
    "blank-claim": ["GDPR certified"],
  });
  const report = await waitForReport(browser.worker, url, (r) => Object.values(r.frames).filter((f) => f.findings.length).length === 4);
  assert.equal(Object.values(report.frames).reduce((n, f) => n + f.findings.length, 0), 4);
  assert.equal(await page.evaluate(() => document.getElementById("srcdoc").contentDocument.body.innerHTML.includes("claimlint")), false);

  // A new page in the same tab: the old page's frames leave the report.
  await page.goto(`${server.origin}/saas.html`);
  await waitForErrors(page, 3);
  const next = await waitForReport(browser.worker, `${server.origin}/saas.html`, (r) => r.frames["0"]?.checked);
  assert.equal(next.tabId, report.tabId);
  assert.deepEqual(Object.keys(next.frames), ["0"]);
  // Three on the page, two in its editors.
  await waitForReport(browser.worker, `${server.origin}/saas.html`, (r) => r.frames["0"]?.count === 5);
  assert.equal(await browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), next.tabId), "5");
  await page.close();
});

test("open shadow root: claim inside is highlighted and the style is adopted there", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/shadow.html`;
  await page.goto(url);
  await waitForErrors(page, 2);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["HIPAA certified", "SOC 2 certified"]);
  const inShadow = await page.evaluate(() => {
    const root = document.getElementById("badge").shadowRoot;
    const range = [...CSS.highlights.get("claimlint-error")].find((r) => r.toString().startsWith("HIPAA"));
    return {
      inside: range.startContainer.getRootNode() === root,
      endTag: range.endContainer.parentElement.localName,
      styled: root.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes("claimlint-error"))),
      children: root.childNodes.length,
    };
  });
  assert.deepEqual(inShadow, { inside: true, endTag: "b", styled: true, children: 3 });
  await page.close();
});

test("SPA: late content, in-place edits, route change and infinite scroll are re-checked", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/spa/`;
  await page.goto(url);
  await page.waitForSelector("#home-claim");
  await waitForErrors(page, 1);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["SOC 2 certified"]);

  await page.evaluate(() => window.editHome());
  await page.waitForFunction(() => CSS.highlights.get("claimlint-error").size === 0);

  await page.click("#to-pricing");
  await page.waitForSelector("#pricing-claim");
  await waitForErrors(page, 1);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["HIPAA certified"]);

  await page.evaluate(() => window.appendFeed(40));
  await waitForErrors(page, 21);
  assert.equal((await highlights(page))["claimlint-error"].filter((t) => t === "GDPR certified").length, 20);
  const report = await waitForReport(browser.worker, `${server.origin}/spa/pricing`, (r) => r.frames["0"]?.findings.length === 21);
  assert.equal(report.frames["0"].findings[0].text, "HIPAA certified");

  // Shown and hidden by class changes (accordion, tabs): revealed text is checked, hidden text leaves.
  await page.evaluate(() => window.toggle("faq"));
  await waitForErrors(page, 22);
  await page.evaluate(() => window.toggle("feed"));
  await page.waitForFunction(() => CSS.highlights.get("claimlint-error").size === 2);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["HIPAA certified", "HIPAA certified"]);
  await page.evaluate(() => window.toggle("feed"));
  await waitForErrors(page, 22);
  const before = await waitForReport(browser.worker, `${server.origin}/spa/pricing`, (r) => r.frames["0"]?.count === 22);

  // Hash changes and history entries keep the report (Chromium signals them like page loads).
  await page.evaluate(() => (location.hash = "#feed"));
  await new Promise((r) => setTimeout(r, 300));
  const afterHash = await browser.worker.evaluate((key) => chrome.storage.session.get(key).then((o) => o[key]), `tab:${before.tabId}`);
  assert.equal(afterHash.frames["0"].count, 22);
  assert.equal(await browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), before.tabId), "22");
  await page.close();
});

test("no network requests beyond the local fixtures and the extension's own files", async () => {
  assert.ok(network.length > 10, "requests were observed");
  // The monitor sees the worker too: it loaded the engine for the pages.
  assert.ok(network.some((u) => /^chrome-extension:\/\/[a-p]{32}\/pkg\/claimlint_bg\.wasm$/.test(u)), "worker's engine fetch observed");
  const foreign = network.filter((u) => !u.startsWith(server.origin + "/") && !u.startsWith("chrome-extension://") && u !== "about:blank" && !u.startsWith("about:srcdoc"));
  assert.deepEqual(foreign, []);
  // The server saw only fixture paths (no reports, beacons or fetches to it from the extension).
  assert.deepEqual(server.requests.filter((p) => !/^\/([\w-]+\.(html|js)|spa\/.*|favicon\.ico)$/.test(p)), []);
});
