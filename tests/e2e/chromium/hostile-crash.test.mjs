// Crash safety: when the engine cannot load (a corrupt compiled team pack in storage.local, or an
// engine file that fails to compile), the popup says "Could not check this page." quietly, the
// page sees no error and no change to its DOM, and once the cause is gone pages are checked again.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../lib/server.mjs";
import { EXTENSION, launch, highlights, openPopup, resetSettings, waitForErrors, waitForReport } from "../lib/chromium.mjs";

let server;

before(async () => {
  server = await serve();
});

after(async () => {
  await server?.close();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const NONE = { "claimlint-error": [], "claimlint-warning": [], "claimlint-info": [] };

/** Opens the crash fixture in a new tab, recording exceptions from every world of the page (CDP). */
async function openPage(browser, url) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const exceptions = [];
  cdp.on("Runtime.exceptionThrown", ({ exceptionDetails }) => exceptions.push(exceptionDetails.exception?.description ?? exceptionDetails.text));
  await cdp.send("Runtime.enable");
  await page.goto(url);
  return { page, exceptions };
}

/** The popup's status line for the tab showing `url`, once it says `expected`. */
async function popupStatus(browser, url, expected) {
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  const popup = await openPopup(browser.context, browser.id, report.tabId);
  try {
    await popup.waitForFunction((text) => document.getElementById("status").textContent === text, expected, { timeout: 10000 }).catch(() => {});
    return await popup.$eval("#status", (e) => ({ text: e.textContent, className: e.className }));
  } finally {
    await popup.close();
  }
}

async function assertUntouched(page, exceptions) {
  assert.deepEqual(await highlights(page), NONE);
  assert.equal(await page.evaluate(() => window.changesAfterParse()), 0, "the extension changed nothing in the page's DOM");
  assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
  assert.deepEqual(exceptions, [], "no exception in any world of the page");
}

test("a corrupt compiled team pack: quiet error state, page untouched; removing it brings the checks back", async () => {
  const browser = await launch();
  try {
    await resetSettings(browser.worker);
    const url = `${server.origin}/hostile/crash.html`;
    const first = await openPage(browser, url);
    await waitForErrors(first.page, 2);

    // A compiled pack whose bytes are not a pack (a damaged profile, a bad sync): the worker's
    // engine fails to load; every frame re-checks with it.
    await browser.worker.evaluate(async () => {
      const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
      let s = "";
      for (const b of junk) s += String.fromCharCode(b);
      await chrome.storage.local.set({ compiled: { key: "corrupt", pack: btoa(s), rules: 1, errors: [] } });
    });
    const other = await openPage(browser, `${url}?second`);
    for (const { page, exceptions } of [first, other]) {
      await page.waitForFunction(() => !CSS.highlights.get("claimlint-error")?.size);
      await waitForReport(browser.worker, page.url(), (r) => r.frames["0"]?.failed === true);
      await sleep(300);
      // The first tab was checked before: its highlights were removed when the pack changed
      // (the highlight registry is the extension's, not the page's DOM).
      await assertUntouched(page, exceptions);
      assert.deepEqual(await popupStatus(browser, page.url(), "Could not check this page."), { text: "Could not check this page.", className: "failed" });
    }

    // The cause is gone: both tabs and a new one are checked again, with no error state.
    await browser.worker.evaluate(() => chrome.storage.local.remove("compiled"));
    const third = await openPage(browser, `${url}?third`);
    for (const { page, exceptions } of [first, other, third]) {
      await waitForErrors(page, 2);
      const report = await waitForReport(browser.worker, page.url(), (r) => r.frames["0"]?.count === 2);
      assert.equal(report.frames["0"].failed, undefined);
      assert.deepEqual(exceptions, []);
      assert.equal((await popupStatus(browser, page.url(), "2 claims to review")).text, "2 claims to review");
    }
    assert.deepEqual(browser.foreignRequests(), []);
  } finally {
    await browser.close();
  }
});

test("an engine file that fails to compile: quiet error state; restored, other tabs check again", async () => {
  // A copy of the shipped extension whose Wasm file is damaged (as a broken update or disk would).
  const dir = await mkdtemp(join(tmpdir(), "claimlint-broken-"));
  const wasm = join(dir, "pkg", "claimlint_bg.wasm");
  await cp(EXTENSION, dir, { recursive: true });
  const good = await readFile(wasm);
  await writeFile(wasm, good.subarray(0, 1000));
  const browser = await launch({ extension: dir });
  try {
    const url = `${server.origin}/hostile/crash.html`;
    const { page, exceptions } = await openPage(browser, url);
    await waitForReport(browser.worker, url, (r) => r.frames["0"]?.failed === true);
    await sleep(300);
    await assertUntouched(page, exceptions);
    assert.deepEqual(await popupStatus(browser, url, "Could not check this page."), { text: "Could not check this page.", className: "failed" });

    // The file is whole again: the next page loads the engine (the worker retries after a failure).
    await writeFile(wasm, good);
    const next = await openPage(browser, `${url}?after`);
    await waitForErrors(next.page, 2);
    assert.deepEqual((await highlights(next.page))["claimlint-error"], ["HIPAA certified", "SOC 2 certified"]);
    assert.deepEqual(next.exceptions, []);
    assert.deepEqual(browser.foreignRequests(), []);
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
});
