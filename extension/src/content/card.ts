// The suggestion card: the claim, why it is inaccurate (with "learn more"), suggestions with copy
// buttons, and the ignore choices. It lives in a closed shadow root so page CSS and scripts cannot
// reach or break it; every piece of page or rule text is set with textContent.
import CARD_CSS from "./card.css";
import { ownHost } from "./ui-host.js";
import { el, unwrap } from "../shared/dom.js";
import { plural, t } from "../shared/i18n.js";
import type { CheckedFinding } from "../shared/protocol.js";

/** What the card shows: a finding on the page (checker.ts) or in an editor (editors/). */
export interface CardEntry {
  finding: CheckedFinding;
  range: Range;
  key: string;
  /** Only for findings in editors: replaces the claim with a suggestion. */
  apply?(replacement: string): Promise<boolean>;
}

export interface CardActions {
  ignoreHere(entry: CardEntry): void;
  ignoreSite(entry: CardEntry): void;
}

async function copyText(text: string, scratch: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Insecure pages have no async clipboard; a selection inside our own shadow root still copies.
    const area = el("textarea");
    area.value = text;
    scratch.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** True when the text around `node` sits on a dark background, so the card matches the page. */
function onDarkBackground(node: Node): boolean {
  for (let e: Element | null = node.parentElement; e; e = e.parentElement) {
    const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(getComputedStyle(e).backgroundColor);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
  }
  return matchMedia("(prefers-color-scheme: dark)").matches && getComputedStyle(document.documentElement).colorScheme.includes("dark");
}

export class Card {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private current: CardEntry | null = null;
  /** What the card is placed next to: the claim, or the checked selection. */
  private anchor: Range | Element | null = null;
  private hovered = false;
  private readonly reposition = () => this.place();
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && e.isTrusted) this.close(); // a page's synthetic key does not close it
  };

  constructor(private readonly actions: CardActions) {}

  get entry(): CardEntry | null {
    return this.current;
  }

  get pointerInside(): boolean {
    return this.hovered;
  }

  private ensureHost(): ShadowRoot {
    if (this.host?.isConnected && this.root) return this.root;
    const { host, root } = ownHost("claimlint-card", 2147483647, CARD_CSS);
    host.addEventListener("pointerenter", () => (this.hovered = true));
    host.addEventListener("pointerleave", () => (this.hovered = false));
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    return root;
  }

  open(entry: CardEntry, focus: boolean): void {
    if (this.current === entry && this.host?.isConnected) {
      if (focus) this.focusFirst();
      return;
    }
    const root = this.ensureHost();
    this.current = entry;
    this.anchor = entry.range;
    const f = entry.finding;
    root.querySelector(".card")?.remove();

    const card = el("div", `card ${f.severity}${onDarkBackground(entry.range.startContainer) ? " dark" : ""}`);
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", t("cardLabel"));
    const head = el("div", "head");
    head.append(el("span", "badge", severityTitle(f.severity)), this.closeButton());

    const actions = el("div", "actions");
    const here = el("button", "ignore-here", t("ignoreHere"));
    here.title = t("ignoreHereTitle");
    here.addEventListener("click", () => {
      this.actions.ignoreHere(entry);
      this.close();
    });
    const site = el("button", "ignore-site", t("ignoreSite"));
    site.title = t("ignoreSiteTitle", f.rule);
    site.addEventListener("click", () => {
      this.actions.ignoreSite(entry);
      this.close();
    });
    actions.append(here, site);

    card.append(head, ...this.findingParts(f, root, entry.apply), actions);
    this.show(root, card, focus);
  }

  /** Findings of a selection checked from the context menu, listed in one card next to it. */
  openSelection(findings: CheckedFinding[], anchor: Range | Element | null): void {
    const root = this.ensureHost();
    this.current = null;
    this.anchor = anchor;
    root.querySelector(".card")?.remove();
    const card = el("div", `card selection ${findings[0]?.severity ?? "clean"}${anchor && onDarkBackground(anchor instanceof Range ? anchor.startContainer : anchor) ? " dark" : ""}`);
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", t("selectionLabel"));
    const head = el("div", "head");
    head.append(el("span", "badge", findings.length ? plural("selectionFound", findings.length) : t("selectionClean")), this.closeButton());
    card.append(head);
    const list = el("ol", "selection-findings");
    for (const f of findings) {
      const li = el("li", `selection-finding ${f.severity}`);
      li.dataset.rule = f.rule;
      li.append(el("span", "severity", severityTitle(f.severity)), ...this.findingParts(f, root));
      list.append(li);
    }
    if (findings.length) card.append(list);
    this.show(root, card, true);
  }

  private closeButton(): HTMLButtonElement {
    const close = el("button", "close", "×");
    close.setAttribute("aria-label", t("close"));
    close.addEventListener("click", () => this.close());
    return close;
  }

  /**
   * The claim, why it is inaccurate (with "learn more") and the suggestions with copy buttons;
   * in an editor (`apply`) each suggestion also has "Apply", and the suggestions come first
   * (the fix is the next step, and a small editor frame clips the rest).
   */
  private findingParts(f: CheckedFinding, root: ShadowRoot, apply?: (replacement: string) => Promise<boolean>): HTMLElement[] {
    const claim = el("p", "claim");
    claim.append(el("span", "quote", `“${f.text}”`));

    const why = el("p", "why", f.message);
    const more = el("button", "more", t("learnMore"));
    more.setAttribute("aria-expanded", "false");
    const explanation = el("p", "explanation", unwrap(f.explanation));
    explanation.hidden = true;
    more.addEventListener("click", () => {
      explanation.hidden = !explanation.hidden;
      more.setAttribute("aria-expanded", String(!explanation.hidden));
      more.textContent = explanation.hidden ? t("learnMore") : t("showLess");
      this.place();
    });

    const list = el("ul", "suggestions");
    for (const s of f.suggestions) {
      const li = el("li", "suggestion");
      const text = el("span", "replacement", s.replacement);
      li.append(text);
      if (s.label) li.append(el("span", "label", s.label));
      if (apply) {
        const button = el("button", "apply", t("apply"));
        button.setAttribute("aria-label", t("applyThis", s.replacement));
        button.addEventListener("click", async () => {
          this.close();
          await apply(s.replacement);
        });
        li.append(button);
      }
      const copy = el("button", "copy", t("copy"));
      copy.setAttribute("aria-label", t("copyThis", s.replacement));
      copy.addEventListener("click", async () => {
        const ok = await copyText(s.replacement, root);
        copy.textContent = ok ? t("copied") : t("copyFailed");
        setTimeout(() => (copy.textContent = t("copy")), 1500);
      });
      li.append(copy);
      list.append(li);
    }
    if (!f.suggestions.length) return [claim, why, more, explanation];
    const suggestions = [el("p", "try", t("tryInstead")), list];
    return apply ? [claim, ...suggestions, why, more, explanation] : [claim, why, more, explanation, ...suggestions];
  }

  private show(root: ShadowRoot, card: HTMLElement, focus: boolean): void {
    root.append(card);
    this.place();
    addEventListener("scroll", this.reposition, { passive: true, capture: true });
    addEventListener("resize", this.reposition, { passive: true });
    addEventListener("keydown", this.onKey, true); // Escape closes, wherever the focus is
    if (focus) this.focusFirst();
  }

  private focusFirst(): void {
    // The first suggestion's apply (in an editor) or copy button is the likely next step.
    ((this.root?.querySelector(".apply, .copy") ?? this.root?.querySelector(".more") ?? this.root?.querySelector(".close")) as HTMLElement | null)?.focus();
  }

  close(): void {
    this.current = null;
    this.anchor = null;
    this.hovered = false;
    this.root?.querySelector(".card")?.remove();
    removeEventListener("scroll", this.reposition, { capture: true });
    removeEventListener("resize", this.reposition);
    removeEventListener("keydown", this.onKey, true);
  }

  /** Next to the claim: below it, or above when there is no room below. */
  private place(): void {
    const card = this.root?.querySelector(".card") as HTMLElement | null;
    if (!card) return;
    const rects = this.anchor?.getClientRects();
    const anchor = rects?.[0] ?? this.anchor?.getBoundingClientRect() ?? new DOMRect(8, 8, 0, 0);
    const w = card.offsetWidth;
    const h = card.offsetHeight;
    const vw = document.documentElement.clientWidth || innerWidth;
    const vh = innerHeight;
    let top = anchor.bottom + 6;
    if (top + h > vh - 4 && anchor.top - h - 6 > 4) top = anchor.top - h - 6;
    const left = Math.max(4, Math.min(anchor.left, vw - w - 4));
    card.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  /** True when (x, y) is over the card. */
  contains(x: number, y: number): boolean {
    const card = this.root?.querySelector(".card");
    if (!card) return false;
    const r = card.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }
}

function severityTitle(severity: CheckedFinding["severity"]): string {
  return t(severity === "error" ? "severityError" : severity === "warning" ? "severityWarning" : "severityInfo");
}
