//! `doccheck check`: discover → parse and check each document (in parallel)
//! → apply rule levels and suppressions → a [`Report`].

pub mod document;
pub mod git;
pub mod schema;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Notice};
use crate::discover::{self, Candidate, Entry};
use crate::error::{Error, Result};
use crate::project::Project;
use crate::rules::Severity;
use crate::suppress::Suppressions;

use document::{Analysis, Loaded};

/// The outcome of a check: findings, sorted by file and position.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub notices: Vec<Notice>,
    /// Documents checked (templates and skipped files excluded).
    pub documents: usize,
    pub elapsed: Duration,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `threshold`.
    pub fn fails(&self, threshold: Severity) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= threshold)
    }
}

/// Which files the user asked about: everything, or files and folders.
#[derive(Debug, Default)]
pub struct Selection {
    /// Project-relative files, and folders with a trailing `/`.
    entries: Vec<String>,
}

impl Selection {
    /// Resolves command-line paths against the project root. A path that does
    /// not exist or lies outside the root is a usage error.
    pub fn new(project: &Project, paths: &[PathBuf]) -> Result<Selection> {
        let mut entries = Vec::new();
        for path in paths {
            let canonical = path
                .canonicalize()
                .map_err(|e| Error::Usage(format!("cannot check {}: {e}", path.display())))?;
            let rel = canonical.strip_prefix(&project.root).map_err(|_| {
                Error::Usage(format!(
                    "{} is outside the project root {}",
                    path.display(),
                    project.root.display()
                ))
            })?;
            let rel = discover::to_slash(rel);
            if canonical.is_dir() {
                if rel.is_empty() {
                    return Ok(Selection::default());
                }
                entries.push(rel + "/");
            } else {
                entries.push(rel);
            }
        }
        Ok(Selection { entries })
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.entries.is_empty()
            || self.entries.iter().any(|e| {
                if e.ends_with('/') {
                    rel.starts_with(e.as_str())
                } else {
                    rel == e
                }
            })
    }

    /// Files named explicitly.
    fn explicit_files(&self) -> impl Iterator<Item = &str> {
        self.entries
            .iter()
            .filter(|e| !e.ends_with('/'))
            .map(String::as_str)
    }
}

pub fn check(project: &Project, selection: &Selection) -> Result<Report> {
    let started = Instant::now();
    let (mut batches, walk_errors) =
        discover::walk_with(&project.root, &project.filter, |candidate, entry| {
            selection
                .contains(&candidate.rel)
                .then(|| analyze_file(project, &candidate, entry))
                .flatten()
        });
    // Files named on the command line are checked even when the walk skips
    // them (excluded, ignored by Git, or not Markdown by name).
    let walked: HashSet<&str> = batches
        .iter()
        .flatten()
        .map(|a| &*a.document.path)
        .collect();
    let extra: Vec<String> = selection
        .explicit_files()
        .filter(|rel| !walked.contains(rel))
        .map(str::to_owned)
        .collect();
    for rel in extra {
        let candidate = Candidate {
            abs: project.root.join(&rel),
            rel,
        };
        batches.push(
            analyze_file(project, &candidate, Entry::Other)
                .into_iter()
                .collect(),
        );
    }

    let documents = batches.iter().map(Vec::len).sum();
    let mut diagnostics = Vec::new();
    let mut docs = Vec::with_capacity(documents);
    for analysis in batches.into_iter().flatten() {
        diagnostics.extend(analysis.diagnostics);
        docs.push(analysis.document);
    }
    // Cross-document checks see the documents in a stable order.
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut notices: Vec<Notice> = walk_errors
        .into_iter()
        .map(|message| Notice {
            message: format!("skipped part of the project: {message}"),
            help: Some("fix the folder's permissions, or exclude it in the configuration".into()),
        })
        .collect();
    git::check(project, &docs, &mut diagnostics, &mut notices)?;

    let suppressions: HashMap<Arc<str>, Suppressions> = docs
        .into_iter()
        .filter(|d| !d.suppressions.is_empty())
        .map(|d| (d.path, d.suppressions))
        .collect();
    let diagnostics = finalize(project, diagnostics, &suppressions);
    Ok(Report {
        diagnostics,
        notices,
        documents,
        elapsed: started.elapsed(),
    })
}

fn analyze_file(project: &Project, candidate: &Candidate, entry: Entry) -> Option<Analysis> {
    let kind = project.kinds.for_path(&candidate.rel);
    if kind.is_some_and(|k| !project.kinds.get(k).lint) {
        return None;
    }
    let path: Arc<str> = Arc::from(candidate.rel.as_str());
    match document::read(&project.root, &candidate.abs, entry) {
        Loaded::Text(text) => Some(document::analyze(&project.kinds, path, kind, &text)),
        Loaded::Skip => None,
        Loaded::Problem(mut d) => {
            d.path = path.clone();
            Some(Analysis {
                document: document::Document {
                    path,
                    kind,
                    suppressions: Suppressions::default(),
                    facts: document::Facts::default(),
                },
                diagnostics: vec![d],
            })
        }
    }
}

/// Applies rule levels and inline suppressions, then sorts.
fn finalize(
    project: &Project,
    diagnostics: Vec<Diagnostic>,
    suppressions: &HashMap<Arc<str>, Suppressions>,
) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            d.severity = project.rules.severity(d.rule)?;
            let silenced = suppressions
                .get(&d.path)
                .is_some_and(|s| s.covers(d.rule.code, d.span.start));
            (!silenced).then_some(d)
        })
        .collect();
    kept.sort_by(|a, b| {
        (&a.path, a.span.start, a.span.end, a.rule.code).cmp(&(
            &b.path,
            b.span.start,
            b.span.end,
            b.rule.code,
        ))
    });
    kept
}
