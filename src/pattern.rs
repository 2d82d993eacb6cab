//! Patterns: macro expansion, validation, leading words, and compiling them into regexes.
//!
//! Patterns are regexes in ASCII mode over normalized text (see `normalize`), run by finite
//! automata, so a user pattern cannot make a check take more than linear time.

use std::collections::BTreeMap;

use regex_automata::nfa::thompson::{self, NFA};
use regex_syntax::hir::Hir;

use crate::normalize::is_word;

/// Longest accepted pattern after macro expansion, in bytes.
pub(crate) const MAX_PATTERN_LEN: usize = 16 * 1024;
/// Deepest accepted nesting of groups and repetitions.
pub(crate) const NEST_LIMIT: u32 = 64;
/// Compiled size limit of one pattern and of all patterns together (bytes of NFA).
pub(crate) const PATTERN_SIZE_LIMIT: usize = 1 << 20;
pub(crate) const TOTAL_SIZE_LIMIT: usize = 64 << 20;
/// Macro expansion depth limit (catches cycles).
pub(crate) const MACRO_DEPTH: usize = 16;

pub(crate) fn is_macro_name(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Replace each `{name}` with `(?:body)`, recursively. `{2}`, `{1,3}` and `\{` are regex syntax.
pub(crate) fn expand_macros(
    pattern: &str,
    macros: &BTreeMap<String, String>,
    depth: usize,
) -> Result<String, String> {
    if depth > MACRO_DEPTH {
        return Err("macros nest too deeply (is there a cycle?)".into());
    }
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '\\']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('\\') {
            let len = rest[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        let close = rest.find('}');
        let name = close.map(|c| &rest[1..c]);
        match name {
            Some(name) if is_macro_name(name) => {
                let body = macros
                    .get(name)
                    .ok_or_else(|| format!("unknown macro `{{{name}}}`"))?;
                out.push_str("(?:");
                out.push_str(&expand_macros(body, macros, depth + 1)?);
                out.push(')');
                rest = &rest[name.len() + 2..];
            }
            _ => {
                out.push('{');
                rest = &rest[1..];
            }
        }
        if out.len() > MAX_PATTERN_LEN {
            return Err(format!(
                "pattern is longer than {MAX_PATTERN_LEN} bytes after macro expansion"
            ));
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Patterns run against lower-cased, normalized text: reject what can never match or is risky.
/// Returns the parsed pattern and the names of its capture groups.
pub(crate) fn check_pattern(pattern: &str) -> Result<(Hir, Vec<String>), String> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(format!("pattern is longer than {MAX_PATTERN_LEN} bytes"));
    }
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(pattern)
        .map_err(|e| syntax_error_message(pattern, &e))?;
    if let Some(c) = uppercase_literal(&hir) {
        return Err(format!(
            "upper-case `{c}`: text is lower-cased before matching, write patterns in lower case"
        ));
    }
    if hir.properties().minimum_len() == Some(0) {
        return Err("pattern can match empty text".into());
    }
    let nfa = compile_nfa(std::slice::from_ref(&hir), PATTERN_SIZE_LIMIT).map_err(|e| {
        match e.size_limit() {
            Some(limit) => format!(
                "pattern is too large: it compiles to more than the size limit of {limit} bytes"
            ),
            None => e.to_string(),
        }
    })?;
    let names = nfa
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .flatten()
        .map(str::to_string)
        .collect();
    Ok((hir, names))
}

fn compile_nfa<H: std::borrow::Borrow<Hir>>(
    hirs: &[H],
    size_limit: usize,
) -> Result<NFA, Box<thompson::BuildError>> {
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(false)
                .nfa_size_limit(Some(size_limit)),
        )
        .build_many_from_hir(hirs)
        .map_err(Box::new)
}

/// The words a pattern can start with. The engine searches for these first and runs the regex
/// only where one starts a word, so every pattern must begin with literal text.
pub(crate) fn leading_words(hir: &regex_syntax::hir::Hir) -> Result<Vec<Vec<u8>>, String> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut extractor = Extractor::new();
    extractor
        .kind(ExtractKind::Prefix)
        .limit_class(16)
        .limit_repeat(4)
        // Only the first word matters: short literals keep the set small for any pattern.
        .limit_literal_len(8)
        .limit_total(2_000);
    let seq = extractor.extract(hir);
    let not_literal = || {
        "the pattern must begin with literal text (a word of two or more letters or digits), \
         so the engine can find where it may start"
            .to_string()
    };
    let literals = seq.literals().ok_or_else(not_literal)?;
    let mut words = Vec::new();
    for literal in literals {
        let bytes = literal.as_bytes();
        // One leading punctuation byte (an opening bracket or quote) may precede the word; the
        // search looks for the word and also tries the byte before it.
        let skip = usize::from(bytes.first().is_some_and(|b| !is_word(*b)));
        let len = bytes[skip..].iter().take_while(|b| is_word(**b)).count();
        if len < 2 {
            return Err(not_literal());
        }
        words.push(bytes[skip..skip + len].to_vec());
    }
    Ok(words)
}

/// A one-line message for a regex syntax error: what is wrong, and where in the pattern.
pub(crate) fn syntax_error_message(pattern: &str, error: &regex_syntax::Error) -> String {
    let (kind, at) = match error {
        regex_syntax::Error::Parse(e) => (e.kind().to_string(), e.span().start.offset),
        regex_syntax::Error::Translate(e) => (e.kind().to_string(), e.span().start.offset),
        other => return other.to_string().replace('\n', " "),
    };
    let mut from = at.saturating_sub(12);
    while !pattern.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 12).min(pattern.len());
    while !pattern.is_char_boundary(to) {
        to += 1;
    }
    format!("{kind}, at byte {at} (near `{}`)", &pattern[from..to])
}

/// An upper-case ASCII letter in a literal of the pattern (it could never match).
pub(crate) fn uppercase_literal(hir: &regex_syntax::hir::Hir) -> Option<char> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(lit) => lit
            .0
            .iter()
            .find(|b| b.is_ascii_uppercase())
            .map(|&b| char::from(b)),
        HirKind::Repetition(r) => uppercase_literal(&r.sub),
        HirKind::Capture(c) => uppercase_literal(&c.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().find_map(uppercase_literal)
        }
        HirKind::Empty | HirKind::Class(_) | HirKind::Look(_) => None,
    }
}

/// One automaton for many patterns (pattern ids in order).
pub(crate) fn build_nfa<H: std::borrow::Borrow<Hir>>(
    hirs: &[H],
) -> Result<NFA, Box<thompson::BuildError>> {
    compile_nfa(hirs, TOTAL_SIZE_LIMIT)
}
