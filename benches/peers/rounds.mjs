// Interleaved timing: every tool stays loaded (its own process or page), warms up, then the tools
// take turns, one run each per round, so load from elsewhere on the machine falls on all of them
// alike and the ratios of medians stay fair on a busy machine.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { median } from "./stats.mjs";

/**
 * A process that prints one JSON line when ready, then one JSON line per line it reads.
 * Returns {ready: Promise<object>, once(): Promise<{ms, findings}>, close()}.
 */
export function served(cmd, argv, { cwd, timeoutMs }) {
  const child = spawn(cmd, argv, { cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  let exited = null;
  lines.on("line", (line) => waiting.shift()?.resolve(line));
  child.on("close", (code, signal) => {
    exited = `exit ${code ?? signal}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`;
    for (const w of waiting.splice(0)) w.reject(new Error(exited));
  });
  const next = () => new Promise((resolve, reject) => {
    if (exited) return reject(new Error(exited));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    waiting.push({
      resolve: (line) => { clearTimeout(timer); resolve(JSON.parse(line)); },
      reject: (e) => { clearTimeout(timer); reject(e); },
    });
  });
  const ready = next();
  return {
    ready,
    once() {
      const answer = next();
      child.stdin.write("run\n");
      return answer;
    },
    close() {
      child.stdin.end();
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    },
  };
}

/**
 * `tools`: [{name, once: async () => ({ms, findings}), jit: boolean}]. Warm-up per tool (at
 * least `warmup` runs; JIT-compiled tools also at least `warmupMs`, at most 50 runs; a run slower
 * than half the budget ends it), then rounds in a rotating order until each tool has `runs` timed
 * runs, or has at least `minRuns` and used up `budgetMs` of timed runs, or its next run would end
 * past three budgets. Returns {name: {runs, warmup, medianMs, minMs, timesMs, findings} | {error}}.
 */
export async function interleave(tools, { runs, warmup, warmupMs, budgetMs, minRuns = 3, log = () => {} }) {
  const state = new Map(tools.map((t) => [t.name, { times: [], warmup: 0, findings: null, elapsed: 0, done: false, error: null }]));
  const call = async (tool, s) => {
    try {
      const r = await tool.once();
      if (!Number.isFinite(r.ms)) throw new Error(`no time: ${JSON.stringify(r)}`);
      if (s.findings !== null && r.findings !== s.findings) throw new Error(`${s.findings} then ${r.findings} findings`);
      s.findings = r.findings;
      return r.ms;
    } catch (e) {
      s.error = e.message;
      s.done = true;
      return null;
    }
  };
  for (const tool of tools) {
    const s = state.get(tool.name);
    const start = performance.now();
    while (!s.done && (s.warmup < warmup || (tool.jit && performance.now() - start < warmupMs && s.warmup < 50))) {
      const ms = await call(tool, s);
      s.warmup++;
      if (ms === null || ms > budgetMs / 2) break;
    }
  }
  for (let round = 0; round < runs; round++) {
    const order = tools.map((_, i) => tools[(i + round) % tools.length]);
    let active = 0;
    for (const tool of order) {
      const s = state.get(tool.name);
      if (s.done || s.times.length >= runs) continue;
      const last = s.times.at(-1) ?? 0;
      if ((s.times.length >= minRuns && s.elapsed > budgetMs) || (s.times.length > 0 && s.elapsed + last > 3 * budgetMs)) {
        s.done = true;
        continue;
      }
      const ms = await call(tool, s);
      if (ms === null) continue;
      s.times.push(ms);
      s.elapsed += ms;
      active++;
    }
    log(`round ${round + 1}: ${active} tools ran`);
    if (!active) break;
  }
  return Object.fromEntries(tools.map((t) => {
    const s = state.get(t.name);
    if (s.error && !s.times.length) return [t.name, { error: s.error }];
    return [t.name, {
      runs: s.times.length, warmup: s.warmup, medianMs: median(s.times), minMs: Math.min(...s.times),
      timesMs: s.times, findings: s.findings, ...(s.error ? { error: s.error } : {}),
    }];
  }));
}
