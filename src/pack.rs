//! The rule-pack file format (TOML) and its errors. See `rules/README.md` for the format guide.
//!
//! TOML because rule packs are written by people: comments, multi-line strings for explanations,
//! arrays of tables for rules, no indentation traps, and the parser reports line numbers.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::severity::Severity;
use toml::Spanned;

/// One rule-pack file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    /// Named pattern pieces, used in patterns as `{name}`.
    #[serde(default)]
    pub macros: BTreeMap<String, Spanned<String>>,
    /// Phrases around a match that tell a mention from a claim, and the situation it is in.
    #[serde(default)]
    pub cues: Option<Spanned<CuesFile>>,
    /// Rules stay untyped here so that one malformed rule is rejected alone.
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<toml::Table>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CuesFile {
    #[serde(default)]
    pub negation_before: Vec<String>,
    #[serde(default)]
    pub negation_after: Vec<String>,
    #[serde(default)]
    pub framing: Vec<String>,
    #[serde(default)]
    pub endorsement: Vec<String>,
    #[serde(default)]
    pub answered_question: Vec<String>,
    #[serde(default)]
    pub situations: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleFile {
    pub id: String,
    pub severity: Severity,
    pub summary: String,
    pub message: String,
    pub explanation: String,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub patterns: Vec<PatternFile>,
    #[serde(default)]
    pub suggestions: Vec<SuggestionFile>,
    #[serde(default)]
    pub must_flag: Vec<FlagExample>,
    #[serde(default)]
    pub must_not_flag: Vec<String>,
}

/// A pattern, alone or with suggestions of its own (which replace the rule's for its matches).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum PatternFile {
    Plain(String),
    WithSuggestions {
        pattern: String,
        suggestions: Vec<SuggestionFile>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SuggestionFile {
    pub text: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub when: Option<String>,
}

/// A must-flag example: the text alone, or with the expected flagged span and fixed text.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum FlagExample {
    Text(String),
    Detailed {
        text: String,
        #[serde(default)]
        flags: Option<String>,
        #[serde(default)]
        fix: Option<String>,
    },
}

/// A problem in a rule pack: where it is and what is wrong. The rest of the pack still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackError {
    /// The pack's name as given when it was added (usually its file path).
    pub file: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// The rule the problem belongs to, when it belongs to one.
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, ": rule `{rule}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for PackError {}

/// 1-based line number of byte `offset` in `source`.
pub(crate) fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parse a pack; a syntax or shape error rejects the whole file (nothing in it can be trusted).
pub(crate) fn parse(name: &str, source: &str) -> Result<PackFile, PackError> {
    toml::from_str::<PackFile>(source).map_err(|e| PackError {
        file: name.to_string(),
        line: e.span().map(|s| line_of(source, s.start)),
        rule: None,
        message: e.message().trim().to_string(),
    })
}
