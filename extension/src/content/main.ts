// Content script entry: wires settings, checker, observer, highlights, card and popup requests
// together for this frame.
import { send, type FrameSettingsResponse, type Request } from "../shared/protocol.js";
import { shownSeverity, siteEnabled, updateSite, type Settings, type Severity, type SiteSettings } from "../shared/settings.js";
import { Card } from "./card.js";
import { Checker } from "./checker.js";
import type { CardEntry } from "./card.js";
import { Editors } from "./editors/index.js";
import { EditorFindings } from "./editors/report.js";
import { Highlighter } from "./highlight.js";
import { HitTester } from "./hit.js";
import { engineHost, resetEngineHost } from "./host.js";
import { mark } from "../shared/marks.js";
import { Observer } from "./observe.js";
import { siteOf } from "./site.js";

async function main(): Promise<void> {
  if (!("highlights" in CSS)) return; // no Custom Highlight API: nothing we can show
  mark("start");
  const site = siteOf();
  // The worker answers with the settings and this site's choices, and tells every frame of changes.
  const answer = await send<FrameSettingsResponse | undefined>({ kind: "frame-settings", site }).catch(() => undefined);
  if (!answer?.ok) return; // no worker to answer (the extension is being reloaded or updated)
  let settings: Settings = answer.settings;
  const siteSettings = answer.choices;
  let enabled = siteEnabled(settings, site);
  const highlighter = new Highlighter();
  const shadowRoots: ShadowRoot[] = [];
  let observer: Observer | null = null;
  const checker = new Checker(site, siteSettings, highlighter, (root) => {
    if (!shadowRoots.includes(root)) shadowRoots.push(root);
    highlighter.styleShadowRoot(root);
    observer?.watch(root);
  });
  const card = new Card({
    ignoreHere: (e: CardEntry) =>
      void updateSite(site, (s) => ({ ...s, here: [...new Set([...(s.here ?? []), e.key])] })),
    ignoreSite: (e: CardEntry) =>
      void updateSite(site, (s) => ({ ...s, rules: [...new Set([...(s.rules ?? []), e.finding.rule])] })),
  });
  const editors = new Editors(highlighter, card, siteSettings, () => checker.report());
  const editorFindings = new EditorFindings(editors);
  checker.reportAlso(() => editorFindings.list());
  new HitTester(checker, card, () => shadowRoots, () => highlighter.isVisible, editors);

  // Global settings (rules, severities, look, site list): applied to what is already found.
  const applyGlobal = () => {
    const display = (rule: string, own: Severity) => shownSeverity(settings, rule, own);
    checker.setDisplay(display);
    editors.setDisplay(display);
    highlighter.setAppearance(settings.style, settings.colors);
  };
  applyGlobal();

  const turnOn = async () => {
    observer = new Observer((dirty) => checker.update(dirty));
    observer.watch(document);
    for (const root of shadowRoots) observer.watch(root);
    editors.start();
    await checker.start();
  };
  const turnOff = () => {
    observer?.disconnect();
    observer = null;
    shadowRoots.length = 0;
    card.close();
    editors.stop();
    checker.stop();
  };

  const settingsChanged = (next: Settings) => {
    settings = next;
    applyGlobal();
    const on = siteEnabled(next, site);
    if (on === enabled) return;
    enabled = on;
    if (on) void turnOn();
    else turnOff();
  };
  // This site's choices (ignored occurrences): applied to the page and its editors.
  const choicesChanged = (choices: SiteSettings) => {
    checker.setSettings(choices);
    editors.setSettings(choices);
  };
  // New team packs: the engine reloads with the new compiled pack and the frame is checked again.
  const packChanged = () => {
    resetEngineHost();
    if (!enabled) return;
    turnOff();
    void turnOn();
  };
  // A page restored from the back/forward cache missed the changes made while it was away, and
  // its tab's report describes the page it went to: the top frame reports again, and the worker
  // then asks the other frames.
  addEventListener("pageshow", (e) => {
    if (!e.persisted) return;
    void send<FrameSettingsResponse | undefined>({ kind: "frame-settings", site }).catch(() => undefined).then((next) => {
      if (next?.ok) {
        choicesChanged(next.choices);
        settingsChanged(next.settings);
      }
      if (window === window.top) checker.reportAgain();
    });
  });

  const checkSelection = async (menuText: string) => {
    // The frame's own selection keeps line breaks and gives the card its place; the menu's text
    // covers selections inside form fields.
    const selection = getSelection();
    const own = selection?.toString() ?? "";
    const range = own.trim() && selection?.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    const text = range ? own : menuText;
    const host = await engineHost();
    const findings = (await host.check(text)).flatMap((f) => {
      const severity = f.mention ? null : shownSeverity(settings, f.rule, f.severity);
      return severity ? [{ ...f, severity }] : [];
    });
    card.openSelection(findings, range ?? document.activeElement);
  };

  chrome.runtime.onMessage.addListener((message: Request, _sender, sendResponse) => {
    if (message.kind === "settings-changed") return void settingsChanged(message.settings);
    if (message.kind === "site-changed") {
      if (message.site === site) choicesChanged(message.choices);
      return;
    }
    if (message.kind === "pack-changed") return void packChanged();
    if (message.kind === "report-again") return void checker.reportAgain();
    if (message.kind === "check-selection") {
      checkSelection(message.text).then(
        () => sendResponse(true),
        () => sendResponse(false),
      );
      return true;
    }
    if (message.kind === "show-highlights") {
      const visible = message.visible ?? !highlighter.isVisible;
      highlighter.setVisible(visible);
      if (!visible) card.close();
      sendResponse(visible);
      return;
    }
    if (message.kind !== "reveal") return;
    const entry = checker.entry(message.id) ?? editorFindings.entry(message.id);
    if (!entry) {
      sendResponse(false);
      return;
    }
    const target = entry.range.startContainer.parentElement;
    target?.scrollIntoView({ block: "center", behavior: "instant" });
    highlighter.setVisible(true);
    highlighter.flashRange(entry.range);
    card.open(entry, true);
    sendResponse(true);
  });

  if (!enabled) checker.stop();
  else await turnOn();
}

void main();
