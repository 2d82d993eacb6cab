// Debian Chromium with the unpacked dist/chromium extension loaded, through Playwright: shared by
// the demo launcher, the end-to-end tests and the browser benchmarks. The flags keep Chromium off
// the network (this machine has none) and let it run as root in a container.
import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const EXTENSION = join(ROOT, "dist", "chromium");

/**
 * Launches Chromium with the extension (`extension`: another unpacked copy); resolves once its
 * service worker runs. `backForwardCache`: keep Chromium's back/forward cache, which Playwright
 * switches off by default.
 */
export async function launchWithExtension({ headless = true, colorScheme = "light", viewport = { width: 1100, height: 800 }, extension = EXTENSION, backForwardCache = false } = {}) {
  if (!existsSync(join(extension, "manifest.json"))) {
    throw new Error("dist/chromium is missing: run `npm run build` (after `make wasm`)");
  }
  const profile = mkdtempSync(join(tmpdir(), "claimlint-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless,
    colorScheme,
    viewport,
    ...(backForwardCache ? { ignoreDefaultArgs: ["--disable-back-forward-cache"] } : {}),
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return {
    context,
    worker,
    id: new URL(worker.url()).host,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
