//! Rendering a [`Report`] in each output format. Only `human` touches miette.

mod concise;
mod fingerprint;
mod github;
mod gitlab;
pub mod human;
mod json;
mod junit;
mod sarif;
pub mod summary;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::check::Report;
use crate::diagnostic::Notice;
use crate::project::Project;
use crate::rules::Severity;
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

/// What to print where.
#[derive(Debug, Default)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
}

pub fn render(
    project: &Project,
    report: &Report,
    format: OutputFormat,
    style: Style,
    quiet: bool,
) -> Output {
    let sources = Sources::load(project, report);
    let mut out = Output::default();
    match format {
        OutputFormat::Full => human::render(report, &sources, style, &mut out.stdout),
        OutputFormat::Concise => concise::render(report, &sources, &mut out.stdout),
        OutputFormat::Json => json::render(report, &sources, &mut out.stdout),
        OutputFormat::Github => github::render(report, &sources, &mut out.stdout),
        OutputFormat::Gitlab => gitlab::render(report, &sources, &mut out.stdout),
        OutputFormat::Junit => junit::render(report, &sources, &mut out.stdout),
        OutputFormat::Sarif => sarif::render(report, &sources, &mut out.stdout),
    }
    if matches!(format, OutputFormat::Full | OutputFormat::Concise) && !quiet {
        out.stdout.push_str(&summary(report));
    }
    if !quiet {
        out.stderr = notes(&report.notices);
    }
    out
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

fn summary(report: &Report) -> String {
    let documents = plural(report.documents, "document", "documents");
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ]
    .iter()
    .filter_map(|&(s, one, many)| {
        let n = report.count(s);
        (n > 0).then(|| plural(n, one, many))
    })
    .collect();
    match parts.as_slice() {
        [] => format!("All checks passed ({documents}).\n"),
        [one] => format!("Found {one} in {documents}.\n"),
        [init @ .., last] => format!("Found {} and {last} in {documents}.\n", init.join(", ")),
    }
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
    fn load(project: &Project, report: &Report) -> Sources {
        let mut by_path = HashMap::new();
        for d in &report.diagnostics {
            by_path.entry(d.path.clone()).or_insert_with(|| {
                let text = match report.texts.get(&d.path) {
                    Some(text) => text.clone(),
                    None => read_lossy(&project.root, &project.root.join(&*d.path)),
                };
                Source::new(project.display_path(&d.path), text)
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

    #[test]
    fn summaries() {
        let mut report = Report {
            documents: 1,
            ..Report::default()
        };
        assert_eq!(summary(&report), "All checks passed (1 document).\n");
        report.documents = 3;
        let rule = &crate::rules::content::binary_file::BinaryFile::META;
        report.diagnostics.push(crate::diagnostic::Diagnostic::new(
            rule,
            Default::default(),
            "x",
        ));
        assert_eq!(summary(&report), "Found 1 error in 3 documents.\n");
        let mut warning = crate::diagnostic::Diagnostic::new(rule, Default::default(), "x");
        warning.severity = Severity::Warning;
        report.diagnostics.push(warning.clone());
        report.diagnostics.push(warning);
        assert_eq!(
            summary(&report),
            "Found 1 error and 2 warnings in 3 documents.\n"
        );
    }
}
