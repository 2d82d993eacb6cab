// ClaimLint's Wasm engine in headless Debian Chromium (playwright-core): a page on 127.0.0.1
// loads extension/pkg as the extension does, and times pack loading and `check` (page.mjs).
// The server sends COOP/COEP headers so the page is cross-origin isolated and performance.now()
// has its fine (5 µs) resolution instead of the coarse 100 µs one.
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { join, basename } from "node:path";
import { chromium } from "playwright-core";
import { PKG } from "./tools.mjs";

const HERE = new URL(".", import.meta.url).pathname;
const TYPES = { ".html": "text/html", ".json": "application/json", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".bin": "application/octet-stream", ".txt": "text/plain; charset=utf-8" };
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

function serve(corpusDir) {
  const routes = (path) => {
    if (path === "/" || path === "/page.html") return join(HERE, "page.html");
    if (["/page.mjs", "/phrases.mjs", "/substitutions.json"].includes(path)) return join(HERE, path.slice(1));
    const [, dir, name] = path.match(/^\/(pkg|corpus)\/([\w.-]+)$/) ?? [];
    if (!name) return null;
    return join(dir === "pkg" ? PKG : corpusDir, basename(name));
  };
  const server = createServer((req, res) => {
    const file = routes(new URL(req.url, "http://127.0.0.1").pathname);
    if (!file || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, {
      "content-type": TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream",
      "cache-control": "no-store",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  })));
}

/**
 * Opens Chromium once; `load()` measures the cold and warm engine costs in a fresh context (new
 * renderer), `once(file)` times one `check` over a corpus file in one long-lived page.
 */
export async function openChromium(corpusDir) {
  const server = await serve(corpusDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-extensions"],
  });
  const fresh = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.origin}/page.html`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === "1" || null, null, { timeout: 15000 })
      .catch(() => { throw new Error(`benchmark page did not start: ${errors.join("; ")}`); });
    return { context, page };
  };
  let main = null;
  const ready = async () => {
    if (main) return;
    main = await fresh();
    await main.page.evaluate(() => window.bench.load());
  };
  return {
    version: browser.version(),
    async load() {
      const { context, page } = await fresh();
      try {
        return await page.evaluate(() => window.bench.load());
      } finally {
        await context.close();
      }
    },
    /** One timed check: {ms, findings}. */
    async once(file) {
      await ready();
      return main.page.evaluate((name) => window.bench.once(name), basename(file));
    },
    /** The naive highlighter, one timed run in the same page: {ms, findings}. */
    async onceNaive(file) {
      await ready();
      return main.page.evaluate((name) => window.bench.onceNaive(name), basename(file));
    },
    async utf8Encode(file) {
      await ready();
      return main.page.evaluate((name) => window.bench.utf8Encode(name), basename(file));
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
