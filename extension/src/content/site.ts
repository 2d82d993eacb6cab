// The site a frame belongs to, for per-site choices: the top-level page's host, so switching a
// site off also covers its iframes (about:blank and srcdoc frames included).

export function siteOf(): string {
  try {
    if (window.top && window.top !== window) return window.top.location.hostname || hostOf(window.top.location.origin);
  } catch {
    // Cross-origin parent: fall through.
  }
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length) return hostOf(ancestors[ancestors.length - 1]!);
  return location.hostname || hostOf(self.origin);
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return "";
  }
}
