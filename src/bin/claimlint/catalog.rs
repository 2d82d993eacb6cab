//! `claimlint rules` and `claimlint explain RULE`.

use std::fmt::Write;

use claimlint::{Engine, Rule};
use serde_json::json;

use crate::style::Style;

pub fn list_human(engine: &Engine, style: Style) -> String {
    let rules = engine.rules();
    let id_width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0).max(2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("{:<id_width$}  {:<8}  SUMMARY", "ID", "SEVERITY"))
    );
    for r in rules {
        // Pad before coloring: escape codes have no width.
        let severity = format!("{:<8}", r.severity.as_str());
        let _ = writeln!(
            out,
            "{:<id_width$}  {}  {}",
            r.id,
            style.severity(r.severity, &severity),
            r.summary
        );
    }
    let n = rules.len();
    let _ = writeln!(out, "\n{n} rule{}", if n == 1 { "" } else { "s" });
    out
}

pub fn list_json(engine: &Engine) -> String {
    let rules: Vec<_> = engine
        .rules()
        .iter()
        .map(|r| {
            json!({
                "id": &*r.id,
                "severity": r.severity.as_str(),
                "summary": r.summary,
                "message": &*r.message,
                "explanation": &*r.explanation,
                "link": r.link,
                "tags": r.tags,
                "file": r.file,
                "line": r.line,
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&rules).expect("rules serialize");
    out.push('\n');
    out
}

pub fn explain(engine: &Engine, rule: &Rule, style: Style) -> String {
    let mut out = String::new();
    let heading = |out: &mut String, title: &str| {
        let _ = writeln!(out, "\n{}", style.bold(title));
    };
    let _ = writeln!(
        out,
        "{} {}",
        style.bold(&rule.id),
        style.severity(rule.severity, &format!("({})", rule.severity))
    );
    let _ = writeln!(out, "{}", rule.summary);

    heading(&mut out, "Message");
    let _ = writeln!(out, "{}", indent(&rule.message));
    heading(&mut out, "Why");
    let _ = writeln!(out, "{}", indent(&rule.explanation));
    if let Some(link) = &rule.link {
        let _ = writeln!(out, "\n{} {link}", style.bold("Link:"));
    }
    if !rule.tags.is_empty() {
        let _ = writeln!(out, "{} {}", style.bold("Tags:"), rule.tags.join(", "));
    }
    let _ = writeln!(
        out,
        "{} {}:{}",
        style.bold("Defined in:"),
        rule.file,
        rule.line
    );

    heading(&mut out, "Patterns");
    for (p, own) in rule.patterns.iter().zip(&rule.pattern_suggestions) {
        let _ = writeln!(out, "  {p}");
        for s in own {
            let _ = writeln!(out, "      suggests {}", suggestion_line(s));
        }
    }
    if !rule.suggestions.is_empty() {
        heading(&mut out, "Suggestions");
        for s in &rule.suggestions {
            let _ = writeln!(out, "  {}", suggestion_line(s));
        }
    }
    if !rule.must_flag.is_empty() {
        heading(&mut out, "Must flag");
        for e in &rule.must_flag {
            let _ = writeln!(out, "  {:?}", e.text);
            if let Some(flags) = &e.flags {
                let _ = writeln!(out, "      flags {flags:?}");
            }
            if let Some(fix) = &e.fix {
                let _ = writeln!(out, "      fix   {fix:?}");
            }
        }
    }
    if !rule.must_not_flag.is_empty() {
        heading(&mut out, "Must not flag");
        for text in &rule.must_not_flag {
            let _ = writeln!(out, "  {text:?}");
        }
    }
    let failures = engine.example_failures(rule);
    let total = rule.must_flag.len() + rule.must_not_flag.len();
    if failures.is_empty() {
        if total > 0 {
            let _ = writeln!(out, "\nAll {total} examples pass.");
        }
    } else {
        heading(&mut out, "Failing examples");
        for f in failures {
            let _ = writeln!(out, "  {f}");
        }
    }
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("  {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A suggestion as written, with its situation and label.
fn suggestion_line(s: &claimlint::SuggestionSpec) -> String {
    let mut notes = Vec::new();
    if let Some(when) = &s.when {
        notes.push(format!("when: {when}"));
    }
    if let Some(label) = &s.label {
        notes.push(label.to_string());
    }
    if notes.is_empty() {
        s.text.clone()
    } else {
        format!("{}  ({})", s.text, notes.join("; "))
    }
}
