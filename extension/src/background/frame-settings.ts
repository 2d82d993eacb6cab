// Frames get their settings from the worker rather than from storage: one message when a frame
// starts, and a message to every tab when something changes. A frame then pays for one request
// instead of three storage reads and three storage listeners, and an edit of a team pack no longer
// sends the compiled pack (up to ~1 MB of base64) to every open frame as a storage change.
import type { FrameSettingsResponse, Request } from "../shared/protocol.js";
import { onCompiledChange } from "../shared/packs.js";
import { loadSettings, loadSite, onSettingsChange, repairSite, siteKey, type Settings } from "../shared/settings.js";

// Pages never use the team packs' sources: the worker compiles them into the pack it loads.
let current: Promise<Settings> | null = null;
const settings = (): Promise<Settings> => (current ??= loadSettings({ packs: false }).then((e) => e.settings));

export async function frameSettings(site: string): Promise<FrameSettingsResponse> {
  try {
    const [s, choices] = await Promise.all([settings(), loadSite(site)]);
    return { ok: true, settings: s, choices };
  } catch (e) {
    current = null;
    return { ok: false, error: String(e) };
  }
}

/** Sends `message` to every frame of every tab; tabs without our content script just do not answer. */
async function broadcast(message: Request): Promise<void> {
  for (const tab of await chrome.tabs.query({})) {
    if (tab.id === undefined) continue;
    chrome.tabs.sendMessage(tab.id, message).catch(() => {});
  }
}

export function broadcastSettingChanges(): void {
  onSettingsChange(
    (effective) => {
      current = Promise.resolve(effective.settings);
      void broadcast({ kind: "settings-changed", settings: effective.settings });
    },
    { packs: false },
  );
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    for (const [key, change] of Object.entries(changes)) {
      if (key.startsWith(siteKey(""))) void broadcast({ kind: "site-changed", site: key.slice(siteKey("").length), choices: repairSite(change.newValue) });
    }
  });
  onCompiledChange(() => void broadcast({ kind: "pack-changed" }));
}
