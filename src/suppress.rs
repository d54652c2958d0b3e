//! Inline suppression: `<!-- doccheck-disable DC301 -->` … `<!-- doccheck-enable
//! DC301 -->`, `<!-- doccheck-disable-next-line DC301 -->`,
//! `<!-- doccheck-disable-file DC301 -->`, and in frontmatter a comment on a
//! key's line, `# doccheck: ignore[DC104]`. Without codes a directive covers
//! every rule; codes may also be rule names or code prefixes (`DC3`), and
//! text after ` -- ` is a reason. A directive doccheck cannot follow is
//! recorded as [`Invalid`] and silences nothing.

use crate::rules::{self, RuleMeta};
use crate::source::Span;

/// The directives of HTML comments, after `doccheck-`.
pub const DIRECTIVES: [&str; 4] = ["disable", "enable", "disable-next-line", "disable-file"];

const IGNORE: &str = "# doccheck: ignore";

/// A directive doccheck cannot follow, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub span: Span,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `doccheck-disabel`: not one of [`DIRECTIVES`].
    UnknownDirective(String),
    /// Selectors of one directive that are no rule code, rule name or
    /// code prefix.
    UnknownRule(Vec<String>),
    /// `# doccheck: ignore` followed by something other than `[CODES]`.
    MissingBrackets,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Codes {
    All,
    Only(Vec<&'static str>),
}

impl Codes {
    /// Reads the selectors in `list`, which starts at byte `offset` of the
    /// document; selectors that name no rule go to `invalid`.
    fn parse(list: &str, offset: usize, invalid: &mut Vec<Invalid>) -> Codes {
        let list = list.split_once("--").map_or(list, |(codes, _reason)| codes);
        if list.chars().all(|c| c == ',' || c.is_whitespace()) {
            return Codes::All;
        }
        let mut codes = Vec::new();
        let mut start = None;
        let mut unknown: Option<(Span, Vec<String>)> = None;
        for (i, c) in list.char_indices().chain([(list.len(), ' ')]) {
            if c != ',' && !c.is_whitespace() {
                start.get_or_insert(i);
                continue;
            }
            let Some(from) = start.take() else { continue };
            let selector = &list[from..i];
            let found = rules::select(selector);
            if found.is_empty() {
                let (span, selectors) =
                    unknown.get_or_insert((Span::empty(offset + from), Vec::new()));
                span.end = (offset + i) as u32;
                selectors.push(selector.to_owned());
            }
            codes.extend(found.iter().map(|r: &&RuleMeta| r.code));
        }
        if let Some((span, selectors)) = unknown {
            invalid.push(Invalid {
                span,
                problem: Problem::UnknownRule(selectors),
            });
        }
        Codes::Only(codes)
    }

    fn covers(&self, code: &str) -> bool {
        match self {
            Codes::All => true,
            Codes::Only(codes) => codes.contains(&code),
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Suppressions {
    file: Vec<Codes>,
    regions: Vec<(Span, Codes)>,
}

impl Suppressions {
    /// Whether a finding of rule `code` starting at byte `offset` is silenced.
    pub fn covers(&self, code: &str, offset: u32) -> bool {
        self.file.iter().any(|c| c.covers(code))
            || self.regions.iter().any(|(span, codes)| {
                span.start <= offset && offset < span.end.max(span.start + 1) && codes.covers(code)
            })
    }

    pub fn is_empty(&self) -> bool {
        self.file.is_empty() && self.regions.is_empty()
    }
}

/// Collects directives while a document is scanned.
#[derive(Debug, Default)]
pub struct Builder {
    done: Suppressions,
    /// `disable` regions not yet closed: (start, codes).
    open: Vec<(usize, Codes)>,
    invalid: Vec<Invalid>,
}

impl Builder {
    /// Reads HTML comments in an HTML fragment that starts at byte `offset`
    /// of `text`.
    pub fn html(&mut self, text: &str, fragment: &str, offset: usize) {
        let mut rest = fragment;
        let mut base = offset;
        while let Some(open) = rest.find("<!--") {
            let body_start = open + 4;
            let Some(close) = rest[body_start..].find("-->") else {
                return;
            };
            let raw = &rest[body_start..body_start + close];
            let lead = raw.len() - raw.trim_start().len();
            let end = base + body_start + close + 3;
            self.directive(text, raw.trim(), base + body_start + lead, end);
            base = end;
            rest = &rest[body_start + close + 3..];
        }
    }

    /// One comment's `body`, which starts at byte `at`; the comment ends at
    /// `end`.
    fn directive(&mut self, text: &str, body: &str, at: usize, end: usize) {
        let Some(rest) = body.strip_prefix("doccheck-") else {
            return;
        };
        let (word, codes) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if !DIRECTIVES.contains(&word) {
            self.invalid.push(Invalid {
                span: Span::new(at, at + "doccheck-".len() + word.len()),
                problem: Problem::UnknownDirective(word.to_owned()),
            });
            return;
        }
        let codes = Codes::parse(codes, at + body.len() - codes.len(), &mut self.invalid);
        match word {
            "disable" => self.open.push((end, codes)),
            "disable-file" => self.done.file.push(codes),
            "disable-next-line" => {
                let next = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                let next_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
                self.done.regions.push((Span::new(next, next_end), codes));
            }
            // `enable`, the one directive left.
            _enable => {
                let (closed, still_open): (Vec<_>, Vec<_>) = self
                    .open
                    .drain(..)
                    .partition(|(_, c)| codes == Codes::All || *c == codes);
                self.open = still_open;
                for (start, codes) in closed {
                    self.done.regions.push((Span::new(start, end), codes));
                }
            }
        }
    }

    /// Reads `# doccheck: ignore[...]` comments in the frontmatter lines of
    /// `text` between `start` and `end`.
    pub fn frontmatter(&mut self, text: &str, start: usize, end: usize) {
        // One search of the block: most frontmatter has no such comment.
        if !text[start..end].contains(IGNORE) {
            return;
        }
        let mut line_start = start;
        for line in text[start..end].split_inclusive('\n') {
            if let Some(at) = line.find(IGNORE) {
                let after = at + IGNORE.len();
                let rest = line[after..].trim_end_matches(['\n', '\r']);
                let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
                let codes = if rest.trim().is_empty() || rest.trim_start().starts_with("--") {
                    Some(Codes::All)
                } else {
                    let trimmed = rest.trim_start();
                    let inside_at = line_start + after + rest.len() - trimmed.len() + 1;
                    trimmed
                        .strip_prefix('[')
                        .and_then(|r| r.split_once(']'))
                        .map(|(inside, _)| Codes::parse(inside, inside_at, &mut self.invalid))
                };
                match codes {
                    Some(codes) => self
                        .done
                        .regions
                        .push((Span::new(line_start, line_end), codes)),
                    None => self.invalid.push(Invalid {
                        span: Span::new(line_start + at, line_end),
                        problem: Problem::MissingBrackets,
                    }),
                }
            }
            line_start += line.len();
        }
    }

    /// The directives read so far that doccheck cannot follow.
    pub fn invalid(&self) -> &[Invalid] {
        &self.invalid
    }

    pub fn finish(mut self, len: usize) -> Suppressions {
        for (start, codes) in self.open.drain(..) {
            self.done.regions.push((Span::new(start, len), codes));
        }
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(text: &str) -> Suppressions {
        let mut b = Builder::default();
        b.html(text, text, 0);
        b.finish(text.len())
    }

    #[test]
    fn regions_and_enable() {
        let text = "a\n<!-- doccheck-disable DC103 -->\nb\n<!-- doccheck-enable DC103 -->\nc\n";
        let s = build(text);
        let b = text.find("b\n").unwrap() as u32;
        let c = text.find("c\n").unwrap() as u32;
        assert!(s.covers("DC103", b));
        assert!(!s.covers("DC104", b));
        assert!(!s.covers("DC103", c));
        assert!(!s.covers("DC103", 0));
    }

    #[test]
    fn unclosed_disable_runs_to_the_end_and_covers_all() {
        let text = "a\n<!-- doccheck-disable -->\nb\n";
        let s = build(text);
        assert!(s.covers("DC501", text.len() as u32 - 2));
    }

    #[test]
    fn next_line_only() {
        let text = "<!-- doccheck-disable-next-line invalid-yaml -->\nline two\nline three\n";
        let s = build(text);
        assert!(s.covers("DC103", text.find("two").unwrap() as u32));
        assert!(!s.covers("DC103", text.find("three").unwrap() as u32));
    }

    #[test]
    fn file_and_prefixes() {
        let s = build("x <!-- doccheck-disable-file DC1 --> y");
        assert!(s.covers("DC105", 0));
        assert!(!s.covers("DC501", 0));
    }

    #[test]
    fn a_reason_follows_the_codes() {
        let text = "<!-- doccheck-disable-next-line DC301, DC304 -- moved in v2 -->\nx\n";
        let s = build(text);
        assert!(s.covers("DC301", text.len() as u32 - 2));
        assert!(s.covers("DC304", text.len() as u32 - 2));
        assert!(!s.covers("DC303", text.len() as u32 - 2));
    }

    /// A directive doccheck cannot read silences nothing and says so, with
    /// the span of what it could not read.
    #[test]
    fn invalid_directives_silence_nothing() {
        let text = "<!-- doccheck-disable-file DC301: moved -->\n<!-- doccheck-disabel -->\nx\n";
        let mut b = Builder::default();
        b.html(text, text, 0);
        let invalid = b.invalid().to_vec();
        let s = b.finish(text.len());
        assert!(!s.covers("DC301", text.len() as u32 - 2));
        let spans: Vec<(&str, &Problem)> = invalid
            .iter()
            .map(|i| {
                (
                    &text[i.span.start as usize..i.span.end as usize],
                    &i.problem,
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                (
                    "DC301: moved",
                    &Problem::UnknownRule(vec!["DC301:".into(), "moved".into()])
                ),
                (
                    "doccheck-disabel",
                    &Problem::UnknownDirective("disabel".into())
                ),
            ]
        );

        let text = "---\nstatus: done # doccheck: ignore DC107\n---\n";
        let mut b = Builder::default();
        b.frontmatter(text, 4, text.len() - 4);
        assert_eq!(b.invalid()[0].problem, Problem::MissingBrackets);
        let s = b.finish(text.len());
        assert!(!s.covers("DC107", text.find("done").unwrap() as u32));
    }

    #[test]
    fn frontmatter_line_comment() {
        let text = "---\nstatus: done # doccheck: ignore[DC107]\nx: 1 # doccheck: ignore\n---\n";
        let mut b = Builder::default();
        b.frontmatter(text, 4, text.len() - 4);
        let s = b.finish(text.len());
        let done = text.find("done").unwrap() as u32;
        assert!(s.covers("DC107", done));
        assert!(!s.covers("DC106", done));
        assert!(s.covers("DC106", text.find("1 #").unwrap() as u32));
    }
}
