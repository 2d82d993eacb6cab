//! HTML: the visible text of each block element as one block, with entities decoded.
//!
//! html5gum is a WHATWG tokenizer; with `Span<usize>` every event carries byte offsets into the
//! input. A text event folds all consecutive characters, including decoded entities, into one
//! string, so its span alone cannot place `&nbsp;` inside it. The tokenizer does report every
//! piece of text it produces (`emit_string`) and every move of its position (`move_position`):
//! a thin emitter wrapper records each piece with the position right after it, which gives each
//! piece's source range. A piece equal to its source is mapped byte for byte; an entity maps as
//! a whole to `&...;`.
//!
//! White space collapses as a browser shows it (outside `<pre>`): a run of spaces and line breaks
//! in the source is one space in the block, so it reads as one sentence and suggestions copy no
//! source line breaks.
//!
//! Skipped: script, style, noscript, template contents (invisible), textarea, code, kbd, samp,
//! svg, math and embedded media (a placeholder stands in), comments, and all attributes.

use std::cell::RefCell;
use std::convert::Infallible;
use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};

use crate::blocks::{Block, Blocks, PLACEHOLDER, verbatim_start};

pub fn extract(source: &str) -> Vec<Block> {
    let pieces = RefCell::new(Pieces::default());
    let mut state = State::new(source);
    {
        let mut inner = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
            state.event(event, span, &pieces);
            None::<Infallible>
        });
        // Script, style, textarea, title...: raw text and RCDATA tokenizer states.
        inner.naively_switch_states(true);
        let emitter = Recorder {
            inner,
            position: 0,
            pieces: &pieces,
        };
        // Reading a &str cannot fail, and the callback yields no tokens.
        let Ok(()) = Tokenizer::new_with_emitter(source, emitter).finish();
    }
    state.out.flush();
    state.out.done
}

/// Text pieces the tokenizer produced since the last text event: their bytes, and for each piece
/// its end in `bytes` and the source position right after it.
#[derive(Default)]
struct Pieces {
    bytes: Vec<u8>,
    ends: Vec<(usize, usize)>,
}

struct Recorder<'p, E> {
    inner: E,
    position: usize,
    pieces: &'p RefCell<Pieces>,
}

impl<E: Emitter> ForwardingEmitter for Recorder<'_, E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        self.inner.move_position(offset);
    }

    fn emit_string(&mut self, text: &[u8]) {
        if !text.is_empty() {
            let mut pieces = self.pieces.borrow_mut();
            pieces.bytes.extend_from_slice(text);
            let end = pieces.bytes.len();
            pieces.ends.push((end, self.position));
        }
        self.inner.emit_string(text);
    }
}

/// Elements whose content is never prose. The first group is invisible and joins the text around
/// it; the rest is shown, so a placeholder keeps the words on either side apart.
const INVISIBLE: &[&[u8]] = &[b"script", b"style", b"noscript", b"template"];
const SHOWN_SKIPPED: &[&[u8]] = &[
    b"textarea",
    b"code",
    b"kbd",
    b"samp",
    b"svg",
    b"math",
    b"select",
    b"iframe",
    b"object",
    b"video",
    b"audio",
    b"canvas",
];
/// Replaced (void) elements that show something other than text.
const VOID_PLACEHOLDER: &[&[u8]] = &[b"img", b"input", b"embed"];
/// Skipped elements that an enclosing block closes even when their end tag is missing.
const INLINE_SKIPPED: &[&[u8]] = &[b"code", b"kbd", b"samp"];
/// Elements that start a new block (everything else is inline and joins its neighbours).
const BLOCK: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"br",
    b"button",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"dir",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hgroup",
    b"hr",
    b"html",
    b"legend",
    b"li",
    b"listing",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"optgroup",
    b"option",
    b"p",
    b"plaintext",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"td",
    b"tfoot",
    b"th",
    b"thead",
    b"title",
    b"tr",
    b"ul",
    b"xmp",
];

struct State<'s> {
    source: &'s str,
    out: Blocks,
    /// Open skipped elements, innermost last.
    skipping: Vec<Vec<u8>>,
    /// The start tag being read: name and start offset.
    open_tag: Option<(Vec<u8>, usize)>,
    /// Open `<pre>` elements (white space kept).
    pre: usize,
}

impl<'s> State<'s> {
    fn new(source: &'s str) -> Self {
        State {
            source,
            out: Blocks::default(),
            skipping: Vec::new(),
            open_tag: None,
            pre: 0,
        }
    }

    fn event(&mut self, event: CallbackEvent<'_>, span: Span<usize>, pieces: &RefCell<Pieces>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.open_tag = Some((name.to_vec(), span.start))
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some((name, start)) = self.open_tag.take() {
                    self.start_tag(&name, self_closing, start..span.end);
                }
            }
            CallbackEvent::EndTag { name } => self.end_tag(name),
            CallbackEvent::String { .. } => {
                let taken = std::mem::take(&mut *pieces.borrow_mut());
                if self.skipping.is_empty() {
                    self.text(&taken, span.start);
                }
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, name: &[u8], self_closing: bool, range: Range<usize>) {
        if BLOCK.contains(&name) {
            self.close_inline_skips();
        }
        let skipped = INVISIBLE.contains(&name) || SHOWN_SKIPPED.contains(&name);
        if !self.skipping.is_empty() {
            // Inside skipped content only nesting matters (a void or self-closed svg child
            // never gets an end tag).
            if skipped && !self_closing {
                self.skipping.push(name.to_vec());
            }
            return;
        }
        if skipped {
            if SHOWN_SKIPPED.contains(&name) {
                self.out.current.push_mapped(PLACEHOLDER, range);
            }
            if !self_closing || !matches!(name, b"svg" | b"math") {
                self.skipping.push(name.to_vec());
            }
        } else if VOID_PLACEHOLDER.contains(&name) {
            self.out.current.push_mapped(PLACEHOLDER, range);
        } else if BLOCK.contains(&name) {
            self.out.flush();
            if name == b"pre" {
                self.pre += 1;
            }
        }
    }

    fn end_tag(&mut self, name: &[u8]) {
        if let Some(i) = self.skipping.iter().rposition(|open| open == name) {
            self.skipping.truncate(i);
            return;
        }
        if BLOCK.contains(&name) {
            self.close_inline_skips();
            if self.skipping.is_empty() {
                self.out.flush();
                if name == b"pre" {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
        }
    }

    /// A block boundary ends an unclosed `<code>` (as a tree builder would), so one missing end
    /// tag cannot hide the rest of the page.
    fn close_inline_skips(&mut self) {
        while self
            .skipping
            .last()
            .is_some_and(|open| INLINE_SKIPPED.contains(&open.as_slice()))
        {
            self.skipping.pop();
        }
    }

    /// Append one text event: its pieces, each placed in the source from the position after it.
    fn text(&mut self, pieces: &Pieces, start: usize) {
        let (mut from, mut src) = (0, start);
        for &(end, position) in &pieces.ends {
            let src_end = position.min(self.source.len()).max(src);
            let text = match std::str::from_utf8(&pieces.bytes[from..end]) {
                Ok(text) => text,
                // The tokenizer's fast path can split a character between two pieces: wait
                // for the rest of it.
                Err(e) if e.error_len().is_none() => continue,
                Err(_) => "\u{FFFD}",
            };
            self.push_text(text, src..src_end);
            (from, src) = (end, src_end);
        }
    }

    /// Append a piece, each run of HTML white space (other than one space) as one space.
    fn push_text(&mut self, text: &str, src: Range<usize>) {
        let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
        let plain = !text.contains(|c: char| is_space(c) && c != ' ') && !text.contains("  ");
        if self.pre > 0 || plain {
            self.out.current.push_from(self.source, text, src);
            return;
        }
        let Some(at) = verbatim_start(self.source, text, src.clone()) else {
            let collapsed: Vec<&str> = text.split(is_space).filter(|w| !w.is_empty()).collect();
            let mut joined = collapsed.join(" ");
            if text.starts_with(is_space) {
                joined.insert(0, ' ');
            }
            if text.ends_with(is_space) && !joined.ends_with(' ') {
                joined.push(' ');
            }
            self.out.current.push_mapped(&joined, src);
            return;
        };
        let mut rest = text;
        let mut offset = at;
        while !rest.is_empty() {
            let space = rest.starts_with(is_space);
            let len = rest
                .find(|c: char| is_space(c) != space)
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(len);
            if space && run != " " {
                self.out.current.push_mapped(" ", offset..offset + len);
            } else {
                self.out.current.push_verbatim(run, offset);
            }
            offset += len;
            rest = tail;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<String> {
        extract(source).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blocks_and_skips() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <p class=\"SOC 2 certified\">We are SOC&nbsp;2 <b>cert</b>ified<!-- c -->.</p>\
            <script>var s = 'SOC 2 certified';</script><div>a<br>b <code>x</code> c</div></body></html>";
        assert_eq!(
            texts(html),
            ["T", "We are SOC\u{a0}2 certified.", "a", "b \u{FFFC} c"]
        );
    }

    #[test]
    fn maps_entities_and_multibyte() {
        let html = "<p>Ünïcödé — SOC&nbsp;2 <em>cert</em>ified &amp; more</p>";
        let blocks = extract(html);
        let b = &blocks[0];
        let start = b.text.find("SOC").unwrap();
        let end = b.text.find("ified").unwrap() + "ified".len();
        let (s, e) = b.source_span(start, end);
        assert_eq!(&html[s..e], "SOC&nbsp;2 <em>cert</em>ified");
        let amp = b.text.find('&').unwrap();
        assert_eq!(b.source_span(amp, amp + 1), (e + 1, e + 6));
    }

    #[test]
    fn collapses_white_space_outside_pre() {
        let html = "<p>We are SOC 2\n\n      certified.</p><pre>a\n\n  b</pre>";
        let blocks = extract(html);
        assert_eq!(blocks[0].text, "We are SOC 2 certified.");
        assert_eq!(blocks[1].text, "a\n\n  b");
        let (s, e) = blocks[0].source_span(7, 22);
        assert_eq!(&html[s..e], "SOC 2\n\n      certified");
    }

    #[test]
    fn tag_soup_maps_sanely() {
        let pieces = [
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<code>",
            "</code>",
            "<script>",
            "</script>",
            "<br>",
            "&nbsp;",
            "&amp",
            "&#x41;",
            "&#65",
            "&notit;",
            "&",
            "<",
            ">",
            "<!--",
            "-->",
            "\r\n",
            "\n\n",
            "  ",
            "é",
            "日本",
            "😀",
            "SOC 2",
            " certified",
            "<a href='x&amp;y'>",
            "</a>",
            "<textarea>",
            "</textarea>",
            "<pre>",
            "</pre>",
            "<img src=x>",
            "<svg/>",
            "</",
            "\0",
        ];
        for doc in crate::blocks::tests::documents(&pieces, 400) {
            crate::blocks::tests::assert_maps_sanely(&doc, &extract(&doc));
        }
    }

    #[test]
    fn crlf_and_split_characters() {
        let html = "<p>é\r\nü SOC 2 certified</p>";
        let blocks = extract(html);
        let b = &blocks[0];
        assert_eq!(b.text, "é ü SOC 2 certified");
        let start = b.text.find("ü").unwrap();
        let (s, e) = b.source_span(start, b.text.len());
        assert_eq!(&html[s..e], "ü SOC 2 certified");
    }
}
