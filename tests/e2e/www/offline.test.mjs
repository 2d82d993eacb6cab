// Once loaded, the site works with its server gone: the playground reloads from the service
// worker's cache and still checks text.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serveDir } from "../../../www/build/serve.mjs";
import { ROOT } from "../../../extension/build/chromium.mjs";

let browser;
after(() => browser?.close());

test("the playground reloads and checks with the server gone", async () => {
  const server = await serveDir(join(ROOT, "dist", "www"));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.playground === "ready");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
  await server.close();
  // The server is gone: a file the cache does not hold cannot be fetched.
  assert.equal(await page.evaluate((url) => fetch(url).then((r) => r.status, () => "failed"), `${server.origin}/missing`), "failed");

  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.playground === "ready");
  const area = page.locator("#playground-text");
  await area.fill("Acme is SOC 2 certified.");
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.get("claimlint-playground-error")].map((r) => r.toString())), ["SOC 2 certified"]);
  await page.goto(`${server.origin}/rules.html`);
  assert.ok((await page.locator("article.rule").count()) > 0);
  assert.deepEqual(errors, []);
});
