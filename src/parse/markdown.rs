//! The Markdown body, read once with pulldown-cmark.

use pulldown_cmark::{Event, Options, Parser};

use crate::suppress;

/// GitHub-flavoured extensions. Heading attributes (`{#id}`) stay off: GitHub
/// does not honour them, so neither do anchors here.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Scans the body that starts at byte `start` of `text`.
pub fn scan(text: &str, start: usize, suppressions: &mut suppress::Builder) {
    let body = &text[start..];
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = &event
            && html.contains("<!--")
        {
            suppressions.html(text, &body[range.clone()], start + range.start);
        }
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

    #[test]
    fn block_and_inline_comments_are_read() {
        let text = "<!-- doccheck-disable-file DC103 -->\n\ntext <!-- doccheck-disable-file DC104 --> more\n";
        let mut b = suppress::Builder::default();
        scan(text, 0, &mut b);
        let s = b.finish(text.len());
        assert!(s.covers("DC103", 0) && s.covers("DC104", 0));
    }
}
