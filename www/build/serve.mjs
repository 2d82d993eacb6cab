// Serves a built directory (dist/www) on 127.0.0.1: used by `make run` (through the demo
// launcher) and by the website's end-to-end tests, which read the request log.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".bin": "application/octet-stream",
  ".png": "image/png",
  ".zip": "application/zip",
};

/** Serves `dir` from a random port (or `port`); `/` is index.html. */
export async function serveDir(dir, { port = 0 } = {}) {
  const root = normalize(dir + sep);
  const requests = [];
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(pathname);
    const file = normalize(join(root, decodeURIComponent(pathname).replace(/\/$/, "/index.html")));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () =>
      new Promise((r) => {
        server.close(r);
        server.closeAllConnections(); // keep-alive connections too: the site is really gone
      }),
  };
}

// `npm run serve:www [PORT]`: serves dist/www until interrupted.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL("../../dist/www/", import.meta.url).pathname;
  const site = await serveDir(dir, { port: Number(process.argv[2] ?? 8080) });
  console.log(`ClaimLint website: ${site.origin}/ (Ctrl+C to stop)`);
}
