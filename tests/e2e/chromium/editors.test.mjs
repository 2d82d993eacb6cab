// Editors: textarea and text input (overlay), a Gmail-like compose box, and real editors from npm
// (TinyMCE in its iframe, CKEditor 5, Quill, Tiptap/ProseMirror, Lexical, the WordPress block
// editor's RichText). For each: the claim is
// highlighted while the editor's serialized value stays byte-identical and free of ClaimLint
// markup; "Apply" changes exactly the claim in that value and one Ctrl+Z restores it; typing,
// paste and IME composition keep working; data-claimlint="off" and the site switch are respected.
import { test, before, after, beforeEach, describe } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { caretBefore } from "../lib/caret.mjs";
import { launch, resetSettings, inCard, openPopup, waitForCard, waitForReport } from "../lib/chromium.mjs";

const CLAIM = "SOC 2 certified";
const FIX = "SOC 2 attested";

/** target: the element the writer types into (in the editor's frame); value: the serializer. */
const EDITORS = [
  { name: "textarea", path: "/editors/textarea.html", target: "#body", field: true, end: "Control+End" },
  { name: "text input", path: "/editors/textarea.html", target: "#title", field: true, value: "title", end: "End" },
  { name: "compose box", path: "/editors/compose.html", target: "#editor" },
  { name: "TinyMCE (iframe)", path: "/editors/tinymce.html", target: "body", frame: true },
  { name: "CKEditor 5", path: "/editors/ckeditor.html", target: ".ck-editor__editable" },
  { name: "Quill", path: "/editors/quill.html", target: ".ql-editor", copies: 2 },
  { name: "Tiptap (ProseMirror)", path: "/editors/tiptap.html", target: ".tiptap", copies: 2 },
  { name: "Lexical", path: "/editors/lexical.html", target: "#editor" },
  // Each paragraph block is its own contenteditable (RichText); the first holds the claim.
  { name: "WordPress block editor", path: "/editors/wordpress.html", target: "[contenteditable=true]", end: "End" },
];

let server, browser;

before(async () => {
  server = await serve();
  browser = await launch();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(() => resetSettings(browser.worker));

async function until(fn, what, timeout = 8000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens an editor fixture; resolves once the editor is mounted. */
async function open(ed, query = "") {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.origin}${ed.path}${query}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "1", null, { timeout: 15000 });
  const frame = ed.frame ? await until(() => page.frames().find((f) => f.parentFrame() === page.mainFrame()), "the editor's frame") : page.mainFrame();
  // Coordinates in the frame → coordinates in the page (TinyMCE's iframe).
  let offset = { x: 0, y: 0 };
  if (ed.frame) {
    const box = await (await frame.frameElement()).boundingBox();
    offset = { x: box.x, y: box.y };
  }
  return { page, frame, offset, errors };
}

const value = (page, ed) => page.evaluate((which) => window.fixture[which](), ed.value ?? "value");

/** The target element's own markup (the editor DOM), to show nothing of ours is inside it. */
const markup = (frame, ed) => frame.evaluate((sel) => {
  const el = document.querySelector(sel);
  return el.localName === "textarea" || el.localName === "input" ? el.outerHTML : el.innerHTML;
}, ed.target);

/** Client rect of the highlighted range reading `text` drawn over the target element, or null. */
function claimRect(frame, ed, text) {
  return frame.evaluate(([sel, text]) => {
    const box = document.querySelector(sel).getBoundingClientRect();
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("claimlint-") || name === "claimlint-flash") continue;
      for (const r of h) {
        if (r.toString().replace(/\s+/g, " ") !== text) continue;
        const rect = r.getClientRects()[0];
        if (!rect) continue;
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return rect.toJSON();
      }
    }
    return null;
  }, [ed.target, text]);
}

const waitForClaim = (frame, ed, text = CLAIM) => until(() => claimRect(frame, ed, text), `"${text}" highlighted in ${ed.name}`);

/** Number of claimlint highlight ranges in a frame. */
const highlightCount = (frame) => frame.evaluate(() => {
  let n = 0;
  for (const [name, h] of CSS.highlights) if (name.startsWith("claimlint-") && name !== "claimlint-flash") n += h.size;
  return n;
});

/** Clicks the claim, waits for its card and clicks its first "Apply". */
async function applyFirst({ page, frame, offset }, ed) {
  const rect = await waitForClaim(frame, ed);
  await page.mouse.click(offset.x + rect.x + rect.width / 2, offset.y + rect.y + rect.height / 2);
  const card = await waitForCard(browser.context, page);
  assert.ok(card, "card opened on click");
  assert.equal(card.suggestions[0], FIX);
  assert.ok(card.buttons.includes("Apply"), `Apply offered: ${card.buttons}`);
  const at = await inCard(browser.context, page, (root) => {
    const button = root.querySelector(".apply");
    button.scrollIntoView({ block: "nearest" });
    const r = button.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.click(offset.x + at.value.x, offset.y + at.value.y);
}

/** What the serialized value must become: the claim (first occurrence in each serialization) replaced. */
function replaced(before) {
  const nbsp = (s) => s.replaceAll(" ", "&nbsp;"); // Quill's semantic HTML
  return before
    .split("\n")
    .map((part) => (part.includes(CLAIM) ? part.replace(CLAIM, FIX) : part.replace(nbsp(CLAIM), nbsp(FIX))))
    .join("\n");
}

async function focusEnd({ page, frame }, ed) {
  await frame.focus(ed.target);
  await page.keyboard.press(ed.end ?? "Control+End");
}

describe("editors", () => {
  for (const ed of EDITORS) {
    test(`${ed.name}: claim highlighted, editor content untouched by checking`, async () => {
      const opened = await open(ed);
      const { page, frame } = opened;
      const before = await value(page, ed);
      const dom = await markup(frame, ed);
      assert.ok(before.includes(CLAIM));
      await waitForClaim(frame, ed);
      await sleep(400); // past the typing pause: any re-check has run
      assert.equal(await value(page, ed), before, "serialized value identical after checking");
      assert.equal(await markup(frame, ed), dom, "editor DOM identical after checking");
      assert.ok(!/claimlint/i.test(before + dom + (await markup(frame, ed))), "no ClaimLint markup in the editor");
      assert.deepEqual(opened.errors, []);
      await page.close();
    });

    test(`${ed.name}: Apply replaces exactly the claim, caret after it; one Ctrl+Z restores the original`, async () => {
      const opened = await open(ed);
      const { page, frame } = opened;
      const before = await value(page, ed);
      await applyFirst(opened, ed);
      const expected = replaced(before);
      await until(async () => (await value(page, ed)) !== before, "the value to change");
      await sleep(100);
      assert.equal(await value(page, ed), expected, "only the claim changed; nothing duplicated");
      // The caret sits right after the replacement.
      const caret = await frame.evaluate(([sel, fix]) => {
        const el = document.querySelector(sel);
        if (el.localName === "textarea" || el.localName === "input") {
          return el.selectionStart === el.selectionEnd && el.value.slice(0, el.selectionStart).endsWith(fix);
        }
        const s = getSelection();
        const r = document.createRange();
        r.setStart(el, 0);
        r.setEnd(s.focusNode, s.focusOffset);
        return s.isCollapsed && r.toString().endsWith(fix);
      }, [ed.target, FIX]);
      assert.ok(caret, "caret right after the replacement");
      await page.keyboard.press("Control+z");
      await until(async () => (await value(page, ed)) === before, "one Ctrl+Z to restore the original", 3000);
      // And the claim is found again.
      await waitForClaim(frame, ed);
      assert.ok(!/claimlint/i.test(await value(page, ed)));
      await page.close();
    });

    test(`${ed.name}: typing, paste and IME composition work while highlights are shown`, async () => {
      const opened = await open(ed);
      const { page, frame } = opened;
      await waitForClaim(frame, ed);
      await focusEnd(opened, ed);
      await page.keyboard.type(" More words.");
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send("Input.imeSetComposition", { text: "ｿ", selectionStart: 1, selectionEnd: 1 });
      await cdp.send("Input.imeSetComposition", { text: "ソフ", selectionStart: 2, selectionEnd: 2 });
      await cdp.send("Input.insertText", { text: "ソフト" });
      await cdp.detach();
      await page.evaluate(() => navigator.clipboard.writeText(" Pasted line."));
      await page.keyboard.press("Control+v");
      // Editors may insert a paste asynchronously (TinyMCE): let it land before typing on.
      await until(async () => (await value(page, ed)).replaceAll("&nbsp;", " ").includes("Pasted line."), "the paste");
      await page.keyboard.type(" We are HIPAA certified.");
      // The new claim is found while the writer types (only the edited block is re-checked).
      await waitForClaim(frame, ed, "HIPAA certified").catch(async (e) => {
        throw new Error(`${e.message}: ${await value(page, ed)}`);
      });
      const after = (await value(page, ed)).replaceAll("&nbsp;", " ");
      const copies = ed.copies ?? 1; // serializations in the value (HTML + JSON for some editors)
      for (const piece of ["More words.", "Pasted line.", "ソフト", "We are HIPAA certified."]) {
        assert.equal(after.split(piece).length - 1, copies, `"${piece}" typed once: ${after}`);
      }
      assert.ok(!after.includes("ｿ") && after.split("ソ").length - 1 === copies, `composition committed once: ${after}`);
      // Scrolled back to the top (the field scrolled while typing at its end), the first claim is still highlighted.
      await frame.evaluate((sel) => document.querySelector(sel).scrollTo(0, 0), ed.target);
      await waitForClaim(frame, ed);
      assert.ok(!/claimlint/i.test(after + (await markup(frame, ed))));
      assert.deepEqual(opened.errors, []);
      await page.close();
    });

    test(`${ed.name}: data-claimlint="off", the site switch and the rule switch are respected`, async () => {
      // Opted out by an ancestor (or the iframe's ancestor): nothing highlighted in the editor.
      let opened = await open(ed, "?off");
      await waitForReport(browser.worker, `${server.origin}${ed.path}?off`, (r) => r.frames["0"]?.checked);
      await sleep(600);
      assert.equal(await claimRect(opened.frame, ed, CLAIM), null, "opted-out editor not highlighted");
      // Opting back in (attribute removed, editor focused) brings the highlight.
      await opened.page.evaluate(() => document.querySelector("#wrap").removeAttribute("data-claimlint"));
      await opened.frame.focus(ed.target);
      await waitForClaim(opened.frame, ed);
      await opened.page.close();

      // Site switched off before the page loads.
      const sites = (offSites) => browser.worker.evaluate((offSites) => chrome.storage.sync.set({ settings: { offSites } }), offSites);
      await sites(["127.0.0.1"]);
      opened = await open(ed);
      await waitForReport(browser.worker, `${server.origin}${ed.path}`, (r) => r.frames["0"] && !r.frames["0"].enabled);
      await opened.frame.focus(ed.target);
      await sleep(600);
      assert.equal(await highlightCount(opened.frame), 0, "site off: no highlight");
      await sites([]);
      await waitForClaim(opened.frame, ed);
      // The rule switched off in the options: its highlight goes; back on, it returns.
      await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { disabledRules: ["soc2-certified"] } }));
      await until(async () => (await claimRect(opened.frame, ed, CLAIM)) === null, "highlight removed with its rule off");
      await browser.worker.evaluate(() => chrome.storage.sync.set({ settings: { disabledRules: [] } }));
      await waitForClaim(opened.frame, ed);
      await sites(["127.0.0.1"]);
      await until(async () => (await highlightCount(opened.frame)) === 0, "highlights removed when the site is switched off");
      await opened.page.close();
    });
  }
});

/**
 * Where the overlay draws `claim` versus where the field itself has those characters: the
 * browser's own hit test of the field (caretPositionFromPoint gives the field and an offset in its
 * value) at the first and last pixel of the highlight. Ends outside the field's visible box are
 * not probed.
 */
function alignment(page, sel, claim) {
  return page.evaluate(([sel, claim]) => {
    const field = document.querySelector(sel);
    const box = field.getBoundingClientRect();
    const left = box.left + field.clientLeft;
    const top = box.top + field.clientTop;
    const inside = (x, y) => x > left && x < left + field.clientWidth && y > top && y < top + field.clientHeight;
    const probe = (x, y) => {
      if (!inside(x, y)) return undefined;
      const c = document.caretPositionFromPoint(x, y);
      return c?.offsetNode === field ? c.offset : null;
    };
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("claimlint-") || name === "claimlint-flash") continue;
      for (const r of h) {
        if (r.toString() !== claim) continue;
        const rects = [...r.getClientRects()];
        if (!rects.length) continue;
        const first = rects[0];
        const last = rects[rects.length - 1];
        // This field's overlay: drawn over the field (each field here holds the claim once).
        const y = first.top + first.height / 2;
        if (first.right < box.left || first.left > box.right || y < box.top || y > box.bottom) continue;
        const start = field.value.indexOf(claim);
        return {
          start,
          end: start + claim.length,
          atStart: probe(first.left + 1, first.top + first.height / 2),
          atEnd: probe(last.right - 1, last.top + last.height / 2),
        };
      }
    }
    return null;
  }, [sel, claim]);
}

async function assertAligned(page, sel, claim, when) {
  // Two frames: the overlay follows in the next animation frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const a = await until(() => alignment(page, sel, claim), `${claim} highlighted (${when})`);
  assert.ok(a.atStart !== undefined || a.atEnd !== undefined, `${when}: the claim is in view`);
  if (a.atStart !== undefined) assert.equal(a.atStart, a.start, `${when}: highlight starts where the field draws the claim`);
  if (a.atEnd !== undefined) assert.equal(a.atEnd, a.end, `${when}: highlight ends where the field draws the claim`);
}

describe("field overlay", () => {
  test("textarea: aligned after typing, scrolling (both axes), resizing, zooming and font changes", async () => {
    const ed = EDITORS[0];
    const { page } = await open(ed);
    const url = `${server.origin}${ed.path}`;
    await assertAligned(page, "#body", CLAIM, "loaded");
    await assertAligned(page, "#title", CLAIM, "text input");

    // Scrolled to the end: the late claim.
    await page.evaluate(() => document.querySelector("#body").scrollTo(0, 1e6));
    await assertAligned(page, "#body", "HIPAA certified", "scrolled down");

    // Typing above the claim moves it; the overlay follows before any re-check.
    await page.evaluate(() => {
      const f = document.querySelector("#body");
      f.focus();
      const at = f.value.indexOf("Late in the draft");
      f.setSelectionRange(at, at);
    });
    await page.keyboard.type("Typing moves the claim along. ");
    await assertAligned(page, "#body", "HIPAA certified", "typed before the claim");

    // Resized: the text wraps differently.
    await page.evaluate(() => {
      const f = document.querySelector("#body");
      f.style.width = "330px";
      f.scrollTo(0, 1e6);
    });
    await assertAligned(page, "#body", "HIPAA certified", "resized");

    // A font change from a class on <body> (not on the field).
    await page.evaluate(() => {
      document.body.classList.add("big");
      document.querySelector("#body").scrollTo(0, 1e6);
    });
    await assertAligned(page, "#body", "HIPAA certified", "font changed");

    // Browser zoom.
    const { tabId } = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
    await browser.worker.evaluate((tabId) => chrome.tabs.setZoom(tabId, 1.5), tabId);
    await page.waitForFunction(() => devicePixelRatio >= 1.5);
    await page.evaluate(() => document.querySelector("#body").scrollTo(0, 1e6));
    await assertAligned(page, "#body", "HIPAA certified", "zoomed 150%");
    await browser.worker.evaluate((tabId) => chrome.tabs.setZoom(tabId, 1), tabId);

    // Horizontal scrolling: no wrapping, a narrow field scrolled sideways.
    await page.evaluate(() => {
      const f = document.querySelector("#body");
      f.setAttribute("wrap", "off");
      f.style.width = "180px";
      f.scrollTo(0, 0);
    });
    await assertAligned(page, "#body", CLAIM, "no wrap");
    await page.evaluate(() => (document.querySelector("#body").scrollLeft = 90));
    await assertAligned(page, "#body", CLAIM, "scrolled sideways");
    await page.close();
  });

  test("hidden fields are not drawn; the overlay is outside the field's DOM and takes no pointer events", async () => {
    const ed = EDITORS[0];
    const { page } = await open(ed);
    await assertAligned(page, "#body", CLAIM, "loaded");
    const own = await page.evaluate(() => {
      const host = document.querySelector("claimlint-overlay");
      return { parent: host?.parentElement?.localName, pointer: getComputedStyle(host).pointerEvents, open: host?.shadowRoot };
    });
    assert.deepEqual(own, { parent: "html", pointer: "none", open: null });
    // Clicking on the claim still puts the caret into the field (the overlay lets it through).
    const rect = await claimRect(page.mainFrame(), ed, CLAIM);
    await page.mouse.click(rect.x + 2, rect.y + rect.height / 2);
    assert.equal(await page.evaluate(() => document.activeElement.id), "body");
    // Hidden: its highlights go.
    await page.evaluate(() => (document.querySelector("#body").style.display = "none"));
    const left = () => page.evaluate(() => [...CSS.highlights.get("claimlint-error")].filter((r) => r.toString() === "HIPAA certified").length);
    await until(async () => (await left()) === 0, "the hidden field's highlights removed");
    await page.close();
  });
});

/** Clicks a button of the open card (by selector) with the real mouse. */
async function clickInCard(page, selector, offset = { x: 0, y: 0 }) {
  const at = await inCard(browser.context, page, (root, selector) => {
    const button = root.querySelector(selector);
    button.scrollIntoView({ block: "nearest" });
    const r = button.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, selector);
  await page.mouse.click(offset.x + at.value.x, offset.y + at.value.y);
}

const KEYBOARD = [EDITORS[0], EDITORS[2], EDITORS[6]]; // textarea, compose box, Tiptap

describe("card in editors", () => {
  for (const ed of KEYBOARD) {
    test(`${ed.name}: the keyboard reaches a claim's card and applies a fix`, async () => {
      const opened = await open(ed);
      const { page, frame } = opened;
      const before = await value(page, ed);
      await waitForClaim(frame, ed);
      // Caret just before the claim, then one arrow key onto it: the card opens, focus stays.
      await frame.focus(ed.target);
      await frame.evaluate(caretBefore, [ed.target, CLAIM]);
      await page.keyboard.press("ArrowRight");
      const card = await waitForCard(browser.context, page);
      assert.ok(card?.buttons.includes("Apply"), "card opened from the keyboard");
      assert.equal(await frame.evaluate((sel) => document.activeElement === document.querySelector(sel) || document.querySelector(sel).contains(document.activeElement), ed.target), true, "focus stayed in the editor");
      // Alt+Enter moves into the card, on "Apply"; Enter applies.
      await page.keyboard.press("Alt+Enter");
      const focused = await inCard(browser.context, page, (root) => root.activeElement?.textContent);
      assert.equal(focused.value, "Apply");
      await page.keyboard.press("Enter");
      await until(async () => (await value(page, ed)) === replaced(before), "the fix applied from the keyboard", 3000);
      await page.close();
    });

    test(`${ed.name}: "Ignore here" survives edits elsewhere and a reload`, async () => {
      const opened = await open(ed);
      const { page, frame } = opened;
      const rect = await waitForClaim(frame, ed);
      await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
      assert.ok(await waitForCard(browser.context, page));
      await clickInCard(page, ".ignore-here");
      await until(async () => (await claimRect(frame, ed, CLAIM)) === null, "the ignored claim unhighlighted");
      // An edit elsewhere (a new claim, so we know the re-check ran): the ignored one stays hidden.
      await focusEnd(opened, ed);
      await page.keyboard.type(" We are HIPAA certified.");
      await waitForClaim(frame, ed, "HIPAA certified");
      await frame.evaluate((sel) => document.querySelector(sel).scrollTo?.(0, 0), ed.target);
      assert.equal(await claimRect(frame, ed, CLAIM), null, "still ignored after the edit");
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.ready === "1");
      // Reloaded: a new claim typed is found (so the editor was checked), the ignored one stays hidden.
      await focusEnd(opened, ed);
      await page.keyboard.type(" We are GDPR certified.");
      await waitForClaim(frame, ed, "GDPR certified");
      await frame.evaluate((sel) => document.querySelector(sel).scrollTo?.(0, 0), ed.target);
      assert.equal(await claimRect(page.mainFrame(), ed, CLAIM), null, "still ignored after a reload");
      await page.close();
    });
  }
});

describe("popup and badge", () => {
  for (const ed of EDITORS.filter((e) => e.name === "textarea" || e.name === "compose box")) {
    test(`${ed.name}: the popup lists the editor's claim; jumping to it opens the card, and Apply fixes it`, async () => {
      const { page, frame } = await open(ed);
      const before = await value(page, ed);
      await waitForClaim(frame, ed);
      const url = `${server.origin}${ed.path}`;
      // The claim in the body ("Our platform is …"; the textarea page's title field has one too).
      const ours = (x) => x.text === CLAIM && x.before.endsWith("platform is ");
      const report = await waitForReport(browser.worker, url, (r) => Object.values(r.frames).some((f) => f.findings.some(ours)));
      const listed = Object.values(report.frames).flatMap((f) => f.findings).find(ours);
      assert.match(listed.id, /^e\d+$/, "an editor finding");
      assert.ok(Number(await browser.worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), report.tabId)) >= 1, "badge counts it");
      const popup = await openPopup(browser.context, browser.id, report.tabId);
      await popup.waitForSelector(`li.finding[data-id="${listed.id}"]`);
      await popup.click(`li.finding[data-id="${listed.id}"] button.jump`);
      await page.bringToFront();
      const card = await waitForCard(browser.context, page);
      assert.ok(card?.buttons.includes("Apply"), JSON.stringify(card));
      await clickInCard(page, "button.apply");
      await until(async () => (await value(page, ed)) === replaced(before), "the fix applied from the popup's card", 3000);
      // Fixed: the report no longer lists it.
      await waitForReport(browser.worker, url, (r) => !Object.values(r.frames).some((f) => f.findings.some(ours)));
      await popup.close();
      await page.close();
    });
  }
});
