//! `check --fix` and `--diff`: the findings' safe fixes, applied to each
//! file at once, or shown as a unified diff.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::check::document::{self, Document};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::error::Result;
use crate::parse::{frontmatter, yaml};

/// The fixed text of one file.
#[derive(Debug)]
pub struct FileFix {
    pub path: Arc<str>,
    pub old: String,
    pub new: String,
    /// Findings fixed.
    pub fixes: usize,
}

/// The fixes to make, and the files left alone because they changed since
/// they were checked.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<FileFix>,
    pub changed: Vec<Arc<str>>,
}

/// Applies the fixes of `diagnostics` to the current text of their files.
/// A file whose text is no longer the one `docs` (sorted by path) were
/// checked against is skipped: its spans may point elsewhere now.
pub fn plan(root: &Path, diagnostics: &[Diagnostic], docs: &[Document]) -> Plan {
    let mut by_file: BTreeMap<&Arc<str>, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = &d.fix {
            by_file.entry(&d.path).or_default().push(fix);
        }
    }
    let mut out = Plan::default();
    for (path, fixes) in by_file {
        let Ok(old) = std::fs::read_to_string(root.join(&**path)) else {
            continue;
        };
        let checked = docs
            .binary_search_by(|d| d.path.cmp(path))
            .ok()
            .map(|i| docs[i].digest);
        if checked != Some(document::digest(old.as_bytes())) {
            out.changed.push(path.clone());
            continue;
        }
        let (new, count) = fix_text(path, &old, &fixes);
        if new != old {
            out.files.push(FileFix {
                path: path.clone(),
                old,
                new,
                fixes: count,
            });
        }
    }
    out
}

/// The most fixes tried one by one in a file whose fixes together fail
/// the checks below; the rest wait for the next round of `--fix`.
const ONE_BY_ONE: usize = 64;

/// `old` (the document at `rel`) with the `fixes` that are safe, and how
/// many were applied. A fix is all of its edits or none; it is safe when
/// it overlaps no other, edits only single-line values and keys inside the
/// metadata (the frontmatter block, or a whole YAML document), and the YAML
/// afterwards still parses and has no more duplicate keys than before.
pub fn fix_text(rel: &str, old: &str, fixes: &[&Fix]) -> (String, usize) {
    let Some(range) = metadata(rel, old) else {
        return (old.to_owned(), 0);
    };
    let Ok(before) = yaml::parse(&old[range.clone()], range.start) else {
        return (old.to_owned(), 0);
    };
    let inside = |e: &Edit| {
        let edit = e.span.range();
        range.start <= edit.start
            && edit.end <= range.end
            && edit.start < edit.end
            && old.is_char_boundary(edit.start)
            && old.is_char_boundary(edit.end)
            && !old[edit].contains(['\n', '\r'])
    };
    let candidates: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty() && f.edits.iter().all(inside))
        .collect();
    let sound = |taken: &[&Edit]| {
        let new = splice(old, taken);
        metadata(rel, &new)
            .is_some_and(|range| {
                yaml::parse(&new[range.clone()], range.start)
                    .is_ok_and(|after| after.duplicates.len() <= before.duplicates.len())
            })
            .then_some(new)
    };
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for fix in &candidates {
        count += usize::from(take(fix, &mut taken));
    }
    if let Some(new) = sound(&taken) {
        return (new, count);
    }
    // Together they break something: keep each one that does not.
    let (mut taken, mut count) = (Vec::new(), 0);
    for fix in candidates.iter().take(ONE_BY_ONE) {
        let mark = taken.len();
        if take(fix, &mut taken) {
            if sound(&taken).is_some() {
                count += 1;
            } else {
                taken.truncate(mark);
            }
        }
    }
    (splice(old, &taken), count)
}

/// Adds `fix`'s edits to `taken` unless one overlaps an edit taken.
fn take<'a>(fix: &'a Fix, taken: &mut Vec<&'a Edit>) -> bool {
    let free = fix.edits.iter().all(|e| {
        taken
            .iter()
            .all(|t| e.span.end <= t.span.start || e.span.start >= t.span.end)
    });
    if free {
        taken.extend(&fix.edits);
    }
    free
}

/// The byte range of the metadata fixes may edit.
fn metadata(rel: &str, text: &str) -> Option<std::ops::Range<usize>> {
    if document::is_yaml(rel) {
        return Some(0..text.len());
    }
    match frontmatter::split(text).0 {
        frontmatter::Fence::Block(block) => Some(block.yaml.range()),
        _ => None,
    }
}

/// `old` with the non-overlapping `edits` made.
fn splice(old: &str, edits: &[&Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| e.span.start);
    let mut new = String::with_capacity(old.len() + 16);
    let mut at = 0;
    for edit in edits {
        let range = edit.span.range();
        new.push_str(&old[at..range.start]);
        new.push_str(&replacement(&old[range.clone()], &edit.text));
        at = range.end;
    }
    new.push_str(&old[at..]);
    new
}

/// `text`, quoted like `old` when `old` is a quoted scalar and `text` is not.
fn replacement(old: &str, text: &str) -> String {
    for q in ['"', '\''] {
        if old.len() >= 2 && old.starts_with(q) && old.ends_with(q) && !text.starts_with(q) {
            return format!("{q}{text}{q}");
        }
    }
    text.to_owned()
}

/// Writes each fixed file atomically, keeping its permissions, owner and
/// symbolic link; returns the files left alone because they changed since
/// they were planned.
pub fn apply(root: &Path, fixes: &[FileFix]) -> Result<Vec<Arc<str>>> {
    let mut changed = Vec::new();
    for fix in fixes {
        let path = root.join(&*fix.path);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(fix.old.as_str()) {
            changed.push(fix.path.clone());
            continue;
        }
        crate::write::atomic_in(root, &path, fix.new.as_bytes())?;
    }
    Ok(changed)
}

/// A unified diff of the fixes (`--- a/path`, `+++ b/path`, hunks with three
/// lines of context).
pub fn diff(fixes: &[FileFix]) -> String {
    let mut out = String::new();
    for fix in fixes {
        out.push_str(&format!("--- a/{}\n+++ b/{}\n", fix.path, fix.path));
        out.push_str(&hunks(&fix.old, &fix.new));
    }
    out
}

/// Hunks of a diff between texts that differ only inside lines that keep
/// their count (every fix replaces text within its lines): the changed
/// lines are compared one to one.
fn hunks(old: &str, new: &str) -> String {
    const CONTEXT: usize = 3;
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    if a.len() != b.len() {
        return whole(&a, &b);
    }
    let changed: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(CONTEXT);
        let mut last = changed[i];
        while i + 1 < changed.len() && changed[i + 1] <= last + 2 * CONTEXT + 1 {
            i += 1;
            last = changed[i];
        }
        let end = (last + CONTEXT + 1).min(a.len());
        let count = end - start;
        out.push_str(&format!(
            "@@ -{},{count} +{},{count} @@\n",
            start + 1,
            start + 1
        ));
        for line in start..end {
            if a[line] == b[line] {
                push_line(&mut out, ' ', a[line]);
            } else {
                push_line(&mut out, '-', a[line]);
                push_line(&mut out, '+', b[line]);
            }
        }
        i += 1;
    }
    out
}

/// The whole file as one hunk, for fixes that change the line count.
fn whole(a: &[&str], b: &[&str]) -> String {
    let mut out = format!("@@ -1,{} +1,{} @@\n", a.len(), b.len());
    for line in a {
        push_line(&mut out, '-', line);
    }
    for line in b {
        push_line(&mut out, '+', line);
    }
    out
}

fn push_line(out: &mut String, sign: char, line: &str) {
    out.push(sign);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_stay_quoted() {
        assert_eq!(
            replacement("\"2024-01-01\"", "2025-02-02"),
            "\"2025-02-02\""
        );
        assert_eq!(replacement("1234567", "\"1234567\""), "\"1234567\"");
        assert_eq!(replacement("completed", "complete"), "complete");
    }

    #[test]
    fn hunks_have_context_and_merge_when_close() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
        let new = old
            .replace("b\n", "B\n")
            .replace("d\n", "D\n")
            .replace("n\n", "N\n");
        assert_eq!(
            hunks(old, &new),
            "@@ -1,7 +1,7 @@\n a\n-b\n+B\n c\n-d\n+D\n e\n f\n g\n@@ -11,4 +11,4 @@\n k\n l\n m\n-n\n+N\n"
        );
    }
}
