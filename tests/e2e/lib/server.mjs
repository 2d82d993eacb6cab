// Serves tests/e2e/fixtures on 127.0.0.1 (random port). /csp.html is the SaaS page with a strict
// CSP header (no 'wasm-unsafe-eval': Chromium then refuses Wasm in content scripts); /spa/* is
// the single-page app; /editors/dist/ the bundled editor fixtures (tests/e2e/fixtures/editors/
// build.mjs) and /vendor/tinymce/ TinyMCE as shipped in node_modules. Responses carry no-store,
// except for `?cacheable` pages and what they load (for the back/forward cache). Every request
// is logged so tests can assert on them.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const WWW = fileURLToPath(new URL("../../../www/", import.meta.url));
const EDITORS = fileURLToPath(new URL("../../../dist/fixtures/editors/", import.meta.url));
const TINYMCE = fileURLToPath(new URL("../../../node_modules/tinymce/", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2" };

export async function serve() {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    let path = url.pathname;
    let dir = FIXTURES;
    if (path.startsWith("/spa/")) path = "/spa.html";
    const strictCsp = path === "/csp.html";
    if (path === "/" || strictCsp) path = "/saas.html";
    if (path.startsWith("/www/")) {
      dir = WWW;
      path = path.slice(4);
    } else if (path.startsWith("/editors/dist/")) {
      dir = EDITORS;
      path = path.slice(13);
    } else if (path.startsWith("/vendor/tinymce/")) {
      dir = TINYMCE;
      path = path.slice(15);
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      // `?cacheable` on a page (and whatever it loads) drops no-store, which would keep the page
      // out of the back/forward cache.
      const cacheable = url.searchParams.has("cacheable") || (req.headers.referer ?? "").includes("cacheable");
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...(cacheable ? {} : { "cache-control": "no-store" }) };
      if (strictCsp) headers["content-security-policy"] = "script-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(r)) };
}
