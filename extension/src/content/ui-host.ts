// The extension's own elements on the page (the suggestion card's host, the field overlays), so
// the collector and the mutation observer can ignore them: no feedback loop from our UI.

const own = new WeakSet<Node>();
/** Tag names of our own elements: the collector asks the WeakSet only for these. */
const ownNames = new Set<string>();

export function markOwnUi(node: Node): void {
  own.add(node);
  if (node instanceof Element) ownNames.add(node.localName);
}

export function isOwnUi(node: Node): boolean {
  return own.has(node);
}

/** isOwnUi for an element whose tag name the caller already has (no WeakSet lookup for page tags). */
export function isOwnElement(el: Element, name: string): boolean {
  return ownNames.has(name) && own.has(el);
}

/**
 * A host element of ours, fixed at the viewport's top left above the page (`z-index`), styled with
 * `!important` so page CSS cannot move it, holding a closed shadow root with `css`. The caller
 * fills the root and attaches the host.
 */
export function ownHost(tag: string, zIndex: number, css: string, extra: Record<string, string> = {}): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  markOwnUi(host);
  const style: Record<string, string> = { all: "initial", position: "fixed", top: "0", left: "0", "z-index": String(zIndex), ...extra };
  for (const [name, value] of Object.entries(style)) host.style.setProperty(name, value, "important");
  const root = host.attachShadow({ mode: "closed" });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    // Firefox content scripts cannot adopt their own sheets into the page's shadow roots.
    const element = document.createElement("style");
    element.textContent = css;
    root.append(element);
  }
  return { host, root };
}
