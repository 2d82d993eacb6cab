// A textarea or text input being checked: its text is mirrored into an overlay (mirror.ts), split
// into paragraphs at blank lines, and only paragraphs whose text is new reach the engine. The
// field itself is never written to, except by "Apply" (apply.ts).
import type { CheckedFinding } from "../../shared/protocol.js";
import { measure } from "../../shared/marks.js";
import type { Highlighter } from "../highlight.js";
import { applyToField } from "./apply.js";
import type { BlockChecker } from "./blocks-check.js";
import { Debounce } from "./debounce.js";
import { entryKey, hideEntry, NAVIGATION_KEYS, onRange, showEntry, type EditorEntry } from "./entry.js";
import { Mirror } from "./mirror.js";
import type { EditorHost, TrackedEditor } from "./tracked.js";

export type Field = HTMLTextAreaElement | HTMLInputElement;

const TEXT_INPUTS = new Set(["text", "search"]);
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;

export function isTextField(el: Element): el is Field {
  if (el.localName === "textarea") return true;
  return el.localName === "input" && TEXT_INPUTS.has((el as HTMLInputElement).type);
}

/** Paragraphs of a field's value: offsets and text, split at blank lines. */
function paragraphs(value: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let start = 0;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(value); m; m = PARAGRAPH_BREAK.exec(value)) {
    if (m.index > start) out.push({ start, text: value.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < value.length) out.push({ start, text: value.slice(start) });
  return out;
}

interface FieldEntry extends EditorEntry {
  /** rule@start:end when created; compared with the live range to keep entries across checks. */
  readonly signature: string;
}

export class FieldEditor implements TrackedEditor {
  private readonly mirror: Mirror;
  private readonly debounce = new Debounce(() => void this.check());
  private readonly entryList: FieldEntry[] = [];
  private composing = false;
  /** The selection when the current edit began (beforeinput). */
  private selection: [number, number] | null = null;
  private frame = 0;
  private readonly listeners: [EventTarget, string, EventListener, boolean][] = [];
  private readonly resize: ResizeObserver;
  private readonly attributes: MutationObserver;
  private disposed = false;

  constructor(
    readonly element: Field,
    private readonly host: EditorHost,
    private readonly highlighter: Highlighter,
    private readonly checker: BlockChecker,
  ) {
    this.mirror = new Mirror(element);
    const placeSoon = () => this.placeSoon();
    this.listen(element, "beforeinput", () => {
      this.selection = element.selectionStart === null ? null : [element.selectionStart, element.selectionEnd ?? element.selectionStart];
    });
    this.listen(element, "input", (e) => this.typed(e as InputEvent));
    this.listen(element, "compositionstart", () => (this.composing = true));
    this.listen(element, "compositionend", () => {
      this.composing = false;
      this.debounce.poke();
    });
    this.listen(element, "focus", () => {
      this.mirror.restyle();
      if (this.mirror.syncText()) this.debounce.poke();
    });
    this.listen(element, "keyup", (e) => this.keyed(e as KeyboardEvent));
    this.listen(element, "scroll", placeSoon);
    this.listen(window, "scroll", placeSoon, true);
    this.listen(window, "resize", () => this.restyleSoon());
    this.listen(document.fonts, "loadingdone", () => this.restyleSoon());
    this.resize = new ResizeObserver(() => {
      this.restyleSoon();
      this.debounce.poke(); // shown after being hidden: check it now that it renders
    });
    this.resize.observe(element);
    // A style or class change may change the field's font: copy its layout again.
    this.attributes = new MutationObserver(() => this.restyleSoon());
    this.attributes.observe(element, { attributes: true, attributeFilter: ["style", "class", "wrap", "dir"] });
    void this.check();
  }

  private listen(target: EventTarget, type: string, fn: EventListener, capture = false): void {
    target.addEventListener(type, fn, { capture, passive: true });
    this.listeners.push([target, type, fn, capture]);
  }

  /**
   * One keystroke: the overlay's text follows at once (live ranges move with it); checks wait for
   * a pause. Reading a large field's value copies it, and reading its selection after the edit
   * forces the field's layout early, so plain typing and deleting are replayed from the selection
   * read at beforeinput (layout is clean then); anything else reads the value. The check at the
   * next pause compares the whole value, so a replay that missed (a page script rewrote the
   * value) lasts until then at most.
   */
  private typed(e: InputEvent): void {
    const t0 = performance.now();
    const before = this.selection;
    this.selection = null;
    if (!before || !this.replay(e, before)) this.mirror.syncText();
    this.debounce.poke();
    measure("editor-input", t0);
  }

  private replay(e: InputEvent, [start, end]: [number, number]): boolean {
    switch (e.inputType) {
      case "insertText":
        return e.data !== null && this.mirror.edit(start, end - start, e.data);
      case "insertLineBreak":
        return this.mirror.edit(start, end - start, "\n");
      case "deleteContentBackward": {
        if (start !== end) return this.mirror.edit(start, end - start, "");
        // One ASCII character; a wider grapheme (surrogates, combining marks) reads the value.
        const previous = this.mirror.value.charCodeAt(start - 1);
        return start > 0 && previous < 0x80 && this.mirror.edit(start - 1, 1, "");
      }
      default:
        return false;
    }
  }
  private keyed(e: KeyboardEvent): void {
    if (!NAVIGATION_KEYS.has(e.key)) return;
    const caret = this.element.selectionStart;
    if (caret === null || this.element.selectionEnd !== caret) return;
    const entry = this.entryList.find((x) => {
      const [start, end] = this.span(x.range);
      return x.shown && start >= 0 && start <= caret && caret <= end;
    });
    if (entry) this.host.openCard(entry);
  }

  private placeSoon(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.disposed) this.mirror.place();
    });
  }

  restyleSoon(): void {
    requestAnimationFrame(() => {
      if (!this.disposed) this.mirror.restyle();
    });
  }

  private async check(): Promise<void> {
    if (this.disposed) return;
    if (this.composing) return; // compositionend checks
    // Values set by script fire no input event: catch up here.
    this.mirror.syncText();
    if (!this.element.checkVisibility()) {
      // Hidden (TinyMCE keeps its source textarea hidden): nothing to draw; resizing shows it.
      for (let i = this.entryList.length - 1; i >= 0; i--) this.drop(i);
      return;
    }
    const value = this.mirror.value;
    const paras = paragraphs(value);
    let results: CheckedFinding[][];
    try {
      results = await this.checker.check(paras.map((p) => p.text));
    } catch {
      return;
    }
    if (this.disposed) return;
    if (this.mirror.value !== value) {
      this.debounce.poke(); // typed while the engine ran: the next pause checks again
      return;
    }
    const t0 = performance.now();
    const wanted = new Map<string, [CheckedFinding, number, string]>();
    paras.forEach((p, i) => {
      for (const f of results[i]!) wanted.set(`${f.rule}@${p.start + f.start}:${p.start + f.end}`, [f, p.start, p.text]);
    });
    // Entries whose live range still sits on the same claim stay (no flicker while typing elsewhere).
    for (let i = this.entryList.length - 1; i >= 0; i--) {
      const e = this.entryList[i]!;
      const [start, end] = this.span(e.range);
      const now = `${e.finding.rule}@${start}:${end}`;
      if (now === e.signature && wanted.has(now) && !e.range.collapsed) {
        wanted.delete(now);
        continue;
      }
      this.drop(i);
    }
    for (const [signature, [f, start, text]] of wanted) this.add(signature, f, start, text);
    measure("editor-ranges", t0);
    this.host.changed();
  }

  /** Where a live range over the overlay lies in the field's value ([-1, -1] once its line was rewritten). */
  private span(range: Range): [number, number] {
    const start = this.mirror.offsetOf(range.startContainer, range.startOffset);
    const end = this.mirror.offsetOf(range.endContainer, range.endOffset);
    return start < 0 || end < 0 ? [-1, -1] : [start, end];
  }

  private add(signature: string, f: CheckedFinding, paraStart: number, para: string): void {
    const range = this.mirror.range(paraStart + f.start, paraStart + f.end);
    const claim = para.slice(f.start, f.end);
    const field = this.element;
    const mirror = this.mirror;
    const entry: FieldEntry = {
      signature,
      finding: { ...f, text: claim },
      own: f.severity,
      range,
      key: entryKey(f.rule, para, f.start, f.end),
      shown: false,
      apply: async (replacement) => {
        const [start, end] = this.span(range);
        return start >= 0 && applyToField(field, start, end, claim, replacement);
      },
      hit: (x, y) => {
        const clip = mirror.clip();
        return x >= clip.left && x <= clip.right && y >= clip.top && y <= clip.bottom && onRange(range, x, y);
      },
    };
    this.entryList.push(entry);
    showEntry(entry, this.host.settings(), this.host.display(), this.highlighter);
  }

  private drop(i: number): void {
    const [e] = this.entryList.splice(i, 1);
    if (e) hideEntry(e, this.highlighter);
  }

  refresh(): void {
    const settings = this.host.settings();
    const display = this.host.display();
    for (const e of this.entryList) showEntry(e, settings, display, this.highlighter);
  }

  entries(): readonly EditorEntry[] {
    return this.entryList;
  }

  dispose(): void {
    this.disposed = true;
    this.debounce.cancel();
    for (const [target, type, fn, capture] of this.listeners) target.removeEventListener(type, fn, { capture });
    this.resize.disconnect();
    this.attributes.disconnect();
    for (let i = this.entryList.length - 1; i >= 0; i--) this.drop(i);
    this.mirror.remove();
  }
}
