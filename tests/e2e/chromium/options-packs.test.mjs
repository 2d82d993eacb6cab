// Team rule packs in the options page: a valid pack imported from a file, a pasted pack with a
// broken rule (error with pack, line and rule id; its valid rule and every other pack keep
// working), a TOML syntax error, export, a pack too large for storage.sync (kept on this device
// with a note). Open tabs pick up each change without a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, waitForErrors, resetSettings } from "../lib/chromium.mjs";
import { downloadText, openOptions, waitForShown } from "../lib/settings.mjs";

let server, browser, page, options;

const TEAM = `# Team wording rules
[[rule]]
id = "team-bank-grade"
severity = "warning"
summary = "Vague security superlative"
message = "Say what protects the data."
explanation = "Bank-grade is not a standard."
patterns = ['(?P<hit>bank[- ]grade security)']
suggestions = [{ text = "independently audited security" }]
`;

const BROKEN = `[[rule]]
id = "team-military"
severity = "info"
summary = "s"
message = "m"
explanation = "e"
patterns = ['card vault']

[[rule]]
id = "team-broken"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['soc 2 (unclosed']
`;

before(async () => {
  server = await serve();
  browser = await launch();
  await resetSettings(browser.worker);
  page = await browser.context.newPage();
  await page.goto(`${server.origin}/settings.html`);
  await waitForErrors(page, 2);
  options = await openOptions(browser.context, browser.id);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const packStatus = (name) => options.textContent(`#pack-list li[data-pack="${name}"] .status`);

test("a valid pack imported from a file is compiled and its rules highlight open tabs at once", async () => {
  await options.setInputFiles("#pack-file", { name: "team.toml", mimeType: "text/plain", buffer: Buffer.from(TEAM) });
  await options.waitForFunction(() => document.getElementById("pack-name").value === "team.toml");
  assert.equal(await options.inputValue("#pack-source"), TEAM);
  await options.click("#save-pack");
  await options.waitForSelector('#pack-list li[data-pack="team.toml"]');
  assert.equal(await packStatus("team.toml"), "Loaded");
  assert.equal(await options.textContent("#pack-errors"), "Saved team.toml: every rule loaded.");
  const s = await waitForShown(page, (s) => s.warning.includes("Bank-grade security"));
  assert.deepEqual(s.error, ["PCI certified", "SOC 2 certified"], "built-in rules still run");
  // The new rule is listed with the others and can be switched off like them.
  await options.waitForSelector("#rule-team-bank-grade");
  await options.uncheck("#rule-team-bank-grade");
  await waitForShown(page, (s) => !s.warning.includes("Bank-grade security"));
  await options.check("#rule-team-bank-grade");
  await waitForShown(page, (s) => s.warning.includes("Bank-grade security"));
  const stored = await browser.worker.evaluate(() => Promise.all([chrome.storage.sync.get("packs"), chrome.storage.local.get("compiled")]));
  assert.deepEqual(stored[0].packs, [{ name: "team.toml", source: TEAM }]);
  assert.ok(stored[1].compiled.rules > 33, "compiled pack = built-in rules + team rules");
});

test("a pasted pack with a broken rule shows pack, line and rule id; valid rules keep working", async () => {
  await options.fill("#pack-name", "broken.toml");
  await options.fill("#pack-source", BROKEN);
  await options.click("#save-pack");
  await options.waitForSelector('#pack-list li[data-pack="broken.toml"] .pack-error');
  const errors = await options.$$eval('#pack-list li[data-pack="broken.toml"] .pack-error', (l) => l.map((e) => e.textContent));
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^broken\.toml, line 9, rule team-broken: .*(unclosed|group)/);
  assert.equal(await packStatus("broken.toml"), "1 error");
  assert.match(await options.textContent("#pack-errors"), /1 error: broken\.toml, line 9, rule team-broken/);
  assert.equal(await packStatus("team.toml"), "Loaded");
  // The broken pack's valid rule, the other pack and the built-in rules all still highlight.
  await waitForShown(page, (s) => s.info.includes("card vault") && s.warning.includes("Bank-grade security") && s.error.includes("SOC 2 certified"));
});

test("a TOML syntax error rejects that pack only, with its line", async () => {
  await options.fill("#pack-name", "syntax.toml");
  await options.fill("#pack-source", "[[rule]\nid = 1\n");
  await options.click("#save-pack");
  await options.waitForSelector('#pack-list li[data-pack="syntax.toml"] .pack-error');
  assert.match(await options.textContent('#pack-list li[data-pack="syntax.toml"] .pack-error'), /^syntax\.toml, line 1: /);
  await waitForShown(page, (s) => s.warning.includes("Bank-grade security") && s.info.includes("card vault"));
  // Removing the broken packs leaves the valid one.
  await options.click('#pack-list li[data-pack="syntax.toml"] button.remove');
  await options.click('#pack-list li[data-pack="broken.toml"] button.remove');
  await waitForShown(page, (s) => !s.info.includes("card vault") && s.warning.includes("Bank-grade security"));
});

test("a pack can be exported as it was written", async () => {
  const file = await downloadText(options, () => options.click('#pack-list li[data-pack="team.toml"] button.export'));
  assert.equal(file.name, "team.toml");
  assert.equal(file.text, TEAM);
});

test("a pack larger than storage.sync allows is kept in storage.local, with a note", async () => {
  const filler = Array.from({ length: 400 }, (_, i) => `# padding line ${i} to make this pack larger than one sync item`).join("\n");
  await options.fill("#pack-name", "large.toml");
  await options.fill("#pack-source", `${filler}\n${BROKEN.split("\n\n")[0]}\n`);
  await options.click("#save-pack");
  await options.waitForSelector("#packs-local", { state: "visible" });
  assert.match(await options.textContent("#packs-local"), /kept on this device only/);
  const stored = await browser.worker.evaluate(() => Promise.all([chrome.storage.sync.get("packs"), chrome.storage.local.get("packs")]));
  assert.equal(stored[0].packs, undefined);
  assert.deepEqual(stored[1].packs.map((p) => p.name), ["team.toml", "large.toml"]);
  await waitForShown(page, (s) => s.info.includes("card vault") && s.warning.includes("Bank-grade security"));
  // Back under the limit: the packs return to storage.sync.
  await options.click('#pack-list li[data-pack="large.toml"] button.remove');
  await options.waitForSelector("#packs-local", { state: "hidden" });
  const back = await browser.worker.evaluate(() => Promise.all([chrome.storage.sync.get("packs"), chrome.storage.local.get("packs")]));
  assert.deepEqual(back[0].packs.map((p) => p.name), ["team.toml"]);
  assert.equal(back[1].packs, undefined);
  await waitForShown(page, (s) => !s.info.includes("card vault"));
});

test("packs changed elsewhere (sync from another device) are compiled by the worker", async () => {
  await browser.worker.evaluate((source) => chrome.storage.sync.set({ packs: [{ name: "synced.toml", source }] }), BROKEN.split("\n\n")[0] + "\n");
  await waitForShown(page, (s) => s.info.includes("card vault") && !s.warning.includes("Bank-grade security"));
  await options.waitForSelector('#pack-list li[data-pack="synced.toml"]');
  await browser.worker.evaluate(() => chrome.storage.sync.remove("packs"));
  await waitForShown(page, (s) => !s.info.includes("card vault") && s.error.length === 2);
  assert.equal((await browser.worker.evaluate(() => chrome.storage.local.get("compiled"))).compiled, undefined);
});
