// What each tracked editor (field or rich editor) offers the editor registry, and what the
// registry offers it back.
import type { SiteSettings } from "../../shared/settings.js";
import type { Display } from "../checker.js";
import type { EditorEntry } from "./entry.js";

export interface TrackedEditor {
  readonly element: Element;
  entries(): readonly EditorEntry[];
  /** The ignore choices or the global settings changed: show or hide entries again. */
  refresh(): void;
  dispose(): void;
}

export interface EditorHost {
  settings(): SiteSettings;
  display(): Display;
  /** Opens the suggestion card for a claim the caret moved onto with the keyboard. */
  openCard(entry: EditorEntry): void;
  /** Findings changed (for reports and hit testing). */
  changed(): void;
}
