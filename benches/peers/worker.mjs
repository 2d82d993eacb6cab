// One checker on one file, in a fresh Node process (so heaps, JIT state and crashes stay apart):
//   node benches/peers/worker.mjs TOOL FILE RUNS WARMUP WARMUP_MS BUDGET_MS   -> throughput, as JSON
//   node benches/peers/worker.mjs --load                            -> ClaimLint Wasm load costs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TOOLS, PKG } from "./tools.mjs";
import { median, timeRuns } from "./stats.mjs";

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

async function throughput(tool, file, runs, warmup, warmupMs, budgetMs) {
  const text = readFileSync(file, "utf8");
  let start = performance.now();
  const check = await TOOLS[tool]();
  const setupMs = performance.now() - start;
  // The first run is a warm-up too (lazy initialisation); a very slow tool gets no other.
  start = performance.now();
  const firstFindings = await check(text);
  const firstRunMs = performance.now() - start;
  const result = await timeRuns(check, text, { runs, warmup: firstRunMs > budgetMs / 2 ? 0 : Math.max(0, warmup - 1), warmupMs, budgetMs });
  if (result.findings !== firstFindings) throw new Error(`${tool}: ${firstFindings} then ${result.findings} findings`);
  return {
    tool,
    bytes: Buffer.byteLength(text),
    findings: result.findings,
    setupMs,
    firstRunMs,
    warmup: result.warmup + 1,
    runs: result.times.length,
    medianMs: median(result.times),
    timesMs: result.times,
  };
}

const [first, ...rest] = process.argv.slice(2);
const out = first === "--load"
  ? await load()
  : await throughput(first, rest[0], Number(rest[1]), Number(rest[2]), Number(rest[3]), Number(rest[4]));
process.stdout.write(JSON.stringify(out) + "\n");
