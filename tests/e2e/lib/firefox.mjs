// Launches stock firefox-esr over WebDriver BiDi (puppeteer-core) with the unpacked dist/firefox
// installed as a temporary add-on.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const EXTENSION = join(ROOT, "dist", "firefox");
/** A fixed moz-extension:// UUID for the add-on, so tests can open its popup page. */
export const UUID = "6d1f6a1e-3c39-4b8e-9a57-0c1a1e5c7a11";

export async function launchFirefox() {
  if (!existsSync(join(EXTENSION, "manifest.json"))) throw new Error("dist/firefox missing: run `npm run build`");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
    headless: true,
    extraPrefsFirefox: {
      // No update checks, telemetry or remote settings from the test profile.
      "app.update.enabled": false,
      "browser.region.network.url": "",
      "extensions.getAddons.cache.enabled": false,
      "extensions.webextensions.uuids": JSON.stringify({ "claimlint@claimlint.dev": UUID }),
    },
  });
  await browser.installExtension(EXTENSION);
  return browser;
}
