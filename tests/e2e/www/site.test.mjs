// The website (dist/www, built by `npm run build:www`) in plain Chromium: the playground checks
// as you type with the Wasm engine, the card applies and undo restores, the examples load, the
// catalog lists every rule of the pack and filters by framework, every page is axe-clean, and the
// site never asks for anything outside its own origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { serveDir } from "../../../www/build/serve.mjs";
import { ROOT } from "../../../extension/build/chromium.mjs";

const SITE = join(ROOT, "dist", "www");
const SHOTS = join(ROOT, "dist", "screenshots");
const BIN = process.env.CLAIMLINT_BIN ?? join(ROOT, "target", "release", "claimlint");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let server, browser, context;
const requests = [];
const problems = [];

before(async () => {
  assert.ok(existsSync(join(SITE, "index.html")), "dist/www is missing: run `npm run build:www`");
  mkdirSync(SHOTS, { recursive: true });
  server = await serveDir(SITE);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (page) => {
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${page.url()}: console.${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The CLI's findings for `text` (rule and flagged text), the reference for the Wasm engine. */
function cliFindings(text) {
  let out;
  try {
    out = execFileSync(BIN, ["check", "--format", "json"], { input: text, encoding: "utf8" });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  return JSON.parse(out).map((f) => `${f.rule}: ${f.text}`);
}

function rulesJson() {
  return JSON.parse(execFileSync(BIN, ["rules", "--format", "json"], { encoding: "utf8" }));
}

async function openPlayground() {
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.playground === "ready");
  return page;
}

/** Highlighted texts in the playground, by highlight name. */
const highlighted = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const name of ["claimlint-playground-error", "claimlint-playground-warning", "claimlint-playground-info"]) {
      out[name] = [...(CSS.highlights.get(name) ?? [])].map((r) => r.toString());
    }
    return out;
  });

/** The findings list under the editor, as "rule-less" texts in order. */
const listed = (page) => page.locator("#findings .finding-text").allTextContents();

async function replaceText(page, text) {
  const area = page.locator("#playground-text");
  await area.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await area.pressSequentially(text);
}

/** Clicks the middle of the first highlighted range (the textarea lies over the mirror). */
async function clickClaim(page, name = "claimlint-playground-error") {
  const box = await page.evaluate((name) => {
    const range = [...CSS.highlights.get(name)][0];
    const r = range.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, name);
  await page.mouse.click(box.x, box.y);
}

const card = (page) => page.locator("#card-host .card");

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(violations, [], `${label}: axe violations`);
}

test("typing a claim highlights it and lists it, as the CLI finds it", async () => {
  const page = await openPlayground();
  const sentence = "Acme is SOC 2 certified and ISO 27001 certified.";
  await replaceText(page, sentence);
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  assert.deepEqual(await highlighted(page), { "claimlint-playground-error": ["SOC 2 certified"], "claimlint-playground-warning": [], "claimlint-playground-info": [] });
  assert.deepEqual(await listed(page), ["“SOC 2 certified”"]);
  assert.deepEqual(cliFindings(sentence), ["soc2-certified: SOC 2 certified"]);
  // Editing the claim away removes its highlight.
  await replaceText(page, "Acme is SOC 2 attested.");
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 0);
  assert.equal(await page.locator("#findings-summary").textContent(), "No inaccurate claims found.");
  await page.close();
});

test("the card opens on the claim; apply replaces exactly the claim; undo restores it", async () => {
  const page = await openPlayground();
  const before = "Our platform is SOC 2 certified, and HIPAA ready.";
  await replaceText(page, before);
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  await clickClaim(page);
  await card(page).waitFor();
  assert.equal(await card(page).locator(".quote").textContent(), "“SOC 2 certified”");
  assert.match(await card(page).locator(".why").textContent(), /attestation/);
  const replacement = await card(page).locator(".replacement").first().textContent();
  await page.screenshot({ path: join(SHOTS, "www-card.png") });
  await axe(page, "playground with the card open");

  // Typing after the claim keeps its card; the card still applies to the right place.
  await page.locator("#playground-text").press("End");
  await page.keyboard.type(" Really.");
  await page.waitForFunction(() => document.querySelector("#playground-text").value.endsWith("Really."));
  assert.equal(await card(page).locator(".quote").textContent(), "“SOC 2 certified”");
  await page.keyboard.press("Backspace");
  for (let i = 0; i < " Really".length; i++) await page.keyboard.press("Backspace");
  assert.equal(await page.locator("#playground-text").inputValue(), before);
  await card(page).locator(".apply").first().click();
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 0);
  const after = await page.locator("#playground-text").inputValue();
  assert.equal(after, before.replace("SOC 2 certified", replacement));
  assert.equal(await card(page).count(), 0);
  // The textarea keeps the focus, and its own undo brings the claim back.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "playground-text");
  await page.keyboard.press("Control+Z");
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  assert.equal(await page.locator("#playground-text").inputValue(), before);
  await page.keyboard.press("Control+Shift+Z");
  assert.equal(await page.locator("#playground-text").inputValue(), after);
  await page.close();
});

test("hovering a claim opens its card; leaving claim and card closes it", async () => {
  const page = await openPlayground();
  await replaceText(page, "Our vault is PCI certified.\n\n\n\n\n\nMore text here.");
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  const box = await page.evaluate(() => {
    const r = [...CSS.highlights.get("claimlint-playground-error")][0].getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y - 200);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  await card(page).waitFor();
  assert.equal(await card(page).locator(".quote").textContent(), "“PCI certified”");
  // Moving onto the card keeps it open.
  const cardBox = await card(page).boundingBox();
  await page.mouse.move(cardBox.x + 20, cardBox.y + 20, { steps: 4 });
  await page.waitForTimeout(700);
  assert.equal(await card(page).count(), 1);
  // Away from both: it closes.
  await page.mouse.move(5, 5, { steps: 4 });
  await card(page).waitFor({ state: "detached" });
  await page.close();
});

test("highlights stay under their words in a scrolled, wrapped text area", async () => {
  const page = await openPlayground();
  // Long wrapped lines and many short ones push the claim far below the fold.
  const filler = Array.from({ length: 40 }, (_, i) => (i % 5 === 0 ? "A long line that wraps. ".repeat(12) : `Line ${i}.`)).join("\n");
  const text = `${filler}\nFinally, we are HIPAA certified.\n${filler}`;
  await page.locator("#playground-text").fill(text);
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  await page.evaluate(() => {
    const area = document.querySelector("#playground-text");
    const range = [...CSS.highlights.get("claimlint-playground-error")][0];
    area.scrollTop += range.getBoundingClientRect().top - area.getBoundingClientRect().top - 80;
  });
  await page.waitForFunction(() => document.querySelector("#playground-mirror").scrollTop === document.querySelector("#playground-text").scrollTop);
  const geometry = await page.evaluate(() => {
    const area = document.querySelector("#playground-text").getBoundingClientRect();
    const claim = [...CSS.highlights.get("claimlint-playground-error")][0].getBoundingClientRect();
    return { scrolled: document.querySelector("#playground-text").scrollTop, inside: claim.top > area.top && claim.bottom < area.bottom };
  });
  assert.ok(geometry.scrolled > 500 && geometry.inside, JSON.stringify(geometry));
  // A click where the highlight is drawn puts the textarea's caret in the claim: they line up.
  await clickClaim(page);
  await card(page).waitFor();
  assert.equal(await card(page).locator(".quote").textContent(), "“HIPAA certified”");
  await page.screenshot({ path: join(SHOTS, "www-scrolled.png") });
  await page.close();
});

test("keyboard: Alt+Enter in a claim moves focus into the card, Escape returns it", async () => {
  const page = await openPlayground();
  await replaceText(page, "We are PCI certified.");
  await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Alt+Enter");
  await card(page).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector("#card-host").shadowRoot.activeElement?.className), "apply");
  await page.keyboard.press("Escape");
  assert.equal(await card(page).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "playground-text");
  // The findings list opens the same card from a button.
  await page.locator(".finding-open").first().click();
  await card(page).waitFor();
  assert.equal(await card(page).locator(".quote").textContent(), "“PCI certified”");
  await page.close();
});

test("each example loads and is checked as the CLI checks it", async () => {
  const page = await openPlayground();
  const buttons = page.locator("#examples button");
  const n = await buttons.count();
  assert.ok(n >= 4, `${n} examples`);
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const label = await buttons.nth(i).textContent();
    await buttons.nth(i).click();
    const text = await page.locator("#playground-text").inputValue();
    assert.ok(text.length > 40 && !seen.has(text), label);
    seen.add(text);
    const expected = cliFindings(text);
    const shown = await page.evaluate(() => {
      const all = [];
      for (const name of ["claimlint-playground-error", "claimlint-playground-warning", "claimlint-playground-info"]) {
        for (const r of CSS.highlights.get(name) ?? []) all.push([r.startOffset, r.toString()]);
      }
      return all.sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    });
    assert.deepEqual(shown, expected.map((f) => f.slice(f.indexOf(": ") + 2)), label);
    assert.equal((await listed(page)).length, expected.length, label);
    if (/mentions only/i.test(label)) assert.equal(expected.length, 0, "the article only mentions the phrases");
    else assert.ok(expected.length >= 2, `${label}: ${expected}`);
    if (i === 0) await page.screenshot({ path: join(SHOTS, "www-playground.png") });
  }
  await page.close();
});

test("keeps working offline once loaded", async () => {
  const page = await openPlayground();
  await context.setOffline(true);
  try {
    await replaceText(page, "We hold a SOC 2 certificate.");
    await page.waitForFunction(() => CSS.highlights.get("claimlint-playground-error")?.size === 1);
    assert.deepEqual((await highlighted(page))["claimlint-playground-error"], ["SOC 2 certificate"]);
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test("the catalog lists every rule of the pack, with its examples, and filters by framework", async () => {
  const rules = rulesJson();
  const page = await context.newPage();
  await page.goto(`${server.origin}/rules.html`);
  const ids = await page.locator("article.rule").evaluateAll((as) => as.map((a) => a.id));
  assert.equal(ids.length, rules.length);
  assert.deepEqual(ids, rules.map((r) => r.id));
  for (const rule of rules) {
    const article = page.locator(`article.rule[id="${rule.id}"]`);
    assert.equal(await article.locator("ul.flag > li").count(), rule.examples.flag.length, rule.id);
    assert.equal(await article.locator("ul.not-flag > li").count(), rule.examples.not_flag.length, rule.id);
    assert.equal(await article.locator(".severity").textContent(), rule.severity);
    if (rule.governed_by) assert.equal(await article.locator(".facts dd").first().textContent(), rule.governed_by);
    if (rule.link) assert.equal(await article.locator(".sources a").first().getAttribute("href"), rule.link);
  }
  await page.screenshot({ path: join(SHOTS, "www-rules.png") });
  await axe(page, "rules.html");

  const visible = () => page.locator("article.rule:visible").evaluateAll((as) => as.map((a) => a.id));
  await page.locator('button[data-framework="hipaa"]').click();
  assert.deepEqual(await visible(), rules.filter((r) => r.tags.includes("hipaa")).map((r) => r.id));
  assert.equal(await page.locator('button[data-framework="hipaa"]').getAttribute("aria-pressed"), "true");
  assert.match(page.url(), /framework=hipaa/);
  await page.locator('button[data-framework="soc2"]').click();
  const soc2 = rules.filter((r) => r.tags.includes("soc2"));
  assert.deepEqual(await visible(), soc2.map((r) => r.id));
  await page.locator("#rule-search").fill("badge");
  const badge = await visible();
  assert.ok(badge.length >= 1 && badge.length < soc2.length, String(badge));
  assert.equal(await page.locator("#rule-count").textContent(), `${badge.length} of ${rules.length} rules`);
  await page.screenshot({ path: join(SHOTS, "www-rules-filtered.png") });
  await page.locator("#rule-search").fill("");
  await page.locator('button[data-framework=""]').click();
  assert.equal((await visible()).length, rules.length);

  // A framework in the address (a shared link) is applied on load.
  await page.goto(`${server.origin}/rules.html?framework=pci`);
  assert.deepEqual(await visible(), rules.filter((r) => r.tags.includes("pci")).map((r) => r.id));
  await page.close();
});

test("every page is axe-clean, titled, described, and its images have alt text", async () => {
  for (const path of ["/", "/rules.html", "/cli.html", "/rule-packs.html"]) {
    const page = await context.newPage();
    await page.goto(server.origin + path);
    if (path === "/") await page.waitForFunction(() => document.documentElement.dataset.playground === "ready");
    assert.ok((await page.title()).length > 20, path);
    assert.ok(((await page.locator('meta[name="description"]').getAttribute("content")) ?? "").length > 50, path);
    assert.equal(await page.locator("img:not([alt])").count(), 0, path);
    assert.equal(await page.locator("h1").count(), 1, path);
    await axe(page, path);
    const name = path === "/" ? "home" : path.slice(1, -5);
    await page.screenshot({ path: join(SHOTS, `www-${name}.png`), fullPage: path !== "/rules.html" });
    await page.close();
  }
  // A phone-sized screen.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  phone.on("request", (r) => requests.push(r.url()));
  for (const path of ["/", "/rules.html", "/cli.html", "/rule-packs.html"]) {
    const small = await phone.newPage();
    await small.goto(server.origin + path);
    if (path === "/") await small.waitForFunction(() => document.documentElement.dataset.playground === "ready");
    assert.equal(await small.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, `${path}: no horizontal scrolling`);
    await axe(small, `${path} on a phone`);
    if (path === "/") {
      await small.locator("#playground").scrollIntoViewIfNeeded();
      await small.screenshot({ path: join(SHOTS, "www-phone.png") });
    }
    await small.close();
  }
  await phone.close();

  // The install downloads are the built extension zips.
  for (const b of ["chromium", "firefox"]) {
    const res = await fetch(`${server.origin}/downloads/claimlint-${b}.zip`);
    assert.equal(res.status, 200);
    assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString(), "PK");
  }
});

test("time to interactive (benchmark figure, not a limit)", async (t) => {
  // A fresh context per load: nothing cached from earlier loads.
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const fresh = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    fresh.on("request", (r) => requests.push(r.url()));
    const page = await fresh.newPage();
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => document.documentElement.dataset.playground === "ready");
    runs.push(
      await page.evaluate(() => ({
        dcl: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
        ready: performance.getEntriesByName("claimlint:playground-ready")[0].startTime,
      })),
    );
    await fresh.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ready = runs.map((r) => r.ready);
  t.diagnostic(
    `from navigation start, median of ${runs.length} cold loads: DOMContentLoaded ${median(runs.map((r) => r.dcl)).toFixed(0)} ms; ` +
      `playground ready (engine loaded, example checked and listed) ${median(ready).toFixed(0)} ms (min ${Math.min(...ready).toFixed(0)}, max ${Math.max(...ready).toFixed(0)})`,
  );
  assert.ok(runs.every((r) => r.ready >= r.dcl));
});

test("no console errors, and no request outside the site's own origin", () => {
  assert.deepEqual(problems, []);
  assert.ok(requests.length > 10, `${requests.length} requests`);
  assert.deepEqual(
    requests.filter((u) => !u.startsWith(`${server.origin}/`)),
    [],
  );
  assert.ok(requests.some((u) => u.endsWith("/pkg/claimlint_bg.wasm")) && requests.some((u) => u.endsWith("/pkg/rules.bin")));
});
