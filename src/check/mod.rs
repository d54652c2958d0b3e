//! `doccheck check`: discover → parse and check each document (in parallel)
//! → apply rule levels and suppressions → a [`Report`].

pub mod anchors;
pub mod content;
pub mod document;
pub mod gate;
pub mod git;
pub mod graph;
pub mod links;
pub mod mentions;
pub mod schema;
pub mod staged;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::slice::ParallelSliceMut;

use crate::diagnostic::{Diagnostic, Notice};
use crate::discover::{self, Candidate, Entry};
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::intern::Interner;
use crate::kinds::KindId;
use crate::project::Project;
use crate::rules::Severity;
use crate::rules::graph::orphan_document::OrphanDocument;

use document::{Analysis, Document, Loaded};

/// The outcome of a check: findings, sorted by file and position.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub notices: Vec<Notice>,
    /// Documents checked (templates and skipped files excluded).
    pub documents: usize,
    pub elapsed: Duration,
    /// The text of files checked from somewhere other than the working
    /// tree (the index, with `--staged`), for rendering their findings.
    pub texts: HashMap<Arc<str>, String>,
    /// With `--base` or `--staged`: the lines the change wrote in the
    /// changed files that have findings, so those findings can come first.
    pub changed_lines: HashMap<Arc<str>, gate::ChangedLines>,
    /// The conventions learned from the repository.
    pub conventions: crate::convention::Conventions,
    /// Which findings were looked for in full.
    pub coverage: Coverage,
    /// Findings the baseline lists, left out of `diagnostics`.
    pub known: usize,
    /// The code references' verdicts (empty without the Git checks), by
    /// document index: the files they mean are the graph's code nodes.
    pub readings: Vec<crate::coderefs::Reading>,
    /// With `--base` or `--staged`: the files the change added or modified.
    pub changed: Vec<String>,
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
#[derive(Debug, Default, Clone)]
pub struct Selection {
    /// Project-relative files named explicitly.
    files: BTreeSet<String>,
    /// Project-relative folders, each with a trailing `/`.
    dirs: Vec<String>,
    /// `--base REV`: only what the change since `merge-base(REV, HEAD)`
    /// touched, and the change gate.
    pub base: Option<String>,
    /// `--staged`: the index's content, as a commit would record it.
    pub staged: bool,
    /// With `--staged`, report the staged documents only when they are
    /// among these (the files the pre-commit framework passed); the
    /// findings the commit exposes in other documents are kept.
    pub staged_named: Option<HashSet<String>>,
}

impl Selection {
    /// Resolves command-line paths against the project root. A path that does
    /// not exist or lies outside the root is a usage error.
    pub fn new(project: &Project, paths: &[PathBuf]) -> Result<Selection> {
        let mut selection = Selection::default();
        for path in paths {
            let rel = Self::relative(project, path)?;
            if path.is_dir() {
                if rel.is_empty() {
                    return Ok(Selection::default());
                }
                selection.dirs.push(rel + "/");
            } else {
                selection.files.insert(rel);
            }
        }
        Ok(selection)
    }

    /// The project-relative form of a path given on the command line.
    pub fn relative(project: &Project, path: &Path) -> Result<String> {
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
        Ok(discover::to_slash(rel))
    }

    pub fn contains(&self, rel: &str) -> bool {
        (self.files.is_empty() && self.dirs.is_empty())
            || self.files.contains(rel)
            || self.dirs.iter().any(|d| rel.starts_with(d.as_str()))
    }

    /// Files named explicitly.
    fn explicit_files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }
}

/// Which findings a run looked for in full, so that a finding a baseline
/// lists and the run did not report can be told apart from one the run did
/// not look for (another file, a rule that was off, no Git history).
#[derive(Debug, Default)]
pub struct Coverage {
    selection: Selection,
    /// With `--base` or `--staged`: the only files whose findings were all
    /// computed (changed, in scope, or deleted).
    files: Option<HashSet<String>>,
    /// Every rule's code, and whether it ran in full.
    rules: HashMap<&'static str, bool>,
    /// Documents whose orphan finding was not looked for (`--staged` reads
    /// no incoming links for a document whose ids and headings stayed).
    orphans_unknown: HashSet<String>,
}

impl Coverage {
    fn new(project: &Project, selection: &Selection, full_git: bool) -> Coverage {
        let rules = crate::rules::ALL
            .iter()
            .map(|r| {
                let ran = project.rules.severity(r).is_some()
                    // Without a full history these are not reported, not absent.
                    && (full_git || !(r.code.starts_with("DC2") || r.code == "DC407"))
                    // The change gate runs only with `--base` or `--staged`.
                    && (!r.code.starts_with("DC6") || selection.base.is_some() || selection.staged);
                (r.code, ran)
            })
            .collect();
        Coverage {
            selection: selection.clone(),
            files: None,
            rules,
            orphans_unknown: HashSet::new(),
        }
    }

    /// Whether the run computed every finding of rule `code` in `path`.
    /// A rule doccheck no longer has is covered: it finds nothing.
    pub fn covers(&self, path: &str, code: &str) -> bool {
        self.rules.get(code).copied().unwrap_or(true)
            && self.selection.contains(path)
            && self.files.as_ref().is_none_or(|f| f.contains(path))
            && !(code == OrphanDocument::META.code && self.orphans_unknown.contains(path))
    }
}

pub fn check(project: &Project, selection: &Selection) -> Result<Report> {
    run(project, selection).map(|(report, _)| report)
}

/// Checks the project and also returns its documents, sorted by path, for
/// commands that work on the graph.
pub fn run(project: &Project, selection: &Selection) -> Result<(Report, Vec<Document>)> {
    let started = Instant::now();
    // The change comes first: a bad `--base` must stop the run, not pass it.
    let change = match &selection.base {
        Some(rev) => Some(gate::change_since(project, rev)?),
        None => None,
    };
    let index = match selection.staged {
        true => Some(
            crate::git::Index::read(&project.root)
                .map_err(|e| Error::Git(format!("--staged: {e}")))?,
        ),
        false => None,
    };
    let mut staged = index.as_ref().map(|index| staged::load(project, index));
    // Every document is parsed, so that links, anchors and the graph see
    // the whole project; findings are kept for the selection only. With
    // `--staged`, the documents the commit can affect are, from the index.
    let mut skeletons = Vec::new();
    let mut diagnostics = Vec::new();
    let mut docs = Vec::new();
    let walk_errors = match &mut staged {
        Some(staged) => {
            skeletons = std::mem::take(&mut staged.skeletons);
            for analysis in std::mem::take(&mut staged.analyses) {
                take(analysis, &mut docs, &mut diagnostics);
            }
            Vec::new()
        }
        None => {
            let (found, errors) = discover::walk_with(
                &project.root,
                &project.filter,
                |interner: &mut Interner, candidate, entry| {
                    visit_file(project, interner, &candidate, entry)
                },
            );
            // Each thread's list becomes a list of documents where it lies
            // (an analysis is larger than the document it holds), and the
            // others are appended to the longest: the documents, the run's
            // largest list, are never held twice.
            let mut lists: Vec<Vec<Document>> = found
                .into_iter()
                .map(|list| {
                    list.into_iter()
                        .filter_map(|found| match found {
                            Found::Document(a) => {
                                diagnostics.extend(a.diagnostics);
                                Some(a.document)
                            }
                            Found::Template(s) => {
                                skeletons.extend(s);
                                None
                            }
                        })
                        .collect()
                })
                .collect();
            lists.sort_by_key(|list| std::cmp::Reverse(list.len()));
            let total = lists.iter().map(Vec::len).sum::<usize>();
            let mut lists = lists.into_iter();
            docs = lists.next().unwrap_or_default();
            // Exactly: grown by doubling, the list would hold up to twice
            // as many places as documents until the run ends.
            docs.reserve_exact(total - docs.len());
            for list in lists {
                docs.extend(list);
            }
            docs.shrink_to_fit();
            errors
        }
    };
    // Files named on the command line are checked even when the walk skips
    // them (excluded, ignored by Git, or not Markdown by name).
    let named = staged.is_none() && selection.explicit_files().next().is_some();
    let extra: Vec<String> = match named {
        true => {
            let walked: HashSet<&str> = docs.iter().map(|d: &Document| &*d.path).collect();
            selection
                .explicit_files()
                .filter(|rel| !walked.contains(rel))
                .map(str::to_owned)
                .collect()
        }
        false => Vec::new(),
    };
    for rel in extra {
        let candidate = Candidate {
            abs: project.root.join(&rel),
            rel,
        };
        let kind = project.kinds.for_path(&candidate.rel);
        if let Some(analysis) = analyze_file(
            project,
            &mut Interner::default(),
            &candidate,
            Entry::Other,
            kind,
        ) {
            take(analysis, &mut docs, &mut diagnostics);
        }
    }

    // Cross-document checks see the documents in a stable order. Sorted
    // by their paths on the side, on every core, then each moved once: a
    // merge sort of the documents themselves moves each many times, through
    // a buffer half the table's size.
    docs.par_sort_by_cached_key(|d| d.path.clone());
    // Without learning, the conventions are the built-in templates' alone.
    let conventions = match project.learn {
        true => {
            let sample = match &mut staged {
                Some(staged) => std::mem::take(&mut staged.sample),
                None => crate::convention::sample(&docs)
                    .into_iter()
                    .map(|d| crate::convention::Sampled::of(&project.kinds, d))
                    .collect(),
            };
            crate::convention::Conventions::learn(&project.kinds, &sample, skeletons)
        }
        false => crate::convention::Conventions::learn(&project.kinds, &[], Vec::new()),
    };
    let mut documents = docs.iter().filter(|d| selection.contains(&d.path)).count();
    let mut notices: Vec<Notice> = walk_errors
        .into_iter()
        .map(|message| Notice {
            message: format!("skipped part of the project: {message}"),
            help: Some("fix the folder's permissions, or exclude it in the configuration".into()),
        })
        .collect();
    // A path named on the command line that the configuration excludes.
    for entry in selection.files.iter().chain(&selection.dirs) {
        let rel = entry.trim_end_matches('/');
        // A folder's own path may not match `drafts/**`; its content does.
        let probe = if entry.ends_with('/') {
            format!("{entry}x.md")
        } else {
            entry.clone()
        };
        if let Some(kind) = project.kinds.for_path(&probe).map(|k| project.kinds.get(k))
            && !kind.lint
            && !entry.ends_with('/')
        {
            notices.push(Notice {
                message: format!(
                    "{} is a {} file, which doccheck does not check",
                    project.display_path(rel),
                    kind.name
                ),
                help: None,
            });
        }
        if let Some(pattern) = project.filter.excluded_by(&probe) {
            let what = if entry.ends_with('/') {
                "nothing in it is checked"
            } else {
                "it is checked because it was named"
            };
            notices.push(Notice {
                message: format!(
                    "{} is excluded by `{pattern}` in the configuration; {what}",
                    project.display_path(rel)
                ),
                help: Some("remove the pattern from `exclude` to check it".into()),
            });
        }
    }
    let repo = git::open(project, &mut notices)?;
    let mut coverage = Coverage::new(
        project,
        selection,
        repo.as_ref().is_some_and(|g| !g.shallow),
    );
    let (links_on, graph_on) = (
        project.rules.any_enabled("DC3"),
        project.rules.any_enabled("DC4"),
    );
    let files = match &index {
        Some(index) => links::Files::Index(index),
        None => links::Files::Disk(&project.root),
    };
    // The Git checks read the repository partly on one thread (the commits'
    // history, the verdicts of a hundred thousand references): meanwhile,
    // the other side checks the links against the documents alone, then
    // adds the edges between the documents and checks the graph but for
    // what may read the history. The findings are appended in the order of
    // a check after the other.
    let needed = links_on || graph_on || change.is_some() || staged.is_some();
    let (git_checked, linked) = rayon::join(
        || {
            // When each document last changed: one walk of the history,
            // shared by the staleness (DC210) and suspect-link (DC407)
            // checks, and read before the code references, whose history
            // it shares: a walk on each side would compute it twice.
            let history = repo
                .as_ref()
                .filter(|_| {
                    project.rules.any_enabled("DC210") || project.rules.any_enabled("DC407")
                })
                .map(|g| g.last_changes(&docs.iter().map(|d| &*d.path).collect::<Vec<_>>()));
            let (mut found, mut said) = (Vec::new(), Vec::new());
            let readings = git::check(
                project,
                repo.as_ref(),
                &docs,
                history.as_deref(),
                &mut found,
                &mut said,
            );
            (history, readings, found, said)
        },
        || {
            let (mut linked, mut graphed) = (Vec::new(), Vec::new());
            let mut doc_graph = needed.then(|| Graph::documents(&docs))?;
            if links_on {
                links::check(files, &doc_graph, &mut linked);
                if project.rules.any_enabled("DC306") {
                    mentions::check(&project.root, &docs, &mut linked);
                }
            }
            doc_graph.connect();
            if graph_on {
                graph::check(project, &doc_graph, &mut graphed);
            }
            Some((doc_graph, linked, graphed))
        },
    );
    let (history, readings, git_found, git_said) = git_checked;
    let readings = readings?;
    diagnostics.extend(git_found);
    notices.extend(git_said);
    if let Some((doc_graph, linked, graphed)) = linked {
        diagnostics.extend(linked);
        let doc_graph = &doc_graph;
        if graph_on {
            graph::check_dangling(project, doc_graph, files, repo.as_ref(), &mut diagnostics);
            diagnostics.extend(graphed);
            graph::check_suspect(project, doc_graph, history.as_deref(), &mut diagnostics);
        }
        if let Some(change) = &change {
            let scope = gate::scope(doc_graph, change);
            diagnostics.retain(|d| scope.contains(&*d.path));
            coverage.files = Some(
                scope
                    .iter()
                    .map(|p| (*p).to_owned())
                    .chain(change.deleted.iter().cloned())
                    .collect(),
            );
            documents = docs
                .iter()
                .filter(|d| scope.contains(&*d.path) && selection.contains(&d.path))
                .count();
            if project.rules.any_enabled("DC6") {
                gate::check(project, &docs, change, &mut diagnostics);
            }
            notices.push(Notice {
                message: format!(
                    "--base: {} changed file(s) since {}; {} document(s) in scope",
                    change.changed.len() + change.deleted.len(),
                    change.base,
                    scope.len()
                ),
                help: None,
            });
        }
        if let Some(staged) = &staged {
            staged.retain(doc_graph, &mut diagnostics);
            let named = |path: &str| {
                selection
                    .staged_named
                    .as_ref()
                    .is_none_or(|n| n.contains(path))
            };
            // A staged document the hook was not given (its own `exclude`)
            // is not reported; what the commit exposes elsewhere is.
            diagnostics.retain(|d| named(&d.path) || !staged.changed(&d.path));
            let changed: HashSet<&str> = staged
                .change
                .changed
                .iter()
                .map(String::as_str)
                .filter(|p| named(p))
                .collect();
            documents = docs
                .iter()
                .filter(|d| changed.contains(&*d.path) && selection.contains(&d.path))
                .count();
            coverage.files = Some(
                changed
                    .iter()
                    .map(|p| (*p).to_owned())
                    .chain(staged.change.deleted.iter().cloned())
                    .collect(),
            );
            coverage.orphans_unknown = staged.orphans_unknown().clone();
            if project.rules.any_enabled("DC6") {
                gate::check(project, &docs, &staged.change, &mut diagnostics);
            }
            notices.push(Notice {
                message: format!(
                    "--staged: {} staged and {} deleted file(s); {} document(s) staged, {} read",
                    staged.change.changed.len(),
                    staged.change.deleted.len(),
                    documents,
                    docs.len()
                ),
                help: None,
            });
        }
    }
    if let Some(git) = &repo {
        git.save_history();
    }
    crate::convention::apply(&conventions, &project.kinds, &docs, &mut diagnostics);
    diagnostics.retain(|d| selection.contains(&d.path));

    let diagnostics = finalize(project, diagnostics, &docs);
    let changed = change
        .as_ref()
        .or(staged.as_ref().map(|s| &s.change))
        .map(|c| c.changed.clone())
        .unwrap_or_default();
    let changed_lines = match change.as_ref().or(staged.as_ref().map(|s| &s.change)) {
        Some(change) => {
            let mut paths: Vec<Arc<str>> = diagnostics.iter().map(|d| d.path.clone()).collect();
            paths.dedup();
            gate::changed_lines(&project.root, change, &paths)
        }
        None => HashMap::new(),
    };
    let report = Report {
        diagnostics,
        notices,
        documents,
        elapsed: started.elapsed(),
        texts: staged.map(|s| s.texts).unwrap_or_default(),
        changed_lines,
        conventions,
        coverage,
        known: 0,
        readings,
        changed,
    };
    Ok((report, docs))
}

/// Frees `docs` on another thread: a hundred thousand documents take a
/// noticeable time to free, and nothing needs to wait for it (the process
/// may well exit first).
pub fn free_in_background(docs: Vec<Document>) {
    // Should no thread start, the closure and the documents are freed here.
    let _ = std::thread::Builder::new().spawn(move || drop(docs));
}

/// Takes an analysis apart: its findings, and its document.
fn take(analysis: Analysis, docs: &mut Vec<Document>, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.extend(analysis.diagnostics);
    docs.push(analysis.document);
}

/// What the walk finds in a file.
// Not boxed: nearly every file is a document, and its analysis is moved
// into the list of documents without an allocation of its own.
#[allow(clippy::large_enum_variant)]
enum Found {
    Document(Analysis),
    /// A template, not linted: the skeletons it shows, for learning the
    /// repository's conventions.
    Template(Vec<crate::convention::Skeleton>),
}

fn visit_file(
    project: &Project,
    interner: &mut Interner,
    candidate: &Candidate,
    entry: Entry,
) -> Option<Found> {
    let kind = project.kinds.for_path(&candidate.rel);
    if kind.is_some_and(|k| !project.kinds.get(k).lint) {
        if !project.learn || !candidate.rel.ends_with(".md") {
            return None;
        }
        let document::Loaded::Text(text) = document::read(&project.root, &candidate.abs, entry)
        else {
            return None;
        };
        return Some(Found::Template(crate::convention::skeletons(
            &project.kinds,
            &candidate.rel,
            &text,
        )));
    }
    analyze_file(project, interner, candidate, entry, kind).map(Found::Document)
}

/// `kind` is the kind the file's path gives it (matching every kind's
/// globs costs more than parsing some documents: once per file).
fn analyze_file(
    project: &Project,
    interner: &mut Interner,
    candidate: &Candidate,
    entry: Entry,
    kind: Option<KindId>,
) -> Option<Analysis> {
    if kind.is_some_and(|k| !project.kinds.get(k).lint) {
        return None;
    }
    let loaded = document::read_into(&project.root, &candidate.abs, entry, SPARE.take());
    let analysis = analysis(project, interner, &candidate.rel, kind, &loaded);
    if let Loaded::Text(text) = loaded {
        SPARE.set(text.into_bytes());
    }
    analysis
}

thread_local! {
    /// The buffer the last document of this thread was read into: a text
    /// is dropped once analysed, and a buffer of a couple of kilobytes
    /// allocated for each made the allocator sort its free lists each time.
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The analysis of a document's content, wherever it was read from.
fn analysis(
    project: &Project,
    interner: &mut Interner,
    rel: &str,
    kind: Option<KindId>,
    loaded: &Loaded,
) -> Option<Analysis> {
    let path = interner.get(rel);
    match loaded {
        // The generated index lists every document; it is not one.
        Loaded::Text(text) if text.starts_with(crate::author::index::MARKER) => None,
        Loaded::Text(text) => Some(document::analyze(
            &project.kinds,
            interner,
            path,
            kind,
            text,
        )),
        Loaded::Skip => None,
        Loaded::Problem(d) => {
            let d = d.clone().in_file(&path);
            Some(Analysis {
                document: document::Document::unread(path, kind),
                diagnostics: vec![d],
            })
        }
    }
}

/// Applies rule levels and inline suppressions, then sorts. `docs` is
/// sorted by path.
fn finalize(project: &Project, diagnostics: Vec<Diagnostic>, docs: &[Document]) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            d.severity = project.rules.severity(d.rule)?;
            if let Some(cap) = d.cap {
                d.severity = d.severity.min(cap);
            }
            let silenced = docs
                .binary_search_by(|doc| doc.path.cmp(&d.path))
                .is_ok_and(|i| docs[i].silences(d.rule.code, d.span.start));
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
    crate::report::fingerprint::assign(&mut kept);
    kept
}
