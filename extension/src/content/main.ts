// Content script entry: wires settings, checker, observer, highlights, card and popup requests
// together for this frame.
import type { Request } from "../shared/protocol.js";
import { loadSite, onSiteChange, updateSite, type SiteSettings } from "../shared/settings.js";
import { Card } from "./card.js";
import { Checker, type Entry } from "./checker.js";
import { Highlighter } from "./highlight.js";
import { HitTester } from "./hit.js";
import { mark } from "../shared/marks.js";
import { Observer } from "./observe.js";
import { siteOf } from "./site.js";

async function main(): Promise<void> {
  if (!("highlights" in CSS)) return; // no Custom Highlight API: nothing we can show
  mark("start");
  const site = siteOf();
  let settings: SiteSettings = await loadSite(site);
  const highlighter = new Highlighter();
  const shadowRoots: ShadowRoot[] = [];
  let observer: Observer | null = null;
  const checker = new Checker(site, settings, highlighter, (root) => {
    if (!shadowRoots.includes(root)) shadowRoots.push(root);
    highlighter.styleShadowRoot(root);
    observer?.watch(root);
  });
  const card = new Card({
    ignoreHere: (e: Entry) =>
      void updateSite(site, (s) => ({ ...s, here: [...new Set([...(s.here ?? []), e.key])] })),
    ignoreSite: (e: Entry) =>
      void updateSite(site, (s) => ({ ...s, rules: [...new Set([...(s.rules ?? []), e.finding.rule])] })),
  });
  new HitTester(checker, card, () => shadowRoots);

  const turnOn = async () => {
    observer = new Observer((dirty) => checker.update(dirty));
    observer.watch(document);
    for (const root of shadowRoots) observer.watch(root);
    await checker.start();
  };
  const turnOff = () => {
    observer?.disconnect();
    observer = null;
    shadowRoots.length = 0;
    card.close();
    checker.stop();
  };

  onSiteChange(site, (next) => {
    const wasOff = settings.off ?? false;
    settings = next;
    if (next.off && !wasOff) turnOff();
    else if (!next.off && wasOff) void turnOn();
    else checker.setSettings(next);
  });

  chrome.runtime.onMessage.addListener((message: Request, _sender, sendResponse) => {
    if (message.kind !== "reveal") return;
    const entry = checker.entry(message.id);
    if (!entry) {
      sendResponse(false);
      return;
    }
    const target = entry.range.startContainer.parentElement;
    target?.scrollIntoView({ block: "center", behavior: "instant" });
    highlighter.flashRange(entry.range);
    card.open(entry, true);
    sendResponse(true);
  });

  if (settings.off) checker.stop();
  else await turnOn();
}

void main();
