// User Timing marks and measures named `claimlint:*`, so a profiler or benchmark can see what the
// content script spent and when. Only in builds made with CLAIMLINT_TIMING=1 (the browser
// benchmark's): the page shares the performance timeline, and a shipped extension should not
// announce itself on every page it visits. Elsewhere these functions compile to nothing.
//
// Creating User Timing entries costs the page's thread ~0.1-0.2 ms each, which the benchmark would
// count as the extension's. So they are kept in memory and written when the benchmark asks (a
// `claimlint:flush` event on the window), after its measured window. Marks also go into a
// performance trace at once, as `console.timeStamp` events; `check-end` alone is written at once,
// so a benchmark can see that the check is over.

declare const CLAIMLINT_TIMING: boolean;

type Pending = { name: string; start: number; duration?: number };
let pending: Pending[] | null = null;

function record(entry: Pending): void {
  if (!pending) {
    pending = [];
    addEventListener("claimlint:flush", flush);
  }
  pending.push(entry);
}

function flush(): void {
  const entries = pending ?? [];
  pending = [];
  try {
    for (const e of entries) {
      if (e.duration === undefined) performance.mark(`claimlint:${e.name}`, { startTime: e.start });
      else performance.measure(`claimlint:${e.name}`, { start: e.start, duration: e.duration });
    }
  } catch {
    // A page that replaced `performance` must not break the checker.
  }
}

export function mark(name: string): void {
  if (!CLAIMLINT_TIMING) return;
  try {
    console.timeStamp(`claimlint:${name}`);
    if (name === "check-end") performance.mark(`claimlint:${name}`);
    else record({ name, start: performance.now() });
  } catch {
    // As above.
  }
}

/** Records `claimlint:<name>` from `start` (performance.now()) to now. */
export function measure(name: string, start: number): void {
  if (!CLAIMLINT_TIMING) return;
  record({ name, start, duration: performance.now() - start });
}

/** Records `claimlint:<name>` as `duration` ms of work done in slices since `start`. */
export function measureSpan(name: string, start: number, duration: number): void {
  if (!CLAIMLINT_TIMING) return;
  record({ name, start, duration });
}
