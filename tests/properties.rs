//! Properties that hold for any input: checking never panics, spans are valid char boundaries
//! inside the input, findings are sorted and never overlap within a rule, the flagged text is
//! exactly the input's bytes, and the UTF-16 offsets given to JavaScript select the same text.

use std::sync::OnceLock;

use claimlint::{CheckOptions, Engine, fuzzing::to_utf16, normalize::normalize};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::builtin)
}

/// Text made of claim fragments, separators and awkward characters, so matches actually happen.
fn claimish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "SOC",
        "soc",
        "2",
        "II",
        "Type",
        "certified",
        "CERTIFIED",
        "certification",
        "certificate",
        "HIPAA",
        "ISO",
        "27001",
        "attested",
        "PCI",
        "DSS",
        "GDPR",
        "not",
        "no",
        "the phrase",
        "we are",
        "\"",
        "\u{201c}",
        "\u{201d}",
        "'",
        " ",
        "  ",
        "\u{a0}",
        "\u{2009}",
        "\n",
        "\n\n",
        "-",
        "\u{2014}",
        "\u{ad}",
        "\u{200b}",
        "\u{ae}",
        ",",
        ".",
        "?",
        "(",
        ")",
        "é",
        "\u{1f512}",
        "Yes",
        "shall",
        "and",
        "badge",
        "passed",
        "audit",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_invariants(text: &str) {
    let findings = engine().check_with(
        text,
        CheckOptions {
            include_mentions: true,
        },
    );
    let mut last_start = 0;
    for f in &findings {
        assert!(f.start < f.end && f.end <= text.len(), "{f:?} in {text:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(&text[f.start..f.end], f.text);
        assert!(f.start >= last_start, "not sorted: {findings:?}");
        last_start = f.start;
        for i in 0..f.suggestions.len() {
            f.apply(text, i).expect("every suggestion applies");
        }
    }
    // The UTF-16 offsets handed to JavaScript select the same text in the UTF-16 string.
    let mut converted = findings.clone();
    to_utf16(text, &mut converted);
    let units: Vec<u16> = text.encode_utf16().collect();
    for (f, u) in findings.iter().zip(&converted) {
        assert!(
            u.start < u.end && u.end <= units.len(),
            "{u:?} in {} units",
            units.len()
        );
        let selected = String::from_utf16(&units[u.start..u.end]).expect("whole characters");
        assert_eq!(selected, f.text);
    }
    // Per rule, findings never overlap.
    for (i, a) in findings.iter().enumerate() {
        for b in &findings[i + 1..] {
            assert!(a.rule != b.rule || a.end <= b.start, "overlap: {a:?} {b:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_string(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn claim_like_strings(text in claimish()) {
        check_invariants(&text);
    }

    #[test]
    fn normalization_maps_every_byte_forward(text in claimish()) {
        let n = normalize(&text);
        prop_assert!(n.text.len() <= text.len());
        prop_assert!(std::str::from_utf8(&n.text).is_ok());
        let mut previous = 0;
        // Each normalized character (multi-byte ones are copied whole) starts at an original one.
        for i in (0..n.text.len()).filter(|&i| n.text[i] & 0xc0 != 0x80) {
            let o = n.original_start(i);
            prop_assert!(o < text.len() && text.is_char_boundary(o));
            prop_assert!(o >= previous);
            previous = o;
        }
    }
}
