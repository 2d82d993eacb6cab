// Builds the website into dist/www/: the playground (TypeScript bundled by esbuild, the Wasm
// engine and compiled rule pack from extension/pkg/), the rule catalog generated from
// `claimlint rules --format json`, and the CLI and rule-pack docs rendered from docs/cli.md and
// rules/README.md.
// Needs target/release/claimlint (`make build`), extension/pkg/ (`make wasm`) and the extension
// zips (`npm run build`); CLAIMLINT_BIN points at another binary.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { page, raw } from "./html.mjs";
import { catalogBody } from "./catalog.mjs";
import { markdown } from "./markdown.mjs";
import { icon } from "../../extension/build/icons.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const www = join(root, "www");
const out = join(root, "dist", "www");
const pkg = join(root, "extension", "pkg");
const bin = process.env.CLAIMLINT_BIN ?? join(root, "target", "release", "claimlint");

const needed = [
  [bin, "run `make build`"],
  [join(pkg, "claimlint.js"), "run `make wasm`"],
  [join(pkg, "claimlint_bg.wasm"), "run `make wasm`"],
  [join(pkg, "rules.bin"), "run `make wasm`"],
  [join(root, "dist", "claimlint-chromium.zip"), "run `npm run build`"],
  [join(root, "dist", "claimlint-firefox.zip"), "run `npm run build`"],
];
for (const [path, fix] of needed) {
  if (!existsSync(path)) {
    console.error(`missing ${path.slice(root.length + 1)}: ${fix} first`);
    process.exit(1);
  }
}

const rules = JSON.parse(execFileSync(bin, ["rules", "--format", "json"], { cwd: root, encoding: "utf8" }));
if (!rules.length || !rules.every((r) => r.examples && "governed_by" in r)) {
  console.error(`${bin} does not list examples and governing bodies: rebuild it (\`make build\`)`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "pkg"), { recursive: true });
mkdirSync(join(out, "downloads"), { recursive: true });

await build({
  entryPoints: { playground: join(www, "src/playground.ts"), catalog: join(www, "src/catalog.ts") },
  outdir: join(out, "js"),
  bundle: true,
  format: "esm",
  target: ["chrome121", "firefox140", "safari17"],
  minify: !process.env.CLAIMLINT_DEBUG,
  charset: "utf8",
  legalComments: "none",
  loader: { ".css": "text" },
  define: { CLAIMLINT_TIMING: "false" },
  // The glue only reads import.meta.url when no module bytes are passed; loadChecker passes them.
  logOverride: { "empty-import-meta": "silent" },
  logLevel: "warning",
});

for (const f of ["claimlint_bg.wasm", "rules.bin"]) cpSync(join(pkg, f), join(out, "pkg", f));
for (const b of ["chromium", "firefox"]) cpSync(join(root, "dist", `claimlint-${b}.zip`), join(out, "downloads", `claimlint-${b}.zip`));
cpSync(join(www, "static", "site.css"), join(out, "site.css"));
// The highlight colors are the extension's own, under the playground's highlight names too.
const highlightCss = readFileSync(join(root, "extension", "static", "content.css"), "utf8");
writeFileSync(
  join(out, "highlight.css"),
  highlightCss + highlightCss.replace(/\/\*[\s\S]*?\*\/\s*/, "").replace(/::highlight\(claimlint-(error|warning|info)\)/g, "::highlight(claimlint-playground-$1)"),
);
writeFileSync(join(out, "icon.png"), icon(32));

/** Links in the rendered docs: web links stay; links to docs the site renders point to them. */
const DOC_PAGES = { "../rules/README.md": "rule-packs.html", "rules/README.md": "rule-packs.html", "docs/cli.md": "cli.html" };
const docLink = (href) => (/^https?:|^#/.test(href) ? href : (DOC_PAGES[href] ?? null));

const pages = {
  "index.html": page({
    file: "index.html",
    title: "ClaimLint: find inaccurate compliance claims (SOC 2, ISO 27001, HIPAA, PCI DSS)",
    description:
      "ClaimLint flags inaccurate compliance claims such as “SOC 2 certified” and suggests accurate wording. Try it in the browser, read every rule, install the extension.",
    body: raw(readFileSync(join(www, "pages", "home.html"), "utf8")),
    scripts: ["js/playground.js"],
  }),
  "rules.html": page({
    file: "rules.html",
    title: `ClaimLint rules: all ${rules.length} rules by framework`,
    description: `The ${rules.length} ClaimLint rules: why each wording is inaccurate, who governs the term, what is flagged and what is not, and the accurate wording to use.`,
    body: catalogBody(rules),
    scripts: ["js/catalog.js"],
  }),
  "rule-packs.html": page({
    file: "rule-packs.html",
    title: "ClaimLint rule packs: write your own rules in TOML",
    description: "The ClaimLint rule pack format: patterns, macros, suggestions, must-flag and must-not-flag examples, and the use-versus-mention cues.",
    body: raw(`<article class="doc">${markdown(readFileSync(join(root, "rules", "README.md"), "utf8"), { link: docLink })}</article>`),
  }),
  "cli.html": page({
    file: "cli.html",
    title: "ClaimLint command line: check, rules, explain; JSON and SARIF output",
    description: "How to run the claimlint command line: options, file types, exit codes, human, JSON and SARIF output.",
    body: raw(
      `<article class="doc">${markdown(readFileSync(join(root, "docs", "cli.md"), "utf8"), { link: docLink })}</article>`,
    ),
  }),
};
for (const [name, content] of Object.entries(pages)) writeFileSync(join(out, name), content);

// The service worker caches every file of the site except the downloads; its version changes
// with their contents, so a rebuilt site replaces the old cache.
const cached = ["./", ...listFiles(out).filter((f) => !f.startsWith("downloads/"))];
const version = createHash("sha256");
for (const f of cached.slice(1)) version.update(f).update(readFileSync(join(out, f)));
writeFileSync(
  join(out, "sw.js"),
  readFileSync(join(www, "static", "sw.js"), "utf8")
    .replace('"__VERSION__"', JSON.stringify(version.digest("hex").slice(0, 16)))
    .replace("__FILES__", JSON.stringify(cached)),
);

function listFiles(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

const kb = (p) => (statSync(join(out, p)).size / 1024).toFixed(1) + " KB";
console.log(
  `dist/www: ${rules.length} rules; ${["index.html", "rules.html", "cli.html", "rule-packs.html", "js/playground.js", "js/catalog.js", "pkg/claimlint_bg.wasm"].map((p) => `${p} ${kb(p)}`).join(", ")}`,
);
