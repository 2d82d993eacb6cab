// The substitutions as RegExps, and the naive highlighter built on them. No Node APIs: the same
// module runs in Node (tools.mjs) and in the Chromium benchmark page (page.mjs).

const escape = (word) => word.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Words joined by any run of whitespace (NBSP included) or hyphens, whole words only. */
export function phraseSource(phrase) {
  const words = phrase.trim().split(/\s+/).map(escape).join("[\\s-]+");
  const start = /^\w/.test(phrase) ? "\\b" : "";
  const end = /\w$/.test(phrase) ? "\\b" : "";
  return `${start}${words}${end}`;
}

/**
 * A naive in-page highlighter: one case-insensitive RegExp per substitution, run over each line
 * (`perLine`, as over the text nodes of a page) or once over the whole text, collecting every
 * match with its replacement. Returns check(text) -> number of matches.
 */
export function naiveHighlighter(substitutions, { perLine }) {
  const rules = substitutions.map((s) => ({ re: new RegExp(phraseSource(s.find), "gi"), replace: s.replace }));
  const scan = (text, offset, found) => {
    for (const { re, replace } of rules) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        found.push({ start: offset + m.index, end: offset + m.index + m[0].length, replace });
      }
    }
  };
  return (text) => {
    const found = [];
    if (!perLine) {
      scan(text, 0, found);
      return found.length;
    }
    let offset = 0;
    for (const line of text.split("\n")) {
      scan(line, offset, found);
      offset += line.length + 1;
    }
    return found.length;
  };
}
