// The overlay of a textarea or text input: a copy of the field's text, laid out with the field's
// computed style in a box placed exactly over the field's padding box, with transparent text.
// Highlights are registered on Ranges over this copy, so they are drawn where the field draws the
// same characters. It lives in our own closed shadow root outside the field's DOM (the field and
// the page never see it) and takes no pointer events.
//
// The copy holds one block per line of the value (a text node, then a <br> so an empty line keeps
// its height): a keystroke edits one small text node, so the browser lays out one line again, not
// the whole text (measured: ~1 ms per keystroke for one 50 KB text node).
import HIGHLIGHT_CSS from "../../../static/content.css";
import { ownHost } from "../ui-host.js";

/** Computed properties that decide where each character of the field's text lands. */
const TEXT_LAYOUT = [
  "direction", "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
  "font-kerning", "font-feature-settings", "font-variation-settings", "font-optical-sizing", "line-height",
  "letter-spacing", "word-spacing", "text-transform", "text-indent", "text-align", "tab-size",
  "white-space", "word-break", "overflow-wrap", "hyphens", "text-rendering", "padding-top",
  "padding-right", "padding-bottom", "padding-left",
];

export class Mirror {
  private readonly host: HTMLElement;
  private readonly box: HTMLDivElement;
  private readonly copy: HTMLDivElement;
  /** One text node per line of the value, and where each line starts in it. */
  private nodes: Text[] = [];
  private starts: number[] = [];
  private readonly index = new WeakMap<Text, number>();
  private joined: string | null = null;

  constructor(private readonly field: HTMLTextAreaElement | HTMLInputElement) {
    const { host, root } = ownHost("claimlint-overlay", 2147483646, HIGHLIGHT_CSS, { "pointer-events": "none" });
    this.box = document.createElement("div");
    this.box.style.cssText = "position:fixed;overflow:hidden;pointer-events:none;margin:0;padding:0;border:0;";
    this.copy = document.createElement("div");
    this.copy.style.cssText = "position:absolute;left:0;top:0;margin:0;border:0;box-sizing:border-box;color:transparent;background:transparent;pointer-events:none;user-select:none;";
    this.box.append(this.copy);
    root.append(this.box);
    this.host = host;
    this.replaceLines(0, 0, field.value.split("\n"));
    document.documentElement.append(host);
    this.restyle();
  }

  /** The field's value as the copy holds it. */
  get value(): string {
    return (this.joined ??= this.nodes.map((n) => n.data).join("\n"));
  }

  /** Brings the copy's text up to the field's value, editing only the changed part. */
  syncText(): boolean {
    const value = this.field.value;
    const old = this.value;
    if (value === old) return false;
    const max = Math.min(value.length, old.length);
    let p = 0;
    while (p < max && value.charCodeAt(p) === old.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && value.charCodeAt(value.length - 1 - s) === old.charCodeAt(old.length - 1 - s)) s++;
    this.edit(p, old.length - p - s, value.slice(p, value.length - s));
    return true;
  }

  /** Replays one edit of the field (`count` characters at `offset` replaced by `data`). */
  edit(offset: number, count: number, data: string): boolean {
    const old = this.value;
    if (offset < 0 || offset + count > old.length) return false;
    const first = this.lineAt(offset);
    const last = this.lineAt(offset + count);
    this.joined = old.slice(0, offset) + data + old.slice(offset + count);
    if (first === last && !data.includes("\n")) {
      // Typing inside one line: live ranges in it move with the edit.
      this.nodes[first]!.replaceData(offset - this.starts[first]!, count, data);
      const delta = data.length - count;
      for (let i = first + 1; i < this.starts.length; i++) this.starts[i]! += delta;
      return true;
    }
    const head = this.nodes[first]!.data.slice(0, offset - this.starts[first]!);
    const tail = this.nodes[last]!.data.slice(offset + count - this.starts[last]!);
    this.replaceLines(first, last + 1, (head + data + tail).split("\n"));
    return true;
  }

  /** Replaces lines [from, to) with `lines`. */
  private replaceLines(from: number, to: number, lines: string[]): void {
    const removed = this.nodes.slice(from, to);
    const after = this.nodes[to]?.parentNode ?? null;
    const added = lines.map((line) => {
      const block = document.createElement("div");
      const text = document.createTextNode(line);
      block.append(text, document.createElement("br"));
      this.copy.insertBefore(block, after);
      return text;
    });
    for (const node of removed) (node.parentNode as Element | null)?.remove();
    this.nodes.splice(from, to - from, ...added);
    let start = from > 0 ? this.starts[from - 1]! + this.nodes[from - 1]!.length + 1 : 0;
    this.starts.length = this.nodes.length;
    for (let i = from; i < this.nodes.length; i++) {
      this.starts[i] = start;
      this.index.set(this.nodes[i]!, i);
      start += this.nodes[i]!.length + 1;
    }
  }

  /** The line holding `offset` (a line's end belongs to it). */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A Range over `start..end` of the value. */
  range(start: number, end: number): Range {
    const range = document.createRange();
    const a = this.lineAt(start);
    const b = this.lineAt(end);
    range.setStart(this.nodes[a]!, start - this.starts[a]!);
    range.setEnd(this.nodes[b]!, end - this.starts[b]!);
    return range;
  }

  /** Where a boundary of one of our Ranges is in the value; -1 when its line was replaced. */
  offsetOf(node: Node, offset: number): number {
    const i = this.index.get(node as Text);
    if (i === undefined || this.nodes[i] !== node) return -1;
    return this.starts[i]! + offset;
  }

  /** Copies the field's text layout (font, spacing, wrapping, padding). */
  restyle(): void {
    const cs = getComputedStyle(this.field);
    const s = this.copy.style;
    for (const name of TEXT_LAYOUT) s.setProperty(name, cs.getPropertyValue(name));
    if (this.field.localName === "input") {
      // A text input centers its single line vertically and never wraps.
      s.display = "flex";
      s.alignItems = "center";
      s.whiteSpace = "pre";
    } else {
      s.display = "block";
    }
    this.place();
  }

  /** Puts the box over the field's padding box and scrolls the copy as the field is scrolled. */
  place(): void {
    const f = this.field;
    const r = f.getBoundingClientRect();
    const box = this.box.style;
    if (!r.width || !r.height || !f.offsetWidth) {
      box.display = "none";
      return;
    }
    box.display = "block";
    // CSS zoom or a scale transform on the field or its ancestors: layout sizes are unscaled.
    const scale = r.width / f.offsetWidth;
    box.left = `${r.left + f.clientLeft * scale}px`;
    box.top = `${r.top + f.clientTop * scale}px`;
    box.width = `${f.clientWidth * scale}px`;
    box.height = `${f.clientHeight * scale}px`;
    const s = this.copy.style;
    s.zoom = String(scale);
    s.width = `${f.clientWidth}px`;
    if (f.localName === "input") s.height = `${f.clientHeight}px`;
    s.transform = `translate(${-f.scrollLeft}px, ${-f.scrollTop}px)`;
  }

  /** The field's visible text area on screen: the overlay draws nothing outside it. */
  clip(): DOMRect {
    return this.box.getBoundingClientRect();
  }

  remove(): void {
    this.host.remove();
  }
}
