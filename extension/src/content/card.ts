// The suggestion card: the claim, why it is inaccurate (with "learn more"), suggestions with copy
// buttons, and the ignore choices. It lives in a closed shadow root so page CSS and scripts cannot
// reach or break it; every piece of page or rule text is set with textContent.
import CARD_CSS from "./card.css";
import { markOwnUi } from "./ui-host.js";
import type { Entry } from "./checker.js";
import { el, unwrap } from "../shared/dom.js";

export interface CardActions {
  ignoreHere(entry: Entry): void;
  ignoreSite(entry: Entry): void;
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
  private current: Entry | null = null;
  private hovered = false;
  private readonly reposition = () => this.place();
  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") this.close();
  };

  constructor(private readonly actions: CardActions) {}

  get entry(): Entry | null {
    return this.current;
  }

  get pointerInside(): boolean {
    return this.hovered;
  }

  private ensureHost(): ShadowRoot {
    if (this.host?.isConnected && this.root) return this.root;
    const host = document.createElement("claimlint-card");
    markOwnUi(host);
    const s = host.style;
    s.setProperty("all", "initial", "important");
    s.setProperty("position", "fixed", "important");
    s.setProperty("z-index", "2147483647", "important");
    s.setProperty("top", "0", "important");
    s.setProperty("left", "0", "important");
    const root = host.attachShadow({ mode: "closed" });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CARD_CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(el("style", undefined, CARD_CSS));
    }
    host.addEventListener("pointerenter", () => (this.hovered = true));
    host.addEventListener("pointerleave", () => (this.hovered = false));
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    return root;
  }

  open(entry: Entry, focus: boolean): void {
    if (this.current === entry && this.host?.isConnected) {
      if (focus) this.focusFirst();
      return;
    }
    const root = this.ensureHost();
    this.current = entry;
    const f = entry.finding;
    root.querySelector(".card")?.remove();

    const card = el("div", `card ${f.severity}${onDarkBackground(entry.range.startContainer) ? " dark" : ""}`);
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", "ClaimLint suggestion");

    const head = el("div", "head");
    head.append(el("span", "badge", f.severity === "error" ? "Inaccurate claim" : f.severity === "warning" ? "Questionable claim" : "Note"));
    const close = el("button", "close", "×");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => this.close());
    head.append(close);

    const claim = el("p", "claim");
    claim.append(el("span", "quote", `“${f.text}”`));

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
      const text = el("span", "replacement", s.replacement);
      li.append(text);
      if (s.label) li.append(el("span", "label", s.label));
      const copy = el("button", "copy", "Copy");
      copy.setAttribute("aria-label", `Copy “${s.replacement}”`);
      copy.addEventListener("click", async () => {
        const ok = await copyText(s.replacement, root);
        copy.textContent = ok ? "Copied" : "Copy failed";
        setTimeout(() => (copy.textContent = "Copy"), 1500);
      });
      li.append(copy);
      list.append(li);
    }

    const actions = el("div", "actions");
    const here = el("button", "ignore-here", "Ignore here");
    here.title = "Hide this claim at this place";
    here.addEventListener("click", () => {
      this.actions.ignoreHere(entry);
      this.close();
    });
    const site = el("button", "ignore-site", "Ignore on this site");
    site.title = `Hide every “${f.rule}” finding on this site`;
    site.addEventListener("click", () => {
      this.actions.ignoreSite(entry);
      this.close();
    });
    actions.append(here, site);

    card.append(head, claim, why, more, explanation);
    if (f.suggestions.length) card.append(el("p", "try", "Try instead"), list);
    card.append(actions);
    root.append(card);
    this.place();
    addEventListener("scroll", this.reposition, { passive: true, capture: true });
    addEventListener("resize", this.reposition, { passive: true });
    addEventListener("keydown", this.onKey, true); // Escape closes, wherever the focus is
    if (focus) this.focusFirst();
  }

  private focusFirst(): void {
    // The first suggestion's copy button is the likely next step.
    ((this.root?.querySelector(".copy") ?? this.root?.querySelector(".more")) as HTMLElement | null)?.focus();
  }

  close(): void {
    this.current = null;
    this.hovered = false;
    this.root?.querySelector(".card")?.remove();
    removeEventListener("scroll", this.reposition, { capture: true });
    removeEventListener("resize", this.reposition);
    removeEventListener("keydown", this.onKey, true);
  }

  /** Next to the claim: below it, or above when there is no room below. */
  private place(): void {
    const card = this.root?.querySelector(".card") as HTMLElement | null;
    if (!card || !this.current) return;
    const rects = this.current.range.getClientRects();
    const anchor = rects[0] ?? this.current.range.getBoundingClientRect();
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
