// The playground's suggestion card: the extension's card (same styles, same parts: the claim,
// why, "learn more", suggestions with copy) plus "Apply", which edits the playground's text.
// It lives in a shadow root so the site's styles and the card's cannot collide.
import CARD_CSS from "../../extension/src/content/card.css";
import { el, unwrap } from "../../extension/src/shared/dom.js";
import type { Claim } from "./editor.js";

// Apply is the playground's primary action; the rest of the look is the extension's.
const APPLY_CSS = `
.apply { background: #1a7f37; border-color: #1a7f37; color: #ffffff; font-weight: 600; }
.apply:hover { background: #116329; }
.rule-link { font-size: 12px; color: #0969da; margin-left: auto; align-self: center; }
`;

export interface CardHandlers {
  apply(claim: Claim, replacement: string): void;
}

export class PlaygroundCard {
  private readonly root: ShadowRoot;
  private current: Claim | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(host: HTMLElement, private readonly handlers: CardHandlers) {
    this.root = host.attachShadow({ mode: "open" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS + APPLY_CSS);
    this.root.adoptedStyleSheets = [sheet];
    addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.current) this.close();
    });
    addEventListener("resize", () => this.place());
    addEventListener("scroll", () => this.place(), { passive: true });
  }

  get claim(): Claim | null {
    return this.current;
  }

  /** True when the focus is inside the card. */
  get focused(): boolean {
    return this.root.activeElement !== null;
  }

  /** True when (x, y) is over the card. */
  contains(x: number, y: number): boolean {
    const r = this.root.querySelector(".card")?.getBoundingClientRect();
    return !!r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }

  open(claim: Claim, focus: boolean): void {
    this.current = claim;
    this.returnFocus = focus && document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const f = claim.finding;
    this.root.querySelector(".card")?.remove();

    const card = el("div", `card ${f.severity}`);
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", "ClaimLint suggestion");

    const head = el("div", "head");
    head.append(el("span", "badge", f.severity === "error" ? "Inaccurate claim" : f.severity === "warning" ? "Questionable claim" : "Note"));
    const close = el("button", "close", "×");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => this.close());
    head.append(close);

    const claimText = el("p", "claim");
    claimText.append(el("span", "quote", `“${f.text}”`));
    const why = el("p", "why", f.message);
    const more = el("button", "more", "Learn more");
    more.setAttribute("aria-expanded", "false");
    const explanation = el("p", "explanation", unwrap(f.explanation));
    explanation.hidden = true;
    more.addEventListener("click", () => {
      explanation.hidden = !explanation.hidden;
      more.setAttribute("aria-expanded", String(!explanation.hidden));
      more.textContent = explanation.hidden ? "Learn more" : "Show less";
      this.place();
    });

    const list = el("ul", "suggestions");
    for (const s of f.suggestions) {
      const li = el("li", "suggestion");
      li.append(el("span", "replacement", s.replacement));
      if (s.label) li.append(el("span", "label", s.label));
      const apply = el("button", "apply", "Apply");
      apply.setAttribute("aria-label", `Apply “${s.replacement}”`);
      apply.addEventListener("click", () => {
        this.close(false);
        this.handlers.apply(claim, s.replacement);
      });
      const copy = el("button", "copy", "Copy");
      copy.setAttribute("aria-label", `Copy “${s.replacement}”`);
      copy.addEventListener("click", async () => {
        const ok = await navigator.clipboard.writeText(s.replacement).then(
          () => true,
          () => false,
        );
        copy.textContent = ok ? "Copied" : "Copy failed";
        setTimeout(() => (copy.textContent = "Copy"), 1500);
      });
      li.append(apply, copy);
      list.append(li);
    }

    const actions = el("div", "actions");
    const rule = el("a", "rule-link", `Rule ${f.rule}`);
    rule.href = `rules.html#${encodeURIComponent(f.rule)}`;
    actions.append(rule);

    card.append(head, claimText, why, more, explanation);
    if (f.suggestions.length) card.append(el("p", "try", "Try instead"), list);
    card.append(actions);
    this.root.append(card);
    this.place();
    if (focus) (this.root.querySelector<HTMLElement>(".apply") ?? more).focus();
  }

  /** Closes the card; focus goes back where it came from when the card had taken it. */
  close(restoreFocus = true): void {
    this.current = null;
    this.root.querySelector(".card")?.remove();
    if (restoreFocus) this.returnFocus?.focus();
    this.returnFocus = null;
  }

  /** Below the claim, or above it when there is no room below (as in the extension). */
  private place(): void {
    const card = this.root.querySelector<HTMLElement>(".card");
    if (!card || !this.current) return;
    const anchor = this.current.range.getClientRects()[0] ?? this.current.range.getBoundingClientRect();
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const vw = document.documentElement.clientWidth;
    let top = anchor.bottom + 6;
    if (top + h > innerHeight - 4 && anchor.top - h - 6 > 4) top = anchor.top - h - 6;
    const left = Math.max(4, Math.min(anchor.left, vw - w - 4));
    card.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }
}
