//! Use versus mention, and the situation a claim is made in.
//!
//! Runs only around matches (rare), on the normalized sentence that holds the match. The cue
//! phrases are data from the rule packs (`[cues]`); this file only knows where to look.

use crate::automaton::Automaton;

use crate::finding::MentionReason;

/// Sentences longer than this are cut: cues are about nearby words.
const WINDOW: usize = 240;

/// Compiled cue patterns. Each is one multi-pattern regex (or none when no pack gives any).
#[derive(Debug, Default)]
pub(crate) struct Cues {
    /// Matched against the sentence before the claim; patterns end with `$` to stay near it.
    pub negation_before: Option<Automaton>,
    /// Matched against the rest of the sentence after the claim; patterns start with `^`.
    pub negation_after: Option<Automaton>,
    /// Matched anywhere in the sentence before the claim.
    pub framing: Option<Automaton>,
    /// Matched before a quoted claim: the writer still makes the claim.
    pub endorsement: Option<Automaton>,
    /// Matched right after a question mark: the question was answered "yes".
    pub answered_question: Option<Automaton>,
    /// Named situations (contract, rfp, public...) matched against the sentence.
    pub situations: Vec<(String, Automaton)>,
}

/// What the surroundings of a match say.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    pub mention: Option<MentionReason>,
    /// Indexes into `Cues::situations`.
    pub situations: Vec<usize>,
    pub sentence_start: bool,
}

fn is_sentence_end(text: &[u8], i: usize) -> bool {
    match text[i] {
        b'!' | b'?' | b';' | b'\n' => true,
        // A period ends a sentence when a space or the end follows ("v4.0.1" does not end one).
        b'.' | b':' => text
            .get(i + 1)
            .is_none_or(|&b| b == b' ' || b == b'"' || b == b'\''),
        _ => false,
    }
}

fn matches(re: &Option<Automaton>, hay: &[u8]) -> bool {
    re.as_ref().is_some_and(|re| re.is_match(hay))
}

fn is_quote(b: u8) -> bool {
    b == b'"' || b == b'\''
}

impl Cues {
    /// Read the surroundings of the normalized match `start..end`; the situations only when
    /// `with_situations` (only rules with situational suggestions need them).
    pub fn read(&self, text: &[u8], start: usize, end: usize, with_situations: bool) -> Reading {
        let floor = start.saturating_sub(WINDOW);
        let mut sentence_start = start;
        while sentence_start > floor && !is_sentence_end(text, sentence_start - 1) {
            sentence_start -= 1;
        }
        let ceiling = (end + WINDOW).min(text.len());
        let mut sentence_end = end;
        while sentence_end < ceiling && !is_sentence_end(text, sentence_end) {
            sentence_end += 1;
        }
        let before = &text[sentence_start..start];
        let after = &text[end..sentence_end];
        let terminator = text.get(sentence_end).copied();
        let beyond = &text[(sentence_end + 1).min(text.len())..(sentence_end + 24).min(text.len())];

        // Cue patterns expect the words before the claim to end in one space; an opening quote
        // or bracket between them and the claim does not count.
        let words_end = before
            .iter()
            .rposition(|&b| !(b == b' ' || is_quote(b) || b == b'('))
            .map_or(0, |i| i + 1);
        let near = &before[..(words_end + 1).min(before.len())];
        let near = if near.last() == Some(&b' ') {
            near
        } else {
            &before[..words_end]
        };
        let mut reading = Reading {
            sentence_start: before
                .iter()
                .all(|&b| b == b' ' || is_quote(b) || b == b'('),
            ..Reading::default()
        };
        reading.mention = if matches(&self.negation_before, near)
            || matches(&self.negation_after, after)
        {
            Some(MentionReason::Negated)
        } else if matches(&self.framing, near) {
            Some(MentionReason::Framed)
        } else if is_quoted(before, after, terminator, beyond) && !matches(&self.endorsement, near)
        {
            Some(MentionReason::Quoted)
        } else if terminator == Some(b'?') && !matches(&self.answered_question, beyond) {
            Some(MentionReason::Question)
        } else {
            None
        };

        if !with_situations {
            return reading;
        }
        let context_start = sentence_start.saturating_sub(WINDOW / 2);
        let context = &text[context_start..sentence_end.min(text.len())];
        for (i, (_, re)) in self.situations.iter().enumerate() {
            if re.is_match(context) || re.is_match(beyond) {
                reading.situations.push(i);
            }
        }
        reading
    }
}

/// The match sits inside quotation marks: an opening quote right before it (after a space, an
/// opening bracket or the sentence start, so "vendors' SOC 2" is no quote) and a closing quote
/// right after it, possibly after the sentence's final punctuation.
fn is_quoted(before: &[u8], after: &[u8], terminator: Option<u8>, beyond: &[u8]) -> bool {
    let before = before.strip_suffix(b" ").unwrap_or(before);
    let Some((&open, rest)) = before.split_last() else {
        return false;
    };
    if !is_quote(open) || rest.last().is_some_and(|&b| b != b' ' && b != b'(') {
        return false;
    }
    let after = after.strip_prefix(b" ").unwrap_or(after);
    match after.first() {
        Some(&b) if is_quote(b) => true,
        Some(b',') => after.get(1).copied().is_some_and(is_quote),
        Some(_) => false,
        None => terminator.is_some() && beyond.first().copied().is_some_and(is_quote),
    }
}
