//! Findings' offsets for JavaScript: UTF-8 bytes (the engine's unit) to UTF-16 code units (the
//! unit of JS strings and DOM ranges). Used by the Wasm layer; tested natively.

use crate::Finding;

/// Rewrite the findings' UTF-8 byte offsets as UTF-16 offsets, in one pass over the text.
pub fn to_utf16(text: &str, findings: &mut [Finding]) {
    let mut offsets: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut converted = Vec::with_capacity(offsets.len());
    let (mut byte, mut unit) = (0, 0);
    for &target in &offsets {
        unit += text[byte..target]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        byte = target;
        converted.push(unit);
    }
    let lookup = |at: usize| converted[offsets.binary_search(&at).expect("collected above")];
    for f in findings {
        f.start = lookup(f.start);
        f.end = lookup(f.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn utf16_slice(text: &str, start: usize, end: usize) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[start..end]).unwrap()
    }

    #[test]
    fn offsets_count_utf16_units_after_multibyte_and_astral_characters() {
        let engine = Engine::from_compiled(&Engine::builtin().to_compiled().unwrap()).unwrap();
        let text = "Café — “we’re” 😀 SOC 2 certified. Ünïcode 𝐀𝐁 and HIPAA certified, ISO 27001 certified 🎉 PCI certified.";
        let mut findings = engine.check(text);
        let bytes: Vec<(usize, usize)> = findings.iter().map(|f| (f.start, f.end)).collect();
        to_utf16(text, &mut findings);
        assert_eq!(findings.len(), 3);
        for (f, (s, e)) in findings.iter().zip(bytes) {
            assert_eq!(utf16_slice(text, f.start, f.end), f.text);
            assert_eq!(text[s..e], f.text);
            assert!(
                f.start < s,
                "multibyte characters before the claim shrink offsets"
            );
        }
    }

    #[test]
    fn ascii_offsets_stay_the_same() {
        let engine = Engine::builtin();
        let text = "We are SOC 2 certified and HIPAA certified.";
        let mut findings = engine.check(text);
        let before = findings.clone();
        to_utf16(text, &mut findings);
        assert_eq!(findings, before);
    }
}
