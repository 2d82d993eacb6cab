// Each option of the options page changes what open tabs highlight, without a reload: rules on
// and off, severity overrides, minimum severity, highlight style and colours, the site list in
// both modes, clearing ignored findings, the live preview; broken stored settings are repaired
// with a visible notice; every UI string used in the code exists in _locales/en.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { serve } from "../lib/server.mjs";
import { launch, waitForErrors, resetSettings, ROOT } from "../lib/chromium.mjs";
import { openOptions, shown, waitForShown } from "../lib/settings.mjs";

let server, browser, page, options;

const ALL = {
  error: ["PCI certified", "SOC 2 certified"],
  warning: ["ISO 27001 accredited"],
  info: ["SOC 2 compliant"],
};

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await page?.close();
  await options?.close();
  await resetSettings(browser.worker);
  page = await browser.context.newPage();
  await page.goto(`${server.origin}/settings.html`);
  await waitForErrors(page, 2);
  assert.deepEqual(await shown(page), ALL);
  options = await openOptions(browser.context, browser.id);
});

const highlightStyle = (severity) =>
  page.evaluate((severity) => {
    const s = getComputedStyle(document.getElementById("e1"), `::highlight(claimlint-${severity})`);
    return { line: s.textDecorationLine, decoration: s.textDecorationColor, background: s.backgroundColor };
  }, severity);

test("switching a rule off hides its findings at once; on again shows them", async () => {
  assert.equal(await options.isChecked("#rule-soc2-certified"), true);
  await options.uncheck("#rule-soc2-certified");
  await waitForShown(page, (s) => s.error.join() === "PCI certified");
  assert.deepEqual((await shown(page)).warning, ALL.warning);
  await options.check("#rule-soc2-certified");
  await waitForShown(page, (s) => s.error.length === 2);
});

test("a rule's severity can be changed; the finding moves to that highlight", async () => {
  await options.selectOption("#severity-pci-certified", "warning");
  const s = await waitForShown(page, (s) => s.warning.includes("PCI certified"));
  assert.deepEqual(s.error, ["SOC 2 certified"]);
  await options.selectOption("#severity-soc2-compliant", "error");
  await waitForShown(page, (s) => s.error.includes("SOC 2 compliant") && s.info.length === 0);
  await options.selectOption("#severity-pci-certified", "");
  await waitForShown(page, (s) => s.error.includes("PCI certified") && s.warning.join() === "ISO 27001 accredited");
});

test("minimum severity hides the findings below it", async () => {
  await options.selectOption("#min-severity", "warning");
  await waitForShown(page, (s) => s.info.length === 0 && s.warning.length === 1 && s.error.length === 2);
  await options.selectOption("#min-severity", "error");
  await waitForShown(page, (s) => s.info.length === 0 && s.warning.length === 0 && s.error.length === 2);
  await options.selectOption("#min-severity", "info");
  await waitForShown(page, (s) => s.info.length === 1 && s.warning.length === 1);
});

test("highlight style and colours change how findings are drawn", async () => {
  const before = await highlightStyle("error");
  assert.equal(before.line, "underline");
  assert.equal(before.decoration, "rgb(229, 72, 77)");
  await options.check("#style-background");
  await page.waitForFunction(() => getComputedStyle(document.getElementById("e1"), "::highlight(claimlint-error)").textDecorationLine === "none");
  assert.equal((await highlightStyle("error")).background, "rgba(229, 72, 77, 0.35)");
  await options.fill("#color-error", "#008000");
  await options.dispatchEvent("#color-error", "change");
  await page.waitForFunction(() => getComputedStyle(document.getElementById("e1"), "::highlight(claimlint-error)").backgroundColor === "rgba(0, 128, 0, 0.35)");
  await options.check("#style-underline");
  await page.waitForFunction(() => getComputedStyle(document.getElementById("e1"), "::highlight(claimlint-error)").textDecorationColor === "rgb(0, 128, 0)");
  await options.click("#reset-colors");
  await page.waitForFunction(() => getComputedStyle(document.getElementById("e1"), "::highlight(claimlint-error)").textDecorationColor === "rgb(229, 72, 77)");
  // The ranges themselves never changed: only their look.
  assert.deepEqual(await shown(page), ALL);
});

test("site list: switched-off sites, and 'only on these sites' mode", async () => {
  await options.fill("#site-input", "http://127.0.0.1:1234/some/page");
  await options.click("#add-site button");
  await options.waitForSelector('#site-list li[data-site="127.0.0.1"]');
  await waitForShown(page, (s) => s.error.length === 0 && s.warning.length === 0 && s.info.length === 0);
  await options.click('#site-list li[data-site="127.0.0.1"] button');
  await waitForShown(page, (s) => s.error.length === 2);

  await options.check("#mode-only");
  await waitForShown(page, (s) => s.error.length === 0);
  assert.equal(await options.textContent("#site-list-title"), "Sites checked");
  await options.fill("#site-input", "127.0.0.1");
  await options.press("#site-input", "Enter");
  await waitForShown(page, (s) => s.error.length === 2 && s.info.length === 1);
  // Another site is not checked in this mode.
  const stored = await browser.worker.evaluate(() => chrome.storage.sync.get("settings"));
  assert.deepEqual(stored.settings.onlySites, ["127.0.0.1"]);
  assert.equal(stored.settings.siteMode, "only");
});

test("clearing ignored findings brings them back on the page", async () => {
  await browser.worker.evaluate(() => chrome.storage.local.set({ "site:127.0.0.1": { rules: ["soc2-certified"], here: ["x:1"] } }));
  await waitForShown(page, (s) => s.error.join() === "PCI certified");
  await options.waitForSelector('#ignored-list li[data-site="127.0.0.1"]');
  assert.match(await options.textContent('#ignored-list li[data-site="127.0.0.1"]'), /1 rules ignored on the site, 1 findings ignored in place/);
  await options.click("#clear-ignored");
  await waitForShown(page, (s) => s.error.length === 2);
  await options.waitForFunction(() => !document.querySelector('#ignored-list li[data-site]'));
  const stored = await browser.worker.evaluate(() => chrome.storage.local.get("site:127.0.0.1"));
  assert.deepEqual(stored["site:127.0.0.1"], {});
});

test("live preview checks sample text with the current settings", async () => {
  await options.fill("#preview-text", "We are SOC 2 certified, HIPAA certified and SOC 2 compliant. There is no SOC 2 certification.");
  await options.waitForFunction(() => document.querySelectorAll("#preview-results li").length === 3);
  const rules = () => options.$$eval("#preview-results li", (l) => l.map((li) => `${li.dataset.rule}:${li.dataset.severity}`));
  assert.deepEqual(await rules(), ["soc2-certified:error", "hipaa-certified:error", "soc2-compliant:info"]);
  await options.uncheck("#rule-hipaa-certified");
  await options.selectOption("#severity-soc2-compliant", "warning");
  // Both changes are saved in turn; the preview follows each.
  await options.waitForFunction(() => document.querySelector('#preview-results li[data-rule="soc2-compliant"]')?.dataset.severity === "warning");
  assert.deepEqual(await rules(), ["soc2-certified:error", "soc2-compliant:warning"]);
  assert.equal(await options.textContent("#preview-status"), "2 findings");
});

test("invalid stored settings are repaired to defaults with a visible notice; checking goes on", async () => {
  await options.close();
  await page.close();
  await browser.worker.evaluate(() =>
    chrome.storage.sync.set({
      settings: { minSeverity: "fatal", disabledRules: "soc2-certified", colors: { error: "red" }, style: "underline", siteMode: 7 },
      packs: [{ name: 42 }],
    }),
  );
  page = await browser.context.newPage();
  await page.goto(`${server.origin}/settings.html`);
  await waitForShown(page, (s) => s.error.length === 2 && s.warning.length === 1 && s.info.length === 1);
  options = await openOptions(browser.context, browser.id);
  const notice = await options.textContent("#notice");
  assert.match(notice, /reset to their defaults: .*minSeverity/);
  for (const field of ["disabledRules", "colors", "siteMode", "packs"]) assert.ok(notice.includes(field), field);
  assert.equal(await options.isVisible("#notice"), true);
  assert.equal(await options.inputValue("#min-severity"), "info");
  const stored = await browser.worker.evaluate(() => chrome.storage.sync.get(null));
  assert.deepEqual(stored.settings, { style: "underline" }, "broken fields removed, valid ones kept");
  assert.equal(stored.packs, undefined);
  await options.click("#notice button");
  await options.waitForSelector("#notice", { state: "hidden" });
});

test("every UI string the code uses exists in _locales/en", () => {
  const messages = JSON.parse(readFileSync(join(ROOT, "extension/static/_locales/en/messages.json"), "utf8"));
  const files = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
  const used = new Set();
  for (const file of [...files(join(ROOT, "extension/src")), ...files(join(ROOT, "extension/static"))]) {
    if (!/\.(ts|html|mjs)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bt\("([A-Za-z_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/\bplural\("([A-Za-z_]+)"/g)) used.add(`${m[1]}_one`).add(`${m[1]}_other`);
    for (const m of text.matchAll(/data-i18n(?:-[a-z-]+)?="([A-Za-z_]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/__MSG_([A-Za-z_]+)__/g)) used.add(m[1]);
  }
  for (const m of readFileSync(join(ROOT, "extension/build/manifest.mjs"), "utf8").matchAll(/__MSG_([A-Za-z_]+)__/g)) used.add(m[1]);
  assert.ok(used.size > 80, `found ${used.size} keys`);
  const missing = [...used].filter((k) => !messages[k]?.message);
  assert.deepEqual(missing, []);
  const manifest = JSON.parse(readFileSync(join(ROOT, "dist/chromium/manifest.json"), "utf8"));
  assert.equal(manifest.default_locale, "en");
});
