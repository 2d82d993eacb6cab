// Hovering a claim opens its card after a short delay, and leaving both the claim and the card
// closes it, as in the extension. Highlights get no pointer events (and the textarea lies over
// the mirror), so the pointer is tested against the claims' client rects.
import type { ClaimEditor, Claim } from "./editor.js";
import type { PlaygroundCard } from "./card.js";

const OPEN_MS = 250;
const CLOSE_MS = 400;

function within(range: Range, x: number, y: number): boolean {
  for (const r of range.getClientRects()) {
    if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
  }
  return false;
}

export function hoverCards(editor: ClaimEditor, card: PlaygroundCard): void {
  let openTimer = 0;
  let closeTimer = 0;
  let frame = 0;
  let x = 0;
  let y = 0;
  const claimAt = (): Claim | undefined => editor.claims.find((c) => within(c.range, x, y));

  const update = () => {
    frame = 0;
    if (card.contains(x, y)) {
      clearTimeout(closeTimer);
      closeTimer = 0;
      return;
    }
    const claim = claimAt();
    if (claim) {
      clearTimeout(closeTimer);
      closeTimer = 0;
      if (claim !== card.claim) {
        clearTimeout(openTimer);
        openTimer = window.setTimeout(() => card.open(claim, false), OPEN_MS);
      }
      return;
    }
    clearTimeout(openTimer);
    if (card.claim && !closeTimer) {
      closeTimer = window.setTimeout(() => {
        closeTimer = 0;
        // Not while the card holds the focus (a keyboard user is in it).
        if (!card.contains(x, y) && !card.focused) card.close(false);
      }, CLOSE_MS);
    }
  };

  addEventListener(
    "pointermove",
    (e) => {
      if (e.pointerType === "touch" || (!editor.claims.length && !card.claim)) return;
      x = e.clientX;
      y = e.clientY;
      frame ||= requestAnimationFrame(update);
    },
    { passive: true },
  );
}
