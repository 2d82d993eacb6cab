//! Compiling rule packs from their TOML source: parsing, macro expansion, validation, each
//! rule's own examples, and the combined automaton. Only with the `compiler` feature: a checker
//! that loads compiled packs (the Wasm engine) does without all of it.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use regex_syntax::hir::Hir;

use crate::automaton::Automaton;
use crate::context::Cues;
use crate::deferred::Deferred;
use crate::engine::{Engine, Group, MustFlag, Rule, SuggestionSpec};
use crate::groups::group_patterns;
use crate::pack::{self, FlagExample, PackError, PatternFile, RuleFile, SuggestionFile, line_of};
use crate::pattern::{build_nfa, check_pattern, expand_macros, is_macro_name, leading_words};
use crate::template::Template;

/// Collects rule packs, then compiles them into an [`Engine`].
#[derive(Debug, Default)]
pub struct EngineBuilder {
    packs: Vec<(String, String)>,
    disabled: HashSet<String>,
    verify_examples: bool,
}

/// The built-in pack files, in load order.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("rules/core.toml", include_str!("../rules/core.toml")),
    ("rules/soc.toml", include_str!("../rules/soc.toml")),
    ("rules/iso.toml", include_str!("../rules/iso.toml")),
    (
        "rules/health-privacy.toml",
        include_str!("../rules/health-privacy.toml"),
    ),
    (
        "rules/payments-government.toml",
        include_str!("../rules/payments-government.toml"),
    ),
];

impl EngineBuilder {
    pub fn new() -> Self {
        EngineBuilder {
            verify_examples: true,
            ..Default::default()
        }
    }

    /// A builder holding the built-in rule pack.
    pub fn with_builtin() -> Self {
        let mut b = Self::new();
        for (name, source) in BUILTIN_PACKS {
            b = b.pack(name, source);
        }
        b
    }

    /// Add a pack. `name` (usually the file path) is used in error messages.
    pub fn pack(mut self, name: &str, source: &str) -> Self {
        self.packs.push((name.to_string(), source.to_string()));
        self
    }

    /// Leave a rule out by id.
    pub fn disable(mut self, id: &str) -> Self {
        self.disabled.insert(id.to_string());
        self
    }

    /// Whether rules must pass their own examples to load (default: yes).
    pub fn verify_examples(mut self, yes: bool) -> Self {
        self.verify_examples = yes;
        self
    }

    /// Compile. Problems are reported, and only the broken file (for a syntax error) or the
    /// broken rule is left out: everything else loads.
    pub fn build(self) -> (Engine, Vec<PackError>) {
        let mut errors = Vec::new();
        let mut macros: BTreeMap<String, String> = BTreeMap::new();
        let mut cue_sources = CueSources::default();
        let mut candidates: Vec<(String, usize, RuleFile)> = Vec::new();
        let mut seen_ids: HashSet<String> = HashSet::new();

        for (name, source) in &self.packs {
            let file = match pack::parse(name, source) {
                Ok(f) => f,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            for (macro_name, body) in file.macros {
                let err = |message: String| PackError {
                    file: name.clone(),
                    line: Some(line_of(source, body.span().start)),
                    rule: None,
                    message,
                };
                if !is_macro_name(&macro_name) {
                    errors.push(err(format!(
                        "macro name `{macro_name}` must be lower case letters, digits and _"
                    )));
                    continue;
                }
                match macros.entry(macro_name) {
                    Entry::Occupied(e) => {
                        errors.push(err(format!("macro `{}` is already defined", e.key())))
                    }
                    Entry::Vacant(e) => {
                        e.insert(body.into_inner());
                    }
                }
            }
            if let Some(cues) = file.cues {
                let line = line_of(source, cues.span().start);
                cue_sources.add(name, line, cues.into_inner());
            }
            for table in file.rules {
                let line = line_of(source, table.span().start);
                let table = table.into_inner();
                let id_hint = table.get("id").and_then(|v| v.as_str()).map(str::to_string);
                let rule: RuleFile = match toml::Value::Table(table).try_into() {
                    Ok(r) => r,
                    Err(e) => {
                        errors.push(PackError {
                            file: name.clone(),
                            line: Some(line),
                            rule: id_hint,
                            message: e.message().trim().to_string(),
                        });
                        continue;
                    }
                };
                let err = |message: String| PackError {
                    file: name.clone(),
                    line: Some(line),
                    rule: Some(rule.id.clone()),
                    message,
                };
                if !is_rule_id(&rule.id) {
                    errors.push(err("rule id must be kebab-case (a-z, 0-9, -)".into()));
                } else if !seen_ids.insert(rule.id.clone()) {
                    errors.push(err(
                        "duplicate rule id (the first definition is kept)".into()
                    ));
                } else if rule.patterns.is_empty() {
                    errors.push(err("a rule needs at least one pattern".into()));
                } else if !self.disabled.contains(&rule.id) {
                    candidates.push((name.clone(), line, rule));
                }
            }
        }

        let mut unknown_disabled: Vec<String> = self
            .disabled
            .iter()
            .filter(|id| !seen_ids.contains(*id))
            .cloned()
            .collect();
        unknown_disabled.sort();
        let cues = cue_sources.compile(&mut errors);
        let situation_names: HashSet<&str> =
            cues.situations.iter().map(|(n, _)| n.as_str()).collect();
        let mut rules = Vec::new();
        for (file, line, rule) in candidates {
            match prepare_rule(&file, line, rule, &macros, &situation_names) {
                Ok(r) => rules.push(r),
                Err(e) => errors.push(e),
            }
        }

        let mut engine = Engine::compile(rules, cues, &mut errors);
        if self.verify_examples {
            // A rule whose own examples fail does not load. Rejecting one rule can change what
            // others match, so repeat until the set is stable.
            loop {
                let failing: Vec<(usize, String)> = engine
                    .rules
                    .iter()
                    .enumerate()
                    .filter_map(|(i, _)| engine.example_failure(i).map(|why| (i, why)))
                    .collect();
                if failing.is_empty() {
                    break;
                }
                for (i, why) in &failing {
                    let r = &engine.rules[*i];
                    errors.push(PackError {
                        file: r.file.clone(),
                        line: Some(r.line),
                        rule: Some(r.id.to_string()),
                        message: format!("example failed, rule not loaded: {why}"),
                    });
                }
                let drop: HashSet<usize> = failing.into_iter().map(|(i, _)| i).collect();
                let Engine { rules, cues, .. } = engine;
                let cues = cues.into_inner();
                let kept = rules
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| !drop.contains(i))
                    .map(|(_, r)| r)
                    .collect();
                engine = Engine::compile(kept, cues, &mut errors);
            }
        }
        engine.unknown_disabled = unknown_disabled;
        (engine, errors)
    }
}

#[derive(Default)]
struct CueSources {
    negation_before: Vec<(String, usize, String)>,
    negation_after: Vec<(String, usize, String)>,
    framing: Vec<(String, usize, String)>,
    endorsement: Vec<(String, usize, String)>,
    answered_question: Vec<(String, usize, String)>,
    situations: BTreeMap<String, Vec<(String, usize, String)>>,
}

impl CueSources {
    fn add(&mut self, file: &str, line: usize, cues: pack::CuesFile) {
        let tag = |v: Vec<String>| {
            v.into_iter()
                .map(|p| (file.to_string(), line, p))
                .collect::<Vec<_>>()
        };
        self.negation_before.extend(tag(cues.negation_before));
        self.negation_after.extend(tag(cues.negation_after));
        self.framing.extend(tag(cues.framing));
        self.endorsement.extend(tag(cues.endorsement));
        self.answered_question.extend(tag(cues.answered_question));
        for (name, patterns) in cues.situations {
            self.situations
                .entry(name)
                .or_default()
                .extend(tag(patterns));
        }
    }

    fn compile(self, errors: &mut Vec<PackError>) -> Cues {
        let mut one = |list: Vec<(String, usize, String)>| -> Option<Automaton> {
            let valid: Vec<Hir> = list
                .into_iter()
                .filter_map(|(file, line, p)| match check_pattern(&p) {
                    Ok((hir, _)) => Some(hir),
                    Err(message) => {
                        errors.push(PackError {
                            file,
                            line: Some(line),
                            rule: None,
                            message: format!("cue pattern `{p}`: {message}"),
                        });
                        None
                    }
                })
                .collect();
            if valid.is_empty() {
                return None;
            }
            // Each cue compiled alone, so together they only fail on the total size limit.
            let automaton = build_nfa(&valid).map_err(|e| e.to_string());
            match automaton.and_then(Automaton::new) {
                Ok(a) => Some(a),
                Err(message) => {
                    errors.push(PackError {
                        file: String::new(),
                        line: None,
                        rule: None,
                        message: format!("cue patterns: {message}"),
                    });
                    None
                }
            }
        };
        Cues {
            negation_before: one(self.negation_before),
            negation_after: one(self.negation_after),
            framing: one(self.framing),
            endorsement: one(self.endorsement),
            answered_question: one(self.answered_question),
            situations: self
                .situations
                .into_iter()
                .filter_map(|(name, list)| one(list).map(|re| (name, re)))
                .collect(),
        }
    }
}

fn is_rule_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.ends_with('-')
        && !id.contains("--")
}

fn prepare_rule(
    file: &str,
    line: usize,
    rule: RuleFile,
    macros: &BTreeMap<String, String>,
    situations: &HashSet<&str>,
) -> Result<Rule, PackError> {
    let err = |message: String| PackError {
        file: file.to_string(),
        line: Some(line),
        rule: Some(rule.id.clone()),
        message,
    };
    let mut hirs = Vec::new();
    let mut anchors = Vec::new();
    let mut group_names: Vec<HashSet<String>> = Vec::new();
    let mut written = Vec::new();
    let mut own_suggestions = Vec::new();
    for entry in rule.patterns {
        match entry {
            PatternFile::Plain(p) => {
                written.push(p);
                own_suggestions.push(Vec::new());
            }
            PatternFile::WithSuggestions {
                pattern,
                suggestions,
            } => {
                written.push(pattern);
                own_suggestions.push(suggestions);
            }
        }
    }
    for (i, p) in written.iter().enumerate() {
        let e = expand_macros(p, macros, 0).map_err(|m| err(format!("pattern {}: {m}", i + 1)))?;
        let (hir, names) = check_pattern(&e)
            .map_err(|m| err(format!("pattern {} `{}`: {m}", i + 1, shorten(p))))?;
        group_names.push(names.into_iter().collect());
        anchors.push(
            leading_words(&hir)
                .map_err(|m| err(format!("pattern {} `{}`: {m}", i + 1, shorten(p))))?,
        );
        hirs.push(hir);
    }
    // Every slot (without a fallback) must be a named group of every pattern the suggestion
    // applies to.
    let parse_set = |set: Vec<SuggestionFile>, applies_to: &[usize]| {
        let mut specs = Vec::new();
        let mut templates = Vec::new();
        for s in set {
            let t = Template::parse(&s.text).map_err(err)?;
            for (slot, _) in t.slots().filter(|(_, has_default)| !has_default) {
                if let Some(&i) = applies_to.iter().find(|&&i| !group_names[i].contains(slot)) {
                    return Err(err(format!(
                        "suggestion `{}` uses {{{slot}}}, but pattern {} has no group named `{slot}`",
                        s.text,
                        i + 1
                    )));
                }
            }
            if let Some(w) = &s.when
                && !situations.contains(w.as_str())
            {
                return Err(err(format!(
                    "suggestion `{}`: unknown situation `{w}` (defined in [cues.situations])",
                    s.text
                )));
            }
            templates.push(t);
            specs.push(SuggestionSpec {
                text: s.text,
                label: s.label.map(Arc::from),
                when: s.when,
            });
        }
        Ok((specs, templates))
    };
    let uses_rule_set: Vec<usize> = (0..written.len())
        .filter(|&i| own_suggestions[i].is_empty())
        .collect();
    let (suggestions, templates) = parse_set(rule.suggestions, &uses_rule_set)?;
    let mut pattern_suggestions = Vec::new();
    let mut pattern_templates = Vec::new();
    for (i, set) in own_suggestions.into_iter().enumerate() {
        let (specs, parsed) = parse_set(set, &[i])?;
        pattern_suggestions.push(specs);
        pattern_templates.push(parsed);
    }
    Ok(Rule {
        id: Arc::from(rule.id.as_str()),
        severity: rule.severity,
        summary: rule.summary,
        message: Arc::from(rule.message.trim()),
        explanation: Arc::from(rule.explanation.trim()),
        link: rule.link,
        tags: rule.tags,
        patterns: written,
        suggestions,
        pattern_suggestions,
        must_flag: rule
            .must_flag
            .into_iter()
            .map(|e| match e {
                FlagExample::Text(text) => MustFlag {
                    text,
                    flags: None,
                    fix: None,
                },
                FlagExample::Detailed { text, flags, fix } => MustFlag { text, flags, fix },
            })
            .collect(),
        must_not_flag: rule.must_not_flag,
        file: file.to_string(),
        line,
        hirs,
        anchors,
        templates,
        pattern_templates,
    })
}

impl Engine {
    /// The built-in rule pack.
    pub fn builtin() -> Engine {
        let (engine, errors) = EngineBuilder::with_builtin().build();
        debug_assert!(errors.is_empty(), "built-in pack has errors: {errors:?}");
        engine
    }

    /// The rules' patterns, one automaton per group of patterns that can start with the same
    /// words. Each pattern compiled alone, so only a group's total can be too big: then the
    /// group keeps the longest run of its rules (in load order) that fits, and the others are
    /// left out and reported. A binary search finds the run, so a pack of 10,000 rules that all
    /// start with the same word costs a few builds, not one per rule.
    pub(crate) fn compile(mut rules: Vec<Rule>, cues: Cues, errors: &mut Vec<PackError>) -> Engine {
        loop {
            let hirs: Vec<&Hir> = rules.iter().flat_map(|r| &r.hirs).collect();
            let owner: Vec<usize> = (0..rules.len())
                .flat_map(|i| std::iter::repeat_n(i, rules[i].hirs.len()))
                .collect();
            let words: Vec<Vec<Vec<u8>>> = rules
                .iter()
                .flat_map(|r| r.anchors.iter().cloned())
                .collect();
            let mut groups = Vec::new();
            let mut left_out = None;
            for patterns in group_patterns(&words) {
                let of = |rules_below: usize| -> Vec<&Hir> {
                    let kept = patterns.iter().filter(|&&p| owner[p] < rules_below);
                    kept.map(|&p| hirs[p]).collect()
                };
                match build_group(&of(usize::MAX)) {
                    Ok(automaton) => groups.push(Group {
                        patterns,
                        automaton: Deferred::ready(Some(automaton)),
                    }),
                    Err(e) => {
                        // Patterns ascend, so their rules do: `members` is the group's rules in order.
                        let mut members: Vec<usize> = patterns.iter().map(|&p| owner[p]).collect();
                        members.dedup();
                        // The first `fit` rules build (none at all always does); all of them do not.
                        let (mut fit, mut fail) = (0, members.len());
                        while fail - fit > 1 {
                            let mid = (fit + fail) / 2;
                            if build_group(&of(members[mid])).is_ok() {
                                fit = mid;
                            } else {
                                fail = mid;
                            }
                        }
                        left_out = Some((members.split_off(fit), e));
                        break;
                    }
                }
            }
            let Some((left_out, e)) = left_out else {
                return Engine::assemble(rules, groups, Deferred::ready(cues));
            };
            let mut removed: Vec<Rule> = left_out.iter().rev().map(|&i| rules.remove(i)).collect();
            removed.reverse();
            for r in removed {
                errors.push(PackError {
                    file: r.file.clone(),
                    line: Some(r.line),
                    rule: Some(r.id.to_string()),
                    message: format!(
                        "not loaded: together with rules that start with the same words, too large ({e})"
                    ),
                });
            }
        }
    }
}

/// One group's automaton.
fn build_group(hirs: &[&Hir]) -> Result<Automaton, String> {
    let nfa = build_nfa(hirs).map_err(|e| e.to_string())?;
    Automaton::with_captures(nfa).map_err(|e| {
        if e.contains("cache capacity") {
            format!(
                "the automaton would need more search memory than the engine gives one group: {e}"
            )
        } else {
            e
        }
    })
}

/// A pattern as quoted in an error: the first 80 characters.
fn shorten(pattern: &str) -> String {
    match pattern.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &pattern[..at]),
        None => pattern.to_string(),
    }
}
