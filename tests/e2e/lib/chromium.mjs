// Launches Debian Chromium (headless) with the unpacked dist/chromium extension through
// Playwright, and gives tests what they need to look inside: highlights, reports, popup, card.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, EXTENSION, launchWithExtension } from "../../../extension/build/chromium.mjs";

export { ROOT, EXTENSION };
export const SCREENSHOTS = join(ROOT, "dist", "screenshots");

/**
 * Launches Chromium with the extension and records every request made in the browser: pages and
 * their frames (content scripts' fetches go through their frame), extension pages (popup, options)
 * and the extension's service worker. `close()` fails the test file (exit code 1) when any request went
 * anywhere but a local fixture server (127.0.0.1, or localhost for a cross-site frame) or the extension's own files.
 */
export async function launch({ headless = true, colorScheme = "light", extension, backForwardCache } = {}) {
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
  const browser = await launchWithExtension({ headless, colorScheme, extension, backForwardCache });
  const network = [];
  const record = (source) => (request) => network.push({ source: request.serviceWorker() ? "worker" : source, url: request.url() });
  const watchWorker = (worker) => worker.on("request", record("worker"));
  browser.context.on("request", record("page"));
  browser.context.on("serviceworker", watchWorker);
  for (const worker of browser.context.serviceWorkers()) watchWorker(worker);
  const close = browser.close;
  return {
    ...browser,
    network,
    /** Recorded requests to anywhere but the fixture servers and the extension's own files. */
    foreignRequests: () => network.filter((r) => !isLocal(r.url, browser.id)),
    async close() {
      await close();
      // Not thrown: the file's other clean-up (its server) must still run. A non-zero exit code
      // fails the file under `node --test`.
      const foreign = network.filter((r) => !isLocal(r.url, browser.id));
      if (foreign.length) {
        console.error(`requests left the machine: ${JSON.stringify(foreign.slice(0, 10))}`);
        process.exitCode = 1;
      }
    },
  };
}

/** A fixture server on 127.0.0.1, the extension's own files, or a document that is no request at all. */
export function isLocal(url, id) {
  // chrome-extension://invalid/ is what Chromium turns a page's request for an extension file
  // that is not web-accessible into (refused inside the browser).
  if (/^(about:(blank|srcdoc)|data:|chrome-extension:\/\/invalid\/)/.test(url)) return true;
  const own = `chrome-extension://${id}/`;
  const bare = url.startsWith("blob:") ? url.slice(5) : url;
  return bare.startsWith(own) || /^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(bare);
}

/** Text of every claimlint highlight range in a frame, by highlight name. */
export function highlights(frame) {
  return frame.evaluate(() => {
    const out = {};
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("claimlint-") || name === "claimlint-flash") continue;
      out[name] = [...h].map((r) => r.toString().replace(/\s+/g, " ")).sort();
    }
    return out;
  });
}

/** Waits until a frame shows at least `n` error highlights. */
export function waitForErrors(frame, n, timeout = 10000) {
  return frame.waitForFunction((n) => (CSS.highlights.get("claimlint-error")?.size ?? 0) >= n, n, { timeout });
}

/** The stored report of the tab showing `url` (from the background worker): {tabId, frames}. */
export async function tabReport(worker, url) {
  return worker.evaluate(async (url) => {
    const all = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith("tab:")) continue;
      if (Object.values(value.frames).some((f) => f.url === url)) return { tabId: Number(key.slice(4)), ...value };
    }
    return null;
  }, url);
}

/** Polls until `predicate(report)` holds for the tab showing `url`. */
export async function waitForReport(worker, url, predicate, timeout = 10000) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    last = await tabReport(worker, url);
    if (last && predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`report for ${url} not as expected: ${JSON.stringify(last)?.slice(0, 800)}`);
}

export async function resetSettings(worker) {
  await worker.evaluate(() => Promise.all([chrome.storage.local.clear(), chrome.storage.sync.clear()]));
}

export async function openPopup(context, id, tabId) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  return popup;
}

/** Runs `fn` (a function source taking the card's closed shadow root) via CDP, which pierces closed roots. */
export async function inCard(context, page, fn, arg = null) {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
    const find = (node) => {
      if (node.localName === "claimlint-card") return node;
      // Frames' documents too (the card of an editor in an iframe lives there).
      for (const c of [...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const host = find(root);
    const shadow = host?.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId });
    const { result, exceptionDetails } = await cdp.send("Runtime.callFunctionOn", {
      objectId: object.objectId,
      functionDeclaration: `function(arg) { return (${fn}).call(null, this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(JSON.stringify(exceptionDetails));
    return { mode: shadow.shadowRootType, value: result.value };
  } finally {
    await cdp.detach();
  }
}

/** Waits for the card to show; returns its texts. */
export async function waitForCard(context, page, timeout = 5000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const got = await inCard(context, page, (root) => {
      const card = root.querySelector(".card");
      if (!card) return null;
      const text = (sel) => card.querySelector(sel)?.textContent ?? null;
      return {
        claim: text(".claim"),
        why: text(".why"),
        explanation: text(".explanation"),
        explanationHidden: card.querySelector(".explanation")?.hidden ?? null,
        suggestions: [...card.querySelectorAll(".replacement")].map((e) => e.textContent),
        buttons: [...card.querySelectorAll("button")].map((e) => e.textContent),
        rect: card.getBoundingClientRect().toJSON(),
      };
    });
    if (got?.value) return { mode: got.mode, ...got.value };
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Center of an element inside the card (by selector, nth match), for real mouse clicks. */
export async function cardPoint(context, page, selector, nth = 0) {
  const got = await inCard(
    context,
    page,
    (root, [selector, nth]) => {
      const e = root.querySelectorAll(selector)[nth];
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [selector, nth],
  );
  return got?.value ?? null;
}

/** Center of the first client rect of the highlighted range whose text is `text`. */
export function highlightPoint(frame, text) {
  return frame.evaluate((text) => {
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("claimlint-")) continue;
      for (const r of h) {
        if (r.toString().replace(/\s+/g, " ") !== text) continue;
        const rect = r.getClientRects()[0];
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/** Counts the check requests reaching the background worker from now on. */
export async function countChecks(worker) {
  await worker.evaluate(() => {
    globalThis.checksSeen = 0;
    if (globalThis.checkCounter) return;
    globalThis.checkCounter = (message) => {
      if (message?.kind === "check") globalThis.checksSeen++;
    };
    chrome.runtime.onMessage.addListener(globalThis.checkCounter);
  });
  return () => worker.evaluate(() => globalThis.checksSeen);
}
