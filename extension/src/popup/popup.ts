// Toolbar popup: the current tab's findings grouped by rule (snippet, suggestions with copy,
// explanation), jump-to on click, "checked, nothing found", and the per-site on/off switch.
// Page text is only ever set with textContent. Opened as a tab (tests), `?tab=ID` picks the tab.
import type { RuleInfo } from "../../pkg/claimlint.js";
import { send, tabKey, type FrameReport, type ReportedFinding, type Request, type RulesResponse, type TabReport } from "../shared/protocol.js";
import { loadSite, updateSite } from "../shared/settings.js";
import { el, unwrap } from "../shared/dom.js";

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

function render(tabId: number, report: TabReport, rules: Map<string, RuleInfo>): void {
  const frames = Object.entries(report.frames);
  const top = report.frames["0"] ?? frames[0]?.[1];
  const site = top?.site ?? "";
  const enabled = top ? top.enabled : true;
  const toggle = $<HTMLInputElement>("enabled");
  toggle.checked = enabled;
  toggle.disabled = !site;
  $("site-label").textContent = site || "This page";
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

  const status = $("status");
  status.className = "";
  if (!top) status.textContent = "ClaimLint does not run on this page.";
  else if (!enabled) {
    status.textContent = `Off for ${site}.`;
    status.className = "off";
  } else if (!checked) status.textContent = "Checking…";
  else if (!count) {
    status.textContent = "Checked, nothing found.";
    status.className = "clean";
  } else status.textContent = `${count} ${count === 1 ? "claim" : "claims"} to review`;

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
    why.append(el("summary", undefined, "Why is this inaccurate?"), el("p", undefined, unwrap(rules.get(rule)?.explanation ?? "")));
    const ol = el("ol", "findings");
    for (const f of list) {
      const li = el("li", "finding");
      li.dataset.id = f.id;
      const jump = el("button", "jump");
      jump.title = "Show on the page";
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
          const copy = el("button", "copy", "Copy");
          copy.addEventListener("click", async () => {
            await navigator.clipboard.writeText(s.replacement);
            copy.textContent = "Copied";
            setTimeout(() => (copy.textContent = "Copy"), 1500);
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
  if (count > findings.length) notes.push(`Showing the first ${findings.length}.`);
  if (ignored) notes.push(`${ignored} ignored on this site.`);
  const footer = $("footer");
  footer.textContent = notes.join(" ");
}

async function main(): Promise<void> {
  const tabId = await targetTab();
  if (tabId === null) {
    $("status").textContent = "No tab to check.";
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
  });
  $<HTMLInputElement>("enabled").addEventListener("change", async (e) => {
    const input = e.target as HTMLInputElement;
    const site = input.dataset.site;
    if (!site) return;
    await updateSite(site, (s) => ({ ...s, off: !input.checked }));
    void loadSite(site);
  });
  await refresh();
}

void main();
