// One user-written pattern, in an otherwise valid pack. Shared by the fuzz target and the corpus
// replay test.
use claimlint::{CheckOptions, EngineBuilder};

fn rule(id: &str, pattern: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\n\
         explanation = \"e\"\npatterns = ['''{pattern}''']\n\n"
    )
}

/// No panic, no hang; what a loaded pattern flags lies on char boundaries; a rejected pattern
/// gives an error on its rule, and the pack's other rule keeps working. (Not beside the built-in
/// pack: compiling it for every input would leave the fuzzer a few runs a second.)
pub fn pattern(data: &[u8]) {
    let Ok(pattern) = std::str::from_utf8(data) else {
        return;
    };
    if pattern.contains("'''") || pattern.ends_with('\'') {
        return; // would end the TOML literal string: that is the pack target's ground
    }
    let pack = rule("other", "widget certified") + &rule("fuzzed", pattern);
    let (engine, errors) = EngineBuilder::new().pack("team.toml", &pack).build();
    for e in &errors {
        assert_eq!(e.file, "team.toml");
        assert!(!e.message.is_empty());
    }
    // Characters TOML refuses in a literal string make the whole pack a syntax error (the pack
    // target's ground); otherwise only the fuzzed rule may fail.
    if errors.iter().any(|e| e.rule.is_none()) {
        return;
    }
    assert!(errors.iter().all(|e| e.rule.as_deref() == Some("fuzzed")), "{errors:?}");
    let text = format!("{pattern} We are widget certified. {pattern}");
    // Mentions included: a fuzzed pattern may quote the phrase (backticks on both sides), which
    // makes it a mention, not a lost finding.
    let findings = engine.check_with(&text, CheckOptions { include_mentions: true });
    // The other rule fires, unless a match of the fuzzed pattern (`.*` and the like) already
    // covers its phrase: the search resumes after a flagged span.
    let phrase = pattern.len() + " We are ".len();
    let covered = findings.iter().any(|f| f.start <= phrase && phrase < f.end);
    assert!(covered || findings.iter().any(|f| f.rule.as_ref() == "other"), "the other rule lost");
    for f in &findings {
        assert!(f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
}
