// Highlights on fixture pages in Chromium: which ranges are highlighted, on which engine path,
// in frames, shadow roots and dynamic pages, what must not fire, and that nothing goes to the network.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../lib/server.mjs";
import { launch, highlights, waitForErrors, waitForReport } from "../lib/chromium.mjs";

let server, browser;
const network = [];

before(async () => {
  server = await serve();
  browser = await launch();
  browser.context.on("request", (r) => network.push(r.url()));
  browser.worker.on("request", (r) => network.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("SaaS page: visible claims highlighted, hidden/code/editable text ignored", async () => {
  const page = await browser.context.newPage();
  const url = `${server.origin}/saas.html`;
  await page.goto(url);
  await waitForErrors(page, 3);
  const report = await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  assert.deepEqual(await highlights(page), {
    "claimlint-error": ["HIPAA certified", "PCI certified", "SOC 2 certified"],
    "claimlint-warning": [],
    "claimlint-info": [],
  });
  assert.equal(report.frames["0"].engine, "content");
  assert.deepEqual(report.frames["0"].findings.map((f) => f.rule), ["soc2-certified", "hipaa-certified", "pci-certified"]);
  await page.close();
});
