// The messages between content scripts, the background worker and the popup: one tagged union,
// so every sender and receiver agrees on shapes at compile time.
import type { Finding, RuleInfo } from "../../pkg/claimlint.js";
import type { Settings, SiteSettings } from "./settings.js";

export type Severity = Finding["severity"];

/** A finding with its rule's message and explanation (the engine gives those once per rule). */
export type CheckedFinding = Finding & { message: string; explanation: string };

/** One finding as the popup shows it (page text only; rendered with textContent). The rule's
 * message and explanation are not repeated per finding: the popup asks the engine for them. */
export interface ReportedFinding {
  id: string;
  rule: string;
  severity: Severity;
  text: string;
  before: string;
  after: string;
  suggestions: { replacement: string; label?: string }[];
}

/** What one frame has found; the background keeps the latest per frame. */
export interface FrameReport {
  /** Random id of the reporting document; a new id in frame 0 means a new page in the tab. */
  doc: string;
  /** When the document was created (performance.timeOrigin), to drop reports of a previous page. */
  since: number;
  url: string;
  title: string;
  site: string;
  enabled: boolean;
  checked: boolean;
  /** The engine failed on some of this frame's text (it could not load, or it failed on a batch). */
  failed?: boolean;
  /** The first findings in page order (the list is capped; `count` is the full number). */
  findings: ReportedFinding[];
  count: number;
  /** Findings hidden by "ignore" choices, counted but not listed. */
  ignored: number;
}

/** What the popup reads for one tab (stored in storage.session by the background). */
export interface TabReport {
  frames: Record<string, FrameReport>;
}

/**
 * Joins the blocks of one check request: a hard boundary for the engine, so no claim spans two
 * blocks. Findings' offsets are into the joined text.
 */
export const BLOCK_SEPARATOR = "\n\n";

export type Request =
  /**
   * Content → background: find the claims in this text, or in these blocks joined by
   * BLOCK_SEPARATOR (joined by the worker, so the page's thread does not copy the text once more).
   * The engine runs in the worker only.
   */
  | { kind: "check"; text: string | string[] }
  /** Content or popup → background: the loaded rules (their messages and explanations). */
  | { kind: "rules" }
  /**
   * Content → background: the settings a frame of `site` applies. Frames ask the worker instead of
   * reading storage themselves: one message, and no storage listener in every frame.
   */
  | { kind: "frame-settings"; site: string }
  /** Background → every tab: the global settings changed (the team packs' sources left out). */
  | { kind: "settings-changed"; settings: Settings }
  /** Background → every tab: the per-site choices of `site` changed. */
  | { kind: "site-changed"; site: string; choices: SiteSettings }
  /** Background → every tab: the compiled rule pack changed; frames check their text again. */
  | { kind: "pack-changed" }
  /** Content → background: this frame's current findings (replaces the previous report). */
  | { kind: "report"; report: FrameReport }
  /** Background → every frame of a tab: report again (an older page came back from the back/forward cache). */
  | { kind: "report-again" }
  /** Popup → content: scroll to a finding, flash it and open its card with keyboard focus. */
  | { kind: "reveal"; id: string }
  /** Background (context menu) → content: check this frame's selection and show the findings in the card. */
  | { kind: "check-selection"; text: string }
  /** Background (shortcut) → content: show or hide the highlights; without `visible`, toggle (answers the new state). */
  | { kind: "show-highlights"; visible?: boolean };

export type CheckResponse = { ok: true; findings: Finding[] } | { ok: false; error: string };
export type FrameSettingsResponse = { ok: true; settings: Settings; choices: SiteSettings } | { ok: false; error: string };
export type RulesResponse = { ok: true; rules: RuleInfo[] } | { ok: false; error: string };

export const tabKey = (tabId: number): string => `tab:${tabId}`;

export function send<R>(message: Request): Promise<R> {
  return chrome.runtime.sendMessage(message) as Promise<R>;
}
