//! The Markdown body, read once with pulldown-cmark.

use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

use crate::parse::coderef;
use crate::parse::slug::{Disambiguator, slug};
use crate::source::Span;
use crate::suppress;

/// A code reference found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef {
    pub path: std::sync::Arc<str>,
    pub start: u32,
    pub end: u32,
    pub span: Span,
}

/// A relative link or image, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination after Markdown unescaping (`<a b.md>` gives `a b.md`).
    pub dest: Box<str>,
    /// The destination as it appears in the source (the whole link for
    /// reference-style links, whose destination lives elsewhere).
    pub span: Span,
}

/// What the body contributes to a document's facts.
#[derive(Debug, Default)]
pub struct Body {
    pub code_refs: Vec<CodeRef>,
    pub links: Vec<Link>,
    /// Heading ids (GitHub's slugs) and explicit `<a id>` / `<a name>`
    /// anchors, sorted.
    pub anchors: Vec<Box<str>>,
    /// The first level-1 heading's text.
    pub title: Option<Box<str>>,
    /// Byte ranges of code blocks, fenced and indented, in document order.
    pub code_blocks: Vec<std::ops::Range<usize>>,
    /// Every heading, in document order.
    pub headings: Vec<Heading>,
    /// Byte ranges of prose (text outside code, links' destinations and
    /// HTML), adjacent pieces merged, in document order.
    pub prose: Vec<std::ops::Range<usize>>,
    /// Inline code spans' contents (without the backticks), in document
    /// order.
    pub code_spans: Vec<Span>,
    /// Task-list items (`- [x]`, `- [ ]`): how many are done, how many open.
    pub tasks: (u32, u32),
}

/// A heading and whether anything but other headings follows it before the
/// next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The rendered text (`1. Task Name ✓`).
    pub text: String,
    /// The whole heading line.
    pub span: Span,
    /// Whether content (a paragraph, list, table, code…) follows before the
    /// next heading.
    pub content: bool,
}

impl Body {
    /// The end of section `i`: the start of the next heading at its level or
    /// above, or `end`.
    pub fn section_end(&self, i: usize, end: usize) -> usize {
        let level = self.headings[i].level;
        self.headings[i + 1..]
            .iter()
            .find(|h| h.level <= level)
            .map_or(end, |h| h.span.start as usize)
    }

    /// Whether section `i` says nothing: no content and no subsections.
    pub fn section_is_empty(&self, i: usize) -> bool {
        let h = &self.headings[i];
        !h.content
            && self
                .headings
                .get(i + 1)
                .is_none_or(|next| next.level <= h.level)
    }
}

static HTML_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']"#).expect("a valid pattern")
});

/// Whether a destination leaves the repository's files: a URL with a scheme
/// (`https:`, `mailto:`) or a protocol-relative `//host` link.
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// The span of an inline link's destination inside the link's source.
fn dest_span(source: &str, at: usize) -> Option<Span> {
    let open = source.find("](")? + 2;
    let rest = &source[open..];
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let len = if rest.starts_with('<') {
        rest.find('>')? + 1
    } else {
        // The first unbalanced `)` or whitespace, read byte by byte but
        // for the rare non-ASCII character.
        let b = rest.as_bytes();
        let mut depth = 0i32;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                c if c.is_ascii() => {
                    if char::from(c).is_whitespace() {
                        break;
                    }
                }
                _ => {
                    let c = rest[i..].chars().next().unwrap_or_default();
                    if c.is_whitespace() {
                        break;
                    }
                    i += c.len_utf8();
                    continue;
                }
            }
            i += 1;
        }
        i
    };
    let start = at + open + lead;
    Some(Span::new(start, start + len))
}

/// GitHub-flavoured extensions. Heading attributes (`{#id}`) stay off: GitHub
/// does not honour them, so neither do anchors here.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Scans the body that starts at byte `start` of `text`: code references
/// (from prose, tables and inline code, never code blocks), relative links,
/// heading anchors and the title.
pub fn scan(text: &str, start: usize, suppressions: &mut suppress::Builder) -> Body {
    let body = &text[start..];
    let mut out = Body::default();
    let mut in_code_block = false;
    let mut heading: Option<(pulldown_cmark::HeadingLevel, String)> = None;
    let mut in_image = 0usize;
    let mut ids = Disambiguator::default();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.contains("<!--") {
                    suppressions.html(text, &body[range.clone()], start + range.start);
                }
                // The pattern's `<a` in either case first: most HTML is
                // comments and other tags.
                if html
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[0] == b'<' && w[1] | 0x20 == b'a')
                {
                    for anchor in HTML_ANCHOR.captures_iter(html) {
                        out.anchors.push(anchor[1].into());
                    }
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock,
            ) if heading.is_none() => {
                if let Some(last) = out.headings.last_mut()
                    && !is_comment_block(&event, &body[range.clone()])
                {
                    last.content = true;
                }
                if matches!(event, Event::Start(Tag::CodeBlock(_))) {
                    in_code_block = true;
                    out.code_blocks.push(start + range.start..start + range.end);
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::TaskListMarker(done) => {
                if *done {
                    out.tasks.0 += 1;
                } else {
                    out.tasks.1 += 1;
                }
            }
            Event::Start(Tag::Heading { level, .. }) => heading = Some((*level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    if level == pulldown_cmark::HeadingLevel::H1 && out.title.is_none() {
                        out.title = Some(text.trim().into());
                    }
                    out.anchors.push(ids.id(slug(&text)).into());
                    let source = &body[range.clone()];
                    let line = source.trim_end_matches(['\n', '\r']);
                    out.headings.push(Heading {
                        level: level as u8,
                        // The text was built for the slug: moved, not copied.
                        text: if text.trim().len() == text.len() {
                            text
                        } else {
                            text.trim().to_owned()
                        },
                        span: Span::new(start + range.start, start + range.start + line.len()),
                        content: false,
                    });
                }
            }
            Event::Start(Tag::Image { .. }) if heading.is_some() => in_image += 1,
            Event::End(TagEnd::Image) if heading.is_some() => in_image = in_image.saturating_sub(1),
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    ..
                },
            ) if !matches!(link_type, LinkType::Autolink | LinkType::Email)
                && !is_external(dest_url) =>
            {
                let at = start + range.start;
                let span = match link_type {
                    LinkType::Inline => dest_span(&body[range.clone()], at),
                    _ => None,
                }
                .unwrap_or(Span::new(at, start + range.end));
                out.links.push(Link {
                    dest: dest_url.as_ref().into(),
                    span,
                });
            }
            Event::Text(t) | Event::Code(t) if !in_code_block => {
                if let Some((_, heading_text)) = &mut heading
                    && in_image == 0
                {
                    heading_text.push_str(t);
                }
                // The source slice, not the event text: spans must be exact.
                let source = &body[range.clone()];
                if matches!(event, Event::Code(_)) {
                    let inner = source.trim_matches('`');
                    let lead = source.len() - source.trim_start_matches('`').len();
                    let inner_trimmed = inner.trim();
                    let at = start + range.start + lead + (inner.len() - inner.trim_start().len());
                    out.code_spans.push(Span::new(at, at + inner_trimmed.len()));
                }
                if matches!(event, Event::Text(_)) {
                    let r = start + range.start..start + range.end;
                    match out.prose.last_mut() {
                        Some(last) if last.end == r.start => last.end = r.end,
                        _ => out.prose.push(r),
                    }
                }
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
    out.anchors.sort_unstable();
    out.anchors.dedup();
    out
}

/// An HTML block that is only a comment (a suppression, say) is no content.
fn is_comment_block(event: &Event<'_>, source: &str) -> bool {
    matches!(event, Event::Start(Tag::HtmlBlock)) && {
        let s = source.trim();
        s.starts_with("<!--") && s.ends_with("-->")
    }
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

    fn body(text: &str) -> Body {
        scan(text, 0, &mut suppress::Builder::default())
    }

    #[test]
    fn anchors_from_rendered_heading_text() {
        let b = body(
            "# Title\n## a *b* c\n## a `#` c\n## an &mdash; emdash\n## &#x20;a&#x20;\n## -a-\n\
             ## Results ![chart](c.png)\nSetext\n------\n<a id=\"custom\"></a>\n<a name='old-name'>x</a>\n\
             ```\n# not a heading\n```\n",
        );
        let anchors: Vec<&str> = b.anchors.iter().map(|a| &**a).collect();
        assert_eq!(
            anchors,
            [
                "-a-",
                "-a--1",
                "a--c",
                "a-b-c",
                "an--emdash",
                "custom",
                "old-name",
                "results-",
                "setext",
                "title"
            ]
        );
        assert_eq!(b.title.as_deref(), Some("Title"));
    }

    #[test]
    fn destination_spans_as_characters_read_them() {
        let old = |source: &str| {
            let rest = &source[source.find("](").unwrap() + 2..];
            let mut depth = 0i32;
            rest.char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' if depth == 0 => return true,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    c.is_whitespace()
                })
                .map_or(rest.len(), |(i, _)| i)
        };
        for source in [
            "[u](docs/é(1).md#ü)",
            "[v](a\u{a0}b.md)",
            "[w](a\u{3000}b.md \"t\")",
            "[x](a\x0bb.md)",
            "[y](((a)b)c)d)",
            "[z](ü",
        ] {
            let span = dest_span(source, 0).unwrap();
            let open = source.find("](").unwrap() + 2;
            assert_eq!(span, Span::new(open, open + old(source)), "{source:?}");
        }
    }

    #[test]
    fn links_and_their_spans() {
        let text = "[a](docs/x.md#sec) ![i](<img dir/p.png> \"t\") [w](https://x.y) <https://a.b> \
                    [m](mailto:a@b) [r][ref] [p](//cdn.x/a.js) [s](#here)\n\n[ref]: ../r.md\n`[c](code.md)`\n";
        let b = body(text);
        let found: Vec<(&str, &str)> = b
            .links
            .iter()
            .map(|l| (&*l.dest, &text[l.span.range()]))
            .collect();
        assert_eq!(
            found,
            [
                ("docs/x.md#sec", "docs/x.md#sec"),
                ("img dir/p.png", "<img dir/p.png>"),
                ("../r.md", "[r][ref]"),
                ("#here", "#here"),
            ]
        );
    }

    #[test]
    fn sections_and_prose() {
        let text = "# T\n\n## Empty\n\n<!-- note -->\n\n---\n\n## Parent\n### Child\ntext [x] and `[y]`\n## Last\n";
        let b = body(text);
        let levels: Vec<(u8, &str, bool)> = b
            .headings
            .iter()
            .map(|h| {
                (
                    h.level,
                    h.text.as_str(),
                    b.section_is_empty(b.headings.iter().position(|x| x == h).unwrap()),
                )
            })
            .collect();
        assert_eq!(
            levels,
            [
                (1, "T", false),
                (2, "Empty", true),
                (2, "Parent", false),
                (3, "Child", false),
                (2, "Last", true)
            ]
        );
        assert_eq!(&text[b.headings[2].span.range()], "## Parent");
        assert_eq!(b.section_end(2, text.len()), text.find("## Last").unwrap());
        let prose: Vec<&str> = b.prose.iter().map(|r| &text[r.clone()]).collect();
        assert!(prose.contains(&"text [x] and "), "{prose:?}");
        assert!(!prose.iter().any(|p| p.contains("[y]")));
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
