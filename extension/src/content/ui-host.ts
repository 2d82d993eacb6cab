// The extension's own elements on the page (only the suggestion card's host), so the collector
// and the mutation observer can ignore them: no feedback loop from our UI.

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
