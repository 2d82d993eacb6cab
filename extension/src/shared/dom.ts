// Small DOM helpers for the extension's own UI (card, popup). Text is only ever set with
// textContent, so page text shown in our UI can never become markup.

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Rule explanations are hard-wrapped; keep paragraphs, join lines. */
export const unwrap = (s: string): string => s.replace(/([^\n])\n(?!\n)/g, "$1 ");
