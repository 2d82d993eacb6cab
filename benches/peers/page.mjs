// Runs inside the benchmark page: loads the Wasm engine the way the extension does (streaming
// compile of /pkg/claimlint_bg.wasm, then `new Engine(rules.bin)`), and times `check` calls.
// The Node side (chromium.mjs) calls `window.bench.*` through page.evaluate.
import init, { Engine } from "/pkg/claimlint.js";

const FIRST_CLAIM = "We are SOC 2 certified.";
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let pack;
let engine;

function instance() {
  let t = performance.now();
  const e = new Engine(pack);
  const loadMs = performance.now() - t;
  t = performance.now();
  const found = e.check(FIRST_CLAIM).length;
  const firstMs = performance.now() - t;
  if (found < 1) throw new Error("no finding in the first claim");
  return { e, loadMs, firstMs };
}

window.bench = {
  /** The first engine of this page (cold), then 9 more (warm). Call once per fresh page. */
  async load() {
    let t = performance.now();
    await init({ module_or_path: "/pkg/claimlint_bg.wasm" });
    const initMs = performance.now() - t;
    t = performance.now();
    pack = new Uint8Array(await (await fetch("/pkg/rules.bin")).arrayBuffer());
    const packFetchMs = performance.now() - t;
    const cold = instance();
    engine = cold.e;
    const warm = Array.from({ length: 9 }, () => {
      const w = instance();
      w.e.free();
      return w;
    });
    return {
      initMs,
      packFetchMs,
      packLoadColdMs: cold.loadMs,
      firstClaimColdMs: cold.firstMs,
      packLoadWarmMs: median(warm.map((w) => w.loadMs)),
      firstClaimWarmMs: median(warm.map((w) => w.firstMs)),
      warmInstances: warm.length,
      crossOriginIsolated: self.crossOriginIsolated,
    };
  },

  /** Warm-up, then timed `check` calls over one corpus file (same policy as stats.mjs). */
  async throughput(name, { runs, warmup, warmupMs, budgetMs, minRuns = 3 }) {
    const text = await (await fetch(`/corpus/${name}`)).text();
    let findings = 0;
    const warmStart = performance.now();
    let warmed = 0;
    while (warmed < warmup || (performance.now() - warmStart < warmupMs && warmed < 50)) {
      findings = engine.check(text).length;
      warmed++;
    }
    const times = [];
    const started = performance.now();
    while (times.length < runs) {
      const t = performance.now();
      findings = engine.check(text).length;
      times.push(performance.now() - t);
      if (times.length >= minRuns && performance.now() - started > budgetMs) break;
    }
    // What passing the text into Wasm costs alone (wasm-bindgen encodes it to UTF-8 the same way).
    const buffer = new Uint8Array(text.length * 3);
    const encoder = new TextEncoder();
    const encode = Array.from({ length: 5 }, () => {
      const t = performance.now();
      encoder.encodeInto(text, buffer);
      return performance.now() - t;
    });
    return {
      chars: text.length, findings, warmup: warmed, runs: times.length, medianMs: median(times), timesMs: times,
      utf8EncodeMs: median(encode),
    };
  },
};
document.documentElement.dataset.ready = "1";
