// What a page load costs the page's main thread with the extension, against the same load in a
// browser without it: the sum of thread CPU of every top-level task on the page's renderer main
// thread, from the start of the navigation until the page has been idle for a while after load
// (with the extension: after its check ended and its report went out). The page is static, so the
// difference is the extension's whole cost: injecting and starting the content script, reading the
// text, sending it to the engine, highlights, the report, and the rendering they cause.
import { launchWithoutExtension, median, pollLikeTheWait, waitForCheckEnd } from "./plain.mjs";
import { startTrace, stopTrace } from "./trace.mjs";
import { threadMicros, topLevelTasks } from "../../tests/e2e/lib/tasks.mjs";

const SETTLE_MS = 400;


/** Thread CPU (ms) of the main frame's renderer main thread over the whole trace. */
function mainThreadCpu(events) {
  const started = events.find((e) => e.name === "TracingStartedInBrowser");
  const frames = started?.args?.data?.frames ?? [];
  // The navigation may swap processes: take the renderer that parsed the page's HTML.
  const parse = events.find((e) => e.name === "ParseHTML" && e.args?.beginData?.url?.startsWith("http"));
  const pid = parse?.pid ?? frames.find((f) => !f.parent)?.processId;
  const names = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.pid === pid);
  const tid = names.find((e) => e.args?.name === "CrRendererMain")?.tid;
  if (pid === undefined || tid === undefined) return NaN;
  return topLevelTasks(events, pid, tid).reduce((sum, t) => sum + threadMicros(t), 0) / 1000;
}

/** Loads `url` traced; with the extension, waits for its check (returns the polls it took). */
async function tracedLoad(context, url, withExtension, polls = 0) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  try {
    await startTrace(cdp);
    await tab.goto(url, { waitUntil: "load" });
    // The same evaluations on both sides: raw CDP evaluates (no script injected into the page),
    // as many without the extension as the wait for its check took.
    if (withExtension) polls = await waitForCheckEnd(cdp);
    else await pollLikeTheWait(cdp, polls);
    await tab.waitForTimeout(SETTLE_MS);
    return { cpu: mainThreadCpu(await stopTrace(cdp)), polls };
  } finally {
    await cdp.detach().catch(() => {});
    await tab.close();
  }
}

const round = (x) => Math.round(x * 100) / 100;

/**
 * Main-thread cost of loading `url` with the extension (`context`) and without it (a second,
 * plain browser), interleaved run by run; medians in ms after `warmup` runs.
 */
export async function measureAddedCost(context, url, runs, warmup) {
  const plain = await launchWithoutExtension();
  try {
    const bare = plain.context;
    const withExt = [];
    const without = [];
    for (let i = 0; i < warmup + runs; i++) {
      const a = await tracedLoad(context, url, true);
      const b = await tracedLoad(bare, url, false, a.polls);
      if (i >= warmup) {
        withExt.push(a.cpu);
        without.push(b.cpu);
      }
    }
    const added = withExt.map((a, i) => a - without[i]);
    return { runs, withExtension: round(median(withExt)), withoutExtension: round(median(without)), added: round(median(added)), addedAll: added.map(round) };
  } finally {
    await plain.close();
  }
}
