//! Engine behaviour through the public API: spans, spellings, mentions, suggestions, user packs.

use claimlint::{CheckOptions, Engine, EngineBuilder, MentionReason, Severity};

/// A pack with one info-level rule that has only the required fields and these patterns
/// (a TOML array).
fn bare_rule(id: &str, patterns: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\nseverity = \"info\"\nsummary = \"s\"\nmessage = \"m\"\nexplanation = \"e\"\npatterns = {patterns}\n"
    )
}

fn engine() -> Engine {
    Engine::builtin()
}

/// Findings of one rule as (flagged text, first suggestion).
fn flags(engine: &Engine, rule: &str, text: &str) -> Vec<(String, Option<String>)> {
    engine
        .check(text)
        .into_iter()
        .filter(|f| &*f.rule == rule)
        .map(|f| (f.text, f.suggestions.first().map(|s| s.replacement.clone())))
        .collect()
}

#[test]
fn spans_point_into_the_original_text() {
    let e = engine();
    for text in [
        "Caf\u{e9} \u{201c}Northwind\u{201d} \u{2014} SOC\u{a0}2\u{ae} Type\u{2009}II certified!",
        "We are SOC-2\ncertified.",
        "\u{1f512} Soc 2 CERTIFIED \u{1f512}",
        "SOC\u{ad}2 certi\u{200b}fied",
    ] {
        let findings = e.check(text);
        assert!(!findings.is_empty(), "nothing found in {text:?}");
        for f in findings {
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            assert_eq!(&text[f.start..f.end], f.text, "in {text:?}");
        }
    }
}

#[test]
fn real_world_spellings_are_found() {
    let e = engine();
    for text in [
        "We are SOC 2 certified.",
        "We are SOC2 certified.",
        "We are SOC-2 certified.",
        "We are SOC II certified.",
        "We are SOC 2\u{ae} certified.",
        "We are SOC 2 Type II certified.",
        "We are SOC 2 type 2 certified.",
        "We are Type II SOC 2 certified.",
        "A SOC 2-certified platform.",
        "The platform is certified SOC 2 compliant.",
        "Certified against SOC 2 since 2020.",
        "We are soc 2 CERTIFIED.",
        "We are SOC\u{a0}2\u{2009}certified.",
        "We are SOC 2\r\n   certified.",
        "We are SOC 2 (System and Organization Controls 2) certified.",
    ] {
        assert_eq!(flags(&e, "soc2-certified", text).len(), 1, "{text:?}");
    }
}

#[test]
fn suggestions_keep_the_claim_and_its_casing() {
    let e = engine();
    let cases = [
        ("Acme is SOC 2 Type II certified.", "SOC 2 Type II attested"),
        ("ACME IS SOC 2 CERTIFIED.", "SOC 2 ATTESTED"),
        ("A SOC 2-certified platform.", "SOC 2-attested"),
    ];
    for (text, want) in cases {
        let got = flags(&e, "soc2-certified", text);
        assert_eq!(got[0].1.as_deref(), Some(want), "{text:?}");
    }
}

#[test]
fn mentions_are_not_claims() {
    let e = engine();
    for text in [
        "You may hear the phrase \u{201c}SOC 2 certified\u{201d} from vendors.",
        "Claiming to be SOC 2 certified can be challenged.",
        "Nobody is SOC 2 certified; SOC 2 is an attestation.",
        "We are not SOC 2 certified, because no such certification exists.",
        "When a questionnaire asks whether you are SOC 2 certified, attach the report.",
        "Is your vendor SOC 2 certified?",
    ] {
        let strong: Vec<_> = e
            .check(text)
            .into_iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        assert!(strong.is_empty(), "{text:?} gave {strong:?}");
    }
    // Asked for, mentions come back at info level with a reason.
    let text = "Claiming to be SOC 2 certified can be challenged.";
    let all = e.check_with(
        text,
        CheckOptions {
            include_mentions: true,
        },
    );
    let f = all.iter().find(|f| &*f.rule == "soc2-certified").unwrap();
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.mention, Some(MentionReason::Framed));
}

#[test]
fn endorsed_quotes_and_answered_questions_are_claims() {
    let e = engine();
    assert_eq!(
        flags(
            &e,
            "soc2-certified",
            "We earned the title \u{2018}SOC 2 certified\u{2019} this year."
        )
        .len(),
        1
    );
    // The answer restating the claim is flagged (the question it answers may be too).
    let text = "Are you SOC 2 certified? Yes, we are SOC 2 certified.";
    let answer = text.rfind("SOC 2 certified").unwrap();
    assert!(
        e.check(text)
            .iter()
            .any(|f| &*f.rule == "soc2-certified" && f.start == answer)
    );
}

#[test]
fn situations_choose_the_suggestion() {
    let e = engine();
    let rfp = e.check("Q: Are you SOC 2 certified? A: Yes, we are SOC 2 Type II certified.");
    let f = rfp.iter().find(|f| &*f.rule == "soc2-certified").unwrap();
    assert_eq!(f.suggestions[0].label.as_deref(), Some("for an RFP answer"));
    let plain = e.check("Acme is SOC 2 Type II certified.");
    assert!(plain[0].suggestions.iter().all(|s| s.label.is_none()));
}

#[test]
fn correct_uses_never_fire() {
    let e = engine();
    for text in [
        "We are ISO 27001 certified and SOC 2 attested.",
        "Our SOC 2 Type 2 report is available under NDA.",
        "The examination was performed by certified public accountants.",
        "Our CISSP-certified staff monitor alerts.",
        "Our certified compliance team reviews every contract.",
        "HITRUST r2 certified since 2024.",
        "FedRAMP certified at the Moderate baseline.",
    ] {
        let found = e.check(text);
        assert!(
            found.iter().all(|f| f.severity == Severity::Info),
            "{text:?} gave {found:?}"
        );
    }
}

const GOOD_RULE: &str = r#"
[[rule]]
id = "team-best-in-class"
severity = "warning"
summary = "Unprovable superlative"
message = "\"Best-in-class security\" cannot be substantiated."
explanation = "Legal asks us to avoid superlatives we cannot prove."
patterns = ['best in class (?P<what>security|compliance)']
suggestions = [{ text = "strong {what}" }]
must_flag = [{ text = "Best-in-class security for everyone.", fix = "Strong security for everyone." }]
must_not_flag = ["Strong security for everyone."]
"#;

#[test]
fn a_user_pack_adds_rules() {
    let (e, errors) = EngineBuilder::with_builtin()
        .pack("team.toml", GOOD_RULE)
        .build();
    assert!(errors.is_empty(), "{errors:?}");
    let got = flags(&e, "team-best-in-class", "Enjoy best-in-class compliance.");
    assert_eq!(
        got,
        [(
            "best-in-class compliance".to_string(),
            Some("strong compliance".to_string())
        )]
    );
}

#[test]
fn a_broken_rule_is_rejected_with_its_location_and_the_rest_loads() {
    let pack = format!(
        r#"{GOOD_RULE}
[[rule]]
id = "bad-pattern"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['soc 2 (certified']

[[rule]]
id = "team-best-in-class"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['x']

[[rule]]
id = "no-message"
severity = "error"
summary = "s"
patterns = ['x']

[[rule]]
id = "unknown-macro"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['{{nope}} certified']

[[rule]]
id = "fails-its-example"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['acme rocks']
must_flag = ["Acme is great."]

[[rule]]
id = "Bad_Id"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['x']

[[rule]]
id = "matches-empty"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['(?:soc)?']
"#
    );
    let (e, errors) = EngineBuilder::with_builtin()
        .pack("team.toml", &pack)
        .build();
    let by_rule = |id: &str| {
        errors
            .iter()
            .find(|err| err.rule.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("no error for {id}: {errors:?}"))
    };
    // 1-based line of the rule's `[[rule]]` header.
    let line_of = |needle: &str| pack.lines().position(|l| l.contains(needle)).unwrap();
    let bad = by_rule("bad-pattern");
    assert_eq!(bad.file, "team.toml");
    assert_eq!(bad.line, Some(line_of("id = \"bad-pattern\"")));
    assert!(bad.message.contains("pattern 1"), "{}", bad.message);
    assert!(by_rule("team-best-in-class").message.contains("duplicate"));
    assert!(by_rule("no-message").message.contains("message"));
    assert!(
        by_rule("unknown-macro")
            .message
            .contains("unknown macro `{nope}`")
    );
    assert!(
        by_rule("fails-its-example")
            .message
            .contains("must flag, but does not")
    );
    assert!(by_rule("Bad_Id").message.contains("kebab-case"));
    assert!(by_rule("matches-empty").message.contains("empty"));
    assert_eq!(errors.len(), 7, "{errors:#?}");
    // The good user rule and every built-in rule still work.
    assert_eq!(
        flags(&e, "team-best-in-class", "best in class security").len(),
        1
    );
    assert_eq!(
        flags(&e, "soc2-certified", "We are SOC 2 certified.").len(),
        1
    );
    // Display form: file:line: rule `id`: message
    assert!(bad.to_string().starts_with(&format!(
        "team.toml:{}: rule `bad-pattern`: ",
        bad.line.unwrap()
    )));
}

#[test]
fn a_malformed_pack_file_is_rejected_whole_with_its_line() {
    let (e, errors) = EngineBuilder::with_builtin()
        .pack("broken.toml", "[[rule]]\nid = \"x\"\nseverity = \n")
        .build();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, "broken.toml");
    assert_eq!(errors[0].line, Some(3));
    assert!(!e.check("We are SOC 2 certified.").is_empty());
}

#[test]
fn hostile_patterns_stay_linear() {
    // Classic catastrophic-backtracking shapes run in linear time on finite automata.
    let pack = bare_rule(
        "nested-repeats",
        r"['aa(?:a+)+b', 'aa(?:a|aa)+c', 'aa(?:\w+\s?)+certified!']",
    );
    let (e, errors) = EngineBuilder::new().pack("hostile.toml", &pack).build();
    assert!(errors.is_empty(), "{errors:?}");
    let text = "a".repeat(200_000);
    let started = std::time::Instant::now();
    assert!(e.check(&text).is_empty());
    // A backtracking engine would not finish at all; this bound only catches that.
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn a_pattern_must_begin_with_a_word() {
    let pack = bare_rule("starts-anywhere", r"['\w+ certified']");
    let (_, errors) = EngineBuilder::new().pack("p.toml", &pack).build();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("must begin with literal text"),
        "{}",
        errors[0].message
    );
}

#[test]
fn large_texts_are_checked_in_blocks_without_losing_claims() {
    let e = engine();
    let paragraph = "Northwind is SOC 2 certified. There is no SOC 2 certificate.\n\n";
    let single = e.check(paragraph);
    assert_eq!(single.len(), 1);
    // Long enough to be split into many blocks; some blocks end at sentence ends only.
    let mut text = paragraph.repeat(5_000);
    text.push_str(&"Plain sentence about ledgers. ".repeat(20_000));
    text.push_str(paragraph);
    let findings = e.check(&text);
    assert_eq!(findings.len(), 5_001);
    for f in &findings {
        assert_eq!(&text[f.start..f.end], "SOC 2 certified");
    }
    assert!(findings.windows(2).all(|w| w[0].start < w[1].start));
}

#[test]
fn lists_flag_each_inaccurate_item_and_never_iso_27001() {
    let e = engine();
    let text = "We are SOC 2, ISO 27001 and HIPAA certified.";
    let findings: Vec<_> = e
        .check(text)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let iso = text.find("ISO 27001").unwrap();
    assert!(
        findings
            .iter()
            .all(|f| f.end <= iso || f.start >= iso + "ISO 27001".len())
    );
    assert!(
        findings.iter().any(|f| f.text.starts_with("SOC 2")),
        "{findings:?}"
    );
    assert!(
        findings.iter().any(|f| f.text.starts_with("HIPAA")),
        "{findings:?}"
    );
}

#[test]
fn contracts_get_contract_wording_and_badges_get_soc_3() {
    let e = engine();
    let contract = e.check("Vendor shall maintain SOC 2 certification throughout the term.");
    let f = contract
        .iter()
        .find(|f| f.severity == Severity::Error)
        .unwrap();
    let first = &f.suggestions[0];
    assert!(first.replacement.contains("report"), "{first:?}");
    assert!(
        first.label.as_deref().unwrap_or("").contains("contract"),
        "{first:?}"
    );
    let badge = e.check("Display our SOC 2 badge in your vendor portal.");
    let f = badge
        .iter()
        .find(|f| &*f.rule == "soc2-badge-seal")
        .unwrap();
    assert!(
        f.suggestions
            .iter()
            .any(|s| s.replacement.contains("SOC 3")),
        "{f:?}"
    );
}

#[test]
fn soc2_compliant_is_only_a_hint() {
    let e = engine();
    let found = e.check("Northwind is SOC 2 compliant.");
    assert_eq!(found.len(), 1);
    assert_eq!(&*found[0].rule, "soc2-compliant");
    assert_eq!(found[0].severity, Severity::Info);
}

#[test]
fn oversized_patterns_are_rejected_with_a_clear_error() {
    let rule = |id: &str, pattern: &str| bare_rule(id, &format!("['{pattern}']"));
    let long = format!("soc (?:{})", vec!["x"; 10_000].join("|"));
    let huge = "soc (?:[a-z]{300}){300}";
    let pack = rule("too-long", &long) + &rule("too-big", huge) + &rule("fine", "soc 9 certified");
    let (e, errors) = EngineBuilder::new().pack("big.toml", &pack).build();
    let message = |id: &str| {
        errors
            .iter()
            .find(|err| err.rule.as_deref() == Some(id))
            .map(|err| err.message.clone())
            .unwrap_or_default()
    };
    assert!(message("too-long").contains("longer than"), "{errors:?}");
    assert!(message("too-big").contains("size limit"), "{errors:?}");
    assert_eq!(errors.len(), 2);
    assert_eq!(e.check("SOC 9 certified").len(), 1);
}

#[test]
fn patterns_can_carry_their_own_suggestions() {
    let pack = r#"
[[rule]]
id = "team-hipaa-forms"
severity = "warning"
summary = "s"
message = "m"
explanation = "e"
patterns = [
  { pattern = 'hipaa approved (?P<what>vendor|platform)', suggestions = [{ text = "HIPAA-compliant {what}" }] },
  { pattern = 'approved for hipaa', suggestions = [{ text = "compliant with HIPAA" }] },
  'hipaa approval',
]
suggestions = [{ text = "HIPAA compliance" }]
must_flag = [
  { text = "A HIPAA approved vendor.", fix = "A HIPAA-compliant vendor." },
  { text = "We are approved for HIPAA.", fix = "We are compliant with HIPAA." },
  { text = "We got HIPAA approval.", fix = "We got HIPAA compliance." },
]
"#;
    let (e, errors) = EngineBuilder::new().pack("forms.toml", pack).build();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        e.rule("team-hipaa-forms").unwrap().pattern_suggestions[0].len(),
        1
    );

    // A slot must exist in the pattern its suggestion belongs to.
    let bad = pack.replace("compliant with HIPAA", "compliant with {what}");
    let (_, errors) = EngineBuilder::new().pack("forms.toml", &bad).build();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .message
            .contains("pattern 2 has no group named `what`"),
        "{}",
        errors[0].message
    );
}
