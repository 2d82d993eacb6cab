// ClaimLint against its peers, and its Wasm engine against its native one, in one run.
//
//   npm run bench:peers                100 KB, 1 MB, 10 MB of the Rust benches' corpus (seed 42)
//   npm run bench:peers -- --smoke     a 16 KB corpus, a few seconds: sanity checks only, no
//                                      timing targets; exits 1 if a tool fails or finds nothing
//   options: --sizes 100000,1000000   --runs N   --warmup N   --budget SECONDS (per tool and size)
//            --load-samples N   --harper-max-bytes N (default 200000: harper takes ~30 s for 1 MB)
//            --no-chromium   --tools native,wasm-node,... (a subset)
//            --json FILE (default dist/bench/peers.json, smoke: peers-smoke.json)
//
// Every checker gets the same text (written by `cargo run --release --example corpus`), runs in
// its own process (Node workers, the native example, the CLI) or page (Chromium), warms up, then
// is timed over several runs; medians are reported. See benches/peers/README.md for the method.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, PKG } from "./tools.mjs";
import { median, mbPerSecond } from "./stats.mjs";
import { machine, versions, load } from "./machine.mjs";
import { openChromium } from "./chromium.mjs";
import { interleave, served } from "./rounds.mjs";
import { report } from "./report.mjs";
import { flag, option } from "../args.mjs";

const SMOKE = flag("--smoke");
const SEED = 42;
const SIZES = option("--sizes", SMOKE ? "16384" : "100000,1000000,10000000").split(",").map(Number);
// More runs where a run is short: their medians need more samples to settle.
const RUNS = (bytes) => Number(option("--runs", SMOKE ? 3 : bytes <= 200_000 ? 21 : bytes <= 2_000_000 ? 15 : 9));
const WARMUP = Number(option("--warmup", SMOKE ? 1 : 3));
const WARMUP_MS = SMOKE ? 0 : 500;
const BUDGET_MS = Number(option("--budget", SMOKE ? 2 : 30)) * 1000;
const LOAD_SAMPLES = Number(option("--load-samples", SMOKE ? 1 : 7));
// harper.js runs at 100 KB only by default: at 1 MB (28.6 s a run, 0.035 MB/s against 0.24 MB/s
// at 100 KB: it slows down with length) it took ~1.5 min of the 10-minute `make bench` budget.
const HARPER_MAX = Number(option("--harper-max-bytes", 200_000));
const ONLY = option("--tools", null)?.split(","); // e.g. native,wasm-node,wasm-chromium
const CHROMIUM = !flag("--no-chromium") && (!ONLY || ONLY.includes("wasm-chromium"));
const JSON_OUT = option("--json", join(ROOT, "dist", "bench", SMOKE ? "peers-smoke.json" : "peers.json"));
const CLI = join(ROOT, "target", "release", "claimlint");
const TIMING = join(ROOT, "target", "release", "examples", "check_timing");
const CORPUS_BIN = join(ROOT, "target", "release", "examples", "corpus");
const CORPUS_DIR = join(ROOT, "target", "bench-corpus");
const PEERS = ["textlint-prh", "naive-regexp", "naive-regexp-whole", "write-good", "harper"];

const log = (...m) => console.error("[peers]", ...m);
const size = (b) => (b >= 1e6 ? `${+(b / 1e6).toFixed(1)} MB` : `${+(b / 1e3).toFixed(1)} KB`);

// ---------------------------------------------------------------------------------------------
// Inputs: the release CLI, the timing example, the corpus writer, the Wasm package.

function prepare() {
  log("building the release CLI and examples (cargo, quick when up to date)");
  execFileSync("cargo", ["build", "--quiet", "--release", "--bin", "claimlint", "--example", "check_timing", "--example", "corpus"],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  for (const f of ["claimlint.js", "claimlint_bg.wasm", "rules.bin"]) {
    if (!existsSync(join(PKG, f))) throw new Error(`${join(PKG, f)} is missing: run \`make wasm\` first`);
  }
  const stale = newestSource() > statSync(join(PKG, "claimlint_bg.wasm")).mtimeMs;
  if (stale) log("warning: src/ or rules/ changed after the Wasm package was built: run `make wasm` for a fair native/Wasm ratio");
  mkdirSync(CORPUS_DIR, { recursive: true });
  STATE.pkgStale = stale;
  return SIZES.map((bytes) => {
    const file = join(CORPUS_DIR, `corpus-${bytes}-${SEED}.txt`);
    if (!existsSync(file)) writeFileSync(file, execFileSync(CORPUS_BIN, [String(bytes), String(SEED)], { maxBuffer: 1 << 30 }));
    return { bytes: statSync(file).size, nominal: bytes, file };
  });
}

const STATE = { pkgStale: false };

/** The newest modification time of the engine's sources and rules. */
function newestSource() {
  let newest = 0;
  for (const dir of ["src", "rules"]) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true })) {
      newest = Math.max(newest, statSync(join(ROOT, dir, entry)).mtimeMs);
    }
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------
// Runners. Each returns a result object, or {error} when the tool could not run.

const WORKER = join(ROOT, "benches", "peers", "worker.mjs");
const callTimeout = () => Math.max(120_000, 15 * BUDGET_MS);

/**
 * The tools for one input, each loaded once and ready for single timed runs:
 * [{name, once, jit, setupMs, close}] (or {name, error} when a tool could not start).
 */
async function startTools(input, chromium) {
  const tools = [];
  const start = async (name, cmd, argv, jit) => {
    if (ONLY && !ONLY.includes(name)) return;
    const t = performance.now();
    const p = served(cmd, argv, { cwd: ROOT, timeoutMs: callTimeout() });
    try {
      const ready = await p.ready;
      tools.push({ name, jit, once: p.once, close: p.close, setupMs: ready.setupMs ?? performance.now() - t });
    } catch (e) {
      p.close();
      tools.push({ name, error: e.message });
    }
  };
  await start("native", TIMING, ["--serve", join(PKG, "rules.bin"), input.file], false);
  if (!ONLY || ONLY.includes("cli")) tools.push({ name: "cli", jit: false, once: () => cliOnce(input), close() {} });
  await start("wasm-node", process.execPath, ["--max-old-space-size=12288", WORKER, "--serve", "claimlint-wasm", input.file], true);
  if (chromium) tools.push({ name: "wasm-chromium", jit: true, once: () => chromium.once(input.file), close() {} });
  if (chromium && (!ONLY || ONLY.includes("naive-chromium"))) {
    tools.push({ name: "naive-chromium", jit: true, once: () => chromium.onceNaive(input.file), close() {} });
  }
  for (const peer of PEERS) {
    if (ONLY && !ONLY.includes(peer)) continue;
    if (peer === "harper" && input.bytes > HARPER_MAX * 1.01) {
      tools.push({ name: peer, skipped: `not run above --harper-max-bytes ${HARPER_MAX}` });
      continue;
    }
    await start(peer, process.execPath, ["--max-old-space-size=12288", WORKER, "--serve", peer, input.file], true);
  }
  return tools;
}

/** The release CLI as a user runs it: process start, built-in pack compiled from TOML, JSON out. */
async function cliOnce(input) {
  const start = performance.now();
  const r = spawnSync(CLI, ["check", "--format", "json", input.file], { maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`claimlint exited ${r.status}: ${r.stderr}`);
  return { ms, findings: JSON.parse(r.stdout.toString()).length };
}

function runProcess(cmd, argv, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        try {
          return resolve(JSON.parse(out.trim().split("\n").at(-1)));
        } catch { /* fall through */ }
      }
      const why = signal === "SIGKILL" ? `killed after ${timeoutMs / 1000} s` : `exit ${code ?? signal}`;
      resolve({ error: `${why}: ${err.trim().split("\n").slice(-3).join(" | ") || out.slice(-300)}` });
    });
  });
}

/** Loading the compiled pack and the first claim, in fresh processes / pages. */
async function loadCosts(chromium, tinyFile) {
  const collect = async (sample) => {
    const runs = [];
    for (let i = 0; i < LOAD_SAMPLES; i++) {
      const r = await sample();
      if (r.error) return r;
      runs.push(r);
    }
    const keys = Object.keys(runs[0]).filter((k) => typeof runs[0][k] === "number");
    return { samples: runs.length, ...Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) };
  };
  const native = await collect(async () => {
    const r = await runProcess(TIMING, [join(PKG, "rules.bin"), tinyFile, "1", "0"], 60_000);
    return r.error ? r : {
      packLoadColdMs: r.pack_load_cold_ms, firstClaimColdMs: r.first_claim_cold_ms,
      packLoadWarmMs: r.pack_load_warm_ms, firstClaimWarmMs: r.first_claim_warm_ms,
      compileFromSourceMs: r.compile_from_source_ms,
    };
  });
  const node = await collect(() => runProcess(process.execPath, [WORKER, "--load"], 60_000));
  const browser = chromium ? await collect(() => chromium.load().catch((e) => ({ error: e.message }))) : { error: "--no-chromium" };
  return { native, node, chromium: browser };
}

function sizes() {
  const entry = (file) => {
    const bytes = readFileSync(file);
    return { bytes: bytes.length, gzip9: gzipSync(bytes, { level: 9 }).length };
  };
  const harperWasm = join(ROOT, "node_modules", "harper.js", "dist", "harper_wasm_bg.wasm");
  const compiler = join(PKG, "compiler", "claimlint_compiler_bg.wasm");
  return {
    wasm: entry(join(PKG, "claimlint_bg.wasm")),
    glue: entry(join(PKG, "claimlint.js")),
    pack: entry(join(PKG, "rules.bin")),
    compilerWasm: existsSync(compiler) ? entry(compiler) : null,
    harperWasm: existsSync(harperWasm) ? entry(harperWasm) : null,
  };
}

// ---------------------------------------------------------------------------------------------

function ratios(row) {
  const ms = (k) => (row[k] && !row[k].error ? row[k].medianMs : NaN);
  const x = (a, b) => ms(b) / ms(a); // how many times faster a is than b
  return {
    wasmChromiumVsNative: x("wasm-chromium", "native"),
    wasmNodeVsNative: x("wasm-node", "native"),
    // Best runs: on a busy machine, noise only adds time, so the fastest runs show the cost itself.
    wasmChromiumVsNativeBest: row["wasm-chromium"]?.minMs ? row.native?.minMs / row["wasm-chromium"].minMs : NaN,
    wasmNodeVsNativeBest: row["wasm-node"]?.minMs ? row.native?.minMs / row["wasm-node"].minMs : NaN,
    nativeVsTextlint: x("native", "textlint-prh"),
    wasmNodeVsTextlint: x("wasm-node", "textlint-prh"),
    wasmChromiumVsTextlint: x("wasm-chromium", "textlint-prh"),
    nativeVsNaive: x("native", "naive-regexp"),
    wasmNodeVsNaive: x("wasm-node", "naive-regexp"),
    wasmChromiumVsNaive: x("wasm-chromium", "naive-regexp"),
    wasmChromiumVsNaiveChromium: x("wasm-chromium", "naive-chromium"),
    wasmNodeVsNaiveWhole: x("wasm-node", "naive-regexp-whole"),
    wasmNodeVsWriteGood: x("wasm-node", "write-good"),
    wasmNodeVsHarper: x("wasm-node", "harper"),
  };
}

/** Sanity, never timing: each tool ran, found claims, and gave finite positive times. */
function sanity(results) {
  const checks = [];
  const expect = (name, ok, detail) => checks.push({ name, ok: Boolean(ok), detail });
  for (const row of results.sizes) {
    const at = `${row.bytes} B`;
    const minimum = Math.max(3, Math.floor(row.bytes / 8000)); // the corpus has a claim per ~2 KB
    for (const [tool, r] of Object.entries(row.tools)) {
      if (r.skipped) continue;
      const floor = ["write-good", "harper"].includes(tool) ? 1 : minimum;
      expect(`${tool} ran at ${at}`, !r.error, r.error);
      if (r.error) continue;
      expect(`${tool} found >= ${floor} at ${at}`, r.findings >= floor, `${r.findings} findings`);
      expect(`${tool} timing finite at ${at}`, Number.isFinite(r.medianMs) && r.medianMs > 0 && Number.isFinite(r.mbps), `${r.medianMs} ms`);
    }
    const counts = ["native", "cli", "wasm-node", "wasm-chromium"].map((t) => row.tools[t]).filter((r) => r && !r.error).map((r) => r.findings);
    expect(`ClaimLint native, CLI and Wasm agree at ${at}`, counts.length > 0 && counts.every((c) => c === counts[0]), counts.join(" / "));
    const naive = ["naive-regexp", "naive-regexp-whole", "naive-chromium"].map((t) => row.tools[t]).filter((r) => r && !r.error).map((r) => r.findings);
    expect(`naive highlighters agree (Node per line, whole text, Chromium) at ${at}`, naive.every((c) => c === naive[0]), naive.join(" / "));
  }
  for (const [where, r] of Object.entries(results.load)) {
    if (where === "chromium" && !CHROMIUM) continue;
    expect(`load costs measured (${where})`, !r.error && Number.isFinite(r.packLoadColdMs) && Number.isFinite(r.firstClaimColdMs), r.error);
  }
  return checks;
}

async function main() {
  const started = new Date();
  const loadAtStart = load();
  const inputs = prepare();
  const chromium = CHROMIUM ? await openChromium(CORPUS_DIR) : null;
  const results = {
    date: started.toISOString(),
    smoke: SMOKE,
    machine: machine(),
    versions: versions(chromium?.version),
    method: {
      corpus: `cargo run --release --example corpus -- BYTES ${SEED} (benches/corpus.rs, the engine benches' generator)`,
      runs: Object.fromEntries(SIZES.map((b) => [b, RUNS(b)])),
      warmup: `${WARMUP} runs, and at least ${WARMUP_MS} ms for JIT-compiled tools (Node, Chromium)`,
      order: "all tools loaded at once, each in its own process or page; after warm-up they take turns, one run each per round (rotating order)",
      budgetSecondsPerToolAndSize: BUDGET_MS / 1000,
      loadSamples: LOAD_SAMPLES,
      harperMaxBytes: HARPER_MAX,
    },
    loadAverage: { start: loadAtStart },
    sizes: [],
  };
  try {
    for (const input of inputs) {
      log(`${input.bytes} bytes: starting the tools`);
      const started = await startTools(input, chromium);
      const runnable = started.filter((t) => t.once);
      const timed = await interleave(runnable, {
        runs: RUNS(input.bytes), warmup: WARMUP, warmupMs: WARMUP_MS, budgetMs: BUDGET_MS,
        log: (m) => log(`  ${m}`),
      });
      for (const t of runnable) t.close();
      const tools = {};
      for (const t of started) {
        const r = t.error ? { error: t.error } : t.skipped ? { skipped: t.skipped } : timed[t.name];
        if (t.setupMs !== undefined) r.setupMs = t.setupMs;
        if (!r.error && !r.skipped) r.mbps = mbPerSecond(input.bytes, r.medianMs);
        tools[t.name] = r;
        log(`  ${t.name}: ${r.error ? `error: ${r.error}` : r.skipped ? r.skipped : `${r.medianMs.toFixed(3)} ms, ${r.findings} findings, ${r.runs} runs`}`);
      }
      const harperBefore = results.sizes.at(-1)?.tools.harper;
      if (tools.harper?.skipped && harperBefore?.medianMs) {
        tools.harper.skipped += ` (about ${(harperBefore.medianMs / results.sizes.at(-1).bytes * input.bytes / 1000).toFixed(0)} s per run at its ${size(results.sizes.at(-1).bytes)} rate)`;
      }
      if (chromium && tools["wasm-chromium"] && !tools["wasm-chromium"].error) {
        tools["wasm-chromium"].utf8EncodeMs = await chromium.utf8Encode(input.file);
      }
      const row = { bytes: input.bytes, nominal: input.nominal, tools, loadAverage: load() };
      row.ratios = ratios(row.tools);
      results.sizes.push(row);
    }
    log("pack load and first claim (fresh processes and pages)");
    const tiny = join(CORPUS_DIR, "first-claim.txt");
    writeFileSync(tiny, "We are SOC 2 certified.\n");
    results.load = await loadCosts(chromium, tiny);
  } finally {
    await chromium?.close();
  }
  results.versions.pkgStale = STATE.pkgStale;
  results.size = sizes();
  results.loadAverage.end = load();
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.criterion = criterionReference();
  results.sanity = sanity(results);

  mkdirSync(join(JSON_OUT, ".."), { recursive: true });
  writeFileSync(JSON_OUT, JSON.stringify(results, null, 2) + "\n");
  const markdown = report(results);
  writeFileSync(JSON_OUT.replace(/\.json$/, ".md"), markdown);
  console.log(markdown);
  const failed = results.sanity.filter((c) => !c.ok);
  for (const c of failed) console.log(`FAILED: ${c.name}: ${c.detail ?? ""}`);
  console.log(`wrote ${JSON_OUT}`);
  console.log(`peers ${SMOKE ? "smoke" : "sanity"}: ${results.sanity.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

/** The engine figures of the last `cargo bench` (another run: a cross-check, not a ratio input). */
function criterionReference() {
  const out = {};
  for (const label of ["100KB", "1MB", "10MB"]) {
    const file = join(ROOT, "target", "criterion", "check", "engine", label, "new", "estimates.json");
    if (!existsSync(file)) continue;
    const est = JSON.parse(readFileSync(file, "utf8"));
    out[label] = { medianMs: est.median.point_estimate / 1e6, measured: statSync(file).mtime.toISOString() };
  }
  return out;
}

await main();
