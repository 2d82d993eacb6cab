// Keeps this frame's findings in step with its text: collects runs, checks them in batches (one
// engine call per batch of blocks joined by blank lines), turns findings into Ranges, applies the
// site's ignore choices, and reports to the background worker.
import type { CheckedFinding as Finding, FrameReport, ReportedFinding, Severity } from "../shared/protocol.js";
import { BLOCK_SEPARATOR, send } from "../shared/protocol.js";
import { occurrenceKey, type SiteSettings } from "../shared/settings.js";
import { Budget } from "./budget.js";
import { at, collect, nodeIndex, ownerOf, type Run } from "./collect.js";
import { engineHost } from "./host.js";
import { mark, measure, measureSpan } from "../shared/marks.js";
import type { Highlighter } from "./highlight.js";

/** One finding on the page. */
export class Entry {
  shown = false;
  /** The rule's own severity (`finding.severity` is the one shown, after the settings). */
  readonly own: Severity;
  private occurrence: string | null = null;

  constructor(
    readonly id: string,
    readonly run: Run,
    readonly finding: Finding,
    readonly range: Range,
    readonly before: string,
    readonly after: string,
    readonly order: number,
  ) {
    this.own = finding.severity;
  }

  /** Identifies this occurrence for "ignore here"; needed only where the site has such choices or one is made. */
  get key(): string {
    return (this.occurrence ??= occurrenceKey(this.finding.rule, this.finding.text, this.before, this.after));
  }
}

/** The severity the settings show a finding with, or null when they hide it. */
export type Display = (rule: string, own: Severity) => Severity | null;

/** What changed since the last check, as the observer saw it. */
export interface Dirty {
  /** Owners whose own inline text changed. */
  shallow: Set<Node>;
  /** Subtrees added or revealed: collect everything inside. */
  deep: Set<Node>;
  /** Subtrees removed or hidden: forget runs inside them. */
  gone: Set<Node>;
}

/** A finding this frame shows outside the page text (in an editor), reported with the page's. */
export interface OtherEntry {
  id: string;
  finding: Finding;
  before: string;
  after: string;
}

/** The frame's other findings: those shown, and how many are hidden by ignore choices or settings. */
export type OtherFindings = () => { shown: OtherEntry[]; hidden: number };

const BATCH_CHARS = 32 * 1024;
/** This document's identity in reports. */
const DOC = Math.random().toString(36).slice(2);
const SNIPPET = 48;
const REPORT_LIMIT = 500;

/** The text before and after `start..end` in `text`, cut at word boundaries near 48 characters. */
export function snippet(text: string, start: number, end: number): [string, string] {
  let before = text.slice(Math.max(0, start - SNIPPET), start);
  let after = text.slice(end, end + SNIPPET);
  if (start > SNIPPET) before = "…" + before.replace(/^\S*\s/, "");
  if (end + SNIPPET < text.length) after = after.replace(/\s\S*$/, "") + "…";
  return [before.trimStart(), after.trimEnd()];
}

export class Checker {
  private readonly runs = new Map<Node, Run[]>();
  private readonly entries = new Map<Run, Entry[]>();
  private readonly byId = new Map<string, Entry>();
  private readonly byNode = new Map<Text, Entry[]>();
  private nextId = 0;
  private order = 0;
  private display: Display = (_rule, own) => own;
  private checked = false;
  /** Some text could not be checked (the engine failed): the popup says so, quietly. */
  private failed = false;
  private others: OtherFindings = () => ({ shown: [], hidden: 0 });
  private engineUsed = false;
  private queue: Promise<void> = Promise.resolve();
  private reportQueued = false;
  private lastReport = "";
  enabled = false;

  constructor(
    private readonly site: string,
    private settings: SiteSettings,
    private readonly highlighter: Highlighter,
    private readonly onShadowRoot: (root: ShadowRoot) => void,
  ) {}

  /** Checks the whole frame. */
  async start(): Promise<void> {
    this.enabled = true;
    this.queueReport(); // "checking…" right away, and it tells the background a new page is here
    const root = document.body ?? document.documentElement;
    const t0 = performance.now();
    mark("check-start");
    await this.update({ shallow: new Set(), deep: new Set([root]), gone: new Set() });
    measure("check", t0);
    mark("check-end");
  }

  /** Forgets every finding (the site was switched off). */
  stop(): void {
    this.enabled = false;
    this.highlighter.clear();
    this.runs.clear();
    this.entries.clear();
    this.byId.clear();
    this.byNode.clear();
    this.checked = false;
    this.failed = false;
    this.queueReport();
  }

  setSettings(settings: SiteSettings): void {
    this.settings = settings;
    this.reapply();
  }

  /** Rules switched off, severity changes and the minimum severity (global settings). */
  setDisplay(display: Display): void {
    this.display = display;
    this.reapply();
  }

  private reapply(): void {
    this.highlighter.hold();
    for (const entries of this.entries.values()) for (const e of entries) this.applyShown(e);
    this.highlighter.release();
    this.queueReport();
  }

  /** Re-reads what changed and checks only that. Updates run one at a time, in order. */
  update(dirty: Dirty): Promise<void> {
    const next = this.queue.then(() => this.updateNow(dirty));
    this.queue = next.catch(() => {});
    return next;
  }

  private async updateNow(dirty: Dirty): Promise<void> {
    if (!this.enabled) return;
    this.highlighter.hold();
    try {
      await this.read(dirty);
    } finally {
      this.highlighter.release();
    }
    this.checked = true;
    this.queueReport();
  }

  private async read(dirty: Dirty): Promise<void> {
    const budget = new Budget();
    if (dirty.gone.size) this.forgetGone(dirty.gone);
    // Nodes inside another changed subtree are read with it, once.
    const covered = (node: Node, self: boolean): boolean => {
      for (let n: Node | null = self ? node : node.parentNode; n; n = n.parentNode) if (dirty.deep.has(n)) return true;
      return false;
    };
    const deep = [...dirty.deep].filter((n) => n.isConnected && !covered(n, false));
    const fresh: Run[] = [];
    const replaced = new Set<Node>();
    const emit = (run: Run) => {
      if (!replaced.has(run.owner)) {
        replaced.add(run.owner);
        this.forgetOwner(run.owner);
      }
      fresh.push(run);
    };
    const shallow = new Set<Node>();
    const t0 = performance.now();
    for (const node of deep) {
      // An inline subtree's own text belongs to its block, which is re-read shallowly.
      const owner = ownerOf(node);
      const rootRuns = owner === node;
      if (rootRuns) this.forgetOwner(node);
      else shallow.add(owner);
      await collect(node, { deep: true, rootRuns, onRun: emit, onShadowRoot: this.onShadowRoot }, budget);
    }
    for (const owner of dirty.shallow) shallow.add(owner);
    for (const owner of shallow) {
      if (!owner.isConnected) {
        this.forgetInside(owner);
        continue;
      }
      if (covered(owner, true)) continue;
      this.forgetOwner(owner);
      await collect(owner, { deep: false, rootRuns: true, onRun: emit, onShadowRoot: this.onShadowRoot }, budget);
    }
    measure("collect", t0);
    mark("collect-end");
    for (const run of fresh) {
      const list = this.runs.get(run.owner);
      if (list) list.push(run);
      else this.runs.set(run.owner, [run]);
    }
    if (!fresh.length) return;
    await this.checkRuns(fresh, budget);
  }

  /**
   * Sends the runs to the engine in batches, all at once (the worker checks one while the next is
   * on its way), then turns each batch's findings into highlights as its answer arrives.
   */
  private async checkRuns(runs: Run[], budget: Budget): Promise<void> {
    const host = engineHost();
    const batches: { runs: Run[]; offsets: number[]; findings: Promise<Finding[]> }[] = [];
    const t0 = performance.now();
    for (let i = 0; i < runs.length; ) {
      const batch: Run[] = [];
      const offsets: number[] = [];
      let length = 0;
      while (i < runs.length && (batch.length === 0 || length + runs[i]!.text.length < BATCH_CHARS)) {
        offsets.push(length);
        batch.push(runs[i]!);
        length += runs[i]!.text.length + BLOCK_SEPARATOR.length;
        i++;
      }
      const findings = host.check(batch.map((r) => r.text));
      findings.catch(() => {}); // handled where awaited
      batches.push({ runs: batch, offsets, findings });
      // Sending serializes the text on this thread: a 10 MB page is hundreds of batches.
      if (budget.expired()) await budget.yield();
    }
    let rangesMs = 0;
    let shownAt = t0;
    for (const { runs: batch, offsets, findings: pending } of batches) {
      let findings: Finding[];
      try {
        findings = await pending;
      } catch {
        this.failed = true; // the page stays as it is; the report says it could not be checked
        continue;
      }
      if (!this.engineUsed) {
        this.engineUsed = true;
        measure("engine-first", t0);
      }
      if (budget.expired()) await budget.yield();
      const t2 = performance.now();
      let r = 0;
      for (const f of findings) {
        if (f.mention) continue; // the text talks about the phrase; it makes no claim
        while (r + 1 < batch.length && offsets[r + 1]! <= f.start) r++;
        const run = batch[r]!;
        const start = f.start - offsets[r]!;
        const end = f.end - offsets[r]!;
        if (end > run.text.length || !this.isCurrent(run) || !run.current) continue;
        this.addEntry(run, f, start, end);
      }
      rangesMs += performance.now() - t2;
      if (budget.expired()) {
        // A long check (a very large page) shows what it found so far every quarter second.
        if (performance.now() - shownAt > 250) {
          this.highlighter.release();
          this.highlighter.hold();
          shownAt = performance.now();
        }
        await budget.yield();
      }
    }
    measure("engine", t0);
    measureSpan("ranges", t0, rangesMs);
  }

  private isCurrent(run: Run): boolean {
    return this.runs.get(run.owner)?.includes(run) ?? false;
  }

  private addEntry(run: Run, finding: Finding, start: number, end: number): void {
    const range = document.createRange();
    const first = nodeIndex(run, start, false);
    const last = nodeIndex(run, end, true);
    const [sn, so] = at(run, first, start);
    const [en, eo] = at(run, last, end);
    try {
      range.setStart(sn, so);
      range.setEnd(en, eo);
    } catch {
      return;
    }
    const [before, after] = snippet(run.text, start, end);
    const entry = new Entry(`c${this.nextId++}`, run, { ...finding, text: run.text.slice(start, end) }, range, before, after, this.order++);
    const list = this.entries.get(run);
    if (list) list.push(entry);
    else this.entries.set(run, [entry]);
    this.byId.set(entry.id, entry);
    // The run's nodes are in document order: the range covers those from `first` to `last`.
    for (let i = first; i <= last; i++) {
      const node = run.nodes[i]!;
      const list = this.byNode.get(node);
      if (list) list.push(entry);
      else this.byNode.set(node, [entry]);
    }
    this.applyShown(entry);
  }

  private applyShown(entry: Entry): void {
    const ignored =
      (this.settings.rules?.includes(entry.finding.rule) ?? false) || (this.settings.here?.length ? this.settings.here.includes(entry.key) : false);
    const severity = ignored ? null : this.display(entry.finding.rule, entry.own);
    if (severity === (entry.shown ? entry.finding.severity : null)) return;
    if (entry.shown) this.highlighter.delete(entry.finding.severity, entry.range);
    entry.shown = severity !== null;
    if (severity) {
      entry.finding.severity = severity;
      this.highlighter.add(severity, entry.range);
    }
  }

  private forgetOwner(owner: Node): void {
    const runs = this.runs.get(owner);
    if (!runs) return;
    this.runs.delete(owner);
    for (const run of runs) {
      for (const e of this.entries.get(run) ?? []) {
        if (e.shown) this.highlighter.delete(e.finding.severity, e.range);
        this.byId.delete(e.id);
      }
      this.entries.delete(run);
      if (run.resolved) for (const node of run.nodes) this.byNode.delete(node);
    }
  }

  /** One pass over all owners for a batch of removed or hidden subtrees. */
  private forgetGone(gone: Set<Node>): void {
    const hidden = [...gone].filter((n) => n.isConnected);
    for (const owner of [...this.runs.keys()]) {
      if (!owner.isConnected || hidden.some((n) => n === owner || n.contains(owner))) this.forgetOwner(owner);
    }
  }

  /** Forgets runs whose owner is `node` or inside it (removed or hidden subtree). */
  private forgetInside(node: Node): void {
    for (const owner of [...this.runs.keys()]) {
      if (owner === node || node.contains(owner) || !owner.isConnected) this.forgetOwner(owner);
    }
  }

  /** Shown findings in page order. */
  shownEntries(): Entry[] {
    const out: Entry[] = [];
    for (const list of this.entries.values()) for (const e of list) if (e.shown) out.push(e);
    return out.sort((a, b) => a.order - b.order);
  }

  /** Cheap test for the pointer handlers: anything to hit at all? */
  get hasEntries(): boolean {
    return this.byId.size > 0;
  }

  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  entriesAt(node: Text): Entry[] {
    return (this.byNode.get(node) ?? []).filter((e) => e.shown);
  }

  /** Reports `others` (editors' findings) with the page's, and again whenever `report()` is called. */
  reportAlso(others: OtherFindings): void {
    this.others = others;
  }

  /** Something reported changed outside the page text: report again (batched). */
  report(): void {
    this.queueReport();
  }

  /** Reports even if nothing changed: the tab's report describes another page (back/forward cache). */
  reportAgain(): void {
    this.lastReport = "";
    this.queueReport();
  }

  private queueReport(): void {
    if (this.reportQueued) return;
    this.reportQueued = true;
    setTimeout(() => {
      this.reportQueued = false;
      void this.sendReport();
    }, 50);
  }

  private async sendReport(): Promise<void> {
    const t0 = performance.now();
    const others = this.enabled ? this.others() : { shown: [], hidden: 0 };
    const shown: (Entry | OtherEntry)[] = [...this.shownEntries(), ...others.shown];
    let total = others.shown.length + others.hidden;
    for (const list of this.entries.values()) total += list.length;
    const findings: ReportedFinding[] = shown.slice(0, REPORT_LIMIT).map((e) => ({
      id: e.id,
      rule: e.finding.rule,
      severity: e.finding.severity,
      text: e.finding.text,
      before: e.before,
      after: e.after,
      suggestions: e.finding.suggestions,
    }));
    const signature = JSON.stringify([this.enabled, this.checked, this.failed, total, shown.length, document.title, findings.map((f) => [f.rule, f.severity, f.text, f.before, f.after])]);
    if (signature === this.lastReport) return; // nothing the popup or badge would show differently
    this.lastReport = signature;
    const report: FrameReport = {
      doc: DOC,
      since: performance.timeOrigin,
      url: location.href,
      title: document.title,
      site: this.site,
      enabled: this.enabled,
      checked: this.checked,
      ...(this.failed ? { failed: true } : {}),
      findings,
      count: shown.length,
      ignored: total - shown.length,
    };
    try {
      const sending = send({ kind: "report", report });
      measure("report", t0);
      await sending;
    } catch {
      // The extension was reloaded or updated; this frame's script is orphaned.
    }
  }
}
