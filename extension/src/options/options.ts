// Options page: rules by framework (on/off, severity), minimum severity, highlight style and
// colours, the site list, ignored findings, team rule packs (compiled here, errors with pack, line
// and rule id) and a live preview. Every change is saved at once; open tabs apply it through
// storage.onChanged. Values set by the organisation (storage.managed) are shown locked.
import { el } from "../shared/dom.js";
import { localize, plural, t } from "../shared/i18n.js";
import { compile, storeCompiled, type Compiled } from "../shared/compile.js";
import {
  allSites, DEFAULT_COLORS, loadSettings, NOTICE_KEY, onSettingsChange, saveSettings, SEVERITIES, shownSeverity, siteKey,
  type Effective, type PackSource, type SettingKey, type Settings, type Severity, type SiteSettings,
} from "../shared/settings.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const FRAMEWORKS: Record<string, string> = {
  soc2: "SOC 2", soc: "SOC 1 / SOC 3 / SSAE", iso: "ISO", hipaa: "HIPAA", gdpr: "GDPR", ccpa: "CCPA / CPRA / PIPEDA",
  pci: "PCI DSS", "csa-star": "CSA STAR", tisax: "TISAX", nist: "NIST", cmmc: "CMMC", irap: "IRAP", govramp: "GovRAMP",
  fedramp: "FedRAMP",
};

let state: Effective;
let compiled: Compiled | null = null;
let compiledFor = "";

const severityName = (s: Severity) => t(s === "error" ? "sevError" : s === "warning" ? "sevWarning" : "sevInfo");

function announce(text: string): void {
  $("saved").textContent = text;
}

async function save(change: (s: Settings) => Settings): Promise<void> {
  try {
    const { packsLocal } = await saveSettings(change);
    showPacksLocal(packsLocal);
    announce(t("saved"));
  } catch (e) {
    // storage.sync refuses writes over its quotas (size, writes per minute): say so, keep the page usable.
    $("pack-errors").textContent = t("saveFailed", String(e instanceof Error ? e.message : e));
    void render();
  }
}

const locked = (key: SettingKey) => state.locked.has(key);

function lockNote(): HTMLElement {
  return el("span", "lock", t("lockedBy"));
}

/** The rule pack every engine loads: built-in rules + the organisation's + the user's packs. */
async function ensureCompiled(): Promise<Compiled> {
  const packs = [...state.managedPacks, ...state.settings.packs];
  const key = JSON.stringify(packs);
  if (!compiled || compiledFor !== key) {
    compiled?.engine.free();
    compiled = await compile(packs);
    compiledFor = key;
  }
  return compiled;
}

function renderRules(c: Compiled): void {
  const s = state.settings;
  const groups = new Map<string, ReturnType<Compiled["engine"]["rules"]>>();
  for (const rule of c.engine.rules()) {
    const tag = rule.tags[0] ?? "";
    const list = groups.get(tag);
    if (list) list.push(rule);
    else groups.set(tag, [rule]);
  }
  const root = $("rule-groups");
  root.replaceChildren();
  for (const [tag, rules] of groups) {
    const fieldset = el("fieldset", "group");
    fieldset.dataset.framework = tag;
    fieldset.append(el("legend", undefined, `${tag ? (FRAMEWORKS[tag] ?? tag.toUpperCase()) : t("groupOther")} (${rules.length})`));
    for (const rule of rules) {
      const row = el("div", "rule-row");
      row.dataset.rule = rule.id;
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.id = `rule-${rule.id}`;
      box.checked = !s.disabledRules.includes(rule.id);
      box.disabled = locked("disabledRules");
      box.addEventListener("change", () =>
        save((x) => ({
          ...x,
          disabledRules: box.checked ? x.disabledRules.filter((r) => r !== rule.id) : [...new Set([...x.disabledRules, rule.id])],
        })),
      );
      const text = el("span");
      text.append(el("span", "rule-id", rule.id), " ", el("span", "summary", rule.summary));
      label.append(box, text);
      const select = el("select");
      select.id = `severity-${rule.id}`;
      select.setAttribute("aria-label", t("severityOf", rule.id));
      const own = el("option", undefined, t("severityDefault", severityName(rule.severity)));
      own.value = "";
      select.append(own);
      for (const sev of SEVERITIES) {
        const o = el("option", undefined, severityName(sev));
        o.value = sev;
        select.append(o);
      }
      select.value = s.severities[rule.id] ?? "";
      select.disabled = locked("severities");
      select.addEventListener("change", () =>
        save((x) => {
          const severities = { ...x.severities };
          if (select.value) severities[rule.id] = select.value as Severity;
          else delete severities[rule.id];
          return { ...x, severities };
        }),
      );
      row.append(label, select);
      fieldset.append(row);
    }
    root.append(fieldset);
  }
  if (locked("disabledRules") || locked("severities")) root.prepend(lockNote());
}

function renderLook(): void {
  const s = state.settings;
  $<HTMLSelectElement>("min-severity").value = s.minSeverity;
  $<HTMLSelectElement>("min-severity").disabled = locked("minSeverity");
  for (const style of ["underline", "background"] as const) {
    const radio = $<HTMLInputElement>(`style-${style}`);
    radio.checked = s.style === style;
    radio.disabled = locked("style");
  }
  for (const sev of SEVERITIES) {
    const input = $<HTMLInputElement>(`color-${sev}`);
    input.value = s.colors[sev];
    input.disabled = locked("colors");
  }
  $<HTMLButtonElement>("reset-colors").disabled = locked("colors");
  for (const mode of ["all", "only"] as const) {
    const radio = $<HTMLInputElement>(`mode-${mode}`);
    radio.checked = s.siteMode === mode;
    radio.disabled = locked("siteMode");
  }
  for (const e of document.querySelectorAll<HTMLElement>("[data-setting]")) {
    const key = e.dataset.setting as SettingKey;
    const has = e.querySelector(":scope > .lock");
    if (locked(key) && !has && key !== "disabledRules") e.append(lockNote());
    if (!locked(key)) has?.remove();
  }
}

function renderSites(): void {
  const s = state.settings;
  const only = s.siteMode === "only";
  const key: SettingKey = only ? "onlySites" : "offSites";
  const sites = only ? s.onlySites : s.offSites;
  $("site-list-title").textContent = t(only ? "onlySitesTitle" : "offSitesTitle");
  const list = $("site-list");
  list.replaceChildren();
  if (!sites.length) list.append(el("li", "empty", t("noSites")));
  for (const site of sites) {
    const li = el("li");
    li.dataset.site = site;
    const remove = el("button", undefined, t("remove"));
    remove.type = "button";
    remove.setAttribute("aria-label", t("removeSite", site));
    remove.disabled = locked(key);
    remove.addEventListener("click", () => save((x) => ({ ...x, [key]: x[key].filter((y) => y !== site) })));
    li.append(el("span", "grow", site), remove);
    list.append(li);
  }
  const form = $<HTMLFormElement>("add-site");
  for (const c of form.querySelectorAll<HTMLInputElement | HTMLButtonElement>("input, button")) c.disabled = locked(key);
}

async function renderIgnored(): Promise<void> {
  const list = $("ignored-list");
  list.replaceChildren();
  const sites = [...(await allSites())].filter(([, s]) => s.rules?.length || s.here?.length);
  if (!sites.length) list.append(el("li", "empty", t("noIgnored")));
  for (const [site, s] of sites) {
    const li = el("li");
    li.dataset.site = site;
    const text = el("span", "grow");
    text.append(el("strong", undefined, site), " ", t("ignoredCounts", [String(s.rules?.length ?? 0), String(s.here?.length ?? 0)]));
    const clear = el("button", undefined, t("clear"));
    clear.type = "button";
    clear.setAttribute("aria-label", t("clearIgnoredFor", site));
    clear.addEventListener("click", () => void clearIgnored([site]));
    li.append(text, clear);
    list.append(li);
  }
  $<HTMLButtonElement>("clear-ignored").disabled = !sites.length;
}

async function clearIgnored(sites: string[]): Promise<void> {
  const all = await allSites();
  const next: Record<string, SiteSettings> = {};
  for (const site of sites) {
    const { rules: _rules, here: _here, ...rest } = all.get(site) ?? {};
    next[siteKey(site)] = rest;
  }
  await chrome.storage.local.set(next);
  announce(t("ignoredCleared"));
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function renderPacks(c: Compiled): void {
  const list = $("pack-list");
  list.replaceChildren();
  const all: [PackSource, boolean][] = [...state.managedPacks.map((p) => [p, true] as [PackSource, boolean]), ...state.settings.packs.map((p) => [p, false] as [PackSource, boolean])];
  if (!all.length) list.append(el("li", "empty", t("noPacks")));
  for (const [pack, managed] of all) {
    const li = el("li", "pack");
    li.dataset.pack = pack.name;
    const errors = c.errors.filter((e) => e.file === pack.name);
    li.append(el("strong", "grow", pack.name));
    if (managed) li.append(lockNote());
    li.append(el("span", errors.length ? "status" : "status ok", errors.length ? plural("packErrors", errors.length) : t("packOk")));
    const exportButton = el("button", "export", t("exportPack"));
    exportButton.type = "button";
    exportButton.setAttribute("aria-label", t("exportPackNamed", pack.name));
    exportButton.addEventListener("click", () => download(pack.name.endsWith(".toml") ? pack.name : `${pack.name}.toml`, pack.source, "application/toml"));
    li.append(exportButton);
    if (!managed) {
      const edit = el("button", "edit", t("editPack"));
      edit.type = "button";
      edit.setAttribute("aria-label", t("editPackNamed", pack.name));
      edit.addEventListener("click", () => {
        $<HTMLInputElement>("pack-name").value = pack.name;
        $<HTMLTextAreaElement>("pack-source").value = pack.source;
        $("pack-source").focus();
      });
      const remove = el("button", "remove", t("remove"));
      remove.type = "button";
      remove.setAttribute("aria-label", t("removePack", pack.name));
      remove.addEventListener("click", () => void savePacks((packs) => packs.filter((p) => p.name !== pack.name)));
      li.append(edit, remove);
    }
    if (errors.length) {
      const ul = el("ul", "errors");
      for (const e of errors) ul.append(el("li", "pack-error", formatError(e)));
      li.append(ul);
    }
    list.append(li);
  }
}

function formatError(e: Compiled["errors"][number]): string {
  const where = [e.file, e.line !== undefined ? t("errorLine", String(e.line)) : "", e.rule ? t("errorRule", e.rule) : ""].filter(Boolean).join(", ");
  return `${where}: ${e.message}`;
}

let packQueue: Promise<unknown> = Promise.resolve();

/** Changes the user's packs, one change at a time, starting from what is stored (quick clicks add up). */
function savePacks(change: (packs: PackSource[]) => PackSource[]): Promise<Compiled> {
  const next = packQueue.then(async () => savePacksNow(change((await loadSettings()).settings.packs)));
  packQueue = next.catch(() => {});
  return next;
}

/** Compiles and stores the pack frames load first, then saves the sources (so the worker need not). */
async function savePacksNow(packs: PackSource[]): Promise<Compiled> {
  const all = [...state.managedPacks, ...packs];
  const result = await compile(all);
  compiled?.engine.free();
  compiled = result;
  compiledFor = JSON.stringify(all);
  await storeCompiled(all, result);
  await save((x) => ({ ...x, packs }));
  return result;
}

function showPacksLocal(packsLocal: boolean): void {
  const note = $("packs-local");
  note.hidden = !packsLocal;
  note.textContent = packsLocal ? t("packsLocal", String(Math.round(8192 / 1024))) : "";
}

function renderPreview(c: Compiled): void {
  const text = $<HTMLTextAreaElement>("preview-text").value;
  const list = $("preview-results");
  list.replaceChildren();
  const found = c.engine.check(text).flatMap((f) => {
    const severity = f.mention ? null : shownSeverity(state.settings, f.rule, f.severity);
    return severity ? [{ ...f, severity }] : [];
  });
  $("preview-status").textContent = found.length ? plural("previewFound", found.length) : t("previewNone");
  for (const f of found) {
    const li = el("li", "preview-finding");
    li.dataset.rule = f.rule;
    li.dataset.severity = f.severity;
    const quote = el("mark", undefined, f.text);
    li.append(el("span", `sev ${f.severity}`, severityName(f.severity)), el("span", "rule-id", f.rule), quote);
    if (f.suggestions.length) li.append(el("span", "summary", `→ ${f.suggestions.map((s) => s.replacement).join(" / ")}`));
    list.append(li);
  }
}

async function showNotice(): Promise<void> {
  const got = await chrome.storage.local.get(NOTICE_KEY);
  const notice = got[NOTICE_KEY] as { fields?: string[] } | undefined;
  const box = $("notice");
  box.hidden = !notice;
  box.replaceChildren();
  if (!notice) return;
  const dismiss = el("button", undefined, t("dismiss"));
  dismiss.type = "button";
  dismiss.addEventListener("click", () => void chrome.storage.local.remove(NOTICE_KEY));
  box.append(t("repairedNotice", (notice.fields ?? []).join(", ")), " ", dismiss);
}

/** The control the user was on; lists are rebuilt from storage after each change. */
let lastFocus = "";
addEventListener("focusin", (e) => (lastFocus = (e.target as HTMLElement).id ?? ""));
let rendering: Promise<void> = Promise.resolve();

function restoreFocus(): void {
  const lost = !document.activeElement || document.activeElement === document.body;
  if (lost && lastFocus) document.getElementById(lastFocus)?.focus();
}

function render(): Promise<void> {
  rendering = rendering.then(renderNow, renderNow);
  return rendering;
}

async function renderNow(): Promise<void> {
  const c = await ensureCompiled();
  $("managed-note").hidden = state.locked.size === 0 && state.managedPacks.length === 0;
  showPacksLocal(state.packsLocal);
  // The lists are rebuilt in this one task, and focus goes back before it ends: a key pressed
  // meanwhile still lands on the control the user was on, not on the page's first control.
  renderLook();
  renderRules(c);
  renderSites();
  renderPacks(c);
  renderPreview(c);
  restoreFocus();
  await renderIgnored();
  restoreFocus();
  document.body.dataset.ready = "true";
}

function wire(): void {
  $<HTMLSelectElement>("min-severity").addEventListener("change", (e) =>
    save((x) => ({ ...x, minSeverity: (e.target as HTMLSelectElement).value as Severity })),
  );
  for (const style of ["underline", "background"] as const) {
    $(`style-${style}`).addEventListener("change", () => save((x) => ({ ...x, style })));
  }
  for (const sev of SEVERITIES) {
    $<HTMLInputElement>(`color-${sev}`).addEventListener("change", (e) =>
      save((x) => ({ ...x, colors: { ...x.colors, [sev]: (e.target as HTMLInputElement).value } })),
    );
  }
  $("reset-colors").addEventListener("click", () => save((x) => ({ ...x, colors: { ...DEFAULT_COLORS } })));
  for (const siteMode of ["all", "only"] as const) {
    $(`mode-${siteMode}`).addEventListener("change", () => save((x) => ({ ...x, siteMode })));
  }
  $("add-site").addEventListener("submit", (e) => {
    e.preventDefault();
    const input = $<HTMLInputElement>("site-input");
    const site = hostOf(input.value);
    if (!site) return;
    input.value = "";
    void save((x) => (x.siteMode === "only" ? { ...x, onlySites: [...new Set([...x.onlySites, site])] } : { ...x, offSites: [...new Set([...x.offSites, site])] }));
  });
  $("clear-ignored").addEventListener("click", async () => clearIgnored([...(await allSites()).keys()]));
  $<HTMLInputElement>("pack-file").addEventListener("change", async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    $<HTMLTextAreaElement>("pack-source").value = await file.text();
    const name = $<HTMLInputElement>("pack-name");
    if (!name.value) name.value = file.name;
  });
  $("pack-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const name = $<HTMLInputElement>("pack-name").value.trim();
    const source = $<HTMLTextAreaElement>("pack-source").value;
    if (!name || !source.trim()) return;
    if (state.managedPacks.some((p) => p.name === name)) {
      $("pack-errors").textContent = t("packNameTaken", name);
      return;
    }
    const result = await savePacks((packs) => [...packs.filter((p) => p.name !== name), { name, source }]);
    const errors = result.errors.filter((x) => x.file === name);
    $("pack-errors").textContent = errors.length ? `${plural("packErrors", errors.length)}: ${errors.map(formatError).join("; ")}` : t("packSaved", name);
  });
  let timer = 0;
  $("preview-text").addEventListener("input", () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => compiled && renderPreview(compiled), 120);
  });
}

/** "https://www.example.com/x" or "example.com" → "www.example.com" / "example.com". */
function hostOf(value: string): string {
  const v = value.trim();
  if (!v) return "";
  try {
    return new URL(v.includes("://") ? v : `https://${v}`).hostname;
  } catch {
    return "";
  }
}

async function main(): Promise<void> {
  localize(document);
  $<HTMLTextAreaElement>("preview-text").value = t("previewSample");
  wire();
  state = await loadSettings();
  await showNotice();
  await render();
  onSettingsChange((next) => {
    state = next;
    void render();
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes[NOTICE_KEY]) void showNotice();
    if (Object.keys(changes).some((k) => k.startsWith("site:"))) void renderIgnored();
  });
}

void main();
