//! Where a match can start: word starts that begin with one of the patterns' leading words.
//!
//! Every pattern begins with a literal word, and matches start at word boundaries, so the
//! engine only runs the regex at word starts whose first two bytes begin some leading word.
//! Finding word starts eight bytes at a time and filtering them through a 64 Kbit table of
//! byte pairs is several times faster than a general multi-pattern search over every byte.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// A leading word, split for a fast comparison: its first eight bytes as one masked integer,
/// then the rest.
#[derive(Debug, Clone)]
struct Word {
    head: u64,
    mask: u64,
    tail: Vec<u8>,
    /// The group of patterns that can start with this word.
    group: usize,
}

impl Word {
    fn new(word: &[u8], group: usize) -> Word {
        let n = word.len().min(8);
        let mut head = [0u8; 8];
        head[..n].copy_from_slice(&word[..n]);
        Word {
            head: u64::from_le_bytes(head),
            mask: if n == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            },
            tail: word[n..].to_vec(),
            group,
        }
    }

    /// Whether `rest` starts with this word; `chunk` holds `rest`'s first eight bytes (padded).
    fn starts(&self, chunk: u64, rest: &[u8]) -> bool {
        chunk & self.mask == self.head
            && (self.tail.is_empty() || rest.get(8..).is_some_and(|r| r.starts_with(&self.tail)))
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Anchors {
    /// Bit `(a << 8) | b` is set when some word starts with bytes `a`, `b`.
    pairs: Vec<u64>,
    /// Words sorted, so the ones sharing a first byte are together.
    words: Vec<Word>,
    /// For each first byte, the range of `words` that start with it.
    by_first: Vec<(u16, u16)>,
}

fn pair(a: u8, b: u8) -> usize {
    (usize::from(a) << 8) | usize::from(b)
}

/// The high bit of each byte of `word` that is in `lo..=hi` (bytes must be below 0x80).
fn in_range(word: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = word + ONES * (0x80 - u64::from(lo));
    let above_hi = word + ONES * (0x7f - u64::from(hi));
    at_least_lo & !above_hi & HIGHS
}

/// High bit of each byte that is an ASCII digit or lower-case letter (normalized text has no
/// upper-case ASCII).
fn word_bytes(chunk: u64) -> u64 {
    let ascii = !chunk & HIGHS;
    let low = chunk & LOWS;
    (in_range(low, b'0', b'9') | in_range(low, b'a', b'z')) & ascii
}

impl Anchors {
    /// `words` (with the group of the patterns that start with them) are at least two bytes
    /// long; none needs to be unique. Words that are prefixes of one another must be in the same
    /// group (see `groups::group_patterns`).
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a [u8], usize)>) -> Anchors {
        let mut words: Vec<(Vec<u8>, usize)> =
            words.into_iter().map(|(w, g)| (w.to_vec(), g)).collect();
        words.sort_unstable();
        words.dedup();
        // A word with a shorter word as its prefix adds no start position.
        let mut kept: Vec<(Vec<u8>, usize)> = Vec::with_capacity(words.len());
        for (w, g) in words {
            match kept.last() {
                Some((k, kg)) if w.starts_with(k) => debug_assert_eq!(*kg, g, "{w:?} and {k:?}"),
                _ => kept.push((w, g)),
            }
        }
        let mut pairs = vec![0u64; 1 << 10];
        for (w, _) in &kept {
            debug_assert!(w.len() >= 2);
            let p = pair(w[0], w[1]);
            pairs[p >> 6] |= 1 << (p & 63);
        }
        let mut by_first = vec![(0u16, 0u16); 256];
        for (i, (w, _)) in kept.iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65,536 leading words");
            let range = &mut by_first[usize::from(w[0])];
            if range.0 == range.1 {
                *range = (i, i);
            }
            range.1 = i + 1;
        }
        Anchors {
            pairs,
            words: kept.iter().map(|(w, g)| Word::new(w, *g)).collect(),
            by_first,
        }
    }

    /// The group of the leading word that starts at `at`, if one does.
    fn word_here(&self, hay: &[u8], at: usize) -> Option<usize> {
        let &second = hay.get(at + 1)?;
        let p = pair(hay[at], second);
        if self.pairs[p >> 6] >> (p & 63) & 1 == 0 {
            return None;
        }
        let rest = &hay[at..];
        let mut padded = [0u8; 8];
        let n = rest.len().min(8);
        padded[..n].copy_from_slice(&rest[..n]);
        let chunk = u64::from_le_bytes(padded);
        let (from, to) = self.by_first[usize::from(rest[0])];
        self.words[usize::from(from)..usize::from(to)]
            .iter()
            .find(|w| w.starts(chunk, rest))
            .map(|w| w.group)
    }

    /// Word starts in `hay` where a leading word begins, in increasing order, with the group of
    /// the patterns that can match there.
    pub fn find_iter<'h>(&'h self, hay: &'h [u8]) -> impl Iterator<Item = (usize, usize)> + 'h {
        let mut chunk_at = 0;
        let mut previous_word_byte = 0u64; // high bit of byte 0 set when hay[chunk_at - 1] is one
        let mut starts = 0u64;
        std::iter::from_fn(move || {
            loop {
                while starts != 0 {
                    let at = chunk_at - 8 + (starts.trailing_zeros() / 8) as usize;
                    starts &= starts - 1;
                    if let Some(group) = self.word_here(hay, at) {
                        return Some((at, group));
                    }
                }
                let chunk: [u8; 8] = match hay.get(chunk_at..chunk_at + 8) {
                    Some(c) => c.try_into().expect("eight bytes"),
                    None if chunk_at < hay.len() => {
                        // The tail, padded with a non-word byte.
                        let mut c = [b' '; 8];
                        c[..hay.len() - chunk_at].copy_from_slice(&hay[chunk_at..]);
                        c
                    }
                    None => return None,
                };
                let words = word_bytes(u64::from_le_bytes(chunk));
                starts = words & !((words << 8) | previous_word_byte);
                previous_word_byte = words >> 56;
                chunk_at += 8;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(words: &[&str], hay: &str) -> Vec<usize> {
        let hay = hay.as_bytes();
        (0..hay.len())
            .filter(|&i| i == 0 || !hay[i - 1].is_ascii_alphanumeric())
            .filter(|&i| words.iter().any(|w| hay[i..].starts_with(w.as_bytes())))
            .collect()
    }

    #[test]
    fn finds_word_starts_that_begin_a_leading_word() {
        let words = ["soc", "soc2", "iso", "certified", "c5", "type"];
        // "soc" and "soc2" share a group (one is a prefix of the other).
        let groups = [0, 0, 1, 2, 3, 4];
        let anchors = Anchors::new(words.iter().map(|w| w.as_bytes()).zip(groups));
        for hay in [
            "we are soc 2 certified",
            "soc2 (iso 27001) c5 c5x isolated resoc xsoc type typed",
            "certified",
            "caf\u{e9}soc soc\u{e9}",
            "12345678soc iso9001 ab",
            "s",
            "",
            "so",
            "aaaaaaa soc",
            "aaaaaaaasoc soc",
        ] {
            let found: Vec<usize> = anchors
                .find_iter(hay.as_bytes())
                .map(|(at, _)| at)
                .collect();
            assert_eq!(found, naive(&words, hay), "in {hay:?}");
            for (at, group) in anchors.find_iter(hay.as_bytes()) {
                let word = words
                    .iter()
                    .position(|w| hay.as_bytes()[at..].starts_with(w.as_bytes()));
                assert_eq!(Some(group), word.map(|i| groups[i]), "at {at} in {hay:?}");
            }
        }
    }
}
