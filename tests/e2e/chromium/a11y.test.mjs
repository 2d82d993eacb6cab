// Accessibility of the extension's own pages: axe-core (WCAG 2.x A/AA rules, colour contrast
// included) on the popup with findings and on the options page with a pack error, in light and
// dark mode; and both pages used by keyboard alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serve } from "../lib/server.mjs";
import { launch, waitForErrors, waitForReport, resetSettings, openPopup, screenshotPath } from "../lib/chromium.mjs";
import { downloadText, openOptions } from "../lib/settings.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let server, browser, tabId;

before(async () => {
  server = await serve();
  browser = await launch();
  await resetSettings(browser.worker);
  // A pack with a broken rule, so the options page also shows its error list.
  await browser.worker.evaluate(() =>
    chrome.storage.sync.set({ packs: [{ name: "team.toml", source: "[[rule]]\nid = \"team-x\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\nexplanation = \"e\"\npatterns = ['x (unclosed']\n" }] }),
  );
  const page = await browser.context.newPage();
  const url = `${server.origin}/settings.html`;
  await page.goto(url);
  await waitForErrors(page, 2);
  ({ tabId } = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked && r.frames["0"].findings.length === 4));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs axe in the page (injected through the debugger protocol: extension pages' CSP forbids inline scripts). */
async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  const passed = result.passes.map((p) => p.id);
  for (const rule of ["color-contrast", "label", "button-name", "aria-allowed-role"]) assert.ok(passed.includes(rule), `axe checked ${rule}`);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const scheme of ["light", "dark"]) {
  test(`popup with findings passes axe (${scheme})`, async () => {
    const popup = await openPopup(browser.context, browser.id, tabId);
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.waitForSelector("#export:not([hidden])");
    await popup.click("details.why summary"); // expanded content is checked too
    assert.deepEqual(await axe(popup), []);
    await popup.close();
  });

  test(`options page passes axe (${scheme})`, async () => {
    const options = await openOptions(browser.context, browser.id);
    await options.emulateMedia({ colorScheme: scheme });
    await options.waitForSelector("#pack-list .pack-error");
    await options.screenshot({ path: screenshotPath(`options-${scheme}.png`), fullPage: true });
    assert.deepEqual(await axe(options), []);
    await options.close();
  });
}

/** Presses Tab until `predicate` holds for the focused element (bounded). */
async function tabTo(page, predicate, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate)) return i + 1;
  }
  throw new Error("not reached by keyboard");
}

test("popup by keyboard: reach the export, choose a format, download", async () => {
  const popup = await openPopup(browser.context, browser.id, tabId);
  await popup.waitForSelector("#export:not([hidden])");
  await tabTo(popup, () => document.activeElement?.id === "export-format");
  await popup.keyboard.press("ArrowDown"); // markdown → csv
  await popup.keyboard.press("Tab");
  assert.equal(await popup.evaluate(() => document.activeElement.id), "download");
  const file = await downloadText(popup, () => popup.keyboard.press("Enter"));
  assert.match(file.name, /\.csv$/);
  await popup.close();
});

test("options page by keyboard: switch a rule off, change its severity, set the minimum", async () => {
  const options = await openOptions(browser.context, browser.id);
  await options.focus("#min-severity");
  await options.keyboard.press("ArrowDown");
  await options.waitForFunction(async () => (await chrome.storage.sync.get("settings")).settings?.minSeverity === "warning");
  await tabTo(options, () => document.activeElement?.id === "rule-soc2-certifying-body");
  await options.keyboard.press("Space");
  await options.keyboard.press("Tab");
  assert.equal(await options.evaluate(() => document.activeElement.id), "severity-soc2-certifying-body");
  await options.keyboard.press("ArrowDown");
  await options.waitForFunction(async () => {
    const s = (await chrome.storage.sync.get("settings")).settings;
    return s?.disabledRules?.includes("soc2-certifying-body") && s.severities?.["soc2-certifying-body"] === "error";
  });
  // Focus stays where the user was after the page re-renders from storage.
  await options.waitForFunction(() => !document.getElementById("rule-soc2-certifying-body").checked);
  await options.waitForFunction(() => document.activeElement?.id === "severity-soc2-certifying-body", null, { timeout: 3000 });
  await options.close();
});
