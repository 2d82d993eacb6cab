//! Loading the rules: built-in pack, `--rules` packs, `--disable`.
//!
//! Pack errors go to stderr as `error: file:line: rule `id`: message` and the rules that loaded
//! still run. The exit code becomes 2 when a `--rules` pack was given and any rule failed to load
//! (a user pack can also make a built-in rule fail its examples), or a pack could not be read.
//! Errors in the built-in pack alone are ClaimLint's bug, not the user's input: they are printed
//! but leave the exit code alone.

use claimlint::{Engine, EngineBuilder, PackError};

use crate::args::RuleArgs;
use crate::input::io_message;

pub struct Loaded {
    pub engine: Engine,
    pub errors: Vec<PackError>,
    /// Packs that could not be read.
    pub read_errors: Vec<String>,
    user_packs: bool,
}

impl Loaded {
    /// Whether the pack errors make the exit code 2.
    pub fn failed(&self) -> bool {
        !self.read_errors.is_empty() || (self.user_packs && !self.errors.is_empty())
    }

    /// Print every error to stderr.
    pub fn report(&self) {
        for e in &self.read_errors {
            eprintln!("error: {e}");
        }
        for e in &self.errors {
            eprintln!("error: {e}");
        }
    }
}

/// Build the engine. Err is a usage error (an unknown `--disable` id), already worded.
pub fn load(args: &RuleArgs) -> Result<Loaded, String> {
    let mut read_errors = Vec::new();
    let mut packs = Vec::new();
    for path in &args.packs {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(source) => packs.push((name, source)),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    read_errors.push(format!(
                        "{name}: not valid UTF-8 (byte {:#04x} at offset {at})",
                        e.as_bytes()[at]
                    ));
                }
            },
            Err(e) => read_errors.push(format!("{name}: {}", io_message(&e))),
        }
    }

    let mut builder = if args.no_builtin {
        EngineBuilder::new()
    } else {
        EngineBuilder::with_builtin()
    };
    for (name, source) in &packs {
        builder = builder.pack(name, source);
    }
    for id in &args.disable {
        builder = builder.disable(id);
    }
    let (engine, errors) = builder.build();
    if let Some(id) = engine.unknown_disabled().first() {
        let known = engine.rules().iter().map(|r| &*r.id);
        return Err(unknown_rule(id, known, "--disable"));
    }
    Ok(Loaded {
        engine,
        errors,
        read_errors,
        user_packs: !args.packs.is_empty(),
    })
}

/// "unknown rule `x`" with the closest known id, if one is close.
pub fn unknown_rule<'a>(id: &str, known: impl Iterator<Item = &'a str>, what: &str) -> String {
    let mut message = format!("unknown rule `{id}` ({what})");
    if let Some(close) = closest(id, known) {
        message.push_str(&format!("\n  help: did you mean `{close}`?"));
    }
    message.push_str("\n  help: `claimlint rules` lists the loaded rules");
    message
}

fn closest<'a>(id: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // Compared without hyphens and case: "SOC-2" is close to "soc2-certified".
    let squash = |s: &str| s.replace('-', "").to_ascii_lowercase();
    let wanted = squash(id);
    known
        .map(|k| (distance(&wanted, &squash(k)), k))
        .filter(|&(d, k)| {
            d <= (wanted.len().max(k.len()) / 3).max(2)
                || (wanted.len() >= 3 && squash(k).contains(&wanted))
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_matches() {
        let known = ["soc2-certified", "iso-attested", "hipaa-certified"];
        assert_eq!(
            closest("soc2-certifed", known.into_iter()),
            Some("soc2-certified")
        );
        assert_eq!(closest("soc2", known.into_iter()), Some("soc2-certified"));
        assert_eq!(closest("SOC-2", known.into_iter()), Some("soc2-certified"));
        assert_eq!(closest("gdpr-approved", known.into_iter()), None);
    }
}
