// "Check selected text" in the context menu: the frame holding the selection checks it (whether or
// not the site is checked automatically) and lists the findings in its card.
import type { Request } from "../shared/protocol.js";
import { t } from "../shared/i18n.js";

export const MENU_ID = "claimlint-check-selection";

export function installMenu(): void {
  chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.removeAll(() => {
      chrome.contextMenus.create({ id: MENU_ID, title: t("menuCheckSelection"), contexts: ["selection"] });
    });
  });
  chrome.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    const message: Request = { kind: "check-selection", text: info.selectionText ?? "" };
    void chrome.tabs.sendMessage(tab.id, message, { frameId: info.frameId ?? 0 }).catch(() => {});
  });
}
