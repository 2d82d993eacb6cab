//! Markdown: the prose of each paragraph, heading, list item and table cell as one block.
//!
//! pulldown-cmark's offset iterator gives each event its source range. Emphasis and links are
//! inline, so "SOC 2 **certified**" and "[SOC 2](x) certified" are one run of text. Code spans,
//! images (alt text is an attribute in HTML too) and inline math become a placeholder; code
//! blocks, HTML blocks, inline HTML and front matter are skipped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{Block, Blocks, PLACEHOLDER};

pub fn extract(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut out = Blocks::default();
    // Depth of containers whose text is not prose: code blocks, images, front matter.
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_inline(&tag) {
                    continue;
                }
                match tag {
                    Tag::Image { .. } => {
                        if skip == 0 {
                            out.current.push_mapped(PLACEHOLDER, range);
                        }
                        skip += 1;
                    }
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) => {
                        out.flush();
                        skip += 1;
                    }
                    _ => out.flush(),
                }
            }
            Event::End(tag) => match tag {
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link => {}
                TagEnd::Image => skip = skip.saturating_sub(1),
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => {
                    skip = skip.saturating_sub(1);
                    out.flush();
                }
                _ => out.flush(),
            },
            _ if skip > 0 => {}
            Event::Text(text) => out.current.push_from(source, &text, range),
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                out.current.push_mapped(PLACEHOLDER, range);
            }
            // A soft break renders as a space.
            Event::SoftBreak => out.current.push_mapped(" ", range),
            Event::HardBreak | Event::Rule => out.flush(),
            // Inline tags join the text around them like the elements they are, except `<br>`.
            Event::InlineHtml(html) if is_br(&html) => out.flush(),
            Event::InlineHtml(_)
            | Event::Html(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {}
        }
    }
    out.flush();
    out.done
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
    )
}

fn is_br(html: &str) -> bool {
    let name: String = html
        .trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    name.eq_ignore_ascii_case("br")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<String> {
        extract(source).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn joins_inline_and_skips_code() {
        let md = "# Title\n\nWe are SOC 2 **certified**, see `SOC 2 certified`.\n\n```\nSOC 2 certified\n```\n";
        assert_eq!(
            texts(md),
            ["Title", "We are SOC 2 certified, see \u{FFFC}."]
        );
    }

    #[test]
    fn markdown_soup_maps_sanely() {
        let pieces = [
            "*",
            "**",
            "_",
            "`",
            "```\n",
            "\n",
            "\n\n",
            "\r\n",
            "# ",
            "- ",
            "1. ",
            "> ",
            "| a |",
            "|---|",
            "[",
            "](x)",
            "![",
            "\\*",
            "&nbsp;",
            "&amp;",
            "<b>",
            "</b>",
            "<br>",
            "é",
            "日本",
            "😀",
            "SOC 2",
            " certified",
            "    ",
            "---\n",
            "[^1]",
            "~~",
        ];
        for doc in crate::blocks::tests::documents(&pieces, 400) {
            crate::blocks::tests::assert_maps_sanely(&doc, &extract(&doc));
        }
    }

    #[test]
    fn maps_back_through_markup() {
        let md = "Ünïcode: [SOC 2](https://x.test) *certified*.";
        let blocks = extract(md);
        let b = &blocks[0];
        let start = b.text.find("SOC").unwrap();
        let end = b.text.find("certified").unwrap() + "certified".len();
        let (s, e) = b.source_span(start, end);
        assert_eq!(&md[s..e], "SOC 2](https://x.test) *certified");
    }
}
