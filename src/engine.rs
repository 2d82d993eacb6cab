//! The engine: rule packs compiled once into one multi-pattern regex, then `check(text)`.
//!
//! A check normalizes the text, finds the word starts where some pattern's leading word begins
//! (`anchors`), and runs one anchored leftmost-first search of the combined regex at each, so
//! its cost grows with the text, not with rules x text. Only matches (rare) pay for captures,
//! word-boundary checks and the use-versus-mention reading.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::Hir;

use crate::anchors::Anchors;
use crate::context::{Cues, Reading};
use crate::finding::{Finding, Suggestion};
use crate::normalize::{Normalized, is_word, normalize};
use crate::pack::{
    self, FlagExample, PackError, PatternFile, RuleFile, Severity, SuggestionFile, line_of,
};
use crate::pattern::{build_regex, check_pattern, expand_macros, is_macro_name, leading_words};
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
    /// The patterns, macros expanded and parsed.
    hirs: Vec<Hir>,
    /// Per pattern, the words its matches can start with.
    anchors: Vec<Vec<Vec<u8>>>,
    /// Per pattern, the pattern alone: finds the captures of a match (small, so fast).
    pattern_regexes: Vec<Regex>,
    /// Parsed templates of `suggestions`, and of each pattern's own.
    templates: Vec<Template>,
    pattern_templates: Vec<Vec<Template>>,
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

/// Collects rule packs, then compiles them into an [`Engine`].
#[derive(Debug, Default)]
pub struct EngineBuilder {
    packs: Vec<(String, String)>,
    disabled: HashSet<String>,
    verify_examples: bool,
}

/// A compiled set of rules. Build once, check many texts; cheap to share across threads.
#[derive(Debug)]
pub struct Engine {
    rules: Vec<Rule>,
    /// Every pattern's leading words: where a match can start.
    anchors: Anchors,
    regex: Regex,
    /// Pattern id -> (rule index, pattern index within the rule).
    pattern_rule: Vec<(usize, usize)>,
    cues: Cues,
    /// Ids passed to [`EngineBuilder::disable`] that no pack declares.
    unknown_disabled: Vec<String>,
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
        let mut one = |list: Vec<(String, usize, String)>| -> Option<Regex> {
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
            build_regex(&valid).ok()
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
    let mut pattern_regexes = Vec::new();
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
        let (hir, regex) = check_pattern(&e)
            .map_err(|m| err(format!("pattern {} `{}`: {m}", i + 1, shorten(p))))?;
        pattern_regexes.push(regex);
        anchors.push(
            leading_words(&hir)
                .map_err(|m| err(format!("pattern {} `{}`: {m}", i + 1, shorten(p))))?,
        );
        hirs.push(hir);
    }
    let group_names: Vec<HashSet<String>> = pattern_regexes
        .iter()
        .map(|re| {
            re.group_info()
                .pattern_names(PatternID::ZERO)
                .flatten()
                .map(str::to_string)
                .collect()
        })
        .collect();
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
        pattern_regexes,
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

    fn compile(mut rules: Vec<Rule>, cues: Cues, errors: &mut Vec<PackError>) -> Engine {
        let patterns_of = |rules: &[Rule]| -> (Vec<Hir>, Vec<(usize, usize)>) {
            let mut patterns = Vec::new();
            let mut pattern_rule = Vec::new();
            for (i, r) in rules.iter().enumerate() {
                for (j, hir) in r.hirs.iter().enumerate() {
                    patterns.push(hir.clone());
                    pattern_rule.push((i, j));
                }
            }
            (patterns, pattern_rule)
        };
        let (patterns, mut pattern_rule) = patterns_of(&rules);
        let regex = match build_regex(&patterns) {
            Ok(re) => re,
            Err(e) => {
                // Each pattern compiled alone, so only their total is too big: keep the longest
                // prefix of rules (built-in first) that compiles, and report the others.
                let (mut fits, mut fails) = (0, rules.len());
                while fails - fits > 1 {
                    let mid = (fits + fails) / 2;
                    match build_regex(&patterns_of(&rules[..mid]).0) {
                        Ok(_) => fits = mid,
                        Err(_) => fails = mid,
                    }
                }
                for r in &rules[fits..] {
                    errors.push(PackError {
                        file: r.file.clone(),
                        line: Some(r.line),
                        rule: Some(r.id.to_string()),
                        message: format!("not loaded: all rules together are too large ({e})"),
                    });
                }
                rules.truncate(fits);
                let (patterns, kept_rule) = patterns_of(&rules);
                pattern_rule = kept_rule;
                build_regex(&patterns).expect("this prefix compiled before")
            }
        };
        let anchors = Anchors::new(
            rules
                .iter()
                .flat_map(|r| r.anchors.iter().flatten().map(Vec::as_slice)),
        );
        Engine {
            rules,
            anchors,
            regex,
            pattern_rule,
            cues,
            unknown_disabled: Vec::new(),
        }
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
        if self.pattern_rule.is_empty() {
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
        let regex = &self.regex;
        let norm = normalize(text);
        let hay = &norm.text[..];
        let mut at = 0;
        for word in self.anchors.find_iter(hay) {
            if word < at {
                continue;
            }
            // A pattern may open with a bracket or quote just before its first word.
            let before = word
                .checked_sub(1)
                .filter(|&i| i >= at && hay[i].is_ascii_punctuation());
            // Leftmost-first: the first pattern (in load order) that matches here decides the
            // position; a match that ends inside a word flags nothing (rules use this to guard
            // exceptions).
            let Some((start, m)) = before.into_iter().chain([word]).find_map(|start| {
                let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
                regex.search(&input).map(|m| (start, m))
            }) else {
                continue;
            };
            if hay.get(m.end()).is_some_and(|&b| is_word(b)) {
                continue;
            }
            let (rule_index, pattern_index) = self.pattern_rule[m.pattern().as_usize()];
            let pattern_regex = &self.rules[rule_index].pattern_regexes[pattern_index];
            let mut captures = pattern_regex.create_captures();
            pattern_regex.search_captures(
                &Input::new(hay)
                    .range(start..m.end())
                    .anchored(Anchored::Yes),
                &mut captures,
            );
            let hit = captures.get_group_by_name("hit").unwrap_or(m.span());
            // Resume after the flagged span, so a list ("SOC 2, ISO 27001 and HIPAA certified")
            // can yield one finding per item.
            at = hit.end.max(start + 1);
            let (specs, _) = self.rules[rule_index].suggestions_for(pattern_index);
            let situational = specs.iter().any(|s| s.when.is_some());
            let reading = self.cues.read(hay, hit.start, hit.end, situational);
            if reading.mention.is_some() && !options.include_mentions {
                continue;
            }
            let matched = (rule_index, pattern_index);
            findings.push(self.finding(text, &norm, matched, &captures, hit, reading));
        }
    }

    fn finding(
        &self,
        text: &str,
        norm: &Normalized,
        (rule_index, pattern_index): (usize, usize),
        captures: &regex_automata::util::captures::Captures,
        hit: regex_automata::Span,
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
                                .any(|&s| self.cues.situations[s].0 == *w)
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
    fn example_failure(&self, index: usize) -> Option<String> {
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

/// A pattern as quoted in an error: the first 80 characters.
fn shorten(pattern: &str) -> String {
    match pattern.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &pattern[..at]),
        None => pattern.to_string(),
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
