// Settings pushed by an organisation: a real Chromium policy (/etc/chromium/policies/managed, read
// by Chromium at start-up) for this extension's id sets the minimum severity, switches a rule off
// and adds a team pack. The options page shows those values locked, the page obeys them, and the
// user cannot override them. Writing the policy needs root (as on this machine and in CI);
// elsewhere the test is skipped and says why.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { serve } from "../lib/server.mjs";
import { launch, waitForReport, EXTENSION } from "../lib/chromium.mjs";
import { openOptions, waitForShown } from "../lib/settings.mjs";

const POLICY_DIR = "/etc/chromium/policies/managed";
const root = process.getuid?.() === 0;

/** Chromium's id for an unpacked extension: SHA-256 of its path, first 32 hex digits mapped to a-p. */
function unpackedId(dir) {
  const hex = createHash("sha256").update(realpathSync(dir)).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

const PACK = `[[rule]]
id = "org-bank-grade"
severity = "error"
summary = "Vague security superlative"
message = "Say what protects the data."
explanation = "Bank-grade is not a standard."
patterns = ['bank[- ]grade security']
`;

let server, browser, policyFile;

before(async () => {
  if (!root) return;
  const id = unpackedId(EXTENSION);
  policyFile = `${POLICY_DIR}/claimlint-test-${id}.json`;
  mkdirSync(POLICY_DIR, { recursive: true });
  // Only this extension id is addressed: other Chromium instances on the machine are unaffected.
  const policy = { minSeverity: "warning", disabledRules: ["pci-certified"], packs: [{ name: "org.toml", source: PACK }] };
  writeFileSync(policyFile, JSON.stringify({ "3rdparty": { extensions: { [id]: policy } } }));
  server = await serve();
  browser = await launch();
  assert.equal(browser.id, id, "the policy addresses the loaded extension");
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (policyFile) rmSync(policyFile, { force: true });
});

test("managed settings and packs apply to pages and show as locked", { skip: !root && "writing a Chromium policy needs root" }, async () => {
  const managed = await browser.worker.evaluate(() => chrome.storage.managed.get(null));
  assert.equal(managed.minSeverity, "warning");

  const page = await browser.context.newPage();
  const url = `${server.origin}/settings.html`;
  await page.goto(url);
  // The organisation's pack is compiled by the worker (no options page involved), its minimum
  // severity hides the info finding and its disabled rule hides "PCI certified".
  await waitForShown(page, (s) => s.error.includes("Bank-grade security"), 20000);
  const s = await waitForShown(page, (s) => s.error.join() === "Bank-grade security,SOC 2 certified");
  assert.deepEqual(s.info, []);
  assert.deepEqual(s.warning, ["ISO 27001 accredited"]);
  await waitForReport(browser.worker, url, (r) => r.frames["0"]?.count === 3);

  const options = await openOptions(browser.context, browser.id);
  assert.equal(await options.isVisible("#managed-note"), true);
  assert.equal(await options.inputValue("#min-severity"), "warning");
  assert.equal(await options.isDisabled("#min-severity"), true);
  assert.equal(await options.isChecked("#rule-pci-certified"), false);
  assert.equal(await options.isDisabled("#rule-pci-certified"), true);
  assert.equal(await options.isDisabled("#rule-soc2-certified"), true, "the rule list is the organisation's");
  assert.equal(await options.isDisabled("#style-background"), false, "what the policy leaves out stays the user's");
  assert.match(await options.textContent('[data-setting="minSeverity"] .lock'), /Set by your organisation/);
  const pack = '#pack-list li[data-pack="org.toml"]';
  assert.match(await options.textContent(pack), /Set by your organisation/);
  assert.equal(await options.$$eval(`${pack} button.remove`, (b) => b.length), 0, "the organisation's pack cannot be removed");
  assert.equal(await options.isVisible("#rule-org-bank-grade"), true);

  // A value the user stored earlier does not beat the policy.
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { minSeverity: "info", style: "background" } }));
  await options.waitForFunction(() => document.getElementById("style-background").checked);
  assert.equal(await options.inputValue("#min-severity"), "warning");
  await page.waitForFunction(() => getComputedStyle(document.getElementById("e1"), "::highlight(claimlint-error)").textDecorationLine === "none");
  assert.deepEqual((await waitForShown(page, (s) => s.error.length === 2)).info, []);
});
