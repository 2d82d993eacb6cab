// UI text from _locales (chrome.i18n picks the browser's language, English when a message is missing).
// Pages mark static text with a data-i18n attribute naming the message (and data-i18n-aria-label, -title, -placeholder).

export function t(key: string, substitutions?: string | string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/** "1 claim" / "3 claims": one message per form (`key_one`, `key_other`), $1 is the number. */
export function plural(key: string, n: number): string {
  return t(n === 1 ? `${key}_one` : `${key}_other`, String(n));
}

export function localize(root: ParentNode): void {
  for (const e of root.querySelectorAll<HTMLElement>("[data-i18n]")) e.textContent = t(e.dataset.i18n!);
  for (const [data, attr] of [["i18nAriaLabel", "aria-label"], ["i18nTitle", "title"], ["i18nPlaceholder", "placeholder"]] as const) {
    const selector = `[data-${data.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())}]`;
    for (const e of root.querySelectorAll<HTMLElement>(selector)) e.setAttribute(attr, t(e.dataset[data]!));
  }
  if (root instanceof Document) root.documentElement.lang = chrome.i18n.getUILanguage();
}
