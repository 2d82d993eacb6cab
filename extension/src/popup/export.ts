// The current page's findings as Markdown, CSV or JSON (page URL, title, date; per finding: rule,
// severity, claim, context sentence, suggestions). Page text is escaped for each format, so a
// claim can never become a link, a table cell break or a spreadsheet formula.
import type { RuleInfo } from "../../pkg/claimlint.js";
import type { TabReport } from "../shared/protocol.js";

export type ExportFormat = "markdown" | "csv" | "json";

export interface ExportedFinding {
  rule: string;
  severity: string;
  claim: string;
  context: string;
  suggestions: string[];
  message: string;
}

export interface ExportedReport {
  url: string;
  title: string;
  date: string;
  findings: ExportedFinding[];
}

export function collectReport(report: TabReport, date: Date, rules: Map<string, RuleInfo>): ExportedReport {
  const frames = Object.entries(report.frames).sort(([a], [b]) => Number(a) - Number(b));
  const top = report.frames["0"] ?? frames[0]?.[1];
  const findings: ExportedFinding[] = [];
  for (const [, frame] of frames) {
    if (!frame.enabled) continue;
    for (const f of frame.findings) {
      findings.push({
        rule: f.rule,
        severity: f.severity,
        claim: f.text,
        context: `${f.before}${f.text}${f.after}`.replace(/\s+/g, " ").trim(),
        suggestions: f.suggestions.map((s) => s.replacement),
        message: rules.get(f.rule)?.message ?? "",
      });
    }
  }
  return { url: top?.url ?? "", title: top?.title ?? "", date: date.toISOString(), findings };
}

export function toJson(r: ExportedReport): string {
  return JSON.stringify(r, null, 2) + "\n";
}

/** A cell as RFC 4180 wants it; a leading = + - @ is defused for spreadsheets. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(r: ExportedReport): string {
  const rows = [["url", "title", "date", "rule", "severity", "claim", "context", "suggestions", "message"]];
  for (const f of r.findings) rows.push([r.url, r.title, r.date, f.rule, f.severity, f.claim, f.context, f.suggestions.join(" | "), f.message]);
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Markdown special characters (and HTML's <, >, &) escaped, line breaks flattened. */
function md(value: string): string {
  return value.replace(/\s+/g, " ").replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => `\\${c}`);
}

export function toMarkdown(r: ExportedReport, labels: { heading: string; url: string; date: string; none: string; columns: string[] }): string {
  const lines = [`# ${md(labels.heading)}: ${md(r.title || r.url)}`, "", `- ${labels.url}: <${r.url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`, `- ${labels.date}: ${r.date}`, ""];
  if (!r.findings.length) lines.push(md(labels.none));
  else {
    lines.push(`| ${labels.columns.map(md).join(" | ")} |`, `|${labels.columns.map(() => " --- |").join("")}`);
    for (const f of r.findings) {
      lines.push(`| ${[f.severity, f.rule, f.claim, f.context, f.suggestions.join("; ")].map(md).join(" | ")} |`);
    }
  }
  return lines.join("\n") + "\n";
}

export const MIME: Record<ExportFormat, string> = {
  markdown: "text/markdown",
  csv: "text/csv",
  json: "application/json",
};

export const EXTENSION: Record<ExportFormat, string> = { markdown: "md", csv: "csv", json: "json" };

/** claimlint-<host>-<yyyy-mm-dd>.<ext> */
export function fileName(r: ExportedReport, format: ExportFormat): string {
  let host = "page";
  try {
    host = new URL(r.url).hostname.replace(/[^a-z0-9.-]/gi, "") || host;
  } catch {
    // Keep "page".
  }
  return `claimlint-${host}-${r.date.slice(0, 10)}.${EXTENSION[format]}`;
}
