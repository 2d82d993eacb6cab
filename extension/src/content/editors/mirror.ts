// The overlay of a textarea or text input: a copy of the field's text, laid out with the field's
// computed style in a box placed exactly over the field's padding box, with transparent text.
// Highlights are registered on Ranges over this copy, so they are drawn where the field draws the
// same characters. It lives in our own closed shadow root outside the field's DOM (the field and
// the page never see it) and takes no pointer events.
import HIGHLIGHT_CSS from "../../../static/content.css";
import { markOwnUi } from "../ui-host.js";

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
  /** The field's text, one node: live Ranges over it follow edits made with replaceData. */
  readonly text: Text;

  constructor(private readonly field: HTMLTextAreaElement | HTMLInputElement) {
    const host = document.createElement("claimlint-overlay");
    markOwnUi(host);
    const s = host.style;
    s.setProperty("all", "initial", "important");
    s.setProperty("position", "fixed", "important");
    s.setProperty("top", "0", "important");
    s.setProperty("left", "0", "important");
    s.setProperty("pointer-events", "none", "important");
    s.setProperty("z-index", "2147483646", "important");
    const root = host.attachShadow({ mode: "closed" });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement("style");
      style.textContent = HIGHLIGHT_CSS;
      root.append(style);
    }
    this.box = document.createElement("div");
    this.box.style.cssText = "position:fixed;overflow:hidden;pointer-events:none;margin:0;padding:0;border:0;";
    this.copy = document.createElement("div");
    this.copy.style.cssText = "position:absolute;left:0;top:0;margin:0;border:0;box-sizing:border-box;color:transparent;background:transparent;pointer-events:none;user-select:none;";
    this.text = document.createTextNode(field.value);
    // A trailing newline takes a line of its own in a field, not in a div: one more character.
    this.copy.append(this.text, document.createTextNode("\u200b"));
    this.box.append(this.copy);
    root.append(this.box);
    this.host = host;
    document.documentElement.append(host);
    this.restyle();
  }

  /** Brings the copy's text up to the field's value, editing only the changed part. */
  syncText(): boolean {
    const value = this.field.value;
    const old = this.text.data;
    if (value === old) return false;
    const max = Math.min(value.length, old.length);
    let p = 0;
    while (p < max && value.charCodeAt(p) === old.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && value.charCodeAt(value.length - 1 - s) === old.charCodeAt(old.length - 1 - s)) s++;
    this.text.replaceData(p, old.length - p - s, value.slice(p, value.length - s));
    return true;
  }

  /** Replays one edit of the field; false when it does not fit the copy (then syncText). */
  edit(offset: number, count: number, data: string): boolean {
    if (offset + count > this.text.length) return false;
    this.text.replaceData(offset, count, data);
    return true;
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
