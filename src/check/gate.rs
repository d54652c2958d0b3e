//! `check --base REV`: the documents a change touches, and the rationale
//! gate (DC6xx) on the files it changes.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use gix::ObjectId;

use super::document::{Document, LinkTarget};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::git::{Change, Git};
use crate::graph::Graph;
use crate::project::Project;
use crate::rules::gate::unexplained_change;

/// The change since `merge-base(rev, HEAD)`. Without a repository, or with
/// a revision that does not resolve, doccheck cannot run (exit 2): a gate
/// that silently saw no change would pass anything.
pub fn change_since(project: &Project, rev: &str) -> Result<Change> {
    let git = Git::open(&project.root, None)
        .map_err(|u| Error::Git(format!("--base needs a Git history: {}", u.message())))?;
    git.changes_since(rev).map_err(Error::Git)
}

/// The documents to report on: those the change added or modified, those
/// whose graph edges touch them, and those linking to a deleted file.
pub fn scope<'a>(graph: &Graph<'a>, change: &Change) -> HashSet<&'a str> {
    let docs = graph.docs;
    let changed: HashSet<&str> = change.changed.iter().map(String::as_str).collect();
    let deleted: HashSet<&str> = change.deleted.iter().map(String::as_str).collect();
    let mut scope: HashSet<&'a str> = docs
        .iter()
        .map(|d| &*d.path)
        .filter(|p| changed.contains(p))
        .collect();
    for edge in graph.edges() {
        let from = &*docs[edge.from].path;
        match edge.to {
            Ok(to) => {
                let to = &*docs[to].path;
                if changed.contains(from) || changed.contains(to) {
                    scope.insert(from);
                    scope.insert(to);
                }
            }
            Err(target) if deleted.contains(target.trim()) => {
                scope.insert(from);
            }
            Err(_) => {}
        }
    }
    for doc in docs {
        let links_deleted = doc.facts.links.iter().any(|l| match l.target() {
            LinkTarget::Path(p) => deleted.contains(p),
            _ => false,
        });
        if links_deleted {
            scope.insert(&doc.path);
        }
    }
    scope
}

/// DC601: each changed file under `[gate] require-rationale` needs a
/// document of a gate kind, added or updated in the same change, that
/// refers to it and states a rationale.
pub fn check(project: &Project, docs: &[Document], change: &Change, out: &mut Vec<Diagnostic>) {
    let gate = &project.gate;
    if gate.require_rationale.is_empty() {
        return;
    }
    let changed: HashSet<&str> = change.changed.iter().map(String::as_str).collect();
    let explainers: Vec<&Document> = docs
        .iter()
        .filter(|d| changed.contains(&*d.path) && d.facts.rationale)
        .filter(|d| {
            d.kind
                .is_some_and(|k| gate.documents.contains(&project.kinds.get(k).name))
        })
        .collect();
    for path in change.changed.iter().chain(&change.deleted) {
        if !gate.require_rationale.is_match(path) {
            continue;
        }
        let explained = explainers.iter().any(|d| {
            d.facts
                .links
                .iter()
                .any(|l| matches!(l.target(), LinkTarget::Path(p) if p == &**path))
                || d.facts.code_refs.iter().any(|r| *r.path == **path)
        });
        if !explained {
            let path_arc: std::sync::Arc<str> = path.as_str().into();
            out.push(unexplained_change::diagnostic(path, &gate.documents).in_file(&path_arc));
        }
    }
}

/// The lines of a changed file that the change wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangedLines {
    /// The file is new.
    All,
    /// 1-based numbers of the lines whose text the file did not have before.
    Some(HashSet<usize>),
}

impl ChangedLines {
    pub fn contains(&self, line: usize) -> bool {
        match self {
            ChangedLines::All => true,
            ChangedLines::Some(lines) => lines.contains(&line),
        }
    }
}

/// For each of `paths` the change touched, the lines it wrote. A line
/// counts as written when its text is not among the old file's lines (as a
/// multiset): linear, and exact enough to put the findings a reviewer is
/// looking at first.
pub fn changed_lines(
    root: &Path,
    change: &Change,
    paths: &[Arc<str>],
) -> HashMap<Arc<str>, ChangedLines> {
    let wanted: Vec<(&Arc<str>, Option<ObjectId>, ObjectId)> = paths
        .iter()
        .filter_map(|p| change.versions.get(&**p).map(|&(old, new)| (p, old, new)))
        .collect();
    let ids: Vec<ObjectId> = wanted
        .iter()
        .filter_map(|&(_, old, new)| old.map(|old| [old, new]))
        .flatten()
        .collect();
    let blobs = crate::git::blobs(root, &ids);
    wanted
        .into_iter()
        .filter_map(|(path, old, new)| {
            let lines = match old {
                None => ChangedLines::All,
                Some(old) => ChangedLines::Some(written(blobs.get(&old)?, blobs.get(&new)?)),
            };
            Some((path.clone(), lines))
        })
        .collect()
}

/// 1-based numbers of the lines of `new` that `old` does not have.
fn written(old: &[u8], new: &[u8]) -> HashSet<usize> {
    let mut before: HashMap<&[u8], usize> = HashMap::new();
    for line in old.split(|&b| b == b'\n') {
        *before
            .entry(line.strip_suffix(b"\r").unwrap_or(line))
            .or_default() += 1;
    }
    let mut out = HashSet::new();
    for (i, line) in new.split(|&b| b == b'\n').enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match before.get_mut(line) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                out.insert(i + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_lines_are_the_new_texts() {
        let old = b"# T\n\nkeep\nold line\nkeep\n";
        let new = b"# T\n\nkeep\nnew line\nkeep\nkeep\n";
        let mut lines: Vec<usize> = written(old, new).into_iter().collect();
        lines.sort();
        // Line 4 is new text; line 6 repeats `keep` once more than before.
        assert_eq!(lines, [4, 6]);
        assert!(written(b"a\r\nb\r\n", b"a\nb\n").is_empty());
    }
}
