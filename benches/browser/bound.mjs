// The least a check that follows the extension's reading rules can cost the page's thread, measured
// next to the floor in the same tab: a lower bound for the "full check <= 2x the floor" budget.
//
// The lean check below does only what the issue requires of a full check, with plain arrays and
// no product around it: read the visible text per block (the product's skip and inline lists, a
// block read with one `textContent` when it holds inline content only, `checkVisibility` per
// block), send it to the engine in the background worker in one message, and turn every finding
// into a Range in one highlight. No script to evaluate, no settings, no observer, no batching or
// yielding, no report, no snippets. It runs in the content script's own isolated world (the site
// switched off, so the content script has started, sent its first message and stopped) and has
// the worker's real engine answer it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../tests/e2e/lib/chromium.mjs";
import { FLOOR, floorCpu, startTrace, stopTrace } from "./trace.mjs";
import { median, setSiteOff } from "./plain.mjs";

const TAGS = JSON.parse(readFileSync(join(ROOT, "extension", "src", "content", "tags.json"), "utf8"));

/** Runs in the page (stringified): the lean check. Marks give each part's thread CPU in the trace. */
async function leanCheck({ skipped, inline, separator }) {
  performance.mark("bench:floor-start:lean");
  performance.mark("bench:floor-start:lean-read");
  const SKIP = new Set(skipped);
  const INLINE = new Set(inline);
  const NOT_PLAIN = `:not(${inline.join(",")}),[hidden],[contenteditable]`;
  const texts = [];
  const owners = [];
  const tables = []; // text nodes and their offsets, or null for a block read by textContent
  let nodes = [];
  let starts = [];
  let text = "";
  const blocks = [document.body];
  const flush = () => {
    if (nodes.length && /\S/.test(text)) {
      texts.push(text);
      owners.push(blocks[blocks.length - 1]);
      tables.push({ nodes, starts });
    }
    nodes = [];
    starts = [];
    text = "";
  };
  const path = [];
  let node = document.body.firstChild;
  while (node) {
    let descend = null;
    if (node.nodeType === 3) {
      const data = node.data;
      if (data) {
        starts.push(text.length);
        nodes.push(node);
        text += data;
      }
    } else if (node.nodeType === 1) {
      const name = node.localName;
      if (name === "br") text += " ";
      else if (SKIP.has(name)) flush();
      else if (INLINE.has(name)) {
        if (!node.hasAttribute("hidden") && !node.hasAttribute("contenteditable")) descend = node.firstChild;
      } else {
        flush();
        if (!node.hasAttribute("hidden") && !node.hasAttribute("contenteditable") && node.checkVisibility({ visibilityProperty: true })) {
          if (!node.querySelector(NOT_PLAIN)) {
            const content = node.textContent;
            if (/\S/.test(content)) {
              texts.push(content);
              owners.push(node);
              tables.push(null);
            }
          } else if ((descend = node.firstChild)) blocks.push(node);
        }
      }
    }
    if (descend) {
      path.push(node);
      node = descend;
      continue;
    }
    let next = node.nextSibling;
    while (!next) {
      const parent = path.pop();
      if (!parent) break;
      if (parent === blocks[blocks.length - 1]) {
        flush();
        blocks.pop();
      }
      next = parent.nextSibling;
    }
    node = next;
  }
  flush();
  performance.mark("bench:floor-end:lean-read");
  // One message: the worker joins the blocks with the separator and checks them.
  const { findings } = await chrome.runtime.sendMessage({ kind: "check", text: texts });
  performance.mark("bench:floor-start:lean-ranges");
  const highlight = new Highlight();
  CSS.highlights.set("bench-lean", highlight);
  let block = 0;
  let base = 0;
  for (const f of findings) {
    while (base + texts[block].length < f.start) base += texts[block++].length + separator.length;
    let table = tables[block];
    if (!table) {
      table = tables[block] = { nodes: [], starts: [] };
      const walker = document.createTreeWalker(owners[block], NodeFilter.SHOW_TEXT);
      let length = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.data) continue;
        table.nodes.push(n);
        table.starts.push(length);
        length += n.data.length;
      }
    }
    const at = (offset, end) => {
      let lo = 0;
      let hi = table.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (table.starts[mid] < offset || (!end && table.starts[mid] === offset)) lo = mid;
        else hi = mid - 1;
      }
      return [table.nodes[lo], Math.min(offset - table.starts[lo], table.nodes[lo].data.length)];
    };
    const range = document.createRange();
    range.setStart(...at(f.start - base, false));
    range.setEnd(...at(f.end - base, true));
    highlight.add(range);
  }
  performance.mark("bench:floor-end:lean-ranges");
  performance.mark("bench:floor-end:lean");
  const found = highlight.size;
  CSS.highlights.delete("bench-lean");
  return { blocks: texts.length, found };
}

async function evaluate(cdp, expression, contextId) {
  const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", { expression, contextId, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`lower bound: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/** One load: the lean check in the content script's world and the floor in a new isolated world. */
async function boundLoad(context, url, extensionId, leanFirst) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  try {
    const worlds = [];
    cdp.on("Runtime.executionContextCreated", ({ context }) => worlds.push(context));
    await cdp.send("Runtime.enable");
    await tab.goto(url, { waitUntil: "load" });
    await tab.waitForTimeout(300); // the content script has asked for its settings and stopped
    const { frameTree } = await cdp.send("Page.getFrameTree");
    const own = worlds.find((w) => w.auxData?.frameId === frameTree.frame.id && w.origin === `chrome-extension://${extensionId}`);
    if (!own) throw new Error("lower bound: the content script's world was not found");
    const { executionContextId } = await cdp.send("Page.createIsolatedWorld", { frameId: frameTree.frame.id, worldName: `floor-${Math.random()}` });
    const lean = `(${leanCheck})(${JSON.stringify({ ...TAGS, separator: "\n\n" })})`;
    await startTrace(cdp);
    let result;
    // Alternated, so neither always runs on a thread the other has just warmed.
    if (leanFirst) result = await evaluate(cdp, lean, own.id);
    await evaluate(cdp, FLOOR("floor"), executionContextId);
    if (!leanFirst) result = await evaluate(cdp, lean, own.id);
    const cpu = floorCpu(await stopTrace(cdp));
    return { ...result, floor: cpu.floor, lean: cpu.lean, read: cpu["lean-read"], ranges: cpu["lean-ranges"] };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

const round = (x) => Math.round(x * 100) / 100;

/**
 * Medians (thread CPU, ms) over `runs` loads of `url` after `warmup`: the floor, the lean check and
 * its parts (read; send = the message and its answer; ranges), and lean / floor per load.
 */
export async function measureLowerBound({ context, worker, id }, url, runs, warmup) {
  const site = new URL(url).hostname;
  await setSiteOff(worker, site, true);
  try {
    const loads = [];
    for (let i = 0; i < warmup + runs; i++) {
      const load = await boundLoad(context, url, id, i % 2 === 0);
      if (i >= warmup) loads.push(load);
    }
    const m = (f) => round(median(loads.map(f)));
    return {
      runs,
      blocks: loads[0].blocks,
      found: loads[0].found,
      floor: m((l) => l.floor),
      lean: m((l) => l.lean),
      read: m((l) => l.read),
      send: m((l) => l.lean - l.read - l.ranges),
      ranges: m((l) => l.ranges),
      ratio: m((l) => l.lean / l.floor),
      ratios: loads.map((l) => round(l.lean / l.floor)),
    };
  } finally {
    await setSiteOff(worker, site, false);
  }
}
