//! `check --fix` and `--diff`: the findings' safe fixes, applied to each
//! file at once, or shown as a unified diff.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Edit};
use crate::error::Result;

/// The fixed text of one file.
#[derive(Debug)]
pub struct FileFix {
    pub path: Arc<str>,
    pub old: String,
    pub new: String,
    /// Findings fixed.
    pub fixes: usize,
}

/// Applies the fixes of `diagnostics` to the current text of their files.
/// A fix that overlaps one already taken is left for the next run; a file
/// that cannot be read, or whose text no longer has the fixed spans, is
/// skipped.
pub fn plan(root: &Path, diagnostics: &[Diagnostic]) -> Vec<FileFix> {
    let mut by_file: BTreeMap<&Arc<str>, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.fix.is_some()) {
        by_file.entry(&d.path).or_default().push(d);
    }
    let mut out = Vec::new();
    for (path, found) in by_file {
        let Ok(old) = std::fs::read_to_string(root.join(&**path)) else {
            continue;
        };
        // One fix at a time, all of its edits or none.
        let mut taken: Vec<&Edit> = Vec::new();
        let mut fixes = 0;
        for d in found {
            let mine: Vec<&Edit> = d.fix.iter().flat_map(|f| &f.edits).collect();
            let fits = |e: &Edit| {
                e.span.end as usize <= old.len()
                    && old.is_char_boundary(e.span.start as usize)
                    && old.is_char_boundary(e.span.end as usize)
                    && taken
                        .iter()
                        .all(|t| e.span.end <= t.span.start || e.span.start >= t.span.end)
            };
            if !mine.is_empty() && mine.iter().all(|e| fits(e)) {
                taken.extend(mine);
                fixes += 1;
            }
        }
        taken.sort_by_key(|e| e.span.start);
        let mut new = String::with_capacity(old.len() + 16);
        let mut at = 0;
        for edit in &taken {
            let range = edit.span.range();
            new.push_str(&old[at..range.start]);
            new.push_str(&replacement(&old[range.clone()], &edit.text));
            at = range.end;
        }
        new.push_str(&old[at..]);
        if new != old {
            out.push(FileFix {
                path: path.clone(),
                old,
                new,
                fixes,
            });
        }
    }
    out
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

/// Writes each fixed file atomically, keeping its permissions.
pub fn apply(root: &Path, fixes: &[FileFix]) -> Result<()> {
    for fix in fixes {
        let path = root.join(&*fix.path);
        crate::write::atomic(&path, fix.new.as_bytes(), crate::write::mode_of(&path))?;
    }
    Ok(())
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
