// Builds the extension for both browsers: dist/{chromium,firefox}/ unpacked and
// dist/claimlint-{chromium,firefox}.zip. Needs extension/pkg/ (run `make wasm` first).
import { build } from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { manifest } from "./manifest.mjs";
import { icon } from "./icons.mjs";
import { zip } from "./zip.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ext = join(root, "extension");
const dist = join(root, "dist");
const pkg = join(ext, "pkg");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

for (const f of ["claimlint.js", "claimlint_bg.wasm", "rules.bin", "compiler/claimlint_compiler.js", "compiler/claimlint_compiler_bg.wasm"]) {
  if (!existsSync(join(pkg, f))) {
    console.error(`missing extension/pkg/${f}: run \`make wasm\` first`);
    process.exit(1);
  }
}

const common = {
  bundle: true,
  target: ["chrome121", "firefox140"],
  charset: "utf8",
  legalComments: "none",
  minify: process.env.CLAIMLINT_DEBUG ? false : true,
  // User Timing marks only in the browser benchmark's build (see src/shared/marks.ts).
  define: { CLAIMLINT_TIMING: process.env.CLAIMLINT_TIMING === "1" ? "true" : "false" },
  sourcemap: false,
  // The wasm-bindgen glue only uses import.meta.url when no module bytes are passed; we always pass them.
  logOverride: { "empty-import-meta": "silent" },
  logLevel: "warning",
  loader: { ".css": "text" },
};

const staging = join(dist, ".staging");
rmSync(staging, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: {
    content: join(ext, "src/content/main.ts"),
    popup: join(ext, "src/popup/popup.ts"),
    options: join(ext, "src/options/options.ts"),
  },
  format: "iife",
  outdir: staging,
});
await build({ ...common, entryPoints: { background: join(ext, "src/background.ts") }, format: "esm", outdir: staging });

function files(dir) {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

for (const browser of ["chromium", "firefox"]) {
  const out = join(dist, browser);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "pkg"), { recursive: true });
  mkdirSync(join(out, "icons"), { recursive: true });
  for (const f of ["content.js", "popup.js", "options.js", "background.js"]) cpSync(join(staging, f), join(out, f));
  for (const f of readdirSync(join(ext, "static"))) cpSync(join(ext, "static", f), join(out, f), { recursive: true });
  for (const f of ["claimlint_bg.wasm", "rules.bin"]) cpSync(join(pkg, f), join(out, "pkg", f));
  // The rule-pack compiler: loaded by the options page (and the worker when packs change elsewhere).
  cpSync(join(pkg, "compiler", "claimlint_compiler_bg.wasm"), join(out, "pkg", "compiler", "claimlint_compiler_bg.wasm"));
  for (const s of [16, 32, 48, 128]) writeFileSync(join(out, "icons", `${s}.png`), icon(s));
  writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest(browser, version), null, 2) + "\n");
  const entries = files(out)
    .map((p) => ({ name: relative(out, p).split("\\").join("/"), data: readFileSync(p) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  writeFileSync(join(dist, `claimlint-${browser}.zip`), zip(entries));
}
rmSync(staging, { recursive: true, force: true });

const kb = (p) => (statSync(p).size / 1024).toFixed(1) + " KB";
console.log(
  ["content.js", "background.js", "popup.js", "options.js", "pkg/claimlint_bg.wasm", "pkg/compiler/claimlint_compiler_bg.wasm"].map((f) => `${f} ${kb(join(dist, "chromium", f))}`).join(", "),
);
console.log(`dist/claimlint-chromium.zip ${kb(join(dist, "claimlint-chromium.zip"))}, dist/claimlint-firefox.zip ${kb(join(dist, "claimlint-firefox.zip"))}`);
