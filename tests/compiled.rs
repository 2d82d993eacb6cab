//! Compiled rule packs (what the Wasm engine loads) behave exactly like the packs they come from.

use claimlint::{CheckOptions, Engine, EngineBuilder};

#[path = "../benches/corpus.rs"]
mod corpus;

fn source_and_compiled() -> (Engine, Engine) {
    let (source, errors) = EngineBuilder::with_builtin().build();
    assert!(errors.is_empty(), "{errors:?}");
    let bytes = source.to_compiled().expect("compiles");
    let compiled = Engine::from_compiled(&bytes).expect("loads");
    (source, compiled)
}

/// Every text the project knows: rule examples, the labelled sentences, and generated prose.
fn texts(engine: &Engine) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for rule in engine.rules() {
        texts.extend(rule.must_flag.iter().map(|e| e.text.clone()));
        texts.extend(rule.must_not_flag.iter().cloned());
    }
    let labelled = include_str!("eval/labelled.tsv");
    texts.extend(
        labelled
            .lines()
            .skip(1)
            .filter_map(|l| l.rsplit('\t').next().map(str::to_string)),
    );
    texts.push(corpus::generate(300_000, 11));
    texts
}

#[test]
fn compiled_pack_finds_exactly_what_the_source_pack_finds() {
    let (source, compiled) = source_and_compiled();
    let texts = texts(&source);
    assert!(texts.len() > 500, "{} texts", texts.len());
    let mut findings = 0;
    for text in &texts {
        for include_mentions in [false, true] {
            let options = CheckOptions { include_mentions };
            let want = source.check_with(text, options);
            assert_eq!(compiled.check_with(text, options), want, "in {text:.200}");
            findings += want.len();
        }
    }
    assert!(findings > 1000, "only {findings} findings compared");
}

#[test]
fn compiled_pack_keeps_rule_metadata_but_not_examples() {
    let (source, compiled) = source_and_compiled();
    assert_eq!(compiled.rules().len(), source.rules().len());
    for (a, b) in source.rules().iter().zip(compiled.rules()) {
        assert_eq!(
            (&a.id, a.severity, &a.summary, &a.message, &a.explanation),
            (&b.id, b.severity, &b.summary, &b.message, &b.explanation)
        );
        assert_eq!(
            (&a.link, &a.tags, &a.file, a.line),
            (&b.link, &b.tags, &b.file, b.line)
        );
        assert_eq!(a.patterns, b.patterns);
        assert!(b.must_flag.is_empty() && b.must_not_flag.is_empty());
    }
}

#[test]
fn compiling_a_loaded_pack_gives_the_same_bytes() {
    let (source, compiled) = source_and_compiled();
    assert_eq!(compiled.to_compiled(), source.to_compiled());
}

#[test]
fn a_pack_with_user_rules_and_disabled_rules_round_trips() {
    let team = r#"
[[rule]]
id = "team-banned-phrase"
severity = "warning"
summary = "s"
message = "Say \"independently audited\"."
explanation = "e"
patterns = ['(?P<hit>bank[- ]grade security)']
suggestions = [{ text = "independently audited security", label = "plain" }]
"#;
    let (source, errors) = EngineBuilder::with_builtin()
        .pack("team.toml", team)
        .disable("soc2-compliant")
        .build();
    assert!(errors.is_empty(), "{errors:?}");
    let compiled = Engine::from_compiled(&source.to_compiled().unwrap()).unwrap();
    assert!(compiled.rule("soc2-compliant").is_none());
    let text = "Bank-grade security, SOC 2 compliant and SOC 2 certified.";
    let found = compiled.check(text);
    assert_eq!(found, source.check(text));
    let rules: Vec<&str> = found.iter().map(|f| &*f.rule).collect();
    assert_eq!(rules, ["team-banned-phrase", "soc2-certified"]);
    assert_eq!(
        found[0].suggestions[0].replacement,
        "Independently audited security"
    );
}

#[test]
fn an_empty_pack_compiles_and_finds_nothing() {
    let (engine, _) = EngineBuilder::new().build();
    let compiled = Engine::from_compiled(&engine.to_compiled().unwrap()).unwrap();
    assert!(compiled.check("We are SOC 2 certified.").is_empty());
}

#[test]
fn broken_bytes_are_refused_with_a_reason() {
    let (source, _) = source_and_compiled();
    let bytes = source.to_compiled().unwrap();
    let err = |b: &[u8]| Engine::from_compiled(b).expect_err("refused");
    assert_eq!(err(b""), "not a compiled ClaimLint rule pack");
    assert_eq!(
        err(b"[[rule]]\nid = \"x\""),
        "not a compiled ClaimLint rule pack"
    );
    assert_eq!(err(&bytes[..18]), "truncated rule pack");
    let mut other_format = bytes.clone();
    other_format[16] = 99;
    assert!(err(&other_format).starts_with("rule pack format 99, but this engine reads format"));
    assert!(err(&bytes[..bytes.len() / 2]).starts_with("broken rule pack"));
    // Any damage is caught when loading (the automata themselves are decoded later).
    for at in (16..bytes.len()).step_by(bytes.len() / 211) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x5a;
        let why = err(&flipped);
        assert!(
            why.starts_with("broken rule pack") || why.starts_with("rule pack format"),
            "{why}"
        );
    }
}

#[test]
fn loading_defers_each_group_of_automata_until_one_of_its_words_appears() {
    let (source, _) = source_and_compiled();
    let engine = Engine::from_compiled(&source.to_compiled().unwrap()).unwrap();
    let (ready, groups) = engine.groups_ready();
    assert_eq!(ready, 0);
    assert!(groups >= 10, "{groups} groups");
    assert!(
        engine
            .check("Plain prose about pricing and support.")
            .is_empty()
    );
    assert_eq!(engine.groups_ready().0, 0);
    // One framework name: its group, and not the others.
    assert_eq!(engine.check("We are HIPAA certified.").len(), 1);
    assert_eq!(engine.groups_ready().0, 1);
    assert_eq!(engine.check("We are SOC 2 certified.").len(), 1);
    assert_eq!(engine.groups_ready().0, 2);
}
