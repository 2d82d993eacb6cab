//! `claimlint rules` and `claimlint explain RULE`.

use std::fmt::Write;

use claimlint::{Engine, MustFlag, Rule, SuggestionSpec};
use serde_json::{Value, json};

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
                "governed_by": governed_by(&r.explanation),
                "suggestions": suggestion_templates(r),
                "examples": {
                    "flag": r.must_flag.iter().map(|e| flag_example(engine, r, e)).collect::<Vec<_>>(),
                    "not_flag": r.must_not_flag,
                },
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

/// Who governs the term, as the explanation names it: "(Governing body: AICPA.)",
/// "(Governing bodies for X: A; B.)". The packs keep it in the prose, so it is read from there.
fn governed_by(explanation: &str) -> Option<String> {
    let flat = explanation.split_whitespace().collect::<Vec<_>>().join(" ");
    let start = flat.find("(Governing bod")?;
    let rest = &flat[start + 1..];
    let names = &rest[rest.find(": ")? + 2..];
    // Up to the parenthesis that closes the note (names may hold parentheses of their own).
    let mut depth = 0usize;
    let end = names.char_indices().find_map(|(i, c)| match c {
        '(' => {
            depth += 1;
            None
        }
        ')' if depth == 0 => Some(i),
        ')' => {
            depth -= 1;
            None
        }
        _ => None,
    })?;
    Some(names[..end].trim_end_matches('.').trim().to_string())
}

/// The rule's suggestion templates as written, then each pattern's own, without repeats.
fn suggestion_templates(rule: &Rule) -> Vec<Value> {
    let mut seen: Vec<&SuggestionSpec> = Vec::new();
    for s in rule
        .suggestions
        .iter()
        .chain(rule.pattern_suggestions.iter().flatten())
    {
        if !seen
            .iter()
            .any(|k| k.text == s.text && k.when == s.when && k.label == s.label)
        {
            seen.push(s);
        }
    }
    seen.iter()
        .map(|s| json!({"text": s.text, "label": s.label.as_deref(), "when": s.when}))
        .collect()
}

/// A must-flag example with what the engine finds in it for this rule: the flagged spans (in
/// Unicode scalar values, like the check output's columns) and the concrete suggestions.
fn flag_example(engine: &Engine, rule: &Rule, example: &MustFlag) -> Value {
    let text = &example.text;
    let chars = |byte: usize| text[..byte].chars().count();
    let found: Vec<Value> = engine
        .check(text)
        .iter()
        .filter(|f| f.rule == rule.id)
        .map(|f| {
            json!({
                "start": chars(f.start),
                "end": chars(f.end),
                "text": f.text,
                "suggestions": f.suggestions,
            })
        })
        .collect();
    json!({"text": text, "flags": example.flags, "fix": example.fix, "found": found})
}
