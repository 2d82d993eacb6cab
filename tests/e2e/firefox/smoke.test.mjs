// Firefox smoke test: stock firefox-esr driven over WebDriver BiDi (puppeteer-core), with the
// unpacked dist/firefox installed as a temporary add-on; checks the highlights on the SaaS page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { serve } from "../lib/server.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const EXTENSION = join(ROOT, "dist", "firefox");
let server, browser;

before(async () => {
  if (!existsSync(join(EXTENSION, "manifest.json"))) throw new Error("dist/firefox missing: run `npm run build`");
  server = await serve();
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless: true,
    extraPrefsFirefox: {
      // No update checks, telemetry or remote settings from the test profile.
      "app.update.enabled": false,
      "browser.region.network.url": "",
      "extensions.getAddons.cache.enabled": false,
    },
  });
  await browser.installExtension(EXTENSION);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("Firefox: claims on the SaaS page are highlighted, hidden and editable text is not", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/saas.html`);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 3, { timeout: 15000 });
  await new Promise((r) => setTimeout(r, 300));
  const got = await page.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      if (name.startsWith("claimlint-") && name !== "claimlint-flash") out[name] = [...h].map((r) => r.toString()).sort();
    }
    return out;
  });
  assert.deepEqual(got, {
    "claimlint-error": ["HIPAA certified", "PCI certified", "SOC 2 certified"],
    "claimlint-warning": [],
    "claimlint-info": [],
  });
  mkdirSync(join(ROOT, "dist", "screenshots"), { recursive: true });
  await page.screenshot({ path: join(ROOT, "dist", "screenshots", "firefox-saas.png") });
  await page.close();
});

test("Firefox: frames (iframe, srcdoc, about:blank) and an open shadow root", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/frames.html`);
  const byFrame = {};
  for (const frame of page.frames()) {
    await frame.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 1, { timeout: 15000 });
    const [id, texts] = await frame.evaluate(() => [
      document.querySelector("[id$=claim]")?.id,
      [...CSS.highlights.get("claimlint-error")].map((r) => r.toString()),
    ]);
    byFrame[id] = texts;
  }
  assert.deepEqual(byFrame, {
    "top-claim": ["SOC 2 certified"],
    "child-claim": ["PCI certified"],
    "srcdoc-claim": ["HIPAA certified"],
    "blank-claim": ["GDPR certified"],
  });

  await page.goto(`${server.origin}/shadow.html`);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 2, { timeout: 15000 });
  const shadow = await page.evaluate(() => {
    const root = document.getElementById("badge").shadowRoot;
    const styled =
      root.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes("claimlint-error"))) ||
      [...root.querySelectorAll("style")].some((s) => s.textContent.includes("claimlint-error"));
    return { texts: [...CSS.highlights.get("claimlint-error")].map((r) => r.toString()).sort(), styled };
  });
  assert.deepEqual(shadow, { texts: ["HIPAA certified", "SOC 2 certified"], styled: true });
  await page.close();
});
