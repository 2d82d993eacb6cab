// Reports and quick actions: the popup exports the page's findings as Markdown, CSV and JSON
// (downloaded and parsed, and copied), "Check selected text" lists a selection's findings in the
// card (also on a site switched off), and the highlight toggle shortcut.
//
// Headless Chromium draws no context menu and does not route key presses to extension commands,
// so the menu and the shortcut are covered one step below the browser UI: the test checks that
// both commands are registered with their keys (chrome.commands.getAll) and sends the very
// messages the menu and command handlers send (background/menu.ts, background/commands.ts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, waitForErrors, waitForReport, resetSettings, openPopup, inCard, tabReport } from "../lib/chromium.mjs";
import { downloadText, shown, waitForShown } from "../lib/settings.mjs";

let server, browser, page, url, tabId;

before(async () => {
  server = await serve();
  browser = await launch();
  await resetSettings(browser.worker);
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  page = await browser.context.newPage();
  url = `${server.origin}/settings.html`;
  await page.goto(url);
  await waitForErrors(page, 2);
  ({ tabId } = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked && r.frames["0"].findings.length === 4));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

const EXPECTED = [
  ["soc2-certified", "error", "SOC 2 certified"],
  ["pci-certified", "error", "PCI certified"],
  ["iso-accredited", "warning", "ISO 27001 accredited"],
  ["soc2-compliant", "info", "SOC 2 compliant"],
];

test("popup exports the findings as JSON, CSV and Markdown files that parse", async () => {
  const popup = await openPopup(browser.context, browser.id, tabId);
  await popup.waitForSelector("#export:not([hidden])");
  const started = Date.now();

  await popup.selectOption("#export-format", "json");
  const json = await downloadText(popup, () => popup.click("#download"));
  assert.match(json.name, /^claimlint-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.json$/);
  const report = JSON.parse(json.text);
  assert.equal(report.url, url);
  assert.equal(report.title, "Trust center | Cloudbase");
  assert.ok(Math.abs(Date.parse(report.date) - started) < 60_000);
  assert.deepEqual(report.findings.map((f) => [f.rule, f.severity, f.claim]), EXPECTED);
  const soc2 = report.findings[0];
  assert.equal(soc2.context, "Cloudbase is SOC 2 certified and encrypts every record at rest.");
  assert.deepEqual(soc2.suggestions, ["SOC 2 attested"]);
  assert.match(soc2.message, /attestation/);

  await popup.selectOption("#export-format", "csv");
  const csv = await downloadText(popup, () => popup.click("#download"));
  assert.match(csv.name, /\.csv$/);
  const rows = parseCsv(csv.text);
  assert.deepEqual(rows[0], ["url", "title", "date", "rule", "severity", "claim", "context", "suggestions", "message"]);
  assert.equal(rows.length, 5, JSON.stringify(rows));
  assert.deepEqual(rows.slice(1).map((r) => [r[3], r[4], r[5]]), EXPECTED);
  assert.deepEqual([rows[1][0], rows[1][1], rows[1][6], rows[1][7]], [url, "Trust center | Cloudbase", soc2.context, "SOC 2 attested"]);

  await popup.selectOption("#export-format", "markdown");
  const md = await downloadText(popup, () => popup.click("#download"));
  assert.match(md.name, /\.md$/);
  const lines = md.text.split("\n");
  assert.equal(lines[0], "# ClaimLint report: Trust center \\| Cloudbase");
  assert.ok(lines.includes(`- Page: <${url}>`));
  assert.ok(lines.includes("| --- | --- | --- | --- | --- |"), "table separator");
  const table = lines.filter((l) => l.startsWith("| ") && !l.startsWith("| ---"));
  assert.equal(table.length, 1 + EXPECTED.length, "header + one row per finding");
  const cells = table.slice(1).map((l) => l.slice(2, -2).split(" | ").map((c) => c.replace(/\\(.)/g, "$1")));
  assert.deepEqual(cells.map((c) => [c[1], c[0], c[2]]), EXPECTED);
  assert.equal(cells[0][3], soc2.context);

  // Copy puts the same report on the clipboard.
  await popup.selectOption("#export-format", "json");
  await popup.click("#copy-report");
  await popup.waitForFunction(() => document.getElementById("export-status").textContent === "Report copied.");
  const copied = JSON.parse(await popup.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(copied.findings.map((f) => f.claim), EXPECTED.map((e) => e[2]));
  await popup.close();
});

test("page text cannot break the exported formats (formulas, pipes, links, markup, quotes)", async () => {
  const edge = await browser.context.newPage();
  const edgeUrl = `${server.origin}/report-edge.html`;
  await edge.goto(edgeUrl);
  await waitForErrors(edge, 1);
  const { tabId: edgeTab } = await waitForReport(browser.worker, edgeUrl, (r) => r.frames["0"]?.findings.length === 1);
  const popup = await openPopup(browser.context, browser.id, edgeTab);
  await popup.waitForSelector("#export:not([hidden])");
  // The context is the claim with up to 48 characters either side (cut at words, "…" marks a cut).
  const report = await tabReport(browser.worker, edgeUrl);
  const f = report.frames["0"].findings[0];
  const context = `${f.before}${f.text}${f.after}`;
  assert.ok(context.startsWith("=HYPERLINK") && context.includes("[docs]"), context);

  await popup.selectOption("#export-format", "csv");
  const rows = parseCsv((await downloadText(popup, () => popup.click("#download"))).text);
  assert.equal(rows.length, 2);
  assert.equal(rows[1][1], 'Pricing | <b>Acme</b> "Cloud"');
  assert.equal(rows[1][6], `'${context}`, "a cell starting with = is defused with a leading quote");

  await popup.selectOption("#export-format", "markdown");
  const md = (await downloadText(popup, () => popup.click("#download"))).text;
  const row = md.split("\n").find((l) => l.startsWith("| error"));
  assert.ok(row, md);
  assert.ok(!/[^\\][[\]<>|*]/.test(row.slice(1, -1).replace(/ \| /g, " ")), `no unescaped markup: ${row}`);
  const cells = row.slice(2, -2).split(" | ").map((c) => c.replace(/\\(.)/g, "$1"));
  assert.equal(cells.length, 5);
  assert.equal(cells[3], context);

  await popup.selectOption("#export-format", "json");
  const json = JSON.parse((await downloadText(popup, () => popup.click("#download"))).text);
  assert.equal(json.findings[0].context, context);
  assert.equal(json.title, 'Pricing | <b>Acme</b> "Cloud"');
  await popup.close();
  await edge.close();
});

async function selectionCard(frame) {
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    const got = await inCard(browser.context, frame, (root) => {
      const card = root.querySelector(".card.selection");
      if (!card) return null;
      return {
        label: card.getAttribute("aria-label"),
        badge: card.querySelector(".badge").textContent,
        rules: [...card.querySelectorAll(".selection-finding")].map((li) => li.dataset.rule),
        claims: [...card.querySelectorAll(".quote")].map((q) => q.textContent),
        focused: root.activeElement?.className ?? null,
      };
    });
    if (got?.value) return got.value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

const sendFromWorker = (message, frameId) =>
  browser.worker.evaluate(([tabId, message, frameId]) => chrome.tabs.sendMessage(tabId, message, frameId === undefined ? {} : { frameId }), [tabId, message, frameId]);

test("'Check selected text' lists the selection's findings in the card, even on a site switched off", async () => {
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { offSites: ["127.0.0.1"] } }));
  await waitForShown(page, (s) => s.error.length === 0);
  // Select two paragraphs, as a user would, then run the menu's message.
  const text = await page.evaluate(() => {
    const range = document.createRange();
    range.setStart(document.getElementById("e1").firstChild, 0);
    range.setEnd(document.getElementById("e2").firstChild, document.getElementById("e2").firstChild.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
  });
  assert.equal(await sendFromWorker({ kind: "check-selection", text }, 0), true);
  const card = await selectionCard(page);
  assert.equal(card.label, "ClaimLint: selected text");
  assert.equal(card.badge, "2 claims in the selection");
  assert.deepEqual(card.rules, ["soc2-certified", "pci-certified"]);
  assert.deepEqual(card.claims, ["“SOC 2 certified”", "“PCI certified”"]);
  assert.equal(card.focused, "copy", "keyboard focus moves into the card");
  // The page itself stays unhighlighted: the site is off.
  assert.deepEqual((await shown(page)).error, []);

  // A selection without claims says so.
  await page.evaluate(() => getSelection().selectAllChildren(document.getElementById("n1")));
  await sendFromWorker({ kind: "check-selection", text: "Ask us for the security questionnaire." }, 0);
  const end = Date.now() + 5000;
  let clean = null;
  while (Date.now() < end && clean?.badge !== "No inaccurate claims in the selection") clean = await selectionCard(page);
  assert.deepEqual(clean.rules, []);
  await page.keyboard.press("Escape");
  await resetSettings(browser.worker);
  await waitForShown(page, (s) => s.error.length === 2);
});

test("the toggle shortcut hides and shows the highlights of the tab; both commands have keys", async () => {
  const commands = await browser.worker.evaluate(() => chrome.commands.getAll());
  const byName = Object.fromEntries(commands.map((c) => [c.name, c.shortcut]));
  assert.equal(byName["toggle-highlights"], "Alt+Shift+H");
  assert.equal(byName["_execute_action"], "Alt+Shift+L");
  const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
  assert.ok(manifest.permissions.includes("contextMenus"));

  // What the command handler sends: a toggle to the top frame, then its answer to every frame.
  const hidden = await sendFromWorker({ kind: "show-highlights" }, 0);
  assert.equal(hidden, false);
  await page.waitForFunction(() => !CSS.highlights.has("claimlint-error") && !CSS.highlights.has("claimlint-info"));
  // Findings are kept: the popup still lists them.
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"].count === 4);
  assert.equal(report.frames["0"].findings.length, 4);
  const visible = await sendFromWorker({ kind: "show-highlights" }, 0);
  assert.equal(visible, true);
  await waitForShown(page, (s) => s.error.length === 2 && s.warning.length === 1 && s.info.length === 1);
});
