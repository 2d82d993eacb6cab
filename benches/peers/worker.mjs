// One checker on one file, in a fresh Node process (so heaps, JIT state and crashes stay apart):
//   node benches/peers/worker.mjs --serve TOOL FILE                 -> one timed run per stdin line
//   node benches/peers/worker.mjs --load                            -> ClaimLint Wasm load costs
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { TOOLS, PKG } from "./tools.mjs";
import { median } from "./stats.mjs";

const FIRST_CLAIM = "We are SOC 2 certified.";

async function load() {
  // Cold: the first module compile, engine and claim in this process.
  const wasm = readFileSync(join(PKG, "claimlint_bg.wasm"));
  const pack = readFileSync(join(PKG, "rules.bin"));
  let start = performance.now();
  const { initSync, Engine } = await import(join(PKG, "claimlint.js"));
  const importMs = performance.now() - start;
  start = performance.now();
  initSync({ module: wasm });
  const instantiateMs = performance.now() - start;
  const instance = () => {
    let t = performance.now();
    const engine = new Engine(pack);
    const loadMs = performance.now() - t;
    t = performance.now();
    const found = engine.check(FIRST_CLAIM).length;
    const firstMs = performance.now() - t;
    if (found < 1) throw new Error(`no finding in ${JSON.stringify(FIRST_CLAIM)}`);
    engine.free();
    return { loadMs, firstMs };
  };
  const cold = instance();
  const warm = Array.from({ length: 9 }, instance);
  return {
    importMs,
    instantiateMs,
    packLoadColdMs: cold.loadMs,
    firstClaimColdMs: cold.firstMs,
    packLoadWarmMs: median(warm.map((w) => w.loadMs)),
    firstClaimWarmMs: median(warm.map((w) => w.firstMs)),
    warmInstances: warm.length,
  };
}

/** Set up once, then one timed run per line of standard input (the driver interleaves tools). */
async function serve(tool, file) {
  const text = readFileSync(file, "utf8");
  const start = performance.now();
  const check = await TOOLS[tool]();
  process.stdout.write(JSON.stringify({ ready: true, setupMs: performance.now() - start }) + "\n");
  for await (const _ of createInterface({ input: process.stdin })) {
    const t = performance.now();
    const findings = await check(text);
    process.stdout.write(JSON.stringify({ ms: performance.now() - t, findings }) + "\n");
  }
}

const [first, ...rest] = process.argv.slice(2);
if (first === "--serve") await serve(rest[0], rest[1]);
else if (first === "--load") process.stdout.write(JSON.stringify(await load()) + "\n");
else throw new Error("usage: worker.mjs --serve TOOL FILE | --load");
