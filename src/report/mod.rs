//! Rendering a [`Report`] in each output format. Only `human` touches miette.

mod concise;
pub mod fingerprint;
mod github;
mod gitlab;
pub mod human;
mod json;
mod junit;
mod sarif;
pub mod summary;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use crate::check::Report;
use crate::diagnostic::{Diagnostic, Notice};
use crate::project::Project;
use crate::rules::{RuleMeta, Severity};
use crate::source::{LineCol, LineIndex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
    /// GitHub Actions annotations.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// SARIF 2.1.0.
    Sarif,
}

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// How to render a report.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: OutputFormat,
    pub style: Style,
    /// Findings and errors only: no summary, no notes.
    pub quiet: bool,
    /// Print infos; they are always counted.
    pub show_infos: bool,
    /// One row per rule instead of the findings.
    pub statistics: bool,
    /// The current folder, project-relative, when it is inside the project:
    /// the human formats show paths from there.
    pub cwd: Option<String>,
}

impl Options {
    pub fn new(format: OutputFormat, style: Style) -> Options {
        Options {
            format,
            style,
            quiet: false,
            show_infos: false,
            statistics: false,
            cwd: None,
        }
    }

    fn human(&self) -> bool {
        matches!(self.format, OutputFormat::Full | OutputFormat::Concise)
    }
}

/// What to print where.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
}

/// More findings than this and the summary says how to see them by rule.
const MANY: usize = 20;

pub fn render(project: &Project, report: &Report, options: &Options) -> Output {
    let shown = shown(report, options.show_infos);
    let name = |rel: &str| match &options.cwd {
        Some(cwd) if options.human() => crate::paths::relative_path(cwd, rel),
        _ => project.display_path(rel),
    };
    let mut out = Output::default();
    let stdout = &mut out.stdout;
    if options.statistics {
        let rows = statistics(&report.diagnostics);
        match options.format {
            OutputFormat::Json => json::statistics(&rows, stdout),
            _ => statistics_table(&rows, stdout),
        }
    } else {
        let sources = Sources::load(project, report, &shown, &name);
        match options.format {
            OutputFormat::Full => human::render(&shown, &sources, options.style, stdout),
            OutputFormat::Concise => concise::render(&shown, &sources, stdout),
            OutputFormat::Json => json::render(report, &shown, &sources, stdout),
            OutputFormat::Github => github::render(report, &shown, &sources, stdout),
            OutputFormat::Gitlab => gitlab::render(&shown, &sources, stdout),
            OutputFormat::Junit => junit::render(&shown, &sources, stdout),
            OutputFormat::Sarif => sarif::render(&shown, &sources, stdout),
        }
    }
    if options.human() && !options.quiet {
        stdout.push_str(&summary(report, &shown, options));
    }
    if !options.quiet {
        out.stderr = notes(&report.notices);
    }
    out
}

/// The findings to print: all but the infos, unless asked for.
pub fn shown(report: &Report, show_infos: bool) -> Vec<&Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| show_infos || d.severity > Severity::Info)
        .collect()
}

/// Statements about the whole run, for standard error.
pub fn notes(notices: &[Notice]) -> String {
    let mut out = String::new();
    for notice in notices {
        out.push_str(&format!("note: {}\n", notice.message));
        if let Some(help) = &notice.help {
            out.push_str(&format!("  help: {help}\n"));
        }
    }
    out
}

/// The findings of one rule.
#[derive(Debug, Clone)]
pub struct RuleCount {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub count: usize,
    /// How many `check --fix` repairs.
    pub fixable: usize,
}

/// One row per rule and severity that found something (a rule whose
/// findings are capped by what they are about has several), most findings
/// first.
pub fn statistics<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<RuleCount> {
    let mut by_code: HashMap<(&str, Severity), RuleCount> = HashMap::new();
    for d in diagnostics {
        let row = by_code
            .entry((d.rule.code, d.severity))
            .or_insert(RuleCount {
                rule: d.rule,
                severity: d.severity,
                count: 0,
                fixable: 0,
            });
        row.count += 1;
        row.fixable += usize::from(d.fix.is_some());
    }
    let mut rows: Vec<RuleCount> = by_code.into_values().collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.rule.code.cmp(b.rule.code))
            .then(b.severity.cmp(&a.severity))
    });
    rows
}

fn statistics_table(rows: &[RuleCount], out: &mut String) {
    if rows.is_empty() {
        return;
    }
    let width = rows
        .iter()
        .map(|r| r.rule.name.len())
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        out,
        "{:<6} {:<width$} {:<8} {:>6} {:>7}",
        "code", "name", "severity", "count", "fixable"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "{:<6} {:<width$} {:<8} {:>6} {:>7}",
            r.rule.code,
            r.rule.name,
            r.severity.as_str(),
            r.count,
            r.fixable
        );
    }
}

/// The closing lines of the human formats: the counts, what was left out
/// (known findings, infos), and where to go from there.
fn summary(report: &Report, shown: &[&Diagnostic], options: &Options) -> String {
    let documents = plural(report.documents, "document", "documents");
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ]
    .iter()
    .filter_map(|&(s, one, many)| {
        let n = shown.iter().filter(|d| d.severity == s).count();
        (n > 0).then(|| plural(n, one, many))
    })
    .collect();
    let mut out = match parts.as_slice() {
        [] => format!("All checks passed ({documents}).\n"),
        [one] => format!("Found {one} in {documents}.\n"),
        [init @ .., last] => format!("Found {} and {last} in {documents}.\n", init.join(", ")),
    };
    if report.known > 0 {
        let _ = writeln!(
            out,
            "{} in the baseline (`--no-baseline` shows them).",
            plural(report.known, "known finding", "known findings")
        );
    }
    let infos = report.count(Severity::Info);
    if !options.show_infos && infos > 0 {
        let _ = writeln!(
            out,
            "{} not shown (`--show-infos` shows them).",
            plural(infos, "info", "infos")
        );
    }
    let mut by_rule: Vec<(&RuleMeta, usize)> = Vec::new();
    for r in statistics(shown.iter().copied()) {
        match by_rule
            .iter_mut()
            .find(|(rule, _)| rule.code == r.rule.code)
        {
            Some((_, count)) => *count += r.count,
            None => by_rule.push((r.rule, r.count)),
        }
    }
    by_rule.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(b.0.code)));
    if !options.statistics && by_rule.len() > 1 {
        let top: Vec<String> = by_rule
            .iter()
            .take(3)
            .map(|(rule, count)| format!("{} {} ({count})", rule.code, rule.name))
            .collect();
        let _ = writeln!(out, "Most frequent: {}.", top.join(", "));
    }
    let fixable = report
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .count();
    if fixable > 0 {
        let _ = writeln!(out, "{fixable} fixable with `doccheck check --fix`.");
    }
    if !options.statistics && shown.len() > MANY {
        let _ = writeln!(
            out,
            "To see them by rule: `doccheck check --statistics`; one rule at a time: `doccheck check --select {}`.",
            by_rule[0].0.code
        );
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The text of one reported file with its line index.
pub struct Source {
    /// The repository-relative path shown to the user.
    pub name: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl Source {
    pub fn new(name: String, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Source {
            name,
            text: Arc::from(text),
            lines,
        }
    }

    pub fn position(&self, offset: u32) -> LineCol {
        self.lines.line_col(&self.text, offset as usize)
    }
}

/// Sources of the files that have findings, read once each for rendering.
pub struct Sources {
    by_path: HashMap<Arc<str>, Source>,
}

impl Sources {
    fn load(
        project: &Project,
        report: &Report,
        shown: &[&Diagnostic],
        name: &dyn Fn(&str) -> String,
    ) -> Sources {
        let mut by_path = HashMap::new();
        for d in shown {
            by_path.entry(d.path.clone()).or_insert_with(|| {
                let text = match report.texts.get(&d.path) {
                    Some(text) => text.clone(),
                    None => read_lossy(&project.root, &project.root.join(&*d.path)),
                };
                Source::new(name(&d.path), text)
            });
        }
        Sources { by_path }
    }

    /// Sources given as (project-relative path, text), for rendering
    /// findings on text that is not on disk.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Sources {
        Sources {
            by_path: texts
                .into_iter()
                .map(|(path, text)| {
                    (
                        Arc::from(path),
                        Source::new(path.to_owned(), text.to_owned()),
                    )
                })
                .collect(),
        }
    }

    pub fn get(&self, path: &str) -> &Source {
        &self.by_path[path]
    }
}

/// A file's text for display, read as safely as for checking; invalid UTF-8
/// is replaced. Files that cannot be read, or are binary, show no source:
/// their finding is about the whole file.
fn read_lossy(root: &Path, path: &Path) -> String {
    match crate::check::document::read_bytes(root, path, crate::discover::Entry::Other) {
        Ok(Some(bytes)) if !bytes.contains(&0) => String::from_utf8_lossy(&bytes).into_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, severity: Severity) -> Diagnostic {
        let mut d = Diagnostic::new(crate::rules::find(code).unwrap(), Default::default(), "x");
        d.severity = severity;
        d
    }

    /// Options for uncoloured output 80 columns wide.
    fn plain(format: OutputFormat) -> Options {
        Options::new(
            format,
            Style {
                color: false,
                width: 80,
            },
        )
    }

    fn summary_of(report: &Report, options: &Options) -> String {
        summary(report, &shown(report, options.show_infos), options)
    }

    #[test]
    fn summaries() {
        let options = plain(OutputFormat::Full);
        let mut report = Report {
            documents: 1,
            ..Report::default()
        };
        assert_eq!(
            summary_of(&report, &options),
            "All checks passed (1 document).\n"
        );
        report.documents = 3;
        report.diagnostics.push(finding("DC101", Severity::Error));
        assert_eq!(
            summary_of(&report, &options),
            "Found 1 error in 3 documents.\n"
        );
        report.diagnostics.push(finding("DC517", Severity::Warning));
        report.diagnostics.push(finding("DC517", Severity::Warning));
        assert_eq!(
            summary_of(&report, &options),
            "Found 1 error and 2 warnings in 3 documents.\n\
             Most frequent: DC517 invalid-suppression (2), DC101 missing-frontmatter (1).\n"
        );
    }

    #[test]
    fn infos_are_counted_not_shown() {
        let mut options = plain(OutputFormat::Concise);
        let mut report = Report {
            documents: 2,
            known: 312,
            ..Report::default()
        };
        report.diagnostics.push(finding("DC405", Severity::Info));
        assert_eq!(
            summary_of(&report, &options),
            "All checks passed (2 documents).\n\
             312 known findings in the baseline (`--no-baseline` shows them).\n\
             1 info not shown (`--show-infos` shows them).\n"
        );
        options.show_infos = true;
        assert_eq!(
            summary_of(&report, &options),
            "Found 1 info in 2 documents.\n\
             312 known findings in the baseline (`--no-baseline` shows them).\n"
        );
    }

    #[test]
    fn many_findings_point_at_statistics_and_fixes() {
        let options = plain(OutputFormat::Full);
        let mut report = Report {
            documents: 9,
            ..Report::default()
        };
        for _ in 0..MANY {
            report.diagnostics.push(finding("DC301", Severity::Error));
        }
        let mut fixable = finding("DC107", Severity::Error);
        fixable.fix = Some(crate::diagnostic::Fix { edits: Vec::new() });
        report.diagnostics.push(fixable);
        let text = summary_of(&report, &options);
        assert_eq!(
            text,
            "Found 21 errors in 9 documents.\n\
             Most frequent: DC301 broken-link (20), DC107 invalid-enum-value (1).\n\
             1 fixable with `doccheck check --fix`.\n\
             To see them by rule: `doccheck check --statistics`; one rule at a time: `doccheck check --select DC301`.\n"
        );
        let rows = statistics(&report.diagnostics);
        let mut table = String::new();
        statistics_table(&rows, &mut table);
        assert_eq!(
            table,
            "code   name               severity  count fixable\n\
             DC301  broken-link        error        20       0\n\
             DC107  invalid-enum-value error         1       1\n"
        );
    }

    #[test]
    fn a_rule_with_capped_findings_has_a_row_per_severity() {
        let mut report = Report {
            documents: 2,
            ..Report::default()
        };
        for severity in [Severity::Info, Severity::Error, Severity::Info] {
            report.diagnostics.push(finding("DC301", severity));
        }
        report.diagnostics.push(finding("DC107", Severity::Error));
        let mut table = String::new();
        statistics_table(&statistics(&report.diagnostics), &mut table);
        assert_eq!(
            table,
            "code   name               severity  count fixable\n\
             DC301  broken-link        info          2       0\n\
             DC107  invalid-enum-value error         1       0\n\
             DC301  broken-link        error         1       0\n"
        );
        let mut options = plain(OutputFormat::Concise);
        options.show_infos = true;
        // The summary still counts the rule once.
        assert!(
            summary_of(&report, &options).contains("Most frequent: DC301 broken-link (3), DC107"),
            "{}",
            summary_of(&report, &options)
        );
    }
}
