// The settings model. Global choices (rules, severities, look, site list, team packs) live in
// storage.sync so they follow the user; per-site ignore choices and the compiled pack live in
// storage.local. An organisation's values (storage.managed) win and are shown as locked. Stored
// values are never trusted: `repair` turns anything malformed into defaults and says what it fixed.

export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
export type HighlightStyle = "underline" | "background";
export type SiteMode = "all" | "only";

export interface Colors {
  error: string;
  warning: string;
  info: string;
}

/** A rule pack as written (TOML), in the format of the built-in one. */
export interface PackSource {
  name: string;
  source: string;
}

export interface Settings {
  /** Rules switched off everywhere. */
  disabledRules: string[];
  /** Severity chosen for a rule instead of its own. */
  severities: Record<string, Severity>;
  /** Findings below this severity are not shown. */
  minSeverity: Severity;
  style: HighlightStyle;
  colors: Colors;
  /** "all": every site except `offSites`; "only": just `onlySites`. */
  siteMode: SiteMode;
  offSites: string[];
  onlySites: string[];
  /** Team rule packs, compiled with the built-in rules. */
  packs: PackSource[];
}

export type SettingKey = keyof Settings;
export const SETTING_KEYS: readonly SettingKey[] = [
  "disabledRules", "severities", "minSeverity", "style", "colors", "siteMode", "offSites", "onlySites", "packs",
];

export const DEFAULT_COLORS: Colors = { error: "#e5484d", warning: "#d98b00", info: "#3b82f6" };

export function defaults(): Settings {
  return {
    disabledRules: [],
    severities: {},
    minSeverity: "info",
    style: "underline",
    colors: { ...DEFAULT_COLORS },
    siteMode: "all",
    offSites: [],
    onlySites: [],
    packs: [],
  };
}

/** Settings as the extension applies them: the user's, overridden by the organisation's. */
export interface Effective {
  settings: Settings;
  /** Keys set by the organisation (shown as locked in the options page). */
  locked: Set<SettingKey>;
  /** The organisation's packs (always compiled, never editable). */
  managedPacks: PackSource[];
  /** True when the user's packs are too large for storage.sync and kept on this device. */
  packsLocal: boolean;
}

// ---- Validation -------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isSeverity = (v: unknown): v is Severity => v === "error" || v === "warning" || v === "info";
const isColor = (v: unknown): v is string => typeof v === "string" && /^#[0-9a-f]{6}$/i.test(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string" && s.length > 0 && s.length < 256);
const isPack = (v: unknown): v is PackSource =>
  isRecord(v) && typeof v.name === "string" && v.name.trim() !== "" && typeof v.source === "string";

const validators: { [K in SettingKey]: (v: unknown) => boolean } = {
  disabledRules: isStringList,
  severities: (v) => isRecord(v) && Object.values(v).every(isSeverity),
  minSeverity: isSeverity,
  style: (v) => v === "underline" || v === "background",
  colors: (v) => isRecord(v) && isColor(v.error) && isColor(v.warning) && isColor(v.info),
  siteMode: (v) => v === "all" || v === "only",
  offSites: isStringList,
  onlySites: isStringList,
  packs: (v) => Array.isArray(v) && v.every(isPack),
};

/**
 * Keeps each valid field of `raw` and replaces the others by defaults. `problems` names every
 * field that was replaced (an older version's layout, a hand edit, a broken sync).
 */
export function repair(raw: unknown, only: readonly SettingKey[] = SETTING_KEYS): { settings: Partial<Settings>; problems: string[] } {
  const settings: Partial<Settings> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (!isRecord(raw)) return { settings, problems: ["settings"] };
  for (const key of only) {
    if (!(key in raw) || raw[key] === undefined) continue;
    if (validators[key](raw[key])) (settings as Record<string, unknown>)[key] = raw[key];
    else problems.push(key);
  }
  return { settings, problems };
}

// ---- Storage layout ---------------------------------------------------------------------------

/** storage.sync: every setting except packs (small). */
export const SYNC_KEY = "settings";
/** storage.sync or storage.local: the user's packs (local when larger than sync allows). */
export const PACKS_KEY = "packs";
/** storage.local: what `repair` replaced, for the notice in the popup and options page. */
export const NOTICE_KEY = "repairNotice";
/** storage.local: the pack compiled from the built-in rules plus every team pack. */
export const COMPILED_KEY = "compiled";

/** storage.sync allows 8 KB per item (key + JSON value); packs above that stay on this device. */
export const SYNC_ITEM_BYTES = 8192;

const jsonBytes = (key: string, value: unknown): number => new TextEncoder().encode(key + JSON.stringify(value)).length;

async function managed(): Promise<Record<string, unknown>> {
  try {
    return (await chrome.storage.managed.get(null)) as Record<string, unknown>;
  } catch {
    return {}; // no policy support (or no schema) in this browser
  }
}

/**
 * `packs: false` leaves the team packs' sources out (they are neither read nor repaired): pages
 * never use them (the worker loads the compiled pack), and they may be large.
 */
export interface LoadOptions {
  packs?: boolean;
}

/** Reads, repairs (writing back what was fixed, with a notice) and merges every source. */
export async function loadSettings({ packs: withPacks = true }: LoadOptions = {}): Promise<Effective> {
  const [sync, local, policy] = await Promise.all([
    chrome.storage.sync.get(withPacks ? [SYNC_KEY, PACKS_KEY] : [SYNC_KEY]),
    withPacks ? chrome.storage.local.get([PACKS_KEY]) : Promise.resolve({} as Record<string, unknown>),
    managed(),
  ]);
  const base = defaults();
  const user = repair(sync[SYNC_KEY], SETTING_KEYS.filter((k) => k !== "packs"));
  const packsLocal = local[PACKS_KEY] !== undefined;
  const rawPacks = packsLocal ? local[PACKS_KEY] : sync[PACKS_KEY];
  const packs = repair(rawPacks === undefined ? undefined : { packs: rawPacks }, ["packs"]);
  const problems = [...user.problems, ...packs.problems];
  if (problems.length) {
    // Write back the repaired values so the broken ones are gone for good; say so once.
    await chrome.storage.sync.set({ [SYNC_KEY]: user.settings });
    if (packs.problems.length) await (packsLocal ? chrome.storage.local : chrome.storage.sync).remove(PACKS_KEY);
    // Several pages may repair at once: the notice lists everything any of them fixed.
    const before = ((await chrome.storage.local.get(NOTICE_KEY))[NOTICE_KEY] as { fields?: string[] } | undefined)?.fields ?? [];
    await chrome.storage.local.set({ [NOTICE_KEY]: { fields: [...new Set([...before, ...problems])], at: Date.now() } });
  }
  const org = repair(policy);
  const locked = new Set(Object.keys(org.settings) as SettingKey[]);
  locked.delete("packs"); // the organisation's packs are added to the user's, not instead of them
  const { packs: managedPacks = [], ...orgRest } = org.settings;
  const settings: Settings = { ...base, ...user.settings, ...packs.settings, ...orgRest };
  return { settings, locked, managedPacks, packsLocal };
}

let saving: Promise<unknown> = Promise.resolve();

/**
 * Saves the user's settings (never the organisation's values: those are not the user's to keep).
 * Saves from one page run one at a time, so quick successive changes do not overwrite each other.
 */
export function saveSettings(change: (s: Settings) => Settings): Promise<{ packsLocal: boolean }> {
  const next = saving.then(() => saveNow(change));
  saving = next.catch(() => {});
  return next;
}

async function saveNow(change: (s: Settings) => Settings): Promise<{ packsLocal: boolean }> {
  const current = await loadSettings();
  const user = await chrome.storage.sync.get(SYNC_KEY);
  const stored = { ...defaults(), ...repair(user[SYNC_KEY]).settings, packs: current.settings.packs };
  const next = change(stored);
  const { packs, ...rest } = next;
  await chrome.storage.sync.set({ [SYNC_KEY]: rest });
  return savePacks(packs);
}

async function savePacks(packs: PackSource[]): Promise<{ packsLocal: boolean }> {
  const packsLocal = jsonBytes(PACKS_KEY, packs) > SYNC_ITEM_BYTES;
  if (packsLocal) {
    await chrome.storage.local.set({ [PACKS_KEY]: packs });
    await chrome.storage.sync.remove(PACKS_KEY);
  } else {
    await chrome.storage.sync.set({ [PACKS_KEY]: packs });
    await chrome.storage.local.remove(PACKS_KEY);
  }
  return { packsLocal };
}

/** Calls `listener` with fresh settings whenever any source changes (sync, local packs, policy). */
export function onSettingsChange(listener: (e: Effective) => void, options: LoadOptions = {}): void {
  const packs = options.packs ?? true;
  chrome.storage.onChanged.addListener((changes, area) => {
    const relevant =
      area === "managed" ||
      (area === "sync" && (SYNC_KEY in changes || (packs && PACKS_KEY in changes))) ||
      (packs && area === "local" && PACKS_KEY in changes);
    if (relevant) void loadSettings(options).then(listener);
  });
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The severity a finding is shown with, or null when the settings hide it. */
export function shownSeverity(s: Settings, rule: string, own: Severity): Severity | null {
  if (s.disabledRules.includes(rule)) return null;
  const severity = s.severities[rule] ?? own;
  return RANK[severity] >= RANK[s.minSeverity] ? severity : null;
}

/** Whether pages of `site` are checked automatically. */
export function siteEnabled(s: Settings, site: string): boolean {
  return s.siteMode === "only" ? s.onlySites.includes(site) : !s.offSites.includes(site);
}

/** The settings after switching automatic checking of `site` on or off (in the current mode). */
export function withSite(s: Settings, site: string, on: boolean): Settings {
  const toggle = (list: string[], add: boolean) => (add ? [...new Set([...list, site])] : list.filter((x) => x !== site));
  return s.siteMode === "only" ? { ...s, onlySites: toggle(s.onlySites, on) } : { ...s, offSites: toggle(s.offSites, !on) };
}

// ---- Per-site choices (storage.local) ---------------------------------------------------------

export interface SiteSettings {
  /** Older versions stored the site switch here; it moved to `Settings.offSites`. */
  off?: boolean;
  /** Rules ignored on the whole site ("ignore on this site"). */
  rules?: string[];
  /** Occurrence keys ignored ("ignore here"): rule + claim + nearby text, hashed. */
  here?: string[];
}

export const siteKey = (site: string): string => `site:${site}`;

export function repairSite(raw: unknown): SiteSettings {
  if (!isRecord(raw)) return {};
  const out: SiteSettings = {};
  if (isStringList(raw.rules)) out.rules = raw.rules;
  if (Array.isArray(raw.here) && raw.here.every((k) => typeof k === "string")) out.here = raw.here as string[];
  if (raw.off === true) out.off = true;
  return out;
}

export async function loadSite(site: string): Promise<SiteSettings> {
  const key = siteKey(site);
  const got = await chrome.storage.local.get(key);
  return repairSite(got[key]);
}

export async function updateSite(site: string, change: (s: SiteSettings) => SiteSettings): Promise<void> {
  const key = siteKey(site);
  const next = change(await loadSite(site));
  await chrome.storage.local.set({ [key]: next });
}

/** Every site with stored choices, for the options page. */
export async function allSites(): Promise<Map<string, SiteSettings>> {
  const all = await chrome.storage.local.get(null);
  const out = new Map<string, SiteSettings>();
  for (const [key, value] of Object.entries(all)) if (key.startsWith("site:")) out.set(key.slice(5), repairSite(value));
  return out;
}

/** Moves the site switch of older versions (`site:X.off`) into the synced site list. */
export async function migrateSiteSwitches(): Promise<void> {
  const sites = await allSites();
  const off = [...sites].filter(([, s]) => s.off).map(([site]) => site);
  if (!off.length) return;
  await saveSettings((s) => ({ ...s, offSites: [...new Set([...s.offSites, ...off])] }));
  for (const site of off) await updateSite(site, ({ off: _off, ...rest }) => rest);
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
