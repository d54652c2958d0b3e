//! The activity log's mentions of execution logs, experiments and runs
//! (DC306): each name must be a log file under a `logs/` folder, a
//! document's file name or id, or a run folder.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::document::Document;
use crate::diagnostic::Diagnostic;
use crate::rules::links::unresolved_log_reference;

/// Bounds on the walk of a `logs/` folder: deep enough for any layout,
/// small enough that a runaway folder cannot stall a run.
const MAX_DEPTH: usize = 8;
const MAX_ENTRIES: usize = 200_000;

pub fn check(root: &Path, docs: &[Document], out: &mut Vec<Diagnostic>) {
    if docs.iter().all(|d| d.facts.mentions.is_empty()) {
        return;
    }
    let mut known: HashSet<&str> = HashSet::new();
    for doc in docs {
        let name = doc.path.rsplit('/').next().unwrap_or(&doc.path);
        known.insert(stem(name));
        known.extend(doc.facts.ids.iter().map(|(id, _)| &**id));
    }
    // Log names per folder holding a `logs/`, listed once.
    let mut logs: HashMap<String, HashSet<String>> = HashMap::new();
    for doc in docs.iter().filter(|d| !d.facts.mentions.is_empty()) {
        let dir = doc.path.rsplit_once('/').map_or("", |(d, _)| d);
        for base in [dir, ""] {
            logs.entry(base.to_owned())
                .or_insert_with(|| log_names(&root.join(base).join("logs")));
        }
        for (name, span) in &doc.facts.mentions {
            let found = known.contains(&**name)
                || [dir, ""]
                    .iter()
                    .any(|base| logs.get(*base).is_some_and(|l| l.contains(&**name)));
            if !found {
                out.push(unresolved_log_reference::diagnostic(*span, name).in_file(&doc.path));
            }
        }
    }
}

/// `20241019-143000-sentiment-analysis.log` → `20241019-143000-sentiment-analysis`.
fn stem(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// File and folder names (without extensions) below `dir`. Symbolic links
/// are listed but never followed, so nothing outside the project is read.
fn log_names(dir: &Path) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut stack = vec![(dir.to_path_buf(), 0)];
    let mut seen = 0;
    // `logs` itself may be a symbolic link out of the project: not listed.
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return names;
    }
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            if seen > MAX_ENTRIES {
                return names;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) && depth < MAX_DEPTH {
                stack.push((entry.path(), depth + 1));
            }
            names.insert(stem(&name).to_owned());
        }
    }
    names
}

#[cfg(all(test, unix))]
mod tests {
    use super::log_names;

    #[test]
    fn a_logs_link_out_of_the_project_is_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(outside.join("deep")).unwrap();
        std::fs::write(outside.join("20241019-143000-secret.log"), "").unwrap();
        let project = dir.path().join("project");
        std::fs::create_dir_all(project.join("real/logs")).unwrap();
        std::fs::write(project.join("real/logs/20241019-143000-run.log"), "").unwrap();
        std::os::unix::fs::symlink(&outside, project.join("logs")).unwrap();
        std::os::unix::fs::symlink(&outside, project.join("real/logs/linked")).unwrap();
        assert!(log_names(&project.join("logs")).is_empty());
        let names = log_names(&project.join("real/logs"));
        assert!(names.contains("20241019-143000-run"));
        assert!(names.contains("linked"));
        assert!(!names.contains("20241019-143000-secret"));
    }
}
