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
        unit += utf16_len(&text.as_bytes()[byte..target]);
        byte = target;
        converted.push(unit);
    }
    let lookup = |at: usize| converted[offsets.binary_search(&at).expect("collected above")];
    for f in findings {
        f.start = lookup(f.start);
        f.end = lookup(f.end);
    }
}

/// UTF-16 units in whole UTF-8 characters: one per character, two for a four-byte one. So: the
/// bytes that start a character, plus the four-byte leaders; counted eight bytes at a time (this
/// pass runs over every checked text, and decoding characters one by one was a tenth of a check).
fn utf16_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuation = 0;
    let mut four_byte = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if x & HIGH == 0 {
            continue; // all ASCII
        }
        // 10xxxxxx: top bit set, next clear. 11110xxx: top four set (no byte above 0xF4).
        continuation += (x & !(x << 1) & HIGH).count_ones() as usize;
        four_byte += (x & (x << 1) & (x << 2) & (x << 3) & HIGH).count_ones() as usize;
    }
    for &b in chunks.remainder() {
        continuation += usize::from(b & 0xC0 == 0x80);
        four_byte += usize::from(b >= 0xF0);
    }
    bytes.len() - continuation + four_byte
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
    fn unit_counts_match_the_standard_library() {
        let samples = [
            "",
            "plain ascii text, longer than eight bytes",
            "Café — “we’re” 😀 𝐀𝐁 🎉 Ünïcode",
            "😀😀😀😀😀😀😀😀😀",
            "a😀b€c\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ];
        for text in samples {
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let slice = &text[start..end];
                    assert_eq!(
                        utf16_len(slice.as_bytes()),
                        slice.encode_utf16().count(),
                        "{slice:?}"
                    );
                }
            }
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
