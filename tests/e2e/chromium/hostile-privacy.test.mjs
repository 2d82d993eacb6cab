// Privacy and permissions: the extension pages' strict CSP is in the manifest and applied (no
// request leaves an extension page or the worker, no inline script or style runs); the README's
// permission table matches the manifest; and the suite's request recorder (tests/e2e/lib/chromium.mjs,
// asserted at the end of every test file) sees the worker, the extension pages and page worlds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve } from "../lib/server.mjs";
import { ROOT, launch, waitForErrors, waitForReport } from "../lib/chromium.mjs";
import { EXTENSION_CSP } from "../../../extension/build/manifest.mjs";

let server, browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** In an extension page: tries to reach the fixture server and run inline code; returns what got through. */
function probe(page, origin) {
  return page.evaluate(async (origin) => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
    const fetched = await fetch(`${origin}/probe-fetch`).then(() => "loaded", () => "blocked");
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true";
    document.body.append(script);
    const style = document.createElement("style");
    style.textContent = "body { --probe: 1 }";
    document.head.append(style);
    const img = new Image();
    const image = await new Promise((resolve) => {
      img.onload = () => resolve("loaded");
      img.onerror = () => resolve("blocked");
      img.src = `${origin}/probe-image.png`;
    });
    await new Promise((r) => setTimeout(r, 100));
    return {
      fetched,
      image,
      inlineRan: window.inlineRan ?? false,
      styled: getComputedStyle(document.body).getPropertyValue("--probe") !== "",
      violations: [...new Set(violations)].sort(),
    };
  }, origin);
}

test("the manifest's CSP for extension pages is the strict one, and it is applied", async () => {
  const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
  assert.equal(manifest.content_security_policy.extension_pages, EXTENSION_CSP);
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "script-src 'self' 'wasm-unsafe-eval'"]) {
    assert.ok(EXTENSION_CSP.split("; ").includes(directive), directive);
  }
  for (const path of ["popup.html", "options.html"]) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.id}/${path}`);
    const got = await probe(page, server.origin);
    assert.deepEqual(got, {
      fetched: "blocked",
      image: "blocked",
      inlineRan: false,
      styled: false,
      violations: ["connect-src", "img-src", "script-src-elem", "style-src-elem"],
    }, path);
    await page.close();
  }
  // The worker too (the policy covers it): a fetch to the fixture server is refused.
  const fromWorker = await browser.worker.evaluate((origin) => fetch(`${origin}/probe-worker`).then(() => "loaded", () => "blocked"), server.origin);
  assert.equal(fromWorker, "blocked");
  assert.deepEqual(server.requests.filter((p) => p.startsWith("/probe")), [], "no probe reached the server");
});

test("the README's permission table matches the manifest", async () => {
  const manifest = JSON.parse(await readFile(join(ROOT, "dist/chromium/manifest.json"), "utf8"));
  const readme = await readFile(join(ROOT, "extension/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Permissions"), readme.indexOf("## Privacy"));
  const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| permission") && !l.startsWith("|---"));
  const firstCells = rows.map((l) => l.split("|")[1].trim());
  // Each API permission has its own row (a backticked name alone in the first cell), and no more.
  const documented = firstCells.map((c) => /^`(\w+)`$/.exec(c)?.[1]).filter(Boolean).sort();
  assert.deepEqual(documented, [...manifest.permissions].sort());
  // The content script's reach and the CSP's one allowance have rows; the policy is quoted whole.
  const scripts = manifest.content_scripts;
  assert.equal(scripts.length, 1);
  assert.deepEqual(scripts[0].matches, ["<all_urls>"]);
  assert.equal(scripts[0].all_frames, true);
  assert.ok(firstCells.some((c) => c.includes("`<all_urls>`") && c.includes("all frames")), "content script row");
  assert.ok(firstCells.some((c) => c.includes("'wasm-unsafe-eval'")), "CSP row");
  assert.ok(section.includes(`\`${manifest.content_security_policy.extension_pages}\``), "the CSP is quoted in full");
  // What the README says the extension does not have, it does not have.
  for (const key of ["host_permissions", "optional_permissions", "optional_host_permissions", "web_accessible_resources", "externally_connectable"]) {
    assert.equal(manifest[key], undefined, key);
  }
  for (const name of ["tabs", "activeTab", "scripting", "clipboardWrite"]) {
    assert.ok(section.includes(`\`${name}\``) && !manifest.permissions.includes(name), name);
  }
});

test("the request recorder sees the worker, extension pages and a page's isolated worlds", async () => {
  const url = `${server.origin}/saas.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForErrors(page, 3);
  await waitForReport(browser.worker, url, (r) => r.frames["0"]?.checked);
  // A fetch from an isolated world of the page, as a content script's would be.
  const cdp = await browser.context.newCDPSession(page);
  const { frameTree } = await cdp.send("Page.getFrameTree");
  const { executionContextId } = await cdp.send("Page.createIsolatedWorld", { frameId: frameTree.frame.id, worldName: "like-a-content-script" });
  await cdp.send("Runtime.evaluate", { expression: `fetch("/isolated-probe").then((r) => r.status)`, contextId: executionContextId, awaitPromise: true });
  await cdp.detach();
  await page.close();
  const seen = (test) => browser.network.some(test);
  assert.ok(seen((r) => r.source === "worker" && r.url.endsWith("/pkg/claimlint_bg.wasm")), "the worker's engine fetch");
  assert.ok(seen((r) => r.url === `chrome-extension://${browser.id}/popup.html`), "the popup");
  assert.ok(seen((r) => r.url === `chrome-extension://${browser.id}/options.html`), "the options page");
  assert.ok(seen((r) => r.url === `${server.origin}/isolated-probe`), "an isolated world's fetch");
  assert.deepEqual(browser.foreignRequests(), []);
});
