//! Inline suppression: `<!-- doccheck-disable DC301 -->` … `<!-- doccheck-enable
//! DC301 -->`, `<!-- doccheck-disable-next-line DC301 -->`,
//! `<!-- doccheck-disable-file DC301 -->`, and in frontmatter a comment on a
//! key's line, `# doccheck: ignore[DC104]`. Without codes a directive covers
//! every rule; codes may also be rule names or code prefixes (`DC3`).

use crate::rules::{self, RuleMeta};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Codes {
    All,
    Only(Vec<&'static str>),
}

impl Codes {
    fn parse(list: &str) -> Codes {
        let selectors: Vec<&str> = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect();
        if selectors.is_empty() {
            return Codes::All;
        }
        Codes::Only(
            selectors
                .iter()
                .flat_map(|s| rules::select(s))
                .map(|r: &RuleMeta| r.code)
                .collect(),
        )
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
            let body = rest[body_start..body_start + close].trim();
            let end = base + body_start + close + 3;
            self.directive(text, body, end);
            base = end;
            rest = &rest[body_start + close + 3..];
        }
    }

    fn directive(&mut self, text: &str, body: &str, end: usize) {
        let Some(rest) = body.strip_prefix("doccheck-") else {
            return;
        };
        let (word, codes) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        match word {
            "disable" => self.open.push((end, Codes::parse(codes))),
            "disable-file" => self.done.file.push(Codes::parse(codes)),
            "disable-next-line" => {
                let next = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
                let next_end = text[next..].find('\n').map_or(text.len(), |i| next + i);
                self.done
                    .regions
                    .push((Span::new(next, next_end), Codes::parse(codes)));
            }
            "enable" => {
                let closing = Codes::parse(codes);
                let (closed, still_open): (Vec<_>, Vec<_>) = self
                    .open
                    .drain(..)
                    .partition(|(_, c)| closing == Codes::All || *c == closing);
                self.open = still_open;
                for (start, codes) in closed {
                    self.done.regions.push((Span::new(start, end), codes));
                }
            }
            _ => {}
        }
    }

    /// Reads `# doccheck: ignore[...]` comments in the frontmatter lines of
    /// `text` between `start` and `end`.
    pub fn frontmatter(&mut self, text: &str, start: usize, end: usize) {
        let mut line_start = start;
        for line in text[start..end].split_inclusive('\n') {
            if let Some(at) = line.find("# doccheck: ignore") {
                let rest = &line[at + "# doccheck: ignore".len()..];
                let codes = rest
                    .strip_prefix('[')
                    .and_then(|r| r.split_once(']'))
                    .map_or("", |(inside, _)| inside);
                let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
                self.done
                    .regions
                    .push((Span::new(line_start, line_end), Codes::parse(codes)));
            }
            line_start += line.len();
        }
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
