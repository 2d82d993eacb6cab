//! What a check returns.

use std::sync::Arc;

use serde::Serialize;

use crate::severity::Severity;

/// One inaccurate claim found in the text. Offsets are UTF-8 byte offsets into the checked text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id (kebab-case).
    pub rule: Arc<str>,
    pub severity: Severity,
    /// Start of the flagged span (inclusive).
    pub start: usize,
    /// End of the flagged span (exclusive).
    pub end: usize,
    /// The flagged text, exactly as it appears in the input.
    pub text: String,
    /// One sentence: what is wrong.
    pub message: Arc<str>,
    /// Why it is inaccurate and who governs the term.
    pub explanation: Arc<str>,
    /// Accurate replacements for `text`, best first.
    pub suggestions: Vec<Suggestion>,
    /// Set when the text talks *about* the phrase rather than making the claim; such findings
    /// are only returned when asked for, always at info level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention: Option<MentionReason>,
}

/// A replacement for a finding's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub replacement: String,
    /// A short note on when to use it, such as "for contracts".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Arc<str>>,
}

/// Why a match was read as a mention rather than a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionReason {
    /// The phrase is in quotation marks and nothing around it endorses it.
    Quoted,
    /// A negation: "not", "there is no", "does not exist".
    Negated,
    /// Framing words: "the phrase", "claiming to be", "asks whether", "so-called".
    Framed,
    /// The sentence is a question nobody answered with "yes".
    Question,
}

impl MentionReason {
    pub fn describe(self) -> &'static str {
        match self {
            MentionReason::Quoted => "quoted as a term, not claimed",
            MentionReason::Negated => "negated, not claimed",
            MentionReason::Framed => "discussed as a phrase, not claimed",
            MentionReason::Question => "asked, not claimed",
        }
    }
}

impl Finding {
    /// The text with the suggestion at `index` applied.
    pub fn apply(&self, text: &str, index: usize) -> Option<String> {
        let suggestion = self.suggestions.get(index)?;
        let mut out = String::with_capacity(text.len() + suggestion.replacement.len());
        out.push_str(&text[..self.start]);
        out.push_str(&suggestion.replacement);
        out.push_str(&text[self.end..]);
        Some(out)
    }
}
