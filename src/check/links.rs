//! Links and anchors (DC3xx), against the index of parsed documents: a link
//! to a document and its `#fragment` are answered from memory; only links to
//! other files touch the file system, once per distinct target.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::document::{Document, LinkTarget, ResolvedLink};
use crate::diagnostic::Diagnostic;
use crate::graph::Graph;
use crate::rules::links::{
    anchor_case_mismatch, broken_anchor, broken_link, link_case_mismatch, link_outside_repository,
    machine_specific_link, root_relative_link,
};
use crate::suggest;

/// What the file system says about a path that is not a parsed document.
#[derive(Clone)]
enum OnDisk {
    Present,
    /// Present with other letter case: the actual path.
    OtherCase(String),
    Missing,
}

/// Where links to files that are not documents are looked up.
#[derive(Clone, Copy)]
pub enum Files<'a> {
    /// The working tree under the project root.
    Disk(&'a Path),
    /// The index (`--staged`).
    Index(&'a crate::git::Index),
}

impl Files<'_> {
    /// Whether a file or folder is at `rel` (project-relative).
    pub fn exists(self, rel: &str) -> bool {
        matches!(self.lookup(rel), OnDisk::Present)
    }

    fn lookup(self, rel: &str) -> OnDisk {
        match self {
            Files::Disk(root) => on_disk(root, rel),
            Files::Index(files) => {
                let rel = rel.trim_end_matches('/');
                let folder = format!("{rel}/");
                let path = |i: usize| (i < files.len()).then(|| files.path(i));
                let present = rel.is_empty()
                    || path(files.partition_point(|f| f < rel))
                        .is_some_and(|f| f == rel || f.starts_with(&folder))
                    || path(files.partition_point(|f| f < folder.as_str()))
                        .is_some_and(|f| f.starts_with(&folder));
                if present {
                    return OnDisk::Present;
                }
                // Only a broken link pays for this scan.
                let lower = rel.to_lowercase();
                (0..files.len())
                    .map(|i| files.path(i))
                    .find(|f| f.len() == rel.len() && f.to_lowercase() == lower)
                    .map_or(OnDisk::Missing, |f| OnDisk::OtherCase(f.to_owned()))
            }
        }
    }
}

pub fn check(files: Files<'_>, graph: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let lookup = Lookup {
        files,
        graph,
        disk: Mutex::new(HashMap::new()),
        lowercase: OnceLock::new(),
    };
    let as_written = AtomicUsize::new(0);
    let found: Vec<(Vec<Diagnostic>, Vec<Diagnostic>)> = graph
        .docs
        .par_iter()
        .map(|doc| {
            let (mut found, mut from_root) = (Vec::new(), Vec::new());
            for link in &doc.facts.links {
                match lookup.finding(&doc.path, link) {
                    Finding::None if link.from_root().is_some() => {
                        as_written.fetch_add(1, Ordering::Relaxed);
                    }
                    Finding::None => {}
                    Finding::One(d) => found.push(d.in_file(&doc.path)),
                    Finding::FromRoot(d) => from_root.push(d.in_file(&doc.path)),
                }
            }
            (found, from_root)
        })
        // Only the documents with findings: a place for every document
        // would be megabytes in a large project.
        .filter(|(found, from_root)| !found.is_empty() || !from_root.is_empty())
        .collect();
    let (found, from_root): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    let from_root: Vec<Diagnostic> = from_root.into_iter().flatten().collect();
    let convention =
        root_relative_link::is_convention(from_root.len(), as_written.load(Ordering::Relaxed));
    out.extend(found.into_iter().flatten());
    out.extend(from_root.into_iter().map(|d| {
        if convention {
            d.at_most(crate::rules::Severity::Info)
        } else {
            d
        }
    }));
}

enum Finding {
    None,
    One(Diagnostic),
    /// Found only when read from the repository root (DC307): its severity
    /// depends on what the repository's other links do.
    FromRoot(Diagnostic),
}

/// What a path is, answered from the parsed documents, then the files
/// (once per distinct path).
struct Lookup<'f, 'g> {
    files: Files<'f>,
    graph: &'g Graph<'g>,
    disk: Mutex<HashMap<Arc<str>, OnDisk>>,
    lowercase: OnceLock<HashMap<String, &'g str>>,
}

impl<'g> Lookup<'_, 'g> {
    fn state(&self, path: &str) -> OnDisk {
        if self.graph.index.contains_key(path) {
            return OnDisk::Present;
        }
        let cached = self
            .disk
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(path)
            .cloned();
        cached.unwrap_or_else(|| {
            let state = self.files.lookup(path);
            self.disk
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(path.into(), state.clone());
            state
        })
    }

    fn present(&self, path: &str) -> bool {
        matches!(self.state(path), OnDisk::Present)
    }

    fn finding(&self, from: &str, link: &ResolvedLink) -> Finding {
        let path = match link.target() {
            LinkTarget::Empty => return Finding::One(broken_link::empty(link.span)),
            LinkTarget::Outside => {
                return Finding::One(link_outside_repository::diagnostic(link.span));
            }
            LinkTarget::Path(path) => path,
        };
        if let Some(target) = link.path_name().and_then(|n| self.graph.doc_named(n)) {
            return match link.fragment.as_deref() {
                Some(fragment) => anchor(&self.graph.docs[target], fragment, link.span)
                    .map_or(Finding::None, Finding::One),
                None => Finding::None,
            };
        }
        match self.state(path) {
            OnDisk::Present => Finding::None,
            OnDisk::OtherCase(actual) => {
                Finding::One(link_case_mismatch::diagnostic(link.span, path, &actual))
            }
            OnDisk::Missing => {
                if let Some(root) = link.from_root().filter(|p| self.present(p)) {
                    return Finding::FromRoot(root_relative_link::diagnostic(
                        link.span, from, root,
                    ));
                }
                if link.absolute
                    && let Some(repo) =
                        machine_specific_link::in_repository(path, |p| self.present(p))
                {
                    return Finding::One(machine_specific_link::diagnostic(link.span, from, repo));
                }
                let lower = self.lowercase.get_or_init(|| {
                    self.graph
                        .index
                        .keys()
                        .map(|p| (p.to_lowercase(), *p))
                        .collect()
                });
                Finding::One(match lower.get(&path.to_lowercase()) {
                    Some(actual) => link_case_mismatch::diagnostic(link.span, path, actual),
                    None => broken_link::missing(link.span, path),
                })
            }
        }
    }
}

/// Checks `#fragment` against the anchors of `target`.
fn anchor(target: &Document, fragment: &str, span: crate::source::Span) -> Option<Diagnostic> {
    let fragment = fragment.strip_prefix("user-content-").unwrap_or(fragment);
    let anchors = &target.facts.anchors;
    if fragment.is_empty()
        || fragment == "top"
        || anchors.contains(fragment)
        || is_line_anchor(fragment)
    {
        return None;
    }
    let loose = |a: &str| a.replace('\u{FE0F}', "").to_lowercase();
    let wanted = loose(fragment);
    if let Some(exact) = anchors.iter().find(|a| loose(a) == wanted) {
        return Some(anchor_case_mismatch::diagnostic(span, fragment, exact));
    }
    let suggestion = suggest::closest(fragment, anchors.iter());
    Some(broken_anchor::diagnostic(
        span,
        fragment,
        &target.path,
        suggestion,
    ))
}

/// `#L10` / `#L10-L20`: GitHub's line anchors (with `?plain=1`).
fn is_line_anchor(fragment: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match fragment.strip_prefix('L') {
        Some(rest) => match rest.split_once("-L") {
            Some((a, b)) => digits(a) && digits(b),
            None => digits(rest),
        },
        None => false,
    }
}

/// Whether `rel` exists under `root` with exactly this case. Only metadata
/// is read; a symbolic link is not followed out of the project.
fn on_disk(root: &Path, rel: &str) -> OnDisk {
    let full = root.join(rel);
    if std::fs::symlink_metadata(&full).is_err() {
        return match case_insensitive(root, rel) {
            Some(actual) => OnDisk::OtherCase(actual),
            None => OnDisk::Missing,
        };
    }
    // Case-insensitive file systems (macOS, Windows) find `Plan.md` for
    // `plan.md`: compare the names actually stored there.
    if cfg!(any(target_os = "macos", target_os = "windows"))
        && let Some(actual) = case_insensitive(root, rel)
        && actual != rel
    {
        return OnDisk::OtherCase(actual);
    }
    OnDisk::Present
}

/// The stored path matching `rel` segment by segment, ignoring case.
fn case_insensitive(root: &Path, rel: &str) -> Option<String> {
    let mut dir = root.to_path_buf();
    let mut actual = Vec::new();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        let names: Vec<String> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        let name = names
            .iter()
            .find(|n| *n == part)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.to_lowercase() == part.to_lowercase())
            })?
            .clone();
        dir.push(&name);
        actual.push(name);
    }
    Some(actual.join("/"))
}

#[cfg(test)]
mod tests {
    use super::is_line_anchor;

    #[test]
    fn line_anchors() {
        assert!(is_line_anchor("L10"));
        assert!(is_line_anchor("L10-L20"));
        assert!(!is_line_anchor("Lx"));
        assert!(!is_line_anchor("L"));
    }
}
