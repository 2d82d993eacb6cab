// Reads the visible text of a page as "runs": the inline content of one block, joined so a claim
// split across inline elements (`SOC 2 <b>certified</b>`, links, &nbsp;) is one string, with a
// table from string offsets back to text nodes. Skips code, hidden elements and editable fields.
import { isOwnElement } from "./ui-host.js";
import type { Budget } from "./budget.js";
import tags from "./tags.json";

/**
 * The inline text of one block, with each text node's offset in `text`. A block holding inline
 * content only is read with one `textContent` call; its node table is built the first time a
 * finding needs it (most runs never have one).
 */
export class Run {
  private table: { nodes: Text[]; starts: number[] } | null;

  constructor(
    readonly owner: Node,
    readonly text: string,
    table: { nodes: Text[]; starts: number[] } | null,
    /** The element whose text nodes make up the run, when the table is built on demand. */
    private readonly source: Element | null = null,
    /** Where the last text node's data ends in `text` (a trailing <br> adds a space after it). */
    private readonly end = text.length,
  ) {
    this.table = table;
  }

  get resolved(): boolean {
    return this.table !== null;
  }

  get nodes(): Text[] {
    return (this.table ??= this.build()).nodes;
  }

  get starts(): number[] {
    return (this.table ??= this.build()).starts;
  }

  /** False when the text nodes no longer add up to `text` (edited since: a re-read is queued). */
  get current(): boolean {
    const { nodes, starts } = this;
    if (!nodes.length) return false;
    return starts[starts.length - 1]! + nodes[nodes.length - 1]!.data.length === this.end;
  }

  private build(): { nodes: Text[]; starts: number[] } {
    const nodes: Text[] = [];
    const starts: number[] = [];
    let length = 0;
    const walker = document.createTreeWalker(this.source!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const data = (n as Text).data;
      if (!data) continue;
      nodes.push(n as Text);
      starts.push(length);
      length += data.length;
    }
    return { nodes, starts };
  }
}

// Elements left unread with their subtree, and inline elements (part of their block's run). Data,
// so the browser benchmark's lower bound (benches/browser/bound.mjs) reads with the same lists.
const SKIP = new Set(tags.skipped);
const INLINE = new Set(tags.inline);

export const isInline = (el: Element): boolean => INLINE.has(el.localName);

const SKIP_SELECTOR = [...SKIP].join(",");

/** Elements found hidden while collecting; a later attribute change on one of them may reveal text. */
export const hiddenElements = new WeakSet<Element>();

/** Whether `el` (named `name`) and its subtree are left unread. */
function skipped(el: Element, name: string, inline: boolean): boolean {
  if (SKIP.has(name) || isOwnElement(el, name)) return true;
  // Most inline elements carry no attribute at all: one call answers for `hidden` and editing.
  if (inline && !el.hasAttributes()) return false;
  // Editing starts at an element carrying `contenteditable` (its descendants are never reached) or
  // at a designMode document (checked once per walk): isContentEditable is asked only there.
  if (el.hasAttribute("contenteditable") && (el as HTMLElement).isContentEditable) return true;
  // Inline elements are only checked for `hidden`: computing visibility for every span and link
  // would cost more than reading the text (a display:none span inside a visible block is rare).
  if (inline) return el.hasAttribute("hidden");
  if (el.hasAttribute("hidden") || !el.checkVisibility({ visibilityProperty: true })) {
    // display: contents has no box of its own, but its children render.
    if (getComputedStyle(el).display === "contents") return false;
    hiddenElements.add(el);
    return true;
  }
  return false;
}

/** The element (or root) whose runs contain `node`: its nearest non-inline ancestor. */
export function ownerOf(node: Node): Node {
  let n: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (n) {
    if (n instanceof ShadowRoot) return n;
    if (n.nodeType === Node.ELEMENT_NODE) {
      const el = n as Element;
      if (el === el.ownerDocument.body || el === el.ownerDocument.documentElement) return el.ownerDocument.body ?? el;
      if (!isInline(el)) return el;
    }
    n = n.parentNode;
  }
  return node.ownerDocument?.body ?? node;
}

/**
 * Matches what keeps a block from being read as its textContent: any element that is not inline
 * (nested blocks, <br>, skipped tags, our own UI), hidden or editable inline elements.
 */
const NOT_PLAIN = `:not(${[...INLINE].join(",")}),[hidden],[contenteditable]`;

/** Whether `el`'s text is exactly its textContent (checked in C++: no per-node work in JS). */
function plain(el: Element, deep: boolean): boolean {
  if (el.querySelector(NOT_PLAIN)) return false;
  // Of the inline elements only <span> may host a shadow root, read as runs of its own.
  if (deep && el.querySelector("span")) for (const span of el.querySelectorAll("span")) if (span.shadowRoot) return false;
  return true;
}

/** The run of a plain block, its node table left for later. */
function plainRun(el: Element, sink: (run: Run) => void): void {
  const text = el.textContent ?? "";
  if (NOT_SPACE.test(text)) sink(new Run(el, text.replace(WS, " "), null, el));
}

const WS = /[\n\r\t\f]/g;
const NOT_SPACE = /\S/;

class RunBuilder {
  private nodes: Text[] = [];
  private starts: number[] = [];
  // Plain concatenation (V8 builds a rope, flattened once per run): no per-node array or regex.
  private text = "";
  private end = 0;
  constructor(readonly owner: Node, private readonly sink: ((run: Run) => void) | null) {}

  add(text: Text): void {
    const data = text.data;
    if (!data) return;
    this.starts.push(this.text.length);
    this.nodes.push(text);
    this.text += data;
    this.end = this.text.length;
  }

  /** A line break (<br>): a space between words that belongs to no text node. */
  gap(): void {
    if (this.text.length === 0) return;
    this.text += " ";
  }

  /** A block starts or ends here: the current run is complete. */
  flush(): void {
    if (this.nodes.length && this.sink && NOT_SPACE.test(this.text)) {
      // Same length, so offsets stay exact; a blank line inside a block must not split a claim.
      const text = this.text.replace(WS, " ");
      this.sink(new Run(this.owner, text, { nodes: this.nodes, starts: this.starts }, null, this.end));
    }
    if (this.nodes.length) {
      this.nodes = [];
      this.starts = [];
    }
    this.text = "";
    this.end = 0;
  }
}

export interface CollectOptions {
  /** Also collect nested blocks (and open shadow roots); otherwise only `root`'s own inline text. */
  deep: boolean;
  /** Emit `root`'s own runs (false for an inline element added inside a block re-read elsewhere). */
  rootRuns: boolean;
  onRun: (run: Run) => void;
  onShadowRoot: (root: ShadowRoot) => void;
}

/** Walks `root`, emitting its runs; yields to the event loop whenever the budget runs out. */
export async function collect(root: Node, opts: CollectOptions, budget: Budget): Promise<void> {
  if (root.ownerDocument?.designMode === "on") return; // the whole document is an editor
  // A re-read starts somewhere inside the page: text typed into an editor, CSS written into a
  // <style>, a section added hidden. What the walk down from the body would skip is skipped here.
  const el = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
  if (el && el !== el.ownerDocument.body) {
    if (el.closest(SKIP_SELECTOR) || (el instanceof HTMLElement && el.isContentEditable)) return;
    if (!el.checkVisibility({ visibilityProperty: true }) && getComputedStyle(el).display !== "contents") {
      hiddenElements.add(el); // shown later (class, style, hidden): the observer re-reads it
      return;
    }
  }
  if (opts.deep && root instanceof Element && root.shadowRoot) await shadow(root.shadowRoot, opts, budget);
  if (root instanceof Element && plain(root, opts.deep)) {
    if (opts.rootRuns) plainRun(root, opts.onRun);
    return;
  }
  await walk(root, opts.rootRuns ? opts.onRun : null, opts, budget);
}

async function shadow(root: ShadowRoot, opts: CollectOptions, budget: Budget): Promise<void> {
  opts.onShadowRoot(root);
  await walk(root, opts.onRun, opts, budget);
}

/**
 * One pass over `root`'s subtree with firstChild/nextSibling (no per-node allocation): the
 * current run belongs to the nearest block; entering or leaving a block ends it. The path down
 * is kept here, not read from parentNode, so a node removed while we yield ends nothing early.
 */
async function walk(root: Node, rootSink: ((run: Run) => void) | null, opts: CollectOptions, budget: Budget): Promise<void> {
  const deep = opts.deep;
  // Blocks entered and not yet left (the last one owns the run being built).
  const blocks: Node[] = [root];
  const path: Node[] = [];
  let builder = new RunBuilder(root, rootSink);
  let node: Node | null = root.firstChild;
  let steps = 0;
  for (;;) {
    if (!node) break;
    if (++steps % 256 === 0 && budget.expired()) await budget.yield();
    let descend: Node | null = null;
    const type = node.nodeType;
    if (type === 3) {
      builder.add(node as Text);
    } else if (type === 1) {
      const el = node as Element;
      const name = el.localName;
      if (name === "br") builder.gap();
      else {
        const inline = INLINE.has(name);
        if (skipped(el, name, inline)) {
          if (!inline) builder.flush();
        } else if (inline) {
          // Of the inline elements only <span> may host a shadow root.
          if (deep && name === "span" && el.shadowRoot) await shadow(el.shadowRoot, opts, budget);
          descend = el.firstChild;
        } else {
          builder.flush();
          if (deep) {
            if (el.shadowRoot) await shadow(el.shadowRoot, opts, budget);
            if (plain(el, true)) {
              plainRun(el, opts.onRun);
            } else {
              descend = el.firstChild;
              if (descend) {
                blocks.push(el);
                builder = new RunBuilder(el, opts.onRun);
              }
            }
          }
        }
      }
    }
    if (descend) {
      path.push(node);
      node = descend;
      continue;
    }
    // Next in document order: a sibling, or up until an ancestor has one (leaving blocks).
    let next: Node | null = node.nextSibling;
    while (!next) {
      const parent = path.pop();
      if (!parent) break;
      if (parent === blocks[blocks.length - 1]) {
        builder.flush();
        blocks.pop();
        const owner = blocks[blocks.length - 1]!;
        builder = new RunBuilder(owner, owner === root ? rootSink : opts.onRun);
      }
      next = parent.nextSibling;
    }
    node = next;
  }
  builder.flush();
}

/** The index in `run.nodes` of the node holding `offset` (ends prefer the end of the previous node). */
export function nodeIndex(run: Run, offset: number, isEnd: boolean): number {
  const { starts } = run;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! < offset || (!isEnd && starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The text node and offset at `offset` of a run (ends prefer the end of the previous node). */
export function position(run: Run, offset: number, isEnd: boolean): [Text, number] {
  return at(run, nodeIndex(run, offset, isEnd), offset);
}

/** The text node `index` of a run and the offset in it of the run's `offset`. */
export function at(run: Run, index: number, offset: number): [Text, number] {
  const node = run.nodes[index]!;
  const local = offset - run.starts[index]!;
  if (local < 0) return [node, 0];
  return [node, Math.min(local, node.data.length)];
}
