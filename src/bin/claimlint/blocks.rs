//! A block of extracted text (one paragraph, heading, list item, table cell...) and the map from
//! its byte offsets back to the file it came from.
//!
//! Extractors append pieces of text with the file range each piece came from. A piece that is a
//! verbatim copy of its source maps byte for byte; anything else (an entity such as `&nbsp;`, a
//! placeholder for skipped code) maps as a whole to its whole source range, so a span that starts
//! or ends inside it widens to cover it.

use std::ops::Range;

/// Stands in for skipped inline content (code, images): not a word character and not white space,
/// so no pattern can match across it, and the words around it stay in one sentence.
pub const PLACEHOLDER: &str = "\u{FFFC}";
const PLACEHOLDER_CHAR: char = '\u{FFFC}';

#[derive(Debug, Default)]
pub struct Block {
    pub text: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Start in the block's text.
    at: usize,
    len: usize,
    /// Source range.
    src: usize,
    src_len: usize,
    /// Byte-for-byte copy of the source.
    verbatim: bool,
}

/// The blocks of a document as they are read: finished ones, and the one being filled.
#[derive(Debug, Default)]
pub struct Blocks {
    pub done: Vec<Block>,
    pub current: Block,
}

impl Blocks {
    /// End the current block (a blank one is dropped).
    pub fn flush(&mut self) {
        let block = std::mem::take(&mut self.current);
        if !block.is_blank() {
            self.done.push(block);
        }
    }
}

impl Block {
    /// Append `text`, a verbatim copy of the source at `src`.
    pub fn push_verbatim(&mut self, text: &str, src: usize) {
        self.push_segment(text.len(), src, text.len(), true);
        self.text.push_str(text);
    }

    /// Append `text`, which stands for the whole source range `src` (an entity, a line break).
    pub fn push_mapped(&mut self, text: &str, src: Range<usize>) {
        self.push_segment(text.len(), src.start, src.len(), false);
        self.text.push_str(text);
    }

    /// Append a piece whose source is `src`: verbatim when the source reads the same, or when it
    /// only adds a prefix the reader dropped (a backslash escape, a `\r` before `\n`).
    pub fn push_from(&mut self, source: &str, text: &str, src: Range<usize>) {
        match verbatim_start(source, text, src.clone()) {
            Some(at) => self.push_verbatim(text, at),
            None => self.push_mapped(text, src),
        }
    }

    fn push_segment(&mut self, len: usize, src: usize, src_len: usize, verbatim: bool) {
        if len == 0 {
            return;
        }
        self.segments.push(Segment {
            at: self.text.len(),
            len,
            src,
            src_len,
            verbatim,
        });
    }

    pub fn is_blank(&self) -> bool {
        self.text
            .chars()
            .all(|c| c.is_whitespace() || c == PLACEHOLDER_CHAR)
    }

    /// The file range of the block's span `start..end` (end exclusive, non-empty).
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        let seg_of = |offset: usize| {
            let i = self.segments.partition_point(|s| s.at <= offset);
            self.segments[i.saturating_sub(1)]
        };
        let first = seg_of(start);
        let s = if first.verbatim {
            first.src + (start - first.at).min(first.len)
        } else {
            first.src
        };
        let last = seg_of(end.max(start + 1) - 1);
        let e = if last.verbatim {
            last.src + (end - last.at).min(last.len)
        } else {
            last.src + last.src_len
        };
        (s, e.max(s))
    }
}

/// Where `text` sits verbatim in the source range `src`: at its end, after at most a prefix the
/// reader dropped.
pub fn verbatim_start(source: &str, text: &str, src: Range<usize>) -> Option<usize> {
    let raw = &source.as_bytes()[src.clone()];
    (raw.ends_with(text.as_bytes()) && is_dropped_prefix(&raw[..raw.len() - text.len()]))
        .then(|| src.end - text.len())
}

/// A prefix of a source piece that the reader drops: a Markdown backslash escape, or line-break
/// bytes the HTML tokenizer normalized away.
fn is_dropped_prefix(prefix: &[u8]) -> bool {
    prefix.is_empty() || prefix == b"\\" || prefix.iter().all(|&b| b == b'\r' || b == b'\n')
}

/// Snap a byte offset down / up to a character boundary of `text`.
pub fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// Every character of every block maps inside the source, on character boundaries, in order.
    pub fn assert_maps_sanely(source: &str, blocks: &[Block]) {
        let mut last = 0;
        for block in blocks {
            for (i, c) in block.text.char_indices() {
                let (s, e) = block.source_span(i, i + c.len_utf8());
                assert!(s <= e && e <= source.len(), "{s}..{e} in {source:?}");
                assert!(
                    source.is_char_boundary(s) && source.is_char_boundary(e),
                    "{source:?}"
                );
                assert!(s >= last, "out of order at {s} in {source:?}");
                last = s;
            }
        }
    }

    /// Deterministic pseudo-random documents made of `pieces`.
    pub fn documents(pieces: &[&str], count: usize) -> Vec<String> {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..count)
            .map(|_| {
                let mut doc = String::new();
                for _ in 0..40 {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    doc.push_str(pieces[(state % pieces.len() as u64) as usize]);
                }
                doc
            })
            .collect()
    }

    #[test]
    fn maps_verbatim_and_entities() {
        let source = "SOC&nbsp;2 certified";
        let mut b = Block::default();
        b.push_verbatim("SOC", 0);
        b.push_mapped("\u{a0}", 3..9);
        b.push_verbatim("2 certified", 9);
        assert_eq!(b.text, "SOC\u{a0}2 certified");
        // Whole text.
        assert_eq!(b.source_span(0, b.text.len()), (0, source.len()));
        // A span starting inside the entity widens to its start.
        assert_eq!(b.source_span(3, 6), (3, 10));
        assert_eq!(b.source_span(5, 6), (9, 10));
    }

    #[test]
    fn escape_prefix_is_verbatim() {
        let source = r"a\*b";
        let mut b = Block::default();
        b.push_from(source, "*b", 1..4);
        assert_eq!(b.source_span(0, 2), (2, 4));
    }
}
