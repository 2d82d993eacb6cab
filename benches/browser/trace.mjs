// A CDP trace of one page load, reduced to the main-thread tasks of the page's renderer while the
// content script works: from its `claimlint:start` mark to `claimlint:check-end` (cpuCheck), and
// to 140 ms later (cpu: includes painting the highlights and sending the report).

import { TASK, startTrace as startRecording, threadMicros, topLevelTasks } from "../../tests/e2e/lib/tasks.mjs";

const CATEGORIES = ["toplevel", "blink.user_timing", "devtools.timeline", "disabled-by-default-devtools.timeline"];

// The recording itself is the end-to-end tests' (tests/e2e/lib/tasks.mjs); the benchmarks keep
// one trace per CDP session.
export async function startTrace(cdp) {
  cdp._claimlintStopTrace = await startRecording(cdp, CATEGORIES);
}

export function stopTrace(cdp) {
  return cdp._claimlintStopTrace();
}

// Trace events that mean a task ran script. The benchmark pages have none of their own, and the
// harness waits through raw CDP, so script on the page's main thread is the content script's.
const SCRIPT = new Set(["EvaluateScript", "FunctionCall", "v8.callFunction", "TimerFire", "RunYieldContinuation", "V8.Execute"]);
const MICROTASKS = "BlinkScheduler_PerformMicrotaskCheckpoint";
const FRAME = "ProxyMain::BeginMainFrame";

// The harness's own wait (a raw CDP evaluate in the page's world) is a script with no URL.
const harness = (e) => e.name === "EvaluateScript" && !e.args?.data?.url;

// Extension messaging (channels opened and closed, messages and replies) arrives as IPC tasks
// that may run no script: the IPC interface names it.
const extensionIpc = (e) => e.args?.chrome_mojo_event_info?.mojo_interface_tag?.startsWith("extensions.") ?? false;

/**
 * The tasks that are the extension's: those that ran script (or microtasks for 50 µs or more:
 * promise continuations of storage and message replies), those that handled extension messaging
 * IPC, and the rendering frames from the first highlight on (painting the highlights). The page's
 * own work that happens to fall inside the window (finishing its load, its first frames) is left
 * out.
 */
export function ownTasks(events, tasks, pid, tid, firstHighlightTs) {
  const nested = events.filter((e) => e.pid === pid && e.tid === tid && (e.ph === "X" || e.ph === "I" || e.ph === "i") && !TASK.has(e.name) && (SCRIPT.has(e.name) || e.name === MICROTASKS || e.name === FRAME || extensionIpc(e)));
  return tasks.filter((t) =>
    nested.some((e) => e.ts >= t.ts && e.ts < t.ts + t.dur && ((SCRIPT.has(e.name) && !harness(e)) || (e.name === MICROTASKS && e.dur >= 50) || extensionIpc(e) || (e.name === FRAME && firstHighlightTs !== null && e.ts >= firstHighlightTs))),
  );
}

/**
 * The content script's marks in a trace. The timing build writes them as `console.timeStamp`
 * events (User Timing entries would cost the page's thread more; see extension/src/shared/marks.ts).
 */
export function claimlintMarks(events) {
  return events
    .filter((e) => e.name === "TimeStamp" && e.args?.data?.message?.startsWith("claimlint:"))
    .map((e) => ({ ...e, name: e.args.data.message }));
}

/** Asks the timing build to write its User Timing entries (held until now: see marks.ts). */
export const FLUSH_TIMINGS = `dispatchEvent(new Event("claimlint:flush"))`;

/** {cpu, cpuCheck, longest, count, over50} in ms, for the thread that recorded the claimlint marks. */
export function analyzeTrace(events) {
  const marks = claimlintMarks(events);
  const start = marks.find((e) => e.name === "claimlint:start");
  const end = marks.find((e) => e.name === "claimlint:check-end");
  if (!start || !end) return { cpu: NaN, cpuCheck: NaN, longest: NaN, count: 0, over50: 0, error: "marks not in trace" };
  const { pid, tid } = start;
  // The window closes 140 ms after check-end (the harness waits 150 ms, then reads the timings
  // and runs the floors, which must not count).
  const floors = events.filter((e) => e.name?.startsWith("bench:floor-")).map((e) => e.ts);
  const traceEnd = Math.min(end.ts + 140000, ...floors);
  const top = topLevelTasks(events, pid, tid);
  // A task counts when it ends after the content script started (the injection task counts whole).
  const within = (lo, hi) => top.filter((t) => t.ts + t.dur > lo && t.ts < hi);
  const ms = (us) => us / 1000;
  const all = within(start.ts, traceEnd);
  const check = within(start.ts, end.ts);
  const first = marks.find((e) => e.name === "claimlint:first-highlight");
  const own = ownTasks(events, all, pid, tid, first?.ts ?? null);
  const ownCheck = own.filter((t) => check.includes(t));

  // Thread time (tdur: time the thread was on a CPU) when the trace has it: immune to other
  // processes competing for the cores, unlike the wall duration of a task.
  const thread = (list) => ms(list.reduce((s, t) => s + threadMicros(t), 0));
  // Thread CPU between consecutive marks of the first check (all work on the thread in between).
  const phases = {};
  const order = ["claimlint:start", "claimlint:check-start", "claimlint:collect-end", "claimlint:check-end"];
  const at = order.map((n) => marks.find((e) => e.name === n)).filter((e) => e && e.tts !== undefined && e.ts <= end.ts);
  for (let i = 1; i < at.length; i++) phases[`${at[i - 1].name.slice(10)} → ${at[i].name.slice(10)}`] = (at[i].tts - at[i - 1].tts) / 1000;
  // The same phases counting only the extension's tasks (thread clock overlap of each own task
  // with the span between two marks), plus the script's evaluation before its first mark and
  // what follows the check (painting highlights, the report).
  const ownPhases = {};
  const overlap = (lo, hi) => own.reduce((sum, t) => (t.tts === undefined ? sum : sum + Math.max(0, Math.min(hi, t.tts + t.tdur) - Math.max(lo, t.tts))), 0) / 1000;
  if (at.length && at[0].name === "claimlint:start") ownPhases["script evaluation → start"] = overlap(-Infinity, at[0].tts);
  for (let i = 1; i < at.length; i++) ownPhases[`${at[i - 1].name.slice(10)} → ${at[i].name.slice(10)}`] = overlap(at[i - 1].tts, at[i].tts);
  if (at.length) ownPhases["check-end → +140 ms"] = overlap(at[at.length - 1].tts, Infinity);
  // What ran in the longest task: the longest events nested in it (GC, layout, script, ...).
  const worst = all.reduce((a, t) => (!a || t.dur > a.dur ? t : a), null);
  const longestWhat = worst
    ? events
        .filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e !== worst && e.ts >= worst.ts && e.ts + (e.dur ?? 0) <= worst.ts + worst.dur && !TASK.has(e.name))
        .sort((a, b) => b.dur - a.dur)
        .slice(0, 4)
        .map((e) => `${e.name} ${ms(e.dur).toFixed(1)}`)
        .join(", ")
    : "";
  return {
    phases,
    ownPhases,
    longestWhat,
    threadCpu: thread(all),
    threadCpuCheck: thread(check),
    ownThreadCpu: thread(own),
    ownThreadCpuCheck: thread(ownCheck),
    longestThread: ms(Math.max(0, ...all.map((t) => t.tdur ?? 0))),
    cpu: ms(all.reduce((s, t) => s + t.dur, 0)),
    cpuCheck: ms(check.reduce((s, t) => s + t.dur, 0)),
    longest: ms(Math.max(0, ...all.map((t) => t.dur))),
    count: all.length,
    over50: all.filter((t) => t.dur > 50000).length,
    span: ms(end.ts - start.ts),
  };
}

// The floor: a TreeWalker reading every text node's data (the least any checker must do). Its
// `bench:floor-*` marks let the trace give the thread CPU of the same read (floorCpu below).
export const FLOOR = (label) => `(() => {
  performance.mark("bench:floor-start:${label}");
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0, nodes = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { chars += n.data.length; nodes++; }
  const ms = performance.now() - t0;
  performance.mark("bench:floor-end:${label}");
  return { ms, chars, nodes };
})()`;

/** Thread CPU (ms) of each floor read, from its `bench:floor-start:<label>` / `-end` marks. */
export function floorCpu(events) {
  const out = {};
  const starts = new Map();
  for (const e of events) {
    if (!e.name?.startsWith("bench:floor-") || e.tts === undefined) continue;
    const [, kind, label] = e.name.split(":");
    if (kind === "floor-start") starts.set(label, e.tts);
    else if (starts.has(label)) out[label] = (e.tts - starts.get(label)) / 1000;
  }
  return out;
}
