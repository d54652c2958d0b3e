//! The Markdown body, read once with pulldown-cmark.

use pulldown_cmark::{Event, Options, Parser};

use crate::parse::coderef;
use crate::source::Span;
use crate::suppress;

/// A code reference found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef {
    pub path: Box<str>,
    pub start: u32,
    pub end: u32,
    pub span: Span,
}

/// What the body contributes to a document's facts.
#[derive(Debug, Default)]
pub struct Body {
    pub code_refs: Vec<CodeRef>,
}

/// GitHub-flavoured extensions. Heading attributes (`{#id}`) stay off: GitHub
/// does not honour them, so neither do anchors here.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Scans the body that starts at byte `start` of `text`. Code references
/// are read from prose, tables and inline code, never from code blocks.
pub fn scan(text: &str, start: usize, suppressions: &mut suppress::Builder) -> Body {
    let body = &text[start..];
    let mut out = Body::default();
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) if html.contains("<!--") => {
                suppressions.html(text, &body[range.clone()], start + range.start);
            }
            Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(_) | Event::Code(_) if !in_code_block => {
                // The source slice, not the event text: spans must be exact.
                let source = &body[range.clone()];
                for r in coderef::scan(source) {
                    let at = start + range.start + r.at;
                    out.code_refs.push(CodeRef {
                        path: r.path.into(),
                        start: r.start,
                        end: r.end,
                        span: Span::new(at, at + r.len),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_in_code_are_not_directives() {
        let text = "```\n<!-- doccheck-disable-file -->\n```\n`<!-- doccheck-disable-file -->`\n";
        let mut b = suppress::Builder::default();
        scan(text, 0, &mut b);
        assert!(b.finish(text.len()).is_empty());
    }

    #[test]
    fn code_references_outside_code_blocks() {
        let text = "# T\n\n| `src/a.py:1-3` | x |\n|---|---|\n\nSee src/b.rs:L4.\n\n```\nsrc/c.py:9\n```\n";
        let mut b = suppress::Builder::default();
        let body = scan(text, 0, &mut b);
        let found: Vec<&str> = body
            .code_refs
            .iter()
            .map(|r| &text[r.span.range()])
            .collect();
        assert_eq!(found, ["src/a.py:1-3", "src/b.rs:L4"]);
    }

    #[test]
    fn block_and_inline_comments_are_read() {
        let text = "<!-- doccheck-disable-file DC103 -->\n\ntext <!-- doccheck-disable-file DC104 --> more\n";
        let mut b = suppress::Builder::default();
        scan(text, 0, &mut b);
        let s = b.finish(text.len());
        assert!(s.covers("DC103", 0) && s.covers("DC104", 0));
    }
}
