// What the cost and memory measurements share: a browser without the extension (the same
// Chromium and flags, minus the extension), and the wait for the content script's last mark.
import { chromium } from "playwright-core";

/** Chromium without the extension, one context at the extension's viewport. */
export async function launchWithoutExtension() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  return { context, close: () => browser.close() };
}

/** Resolves once the content script's check has ended (its `claimlint:check-end` mark; no polling). */
export const CHECK_END = `new Promise((resolve, reject) => {
  const done = () => performance.getEntriesByName("claimlint:check-end").length > 0;
  if (done()) return resolve(true);
  const observer = new PerformanceObserver(() => { if (done()) { observer.disconnect(); resolve(true); } });
  observer.observe({ type: "mark" });
  setTimeout(() => reject(new Error("no claimlint:check-end mark within 60 s")), 60000);
})`;

/**
 * Waits for the check's end through raw CDP. Playwright's `page.evaluate` would first inject its
 * utility script into the page's world (5-8 ms of main-thread time, inside the window measured).
 */
export async function waitForCheckEnd(cdp) {
  const { exceptionDetails } = await cdp.send("Runtime.evaluate", { expression: CHECK_END, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`waiting for claimlint:check-end: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
}

export const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
