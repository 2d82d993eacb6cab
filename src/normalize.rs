//! Text normalization: one pass that turns real-world spellings into a canonical ASCII form the
//! rule patterns are written against, plus a compact map back to the original byte offsets.
//!
//! What it does, and why:
//! - ASCII letters are lowercased, so patterns need no case-insensitive matching.
//! - Any run of white space (including NBSP, thin and other Unicode spaces, single line breaks)
//!   becomes one `' '`; two or more line breaks become one `'\n'`, a hard block boundary.
//! - A hyphen between two letters or digits ("SOC-2", "SOC 2-certified") becomes `' '`, so one
//!   pattern covers the spaced and hyphenated spellings.
//! - Curly quotes become straight quotes, en/em dashes and minus signs become `'-'`.
//! - Soft hyphens, zero-width characters, and the marks ® ™ © are dropped.
//! - Other non-ASCII characters are copied unchanged; ASCII-only patterns never match them.

/// Normalized text and the way back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The canonical text (valid UTF-8: only whole characters are copied or replaced by ASCII).
    pub text: Vec<u8>,
    map: OffsetMap,
}

/// Where each normalized byte came from, stored sparsely: a checkpoint wherever the difference
/// between original and normalized offsets changes. Mostly-ASCII text needs few checkpoints.
#[derive(Debug, Clone, Default)]
struct OffsetMap {
    /// (normalized offset, original offset), sorted by normalized offset.
    checkpoints: Vec<(usize, usize)>,
    /// original - normalized at the last checkpoint (normalization never lengthens text).
    shift: usize,
}

impl OffsetMap {
    fn record(&mut self, norm: usize, orig: usize) {
        if orig - norm == self.shift {
            return;
        }
        self.shift = orig - norm;
        if let Some(last) = self.checkpoints.last_mut()
            && last.0 == norm
        {
            last.1 = orig;
            return;
        }
        self.checkpoints.push((norm, orig));
    }

    fn original(&self, norm: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(n, _)| n <= norm);
        match i {
            0 => norm,
            _ => {
                let (n, o) = self.checkpoints[i - 1];
                o + (norm - n)
            }
        }
    }
}

impl Normalized {
    /// Original byte offset of the character that produced normalized byte `norm`.
    pub fn original_start(&self, norm: usize) -> usize {
        self.map.original(norm)
    }

    /// Original byte span of the normalized span `start..end` (end exclusive, non-empty span).
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        let s = self.original_start(start);
        if end <= start {
            return (s, s);
        }
        let last = self.original_start(end - 1);
        let len = original[last..].chars().next().map_or(0, char::len_utf8);
        (s, last + len)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Newline,
    Dropped,
    Hyphen,
    Other,
}

fn classify(c: char) -> (Kind, u8) {
    match c {
        ' ' | '\t' | '\r' | '\x0b' | '\x0c' => (Kind::Space, b' '),
        '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => (Kind::Newline, b' '),
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            (Kind::Space, b' ')
        }
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '®' | '™' | '©' => {
            (Kind::Dropped, 0)
        }
        '-' | '\u{2010}' | '\u{2011}' => (Kind::Hyphen, b'-'),
        '\u{2012}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
            (Kind::Other, b'-')
        }
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => {
            (Kind::Other, b'\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => {
            (Kind::Other, b'"')
        }
        _ => (Kind::Other, 0),
    }
}

/// The output buffer. Normalized text is never longer than its input, so it is allocated once
/// at the input's length and written by index (no capacity checks on the hot path).
struct Output {
    buf: Vec<u8>,
    len: usize,
}

impl Output {
    fn new(capacity: usize) -> Output {
        Output {
            buf: vec![0; capacity],
            len: 0,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn last(&self) -> Option<&u8> {
        self.buf[..self.len].last()
    }

    fn push(&mut self, b: u8) {
        self.buf[self.len] = b;
        self.len += 1;
    }

    fn push8(&mut self, bytes: [u8; 8]) {
        self.buf[self.len..self.len + 8].copy_from_slice(&bytes);
        self.len += 8;
    }

    fn extend_from_slice(&mut self, bytes: &[u8]) {
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn finish(mut self) -> Vec<u8> {
        self.buf.truncate(self.len);
        self.buf
    }
}

/// A byte of a word: an ASCII letter or digit (normalized text has them in lower case).
pub(crate) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Normalize `text` (see the module docs). Runs in one pass, linear in the input.
pub fn normalize(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    let mut out = Output::new(bytes.len());
    let mut map = OffsetMap::default();
    // A pending run of white space: (original start offset, line breaks seen).
    let mut pending_space: Option<(usize, u32)> = None;
    // A pending hyphen after a word character: its original offset.
    let mut pending_hyphen: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        if pending_space.is_none() && pending_hyphen.is_none() {
            i = copy_plain_run(bytes, i, &mut out, &mut map);
            if i >= bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        // A plain ASCII word or punctuation byte after pending white space or a hyphen.
        if b.is_ascii()
            && !matches!(
                b,
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' | b'-' | b'`'
            )
        {
            flush(
                &mut out,
                &mut map,
                &mut pending_space,
                &mut pending_hyphen,
                is_word(b),
            );
            map.record(out.len(), i);
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("index is on a char boundary");
        let len = c.len_utf8();
        let (kind, replacement) = classify(c);
        match kind {
            Kind::Space | Kind::Newline => {
                if let Some(h) = pending_hyphen.take() {
                    map.record(out.len(), h);
                    out.push(b'-');
                }
                let breaks = u32::from(kind == Kind::Newline);
                match &mut pending_space {
                    Some((_, n)) => *n += breaks,
                    None => pending_space = Some((i, breaks)),
                }
            }
            Kind::Dropped => {}
            Kind::Hyphen => {
                let after_word = pending_space.is_none()
                    && pending_hyphen.is_none()
                    && out.last().copied().is_some_and(is_word);
                if after_word {
                    pending_hyphen = Some(i);
                } else {
                    flush(
                        &mut out,
                        &mut map,
                        &mut pending_space,
                        &mut pending_hyphen,
                        false,
                    );
                    map.record(out.len(), i);
                    out.push(b'-');
                }
            }
            Kind::Other => {
                flush(
                    &mut out,
                    &mut map,
                    &mut pending_space,
                    &mut pending_hyphen,
                    false,
                );
                map.record(out.len(), i);
                if replacement != 0 {
                    out.push(replacement);
                } else {
                    out.extend_from_slice(&bytes[i..i + len]);
                }
            }
        }
        i += len;
    }
    flush(
        &mut out,
        &mut map,
        &mut pending_space,
        &mut pending_hyphen,
        false,
    );
    Normalized {
        text: out.finish(),
        map,
    }
}

/// The fast path: copy (lower-cased) the run of bytes starting at `i` whose normalized form has
/// the same length: plain ASCII, single spaces between words, and hyphens. Returns where the run
/// stopped; the character there takes the general path.
fn copy_plain_run(bytes: &[u8], mut i: usize, out: &mut Output, map: &mut OffsetMap) -> usize {
    map.record(out.len(), i);
    loop {
        // Eight bytes at a time while they are plain (most of any text).
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !is_plain_chunk(word, bytes.get(i + 8).copied()) {
                break;
            }
            out.push8(lowercase_chunk(word).to_le_bytes());
            i += 8;
        }
        let Some(&b) = bytes.get(i) else {
            return i;
        };
        let next = bytes.get(i + 1).copied();
        let byte = match b {
            b' ' => match next {
                Some(n) if n.is_ascii() && !n.is_ascii_whitespace() && n != b'`' => b' ',
                _ => return i,
            },
            // Between two words a hyphen reads as a space; before a non-ASCII character (which
            // may be dropped, like a soft hyphen) the general path decides.
            b'-' => match (out.last().copied(), next) {
                (Some(p), Some(n)) if is_word(p) && is_word(n) => b' ',
                (Some(p), Some(n)) if is_word(p) && !n.is_ascii() => return i,
                _ => b'-',
            },
            b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' | b'`' => return i,
            b if !b.is_ascii() => return i,
            b => b.to_ascii_lowercase(),
        };
        out.push(byte);
        i += 1;
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `word` that equals `byte` (exact; `word` is ASCII).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOWS) + LOWS) | x | LOWS)
}

/// Eight bytes whose normalized form is themselves, lower-cased: ASCII, no control characters
/// (tabs and line breaks included), no hyphen or backtick, and no space that starts a run of
/// white space (`next` is the byte after the chunk).
fn is_plain_chunk(word: u64, next: Option<u8>) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    if word & HIGHS != 0 || below_space != 0 {
        return false;
    }
    if bytes_equal(word, b'-') | bytes_equal(word, b'`') != 0 {
        return false;
    }
    let spaces = bytes_equal(word, b' ');
    if spaces & (spaces >> 8) != 0 {
        return false;
    }
    // A space in the last byte needs a plain byte after it.
    spaces >> 63 == 0 || next.is_some_and(|n| n.is_ascii() && n > b' ' && n != b'`')
}

/// ASCII upper-case letters in `word` (all bytes ASCII) made lower-case.
fn lowercase_chunk(word: u64) -> u64 {
    let from_a = word + ONES * (0x80 - u64::from(b'A'));
    let past_z = word + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = (from_a ^ past_z) & HIGHS;
    word | (upper >> 2)
}

/// Emit pending white space or hyphen before the next character. A hyphen joins two word
/// characters into one space-separated phrase; otherwise it stays a hyphen.
fn flush(
    out: &mut Output,
    map: &mut OffsetMap,
    pending_space: &mut Option<(usize, u32)>,
    pending_hyphen: &mut Option<usize>,
    next_is_word: bool,
) {
    if let Some(h) = pending_hyphen.take() {
        map.record(out.len(), h);
        out.push(if next_is_word { b' ' } else { b'-' });
    }
    if let Some((start, breaks)) = pending_space.take() {
        map.record(out.len(), start);
        out.push(if breaks >= 2 { b'\n' } else { b' ' });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        String::from_utf8(normalize(s).text).unwrap()
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(norm("SOC 2 Certified"), "soc 2 certified");
        assert_eq!(norm("SOC\u{a0}2\u{2009}certified"), "soc 2 certified");
        assert_eq!(norm("SOC-2 Type\u{2011}II"), "soc 2 type ii");
        assert_eq!(norm("SOC 2®-certified"), "soc 2 certified");
        assert_eq!(norm("SOC 2\n  certified"), "soc 2 certified");
        assert_eq!(norm("para one\n\npara two"), "para one\npara two");
        assert_eq!(norm("cer\u{ad}ti\u{200b}fied"), "certified");
        assert_eq!(norm("\u{201c}SOC 2\u{201d} \u{2014} x"), "\"soc 2\" - x");
        assert_eq!(norm("a - b"), "a - b");
        assert_eq!(norm("over-  the"), "over- the");
        assert_eq!(norm("café"), "café");
        assert_eq!(norm("a -b x--y z-"), "a -b x--y z-");
        assert_eq!(norm("SOC-\u{ad}2 SOC -2"), "soc 2 soc -2");
        assert_eq!(norm("SOC  2\tType\r\nII"), "soc 2 type ii");
        // Long plain runs take the eight-byte path; every boundary case must agree.
        assert_eq!(
            norm("ABCDEFGH IJKLMNOP QRSTUVW  XYZ[\\]^_@`{|}~ Soc-2 CERTIFIED\u{a0}X"),
            "abcdefgh ijklmnop qrstuvw xyz[\\]^_@'{|}~ soc 2 certified x"
        );
        for text in [
            "The quick brown fox jumps over the lazy dog",
            "1234567 \u{a0}89",
            "1234567\u{a0}x",
        ] {
            let slow: String = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            assert_eq!(norm(text), slow);
        }
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "Our\u{a0}\u{a0}SOC\u{a0}2® \u{201c}certified\u{201d} — ok";
        let n = normalize(original);
        let text = std::str::from_utf8(&n.text).unwrap();
        assert_eq!(text, "our soc 2 \"certified\" - ok");
        let start = text.find("soc").unwrap();
        let end = text.find("2").unwrap() + 1;
        let (s, e) = n.original_span(original, start, end);
        assert_eq!(&original[s..e], "SOC\u{a0}2");
        let start = text.find("\"c").unwrap();
        let end = text.find("d\"").unwrap() + 2;
        let (s, e) = n.original_span(original, start, end);
        assert_eq!(&original[s..e], "\u{201c}certified\u{201d}");
        let ok = text.find("ok").unwrap();
        let (s, e) = n.original_span(original, ok, ok + 2);
        assert_eq!(&original[s..e], "ok");
    }
}
