// Draws findings with the CSS Custom Highlight API: one highlight per severity, named
// claimlint-<severity>. The page's DOM is never touched; only Range objects are registered.
import type { Severity } from "../shared/protocol.js";
import { mark } from "../shared/marks.js";
import { markOwnUi } from "./ui-host.js";

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const FLASH = "claimlint-flash";

// Shadow trees do not inherit the document's ::highlight rules (Firefox), so each open shadow
// root we highlight in gets the same rules (the content-script style sheet) as an adopted sheet.
import HIGHLIGHT_CSS from "../../static/content.css";
import { appearanceCss } from "./appearance.js";
import type { Colors, HighlightStyle } from "../shared/settings.js";

export class Highlighter {
  private readonly sets = new Map<Severity, Highlight>();
  private readonly flash = new Highlight();
  private readonly styled = new WeakSet<ShadowRoot>();
  private flashTimer = 0;
  private first = true;
  /** While held, changes wait here and reach CSS.highlights together (one repaint, not one per slice). */
  private pending: [boolean, Severity, Range][] | null = null;
  private visible = true;
  /** The user's style and colours (settings); adopted only once they differ from content.css. */
  private userSheet: CSSStyleSheet | null = null;
  private readonly userRoots: (Document | ShadowRoot)[] = [];

  constructor() {
    SEVERITIES.forEach((severity, i) => {
      const h = new Highlight();
      h.priority = SEVERITIES.length - i;
      this.sets.set(severity, h);
    });
    this.flash.priority = 10;
    this.register();
  }

  private register(): void {
    for (const [severity, h] of this.sets) CSS.highlights.set(`claimlint-${severity}`, h);
    CSS.highlights.set(FLASH, this.flash);
  }

  /** Shows or hides every highlight of this frame (keyboard shortcut); findings are kept. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    if (visible) this.register();
    else for (const severity of SEVERITIES) CSS.highlights.delete(`claimlint-${severity}`);
  }

  get isVisible(): boolean {
    return this.visible;
  }

  /** Applies the highlight style and colours chosen in the options page. */
  setAppearance(style: HighlightStyle, colors: Colors): void {
    const css = appearanceCss(style, colors);
    if (!css && !this.userSheet) return; // the defaults: content.css already draws them
    try {
      if (!this.userSheet) {
        this.userSheet = new CSSStyleSheet();
        this.adoptUserSheet(document);
        for (const root of this.userRoots) this.adoptUserSheet(root);
      }
      this.userSheet.replaceSync(css);
    } catch {
      // Firefox content scripts cannot adopt their own sheets (Xray wrappers): default look.
    }
  }

  private adoptUserSheet(root: Document | ShadowRoot): void {
    if (!this.userSheet || root.adoptedStyleSheets.includes(this.userSheet)) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.userSheet];
  }

  add(severity: Severity, range: Range): void {
    if (this.pending) this.pending.push([true, severity, range]);
    else this.apply(true, severity, range);
  }

  delete(severity: Severity, range: Range): void {
    if (this.pending) this.pending.push([false, severity, range]);
    else this.apply(false, severity, range);
  }

  private apply(add: boolean, severity: Severity, range: Range): void {
    if (!add) {
      this.sets.get(severity)!.delete(range);
      return;
    }
    if (this.first) {
      this.first = false;
      mark("first-highlight");
    }
    this.sets.get(severity)!.add(range);
  }

  /**
   * Holds changes until `release`: every change to a registered highlight makes the browser
   * repaint the whole document at its next frame, so a check spread over many slices would
   * otherwise pay one full repaint per slice.
   */
  hold(): void {
    this.pending ??= [];
  }

  release(): void {
    const pending = this.pending;
    this.pending = null;
    if (pending) for (const [add, severity, range] of pending) this.apply(add, severity, range);
  }

  clear(): void {
    if (this.pending) this.pending.length = 0;
    for (const h of this.sets.values()) h.clear();
    this.flash.clear();
  }

  styleShadowRoot(root: ShadowRoot): void {
    if (this.styled.has(root)) return;
    this.styled.add(root);
    this.userRoots.push(root);
    try {
      this.adoptUserSheet(root);
    } catch {
      // As in setAppearance.
    }
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
