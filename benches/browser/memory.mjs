// Memory the extension adds to a tab: the same page loaded with ClaimLint switched off for the site
// (the content script starts and stops at once) and on (every finding held as Range objects), each
// measured after a forced garbage collection, in the same browser. The difference is what the
// check keeps per tab; the engine's memory lives once in the background worker, read from there.
// A browser without the extension loads the page too, for the script's own footprint.
import { launchWithoutExtension, median, setSiteOff, waitForCheckEnd } from "./plain.mjs";

/** Heap of the tab's renderer after a full GC: V8 heap (all worlds) + Blink's (DOM, Ranges). */
async function tabHeap(context, url, waitForCheck) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  try {
    await tab.goto(url, { waitUntil: "load" });
    if (waitForCheck) await waitForCheckEnd(cdp);
    else await tab.waitForTimeout(500); // the content script has read its settings and stopped
    await tab.waitForTimeout(300); // the report to the worker has gone out
    await cdp.send("HeapProfiler.enable");
    for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
    const usage = await cdp.send("Runtime.getHeapUsage");
    return { v8: usage.usedSize, blink: usage.embedderHeapUsedSize ?? 0 };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

const mb = (bytes) => Math.round((bytes / (1 << 20)) * 100) / 100;

/** The tab's heap in a browser without the extension (median of `runs` loads). */
async function withoutExtension(url, runs) {
  const browser = await launchWithoutExtension();
  try {
    const context = browser.context;
    const totals = [];
    for (let i = 0; i < runs; i++) {
      const heap = await tabHeap(context, url, false);
      totals.push(heap.v8 + heap.blink);
    }
    return median(totals);
  } finally {
    await browser.close();
  }
}

/** Medians over `runs` pairs of loads (off, then on) of `url`; sizes in MB. */
export async function measureMemory({ context, worker }, url, runs) {
  const site = new URL(url).hostname;
  const deltas = { v8: [], blink: [], total: [] };
  const off = [];
  for (let i = 0; i < runs; i++) {
    await setSiteOff(worker, site, true);
    const a = await tabHeap(context, url, false);
    await setSiteOff(worker, site, false);
    const b = await tabHeap(context, url, true);
    deltas.v8.push(b.v8 - a.v8);
    deltas.blink.push(b.blink - a.blink);
    deltas.total.push(b.v8 + b.blink - a.v8 - a.blink);
    off.push(a.v8 + a.blink);
  }
  await setSiteOff(worker, site, false);
  const plain = await withoutExtension(url, runs);
  const on = off.map((o, i) => o + deltas.total[i]);
  // The worker's engine: its Wasm memory (grown by the largest batch it has checked) and JS heap.
  const wasm = await worker.evaluate(() => globalThis.claimlintEngineMemory?.buffer.byteLength ?? null);
  return {
    runs,
    tabWithoutExtension: mb(plain),
    tabWithoutCheck: mb(median(off)),
    addedToPlain: mb(median(on) - plain),
    addedV8: mb(median(deltas.v8)),
    addedBlink: mb(median(deltas.blink)),
    added: mb(median(deltas.total)),
    addedAll: deltas.total.map(mb),
    workerWasm: wasm === null ? null : mb(wasm),
  };
}
