//! Suggestion templates: literal words plus `{name}` slots filled with the text a named group of
//! the pattern captured, verbatim from the original. Literal words take the casing of the words
//! they replace; `{name|text}` falls back to `text` when the group did not take part in the match.
//! Literal words take the casing of the words they replace: "SOC 2 CERTIFIED" becomes "SOC 2 ATTESTED", a heading's Title Case stays Title
//! Case, and a capital at the start of a sentence is kept.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Slot(String, Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

/// How the replaced words (the match minus captured slots) are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    Upper,
    Title,
    AsWritten,
}

/// Words a title keeps in lower case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "under", "with",
];

impl Template {
    pub fn parse(source: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = source;
        while let Some(open) = rest.find('{') {
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or_else(|| format!("unclosed `{{` in suggestion `{source}`"))?;
            if rest[open + 1..close].contains('{') {
                return Err(format!("slots cannot nest in suggestion `{source}`"));
            }
            let (name, default) = match rest[open + 1..close].split_once('|') {
                Some((n, d)) => (n, Some(d.to_string())),
                None => (&rest[open + 1..close], None),
            };
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                return Err(format!(
                    "bad slot `{{{name}}}` in suggestion `{source}` (use a lower-case group name)"
                ));
            }
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_string()));
            }
            parts.push(Part::Slot(name.to_string(), default));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        if parts.is_empty() {
            return Err("empty suggestion".to_string());
        }
        Ok(Template { parts })
    }

    /// Slot names, and whether each has a fallback text.
    pub fn slots(&self) -> impl Iterator<Item = (&str, bool)> {
        self.parts.iter().filter_map(|p| match p {
            Part::Slot(s, default) => Some((s.as_str(), default.is_some())),
            Part::Literal(_) => None,
        })
    }

    /// Fill the template. `matched` is the original text of the flagged span, `slot` gives each
    /// group's original text and its byte range within `matched`, and `sentence_start` tells
    /// whether the span opens a sentence.
    pub fn render<'a>(
        &self,
        matched: &str,
        slot: impl Fn(&str) -> Option<(&'a str, std::ops::Range<usize>)>,
        sentence_start: bool,
    ) -> String {
        let mut captured: Vec<std::ops::Range<usize>> = Vec::new();
        for (name, _) in self.slots() {
            if let Some((_, range)) = slot(name) {
                captured.push(range);
            }
        }
        let casing = casing_of(matched, &captured);
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Slot(name, default) => match slot(name) {
                    Some((text, _)) => push_on_one_line(&mut out, text),
                    // Fallback text stands in for replaced words: it takes their casing.
                    None => {
                        let text = default.as_deref().unwrap_or("");
                        out.push_str(&apply_casing(text, casing, out.is_empty()));
                    }
                },
                Part::Literal(text) => out.push_str(&apply_casing(text, casing, out.is_empty())),
            }
        }
        let starts_with_literal = match self.parts.first() {
            Some(Part::Literal(_)) => true,
            Some(Part::Slot(name, Some(_))) => slot(name).is_none(),
            _ => false,
        };
        let opens_with_capital = matched.chars().next().is_some_and(char::is_uppercase);
        // A replaced first word written with a capital (not an acronym), or a sentence's first
        // word, keeps it.
        let first_word_replaced = !captured.iter().any(|r| r.start == 0)
            && matched
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| w.chars().any(char::is_lowercase));
        if starts_with_literal && opens_with_capital && (sentence_start || first_word_replaced) {
            out = capitalize_first(&out);
        }
        out
    }
}

fn casing_of(matched: &str, captured: &[std::ops::Range<usize>]) -> Casing {
    // Words of the match (starting with a letter), and which of them the template replaces
    // (those not inside a captured slot).
    let mut matched_words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in matched.char_indices().chain([(matched.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                matched_words.push((s, &matched[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    matched_words.retain(|(_, w)| w.chars().next().is_some_and(char::is_alphabetic));
    let replaced_words: Vec<(usize, &str)> = matched_words
        .iter()
        .copied()
        .filter(|(at, _)| !captured.iter().any(|r| r.contains(at)))
        .collect();
    if replaced_words.is_empty() {
        return Casing::AsWritten;
    }
    let all_upper = |w: &str| w.chars().all(|c| !c.is_lowercase());
    // Upper case: the replaced words are in capitals, and this is shouting rather than an
    // acronym (a long word, or a whole phrase in capitals).
    if replaced_words.iter().all(|(_, w)| all_upper(w))
        && (replaced_words.iter().any(|(_, w)| w.chars().count() >= 6)
            || (matched_words.len() >= 2 && matched_words.iter().all(|(_, w)| all_upper(w))))
    {
        return Casing::Upper;
    }
    // Title Case: the replaced words are capitalized, more than just a sentence's first word,
    // and no word of the match is in lower case (a capitalized proper noun next to a lower-case
    // claim word is no title). Acronyms ("ISO", "II") and small words say nothing either way.
    let significant = |list: &[(usize, &str)]| -> Vec<(usize, bool)> {
        list.iter()
            .filter(|(_, w)| !SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
            .filter(|(_, w)| w.chars().any(char::is_lowercase))
            .map(|(at, w)| (*at, w.chars().next().is_some_and(char::is_uppercase)))
            .collect()
    };
    let replaced_sig = significant(&replaced_words);
    let all_capitalized = significant(&matched_words).iter().all(|&(_, cap)| cap);
    if all_capitalized
        && !replaced_sig.is_empty()
        && (replaced_sig.len() >= 2 || replaced_sig[0].0 > 0)
    {
        return Casing::Title;
    }
    Casing::AsWritten
}

fn apply_casing(text: &str, casing: Casing, at_start: bool) -> String {
    match casing {
        Casing::AsWritten => text.to_string(),
        Casing::Upper => text.to_uppercase(),
        Casing::Title => {
            // Capitalize each word (after a space or hyphen) except small words mid-phrase.
            let mut out = String::with_capacity(text.len());
            let mut word_start = true;
            let mut first_word = at_start;
            for (i, c) in text.char_indices() {
                if word_start && c.is_alphabetic() {
                    let end = text[i..]
                        .find(|ch: char| !ch.is_alphanumeric())
                        .map_or(text.len(), |e| i + e);
                    let small = SMALL_WORDS.contains(&&text[i..end]);
                    if first_word || !small {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                    first_word = false;
                } else {
                    out.push(c);
                }
                word_start = c == ' ' || c == '-';
            }
            out
        }
    }
}

/// Copy captured text, turning white space that breaks a line into one space: a claim wrapped
/// over two lines gets a suggestion on one.
fn push_on_one_line(out: &mut String, text: &str) {
    if !text.contains(['\n', '\r']) {
        out.push_str(text);
        return;
    }
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, matched: &str, fw: Option<&str>, sentence_start: bool) -> String {
        let t = Template::parse(template).unwrap();
        t.render(
            matched,
            |name| {
                let fw = fw?;
                (name == "fw").then(|| {
                    let at = matched.find(fw).unwrap();
                    (fw, at..at + fw.len())
                })
            },
            sentence_start,
        )
    }

    #[test]
    fn keeps_the_casing_of_the_replaced_words() {
        let fw = Some("SOC 2 Type II");
        assert_eq!(
            render("{fw} attested", "SOC 2 Type II certified", fw, false),
            "SOC 2 Type II attested"
        );
        let fw = Some("SOC 2");
        assert_eq!(
            render("{fw} attested", "SOC 2 CERTIFIED", fw, false),
            "SOC 2 ATTESTED"
        );
        assert_eq!(
            render("{fw} Attested", "soc 2 certified", Some("soc 2"), false),
            "soc 2 Attested"
        );
        assert_eq!(
            render(
                "{fw}-attested platform",
                "SOC 2-Certified Platform",
                fw,
                false
            ),
            "SOC 2-Attested Platform"
        );
        assert_eq!(
            render("a {fw} report", "a SOC 2 certificate", fw, false),
            "a SOC 2 report"
        );
    }

    #[test]
    fn keeps_a_leading_capital() {
        let fw = Some("SOC 2");
        assert_eq!(
            render("attested to {fw}", "Certified for SOC 2", fw, false),
            "Attested to SOC 2"
        );
        assert_eq!(
            render("has a {fw} report", "SOC 2 certified", fw, false),
            "has a SOC 2 report"
        );
        assert_eq!(
            render(
                "completed a {fw} examination",
                "Passed a SOC 2 audit",
                fw,
                true
            ),
            "Completed a SOC 2 examination"
        );
    }

    #[test]
    fn fallback_text_takes_the_casing_too() {
        assert_eq!(
            render(
                "{x|certified} to {fw}",
                "ATTESTED TO SOC 2",
                Some("SOC 2"),
                false
            ),
            "CERTIFIED TO SOC 2"
        );
        assert_eq!(
            render(
                "{x|certified} to {fw}",
                "Attested to SOC 2",
                Some("SOC 2"),
                true
            ),
            "Certified to SOC 2"
        );
    }

    #[test]
    fn wrapped_captures_come_out_on_one_line() {
        assert_eq!(
            render(
                "{fw} attested",
                "SOC\n  2 certified",
                Some("SOC\n  2"),
                false
            ),
            "SOC 2 attested"
        );
        assert_eq!(
            render(
                "{fw} attested",
                "SOC\u{a0}2 certified",
                Some("SOC\u{a0}2"),
                false
            ),
            "SOC\u{a0}2 attested"
        );
    }

    #[test]
    fn rejects_bad_templates() {
        assert!(Template::parse("{fw").is_err());
        assert!(Template::parse("{Fw} x").is_err());
        assert!(Template::parse("").is_err());
        assert!(Template::parse("{a|{b}}").is_err());
        assert_eq!(
            Template::parse("x {fw} y{sep| }")
                .unwrap()
                .slots()
                .collect::<Vec<_>>(),
            [("fw", false), ("sep", true)]
        );
    }
}
