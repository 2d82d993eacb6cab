//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning.
//!
//! Columns count Unicode scalar values (`columnKind: unicodeCodePoints`), 1-based, end column
//! just past the last character. Artifact URIs are relative to the working directory, with
//! forward slashes. A fix is offered only where the file span is exactly the text the engine saw
//! (no markup or entity inside it), so applying it is a faithful edit.

use std::path::{Component, Path};

use claimlint::{PackError, Rule, Severity};
use serde_json::{Value, json};

use crate::FileReport;
use crate::check::{Kind, Located};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Problems<'a> {
    pub pack_errors: &'a [PackError],
    /// Files or packs that could not be read, as printed.
    pub read_errors: &'a [String],
    pub failed: bool,
}

pub fn render(files: &[FileReport], rules: &[Rule], problems: &Problems<'_>) -> String {
    let results: Vec<Value> = files
        .iter()
        .flat_map(|file| {
            let uri = artifact_uri(file);
            let mut seen: Vec<(String, String)> = Vec::new();
            file.findings
                .iter()
                .map(|located| result(file, &uri, located, rules, &mut seen))
                .collect::<Vec<_>>()
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ClaimLint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(rule).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(problems)],
            "results": results,
        }]
    });
    let mut log = log;
    // Where the tool is documented: the package's homepage or repository, once it has one.
    if let Some(uri) = information_uri() {
        log["runs"][0]["tool"]["driver"]["informationUri"] = json!(uri);
    }
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(rule: &Rule) -> Value {
    let name: String = rule
        .id
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    let examples: Vec<(&str, &str)> = rule
        .must_flag
        .iter()
        .filter_map(|e| Some((e.text.as_str(), e.fix.as_deref()?)))
        .take(3)
        .collect();
    let explanation = unwrap(&rule.explanation);
    let mut text = format!("{}\n\n{explanation}", rule.message);
    let mut markdown = format!("**{}**\n\n{}", rule.message, rule.explanation);
    if !examples.is_empty() {
        markdown.push_str("\n\n**Accurate wording**\n");
        text.push_str("\n\nAccurate wording:");
        for (before, after) in &examples {
            text.push_str(&format!("\n  \"{before}\" -> \"{after}\""));
            markdown.push_str(&format!("\n- ~~{before}~~ → {after}"));
        }
    }
    if let Some(link) = &rule.link {
        text.push_str(&format!("\n\nMore: {link}"));
        markdown.push_str(&format!("\n\n[Learn more]({link})"));
    }
    let mut tags = rule.tags.clone();
    tags.sort();
    tags.dedup();
    let mut value = json!({
        "id": &*rule.id,
        "name": name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": explanation },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": tags },
    });
    if let Some(link) = &rule.link {
        value["helpUri"] = json!(link);
    }
    value
}

fn result(
    file: &FileReport,
    uri: &str,
    located: &Located,
    rules: &[Rule],
    seen: &mut Vec<(String, String)>,
) -> Value {
    let f = &located.finding;
    let mut message = f.message.to_string();
    if let Some(best) = f.suggestions.first() {
        message.push_str(&format!(" Suggested wording: \"{}\".", best.replacement));
    }
    let source_text = located.source_text(&file.source);
    let region = json!({
        "startLine": located.line,
        "startColumn": located.column,
        "endLine": located.end_line,
        "endColumn": located.end_column,
        "byteOffset": f.start,
        "byteLength": f.end - f.start,
        "snippet": { "text": source_text },
    });
    // Same claim, same wording, same file: the nth occurrence keeps its identity when lines move.
    let key = (f.rule.to_string(), squeeze(source_text));
    let nth = seen.iter().filter(|k| **k == key).count();
    let fingerprint = format!("{:016x}", fnv1a(&format!("{}\0{}\0{nth}", key.0, key.1)));
    seen.push(key);

    let mut value = json!({
        "ruleId": &*f.rule,
        "ruleIndex": rules.iter().position(|r| r.id == f.rule),
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region,
            }
        }],
        "partialFingerprints": { "claimlint/v1": fingerprint },
    });
    if located.is_plain_in(&file.source) && !f.suggestions.is_empty() {
        let fixes: Vec<Value> = f
            .suggestions
            .iter()
            .map(|s| {
                let inserted = if file.kind == Kind::Html {
                    escape_html(&s.replacement)
                } else {
                    s.replacement.clone()
                };
                json!({
                    "description": { "text": format!("Replace with \"{}\"", s.replacement) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": [{
                            "deletedRegion": {
                                "startLine": located.line,
                                "startColumn": located.column,
                                "endLine": located.end_line,
                                "endColumn": located.end_column,
                            },
                            "insertedContent": { "text": inserted },
                        }],
                    }],
                })
            })
            .collect();
        value["fixes"] = json!(fixes);
    }
    if let Some(reason) = f.mention {
        value["properties"] = json!({ "mention": reason, "mentionReason": reason.describe() });
    }
    value
}

fn invocation(problems: &Problems<'_>) -> Value {
    let configuration: Vec<Value> = problems
        .pack_errors
        .iter()
        .map(|e| {
            let mut n = json!({ "level": "error", "message": { "text": e.to_string() } });
            if let Some(line) = e.line {
                n["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": { "uri": path_uri(Path::new(&e.file)) },
                        "region": { "startLine": line },
                    }
                }]);
            }
            n
        })
        .collect();
    let execution: Vec<Value> = problems
        .read_errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e } }))
        .collect();
    json!({
        "executionSuccessful": !problems.failed,
        "toolConfigurationNotifications": configuration,
        "toolExecutionNotifications": execution,
    })
}

fn artifact_uri(file: &FileReport) -> String {
    match &file.file {
        Some(path) => path_uri(path),
        None => encode(&file.path.replace('\\', "/")),
    }
}

/// A path as a URI reference: relative to the working directory when it is under it (forward
/// slashes, percent-encoded), else an absolute `file://` URI.
fn path_uri(path: &Path) -> String {
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
    } else {
        Some(path.to_path_buf())
    };
    let joined = |p: &Path| {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(encode(&s.to_string_lossy())),
                Component::ParentDir => Some("..".to_string()),
                Component::Prefix(drive) => Some(drive.as_os_str().to_string_lossy().into_owned()),
                Component::RootDir | Component::CurDir => None,
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    match relative {
        Some(rel) => joined(&rel),
        None => format!("file:///{}", joined(path)),
    }
}

/// Percent-encode everything but URI unreserved characters and a few safe sub-delimiters.
fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Hard-wrapped pack text as paragraphs: a single line break is a space, blank lines stay.
fn unwrap(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Lower case, white space runs as one space.
fn squeeze(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
