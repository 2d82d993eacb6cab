//! Absurd rule packs: thousands of rules, patterns nested or long beyond reason, megabytes of
//! junk. Each is refused with an error that names where, or loads what fits; the built-in rules
//! keep working and nothing hangs. The 10,000-rule packs take seconds in a debug build, so they
//! run in release builds only (`make test` runs this file with `--release`).

use claimlint::EngineBuilder;

fn rules(n: usize, pattern: impl Fn(usize) -> String) -> String {
    (0..n)
        .map(|i| {
            format!(
                "[[rule]]\nid = \"team-{i}\"\nseverity = \"warning\"\nsummary = \"s\"\nmessage = \"m\"\n\
                 explanation = \"e\"\npatterns = ['{}']\n\n",
                pattern(i)
            )
        })
        .collect()
}

const BUILTIN_CLAIM: &str = "We are SOC 2 certified.";

#[test]
#[cfg_attr(debug_assertions, ignore = "release builds only (make test)")]
fn ten_thousand_rules_with_their_own_words_all_load() {
    let pack = rules(10_000, |i| format!("widget{i} certified"));
    let (engine, errors) = EngineBuilder::with_builtin()
        .pack("team.toml", &pack)
        .build();
    assert_eq!(errors, []);
    assert_eq!(engine.rules().len(), 33 + 10_000);
    let found =
        engine.check("We are widget9999 certified and widget0 certified. We are SOC 2 certified.");
    let ids: Vec<&str> = found.iter().map(|f| f.rule.as_ref()).collect();
    assert_eq!(ids, ["team-9999", "team-0", "soc2-certified"]);
}

#[test]
#[cfg_attr(debug_assertions, ignore = "release builds only (make test)")]
fn ten_thousand_rules_on_one_word_load_what_fits_and_report_the_rest() {
    let pack = rules(10_000, |i| format!("soc widget{i} certified"));
    let (engine, errors) = EngineBuilder::with_builtin()
        .pack("team.toml", &pack)
        .build();
    let loaded = engine.rules().len() - 33;
    assert!(loaded > 100, "only {loaded} rules fit");
    assert_eq!(loaded + errors.len(), 10_000);
    // The rules loaded first are kept; every rule left out is named, with its line.
    assert_eq!(engine.rules()[33].id.as_ref(), "team-0");
    for (k, e) in errors.iter().enumerate() {
        let i = loaded + k;
        assert_eq!(e.rule.as_deref(), Some(format!("team-{i}").as_str()));
        assert_eq!(e.line, Some(i * 8 + 1));
        assert!(e.message.contains("too large"), "{}", e.message);
    }
    let found = engine.check("We are soc widget0 certified. We are SOC 2 certified.");
    let ids: Vec<&str> = found.iter().map(|f| f.rule.as_ref()).collect();
    assert_eq!(ids, ["team-0", "soc2-certified"]);
}

#[test]
fn deeply_nested_and_huge_patterns_are_refused_with_their_rule() {
    let deep = format!("soc {}x{}", "(?:".repeat(1_000), ")".repeat(1_000));
    let long = format!("soc {}", "certified ".repeat(200_000));
    let classes = format!("soc {}", "[a-z]{1000}".repeat(40));
    let pack = format!(
        "{}{}{}{}",
        rules(1, |_| deep.clone()).replace("team-0", "deep"),
        rules(1, |_| long.clone()).replace("team-0", "long"),
        rules(1, |_| classes.clone()).replace("team-0", "classes"),
        rules(1, |_| "widget certified".into()).replace("team-0", "fine"),
    );
    let (engine, errors) = EngineBuilder::with_builtin()
        .pack("team.toml", &pack)
        .build();
    let refused: Vec<&str> = errors.iter().filter_map(|e| e.rule.as_deref()).collect();
    assert_eq!(refused, ["deep", "long", "classes"], "{errors:?}");
    assert!(errors.iter().all(|e| e.line.is_some()));
    assert!(errors[0].message.contains("nest"), "{}", errors[0].message);
    assert!(
        errors[1].message.contains("longer than"),
        "{}",
        errors[1].message
    );
    assert!(
        errors[2].message.contains("too large"),
        "{}",
        errors[2].message
    );
    assert_eq!(engine.check("We are widget certified.").len(), 1);
    assert_eq!(engine.check(BUILTIN_CLAIM).len(), 1);
}

#[test]
fn megabytes_of_junk_are_one_error_and_the_builtin_rules_stay() {
    let junk: String = (0..200_000).map(|i| format!("= [[{i} \"\n")).collect();
    let (engine, errors) = EngineBuilder::with_builtin()
        .pack("junk.toml", &junk)
        .build();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "junk.toml");
    assert_eq!(errors[0].line, Some(1));
    assert_eq!(engine.check(BUILTIN_CLAIM).len(), 1);
}
