// Toolbar popup: the current tab's findings grouped by rule (snippet, suggestions with copy,
// explanation), jump-to on click, "checked, nothing found", the per-site on/off switch, and the
// report export (Markdown, CSV, JSON; download or copy).
// Page text is only ever set with textContent. Opened as a tab (tests), `?tab=ID` picks the tab.
import type { RuleInfo } from "../../pkg/claimlint.js";
import { send, tabKey, type FrameReport, type ReportedFinding, type Request, type RulesResponse, type TabReport } from "../shared/protocol.js";
import { loadSettings, NOTICE_KEY, saveSettings, withSite } from "../shared/settings.js";
import { el, unwrap } from "../shared/dom.js";
import { localize, plural, t } from "../shared/i18n.js";
import { collectReport, fileName, MIME, toCsv, toJson, toMarkdown, type ExportFormat } from "./export.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function targetTab(): Promise<number | null> {
  const param = new URLSearchParams(location.search).get("tab");
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

interface Located extends ReportedFinding {
  frameId: number;
}

/** The rules' messages and explanations, from the engine in the background (reports carry ids only). */
async function loadRules(): Promise<Map<string, RuleInfo>> {
  const response = await send<RulesResponse | undefined>({ kind: "rules" }).catch(() => undefined);
  return new Map(response?.ok ? response.rules.map((r) => [r.id, r]) : []);
}

let current: TabReport = { frames: {} };
let currentRules = new Map<string, RuleInfo>();

function render(tabId: number, report: TabReport, rules: Map<string, RuleInfo>): void {
  current = report;
  currentRules = rules;
  const frames = Object.entries(report.frames);
  const top = report.frames["0"] ?? frames[0]?.[1];
  const site = top?.site ?? "";
  const enabled = top ? top.enabled : true;
  const toggle = $<HTMLInputElement>("enabled");
  toggle.checked = enabled;
  toggle.disabled = !site;
  $("site-label").textContent = site || t("thisPage");
  toggle.dataset.site = site;

  const findings: Located[] = [];
  let ignored = 0;
  let count = 0;
  for (const [frameId, frame] of frames as [string, FrameReport][]) {
    if (!frame.enabled) continue;
    ignored += frame.ignored;
    count += frame.count;
    for (const f of frame.findings) findings.push({ ...f, frameId: Number(frameId) });
  }
  const checked = frames.some(([, f]) => f.checked);
  const failed = frames.some(([, f]) => f.enabled && f.failed);

  const status = $("status");
  status.className = "";
  if (!top) status.textContent = t("notRunning");
  else if (!enabled) {
    status.textContent = t("offFor", site);
    status.className = "off";
  } else if (!checked) status.textContent = t("checking");
  else if (failed) {
    // The engine failed (it could not load, or failed on this page): what was found is still listed.
    status.textContent = count ? `${t("couldNotCheck")} ${plural("claimsToReview", count)}` : t("couldNotCheck");
    status.className = "failed";
  } else if (!count) {
    status.textContent = t("nothingFound");
    status.className = "clean";
  } else status.textContent = plural("claimsToReview", count);
  $<HTMLElement>("export").hidden = !findings.length;

  const groups = $("groups");
  groups.replaceChildren();
  const byRule = new Map<string, Located[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  for (const [rule, list] of byRule) {
    const first = list[0]!;
    const section = el("section", "rule");
    section.dataset.rule = rule;
    const h2 = el("h2");
    h2.append(el("span", `sev ${first.severity}`, first.severity), el("span", "rule-id", rule), el("span", "count", `×${list.length}`));
    const why = el("details", "why");
    why.append(el("summary", undefined, t("whyInaccurate")), el("p", undefined, unwrap(rules.get(rule)?.explanation ?? "")));
    const ol = el("ol", "findings");
    for (const f of list) {
      const li = el("li", "finding");
      li.dataset.id = f.id;
      const jump = el("button", "jump");
      jump.title = t("showOnPage");
      const snip = el("span", "snippet");
      snip.append(f.before, el("mark", undefined, f.text), f.after);
      jump.append(snip);
      jump.addEventListener("click", () => {
        const message: Request = { kind: "reveal", id: f.id };
        void chrome.tabs.sendMessage(tabId, message, { frameId: f.frameId }).catch(() => {});
      });
      li.append(jump);
      if (f.suggestions.length) {
        const sug = el("div", "suggestions");
        for (const s of f.suggestions) {
          const chip = el("span", "suggestion");
          chip.append(el("span", "replacement", s.replacement));
          const copy = el("button", "copy", t("copy"));
          copy.setAttribute("aria-label", t("copyThis", s.replacement));
          copy.addEventListener("click", async () => {
            await navigator.clipboard.writeText(s.replacement);
            copy.textContent = t("copied");
            setTimeout(() => (copy.textContent = t("copy")), 1500);
          });
          chip.append(copy);
          sug.append(chip);
        }
        li.append(sug);
      }
      ol.append(li);
    }
    section.append(h2, el("p", "message", rules.get(rule)?.message ?? ""), why, ol);
    groups.append(section);
  }

  const notes: string[] = [];
  if (count > findings.length) notes.push(t("showingFirst", String(findings.length)));
  if (ignored) notes.push(t("hiddenCount", String(ignored)));
  const footer = $("footer");
  footer.textContent = notes.join(" ");
}

function exported(format: ExportFormat): { text: string; name: string } {
  const report = collectReport(current, new Date(), currentRules);
  const text =
    format === "json"
      ? toJson(report)
      : format === "csv"
        ? toCsv(report)
        : toMarkdown(report, {
            heading: t("reportHeading"),
            url: t("reportUrl"),
            date: t("reportDate"),
            none: t("nothingFound"),
            columns: [t("colSeverity"), t("colRule"), t("colClaim"), t("colContext"), t("colSuggestions")],
          });
  return { text, name: fileName(report, format) };
}

function wireExport(): void {
  const format = () => $<HTMLSelectElement>("export-format").value as ExportFormat;
  const done = $("export-status");
  $("download").addEventListener("click", () => {
    const { text, name } = exported(format());
    const url = URL.createObjectURL(new Blob([text], { type: `${MIME[format()]};charset=utf-8` }));
    const a = el("a");
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    done.textContent = t("downloaded", name);
  });
  $("copy-report").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(exported(format()).text);
      done.textContent = t("reportCopied");
    } catch {
      done.textContent = t("copyFailed");
    }
  });
}

async function showNotice(): Promise<void> {
  const got = await chrome.storage.local.get(NOTICE_KEY);
  const notice = got[NOTICE_KEY] as { fields?: string[] } | undefined;
  const box = $("notice");
  box.hidden = !notice;
  if (notice) box.textContent = t("repairedNotice", (notice.fields ?? []).join(", "));
}

async function main(): Promise<void> {
  localize(document);
  $("open-options").addEventListener("click", () => void chrome.runtime.openOptionsPage());
  wireExport();
  await loadSettings(); // repairs broken stored settings (with a notice) before anything reads them
  void showNotice();
  const tabId = await targetTab();
  if (tabId === null) {
    $("status").textContent = t("noTab");
    return;
  }
  const key = tabKey(tabId);
  const rules = loadRules();
  const refresh = async () => {
    const got = await chrome.storage.session.get(key);
    render(tabId, (got[key] as TabReport | undefined) ?? { frames: {} }, await rules);
  };
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && changes[key]) void refresh();
    if (area === "local" && changes[NOTICE_KEY]) void showNotice();
  });
  $<HTMLInputElement>("enabled").addEventListener("change", async (e) => {
    const input = e.target as HTMLInputElement;
    const site = input.dataset.site;
    if (!site) return;
    await saveSettings((s) => withSite(s, site, input.checked));
  });
  await refresh();
}

void main();
