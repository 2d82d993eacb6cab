// A finding inside an editor: what the card, the hit tester and the ignore choices need, plus
// the editor-aware way to apply a suggestion.
import type { CheckedFinding } from "../../shared/protocol.js";
import { occurrenceKey, type Severity, type SiteSettings } from "../../shared/settings.js";
import type { Display } from "../checker.js";
import type { Highlighter } from "../highlight.js";

/** Characters of context on each side that identify an occurrence for "ignore here". */
const NEAR = 24;

export interface EditorEntry {
  /** `text` is the claim as written in the editor; `severity` the one shown. */
  finding: CheckedFinding;
  /** The rule's own severity (the settings may show it as another, or hide it). */
  own: Severity;
  /** Live range over the claim (in the editor, or in a field's mirror). */
  range: Range;
  key: string;
  shown: boolean;
  /** Replaces exactly the claim through the editor's own input path (undoable with one Ctrl+Z). */
  apply(replacement: string): Promise<boolean>;
  /** Whether (x, y) is on the claim as drawn. */
  hit(x: number, y: number): boolean;
}

/** Stable key of a claim at `start..end` of its block: rule, claim and nearby text. */
export function entryKey(rule: string, block: string, start: number, end: number): string {
  return occurrenceKey(rule, block.slice(start, end), block.slice(Math.max(0, start - NEAR), start), block.slice(end, end + NEAR));
}

function isIgnored(settings: SiteSettings, rule: string, key: string): boolean {
  return (settings.rules?.includes(rule) ?? false) || (settings.here?.includes(key) ?? false);
}

/** Shows or hides an entry as the ignore choices and the global settings (rule off, severity) say. */
export function showEntry(e: EditorEntry, settings: SiteSettings, display: Display, highlighter: Highlighter): void {
  const severity = isIgnored(settings, e.finding.rule, e.key) ? null : display(e.finding.rule, e.own);
  if (severity === (e.shown ? e.finding.severity : null)) return;
  if (e.shown) highlighter.delete(e.finding.severity, e.range);
  e.shown = severity !== null;
  if (severity) {
    e.finding.severity = severity;
    highlighter.add(severity, e.range);
  }
}

/** Removes an entry's highlight. */
export function hideEntry(e: EditorEntry, highlighter: Highlighter): void {
  if (e.shown) highlighter.delete(e.finding.severity, e.range);
  e.shown = false;
}

/** Whether (x, y) falls on one of the range's client rects (1 px of slack, as hit.ts does). */
export function onRange(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}

/** Navigation keys: a caret moved onto a claim with these opens its card (typing does not). */
export const NAVIGATION_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
