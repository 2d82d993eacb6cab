//! Human output, in the style of rustc and ruff:
//!
//! ```text
//! page.md:3:8: error[soc2-certified]: SOC 2 is an attestation by an independent CPA firm; ...
//!   |
//! 3 | We are SOC 2 **certified**.
//!   |        ^^^^^^^^^^^^^^^^^^^
//!   = help: try "SOC 2 attested"
//! ```

use std::fmt::Write;

use claimlint::Severity;

use crate::FileReport;
use crate::check::Located;
use crate::lines::{LineIndex, displayed, str_width};
use crate::style::Style;

/// Lines longer than this (in characters) are shown as a window around the claim.
const MAX_LINE_CHARS: usize = 160;
/// Characters kept on each side of the claim in such a window.
const WINDOW_CONTEXT: usize = 50;

pub fn render(files: &[FileReport], style: Style) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for file in files {
        let lines = LineIndex::new(&file.source);
        for located in &file.findings {
            counts[index(located.finding.severity)] += 1;
            finding(&mut out, &file.path, &lines, located, style);
            out.push('\n');
        }
    }
    out.push_str(&summary(counts, files.len()));
    out.push('\n');
    out
}

fn finding(out: &mut String, path: &str, lines: &LineIndex<'_>, located: &Located, style: Style) {
    let f = &located.finding;
    let severity = f.severity;
    let _ = writeln!(
        out,
        "{}: {}: {}",
        style.bold(&format!("{path}:{}:{}", located.line, located.column)),
        style.severity(severity, &format!("{severity}[{}]", f.rule)),
        style.bold(&f.message),
    );

    let number = located.line.to_string();
    let pad = " ".repeat(number.len());
    let bar = style.dim("|");
    let (shown, offset, width) = underline(lines, located);
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(out, "{} {bar} {shown}", style.dim(&number));
    let carets = style.severity(severity, &"^".repeat(width));
    let _ = writeln!(out, "{pad} {bar} {}{carets}", " ".repeat(offset));

    let equals = style.dim("=");
    for s in &f.suggestions {
        let label = s
            .label
            .as_deref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{pad} {equals} {}: try \"{}\"{label}",
            style.help("help"),
            one_line(&s.replacement)
        );
    }
    if let Some(reason) = f.mention {
        let _ = writeln!(
            out,
            "{pad} {equals} {}: not counted as a claim: {}",
            style.bold("note"),
            reason.describe()
        );
    }
}

/// A suggestion on one line: a white-space run holding a line break (copied from a claim that
/// wraps) is shown as one space. JSON and SARIF keep the exact text.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once('x')) {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        if run.contains(['\n', '\r']) {
            out.push(' ');
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// The claim's first line as shown, and where the carets go: (line, columns before, carets).
fn underline(lines: &LineIndex<'_>, located: &Located) -> (String, usize, usize) {
    let line = lines.line(located.line);
    let chars: Vec<char> = line.chars().collect();
    let start = (located.column - 1).min(chars.len());
    // A claim over several lines is underlined to the end of its first line.
    let end = if located.end_line == located.line {
        (located.end_column - 1).clamp(start, chars.len())
    } else {
        chars.len()
    };
    let (from, to) = if chars.len() > MAX_LINE_CHARS {
        let from = start.saturating_sub(WINDOW_CONTEXT);
        let to = (end.min(start + MAX_LINE_CHARS) + WINDOW_CONTEXT).min(chars.len());
        (from, to)
    } else {
        (0, chars.len())
    };
    let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < chars.len() { "…" } else { "" };
    let shown = format!("{prefix}{}{suffix}", displayed(&part(from, to)));
    let offset = str_width(prefix) + str_width(&part(from, start));
    let width = str_width(&part(start, end.min(to))).max(1);
    (shown, offset, width)
}

fn index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn summary(counts: [usize; 3], files: usize) -> String {
    let total: usize = counts.iter().sum();
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    for (severity, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
    ] {
        let n = counts[index(severity)];
        if n > 0 {
            parts.push(noun(n, one, many));
        }
    }
    let breakdown = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    format!(
        "{}{breakdown} in {}",
        noun(total, "finding", "findings"),
        noun(files, "file", "files")
    )
}
