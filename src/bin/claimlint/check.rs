//! Run the engine over one file: extract blocks, check each, map findings back to the file.

use claimlint::{CheckOptions, Engine, Finding};

use crate::blocks::{Block, ceil_boundary, floor_boundary};
use crate::lines::LineIndex;
use crate::{extract_html, extract_markdown};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Markdown,
    Html,
}

impl Kind {
    /// By extension; anything unknown is plain text.
    pub fn of(name: &str) -> Kind {
        let ext = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Kind::Markdown,
            "html" | "htm" => Kind::Html,
            _ => Kind::Text,
        }
    }

    /// The extensions a directory walk picks up.
    pub fn is_checked_extension(name: &str) -> bool {
        let ext = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase());
        matches!(
            ext.as_deref(),
            Some("txt" | "md" | "markdown" | "html" | "htm")
        )
    }
}

/// A finding placed in its file.
#[derive(Debug)]
pub struct Located {
    /// As the engine returned it, except `start`/`end`: byte offsets into the file.
    pub finding: Finding,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Located {
    /// The flagged text exactly as it is in the file (with any markup inside the span).
    pub fn source_text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.finding.start..self.finding.end]
    }

    /// Whether replacing the file span with a suggestion is a faithful edit: the span holds
    /// exactly the text the engine saw (no markup or entities inside it).
    pub fn is_plain_in(&self, source: &str) -> bool {
        self.source_text(source) == self.finding.text
    }
}

pub fn check(engine: &Engine, source: &str, kind: Kind, options: CheckOptions) -> Vec<Located> {
    let lines = LineIndex::new(source);
    let mut out = Vec::new();
    let mut place = |mut finding: Finding, start: usize, end: usize| {
        let start = floor_boundary(source, start);
        let end = ceil_boundary(source, end).max(start);
        finding.start = start;
        finding.end = end;
        let (line, column) = lines.position(start);
        let (end_line, end_column) = lines.position(end);
        out.push(Located {
            finding,
            line,
            column,
            end_line,
            end_column,
        });
    };
    let blocks: Vec<Block> = match kind {
        Kind::Text => {
            for f in engine.check_with(source, options) {
                let (s, e) = (f.start, f.end);
                place(f, s, e);
            }
            return out;
        }
        Kind::Markdown => extract_markdown::extract(source),
        Kind::Html => extract_html::extract(source),
    };
    for block in &blocks {
        for f in engine.check_with(&block.text, options) {
            let (s, e) = block.source_span(f.start, f.end);
            place(f, s, e);
        }
    }
    out.sort_by_key(|l| (l.finding.start, l.finding.end));
    out
}
