//! Locating the `---` fenced YAML block at the top of a Markdown file.
//!
//! pulldown-cmark accepts a metadata block anywhere in a document and not
//! after a BOM, and normalises CRLF inside it, so the fences are found here on
//! the raw bytes and the YAML is sliced from the original text.

use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fence {
    /// The file does not start with a frontmatter block.
    None,
    /// An opening `---` followed by content but no closing fence.
    Unclosed {
        open: Span,
    },
    Block(Block),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The opening `---` line, without its line break.
    pub open: Span,
    /// The YAML between the fences.
    pub yaml: Span,
    /// The closing `---` or `...` line, without its line break.
    pub close: Span,
}

/// Finds the frontmatter block and the byte offset where the Markdown body
/// starts.
pub fn split(text: &str) -> (Fence, usize) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = Lines { text, pos: start };
    let Some((open_start, open_end, after_open)) = lines.next() else {
        return (Fence::None, start);
    };
    if !is_fence(&text[open_start..open_end], false) {
        return (Fence::None, start);
    }
    let open = Span::new(open_start, open_end);
    let yaml_start = after_open;
    let mut first = true;
    for (line_start, line_end, next) in lines {
        let line = &text[line_start..line_end];
        if is_fence(line, true) {
            let fence = Fence::Block(Block {
                open,
                yaml: Span::new(yaml_start, line_start),
                close: Span::new(line_start, line_end),
            });
            return (fence, next);
        }
        // A leading `---` and a blank line is a thematic break, not a block.
        if first && line.trim().is_empty() {
            return (Fence::None, start);
        }
        first = false;
    }
    if first {
        (Fence::None, start)
    } else {
        (Fence::Unclosed { open }, start)
    }
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches([' ', '\t', '\r']);
    line == "---" || (closing && line == "...")
}

/// Lines as (start, end without the line break, start of the next line).
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        // `\n`, `\r\n`, or a lone `\r` as CommonMark reads it.
        let (end, next) = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => {
                (start + i, start + i + 2)
            }
            Some(i) => (start + i, start + i + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.pos = next;
        Some((start, end, next))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> (Block, usize) {
        match split(text) {
            (Fence::Block(b), body) => (b, body),
            other => panic!("expected a block, got {other:?}"),
        }
    }

    #[test]
    fn finds_block_and_body() {
        let text = "---\ntitle: x\n---\n# Body\n";
        let (b, body) = block(text);
        assert_eq!(&text[b.yaml.range()], "title: x\n");
        assert_eq!(&text[b.close.range()], "---");
        assert_eq!(&text[body..], "# Body\n");
    }

    #[test]
    fn crlf_and_bom() {
        let text = "\u{feff}---\r\na: 1\r\n---\r\nbody";
        let (b, body) = block(text);
        assert_eq!(b.open, Span::new(3, 6));
        assert_eq!(&text[b.yaml.range()], "a: 1\r\n");
        assert_eq!(&text[body..], "body");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let text = "---\ra: 1\r---\rbody";
        let (b, body) = block(text);
        assert_eq!(&text[b.yaml.range()], "a: 1\r");
        assert_eq!(&text[body..], "body");
    }

    #[test]
    fn closing_dots_and_trailing_spaces() {
        let (b, _) = block("--- \na: 1\n...\n");
        assert_eq!(b.close, Span::new(10, 13));
    }

    #[test]
    fn empty_block() {
        let text = "---\n---\n";
        let (b, body) = block(text);
        assert!(b.yaml.is_empty());
        assert_eq!(body, text.len());
    }

    #[test]
    fn not_frontmatter() {
        assert_eq!(split("# Title\n---\na: 1\n---\n").0, Fence::None);
        assert_eq!(split("\n---\na: 1\n---\n").0, Fence::None);
        assert_eq!(split("---\n\nParagraph\n\n---\n").0, Fence::None);
        assert_eq!(split("").0, Fence::None);
        assert_eq!(split("---").0, Fence::None);
        assert_eq!(split("----\na: 1\n----\n").0, Fence::None);
    }

    #[test]
    fn unclosed() {
        assert_eq!(
            split("---\ntitle: x\n# Body\n").0,
            Fence::Unclosed {
                open: Span::new(0, 3)
            }
        );
    }
}
