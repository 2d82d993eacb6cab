// The extension's own elements on the page (only the suggestion card's host), so the collector
// and the mutation observer can ignore them: no feedback loop from our UI.

const own = new WeakSet<Node>();

export function markOwnUi(node: Node): void {
  own.add(node);
}

export function isOwnUi(node: Node): boolean {
  return own.has(node);
}
