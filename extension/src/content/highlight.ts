// Draws findings with the CSS Custom Highlight API: one highlight per severity, named
// claimlint-<severity>. The page's DOM is never touched; only Range objects are registered.
import type { Severity } from "../shared/protocol.js";
import { mark } from "./marks.js";
import { markOwnUi } from "./ui-host.js";

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const FLASH = "claimlint-flash";

// Shadow trees do not inherit the document's ::highlight rules (Firefox), so each open shadow
// root we highlight in gets the same rules (the content-script style sheet) as an adopted sheet.
import HIGHLIGHT_CSS from "../../static/content.css";

export class Highlighter {
  private readonly sets = new Map<Severity, Highlight>();
  private readonly flash = new Highlight();
  private readonly styled = new WeakSet<ShadowRoot>();
  private flashTimer = 0;
  private first = true;

  constructor() {
    SEVERITIES.forEach((severity, i) => {
      const h = new Highlight();
      h.priority = SEVERITIES.length - i;
      this.sets.set(severity, h);
      CSS.highlights.set(`claimlint-${severity}`, h);
    });
    this.flash.priority = 10;
    CSS.highlights.set(FLASH, this.flash);
  }

  add(severity: Severity, range: Range): void {
    if (this.first) {
      this.first = false;
      mark("first-highlight");
    }
    this.sets.get(severity)!.add(range);
  }

  delete(severity: Severity, range: Range): void {
    this.sets.get(severity)!.delete(range);
  }

  clear(): void {
    for (const h of this.sets.values()) h.clear();
    this.flash.clear();
  }

  styleShadowRoot(root: ShadowRoot): void {
    if (this.styled.has(root)) return;
    this.styled.add(root);
    const before = root.adoptedStyleSheets.length;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(HIGHLIGHT_CSS);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // Handled below.
    }
    if (root.adoptedStyleSheets.length > before) return;
    // Firefox content scripts cannot adopt their own sheets into the page's shadow roots (Xray
    // wrappers): a <style> element in the shadow root, marked as ours so the observer ignores it.
    const style = document.createElement("style");
    style.textContent = HIGHLIGHT_CSS;
    markOwnUi(style);
    root.append(style);
  }

  /** Briefly marks a range so the eye finds it after scrolling. */
  flashRange(range: Range): void {
    this.flash.clear();
    this.flash.add(range);
    clearTimeout(this.flashTimer);
    this.flashTimer = window.setTimeout(() => this.flash.clear(), 1600);
  }
}
