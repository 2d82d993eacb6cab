// `npm run demo` (what `make run` calls): opens Debian Chromium with dist/chromium loaded on
// www/demo.html served from 127.0.0.1. Headed when $DISPLAY is set (close the window to quit);
// otherwise headless: prints the findings the extension shows and saves dist/screenshots/demo.png.
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT as root, launchWithExtension } from "./chromium.mjs";
import { serveDir } from "../../www/build/serve.mjs";

const page = join(root, "www", "demo.html");
const server = createServer((req, res) => {
  if (req.url === "/" || req.url === "/demo.html") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(readFileSync(page));
  else res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${server.address().port}/demo.html`;
// The website (dist/www, `npm run build:www`), served alongside when it has been built.
const site = existsSync(join(root, "dist", "www", "index.html")) ? await serveDir(join(root, "dist", "www")) : null;

const headless = !process.env.DISPLAY;
let browser;
try {
  browser = await launchWithExtension({ headless, viewport: headless ? { width: 1100, height: 900 } : null });
} catch (e) {
  console.error(e.message);
  server.close();
  process.exit(1);
}
const { context, worker } = browser;
const tab = context.pages()[0] ?? (await context.newPage());
await tab.goto(url);

async function cleanup() {
  await browser.close();
  server.close();
  await site?.close();
}

if (!headless) {
  if (site) await (await context.newPage()).goto(`${site.origin}/`);
  if (site) console.log(`ClaimLint website: ${site.origin}/`);
  console.log(`ClaimLint demo: ${url} (close the browser window to quit)`);
  await new Promise((r) => context.on("close", r));
  await cleanup();
  process.exit(0);
}

// Headless: wait for the extension's report of this tab (what its popup shows), then print it.
let report = null;
for (let i = 0; i < 200 && !report; i++) {
  report = await worker.evaluate(async (url) => {
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      const top = value.frames?.["0"];
      if (key.startsWith("tab:") && top?.url === url && top.checked) return value;
    }
    return null;
  }, url);
  if (!report) await new Promise((r) => setTimeout(r, 100));
}
if (!report) {
  console.error("The extension did not report on the demo page.");
  await cleanup();
  process.exit(1);
}
const highlighted = await tab.evaluate(() =>
  Object.fromEntries([...CSS.highlights].filter(([n]) => n.startsWith("claimlint-") && n !== "claimlint-flash").map(([n, h]) => [n, h.size])),
);
// Reports carry rule ids; the rules' messages come from the engine, asked from an extension page
// the way the popup asks.
const extensionPage = await context.newPage();
await extensionPage.goto(`chrome-extension://${browser.id}/popup.html?tab=0`);
const rules = await extensionPage.evaluate(async () => {
  const response = await chrome.runtime.sendMessage({ kind: "rules" });
  return Object.fromEntries((response?.ok ? response.rules : []).map((r) => [r.id, r.message]));
});
await extensionPage.close();
const findings = Object.values(report.frames).flatMap((f) => f.findings);
const byRule = new Map();
for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
console.log(`ClaimLint on ${url}: ${findings.length} findings (${Object.entries(highlighted).map(([n, c]) => `${n} ${c}`).join(", ")})`);
for (const [rule, list] of byRule) {
  console.log(`\n${rule} (${list[0].severity}, ${list.length}): ${rules[rule] ?? ""}`);
  for (const f of list) {
    const suggestion = f.suggestions.length ? `  ->  ${f.suggestions.map((s) => s.replacement).join(" | ")}` : "";
    console.log(`  ${f.before}[${f.text}]${f.after}`.replace(/\s+/g, " ") + suggestion);
  }
}
const shots = join(root, "dist", "screenshots");
mkdirSync(shots, { recursive: true });
await tab.screenshot({ path: join(shots, "demo.png") });
console.log(`\nScreenshot: dist/screenshots/demo.png`);
if (site) {
  const home = await context.newPage();
  await home.goto(`${site.origin}/`);
  await home.waitForFunction(() => document.documentElement.dataset.playground === "ready", null, { timeout: 10000 });
  const claims = await home.locator("#findings li").count();
  await home.screenshot({ path: join(shots, "www.png") });
  console.log(`ClaimLint website: ${site.origin}/ (playground ready, ${claims} claims in its example; dist/screenshots/www.png).`);
  console.log("Without a display the browser closes here; `npm run serve:www` keeps the website up.");
}
await cleanup();
