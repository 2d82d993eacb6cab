// Finds the editors of this frame (textareas, text inputs, contenteditable roots, including a
// TinyMCE iframe's body, since the content script runs in that frame too) and keeps one tracker
// per editor. Editors opted out with data-claimlint="off" (on them, an ancestor or the frame's
// element) are left alone; the site switch turns them all off with the rest of the page.
import type { SiteSettings } from "../../shared/settings.js";
import type { Display } from "../checker.js";
import { measure } from "../../shared/marks.js";
import type { Highlighter } from "../highlight.js";
import { isOwnUi } from "../ui-host.js";
import { BlockChecker } from "./blocks-check.js";
import type { EditorEntry } from "./entry.js";
import { FieldEditor, isTextField } from "./field.js";
import { RichEditor } from "./rich.js";
import type { EditorHost, TrackedEditor } from "./tracked.js";

export type { EditorEntry } from "./entry.js";

const CANDIDATES = "textarea,input,[contenteditable]";
const OPT_OUT = '[data-claimlint="off"]';
const SCAN_LIMIT = 400;

/** The card as the editors use it. */
export interface EditorCard {
  open(entry: EditorEntry, focus: boolean): void;
  readonly entry: unknown;
}

function optedOut(el: Element): boolean {
  if (el.closest(OPT_OUT)) return true;
  // An editor in a frame (TinyMCE's iframe) is opted out by its <iframe> or the iframe's ancestors.
  try {
    for (let w: Window | null = el.ownerDocument.defaultView; w && w !== w.parent; w = w.parent) {
      if (w.frameElement?.closest(OPT_OUT)) return true;
    }
  } catch {
    // A cross-origin parent: its elements are not ours to read.
  }
  return false;
}

/** The outermost editable element holding `el`, or null when `el` is not editable. */
function editableRoot(el: Element): HTMLElement | null {
  if (!(el as HTMLElement).isContentEditable) return null;
  let root = el as HTMLElement;
  while (root.parentElement?.isContentEditable) root = root.parentElement;
  return root;
}

export class Editors implements EditorHost {
  private readonly tracked = new Map<Element, TrackedEditor>();
  private readonly checker = new BlockChecker();
  private observer: MutationObserver | null = null;
  private readonly onFocus = (e: Event) => {
    if (e.target instanceof Element) this.consider(e.target);
  };
  private readonly onKey = (e: KeyboardEvent) => this.keyed(e);
  private current: SiteSettings;
  private shownAs: Display = (_rule, own) => own;

  constructor(
    private readonly highlighter: Highlighter,
    private readonly card: EditorCard,
    settings: SiteSettings,
    private readonly onChange: () => void = () => {},
  ) {
    this.current = settings;
  }

  start(): void {
    if (this.observer) return;
    // Editors mounted later (CKEditor, Lexical and Tiptap mount after load; TinyMCE writes its
    // iframe): added elements, and contenteditable set on an existing element.
    this.observer = new MutationObserver((records) => {
      const t0 = performance.now();
      let outside = false;
      for (const r of records) {
        if (this.inside(r.target)) continue; // typing inside an editor we track already
        if (r.type === "attributes" && (r.attributeName === "class" || r.attributeName === "style")) {
          this.restyleFieldsIn(r.target as Element);
          continue;
        }
        outside = true; // editors may have been added, removed, opted out or made read-only
        if (r.type === "attributes") {
          const el = r.target as Element;
          if (r.attributeName === "data-claimlint") for (const c of el.querySelectorAll(CANDIDATES)) this.consider(c);
          else this.consider(el);
          continue;
        }
        for (const n of r.addedNodes) {
          if (n.nodeType !== Node.ELEMENT_NODE || isOwnUi(n)) continue;
          const el = n as Element;
          if (el.matches(CANDIDATES)) this.consider(el);
          if (el.firstElementChild) for (const c of el.querySelectorAll(CANDIDATES)) this.consider(c);
        }
      }
      if (outside) this.prune();
      measure("editor-discover", t0);
    });
    this.observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["contenteditable", "data-claimlint", "class", "style"] });
    addEventListener("focusin", this.onFocus, true);
    addEventListener("keydown", this.onKey, true);
    for (const el of document.querySelectorAll(CANDIDATES)) this.consider(el);
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    removeEventListener("focusin", this.onFocus, true);
    removeEventListener("keydown", this.onKey, true);
    for (const t of this.tracked.values()) t.dispose();
    this.tracked.clear();
  }

  /** A class or style change above a field may change its font or size: its overlay follows. */
  private restyleFieldsIn(el: Element): void {
    for (const [target, editor] of this.tracked) {
      if (editor instanceof FieldEditor && el !== target && el.contains(target)) editor.restyleSoon();
    }
  }

  private inside(node: Node): boolean {
    for (const el of this.tracked.keys()) if (el !== node && el.contains(node)) return true;
    return false;
  }

  private consider(el: Element): void {
    if (!this.observer || isOwnUi(el)) return;
    let target: Element | null = null;
    if (isTextField(el)) target = el;
    else target = editableRoot(el);
    if (!target) {
      // contenteditable removed, or an opt-out added: stop tracking what no longer qualifies.
      this.prune();
      return;
    }
    if (this.tracked.has(target)) {
      if (optedOut(target)) this.untrack(target);
      return;
    }
    const field = isTextField(target) ? (target as HTMLTextAreaElement | HTMLInputElement) : null;
    if (field && (field.readOnly || field.disabled)) return;
    if (optedOut(target)) return;
    // A tracked root that is now inside a larger editable root gives way to it.
    for (const el of [...this.tracked.keys()]) if (el !== target && target.contains(el)) this.untrack(el);
    const editor = field
      ? new FieldEditor(field, this, this.highlighter, this.checker)
      : new RichEditor(target as HTMLElement, this, this.highlighter, this.checker);
    this.tracked.set(target, editor);
  }

  /** Drops trackers of editors removed from the page, no longer editable, or opted out. */
  private prune(): void {
    for (const el of [...this.tracked.keys()]) {
      const gone = !el.isConnected || (!isTextField(el) && !(el as HTMLElement).isContentEditable) || optedOut(el);
      if (gone) this.untrack(el);
    }
  }

  private untrack(el: Element): void {
    this.tracked.get(el)?.dispose();
    this.tracked.delete(el);
    this.onChange();
  }

  /** Alt+Enter while an editor's card is open moves the keyboard into the card (to "Apply"). */
  private keyed(e: KeyboardEvent): void {
    if (!e.altKey || e.key !== "Enter" || !this.isEditorEntry(this.card.entry)) return;
    e.preventDefault();
    e.stopPropagation();
    this.card.open(this.card.entry as EditorEntry, true);
  }

  private isEditorEntry(entry: unknown): boolean {
    for (const t of this.tracked.values()) if (t.entries().includes(entry as EditorEntry)) return true;
    return false;
  }

  /** The site's ignore choices changed. */
  setSettings(settings: SiteSettings): void {
    this.current = settings;
    for (const t of this.tracked.values()) t.refresh();
  }

  /** Rules switched off, severity changes and the minimum severity (global settings). */
  setDisplay(display: Display): void {
    this.shownAs = display;
    for (const t of this.tracked.values()) t.refresh();
  }

  display(): Display {
    return this.shownAs;
  }

  settings(): SiteSettings {
    return this.current;
  }

  openCard(entry: EditorEntry): void {
    this.card.open(entry, false);
  }

  changed(): void {
    this.onChange();
  }

  get hasEntries(): boolean {
    for (const t of this.tracked.values()) if (t.entries().length) return true;
    return false;
  }

  entryAt(x: number, y: number): EditorEntry | null {
    let scanned = 0;
    for (const t of this.tracked.values()) {
      for (const e of t.entries()) {
        if (!e.shown) continue;
        if (++scanned > SCAN_LIMIT) return null;
        if (e.hit(x, y)) return e;
      }
    }
    return null;
  }

  /** Findings in all editors of this frame, shown or not. */
  entryCount(): number {
    let n = 0;
    for (const t of this.tracked.values()) n += t.entries().length;
    return n;
  }

  /** Shown findings in all editors of this frame. */
  shownEntries(): EditorEntry[] {
    const out: EditorEntry[] = [];
    for (const t of this.tracked.values()) for (const e of t.entries()) if (e.shown) out.push(e);
    return out;
  }
}
