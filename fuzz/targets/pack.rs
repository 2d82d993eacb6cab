// Rule packs as a user pastes them: any TOML-ish text. Shared by the fuzz target and the corpus
// replay test.
use claimlint::{CheckOptions, EngineBuilder};

/// A pack loaded beside the fuzzed one (not the built-in pack: compiling it for every input would
/// leave the fuzzer a few runs a second).
const OTHER: &str = "[[rule]]\nid = \"other\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\n\
                     explanation = \"e\"\npatterns = ['widget certified']\n";
const SAMPLE: &str = "We are widget certified, SOC 2 certified and HIPAA certified.";

/// No panic, no hang (libFuzzer's timeout); every error names a line inside the pack; the other
/// pack's rule still checks text.
pub fn pack(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let (engine, errors) = EngineBuilder::new()
        .pack("other.toml", OTHER)
        .pack("team.toml", source)
        .build();
    let lines = source.lines().count() + 1;
    for e in &errors {
        assert_eq!(e.file, "team.toml", "error from another pack: {e}");
        if let Some(line) = e.line {
            assert!((1..=lines).contains(&line), "line {line} outside a {lines}-line pack: {e}");
        }
        assert!(!e.message.is_empty());
    }
    let found = engine.check_with(SAMPLE, CheckOptions { include_mentions: true });
    assert!(found.iter().any(|f| f.rule.as_ref() == "other"), "the other pack's rule lost");
    let _ = engine.check(source);
}
