//! Every built-in rule passes its own inline examples, and has enough of them.

use claimlint::{BUILTIN_PACKS, EngineBuilder};

#[test]
fn builtin_pack_loads_without_errors() {
    let (engine, errors) = EngineBuilder::with_builtin().build();
    let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        listed.is_empty(),
        "built-in pack errors:\n{}",
        listed.join("\n")
    );
    assert!(
        engine.rules().len() >= 20,
        "only {} rules",
        engine.rules().len()
    );
}

#[test]
fn every_rule_passes_its_examples() {
    // Load without verification so every failure of every rule is listed at once.
    let (engine, _) = EngineBuilder::with_builtin().verify_examples(false).build();
    let mut report = Vec::new();
    for rule in engine.rules() {
        for failure in engine.example_failures(rule) {
            report.push(format!(
                "{}:{}: {}: {failure}",
                rule.file, rule.line, rule.id
            ));
        }
    }
    assert!(
        report.is_empty(),
        "{} failures:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn every_rule_has_five_examples_each_way() {
    let (engine, _) = EngineBuilder::with_builtin().verify_examples(false).build();
    let thin: Vec<String> = engine
        .rules()
        .iter()
        .filter(|r| r.must_flag.len() < 5 || r.must_not_flag.len() < 5)
        .map(|r| {
            format!(
                "{} ({} flag, {} not)",
                r.id,
                r.must_flag.len(),
                r.must_not_flag.len()
            )
        })
        .collect();
    assert!(
        thin.is_empty(),
        "rules with fewer than 5 examples: {thin:?}"
    );
}

#[test]
fn builtin_packs_are_listed() {
    assert!(
        BUILTIN_PACKS
            .iter()
            .all(|(name, source)| name.starts_with("rules/") && !source.is_empty())
    );
}

#[test]
fn every_rule_cites_its_governing_body_and_links_a_source() {
    let engine = claimlint::Engine::builtin();
    for rule in engine.rules() {
        let explanation = rule
            .explanation
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            explanation.contains("(Governing bod"),
            "{}: the explanation should end by naming the governing body",
            rule.id
        );
        assert!(
            rule.link
                .as_deref()
                .is_some_and(|l| l.starts_with("https://")),
            "{}: needs a link",
            rule.id
        );
    }
}
