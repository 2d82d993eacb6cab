// Where the content script's time goes on one page load: a CDP CPU profile (self time by function)
// and the trace's layout/style/GC events inside its tasks. Build with CLAIMLINT_DEBUG=1 for names.
//   node benches/browser/profile.mjs [--bytes N] [--no-claims] [--csp]
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, ROOT } from "../../tests/e2e/lib/chromium.mjs";
import { claimlintMarks, startTrace, stopTrace } from "./trace.mjs";

const args = process.argv.slice(2);
const i = args.indexOf("--bytes");
const bytes = i >= 0 ? Number(args[i + 1]) : 1 << 20;
const claims = !args.includes("--no-claims");
const dir = join(ROOT, "target", "bench-pages");
mkdirSync(dir, { recursive: true });
const name = `page-${bytes}-42${claims ? "" : "-noclaims"}.html`;
if (!existsSync(join(dir, name))) {
  const argv = ["run", "--quiet", "--release", "--example", "corpus", "--", "--html", String(bytes), "42"];
  if (!claims) argv.push("--no-claims");
  writeFileSync(join(dir, name), execFileSync("cargo", argv, { cwd: ROOT, maxBuffer: 1 << 28 }));
}
const csp = args.includes("--csp"); // strict CSP: the engine runs in the background worker
const server = createServer((req, res) =>
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...(csp ? { "content-security-policy": "script-src 'self'" } : {}) }).end(readFileSync(join(dir, name))),
);
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/${name}`;
const browser = await launch();
try {
  // Warm-up load (engine files in the HTTP cache of the extension, code caches).
  const warm = await browser.context.newPage();
  await warm.goto(url);
  await warm.waitForFunction(() => performance.getEntriesByName("claimlint:check-end").length > 0, null, { timeout: 60000 });
  await warm.close();

  const tab = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(tab);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await startTrace(cdp);
  await tab.goto(url);
  await tab.waitForFunction(() => performance.getEntriesByName("claimlint:check-end").length > 0, null, { timeout: 60000 });
  await tab.waitForTimeout(100);
  const events = await stopTrace(cdp);
  const { profile } = await cdp.send("Profiler.stop");
  // Self time by function (samples after the content script started).
  const marks = claimlintMarks(events);
  const start = marks.find((e) => e.name === "claimlint:start");
  const end = marks.find((e) => e.name === "claimlint:check-end");
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = profile.startTime;
  profile.samples.forEach((id, k) => {
    t += profile.timeDeltas[k];
    if (start && (t < start.ts || t > end.ts)) return;
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const category = (k) => {
    if (k.includes(".wasm")) return "engine (Wasm)";
    if (/Wasm0|__wbg|wasm-to-js|js-to-wasm/.test(k)) return "wasm-bindgen glue";
    if (k.startsWith("(garbage collector)")) return "GC";
    if (k.startsWith("(program)")) return "(program): native, not JS";
    if (k.startsWith("(idle)")) return "(idle)";
    if (k.includes("content.js")) return "content script JS";
    return "DOM and other built-ins";
  };
  const cats = new Map();
  for (const [k, v] of self) cats.set(category(k), (cats.get(category(k)) ?? 0) + v);
  console.log("by category (sampled, ms):");
  for (const [k, v] of [...cats].sort((a, b) => b[1] - a[1])) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  console.log(`samples between claimlint:start and check-end: ${(total / 1000).toFixed(1)} ms`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  // Renderer work (style, layout, GC, paint, script) in the same window, on the same thread:
  // self thread-CPU time per trace event name (time in an event minus its children's).
  const xs = events
    .filter((e) => start && e.pid === start.pid && e.tid === start.tid && e.ph === "X" && e.dur && e.tdur !== undefined && e.ts >= start.ts && e.ts <= end.ts)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const selfT = new Map();
  const stack = [];
  for (const e of xs) {
    while (stack.length && e.ts >= stack[stack.length - 1].ts + stack[stack.length - 1].dur) stack.pop();
    if (stack.length) stack[stack.length - 1].child += e.tdur;
    stack.push({ ...e, child: 0 });
    e._frame = stack[stack.length - 1];
  }
  for (const e of xs) selfT.set(e.name, (selfT.get(e.name) ?? 0) + e.tdur - e._frame.child);
  // The three longest tasks, with the functions sampled inside each.
  const tasks = xs.filter((e) => e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask");
  const longest = [...tasks].sort((a, b) => b.tdur - a.tdur).slice(0, 3);
  for (const task of longest) {
    const inside = new Map();
    let ts = profile.startTime;
    profile.samples.forEach((id, k) => {
      ts += profile.timeDeltas[k];
      if (ts < task.ts || ts > task.ts + task.dur) return;
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}`.slice(0, 110);
      inside.set(key, (inside.get(key) ?? 0) + profile.timeDeltas[k]);
    });
    const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${(v / 1000).toFixed(1)} ${k}`);
    console.log(`\ntask of ${(task.tdur / 1000).toFixed(1)} ms thread CPU (${(task.dur / 1000).toFixed(1)} ms wall):\n  ${top.join("\n  ")}`);
    // The renderer's own work inside the task (self thread CPU by trace event name).
    const own = new Map();
    for (const e of xs) if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur) own.set(e.name, (own.get(e.name) ?? 0) + e.tdur - e._frame.child);
    const events = [...own].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${(v / 1000).toFixed(1)} ${k}`);
    if (events.length) console.log(`  trace events: ${events.join(", ")}`);
  }
  console.log("\ntrace events, self thread CPU (ms):");
  for (const [k, v] of [...selfT].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(v / 1000).toFixed(1).padStart(8)}  ${k}`);
} finally {
  await browser.close();
  server.close();
}
