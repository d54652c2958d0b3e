//! The `full` format: miette's graphical reports with source frames. This is
//! the only module that uses miette.
//!
//! miette is never handed a whole file: each finding gets an [`Excerpt`],
//! the lines its labels cover with a line of context, each long line cut to
//! a window around the labels with `…` where it was cut. Rendering stays
//! fast when a file has many findings, a frame line is never wider than the
//! terminal, and miette (which cannot render a column past 65,535) never
//! sees one.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::ops::Range;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Source, Sources, Style};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::rules::Severity;

/// Each finding with its source frame, except that a rule's repeats in one
/// file follow its first finding as one line each: a document with eighty
/// findings reads as a list, not as eighty frames.
pub fn render(shown: &[&Diagnostic], sources: &Sources, style: Style, out: &mut String) {
    let handler = handler(style);
    for group in groups(shown) {
        let d = group[0];
        let source = sources.get(&d.path);
        frame(&handler, d, source, style, out);
        if let [_, rest @ ..] = group.as_slice()
            && !rest.is_empty()
        {
            let _ = writeln!(
                out,
                "  … and {} more {} {} in this file:",
                rest.len(),
                d.rule.code,
                d.rule.name
            );
            for r in rest {
                let at = source.position(r.span.start);
                let _ = writeln!(
                    out,
                    "    {}:{}:{}  {}",
                    source.name, at.line, at.column, r.message
                );
                // The first finding's help stands for the repeats that share it.
                if r.help != d.help
                    && let Some(help) = &r.help
                {
                    let _ = writeln!(out, "      help: {help}");
                }
            }
        }
        out.push('\n');
    }
}

/// Every finding with its source frame, repeats included (rule snapshots
/// show each span).
pub fn render_each(shown: &[&Diagnostic], sources: &Sources, style: Style, out: &mut String) {
    let handler = handler(style);
    for &d in shown {
        frame(&handler, d, sources.get(&d.path), style, out);
        out.push('\n');
    }
}

/// One finding's frame, from an excerpt of its source.
fn frame(
    handler: &GraphicalReportHandler,
    d: &Diagnostic,
    source: &Source,
    style: Style,
    out: &mut String,
) {
    let spans: Vec<Range<usize>> = std::iter::once(d.span)
        .chain(d.related.iter().map(|r| r.span))
        .map(|s| s.range())
        .collect();
    let excerpt = Excerpt::new(source, &spans, style.width);
    let adapter = Adapter {
        d,
        spans: excerpt.map_all(&spans),
        excerpt: &excerpt,
    };
    // Rendering into a String cannot fail but for a bad span, which the
    // excerpt clamps.
    let _ = handler.render_report(out, &adapter);
}

/// The findings by file and rule, each group in file order, groups in the
/// order of their first finding. `shown` is sorted by file.
fn groups<'a>(shown: &[&'a Diagnostic]) -> Vec<Vec<&'a Diagnostic>> {
    let mut out: Vec<Vec<&Diagnostic>> = Vec::new();
    let mut start = 0;
    while start < shown.len() {
        let path = &shown[start].path;
        let end = start
            + shown[start..]
                .iter()
                .take_while(|d| &d.path == path)
                .count();
        let mut by_rule: HashMap<&str, usize> = HashMap::new();
        for &d in &shown[start..end] {
            match by_rule.get(d.rule.code) {
                Some(&i) => out[i].push(d),
                None => {
                    by_rule.insert(d.rule.code, out.len());
                    out.push(vec![d]);
                }
            }
        }
        start = end;
    }
    out
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
}

/// Renders a failure of doccheck itself, with a frame into the offending
/// configuration or schema file when there is one.
pub fn render_error(error: &Error, style: Style) -> String {
    let (location, message, help) = match error {
        Error::Config {
            location,
            message,
            help,
        } => (location, format!("invalid configuration: {message}"), help),
        Error::Schema {
            location,
            message,
            help,
        } => (location, format!("invalid schema: {message}"), help),
        Error::Baseline {
            location,
            message,
            help,
        } => (location, format!("invalid baseline: {message}"), help),
        other => return format!("error: {other}\n"),
    };
    let name = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            location
                .path
                .strip_prefix(cwd)
                .ok()
                .map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| location.path.display().to_string());
    let source = Source::new(name, location.text.clone());
    let span = location.span.clone().filter(|_| !location.text.is_empty());
    let excerpt = Excerpt::new(&source, span.as_slice(), style.width);
    let fatal = Fatal {
        message,
        help: help.clone(),
        span: span.map(|s| excerpt.map(&s)),
        excerpt: &excerpt,
    };
    let mut out = String::new();
    let _ = handler(style).render_report(&mut out, &fatal);
    out
}

/// The part of a file shown for one finding, as its own text.
struct Excerpt<'a> {
    source: &'a Source,
    text: String,
    /// The lines shown, in file order.
    lines: Vec<Shown>,
}

/// One line of an [`Excerpt`].
struct Shown {
    /// 0-based line number in the file.
    number: usize,
    /// Where the line starts in the excerpt's text.
    at: usize,
    /// The file's bytes shown: the whole line, or a window of it.
    window: Range<usize>,
    /// Bytes of the leading `…` (0 when the line is shown from its start).
    cut: usize,
}

const ELLIPSIS: &str = "…";

impl<'a> Excerpt<'a> {
    /// The lines the `spans` cover, with one line of context (miette's
    /// default), each cut to a window of the frame's width.
    fn new(source: &'a Source, spans: &[Range<usize>], width: usize) -> Excerpt<'a> {
        let (text, index) = (&*source.text, &source.lines);
        let last_line = index.line_count() - 1;
        // Shown lines, with the first and last labelled byte of each.
        let mut wanted: std::collections::BTreeMap<usize, Option<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for span in spans {
            let start = span.start.min(text.len());
            let end = span.end.clamp(start, text.len());
            let first = index.line_of(start);
            let last = index.line_of(end.saturating_sub(1).max(start));
            for line in first.saturating_sub(1)..=(last + 1).min(last_line) {
                wanted.entry(line).or_insert(None);
            }
            let points = if first == last {
                vec![(first, start), (first, end)]
            } else {
                vec![(first, start), (last, end)]
            };
            for (line, at) in points {
                // An end just past a line break belongs to the line it ends.
                let at = at.clamp(index.line_start(line), index.line_range(text, line).end);
                let slot = wanted.entry(line).or_insert(None);
                *slot = Some(slot.map_or((at, at), |(lo, hi)| (lo.min(at), hi.max(at))));
            }
        }
        if wanted.is_empty() {
            wanted.insert(0, None);
        }
        // Room for the text of a line: the width less the gutter and the
        // two ellipses.
        let room = width.saturating_sub(14).max(40);
        let column = |at: usize| index.line_col(text, at).column - 1;
        // The first column shown of each labelled line; other lines follow
        // the labelled line before them (else after), so columns line up.
        let mut firsts: Vec<(usize, usize)> = Vec::new();
        for (&line, interest) in &wanted {
            let range = index.line_range(text, line);
            let Some((lo, hi)) = interest else { continue };
            let length = column(range.end);
            if length <= room {
                firsts.push((line, 0));
                continue;
            }
            let (lo, hi) = (column(*lo), column(*hi));
            let first = if hi - lo < room {
                lo.saturating_sub((room - (hi - lo)) / 2)
            } else {
                lo.saturating_sub(8)
            };
            firsts.push((line, first));
        }
        let mut out = Excerpt {
            source,
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
        };
        for &line in wanted.keys() {
            let range = index.line_range(text, line);
            let first = match firsts.partition_point(|&(l, _)| l <= line) {
                0 => firsts.first().map_or(0, |&(_, c)| c),
                i => firsts[i - 1].1,
            };
            let (start, end) = if column(range.end) <= room {
                (range.start, range.end)
            } else {
                let start = index.offset_of_column(text, range.start, range.end, first);
                let end = index.offset_of_column(text, start, range.end, room);
                (start, end)
            };
            let at = out.text.len();
            let cut = if start > range.start {
                out.text.push_str(ELLIPSIS);
                ELLIPSIS.len()
            } else {
                0
            };
            out.text.push_str(&text[start..end]);
            if end < range.end {
                out.text.push_str(ELLIPSIS);
            }
            if line < last_line {
                out.text.push('\n');
            }
            out.lines.push(Shown {
                number: line,
                at,
                window: start..end,
                cut,
            });
        }
        out
    }

    /// The shown line that holds `line`, or the nearest one.
    fn shown(&self, line: usize) -> &Shown {
        let i = self
            .lines
            .binary_search_by_key(&line, |s| s.number)
            .unwrap_or_else(|i| i.min(self.lines.len() - 1));
        &self.lines[i]
    }

    /// Where a byte of the file is in the excerpt; bytes cut off are at
    /// the nearest edge of the window.
    fn map_offset(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.text.len());
        let shown = self.shown(self.source.lines.line_of(offset));
        if offset < shown.window.start {
            shown.at
        } else {
            shown.at + shown.cut + (offset.min(shown.window.end) - shown.window.start)
        }
    }

    fn map(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.map_offset(span.start);
        start..self.map_offset(span.end).max(start)
    }

    fn map_all(&self, spans: &[Range<usize>]) -> Vec<Range<usize>> {
        spans.iter().map(|s| self.map(s)).collect()
    }

    /// The index in `lines` of the shown line that holds excerpt offset `at`.
    fn line_at(&self, at: usize) -> usize {
        self.lines.partition_point(|s| s.at <= at).saturating_sub(1)
    }

    /// The file offset of an excerpt offset, for the column in the header.
    fn unmap(&self, at: usize) -> usize {
        let shown = &self.lines[self.line_at(at)];
        let into = (at - shown.at).saturating_sub(shown.cut);
        (shown.window.start + into).min(shown.window.end)
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.text.as_bytes();
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        let first = self.line_at(start);
        let last = self.line_at(end.saturating_sub(1).max(start));
        // Context stops where the excerpt skips lines of the file.
        let mut top = first;
        while top > 0
            && first - top < before
            && self.lines[top - 1].number + 1 == self.lines[top].number
        {
            top -= 1;
        }
        let mut bottom = last;
        while bottom + 1 < self.lines.len()
            && bottom - last < after
            && self.lines[bottom].number + 1 == self.lines[bottom + 1].number
        {
            bottom += 1;
        }
        let slice_end = self.lines.get(bottom + 1).map_or(text.len(), |s| s.at);
        let (slice_start, line, column) = if before == 0 {
            let column = self.source.position(self.unmap(start) as u32).column - 1;
            (start, first, column)
        } else {
            (self.lines[top].at, top, 0)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.source.name.clone(),
            &text[slice_start..slice_end],
            (slice_start, slice_end - slice_start).into(),
            self.lines[line].number,
            column,
            bottom - line + 1,
        )))
    }
}

struct Adapter<'a> {
    d: &'a Diagnostic,
    /// The primary span, then the related ones, in the excerpt.
    spans: Vec<Range<usize>>,
    excerpt: &'a Excerpt<'a>,
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.d, f)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} {}",
            self.d.rule.code, self.d.rule.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.d
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary =
            LabeledSpan::new_primary_with_span(self.d.label.clone(), self.spans[0].clone());
        let related = self
            .d
            .related
            .iter()
            .zip(&self.spans[1..])
            .map(|(r, span)| LabeledSpan::new_with_span(Some(r.label.clone()), span.clone()));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

struct Fatal<'a> {
    message: String,
    help: Option<String>,
    span: Option<Range<usize>>,
    excerpt: &'a Excerpt<'a>,
}

impl fmt::Debug for Fatal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Fatal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fatal<'_> {}

impl miette::Diagnostic for Fatal<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span
            .is_some()
            .then_some(self.excerpt as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_owned()), span),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn rendered(text: &str, span: Span, related: Option<Span>) -> String {
        let rule = &crate::rules::content::binary_file::BinaryFile::META;
        let mut d = Diagnostic::new(rule, span, "message").label("here");
        if let Some(r) = related {
            d = d.related(r, "there");
        }
        let d = d.in_file(&"a.md".into());
        let sources = Sources::from_texts([("a.md", text)]);
        let mut out = String::new();
        let style = Style {
            color: false,
            width: 100,
        };
        render(&[&d], &sources, style, &mut out);
        out
    }

    #[test]
    fn spans_that_end_on_the_next_line_or_span_long_lines_render() {
        let long = "x".repeat(5_000);
        let text = format!("{long}\n{long}\n{long}\n");
        // From the middle of a long line to the start of the next one.
        let out = rendered(&text, Span::new(3_000, 5_001), None);
        assert!(out.contains("a.md:1:3001]"), "{out}");
        // Across three long lines, with a related label on the last.
        let out = rendered(
            &text,
            Span::new(10, 12_000),
            Some(Span::new(14_000, 14_002)),
        );
        assert!(out.contains("a.md:1:11]"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 110), "{out}");
    }
}
