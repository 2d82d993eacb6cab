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

const CHECK_ENDED = `performance.getEntriesByName("claimlint:check-end").length > 0`;

/**
 * Waits for the check's end (the content script's `claimlint:check-end` mark) by polling through
 * raw CDP. Playwright's `page.evaluate` would first inject its utility script into the page's world
 * (5-8 ms of main-thread time, inside the window measured), and a PerformanceObserver in the page
 * would run a callback after each of the content script's marks: script the trace could not tell
 * from the extension's. A poll is an evaluation with no script URL, which the trace analysis skips.
 * Returns the number of polls.
 */
/** The same evaluation the wait makes, `polls` times: a load without the extension pays what the wait costs. */
export async function pollLikeTheWait(cdp, polls) {
  for (let i = 0; i < polls; i++) await cdp.send("Runtime.evaluate", { expression: CHECK_ENDED, returnByValue: true });
}

export async function waitForCheckEnd(cdp, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls++) {
    const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression: CHECK_ENDED, returnByValue: true });
    if (exceptionDetails) throw new Error(`waiting for claimlint:check-end: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    if (result.value === true) return polls;
    if (Date.now() > deadline) throw new Error(`no claimlint:check-end mark within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Switches checking off (or on again) for `site`: the content script then starts and stops at once. */
export async function setSiteOff(worker, site, off) {
  // The site list lives in the synced settings (offSites: sites where checking is off).
  await worker.evaluate(([site, off]) => chrome.storage.sync.set({ settings: { offSites: off ? [site] : [] } }), [site, off]);
}

export const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
