// Rule packs as a user pastes them: any TOML-ish text. Shared by the fuzz target and the corpus
// replay test.
use claimlint::EngineBuilder;

const SAMPLE: &str = "We are SOC 2 certified, HIPAA certified and ISO 27001 compliant. \"SOC 2 certified\" is wrong.";

/// No panic, no hang (libFuzzer's timeout); every error names a line inside the pack; the
/// rules that loaded still check text, beside the built-in ones.
pub fn pack(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let (engine, errors) = EngineBuilder::with_builtin().verify_examples(true).pack("team.toml", source).build();
    let lines = source.lines().count() + 1;
    for e in &errors {
        assert_eq!(e.file, "team.toml", "error from another pack: {e}");
        if let Some(line) = e.line {
            assert!((1..=lines).contains(&line), "line {line} outside a {lines}-line pack: {e}");
        }
        assert!(!e.message.is_empty());
    }
    assert!(engine.check(SAMPLE).iter().any(|f| f.rule.as_ref() == "soc2-certified"), "built-in rules lost");
    let _ = engine.check(source);
}
