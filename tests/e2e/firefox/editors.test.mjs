// Firefox smoke test of the editor support: a textarea (overlay) and Tiptap (ProseMirror) in
// firefox-esr over WebDriver BiDi. The claim is highlighted without touching the editor's value;
// the keyboard opens the card, Alt+Enter reaches "Apply", Enter applies exactly the fix, and one
// Ctrl+Z restores the original.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { caretBefore } from "../lib/caret.mjs";
import { launchFirefox } from "../lib/firefox.mjs";

const CLAIM = "SOC 2 certified";
const FIX = "SOC 2 attested";
let server, browser;

before(async () => {
  server = await serve();
  browser = await launchFirefox();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function until(fn, what, timeout = 10000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const got = await fn().catch(() => null);
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Whether the claim is highlighted over `sel` (for a field: a range over its mirror's copy of the value). */
function highlighted(page, sel) {
  return page.evaluate(
    (sel, claim) => {
      const el = document.querySelector(sel);
      for (const r of CSS.highlights.get("claimlint-error") ?? []) {
        if (r.toString() !== claim) continue;
        // A field's overlay is outside the field: its range is drawn over the field's box.
        const rect = r.getClientRects()[0];
        const box = el.getBoundingClientRect();
        const over = rect && rect.left >= box.left && rect.right <= box.right && rect.top >= box.top && rect.bottom <= box.bottom;
        if (el.localName === "textarea" ? over : el.contains(r.startContainer)) return true;
      }
      return false;
    },
    sel,
    CLAIM,
  );
}

for (const [name, path, sel] of [
  ["textarea", "/editors/textarea.html", "#body"],
  ["Tiptap (ProseMirror)", "/editors/tiptap.html", ".tiptap"],
]) {
  test(`Firefox, ${name}: highlighted without changing the value; keyboard Apply; one Ctrl+Z undoes`, async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${path}`);
    await until(() => page.evaluate(() => document.documentElement.dataset.ready === "1"), "the editor");
    const before = await page.evaluate(() => window.fixture.value());
    await until(() => highlighted(page, sel), `the claim highlighted in ${name}`);
    await new Promise((r) => setTimeout(r, 400));
    const after = await page.evaluate(() => window.fixture.value());
    assert.equal(after, before, "value unchanged by checking");
    assert.ok(!/claimlint/i.test(after + (await page.$eval(sel, (e) => e.outerHTML))));

    // Caret just before the claim, one arrow key onto it, Alt+Enter into the card, Enter applies.
    await page.focus(sel);
    await page.evaluate(caretBefore, [sel, CLAIM]);
    await page.keyboard.press("ArrowRight");
    await new Promise((r) => setTimeout(r, 300));
    await page.keyboard.down("Alt");
    await page.keyboard.press("Enter");
    await page.keyboard.up("Alt");
    await new Promise((r) => setTimeout(r, 200));
    await page.keyboard.press("Enter");
    const expected = before.split("\n").map((part) => part.replace(CLAIM, FIX)).join("\n");
    await until(async () => (await page.evaluate(() => window.fixture.value())) === expected, "exactly the fix applied");

    await page.keyboard.down("Control");
    await page.keyboard.press("z");
    await page.keyboard.up("Control");
    await until(async () => (await page.evaluate(() => window.fixture.value())) === before, "one Ctrl+Z to restore the original", 3000);
    await page.close();
  });
}
