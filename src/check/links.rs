//! Links and anchors (DC3xx), against the index of parsed documents: a link
//! to a document and its `#fragment` are answered from memory; only links to
//! other files touch the file system, once per distinct target.

use std::collections::HashMap;
use std::path::Path;

use super::document::Document;
use crate::diagnostic::Diagnostic;
use crate::graph::{Graph, resolve_link};
use crate::rules::links::{
    anchor_case_mismatch, broken_anchor, broken_link, link_case_mismatch, link_outside_repository,
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

pub fn check(root: &Path, graph: &Graph<'_>, out: &mut Vec<Diagnostic>) {
    let mut disk: HashMap<String, OnDisk> = HashMap::new();
    let mut lowercase: Option<HashMap<String, &str>> = None;
    for doc in graph.docs {
        for link in &doc.facts.links {
            let mut report = |d: Diagnostic| {
                let mut d = d;
                d.path = doc.path.clone();
                out.push(d);
            };
            if link.dest.trim().is_empty() {
                report(broken_link::diagnostic(link.span, "", ""));
                continue;
            }
            let target = resolve_link(&doc.path, &link.dest);
            let Some(path) = target.path else {
                report(link_outside_repository::diagnostic(link.span, &link.dest));
                continue;
            };
            let target_doc = graph.index.get(path.as_str()).copied();
            if target_doc.is_none() {
                let state = disk
                    .entry(path.clone())
                    .or_insert_with(|| on_disk(root, &path))
                    .clone();
                match state {
                    OnDisk::Present => {}
                    OnDisk::OtherCase(actual) => {
                        report(link_case_mismatch::diagnostic(
                            link.span, &link.dest, &actual,
                        ));
                        continue;
                    }
                    OnDisk::Missing => {
                        let lower = lowercase.get_or_insert_with(|| {
                            graph.index.keys().map(|p| (p.to_lowercase(), *p)).collect()
                        });
                        match lower.get(&path.to_lowercase()) {
                            Some(actual) => report(link_case_mismatch::diagnostic(
                                link.span, &link.dest, actual,
                            )),
                            None => report(broken_link::diagnostic(link.span, &link.dest, &path)),
                        }
                        continue;
                    }
                }
            }
            if let (Some(target), Some(fragment)) = (target_doc, target.fragment)
                && let Some(d) = anchor(&graph.docs[target], &fragment, link.span)
            {
                report(d);
            }
        }
    }
}

/// Checks `#fragment` against the anchors of `target`.
fn anchor(target: &Document, fragment: &str, span: crate::source::Span) -> Option<Diagnostic> {
    let fragment = fragment.strip_prefix("user-content-").unwrap_or(fragment);
    let anchors = &target.facts.anchors;
    let has = |a: &str| anchors.binary_search_by(|x| (**x).cmp(a)).is_ok();
    if fragment.is_empty() || fragment == "top" || has(fragment) || is_line_anchor(fragment) {
        return None;
    }
    let loose = |a: &str| a.replace('\u{FE0F}', "").to_lowercase();
    let wanted = loose(fragment);
    if let Some(exact) = anchors.iter().find(|a| loose(a) == wanted) {
        return Some(anchor_case_mismatch::diagnostic(span, fragment, exact));
    }
    let suggestion = suggest::closest(fragment, anchors.iter().map(|a| &**a));
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
