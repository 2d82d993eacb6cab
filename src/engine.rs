//! The engine: rule packs compiled once into one multi-pattern regex, then `check(text)`.
//!
//! A check normalizes the text, finds the word starts where some pattern's leading word begins
//! (`anchors`), and runs one anchored leftmost-first search of the combined regex at each, so
//! its cost grows with the text, not with rules x text. Only matches (rare) pay for captures,
//! word-boundary checks and the use-versus-mention reading.

use std::sync::Arc;

use regex_automata::Span;
#[cfg(feature = "compiler")]
use regex_syntax::hir::Hir;

use crate::anchors::Anchors;
use crate::automaton::{Automaton, Caches};
use crate::context::{Cues, Reading};
use crate::deferred::Deferred;
use crate::finding::{Finding, Suggestion};
use crate::normalize::{Normalized, is_word, normalize};
use crate::severity::Severity;
use crate::template::Template;

/// A compiled rule, as the engine and the tools around it see it.
#[derive(Debug)]
pub struct Rule {
    pub id: Arc<str>,
    pub severity: Severity,
    pub summary: String,
    pub message: Arc<str>,
    pub explanation: Arc<str>,
    pub link: Option<String>,
    pub tags: Vec<String>,
    /// Patterns as written (before macro expansion).
    pub patterns: Vec<String>,
    /// The rule's suggestions, for matches of patterns without suggestions of their own.
    pub suggestions: Vec<SuggestionSpec>,
    /// Per pattern, its own suggestions (empty: the rule's apply).
    pub pattern_suggestions: Vec<Vec<SuggestionSpec>>,
    pub must_flag: Vec<MustFlag>,
    pub must_not_flag: Vec<String>,
    /// Pack name and 1-based line where the rule is defined.
    pub file: String,
    pub line: usize,
    /// The patterns, macros expanded and parsed (only while compiling from source).
    #[cfg(feature = "compiler")]
    pub(crate) hirs: Vec<Hir>,
    /// Per pattern, the words its matches can start with.
    pub(crate) anchors: Vec<Vec<Vec<u8>>>,
    /// Parsed templates of `suggestions`, and of each pattern's own.
    pub(crate) templates: Vec<Template>,
    pub(crate) pattern_templates: Vec<Vec<Template>>,
}

impl Rule {
    /// The suggestions (as written, and parsed) that apply to matches of pattern `index`.
    fn suggestions_for(&self, index: usize) -> (&[SuggestionSpec], &[Template]) {
        if self.pattern_suggestions[index].is_empty() {
            (&self.suggestions, &self.templates)
        } else {
            (
                &self.pattern_suggestions[index],
                &self.pattern_templates[index],
            )
        }
    }
}

/// A suggestion as written in the pack.
#[derive(Debug, Clone)]
pub struct SuggestionSpec {
    pub text: String,
    pub label: Option<Arc<str>>,
    /// Only offered in this situation (such as "contract" or "rfp"), and then first.
    pub when: Option<String>,
}

/// A must-flag example: the text, and optionally the flagged span and the text after the first
/// suggestion is applied.
#[derive(Debug, Clone)]
pub struct MustFlag {
    pub text: String,
    pub flags: Option<String>,
    pub fix: Option<String>,
}

/// Options for one check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Also return matches read as mentions (quoted, negated, framed, questions), at info level.
    pub include_mentions: bool,
}

/// A compiled set of rules. Build once, check many texts; cheap to share across threads.
#[derive(Debug)]
pub struct Engine {
    pub(crate) rules: Vec<Rule>,
    /// Every pattern's leading words: where a match can start.
    anchors: Anchors,
    /// The patterns, grouped so that the leading word at a position picks one group.
    pub(crate) groups: Vec<Group>,
    /// Made on the first match (a compiled pack decodes them then).
    pub(crate) cues: Deferred<Cues>,
    /// Pattern index -> (rule index, pattern index within the rule).
    pattern_rule: Vec<(usize, usize)>,
    /// Ids passed to `EngineBuilder::disable` that no pack declares.
    pub(crate) unknown_disabled: Vec<String>,
}

/// Patterns that can start with the same words (see `groups`), in one automaton whose pattern
/// ids are their positions in `patterns`.
#[derive(Debug)]
pub(crate) struct Group {
    /// Pattern indexes (over all rules' patterns in load order), ascending.
    pub patterns: Vec<usize>,
    /// Made the first time one of the group's words occurs (a compiled pack decodes it then).
    /// `None` when a compiled pack's automaton does not decode (a pack damaged in a way its
    /// checksum missed, or crafted): the group then matches nothing instead of stopping the engine.
    pub automaton: Deferred<Option<Automaton>>,
}

impl Engine {
    /// An engine from rules, their patterns' groups and the cues.
    pub(crate) fn assemble(rules: Vec<Rule>, groups: Vec<Group>, cues: Deferred<Cues>) -> Engine {
        let pattern_rule: Vec<(usize, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| (0..r.patterns.len()).map(move |j| (i, j)))
            .collect();
        let mut group_of = vec![0; pattern_rule.len()];
        for (g, group) in groups.iter().enumerate() {
            for &p in &group.patterns {
                group_of[p] = g;
            }
        }
        let (group_of, rules_ref) = (&group_of, &rules);
        let anchors = Anchors::new(pattern_rule.iter().enumerate().flat_map(|(p, &(r, j))| {
            rules_ref[r].anchors[j]
                .iter()
                .map(move |w| (w.as_slice(), group_of[p]))
        }));
        Engine {
            rules,
            anchors,
            groups,
            cues,
            pattern_rule,
            unknown_disabled: Vec::new(),
        }
    }

    /// How many pattern groups have their automaton made (a compiled pack makes each on first
    /// need), and how many there are.
    #[doc(hidden)]
    pub fn groups_ready(&self) -> (usize, usize) {
        let ready = self
            .groups
            .iter()
            .filter(|g| g.automaton.is_ready())
            .count();
        (ready, self.groups.len())
    }

    /// Ids that were disabled but that no pack declares (likely typos).
    pub fn unknown_disabled(&self) -> &[String] {
        &self.unknown_disabled
    }

    /// The loaded rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// Find inaccurate claims in `text`. Findings are sorted by position.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        self.check_with(text, CheckOptions::default())
    }

    pub fn check_with(&self, text: &str, options: CheckOptions) -> Vec<Finding> {
        let mut findings = Vec::new();
        if self.groups.is_empty() {
            return findings;
        }
        // Large texts are checked block by block, so the working set stays in cache and memory
        // stays bounded.
        for (offset, block) in blocks(text) {
            let first = findings.len();
            self.check_block(block, options, &mut findings);
            for f in &mut findings[first..] {
                f.start += offset;
                f.end += offset;
            }
        }
        findings
    }

    fn check_block(&self, text: &str, options: CheckOptions, findings: &mut Vec<Finding>) {
        let norm = normalize(text);
        let hay = &norm.text[..];
        let mut words = self.anchors.find_iter(hay).peekable();
        if words.peek().is_none() {
            return;
        }
        // Search caches of the groups met in this block, taken from their pools once.
        let mut caches: Vec<Option<Caches>> = self.groups.iter().map(|_| None).collect();
        let mut at = 0;
        for (word, g) in words {
            if word < at {
                continue;
            }
            let group = &self.groups[g];
            let Some(automaton) = group.automaton.get() else {
                continue;
            };
            let caches = caches[g].get_or_insert_with(|| automaton.take_caches());
            // A pattern may open with a bracket or quote just before its first word.
            let before = word
                .checked_sub(1)
                .filter(|&i| i >= at && hay[i].is_ascii_punctuation());
            // Leftmost-first: the first pattern (in load order) that matches here decides the
            // position; a match that ends inside a word flags nothing (rules use this to guard
            // exceptions).
            let Some((start, local, end)) = before.into_iter().chain([word]).find_map(|start| {
                let (local, end) = automaton.match_at(caches, hay, start)?;
                Some((start, local, end))
            }) else {
                continue;
            };
            if hay.get(end).is_some_and(|&b| is_word(b)) {
                continue;
            }
            let (rule_index, pattern_index) = self.pattern_rule[group.patterns[local.as_usize()]];
            let span = Span::from(start..end);
            let captures = automaton.captures(caches, hay, span, local);
            let hit = captures.get_group_by_name("hit").unwrap_or(span);
            // Resume after the flagged span, so a list ("SOC 2, ISO 27001 and HIPAA certified")
            // can yield one finding per item.
            at = hit.end.max(start + 1);
            let (specs, _) = self.rules[rule_index].suggestions_for(pattern_index);
            let situational = specs.iter().any(|s| s.when.is_some());
            let reading = self.cues.get().read(hay, hit.start, hit.end, situational);
            if reading.mention.is_some() && !options.include_mentions {
                continue;
            }
            let matched = (rule_index, pattern_index);
            findings.push(self.finding(text, &norm, matched, captures, hit, reading));
        }
        for (group, caches) in self.groups.iter().zip(caches) {
            // Only groups used here have caches (asking the others would decode them).
            if let Some(caches) = caches {
                if let Some(automaton) = group.automaton.get() {
                    automaton.put_caches(caches);
                }
            }
        }
    }

    fn finding(
        &self,
        text: &str,
        norm: &Normalized,
        (rule_index, pattern_index): (usize, usize),
        captures: &regex_automata::util::captures::Captures,
        hit: Span,
        reading: Reading,
    ) -> Finding {
        let rule = &self.rules[rule_index];
        let (specs, templates) = rule.suggestions_for(pattern_index);
        let (start, end) = norm.original_span(text, hit.start, hit.end);
        let matched = &text[start..end];
        let slot = |name: &str| {
            let span = captures.get_group_by_name(name)?;
            let (s, e) = norm.original_span(text, span.start, span.end);
            // Slots outside the flagged span contribute text but no casing information.
            let within = s.max(start).min(end) - start..e.max(start).min(end) - start;
            Some((&text[s..e], within))
        };
        let mut ordered: Vec<usize> = Vec::new();
        for want_situation in [true, false] {
            for (i, spec) in specs.iter().enumerate() {
                let applies = match &spec.when {
                    Some(w) => {
                        want_situation
                            && reading
                                .situations
                                .iter()
                                .any(|&s| self.cues.get().situations[s].0 == *w)
                    }
                    None => !want_situation,
                };
                if applies {
                    ordered.push(i);
                }
            }
        }
        let mut suggestions: Vec<Suggestion> = Vec::new();
        for i in ordered {
            let replacement = templates[i].render(matched, slot, reading.sentence_start);
            if replacement != matched && !suggestions.iter().any(|s| s.replacement == replacement) {
                suggestions.push(Suggestion {
                    replacement,
                    label: specs[i].label.clone(),
                });
            }
        }
        Finding {
            rule: rule.id.clone(),
            severity: if reading.mention.is_some() {
                Severity::Info
            } else {
                rule.severity
            },
            start,
            end,
            text: matched.to_string(),
            message: rule.message.clone(),
            explanation: rule.explanation.clone(),
            suggestions,
            mention: reading.mention,
        }
    }

    /// Why rule `index` fails its own examples, if it does (the first failure).
    #[cfg(feature = "compiler")]
    pub(crate) fn example_failure(&self, index: usize) -> Option<String> {
        self.example_failures(&self.rules[index]).into_iter().next()
    }

    /// Every way `rule` fails its own must-flag and must-not-flag examples on this engine.
    pub fn example_failures(&self, rule: &Rule) -> Vec<String> {
        let mut failures = Vec::new();
        for example in &rule.must_flag {
            let findings = self.check(&example.text);
            let Some(f) = findings.iter().find(|f| f.rule == rule.id) else {
                failures.push(format!("must flag, but does not: {:?}", example.text));
                continue;
            };
            if let Some(flags) = &example.flags
                && f.text != *flags
            {
                failures.push(format!(
                    "must flag {flags:?}, but flags {:?} in {:?}",
                    f.text, example.text
                ));
            }
            if let Some(fix) = &example.fix {
                let fixed = f.apply(&example.text, 0);
                if fixed.as_deref() != Some(fix.as_str()) {
                    failures.push(format!(
                        "first suggestion must give {fix:?}, but gives {fixed:?}"
                    ));
                }
            }
        }
        for text in &rule.must_not_flag {
            if let Some(f) = self.check(text).iter().find(|f| f.rule == rule.id) {
                failures.push(format!("must not flag, but flags {:?} in {text:?}", f.text));
            }
        }
        failures
    }
}

/// Roughly how much text is checked at once.
const BLOCK_LEN: usize = 64 * 1024;

/// Split `text` into blocks of about [`BLOCK_LEN`] bytes at blank lines, where no claim and no
/// sentence continues (normalization makes a blank line a hard boundary), or failing that at a
/// sentence end. Yields each block with its byte offset.
fn blocks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = text.len();
        if text.len() - start > 2 * BLOCK_LEN {
            let from = start + BLOCK_LEN;
            let window = &text.as_bytes()[from..(from + 2 * BLOCK_LEN).min(text.len())];
            let cut = |needle: &[u8]| {
                window
                    .windows(needle.len())
                    .position(|w| w == needle)
                    .map(|i| from + i + needle.len())
            };
            if let Some(cut) = cut(b"\n\n")
                .or_else(|| cut(b"\n\r\n"))
                .or_else(|| cut(b". "))
            {
                end = cut;
            }
        }
        let block = (start, &text[start..end]);
        start = end;
        Some(block)
    })
}
