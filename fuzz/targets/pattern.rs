// One user-written pattern, in an otherwise valid rule. Shared by the fuzz target and the corpus
// replay test.
use claimlint::EngineBuilder;

/// No panic, no hang; a pattern that loads never matches empty text or off word boundaries; a
/// rejected pattern gives an error on the rule, and the built-in rules keep working.
pub fn pattern(data: &[u8]) {
    let Ok(pattern) = std::str::from_utf8(data) else {
        return;
    };
    if pattern.contains("'''") {
        return; // would end the TOML literal string: that is the pack target's ground
    }
    let pack = format!("[[rule]]\nid = \"fuzzed\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\nexplanation = \"e\"\npatterns = ['''{pattern}''']\n");
    let (engine, errors) = EngineBuilder::with_builtin().pack("team.toml", &pack).build();
    for e in &errors {
        assert_eq!(e.file, "team.toml");
        assert!(!e.message.is_empty());
    }
    let text = format!("{pattern} We are SOC 2 certified. {pattern}");
    let findings = engine.check(&text);
    assert!(findings.iter().any(|f| f.rule.as_ref() == "soc2-certified"), "built-in rules lost");
    for f in &findings {
        assert!(f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
}
