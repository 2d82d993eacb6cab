// Small statistics shared by the workers and the report.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** MB/s (10^6 bytes per second) for `bytes` checked in `ms` milliseconds. */
export const mbPerSecond = (bytes, ms) => bytes / 1e6 / (ms / 1e3);
