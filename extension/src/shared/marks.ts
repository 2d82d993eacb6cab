// User Timing marks and measures named `claimlint:*`, so a profiler or benchmark can see what the
// content script spent and when. Only in builds made with CLAIMLINT_TIMING=1 (the browser
// benchmark's): the page shares the performance timeline, and a shipped extension should not
// announce itself on every page it visits. Elsewhere these functions compile to nothing.

declare const CLAIMLINT_TIMING: boolean;

export function mark(name: string): void {
  if (!CLAIMLINT_TIMING) return;
  try {
    performance.mark(`claimlint:${name}`);
  } catch {
    // A page that replaced `performance` must not break the checker.
  }
}

/** Records `claimlint:<name>` from `start` (performance.now()) to now. */
export function measure(name: string, start: number): void {
  if (!CLAIMLINT_TIMING) return;
  try {
    performance.measure(`claimlint:${name}`, { start, end: performance.now() });
  } catch {
    // As above.
  }
}

/** Records `claimlint:<name>` as `duration` ms of work done in slices since `start`. */
export function measureSpan(name: string, start: number, duration: number): void {
  if (!CLAIMLINT_TIMING) return;
  try {
    performance.measure(`claimlint:${name}`, { start, duration });
  } catch {
    // As above.
  }
}
