// The messages between content scripts, the background worker and the popup: one tagged union,
// so every sender and receiver agrees on shapes at compile time.
import type { Finding } from "../../pkg/claimlint.js";
import type { CheckedFinding } from "./engine.js";

export type Severity = Finding["severity"];

/** Where a frame's engine runs: in the frame itself, or in the background worker (page CSP blocks Wasm). */
export type EngineSite = "content" | "background";

/** One finding as the popup shows it (page text only; rendered with textContent). */
export interface ReportedFinding {
  id: string;
  rule: string;
  severity: Severity;
  text: string;
  before: string;
  after: string;
  message: string;
  explanation: string;
  suggestions: { replacement: string; label?: string }[];
}

/** What one frame has found; the background keeps the latest per frame. */
export interface FrameReport {
  /** Random id of the reporting document; a new id in frame 0 means a new page in the tab. */
  doc: string;
  /** When the document was created (performance.timeOrigin), to drop reports of a previous page. */
  since: number;
  url: string;
  site: string;
  enabled: boolean;
  checked: boolean;
  engine: EngineSite | null;
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

export type Request =
  /** Content → background: run the engine here because the page's CSP blocks Wasm in the frame. */
  | { kind: "check"; text: string }
  /** Content → background: this frame's current findings (replaces the previous report). */
  | { kind: "report"; report: FrameReport }
  /** Popup → content: scroll to a finding, flash it and open its card with keyboard focus. */
  | { kind: "reveal"; id: string };

export type CheckResponse = { ok: true; findings: CheckedFinding[] } | { ok: false; error: string };

export const tabKey = (tabId: number): string => `tab:${tabId}`;

export function send<R>(message: Request): Promise<R> {
  return chrome.runtime.sendMessage(message) as Promise<R>;
}
