//! `--format json`: one array of findings over all files. The shape is a contract (docs/cli.md):
//! these keys, in this order, and nothing else.

use serde::Serialize;

use crate::FileReport;

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    /// 1-based, in Unicode scalar values.
    line: usize,
    column: usize,
    /// Just past the last character, like SARIF's endColumn.
    end_line: usize,
    end_column: usize,
    /// UTF-8 byte offsets into the file, end exclusive.
    start: usize,
    end: usize,
    /// `file[start..end]`, markup included.
    text: &'a str,
    message: &'a str,
    suggestions: Vec<&'a str>,
}

pub fn render(files: &[FileReport]) -> String {
    let findings: Vec<JsonFinding<'_>> = files
        .iter()
        .flat_map(|file| {
            file.findings.iter().map(move |located| {
                let f = &located.finding;
                JsonFinding {
                    path: &file.path,
                    rule: &f.rule,
                    severity: f.severity.as_str(),
                    line: located.line,
                    column: located.column,
                    end_line: located.end_line,
                    end_column: located.end_column,
                    start: f.start,
                    end: f.end,
                    text: located.source_text(&file.source),
                    message: &f.message,
                    suggestions: f
                        .suggestions
                        .iter()
                        .map(|s| s.replacement.as_str())
                        .collect(),
                }
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&findings).expect("findings serialize");
    out.push('\n');
    out
}
