// Finds the highlight under the pointer (highlights receive no events): the caret position gives
// the text node, and the candidate ranges' client rects confirm the hit. Hover opens the card
// after a short delay, click opens it at once; leaving both claim and card closes it.
import type { Card, CardEntry } from "./card.js";
import type { Checker } from "./checker.js";

/** Findings drawn elsewhere than in the page's text (editors, field overlays): asked first. */
export interface HitSource {
  readonly hasEntries: boolean;
  entryAt(x: number, y: number): CardEntry | null;
}

const HOVER_OPEN_MS = 250;
const HOVER_CLOSE_MS = 400;
const SCAN_LIMIT = 400;

function within(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}

function textAt(x: number, y: number, roots: ShadowRoot[]): Text | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => CaretPosition | null;
  };
  let node: Node | null = null;
  if (doc.caretPositionFromPoint) node = doc.caretPositionFromPoint(x, y, { shadowRoots: roots })?.offsetNode ?? null;
  else node = document.caretRangeFromPoint?.(x, y)?.startContainer ?? null;
  return node && node.nodeType === Node.TEXT_NODE ? (node as Text) : null;
}

export class HitTester {
  private frame = 0;
  private openTimer = 0;
  private closeTimer = 0;
  private x = 0;
  private y = 0;

  constructor(
    private readonly checker: Checker,
    private readonly card: Card,
    private readonly shadowRoots: () => ShadowRoot[],
    /** False while the highlights are hidden (keyboard shortcut): nothing to hover then. */
    private readonly active: () => boolean,
    private readonly editors: HitSource,
  ) {
    // Only the user's own pointer: events a page script dispatches must not open or move the card.
    addEventListener("pointermove", (e) => e.isTrusted && this.moved(e), { passive: true, capture: true });
    addEventListener("click", (e) => e.isTrusted && this.clicked(e), { capture: true });
  }

  entryAt(x: number, y: number): CardEntry | null {
    if (!this.active()) return null;
    const inEditor = this.editors.hasEntries ? this.editors.entryAt(x, y) : null;
    if (inEditor) return inEditor;
    if (!this.checker.hasEntries) return null;
    const node = textAt(x, y, this.shadowRoots());
    if (node) {
      for (const e of this.checker.entriesAt(node)) if (within(e.range, x, y)) return e;
    }
    // Caret lookup can miss (shadow trees, edges of lines): a bounded scan of all ranges.
    const all = this.checker.shownEntries();
    if (all.length > SCAN_LIMIT) return null;
    for (const e of all) if (within(e.range, x, y)) return e;
    return null;
  }

  private moved(e: PointerEvent): void {
    if (!this.checker.enabled || e.pointerType === "touch" || (!this.checker.hasEntries && !this.editors.hasEntries && !this.card.entry)) return;
    this.x = e.clientX;
    this.y = e.clientY;
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.hover();
    });
  }

  private hover(): void {
    if (this.card.pointerInside || this.card.contains(this.x, this.y)) {
      clearTimeout(this.closeTimer);
      this.closeTimer = 0;
      return;
    }
    const entry = this.entryAt(this.x, this.y);
    if (entry) {
      clearTimeout(this.closeTimer);
      this.closeTimer = 0;
      if (entry !== this.card.entry) {
        clearTimeout(this.openTimer);
        this.openTimer = window.setTimeout(() => this.card.open(entry, false), HOVER_OPEN_MS);
      }
      return;
    }
    clearTimeout(this.openTimer);
    if (this.card.entry && !this.closeTimer) {
      this.closeTimer = window.setTimeout(() => {
        this.closeTimer = 0;
        if (!this.card.pointerInside) this.card.close();
      }, HOVER_CLOSE_MS);
    }
  }

  private clicked(e: MouseEvent): void {
    if (!this.checker.enabled) return;
    if (this.card.contains(e.clientX, e.clientY)) return;
    const entry = this.entryAt(e.clientX, e.clientY);
    clearTimeout(this.openTimer);
    if (entry) this.card.open(entry, false);
    else if (this.card.entry) this.card.close();
  }
}
