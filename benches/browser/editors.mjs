// What one keystroke costs the extension in an editor: a 50 KB contenteditable and a 50 KB
// textarea, in Debian Chromium (headless) with dist/chromium built with its timing marks.
//
//   npm run bench:editors                 50 KB documents, 200 keystrokes per rhythm
//   npm run bench:editors -- --smoke      8 KB documents, 12 keystrokes: sanity only, no targets
//   options: --bytes N, --keys N, --json FILE
//
// The writer types in the middle of the document in two rhythms: a burst (50 ms between keys:
// the typing pause never elapses, one check at the end) and a paused one (350 ms after each key:
// every keystroke is followed by a re-check of its block). Each keystroke is charged with the
// content script's work between its keydown and the next one, measured two ways:
// - thread CPU (the headline, immune to other processes on the machine): a CDP trace of the
//   typing; every top-level `FunctionCall` into the content script (event listeners, mutation
//   observers, timers, idle callbacks, message replies) counts with its thread time, including
//   any layout it forces;
// - wall time of the `claimlint:*` User Timing measures (names say where the time goes): the
//   editor's input/mutation handler (`editor-input`: for a textarea, the overlay's text update),
//   editor discovery (`editor-discover`), the debounced re-check (`editor-read`, `editor-send`:
//   handing the text to the engine in the background worker, `editor-ranges`) and the page
//   checker's reaction to the same mutations (`collect`).
// Percentiles over all keystrokes of a rhythm.
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { launch } from "../../tests/e2e/lib/chromium.mjs";
import { startTrace, stopTrace } from "./trace.mjs";
import { flag, option } from "../args.mjs";
import { useTimingBuild } from "./timing-build.mjs";

const SMOKE = flag("--smoke");
const BYTES = Number(option("--bytes", SMOKE ? 8 * 1024 : 50 * 1024));
const KEYS = Number(option("--keys", SMOKE ? 12 : 200));
const JSON_OUT = option("--json", null);
const TARGET_P95_MS = 2;

// ---------------------------------------------------------------------------------------------
// Documents: deterministic prose paragraphs (~400 characters), about one claim per 2 KB.

const WORDS = "the team ships dashboards exports audit logs and reports every week so customers can review access changes alerts and retention settings without waiting for support while admins keep".split(" ");
const CLAIMS = ["We are SOC 2 certified.", "Our hosting is HIPAA certified.", "The platform is GDPR certified."];

function paragraphs(bytes) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out = [];
  let total = 0;
  let sinceClaim = 0;
  while (total < bytes) {
    const words = [];
    while (words.join(" ").length < 380) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
    let p = words.join(" ");
    p = p[0].toUpperCase() + p.slice(1) + ".";
    if (sinceClaim > 2048) {
      p += " " + CLAIMS[out.length % CLAIMS.length];
      sinceClaim = 0;
    }
    out.push(p);
    total += p.length + 2;
    sinceClaim += p.length + 2;
  }
  return out;
}

function documents(bytes) {
  const paras = paragraphs(bytes);
  const style = "<style>body{font:16px/1.5 system-ui,sans-serif;margin:24px} #editor{width:760px;height:600px;overflow:auto;border:1px solid #999;padding:8px}</style>";
  const rich = `<!DOCTYPE html><meta charset="utf-8"><title>contenteditable</title>${style}<div id="editor" contenteditable="true">${paras.map((p) => `<p>${p}</p>`).join("")}</div>`;
  const field = `<!DOCTYPE html><meta charset="utf-8"><title>textarea</title>${style}<textarea id="editor">${paras.join("\n\n")}</textarea>`;
  return { "/contenteditable.html": rich, "/textarea.html": field, count: paras.length };
}

async function serve(pages) {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url, "http://127.0.0.1").pathname];
    if (typeof body !== "string") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

// ---------------------------------------------------------------------------------------------

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (x) => Math.round(x * 1000) / 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Places the caret in the middle paragraph of the editor. */
function caretToMiddle(page) {
  return page.evaluate(() => {
    const el = document.querySelector("#editor");
    el.focus();
    if (el.localName === "textarea") {
      const at = el.value.indexOf("\n\n", el.value.length / 2);
      el.setSelectionRange(at, at);
      return;
    }
    const ps = el.querySelectorAll("p");
    const text = ps[Math.floor(ps.length / 2)].firstChild;
    getSelection().setBaseAndExtent(text, text.data.length, text, text.data.length);
  });
}

/** Thread CPU (ms) of the content script's top-level calls between consecutive `bench:key` marks. */
function cpuPerKey(events, keys) {
  const marks = events.filter((e) => e.name === "bench:key").map((e) => e.ts).sort((a, b) => a - b);
  const calls = events
    .filter((e) => e.name === "FunctionCall" && e.ph === "X" && e.args?.data?.url?.endsWith("/content.js"))
    .sort((a, b) => a.ts - b.ts);
  const cost = marks.map(() => 0);
  let end = 0;
  for (const c of calls) {
    if (c.ts < end) continue; // nested in a call already counted
    end = c.ts + c.dur;
    let k = -1;
    while (k + 1 < marks.length && marks[k + 1] <= c.ts) k++;
    if (k >= 0) cost[k] += (c.tdur ?? c.dur) / 1000;
  }
  return { cost, marks: marks.length, expected: keys };
}

async function measureTyping(page, cdp, rhythm, keys) {
  await page.evaluate(() => {
    // The timing build holds its measures until asked (extension/src/shared/marks.ts).
    dispatchEvent(new Event("claimlint:flush"));
    performance.clearMeasures();
    window.keydowns = [];
    if (!window.keydownsListening) {
      addEventListener("keydown", () => {
        window.keydowns.push(performance.now());
        performance.mark("bench:key");
      }, true);
    }
    window.keydownsListening = true;
  });
  await startTrace(cdp);
  const text = " and more words typed here".repeat(20).slice(0, keys);
  if (rhythm === "burst") {
    await page.keyboard.type(text, { delay: 50 });
    await sleep(600); // the pause elapses: the one re-check runs
  } else {
    for (const ch of text) {
      await page.keyboard.type(ch);
      await sleep(350);
    }
  }
  const cpu = cpuPerKey(await stopTrace(cdp), keys);
  const marks = await page.evaluate(() => {
    dispatchEvent(new Event("claimlint:flush"));
    const downs = window.keydowns;
    const cost = downs.map(() => 0);
    const names = {};
    const counts = {};
    for (const m of performance.getEntriesByType("measure")) {
      if (!m.name.startsWith("claimlint:")) continue;
      let k = -1;
      while (k + 1 < downs.length && downs[k + 1] <= m.startTime) k++;
      if (k < 0) continue;
      cost[k] += m.duration;
      names[m.name] = (names[m.name] ?? 0) + m.duration;
      counts[m.name] = (counts[m.name] ?? 0) + 1;
    }
    return { cost, names, counts };
  });
  return { ...marks, cpu };
}

async function benchPage(context, url, label) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (CSS.highlights.get("claimlint-error")?.size ?? 0) > 0, null, { timeout: 30000 });
  const highlights = await page.evaluate(() => CSS.highlights.get("claimlint-error").size);
  await caretToMiddle(page);
  const cdp = await context.newCDPSession(page);
  const out = { label, highlights, rhythms: {} };
  for (const rhythm of ["burst", "paused"]) {
    const { cost, names, counts, cpu } = await measureTyping(page, cdp, rhythm, rhythm === "burst" ? KEYS : Math.max(6, Math.round(KEYS / 4)));
    const sorted = [...cpu.cost].sort((a, b) => a - b);
    const wall = [...cost].sort((a, b) => a - b);
    out.rhythms[rhythm] = {
      keystrokes: cpu.cost.length,
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      max: round(sorted[sorted.length - 1]),
      marksWall: { p50: round(percentile(wall, 50)), p95: round(percentile(wall, 95)), max: round(wall[wall.length - 1]) },
      totals: Object.fromEntries(Object.entries(names).map(([k, v]) => [k.slice(10), round(v)])),
      counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k.slice(10), v])),
    };
  }
  out.highlightsAfter = await page.evaluate(() => CSS.highlights.get("claimlint-error").size);
  await cdp.detach();
  await page.close();
  return out;
}

function problems(results) {
  const out = [];
  for (const r of results) {
    if (!r.highlights) out.push(`${r.label}: no highlights`);
    for (const [rhythm, x] of Object.entries(r.rhythms)) {
      if (!x.keystrokes) out.push(`${r.label} ${rhythm}: no keystrokes in the trace`);
      if (![x.p50, x.p95, x.max].every(Number.isFinite)) out.push(`${r.label} ${rhythm}: not a number`);
      if (!x.counts["editor-input"]) out.push(`${r.label} ${rhythm}: no editor-input marks (timing build?)`);
    }
    if ((r.rhythms.paused.counts["editor-ranges"] ?? 0) < r.rhythms.paused.keystrokes / 2) out.push(`${r.label}: no re-check after a pause`);
  }
  return out;
}

useTimingBuild();

const pages = documents(BYTES);
const server = await serve(pages);
const browser = await launch();
const results = [];
try {
  const kb = `${Math.round(BYTES / 1024)} KB`;
  results.push(await benchPage(browser.context, `${server.origin}/contenteditable.html`, `${kb} contenteditable`));
  results.push(await benchPage(browser.context, `${server.origin}/textarea.html`, `${kb} textarea`));
} finally {
  await browser.close();
  await server.close();
}

console.log(JSON.stringify({ bytes: BYTES, paragraphs: pages.count, results }, null, 2));
console.log("\n| document | rhythm | keystrokes | thread CPU p50 / p95 / max ms | marks (wall) p50 / p95 / max ms |");
console.log("|---|---|---|---|---|");
for (const r of results) {
  for (const [rhythm, x] of Object.entries(r.rhythms)) {
    const w = x.marksWall;
    console.log(`| ${r.label} | ${rhythm} | ${x.keystrokes} | ${x.p50} / ${x.p95} / ${x.max} | ${w.p50} / ${w.p95} / ${w.max} |`);
  }
}
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
const bad = problems(results);
if (bad.length) {
  console.error(`\nnonsense in the results:\n- ${bad.join("\n- ")}`);
  process.exitCode = 1;
} else if (!SMOKE) {
  const worst = Math.max(...results.flatMap((r) => Object.values(r.rhythms).map((x) => x.p95)));
  console.log(`\nworst p95 (thread CPU): ${worst} ms (target <= ${TARGET_P95_MS} ms)`);
}
