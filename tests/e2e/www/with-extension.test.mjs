// The website with the extension installed: both register highlights in the same page-wide
// registry, so the playground must keep its own and the extension must still work on the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { serveDir } from "../../../www/build/serve.mjs";
import { ROOT, launchWithExtension } from "../../../extension/build/chromium.mjs";

let server, browser;

before(async () => {
  server = await serveDir(join(ROOT, "dist", "www"));
  browser = await launchWithExtension();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the playground keeps its highlights next to the extension's", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.playground === "ready");
  // The extension checks the page text (the hero's "before" sample is a claim on purpose).
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 1, null, { timeout: 10000 });
  const area = page.locator("#playground-text");
  await area.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await area.pressSequentially("We are PCI certified.");
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  const texts = await page.evaluate(() => ({
    playground: [...CSS.highlights.get("claimlint-playground-error")].map((r) => r.toString()),
    extension: [...CSS.highlights.get("claimlint-error")].map((r) => r.toString()),
  }));
  assert.deepEqual(texts.playground, ["PCI certified"]);
  assert.ok(texts.extension.includes("HIPAA certified"), JSON.stringify(texts.extension));
  await page.close();
});
