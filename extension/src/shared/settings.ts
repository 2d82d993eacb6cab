// Per-site choices (on/off, ignored rules, ignored occurrences) in storage.local, read by every
// frame and changed by the popup and the card; storage.onChanged makes changes take effect at once.

export interface SiteSettings {
  off?: boolean;
  /** Rules ignored on the whole site ("ignore on this site"). */
  rules?: string[];
  /** Occurrence keys ignored ("ignore here"): rule + claim + nearby text, hashed. */
  here?: string[];
}

export const siteKey = (site: string): string => `site:${site}`;

export async function loadSite(site: string): Promise<SiteSettings> {
  const key = siteKey(site);
  const got = await chrome.storage.local.get(key);
  return (got[key] as SiteSettings | undefined) ?? {};
}

export async function updateSite(site: string, change: (s: SiteSettings) => SiteSettings): Promise<void> {
  const key = siteKey(site);
  const next = change(await loadSite(site));
  await chrome.storage.local.set({ [key]: next });
}

export function onSiteChange(site: string, listener: (s: SiteSettings) => void): void {
  const key = siteKey(site);
  chrome.storage.onChanged.addListener((changes, area) => {
    const change = changes[key];
    if (area === "local" && change) listener((change.newValue as SiteSettings | undefined) ?? {});
  });
}

/** Stable key of one occurrence: survives reloads and edits elsewhere on the page. */
export function occurrenceKey(rule: string, claim: string, before: string, after: string): string {
  const s = `${rule}\u0000${claim.toLowerCase()}\u0000${before.slice(-24)}\u0000${after.slice(0, 24)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${rule}:${(h >>> 0).toString(36)}`;
}
