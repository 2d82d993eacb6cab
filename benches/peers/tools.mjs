// The checkers that run in Node, each behind the same two steps: `setup()` (load the tool and its
// rules; timed separately) returns `check(text)`, which finds what the tool finds in the whole
// text and returns how many findings it made.
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSubstitutions, prhDictionary } from "./substitutions.mjs";
import { naiveHighlighter } from "./phrases.mjs";

export const ROOT = new URL("../../", import.meta.url).pathname;
// CLAIMLINT_PKG: another wasm-bindgen output to compare (for example a build with other flags).
export const PKG = process.env.CLAIMLINT_PKG ?? join(ROOT, "extension", "pkg");
const WORK = join(ROOT, "target", "bench-peers");

export const TOOLS = {
  /** ClaimLint's Wasm engine (extension/pkg) with its compiled built-in pack: one `check` call. */
  "claimlint-wasm": async () => {
    const { initSync, Engine } = await import(join(PKG, "claimlint.js"));
    initSync({ module: readFileSync(join(PKG, "claimlint_bg.wasm")) });
    const engine = new Engine(readFileSync(join(PKG, "rules.bin")));
    return (text) => engine.check(text).length;
  },

  /** textlint (Node API) with textlint-rule-prh and the substitutions as its dictionary. */
  "textlint-prh": async () => {
    const { createLinter, loadTextlintrc } = await import("textlint");
    const dir = join(WORK, "textlint");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "prh.yml"), prhDictionary(loadSubstitutions()));
    const configFilePath = join(dir, ".textlintrc.json");
    writeFileSync(configFilePath, JSON.stringify({ rules: { prh: { rulePaths: ["./prh.yml"] } } }));
    const descriptor = await loadTextlintrc({ configFilePath, node_modulesDir: join(ROOT, "node_modules") });
    const linter = createLinter({ descriptor, cwd: dir });
    return async (text) => (await linter.lintText(text, join(dir, "corpus.txt"))).messages.length;
  },

  /** harper.js: a grammar checker with its own rules (spelling, grammar, style), plain text. */
  harper: async () => {
    const { LocalLinter, Dialect } = await import("harper.js");
    const { binary } = await import("harper.js/binary");
    const linter = new LocalLinter({ binary, dialect: Dialect.American });
    await linter.setup();
    return async (text) => (await linter.lint(text, { language: "plaintext" })).length;
  },

  /** write-good: its own style checks (passive voice, weasel words, ...), on the whole text. */
  "write-good": async () => {
    const { default: writeGood } = await import("write-good");
    return (text) => writeGood(text).length;
  },

  /**
   * A naive in-page highlighter: one case-insensitive RegExp per substitution, run over each
   * paragraph (the text nodes of a page), collecting every match with its replacement.
   */
  "naive-regexp": async () => naiveHighlighter(loadSubstitutions(), { perLine: true }),

  /** The same RegExps, each run once over the whole text: the naive approach at its fastest. */
  "naive-regexp-whole": async () => naiveHighlighter(loadSubstitutions(), { perLine: false }),
};
