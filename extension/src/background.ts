// Background worker: keeps each tab's findings (storage.session, so they survive the worker being
// stopped) and its badge count, and runs the engine for every frame.
import type { Engine } from "../pkg/claimlint.js";
import { loadEngine } from "./shared/engine.js";
import { BLOCK_SEPARATOR, tabKey, type CheckResponse, type FrameReport, type Request, type RulesResponse, type TabReport } from "./shared/protocol.js";
import { onCompiledChange } from "./shared/packs.js";
import { installCommands } from "./background/commands.js";
import { installMenu } from "./background/menu.js";
import { keepPacksCompiled } from "./background/packs.js";
import { broadcastSettingChanges, frameSettings } from "./background/frame-settings.js";

// One engine for every tab and frame, loaded on the first request (again if the worker was stopped).
let engine: Promise<Engine> | null = null;

async function withEngine<T>(work: (engine: Engine) => T): Promise<{ ok: true } & T | { ok: false; error: string }> {
  try {
    engine ??= loadEngine();
    return { ok: true, ...work(await engine) };
  } catch (e) {
    engine = null;
    return { ok: false, error: String(e) };
  }
}

const check = (text: string | string[]): Promise<CheckResponse> =>
  withEngine((e) => ({ findings: e.check(typeof text === "string" ? text : text.join(BLOCK_SEPARATOR)) }));
const rules = (): Promise<RulesResponse> => withEngine((e) => ({ rules: e.rules() }));

// Reports arrive from many frames at once; one queue per tab keeps read-modify-write in order.
const queues = new Map<number, Promise<void>>();
function perTab(tabId: number, work: () => Promise<void>): Promise<void> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(tabId, next.catch(() => {}));
  return next;
}

async function readTab(tabId: number): Promise<TabReport> {
  const key = tabKey(tabId);
  const got = await chrome.storage.session.get(key);
  return (got[key] as TabReport | undefined) ?? { frames: {} };
}

async function writeTab(tabId: number, report: TabReport): Promise<void> {
  await chrome.storage.session.set({ [tabKey(tabId)]: report });
  let count = 0;
  for (const frame of Object.values(report.frames)) if (frame.enabled) count += frame.count;
  await chrome.action.setBadgeText({ tabId, text: count > 999 ? "999+" : count ? String(count) : "" });
}

// Frames of a previous page must not linger. Tab "loading" events cannot tell (Chromium fires them
// for pushState and hash changes too), so the top frame's document decides: a new document in
// frame 0 drops subframe reports older than it, and late reports from older frames are ignored.
// An older document in frame 0 is a page back from the back/forward cache: every subframe report
// is then the page it replaces, and the restored page's frames are asked to report again.
function record(tabId: number, frameId: number, frame: FrameReport): Promise<void> {
  return perTab(tabId, async () => {
    const report = await readTab(tabId);
    const top = report.frames["0"];
    let restored = false;
    if (frameId === 0) {
      if (top?.doc !== frame.doc) {
        restored = top !== undefined && frame.since < top.since;
        for (const [id, f] of Object.entries(report.frames)) if (id !== "0" && (restored || f.since < frame.since)) delete report.frames[id];
      }
    } else if (top && frame.since < top.since) {
      return;
    }
    report.frames[String(frameId)] = frame;
    await writeTab(tabId, report);
    if (restored) void chrome.tabs.sendMessage(tabId, { kind: "report-again" } satisfies Request).catch(() => {});
  });
}

chrome.runtime.onMessage.addListener((message: Request, sender, sendResponse) => {
  if (message.kind === "check" && (typeof message.text === "string" || (Array.isArray(message.text) && message.text.every((t) => typeof t === "string")))) {
    void check(message.text).then(sendResponse);
    return true; // answer asynchronously
  }
  if (message.kind === "frame-settings" && typeof message.site === "string") {
    void frameSettings(message.site).then(sendResponse);
    return true;
  }
  if (message.kind === "rules") {
    void rules().then(sendResponse);
    return true;
  }
  if (message.kind === "report" && sender.tab?.id !== undefined) {
    void record(sender.tab.id, sender.frameId ?? 0, message.report).then(() => sendResponse(true));
    return true;
  }
  return undefined;
});

chrome.tabs.onRemoved.addListener((tabId) => {
  void perTab(tabId, () => chrome.storage.session.remove(tabKey(tabId))).then(() => queues.delete(tabId));
});

void chrome.action.setBadgeBackgroundColor({ color: "#c62828" });

onCompiledChange(() => (engine = null)); // team packs changed: the next check loads the new pack
installMenu();
installCommands();
keepPacksCompiled();
broadcastSettingChanges();
