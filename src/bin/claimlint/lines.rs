//! Byte offsets to 1-based lines and columns (Unicode scalar values), and display widths.

use unicode_width::UnicodeWidthChar;

/// Columns a tab advances to in human output (tabs are shown as spaces to keep carets aligned).
pub const TAB_WIDTH: usize = 4;

pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        // A byte-order mark is not part of line 1 as editors show it.
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![first];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column of byte `offset`; the column counts Unicode scalar values, so
    /// the column of an end offset is the one just past the last character.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1].min(offset);
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// Line `line` (1-based) without its line break.
    pub fn line(&self, line: usize) -> &'a str {
        let start = self.starts[line - 1];
        let end = self
            .starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        let text = &self.text[start..end.max(start)];
        text.strip_suffix('\r').unwrap_or(text)
    }
}

/// Terminal columns `c` takes, with tabs as `TAB_WIDTH` spaces and control characters as none.
pub fn char_width(c: char) -> usize {
    if c == '\t' {
        TAB_WIDTH
    } else {
        c.width().unwrap_or(0)
    }
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` as it is shown: tabs expanded, control characters left out.
pub fn displayed(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str(&" ".repeat(TAB_WIDTH)),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalars() {
        let text = "ab\nçé SOC 2\r\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        let soc = text.find("SOC").unwrap();
        assert_eq!(index.position(soc), (2, 4));
        assert_eq!(index.position(soc + 5), (2, 9));
        assert_eq!(index.line(2), "çé SOC 2");
        assert_eq!(index.line(3), "x");
    }

    #[test]
    fn widths() {
        assert_eq!(str_width("a\t日本"), 1 + TAB_WIDTH + 4);
        assert_eq!(displayed("a\tb"), "a    b");
    }
}
