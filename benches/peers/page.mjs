// Runs inside the benchmark page: loads the Wasm engine the way the extension does (streaming
// compile of /pkg/claimlint_bg.wasm, then `new Engine(rules.bin)`), and times `check` calls, and
// the naive RegExp highlighter on the same text in the same page.
// The Node side (chromium.mjs) calls `window.bench.*` through page.evaluate.
import init, { Engine } from "/pkg/claimlint.js";
import { naiveHighlighter } from "/phrases.mjs";

const FIRST_CLAIM = "We are SOC 2 certified.";
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let pack;
let engine;
const texts = {};
let naive;

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

  /** One timed `check` over a corpus file (fetched once per page). */
  async once(name) {
    texts[name] ??= await (await fetch(`/corpus/${name}`)).text();
    const t = performance.now();
    const findings = engine.check(texts[name]).length;
    return { ms: performance.now() - t, findings };
  },

  /** The naive highlighter (phrases.mjs, per line) over the same text, in this page. */
  async onceNaive(name) {
    texts[name] ??= await (await fetch(`/corpus/${name}`)).text();
    naive ??= naiveHighlighter((await (await fetch("/substitutions.json")).json()).substitutions, { perLine: true });
    const t = performance.now();
    const findings = naive(texts[name]);
    return { ms: performance.now() - t, findings };
  },

  /** What passing the text into Wasm costs alone (wasm-bindgen encodes it to UTF-8 this way). */
  async utf8Encode(name) {
    texts[name] ??= await (await fetch(`/corpus/${name}`)).text();
    const text = texts[name];
    const buffer = new Uint8Array(text.length * 3);
    const encoder = new TextEncoder();
    return median(Array.from({ length: 5 }, () => {
      const t = performance.now();
      encoder.encodeInto(text, buffer);
      return performance.now() - t;
    }));
  },
};
document.documentElement.dataset.ready = "1";
