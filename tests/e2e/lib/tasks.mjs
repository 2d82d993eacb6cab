// Main-thread tasks of a page's renderer that ran the extension's code, from a CDP trace that
// includes V8's sampling profiler: a task ran extension code when a sample taken during it has a
// chrome-extension://ID/ script on its stack. The shipped build has no timing marks; this needs none.

export const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "disabled-by-default-v8.cpu_profiler"];

/** Starts a CDP trace; resolves to a function that ends it and returns its events. */
export async function startTrace(cdp, categories = TRACE_CATEGORIES) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on("Tracing.dataCollected", onData);
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: categories, recordMode: "recordAsMuchAsPossible" },
    transferMode: "ReportEvents",
  });
  return async function stop() {
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await done;
    cdp.off("Tracing.dataCollected", onData);
    return events;
  };
}

export const TASK = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

/**
 * A task's thread time (µs). Some very short tasks come without one (a few µs, as tracing ends);
 * their wall time bounds it. A longer task without one gives NaN, so no sum silently drops it.
 */
export function threadMicros(task) {
  if (task.tdur !== undefined) return task.tdur;
  return task.dur < 100 ? task.dur : NaN;
}

/** Top-level tasks ({ts, dur} in µs) of the thread `pid/tid` (a task nested in another is part of it). */
export function topLevelTasks(events, pid, tid) {
  const tasks = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && TASK.has(e.name) && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  for (const t of tasks) {
    const last = top[top.length - 1];
    if (last && t.ts < last.ts + last.dur) continue;
    top.push(t);
  }
  return top;
}

/** Sample times (µs, trace clock) whose stack holds a script from `prefix`, per profiled thread. */
function extensionSamples(events, prefix) {
  const profiles = new Map();
  for (const e of events) {
    if (e.name !== "Profile" && e.name !== "ProfileChunk") continue;
    const key = `${e.pid}:${e.id}`; // profile ids repeat across renderer processes
    const p = profiles.get(key) ?? { pid: e.pid, tid: e.tid, start: 0, nodes: new Map(), samples: [], deltas: [] };
    profiles.set(key, p);
    if (e.name === "Profile") {
      p.tid = e.tid; // chunks come from the profiler's thread; the profile names the profiled one
      p.start = e.args.data.startTime;
      continue;
    }
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(data.cpuProfile?.samples ?? []));
    p.deltas.push(...(data.timeDeltas ?? []));
  }
  const out = [];
  for (const p of profiles.values()) {
    const ours = new Map();
    const isOurs = (id) => {
      if (ours.has(id)) return ours.get(id);
      const node = p.nodes.get(id);
      const yes = !!node && (node.callFrame?.url?.startsWith(prefix) || (node.parent !== undefined && isOurs(node.parent)));
      ours.set(id, yes);
      return yes;
    };
    let t = p.start;
    const times = [];
    p.samples.forEach((id, i) => {
      t += p.deltas[i] ?? 0;
      if (isOurs(id)) times.push(t);
    });
    out.push({ pid: p.pid, tid: p.tid, times });
  }
  return out;
}

/**
 * The renderer main thread's top-level tasks that ran the extension's content script, with their
 * wall (`ms`) and thread CPU (`cpuMs`) durations, longest first.
 */
export function extensionTasks(events, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const injected = events.find((e) => e.name === "EvaluateScript" && e.args?.data?.url?.startsWith(prefix));
  if (!injected) throw new Error("the content script's injection is not in the trace");
  const { pid, tid } = injected;
  const samples = extensionSamples(events, prefix).filter((p) => p.pid === pid && p.tid === tid).flatMap((p) => p.times).sort((a, b) => a - b);
  if (!samples.length) throw new Error("no profiler samples of the content script in the trace");
  const tasks = topLevelTasks(events, pid, tid);
  const ran = [];
  let i = 0;
  for (const task of tasks) {
    while (i < samples.length && samples[i] < task.ts) i++;
    const within = i < samples.length && samples[i] <= task.ts + task.dur;
    const injection = task.ts <= injected.ts && injected.ts < task.ts + task.dur;
    if (within || injection) ran.push({ ts: task.ts, ms: task.dur / 1000, cpuMs: (task.tdur ?? NaN) / 1000 });
  }
  return ran.sort((a, b) => b.ms - a.ms);
}
