// The engine on any text. Shared by the fuzz target (fuzz_targets/check.rs) and the corpus replay
// test (tests/fuzz_corpus.rs).
use std::sync::OnceLock;

use claimlint::{Engine, fuzzing};

/// The built-in rules from source, and the same rules through a compiled pack (as the extension
/// loads them).
fn engines() -> &'static (Engine, Engine) {
    static ENGINES: OnceLock<(Engine, Engine)> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let source = Engine::builtin();
        let pack = source.to_compiled().expect("the built-in rules compile");
        let compiled = Engine::from_compiled(&pack).expect("a compiled pack loads");
        (source, compiled)
    })
}

/// No panic; spans inside the text, on char boundaries, holding the finding's text; sorted, and
/// never overlapping within a rule; the compiled pack finds exactly the same; the UTF-16 offsets
/// given to JavaScript select the same text.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (source, compiled) = engines();
    let findings = source.check(text);
    let mut previous_start = 0;
    for (i, f) in findings.iter().enumerate() {
        assert!(f.start < f.end && f.end <= text.len(), "span {}..{} in {} bytes", f.start, f.end, text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "span off a char boundary");
        assert_eq!(&text[f.start..f.end], f.text, "finding text is not the span");
        assert!(f.start >= previous_start, "findings out of order");
        previous_start = f.start;
        if let Some(next) = findings[i + 1..].iter().find(|n| n.rule == f.rule) {
            assert!(next.start >= f.end, "two findings of {} overlap", f.rule);
        }
    }
    assert_eq!(compiled.check(text), findings, "compiled pack differs from source");
    let mut converted = findings.clone();
    fuzzing::to_utf16(text, &mut converted);
    let units: Vec<u16> = text.encode_utf16().collect();
    for (f, u) in findings.iter().zip(&converted) {
        let slice = units.get(u.start..u.end).expect("UTF-16 span inside the text");
        assert_eq!(String::from_utf16(slice).expect("whole characters"), f.text, "UTF-16 span selects other text");
    }
}
