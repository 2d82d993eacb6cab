// User Timing marks and measures named `claimlint:*`, so a profiler or benchmark can see what the
// content script spent and when (they cost about a microsecond each and are never sent anywhere).

export function mark(name: string): void {
  try {
    performance.mark(`claimlint:${name}`);
  } catch {
    // A page that replaced `performance` must not break the checker.
  }
}

/** Records `claimlint:<name>` from `start` (performance.now()) to now. */
export function measure(name: string, start: number): void {
  try {
    performance.measure(`claimlint:${name}`, { start, end: performance.now() });
  } catch {
    // As above.
  }
}

/** Records `claimlint:<name>` as `duration` ms of work done in slices since `start`. */
export function measureSpan(name: string, start: number, duration: number): void {
  try {
    performance.measure(`claimlint:${name}`, { start, duration });
  } catch {
    // As above.
  }
}
