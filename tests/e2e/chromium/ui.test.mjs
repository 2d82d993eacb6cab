// The suggestion card, copy, ignore choices, the popup, the badge and the per-site switch in
// Chromium; saves screenshots of the demo page, the card and the popup to dist/screenshots/.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import {
  launch, highlights, waitForErrors, waitForReport, resetSettings, openPopup, waitForCard, cardPoint,
  highlightPoint, screenshotPath,
} from "../lib/chromium.mjs";

let server, browser;

before(async () => {
  server = await serve();
  browser = await launch();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(() => resetSettings(browser.worker));

async function open(path, errors) {
  const page = await browser.context.newPage();
  const url = `${server.origin}${path}`;
  await page.goto(url);
  await waitForErrors(page, errors);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked && r.frames["0"].findings.length >= errors);
  return { page, url, tabId: report.tabId };
}

test("hovering a highlight opens the card in a closed shadow root; learn more, copy", async () => {
  const { page } = await open("/saas.html", 3);
  const at = await highlightPoint(page, "SOC 2 certified");
  await page.mouse.move(at.x, at.y);
  const card = await waitForCard(browser.context, page);
  assert.ok(card, "card opened on hover");
  assert.equal(card.mode, "closed");
  assert.equal(card.claim, "“SOC 2 certified”");
  assert.match(card.why, /attestation/);
  assert.deepEqual(card.suggestions, ["SOC 2 attested"]);
  assert.equal(card.explanationHidden, true);
  assert.ok(card.buttons.includes("Ignore here") && card.buttons.includes("Ignore on this site"));
  assert.ok(card.rect.top >= at.y, "card sits below the claim");
  // The page cannot see inside: the host exposes no shadowRoot, and page text never got markup.
  assert.equal(await page.evaluate(() => document.querySelector("claimlint-card").shadowRoot), null);

  const more = await cardPoint(browser.context, page, ".more");
  await page.mouse.move(more.x, more.y);
  await page.mouse.click(more.x, more.y);
  const opened = await waitForCard(browser.context, page);
  assert.equal(opened.explanationHidden, false);
  assert.match(opened.explanation, /AICPA/);
  await page.screenshot({ path: screenshotPath("card.png") });

  const copy = await cardPoint(browser.context, page, ".copy");
  await page.mouse.click(copy.x, copy.y);
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === "SOC 2 attested");

  // Leaving both the claim and the card closes it.
  await page.mouse.move(1050, 780);
  await page.mouse.move(1060, 790);
  const end = Date.now() + 3000;
  while (Date.now() < end && (await waitForCard(browser.context, page, 1))) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await waitForCard(browser.context, page, 1), null);
  await page.close();
});

test("the extension's own UI causes no re-check (no feedback loop)", async () => {
  const { page, url } = await open("/saas.html", 3);
  await page.evaluate(() => (window.rangesBefore = [...CSS.highlights.get("claimlint-error")]));
  const reportsBefore = await browser.worker.evaluate(() => chrome.storage.session.get(null).then((a) => JSON.stringify(a)));
  for (const text of ["SOC 2 certified", "HIPAA certified", "PCI certified"]) {
    const at = await highlightPoint(page, text);
    await page.mouse.click(at.x, at.y);
    const card = await waitForCard(browser.context, page);
    assert.equal(card.claim, `“${text}”`);
    await page.keyboard.press("Escape");
    assert.equal(await waitForCard(browser.context, page, 1), null, "Escape closes the card");
  }
  await new Promise((r) => setTimeout(r, 800));
  // Same Range objects: nothing was collected or checked again.
  assert.equal(await page.evaluate(() => {
    const now = [...CSS.highlights.get("claimlint-error")];
    return now.length === rangesBefore.length && now.every((r) => rangesBefore.includes(r));
  }), true);
  const reportsAfter = await browser.worker.evaluate(() => chrome.storage.session.get(null).then((a) => JSON.stringify(a)));
  assert.equal(reportsAfter, reportsBefore);
  assert.ok(url);
  await page.close();
});

test("card renders page text as text, never as HTML", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/saas.html`;
  await page.goto(url);
  await waitForErrors(page, 3);
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.id = "xss";
    p.textContent = "<img src=x onerror=alert(1)> is SOC 2 certified <b>";
    document.querySelector("main").append(p);
  });
  await waitForErrors(page, 4);
  await page.click("#xss", { position: { x: 5, y: 5 } }).catch(() => {});
  const at = await page.evaluate(() => {
    const r = [...CSS.highlights.get("claimlint-error")].find((r) => r.startContainer.parentElement.id === "xss");
    const rect = r.getClientRects()[0];
    return { x: rect.left + 4, y: rect.top + rect.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
  const card = await waitForCard(browser.context, page);
  assert.equal(card.claim, "“SOC 2 certified”");
  const { value: images } = await (await import("../lib/chromium.mjs")).inCard(browser.context, page, (root) => root.querySelectorAll("img").length);
  assert.equal(images, 0);
  await page.close();
});

test("ignore here hides one occurrence; ignore on this site hides the rule; both survive reload", async () => {
  const { page } = await open("/competitor.html", 8);
  const before = (await highlights(page))["claimlint-error"].filter((t) => t === "SOC 2 certified").length;
  assert.equal(before, 5);

  let at = await highlightPoint(page, "GDPR certified");
  await page.mouse.click(at.x, at.y);
  await waitForCard(browser.context, page);
  let button = await cardPoint(browser.context, page, ".ignore-here");
  await page.mouse.click(button.x, button.y);
  await page.waitForFunction(() => CSS.highlights.get("claimlint-error").size === 7);
  assert.ok(!(await highlights(page))["claimlint-error"].includes("GDPR certified"));

  at = await highlightPoint(page, "SOC 2 certified");
  await page.mouse.click(at.x, at.y);
  await waitForCard(browser.context, page);
  button = await cardPoint(browser.context, page, ".ignore-site");
  await page.mouse.click(button.x, button.y);
  await page.waitForFunction(() => CSS.highlights.get("claimlint-error").size === 1);
  assert.deepEqual((await highlights(page))["claimlint-error"], ["HIPAA certified"]);

  await page.reload();
  await waitForErrors(page, 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual((await highlights(page))["claimlint-error"], ["HIPAA certified"]);
  await page.close();
});

test("popup lists findings by rule, copies, jumps to a finding and opens its card; badge counts", async () => {
  const { page, tabId } = await open("/www/demo.html", 20);
  await page.screenshot({ path: screenshotPath("demo.png"), fullPage: false });
  const report = await waitForReport(browser.worker, page.url(), (r) => r.frames["0"]?.checked);
  const total = report.frames["0"].findings.length;
  const badge = await browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
  assert.equal(badge, String(total));

  const popup = await openPopup(browser.context, browser.id, tabId);
  await popup.waitForSelector("section.rule");
  const status = await popup.textContent("#status");
  assert.equal(status, `${total} claims to review`);
  const groups = await popup.$$eval("section.rule", (sections) =>
    sections.map((s) => ({ rule: s.dataset.rule, count: s.querySelectorAll("li.finding").length })),
  );
  assert.equal(groups.reduce((n, g) => n + g.count, 0), total);
  const byRule = Object.fromEntries(groups.map((g) => [g.rule, g.count]));
  assert.equal(byRule["soc2-certified"], report.frames["0"].findings.filter((f) => f.rule === "soc2-certified").length);
  assert.equal(await popup.textContent("#site-label"), "127.0.0.1");
  const first = await popup.$eval("section.rule li.finding .snippet", (e) => ({ text: e.textContent, mark: e.querySelector("mark").textContent }));
  assert.match(first.text, /Northwind Ledger is SOC 2 certified/);
  assert.equal(first.mark, "SOC 2 certified");
  await popup.click("section.rule details.why summary");
  assert.match(await popup.textContent("section.rule details.why p"), /attestation/);
  await popup.screenshot({ path: screenshotPath("popup.png") });
  await popup.emulateMedia({ colorScheme: "dark" });
  await popup.screenshot({ path: screenshotPath("popup-dark.png") });

  await page.evaluate(() => navigator.clipboard.writeText("before"));
  await popup.bringToFront();
  await popup.click("section.rule li.finding button.copy");
  await popup.waitForFunction(() => document.querySelector("section.rule li.finding button.copy").textContent === "Copied");
  await page.bringToFront();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "SOC 2 attested");

  // Jump to a finding far down the page: it scrolls there, flashes it and opens its card.
  const target = await popup.$$eval("li.finding", (items) => {
    const li = items.find((i) => i.textContent.includes("SOC 2-certified finance platform"));
    return li.dataset.id;
  });
  await popup.click(`li.finding[data-id="${target}"] button.jump`);
  await page.bringToFront();
  const card = await waitForCard(browser.context, page);
  assert.equal(card.claim, "“SOC 2-certified”");
  await page.screenshot({ path: screenshotPath("jump.png") });
  const view = await page.evaluate(() => ({
    scrollY,
    flash: [...CSS.highlights.get("claimlint-flash")].map((r) => r.toString()),
    focused: document.activeElement?.localName,
  }));
  assert.ok(view.scrollY > 1000, `scrolled (${view.scrollY})`);
  assert.deepEqual(view.flash, ["SOC 2-certified"]);
  assert.equal(view.focused, "claimlint-card");
  await popup.close();
  await page.close();
});

test("per-site switch turns checking off and on at once, in every frame", async () => {
  const { page, tabId, url } = await open("/frames.html", 1);
  await waitForReport(browser.worker, url, (r) => Object.values(r.frames).filter((f) => f.findings.length).length === 4);
  const popup = await openPopup(browser.context, browser.id, tabId);
  await popup.waitForSelector("section.rule");
  assert.equal(await popup.isChecked("#enabled"), true);

  await popup.click("#enabled");
  for (const frame of page.frames()) await frame.waitForFunction(() => CSS.highlights.get("claimlint-error").size === 0);
  await popup.waitForFunction(() => document.getElementById("status").textContent === "Off for 127.0.0.1.");
  await popup.screenshot({ path: screenshotPath("popup-off.png") });
  assert.equal(await browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId), "");

  await popup.click("#enabled");
  for (const frame of page.frames()) await waitForErrors(frame, 1);
  await popup.waitForFunction(() => /4 claims to review/.test(document.getElementById("status").textContent));
  await popup.close();
  await page.close();
});

test("popup says clearly when a page was checked and nothing was found", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/mentions.html`;
  await page.goto(url);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  const popup = await openPopup(browser.context, browser.id, report.tabId);
  await popup.waitForFunction(() => document.getElementById("status").textContent === "Checked, nothing found.");
  assert.equal(await popup.$$eval("section.rule", (s) => s.length), 0);
  await popup.screenshot({ path: screenshotPath("popup-clean.png") });
  await popup.emulateMedia({ colorScheme: "dark" });
  await popup.screenshot({ path: screenshotPath("popup-clean-dark.png") });
  await popup.close();
  await page.close();
});

test("strict-CSP page: popup lists the findings with their rules' texts", async () => {
  const { page, tabId } = await open("/csp.html", 3);
  const popup = await openPopup(browser.context, browser.id, tabId);
  await popup.waitForSelector("section.rule");
  assert.equal(await popup.locator("section.rule").count(), 3);
  // Reports carry rule ids only; the popup takes each rule's message and explanation from the engine.
  const message = await popup.textContent('section.rule[data-rule="soc2-certified"] p.message');
  assert.match(message, /SOC 2/);
  const why = await popup.textContent('section.rule[data-rule="soc2-certified"] details.why p');
  assert.ok(why.length > 100, why);
  await popup.close();
  await page.close();
});

test("dark page: screenshot of highlights and card", async () => {
  const { page } = await open("/competitor.html", 8);
  const at = await highlightPoint(page, "HIPAA certified");
  await page.mouse.move(at.x, at.y);
  await waitForCard(browser.context, page);
  await page.screenshot({ path: screenshotPath("dark-card.png") });
  await page.close();
});
