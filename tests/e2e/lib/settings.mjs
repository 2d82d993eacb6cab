// Helpers for the settings tests: the options page, waiting for highlights to match, downloads.
import { readFile } from "node:fs/promises";

/** Opens the options page and waits until it has rendered from storage. */
export async function openOptions(context, id) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.waitForSelector("body[data-ready]", { timeout: 20000 });
  return page;
}

/** The texts highlighted in a frame, by severity: {error: [...], warning: [...], info: [...]}. */
export function shown(frame) {
  return frame.evaluate(() => {
    const out = {};
    for (const s of ["error", "warning", "info"]) {
      const h = CSS.highlights.get(`claimlint-${s}`);
      out[s] = h ? [...h].map((r) => r.toString().replace(/\s+/g, " ")).sort() : [];
    }
    return out;
  });
}

/** Polls until `predicate(shown(frame))` holds; fails with the last state. */
export async function waitForShown(frame, predicate, timeout = 10000) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    last = await shown(frame);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`highlights not as expected: ${JSON.stringify(last)}`);
}

/** Clicks `selector` in `page` and returns the downloaded file's name and text. */
export async function downloadText(page, click) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, "utf8") };
}
