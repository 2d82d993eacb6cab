// Page changes that must not produce highlights (text typed into an editor, CSS written into a
// <style>, content added hidden) and ones that must (hidden content shown, a block ending in <br>).
// Negative cases are followed by a positive change in a normal block: updates are processed in
// order, so once the positive one is highlighted, the negative one had its chance.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, highlights } from "../lib/chromium.mjs";

let server, browser, page;

before(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(`${server.origin}/edges.html`);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= 1);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const errors = () => highlights(page).then((h) => h["claimlint-error"]);

/** Appends a paragraph to <main> and waits until its claim is highlighted. */
async function marker(text) {
  await page.evaluate((text) => {
    const p = document.createElement("p");
    p.textContent = text;
    document.getElementById("main").append(p);
  }, text);
  await page.waitForFunction(
    (text) => [...(CSS.highlights.get("claimlint-error") ?? [])].some((r) => r.toString() === text),
    text.replace(/^We are |\.$/g, ""),
  );
}

test("a block ending in <br> keeps its finding", async () => {
  assert.deepEqual(await errors(), ["SOC 2 certified"]);
});

test("text typed into a contenteditable editor is not highlighted by the page checker", async () => {
  await page.click("#draft");
  await page.keyboard.press("End");
  await page.keyboard.type("We are HIPAA certified.");
  await marker("We are PCI certified.");
  assert.deepEqual(await errors(), ["PCI certified", "SOC 2 certified"]);
});

test("CSS written into <style> elements is not read as page text", async () => {
  await page.evaluate(() => {
    const head = document.createElement("style");
    document.head.append(head);
    head.textContent = "/* We are ISO 27001 attested. */ p { margin: 1em; }";
    const body = document.createElement("style");
    document.body.append(body);
    body.append("/* We are GDPR certified. */");
  });
  await marker("We are NIST certified.");
  const found = await errors();
  assert.ok(!found.some((t) => /ISO|GDPR/.test(t)), found.join(", "));
});

test("content added hidden is not read; shown, it is; hidden again, its highlight goes", async () => {
  await page.evaluate(() => {
    const section = document.createElement("section");
    section.className = "off";
    section.id = "later";
    section.innerHTML = "<p>We are TISAX certified.</p>";
    document.getElementById("main").append(section);
  });
  await marker("We are IRAP certified.");
  assert.ok(!(await errors()).includes("TISAX certified"));
  await page.evaluate(() => (document.getElementById("later").className = ""));
  await page.waitForFunction(() =>
    [...(CSS.highlights.get("claimlint-error") ?? [])].some((r) => r.toString() === "TISAX certified"),
  );
  await page.evaluate(() => (document.getElementById("later").className = "off"));
  await page.waitForFunction(
    () => ![...(CSS.highlights.get("claimlint-error") ?? [])].some((r) => r.toString() === "TISAX certified"),
  );
});

test("the shipped build leaves no timing entries in the page's performance timeline", async () => {
  const names = await page.evaluate(() => performance.getEntries().map((e) => e.name).filter((n) => n.startsWith("claimlint")));
  assert.deepEqual(names, []);
});
