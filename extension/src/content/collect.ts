// Reads the visible text of a page as "runs": the inline content of one block, joined so a claim
// split across inline elements (`SOC 2 <b>certified</b>`, links, &nbsp;) is one string, with a
// table from string offsets back to text nodes. Skips code, hidden elements and editable fields.
import { isOwnUi } from "./ui-host.js";
import type { Budget } from "./budget.js";

/** The inline text of one block, with each text node's offset in `text`. */
export interface Run {
  owner: Node;
  nodes: Text[];
  starts: number[];
  text: string;
}

const SKIP = new Set([
  "script", "style", "noscript", "template", "textarea", "input", "select", "option", "optgroup",
  "datalist", "iframe", "frame", "frameset", "object", "embed", "canvas", "video", "audio", "head",
  "title", "desc", "math", "img", "picture", "svg",
]);

const INLINE = new Set([
  "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
  "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike",
  "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
]);

export const isInline = (el: Element): boolean => INLINE.has(el.localName);

/** Elements found hidden while collecting; a later attribute change on one of them may reveal text. */
export const hiddenElements = new WeakSet<Element>();

function skipped(el: Element, inline: boolean): boolean {
  if (SKIP.has(el.localName) || isOwnUi(el)) return true;
  // Inline elements are only checked for `hidden`: computing visibility for every span and link
  // would cost more than reading the text (a display:none span inside a visible block is rare).
  if (inline) return el.hasAttribute("hidden");
  if ((el as HTMLElement).isContentEditable) return true;
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

const WS = /[\n\r\t\f]/g;

class RunBuilder {
  private nodes: Text[] = [];
  private starts: number[] = [];
  private parts: string[] = [];
  private length = 0;
  constructor(readonly owner: Node, private readonly sink: ((run: Run) => void) | null) {}

  add(text: Text): void {
    const data = text.data;
    if (!data) return;
    this.starts.push(this.length);
    this.nodes.push(text);
    // Same length, so offsets stay exact; a blank line inside a block must not split a claim.
    this.parts.push(data.replace(WS, " "));
    this.length += data.length;
  }

  /** A line break (<br>): a space between words that belongs to no text node. */
  gap(): void {
    if (this.length === 0) return;
    this.parts.push(" ");
    this.length += 1;
  }

  /** A block starts or ends here: the current run is complete. */
  flush(): void {
    if (this.nodes.length && this.sink) {
      const text = this.parts.join("");
      if (/\S/.test(text)) this.sink({ owner: this.owner, nodes: this.nodes, starts: this.starts, text });
    }
    this.nodes = [];
    this.starts = [];
    this.parts = [];
    this.length = 0;
  }
}

interface Frame {
  next: ChildNode | null;
  builder: RunBuilder;
  /** Flush the builder when this frame ends (the frame is a block). */
  closes: boolean;
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
  const rootBuilder = new RunBuilder(root, opts.rootRuns ? opts.onRun : null);
  const stack: Frame[] = [{ next: root.firstChild, builder: rootBuilder, closes: true }];
  if (opts.deep && root instanceof Element && root.shadowRoot) {
    opts.onShadowRoot(root.shadowRoot);
    stack.push({ next: root.shadowRoot.firstChild, builder: new RunBuilder(root.shadowRoot, opts.onRun), closes: true });
  }
  let steps = 0;
  while (stack.length) {
    if (++steps % 256 === 0 && budget.expired()) await budget.yield();
    const top = stack[stack.length - 1]!;
    const node = top.next;
    if (!node) {
      stack.pop();
      if (top.closes) top.builder.flush();
      continue;
    }
    top.next = node.nextSibling;
    if (node.nodeType === Node.TEXT_NODE) {
      top.builder.add(node as Text);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    if (el.localName === "br") {
      top.builder.gap();
      continue;
    }
    const inline = isInline(el);
    if (skipped(el, inline)) {
      if (!inline) top.builder.flush();
      continue;
    }
    // Of the inline elements only <span> may host a shadow root.
    if (opts.deep && (!inline || el.localName === "span") && el.shadowRoot) {
      opts.onShadowRoot(el.shadowRoot);
      stack.push({ next: el.shadowRoot.firstChild, builder: new RunBuilder(el.shadowRoot, opts.onRun), closes: true });
    }
    if (inline) {
      stack.push({ next: el.firstChild, builder: top.builder, closes: false });
    } else {
      top.builder.flush();
      if (opts.deep) stack.push({ next: el.firstChild, builder: new RunBuilder(el, opts.onRun), closes: true });
    }
  }
}

/** The text node and offset at `offset` of a run (ends prefer the end of the previous node). */
export function position(run: Run, offset: number, isEnd: boolean): [Text, number] {
  const { starts, nodes } = run;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! < offset || (!isEnd && starts[mid] === offset)) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo]!;
  const local = offset - starts[lo]!;
  if (local < 0) return [node, 0];
  return [node, Math.min(local, node.data.length)];
}
