// Keyboard shortcuts (commands API): "toggle-highlights" shows or hides the highlights of the
// current tab; "_execute_action" (declared in the manifest) opens the popup by itself.
import type { Request } from "../shared/protocol.js";

export const TOGGLE_COMMAND = "toggle-highlights";

/** The top frame toggles and answers its new state; every other frame follows it. */
export async function toggleHighlights(tabId: number): Promise<boolean | null> {
  const toggle: Request = { kind: "show-highlights" };
  let visible: unknown;
  try {
    visible = await chrome.tabs.sendMessage(tabId, toggle, { frameId: 0 });
  } catch {
    return null; // no content script in this tab (browser pages, the store)
  }
  if (typeof visible !== "boolean") return null;
  const follow: Request = { kind: "show-highlights", visible };
  await chrome.tabs.sendMessage(tabId, follow).catch(() => {});
  return visible;
}

export function installCommands(): void {
  chrome.commands.onCommand.addListener(async (command, tab) => {
    if (command !== TOGGLE_COMMAND) return;
    const id = tab?.id ?? (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (id !== undefined) await toggleHighlights(id);
  });
}
