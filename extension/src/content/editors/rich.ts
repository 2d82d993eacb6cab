// A contenteditable editor being checked (webmail compose, TinyMCE's iframe body, CKEditor 5,
// Quill, ProseMirror/Tiptap, Lexical...). Highlights are Ranges registered with the Custom
// Highlight API: nothing is ever written into the editor's DOM, so its model, its serializer and
// its undo stack never see ClaimLint. A MutationObserver marks the blocks that changed; after a
// typing pause only those blocks are read and (when their text is new) checked.
import type { CheckedFinding } from "../../shared/protocol.js";
import { measure } from "../../shared/marks.js";
import { isInline } from "../collect.js";
import type { Highlighter } from "../highlight.js";
import { isOwnUi } from "../ui-host.js";
import { applyToRich } from "./apply.js";
import type { BlockChecker } from "./blocks-check.js";
import { Debounce } from "./debounce.js";
import { entryKey, hideEntry, NAVIGATION_KEYS, onRange, showEntry, type EditorEntry } from "./entry.js";
import type { EditorHost, TrackedEditor } from "./tracked.js";

const UNREAD = new Set(["script", "style", "noscript", "template", "textarea", "input", "select", "svg", "math", "iframe", "object", "canvas"]);
const NOT_SPACE = /\S/;

/** The text of one block (its inline content, nested blocks excluded) and its text nodes. */
interface BlockText {
  text: string;
  nodes: Text[];
  starts: number[];
}

/** Subtrees inside an editor that are not the writer's text: widgets, opted-out parts, our UI. */
function unread(el: Element): boolean {
  return (
    UNREAD.has(el.localName) ||
    el.getAttribute("contenteditable") === "false" ||
    el.getAttribute("data-claimlint") === "off" ||
    el.hasAttribute("hidden") ||
    isOwnUi(el)
  );
}

function readBlock(block: Element): BlockText {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = "";
  const visit = (parent: Node): void => {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        const data = (n as Text).data;
        if (!data) continue;
        nodes.push(n as Text);
        starts.push(text.length);
        text += data;
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const el = n as Element;
        if (el.localName === "br") {
          if (text) text += " "; // a line break between words, in no text node
        } else if (isInline(el) && !unread(el)) visit(el);
      }
    }
  };
  visit(block);
  return { text, nodes, starts };
}

/** Index of the text node holding `offset` (ends prefer the end of the previous node). */
function nodeAt(b: BlockText, offset: number, isEnd: boolean): [Text, number] {
  let i = 0;
  while (i + 1 < b.starts.length && (b.starts[i + 1]! < offset || (!isEnd && b.starts[i + 1] === offset))) i++;
  const node = b.nodes[i]!;
  return [node, Math.max(0, Math.min(offset - b.starts[i]!, node.data.length))];
}

interface Block {
  text: string;
  entries: EditorEntry[];
}

export class RichEditor implements TrackedEditor {
  private readonly blocks = new Map<Element, Block>();
  private readonly dirty = new Set<Element>();
  private readonly debounce = new Debounce(() => void this.check());
  private readonly observer: MutationObserver;
  private composing = false;
  private disposed = false;
  private readonly listeners: [string, EventListener][] = [];

  constructor(
    readonly element: HTMLElement,
    private readonly host: EditorHost,
    private readonly highlighter: Highlighter,
    private readonly checker: BlockChecker,
  ) {
    this.observer = new MutationObserver((records) => this.mutated(records));
    this.observer.observe(element, { subtree: true, childList: true, characterData: true });
    this.listen("compositionstart", () => (this.composing = true));
    this.listen("compositionend", () => {
      this.composing = false;
      this.debounce.poke();
    });
    this.listen("keyup", (e) => this.keyed(e as KeyboardEvent));
    this.markAll(element);
    void this.check();
  }

  private listen(type: string, fn: EventListener): void {
    this.element.addEventListener(type, fn, { passive: true });
    this.listeners.push([type, fn]);
  }

  /** Marks `el` and every block inside it for reading. */
  private markAll(el: Element): void {
    this.dirty.add(el);
    for (const child of el.querySelectorAll("*")) if (!isInline(child) && child.localName !== "br") this.dirty.add(child);
  }

  /** The block whose inline text contains `node`. */
  private blockOf(node: Node): Element {
    for (let n: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode; n && n !== this.element; n = n.parentNode) {
      if (n.nodeType === Node.ELEMENT_NODE && !isInline(n as Element) && (n as Element).localName !== "br") return n as Element;
    }
    return this.element;
  }

  /** One keystroke's worth of DOM changes: remember which blocks changed; checks wait for a pause. */
  private mutated(records: MutationRecord[]): void {
    const t0 = performance.now();
    for (const r of records) {
      this.dirty.add(this.blockOf(r.target));
      if (r.type !== "childList") continue;
      for (const n of r.addedNodes) {
        if (n.nodeType === Node.ELEMENT_NODE && !isInline(n as Element)) this.markAll(n as Element);
      }
    }
    this.debounce.poke();
    measure("editor-input", t0);
  }

  private keyed(e: KeyboardEvent): void {
    if (!NAVIGATION_KEYS.has(e.key)) return;
    const selection = this.element.ownerDocument.getSelection();
    if (!selection?.isCollapsed || !selection.focusNode) return;
    const block = this.blocks.get(this.blockOf(selection.focusNode));
    const entry = block?.entries.find((x) => x.shown && x.range.isPointInRange(selection.focusNode!, selection.focusOffset));
    if (entry) this.host.openCard(entry);
  }

  private async check(): Promise<void> {
    if (this.disposed || this.composing) return; // compositionend checks
    const t0 = performance.now();
    for (const block of this.blocks.keys()) {
      if (!this.element.contains(block)) this.forget(block);
    }
    const reads: [Element, BlockText][] = [];
    for (const block of this.dirty) {
      if (!block.isConnected || !this.element.contains(block) || this.isUnread(block)) {
        this.forget(block);
        continue;
      }
      const read = readBlock(block);
      const known = this.blocks.get(block);
      if (known && known.text === read.text && known.entries.every((e) => !e.range.collapsed)) continue;
      this.forget(block);
      if (NOT_SPACE.test(read.text)) reads.push([block, read]);
    }
    this.dirty.clear();
    measure("editor-read", t0);
    if (!reads.length) return;
    let results: CheckedFinding[][];
    try {
      results = await this.checker.check(reads.map(([, r]) => r.text));
    } catch {
      return;
    }
    if (this.disposed) return;
    const t1 = performance.now();
    const settings = this.host.settings();
    const display = this.host.display();
    reads.forEach(([block, read], i) => {
      // Edited while the engine ran: the observer has marked it again.
      if (this.dirty.has(block)) return;
      const entries: EditorEntry[] = [];
      for (const f of results[i]!) {
        const entry = this.entry(read, f);
        if (!entry) continue;
        entries.push(entry);
        showEntry(entry, settings, display, this.highlighter);
      }
      this.blocks.set(block, { text: read.text, entries });
    });
    measure("editor-ranges", t1);
    this.host.changed();
  }

  private isUnread(block: Element): boolean {
    for (let el: Element | null = block; el && el !== this.element; el = el.parentElement) if (unread(el)) return true;
    return false;
  }

  private entry(read: BlockText, f: CheckedFinding): EditorEntry | null {
    const range = this.element.ownerDocument.createRange();
    try {
      range.setStart(...nodeAt(read, f.start, false));
      range.setEnd(...nodeAt(read, f.end, true));
    } catch {
      return null;
    }
    const claim = read.text.slice(f.start, f.end);
    const root = this.element;
    return {
      finding: { ...f, text: claim },
      own: f.severity,
      range,
      key: entryKey(f.rule, read.text, f.start, f.end),
      shown: false,
      apply: (replacement) => applyToRich(root, range, claim, replacement),
      hit: (x, y) => onRange(range, x, y),
    };
  }

  private forget(block: Element): void {
    const known = this.blocks.get(block);
    if (!known) return;
    for (const e of known.entries) hideEntry(e, this.highlighter);
    this.blocks.delete(block);
  }

  refresh(): void {
    const settings = this.host.settings();
    const display = this.host.display();
    for (const b of this.blocks.values()) for (const e of b.entries) showEntry(e, settings, display, this.highlighter);
  }

  entries(): readonly EditorEntry[] {
    const out: EditorEntry[] = [];
    for (const b of this.blocks.values()) out.push(...b.entries);
    return out;
  }

  dispose(): void {
    this.disposed = true;
    this.debounce.cancel();
    this.observer.disconnect();
    for (const [type, fn] of this.listeners) this.element.removeEventListener(type, fn);
    for (const block of [...this.blocks.keys()]) this.forget(block);
  }
}
