//! The `full` format: miette's graphical reports with source frames. This is
//! the only module that uses miette.
//!
//! miette's own `SourceCode` for strings rescans the file from its first byte
//! for every label; [`Frame`] answers from a line index instead, so rendering
//! stays fast when a file has many findings.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

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
        let frame = Frame(source);
        let adapter = Adapter { d, frame: &frame };
        // Rendering into a String cannot fail but for a bad span, which the
        // line-indexed source clamps.
        let _ = handler.render_report(out, &adapter);
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
        let frame = Frame(sources.get(&d.path));
        let _ = handler.render_report(out, &Adapter { d, frame: &frame });
        out.push('\n');
    }
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
    let frame = Frame(&source);
    let fatal = Fatal {
        message,
        help: help.clone(),
        span: location.span.clone().filter(|_| !location.text.is_empty()),
        frame: &frame,
    };
    let mut out = String::new();
    let _ = handler(style).render_report(&mut out, &fatal);
    out
}

struct Frame<'a>(&'a Source);

impl SourceCode for Frame<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let source = self.0;
        let text = source.text.as_bytes();
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        let first = source.lines.line_of(start);
        let last = source.lines.line_of(end.saturating_sub(1).max(start));
        let top = first.saturating_sub(before);
        let bottom = (last + after).min(source.lines.line_count() - 1);
        let slice_end = source.lines.line_start(bottom + 1).min(text.len());
        let (slice_start, line, column) = if before == 0 {
            let column = source.position(start as u32).column - 1;
            (start, first, column)
        } else {
            (source.lines.line_start(top), top, 0)
        };
        Ok(Box::new(MietteSpanContents::new_named(
            source.name.clone(),
            &text[slice_start..slice_end],
            (slice_start, slice_end - slice_start).into(),
            line,
            column,
            bottom - line + 1,
        )))
    }
}

struct Adapter<'a> {
    d: &'a Diagnostic,
    frame: &'a Frame<'a>,
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
        Some(self.frame)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = LabeledSpan::new_primary_with_span(self.d.label.clone(), self.d.span.range());
        let related = self
            .d
            .related
            .iter()
            .map(|r| LabeledSpan::new_with_span(Some(r.label.clone()), r.span.range()));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

struct Fatal<'a> {
    message: String,
    help: Option<String>,
    span: Option<std::ops::Range<usize>>,
    frame: &'a Frame<'a>,
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
        self.span.is_some().then_some(self.frame as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_owned()), span),
        )))
    }
}
