// Small statistics shared by the workers and the report.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** MB/s (10^6 bytes per second) for `bytes` checked in `ms` milliseconds. */
export const mbPerSecond = (bytes, ms) => bytes / 1e6 / (ms / 1e3);

/**
 * Warm-up, then timed runs. Warm-up: at least `warmup` runs and at least `warmupMs` (at most 50
 * runs; JIT tiers settle), cut short by a run slower than half the budget. Timed: `runs` runs, or
 * fewer (not under `minRuns`) once `budgetMs` has passed; a tool so slow that the next run would
 * end past three budgets stops early, with fewer runs (reported). `check` may be async;
 * returns {times, findings, warmup}.
 */
export async function timeRuns(check, text, { runs, warmup, warmupMs = 0, budgetMs, minRuns = 3 }) {
  let findings = 0;
  let warmed = 0;
  const warmStart = performance.now();
  while (warmed < warmup || (performance.now() - warmStart < warmupMs && warmed < 50)) {
    const start = performance.now();
    findings = await check(text);
    warmed++;
    if (performance.now() - start > budgetMs / 2) break;
  }
  const times = [];
  const started = performance.now();
  while (times.length < runs) {
    const start = performance.now();
    findings = await check(text);
    times.push(performance.now() - start);
    if (times.length >= minRuns && performance.now() - started > budgetMs) break;
    if (performance.now() - started + times.at(-1) > 3 * budgetMs) break;
  }
  return { times, findings, warmup: warmed };
}
