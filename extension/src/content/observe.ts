// Watches the page for text changes (SPA routes, infinite scroll, late content, shown/hidden
// sections) and hands the changed parts to the checker in batches, once per idle period.
// Mutations of the extension's own UI are ignored, so showing a card never triggers a re-check.
import type { Dirty } from "./checker.js";
import { hiddenElements, isInline, ownerOf } from "./collect.js";
import { isOwnUi } from "./ui-host.js";

const ATTRIBUTES = ["class", "style", "hidden", "open", "aria-hidden"];

function insideOwnUi(node: Node): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) if (isOwnUi(n)) return true;
  return false;
}

export class Observer {
  private readonly observer: MutationObserver;
  private dirty: Dirty = { shallow: new Set(), deep: new Set(), gone: new Set() };
  private scheduled = false;
  private running = false;
  private readonly roots = new WeakSet<Node>();
  private attributes = new Set<Element>();

  constructor(private readonly flush: (dirty: Dirty) => Promise<void>) {
    this.observer = new MutationObserver((records) => this.record(records));
  }

  /** Observes a document or an open shadow root. */
  watch(root: Node): void {
    if (this.roots.has(root)) return;
    this.roots.add(root);
    this.observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
  }

  disconnect(): void {
    this.observer.disconnect();
  }

  private record(records: MutationRecord[]): void {
    const d = this.dirty;
    for (const r of records) {
      if (insideOwnUi(r.target)) continue;
      if (r.type === "characterData") {
        d.shallow.add(ownerOf(r.target));
      } else if (r.type === "childList") {
        let relevant = false;
        for (const n of r.addedNodes) {
          if (isOwnUi(n)) continue;
          relevant = true;
          if (n.nodeType === Node.ELEMENT_NODE) d.deep.add(n);
        }
        for (const n of r.removedNodes) {
          if (isOwnUi(n)) continue;
          relevant = true;
          if (n.nodeType === Node.ELEMENT_NODE) d.gone.add(n);
        }
        if (relevant) d.shallow.add(ownerOf(r.target));
      } else if (r.target.nodeType === Node.ELEMENT_NODE) {
        // Visibility is read later, in the idle callback, not once per mutation record.
        this.attributes.add(r.target as Element);
      }
    }
    this.schedule();
  }

  /** Only visibility matters: a hidden section shown (SPA route, "read more") or a shown one hidden. */
  private visibilityChanged(el: Element, d: Dirty): void {
    if (!el.isConnected) return;
    const visible = !el.hasAttribute("hidden") && el.checkVisibility({ visibilityProperty: true });
    if (visible && hiddenElements.has(el)) {
      hiddenElements.delete(el);
      d.deep.add(el);
      if (isInline(el)) d.shallow.add(ownerOf(el));
    } else if (!visible && !hiddenElements.has(el) && getComputedStyle(el).display !== "contents") {
      hiddenElements.add(el);
      d.gone.add(el);
      if (isInline(el)) d.shallow.add(ownerOf(el));
    }
  }

  private schedule(): void {
    const d = this.dirty;
    if (this.scheduled || (!d.shallow.size && !d.deep.size && !d.gone.size && !this.attributes.size)) return;
    this.scheduled = true;
    const run = () => void this.run();
    if ("requestIdleCallback" in window) requestIdleCallback(run, { timeout: 500 });
    else requestAnimationFrame(() => setTimeout(run, 0));
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    if (this.running) {
      // One update at a time; what arrived meanwhile waits for the next idle period.
      this.schedule();
      return;
    }
    const dirty = this.dirty;
    this.dirty = { shallow: new Set(), deep: new Set(), gone: new Set() };
    for (const el of this.attributes) this.visibilityChanged(el, dirty);
    this.attributes = new Set();
    // A subtree removed and not put back is gone; one moved is re-read where it is now.
    for (const n of dirty.gone) if (!n.isConnected) dirty.deep.delete(n);
    this.running = true;
    try {
      await this.flush(dirty);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
