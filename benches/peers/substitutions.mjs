// The peers' rule set: substitutions.json, read once, turned into the same case-insensitive
// RegExps for every JavaScript checker (textlint-rule-prh and the naive highlighter).
import { readFileSync } from "node:fs";
import { phraseSource } from "./phrases.mjs";

export { phraseSource };

const DATA = new URL("./substitutions.json", import.meta.url);

/** [{rule, find, replace, source}]: `source` is the RegExp source for `find`. */
export function loadSubstitutions() {
  const { substitutions } = JSON.parse(readFileSync(DATA, "utf8"));
  return substitutions.map((s) => ({ ...s, source: phraseSource(s.find) }));
}

/** A prh dictionary (JSON is YAML) with one rule per substitution. */
export function prhDictionary(substitutions) {
  return JSON.stringify({
    version: 1,
    rules: substitutions.map((s) => ({ expected: s.replace, pattern: `/${s.source}/gi` })),
  }, null, 1);
}
