// Where the Wasm engine's extra time goes: scanning the text, or handing findings to JavaScript.
//
//   node benches/peers/boundary.mjs [BYTES]     (default 10000000; run bench:peers first, or
//                                               `cargo build --release --example check_timing`)
//
// Times native `Engine::check` and the Wasm `engine.check` in Node on the corpus, and on the same
// corpus with every flagged span's letters replaced by "x" (same length, no findings left), in
// interleaved rounds. The difference between the two texts is what the findings cost (building
// them natively; in Wasm also UTF-16 offsets and the JS objects with their strings).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, PKG } from "./tools.mjs";
import { interleave, served } from "./rounds.mjs";

const BYTES = Number(process.argv[2] ?? 10_000_000);
const dir = join(ROOT, "target", "bench-corpus");
const file = join(dir, `corpus-${BYTES}-42.txt`);
if (!existsSync(file)) writeFileSync(file, execFileSync(join(ROOT, "target/release/examples/corpus"), [String(BYTES), "42"], { maxBuffer: 1 << 30 }));
const text = readFileSync(file, "utf8");

const { initSync, Engine } = await import(join(PKG, "claimlint.js"));
initSync({ module: readFileSync(join(PKG, "claimlint_bg.wasm")) });
const engine = new Engine(readFileSync(join(PKG, "rules.bin")));
let neutral = text;
for (let pass = 0; pass < 5; pass++) {
  const found = engine.check(neutral);
  if (!found.length) break;
  let out = "";
  let last = 0;
  for (const f of found) {
    out += neutral.slice(last, f.start) + neutral.slice(f.start, f.end).replace(/[A-Za-z]/g, "x");
    last = f.end;
  }
  neutral = out + neutral.slice(last);
}
const neutralFile = join(dir, `corpus-${BYTES}-42-neutral.txt`);
writeFileSync(neutralFile, neutral);

const timing = join(ROOT, "target/release/examples/check_timing");
const worker = join(ROOT, "benches/peers/worker.mjs");
const procs = [];
const start = async (name, cmd, argv, jit) => {
  const p = served(cmd, argv, { cwd: ROOT, timeoutMs: 120_000 });
  procs.push(p);
  await p.ready;
  return { name, once: p.once, jit };
};
const tools = [
  await start("native", timing, ["--serve", join(PKG, "rules.bin"), file], false),
  await start("native, no findings", timing, ["--serve", join(PKG, "rules.bin"), neutralFile], false),
  await start("Wasm (Node)", process.execPath, [worker, "--serve", "claimlint-wasm", file], true),
  await start("Wasm (Node), no findings", process.execPath, [worker, "--serve", "claimlint-wasm", neutralFile], true),
];
const r = await interleave(tools, { runs: 15, warmup: 3, warmupMs: 500, budgetMs: 20_000 });
for (const p of procs) p.close();

const encoder = new TextEncoder();
const buffer = new Uint8Array(text.length * 3);
const encode = Array.from({ length: 7 }, () => {
  const t = performance.now();
  encoder.encodeInto(text, buffer);
  return performance.now() - t;
}).sort((a, b) => a - b)[3];

const fmt = (x) => `${x.toFixed(2)} ms`;
const n = r.native.findings;
console.log(`| ${BYTES} bytes, ${n} findings | with findings | no findings | findings cost | per finding |`);
console.log("|---|---|---|---|---|");
for (const [label, a, b] of [["native", "native", "native, no findings"], ["Wasm (Node)", "Wasm (Node)", "Wasm (Node), no findings"]]) {
  const d = r[a].medianMs - r[b].medianMs;
  console.log(`| ${label} | ${fmt(r[a].medianMs)} | ${fmt(r[b].medianMs)} | ${fmt(d)} | ${(d / n * 1000).toFixed(2)} µs |`);
}
console.log(`\nWasm / native: ${(100 * r.native.medianMs / r["Wasm (Node)"].medianMs).toFixed(0)}% with findings, ` +
  `${(100 * r["native, no findings"].medianMs / r["Wasm (Node), no findings"].medianMs).toFixed(0)}% without; ` +
  `encoding the text to UTF-8 for Wasm alone: ${fmt(encode)}. Runs: ${Object.values(r).map((x) => x.runs).join("/")}.`);
console.log(`(${PKG})`);
