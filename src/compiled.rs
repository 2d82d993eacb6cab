//! Compiled rule packs: an engine saved as bytes and loaded back without parsing TOML or
//! compiling patterns. The extension ships the built-in pack this way (`claimlint compile`), so
//! the Wasm module carries no regex compiler. Rule examples are not stored: a pack is compiled
//! only after they passed.
//!
//! Loading is cheap: the rules and their leading words are read at once; each group's automaton
//! (see `groups`; most of the bytes) only when a check first meets one of the group's words, and
//! the cues at the first match. A page that mentions no framework decodes only the small groups
//! of its generic words. A checksum over the whole pack is verified up front, so a damaged pack
//! is refused when loaded, not later.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::automaton::Automaton;
use crate::context::Cues;
use crate::deferred::Deferred;
use crate::engine::{Engine, Group, Rule, SuggestionSpec};
use crate::nfa_code::NfaCode;
use crate::normalize::is_word;
use crate::severity::Severity;
use crate::template::Template;

/// Bytes every compiled pack starts with, then a format number.
const MAGIC: &[u8; 16] = b"claimlint-pack\0\0";
/// Bumped whenever the layout below or the meaning of an NFA changes.
const FORMAT: u32 = 3;

#[derive(Serialize, Deserialize)]
struct PackCode<'a> {
    /// The crate version that wrote it (for people inspecting a pack).
    version: String,
    rules: Vec<RuleCode>,
    #[serde(borrow)]
    groups: Vec<GroupCode<'a>>,
    /// A [`CuesCode`], decoded on first use. Borrowed: read as one slice, not byte by byte.
    #[serde(borrow)]
    cues: &'a [u8],
}

#[derive(Serialize, Deserialize)]
struct GroupCode<'a> {
    /// Pattern indexes, ascending.
    patterns: Vec<u32>,
    /// An [`NfaCode`], decoded on first use.
    #[serde(borrow)]
    nfa: &'a [u8],
}

#[derive(Serialize, Deserialize)]
struct RuleCode {
    id: String,
    severity: Severity,
    summary: String,
    message: String,
    explanation: String,
    link: Option<String>,
    tags: Vec<String>,
    file: String,
    line: usize,
    suggestions: Vec<SuggestionCode>,
    patterns: Vec<PatternCode>,
}

#[derive(Serialize, Deserialize)]
struct PatternCode {
    written: String,
    leading_words: Vec<Vec<u8>>,
    suggestions: Vec<SuggestionCode>,
}

#[derive(Serialize, Deserialize)]
struct SuggestionCode {
    text: String,
    label: Option<String>,
    when: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct CuesCode {
    negation_before: Option<NfaCode>,
    negation_after: Option<NfaCode>,
    framing: Option<NfaCode>,
    endorsement: Option<NfaCode>,
    answered_question: Option<NfaCode>,
    situations: Vec<(String, NfaCode)>,
}

fn encode_suggestions(specs: &[SuggestionSpec]) -> Vec<SuggestionCode> {
    specs
        .iter()
        .map(|s| SuggestionCode {
            text: s.text.clone(),
            label: s.label.as_deref().map(str::to_string),
            when: s.when.clone(),
        })
        .collect()
}

fn decode_suggestions(
    codes: Vec<SuggestionCode>,
) -> Result<(Vec<SuggestionSpec>, Vec<Template>), String> {
    let mut specs = Vec::with_capacity(codes.len());
    let mut templates = Vec::with_capacity(codes.len());
    for c in codes {
        templates.push(Template::parse(&c.text)?);
        specs.push(SuggestionSpec {
            text: c.text,
            label: c.label.map(Arc::from),
            when: c.when,
        });
    }
    Ok((specs, templates))
}

fn encode_nfa(automaton: &Option<Automaton>) -> Result<Option<NfaCode>, String> {
    automaton
        .as_ref()
        .map(|a| NfaCode::encode(a.nfa()))
        .transpose()
}

fn decode_nfa(code: Option<NfaCode>) -> Result<Option<Automaton>, String> {
    code.map(|c| Automaton::new(c.decode()?)).transpose()
}

fn decode_cues(bytes: &[u8]) -> Result<Cues, String> {
    let c: CuesCode = postcard::from_bytes(bytes).map_err(|e| format!("broken rule pack: {e}"))?;
    Ok(Cues {
        negation_before: decode_nfa(c.negation_before)?,
        negation_after: decode_nfa(c.negation_after)?,
        framing: decode_nfa(c.framing)?,
        endorsement: decode_nfa(c.endorsement)?,
        answered_question: decode_nfa(c.answered_question)?,
        situations: c
            .situations
            .into_iter()
            .map(|(name, nfa)| Ok((name, Automaton::new(nfa.decode()?)?)))
            .collect::<Result<_, String>>()?,
    })
}

fn decode_group(bytes: &[u8]) -> Result<Automaton, String> {
    let code: NfaCode =
        postcard::from_bytes(bytes).map_err(|e| format!("broken rule pack: {e}"))?;
    Automaton::with_captures(code.decode()?)
}

/// A fast multiplicative hash over the pack body, eight bytes at a time: catches damage, not
/// tampering (packs are not a trust boundary).
fn checksum(bytes: &[u8]) -> u32 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut chunks = bytes.chunks_exact(8);
    let mut hash = bytes.len() as u64;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        hash = (hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
    }
    (hash ^ (hash >> 32)) as u32
}

/// A compiled pack around `body`: magic, format and checksum. Public for the fuzzer, which mutates
/// bodies and must get past the checksum to reach the decoder.
#[doc(hidden)]
pub fn seal(body: &[u8]) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&checksum(body).to_le_bytes());
    bytes.extend_from_slice(body);
    bytes
}

/// The body of a compiled pack (what [`seal`] wraps), unchecked: the fuzzer's seed.
#[doc(hidden)]
pub fn body(bytes: &[u8]) -> &[u8] {
    bytes.get(MAGIC.len() + 8..).unwrap_or_default()
}

impl Engine {
    /// This engine as a compiled pack: its rules (without their examples) and automata.
    pub fn to_compiled(&self) -> Result<Vec<u8>, String> {
        let rules = self
            .rules
            .iter()
            .map(|r| RuleCode {
                id: r.id.to_string(),
                severity: r.severity,
                summary: r.summary.clone(),
                message: r.message.to_string(),
                explanation: r.explanation.to_string(),
                link: r.link.clone(),
                tags: r.tags.clone(),
                file: r.file.clone(),
                line: r.line,
                suggestions: encode_suggestions(&r.suggestions),
                patterns: r
                    .patterns
                    .iter()
                    .enumerate()
                    .map(|(i, written)| PatternCode {
                        written: written.clone(),
                        leading_words: r.anchors[i].clone(),
                        suggestions: encode_suggestions(&r.pattern_suggestions[i]),
                    })
                    .collect(),
            })
            .collect();
        let cues = self.cues.get();
        let cues = CuesCode {
            negation_before: encode_nfa(&cues.negation_before)?,
            negation_after: encode_nfa(&cues.negation_after)?,
            framing: encode_nfa(&cues.framing)?,
            endorsement: encode_nfa(&cues.endorsement)?,
            answered_question: encode_nfa(&cues.answered_question)?,
            situations: cues
                .situations
                .iter()
                .map(|(name, a)| Ok((name.clone(), NfaCode::encode(a.nfa())?)))
                .collect::<Result<_, String>>()?,
        };
        // What is written must decode: loading defers the automata, and must not fail later.
        let cues = postcard::to_allocvec(&cues).map_err(|e| e.to_string())?;
        decode_cues(&cues)?;
        let mut group_nfas = Vec::with_capacity(self.groups.len());
        for group in &self.groups {
            let automaton = group.automaton.get().as_ref();
            let code = NfaCode::encode(automaton.ok_or("an automaton did not decode")?.nfa())?;
            let bytes = postcard::to_allocvec(&code).map_err(|e| e.to_string())?;
            decode_group(&bytes)?;
            group_nfas.push(bytes);
        }
        let code = PackCode {
            version: env!("CARGO_PKG_VERSION").to_string(),
            rules,
            groups: self
                .groups
                .iter()
                .zip(&group_nfas)
                .map(|(g, nfa)| GroupCode {
                    patterns: g.patterns.iter().map(|&p| p as u32).collect(),
                    nfa,
                })
                .collect(),
            cues: &cues,
        };
        let body = postcard::to_allocvec(&code).map_err(|e| e.to_string())?;
        Ok(seal(&body))
    }

    /// Load a pack written by [`Engine::to_compiled`].
    pub fn from_compiled(bytes: &[u8]) -> Result<Engine, String> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a compiled ClaimLint rule pack")?;
        let (format, body) = body.split_at_checked(4).ok_or("truncated rule pack")?;
        let format = u32::from_le_bytes(format.try_into().expect("four bytes"));
        if format != FORMAT {
            return Err(format!(
                "rule pack format {format}, but this engine reads format {FORMAT}: compile it again"
            ));
        }
        let (sum, body) = body.split_at_checked(4).ok_or("truncated rule pack")?;
        if u32::from_le_bytes(sum.try_into().expect("four bytes")) != checksum(body) {
            return Err("broken rule pack: checksum mismatch (damaged or truncated)".into());
        }
        let code: PackCode =
            postcard::from_bytes(body).map_err(|e| format!("broken rule pack: {e}"))?;
        let mut rules = Vec::with_capacity(code.rules.len());
        for r in code.rules {
            let (suggestions, templates) = decode_suggestions(r.suggestions)?;
            let mut patterns = Vec::new();
            let mut anchors = Vec::new();
            let mut pattern_suggestions = Vec::new();
            let mut pattern_templates = Vec::new();
            for p in r.patterns {
                let (specs, parsed) = decode_suggestions(p.suggestions)?;
                let usable = |w: &Vec<u8>| w.len() >= 2 && w.iter().all(|&b| is_word(b));
                if p.leading_words.is_empty() || !p.leading_words.iter().all(usable) {
                    return Err("broken rule pack: a pattern without leading words".into());
                }
                patterns.push(p.written);
                anchors.push(p.leading_words);
                pattern_suggestions.push(specs);
                pattern_templates.push(parsed);
            }
            rules.push(Rule {
                id: Arc::from(r.id),
                severity: r.severity,
                summary: r.summary,
                message: Arc::from(r.message),
                explanation: Arc::from(r.explanation),
                link: r.link,
                tags: r.tags,
                patterns,
                suggestions,
                pattern_suggestions,
                must_flag: Vec::new(),
                must_not_flag: Vec::new(),
                file: r.file,
                line: r.line,
                #[cfg(feature = "compiler")]
                hirs: Vec::new(),
                anchors,
                templates,
                pattern_templates,
            });
        }
        // Every pattern in exactly one group, in ascending order (the anchors and the pattern
        // ids depend on it).
        let pattern_count: usize = rules.iter().map(|r| r.patterns.len()).sum();
        let mut seen = vec![false; pattern_count];
        let mut fits = code
            .groups
            .iter()
            .all(|g| !g.patterns.is_empty() && g.patterns.windows(2).all(|w| w[0] < w[1]));
        for &p in code.groups.iter().flat_map(|g| &g.patterns) {
            match seen.get_mut(p as usize) {
                Some(slot) if !*slot => *slot = true,
                _ => fits = false,
            }
        }
        if !fits || seen.contains(&false) {
            return Err("broken rule pack: pattern groups do not fit the rules".into());
        }
        // Verified by the checksum, and by decoding once when they were written.
        let groups = code
            .groups
            .into_iter()
            .map(|g| {
                let nfa = g.nfa.to_vec();
                let patterns: Vec<usize> = g.patterns.into_iter().map(|p| p as usize).collect();
                let count = patterns.len();
                Group {
                    patterns,
                    // Decoded and checked when written, and covered by the checksum; a pack that
                    // still fails here (crafted) loses this group, not the engine.
                    automaton: Deferred::later(move || {
                        decode_group(&nfa)
                            .ok()
                            .filter(|a| a.nfa().pattern_len() == count)
                    }),
                }
            })
            .collect();
        let cues = code.cues.to_vec();
        let engine = Engine::assemble(
            rules,
            groups,
            // As for the groups: cues that do not decode leave findings unqualified.
            Deferred::later(move || decode_cues(&cues).unwrap_or_default()),
        );
        Ok(engine)
    }
}
