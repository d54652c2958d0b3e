//! GitHub's heading anchors: the slug of a heading's text and the suffixes
//! that keep a document's anchors unique (see `schemas/README.md` and the
//! edge cases pinned in the tests below).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Everything GitHub removes: all but `\p{Word}` (letters, marks, decimal
/// digits, connector punctuation, joiners), space and hyphen.
static REMOVED: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"[^\w \-]").expect("a valid pattern"));

/// The slug of a heading's plain text, before de-duplication.
pub fn slug(text: &str) -> String {
    // Most headings are ASCII, where `\w` is `[0-9A-Za-z_]`: one pass over
    // the bytes instead of the regex and a copy.
    if text.is_ascii() {
        let mut out = String::with_capacity(text.len());
        for b in text.bytes() {
            match b {
                b' ' => out.push('-'),
                b'_' | b'-' => out.push(char::from(b)),
                b if b.is_ascii_alphanumeric() => out.push(char::from(b.to_ascii_lowercase())),
                _ => {}
            }
        }
        return out;
    }
    slug_of_any(text)
}

/// [`slug`] for any text.
fn slug_of_any(text: &str) -> String {
    REMOVED
        .replace_all(text, "")
        .chars()
        // Per code point: `str::to_lowercase` would apply Final_Sigma, which
        // GitHub does not.
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Assigns unique ids in document order, the way GitHub does: a repeated
/// slug gets the first free `-N` suffix.
#[derive(Debug, Default)]
pub struct Disambiguator {
    used: HashSet<String, foldhash::fast::RandomState>,
    next: HashMap<String, usize, foldhash::fast::RandomState>,
}

impl Disambiguator {
    pub fn id(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        while self.used.contains(&format!("{base}-{n}")) {
            n += 1;
        }
        let id = format!("{base}-{n}");
        self.next.insert(base, n + 1);
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(headings: &[&str]) -> Vec<String> {
        let mut d = Disambiguator::default();
        headings.iter().map(|h| d.id(slug(h))).collect()
    }

    #[test]
    fn ascii_slugs_as_the_pattern_makes_them() {
        for b in 0..=127u8 {
            let text = format!("Ab {} 9_-", char::from(b));
            assert_eq!(slug(&text), slug_of_any(&text), "{b}");
        }
    }

    /// Rows 1–24 of the edge-case table in shared/notes/github-slugs.md
    /// (heading text as plain text, i.e. after Markdown rendering).
    #[test]
    fn github_edge_cases() {
        assert_eq!(ids(&["alpha", "alpha"]), ["alpha", "alpha-1"]);
        assert_eq!(
            ids(&["echo", "echo", "echo 1", "echo-1", "echo"]),
            ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]
        );
        assert_eq!(
            ids(&["foo 1", "foo", "foo", "foo", "foo 1", "FOO 1"]),
            ["foo-1", "foo", "foo-2", "foo-3", "foo-1-1", "foo-1-2"]
        );
        assert_eq!(
            ids(&["foxtrot-1", "foxtrot", "foxtrot"]),
            ["foxtrot-1", "foxtrot", "foxtrot-2"]
        );
        assert_eq!(slug("heading with a - dash"), "heading-with-a---dash");
        assert_eq!(
            slug("heading with a period.txt"),
            "heading-with-a-periodtxt"
        );
        assert_eq!(
            slug("exchange.bind_headers(exchange, routing [, bindCallback])"),
            "exchangebind_headersexchange-routing--bindcallback"
        );
        assert_eq!(
            slug("Underscores foo_bar_, dots . and numbers 1.7e-3"),
            "underscores-foo_bar_-dots--and-numbers-17e-3"
        );
        assert_eq!(slug("Many          spaces"), "many----------spaces");
        assert_eq!(ids(&[" a ", "-a-"]), ["-a-", "-a--1"]);
        assert_eq!(
            slug("apostrophe’s should be trimmed"),
            "apostrophes-should-be-trimmed"
        );
        assert_eq!(slug("I ♥ unicode"), "i--unicode");
        assert_eq!(slug("en–dash"), "endash");
        assert_eq!(slug("😄 unicode emoji"), "-unicode-emoji");
        assert_eq!(slug("😄_😄 unicode emoji"), "_-unicode-emoji");
        assert_eq!(slug(":smile: - a gemoji"), "smile---a-gemoji");
        assert_eq!(slug("Привет non-latin 你好"), "привет-non-latin-你好");
        assert_eq!(slug("a b c"), "a-b-c");
        assert_eq!(slug("a # c"), "a--c");
        assert_eq!(slug("an — emdash"), "an--emdash");
        assert_eq!(slug("🏛\u{FE0F} MIT 许可证"), "\u{FE0F}-mit-许可证");
        assert_eq!(slug("#\u{FE0F}\u{20E3} b"), "\u{FE0F}\u{20E3}-b");
        assert_eq!(slug("🅰\u{FE0F} d"), "🅰\u{FE0F}-d");
        assert_eq!(slug("ΝΑΤΟΥ, ΓΙΑΝΝΗΣ"), "νατου-γιαννησ");
        assert_eq!(slug("İ"), "i\u{307}");
        assert_eq!(
            slug("joiners a\u{200C} b\u{200D} end"),
            "joiners-a\u{200C}-b\u{200D}-end"
        );
        assert_eq!(slug("a\tb"), "ab");
        assert_eq!(slug("a\u{A0}b"), "ab");
        assert_eq!(slug("Title {#explicit}"), "title-explicit");
        assert_eq!(slug("Ablations: lr & wd"), "ablations-lr--wd");
        assert_eq!(slug("Next steps (v2)"), "next-steps-v2");
        assert_eq!(slug("x² ½ Ⅻ"), "x--ⅻ");
    }
}
