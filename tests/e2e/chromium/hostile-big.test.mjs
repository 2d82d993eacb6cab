// Big pages: 10 MB of text, 100,000 nodes, DOM depth 5,000 (built by hostile/big.js while the
// page loads). Every claim is found; no main-thread task that ran the extension's code takes
// more than 50 ms of the thread (CDP trace with V8's sampling profiler: tests/e2e/lib/tasks.mjs);
// on the 10 MB page, timers and input events stay responsive while it is checked.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, resetSettings, waitForReport } from "../lib/chromium.mjs";
import { extensionTasks, startTrace } from "../lib/tasks.mjs";

let server, browser;

before(async () => {
  server = await serve();
  browser = await launch();
  await resetSettings(browser.worker);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const TEN_MB = 10 * 1024 * 1024;

/** Loads a big page under a trace; waits until every claim is reported; returns the extension's tasks. */
async function loadTraced(query) {
  const url = `${server.origin}/hostile/big.html?${query}`;
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const stop = await startTrace(cdp);
  const t0 = Date.now();
  await page.goto(url, { timeout: 60000 });
  const expected = await page.evaluate(() => window.expectedClaims);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked && r.frames["0"].count === expected, 60000);
  const seconds = (Date.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 300)); // painting the highlights, the report
  const tasks = extensionTasks(await stop(), browser.id);
  const errors = await page.evaluate(() => CSS.highlights.get("claimlint-error")?.size ?? 0);
  await cdp.detach();
  await page.close();
  const longest = tasks[0];
  const cpu = Math.max(...tasks.map((t) => t.cpuMs));
  console.log(`${query}: ${expected} claims, reported in ${seconds.toFixed(1)} s; ${tasks.length} tasks ran extension code, longest ${longest.ms.toFixed(1)} ms wall (${longest.cpuMs.toFixed(1)} ms thread), most thread time in one task ${cpu.toFixed(1)} ms`);
  return { expected, report, errors, tasks, cpu };
}

/**
 * A task's length is its thread time: this machine has 2 cores shared with the worker checking
 * the batches (another process), the browser and whatever else runs (builds, other suites: load
 * average 6 measured during these tests), so a task's wall time also counts time the OS gave
 * others (measured: 132 ms wall for 15.8 ms of thread time). Wall times are printed.
 */
function assertShortTasks({ tasks, cpu }) {
  assert.ok(tasks.length > 0);
  assert.ok(cpu <= 50, `a task ran ${cpu.toFixed(1)} ms: ${JSON.stringify(tasks.slice(0, 3))}`);
}

test("10 MB of text: every claim found, no long task", async () => {
  const got = await loadTraced(`text=${TEN_MB}`);
  assert.ok(got.expected >= 100, `${got.expected} claims on the page`);
  assert.equal(got.report.frames["0"].count, got.expected);
  assert.equal(got.errors, got.expected);
  assertShortTasks(got);
});

const percentile = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))] ?? NaN;

/** Moves the mouse over the page (real input, through CDP) as fast as the page takes it until `until()`. */
async function moveMouse(page, until) {
  for (let i = 0; !until(); i++) {
    await page.mouse.move(100 + (i % 50) * 4, 200 + (i % 7) * 3);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const stats = (list) => `max ${Math.max(...list).toFixed(1)} ms, p95 ${percentile(list, 0.95).toFixed(1)} ms, median ${percentile(list, 0.5).toFixed(1)} ms (${list.length})`;

test("10 MB of text: timers and input stay responsive while it is checked", async () => {
  const url = `${server.origin}/hostile/big.html?text=${TEN_MB}&seed=8`;
  const page = await browser.context.newPage();
  await page.goto(url, { timeout: 60000 }); // the probe (hostile/probe.js) runs from the start
  const expected = await page.evaluate(() => window.expectedClaims);
  let checked = false;
  const done = waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked && r.frames["0"].count === expected, 60000).then(() => (checked = true));
  await moveMouse(page, () => checked);
  await done;
  const on = await page.evaluate(() => window.stopProbe());
  await page.close();

  // The same page with the site switched off, probed as long: what the page costs by itself.
  await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { offSites: ["127.0.0.1"] } }));
  const quiet = await browser.context.newPage();
  await quiet.goto(`${url}&off`, { timeout: 60000 });
  await quiet.waitForFunction(() => window.probing(), null, { timeout: 60000 });
  const end = Date.now() + on.span;
  await moveMouse(quiet, () => Date.now() > end);
  const off = await quiet.evaluate(() => window.stopProbe());
  await quiet.close();
  await resetSettings(browser.worker);

  console.log(`10 MB page while checked (${on.span.toFixed(0)} ms): timer lateness ${stats(on.timers)}; input delay ${stats(on.inputs)}`);
  console.log(`same page, site off: timer lateness ${stats(off.timers)}; input delay ${stats(off.inputs)}`);
  // The span is short (160-640 ms measured: the page's own first frame comes before it).
  assert.ok(on.timers.length >= 8 && on.inputs.length >= 3, `the probe ran during the check (${on.timers.length} timers, ${on.inputs.length} inputs)`);
  // Generous bounds: no freeze, and most events are on time. This machine has 2 cores; while the
  // worker checks 10 MB on one, the renderer's thread is descheduled now and then (a trace showed a
  // 65 ms task with 0.2 ms of thread time), so single delays of 100-200 ms happen with nothing of
  // the extension's running; the trace test above bounds the extension's own tasks.
  assert.ok(Math.max(...on.inputs) < 400, `input waited ${Math.max(...on.inputs).toFixed(1)} ms`);
  assert.ok(Math.max(...on.timers) < 400, `a timer was ${Math.max(...on.timers).toFixed(1)} ms late`);
  assert.ok(percentile(on.inputs, 0.5) < 30, `median input delay ${percentile(on.inputs, 0.5).toFixed(1)} ms`);
  assert.ok(percentile(on.timers, 0.5) < 30, `median timer lateness ${percentile(on.timers, 0.5).toFixed(1)} ms`);
});

test("100,000 nodes: every claim split across inline elements found, no long task", async () => {
  const got = await loadTraced("nodes=100000");
  assert.equal(got.expected, 10);
  assert.equal(got.report.frames["0"].count, got.expected);
  assert.ok(got.report.frames["0"].findings.every((f) => f.text === "SOC 2 certified"));
  assert.equal(got.errors, got.expected);
  assertShortTasks(got);
});

test("DOM depth 5,000: no stack overflow, claims at every depth found, no long task", async () => {
  const got = await loadTraced("depth=5000");
  assert.equal(got.expected, 4);
  assert.deepEqual(got.report.frames["0"].findings.map((f) => f.text), ["SOC 2 certified", "SOC 2 certified", "SOC 2 certified", "HIPAA certified"]);
  assert.equal(got.errors, got.expected);
  assertShortTasks(got);
});

test("no request left the machine", () => {
  assert.deepEqual(browser.foreignRequests(), []);
});
