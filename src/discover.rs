//! Finding the files to lint: a walk of the project root that honours
//! `.gitignore` as Git does (it ignores untracked files only: a file the
//! index tracks is a document whatever `.gitignore` says), visits hidden
//! folders such as `.github`, never enters `.git`, and applies the
//! `include` / `exclude` globs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use globset::{Glob, GlobSet, GlobSetBuilder};
use ignore::{WalkBuilder, WalkState};
use rayon::prelude::*;

/// Markdown documents, and the run configurations that make run folders
/// nodes of the graph.
pub const DEFAULT_INCLUDE: [&str; 4] = [
    "**/*.md",
    "**/*.markdown",
    "**/run_config.yaml",
    "**/run_config.yml",
];

/// A file to lint, by its path relative to the project root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub rel: String,
    pub abs: PathBuf,
}

pub struct Filter {
    include: GlobSet,
    exclude: GlobSet,
    /// The patterns, to say which one matched or that none did.
    include_patterns: Vec<String>,
    exclude_patterns: Vec<String>,
}

impl Filter {
    /// Builds the filter; the error names the offending pattern.
    pub fn new(include: &[String], exclude: &[String]) -> std::result::Result<Self, String> {
        Ok(Filter {
            include: glob_set(include)?,
            exclude: glob_set(exclude)?,
            include_patterns: include.to_vec(),
            exclude_patterns: exclude.to_vec(),
        })
    }

    pub fn include_patterns(&self) -> &[String] {
        &self.include_patterns
    }

    /// The `exclude` pattern that matches `rel` or one of its folders.
    pub fn excluded_by(&self, rel: &str) -> Option<&str> {
        let mut path = rel;
        loop {
            if let Some(&i) = self.exclude.matches(path).first() {
                return Some(&self.exclude_patterns[i]);
            }
            path = &path[..path.rfind('/')?];
        }
    }

    /// What decides [`Filter::accepts`], to key a cache of its answers.
    pub fn fingerprint(&self) -> impl std::hash::Hash + '_ {
        (&self.include_patterns, &self.exclude_patterns)
    }

    /// A file is linted when `include` matches it and `exclude` matches
    /// neither it nor one of its folders.
    pub fn accepts(&self, rel: &str) -> bool {
        self.include.is_match(rel) && !self.excluded(rel)
    }

    fn excluded(&self, rel: &str) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let mut path = rel;
        loop {
            if self.exclude.is_match(path) {
                return true;
            }
            match path.rfind('/') {
                Some(i) => path = &path[..i],
                None => return false,
            }
        }
    }
}

/// One glob set from patterns; the error names the offending pattern.
pub fn glob_set(patterns: &[String]) -> std::result::Result<GlobSet, String> {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        set.add(Glob::new(pattern).map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))?);
    }
    set.build().map_err(|e| e.to_string())
}

/// The nearest folder at or above `dir` that holds a `.git` entry.
pub fn work_tree_top(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

fn builder(root: &Path) -> WalkBuilder {
    let inside_git = work_tree_top(root).is_some();
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .git_global(false)
        .require_git(false)
        // Ignore files above the root are read only inside a work tree, so
        // nothing outside the repository is opened.
        .parents(inside_git)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git");
    builder
}

/// What the walk already knows about a file, so that reading it needs no
/// second lookup of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A regular file according to the directory listing.
    File,
    /// A symbolic link, or a type the listing did not say.
    Other,
}

/// Walks `root` on all cores, calling `visit` for every accepted file as it
/// is found, so that reading and parsing overlap with the walk. Each walker
/// thread has its own `S` for `visit` to use without locks. Results come
/// back as one list per walker thread (never copied into one big list).
/// Folders that cannot be read are returned as messages, not failures.
///
/// The walk skips what `.gitignore` names; the files the index tracks that
/// it did not reach (one read of the index, one hash probe per file
/// found) are visited after it.
pub fn walk_with<T: Send, S: Default + Send>(
    root: &Path,
    filter: &Filter,
    visit: impl Fn(&mut S, Candidate, Entry) -> Option<T> + Sync,
) -> (Vec<Vec<T>>, Vec<String>) {
    let index = crate::git::Tracked::read(root);
    let tracked = index.as_ref().map(|i| i.paths()).unwrap_or_default();
    let reached: Vec<AtomicBool> = tracked.iter().map(|_| AtomicBool::new(false)).collect();
    // One probe per file found: a binary search compares a dozen long
    // paths that share their folders.
    let position: HashMap<&str, usize, foldhash::fast::RandomState> =
        tracked.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let results: Mutex<(Vec<Vec<T>>, Vec<String>)> = Mutex::new((Vec::new(), Vec::new()));
    builder(root).build_parallel().run(|| {
        let mut local = Local {
            found: Vec::new(),
            errors: Vec::new(),
            shared: &results,
        };
        let (visit, position, reached) = (&visit, &position, &reached);
        let mut state = S::default();
        Box::new(move |entry| {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    local.errors.push(e.to_string());
                    return WalkState::Continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                return WalkState::Continue;
            };
            if file_type.is_dir() {
                return WalkState::Continue;
            }
            let Ok(rel) = entry.path().strip_prefix(root) else {
                return WalkState::Continue;
            };
            let rel = to_slash(rel);
            if filter.accepts(&rel) {
                if let Some(&i) = position.get(rel.as_str()) {
                    reached[i].store(true, Ordering::Relaxed);
                }
                let kind = if file_type.is_file() {
                    Entry::File
                } else {
                    Entry::Other
                };
                let candidate = Candidate {
                    rel,
                    abs: entry.into_path(),
                };
                local.found.extend(visit(&mut state, candidate, kind));
            }
            WalkState::Continue
        })
    });
    let (mut found, errors) = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let ignored: Vec<Candidate> = tracked
        .into_iter()
        .zip(reached)
        .filter(|(rel, reached)| !reached.load(Ordering::Relaxed) && filter.accepts(rel))
        .map(|(rel, _)| Candidate {
            abs: root.join(rel),
            rel: rel.to_owned(),
        })
        .collect();
    if !ignored.is_empty() {
        found.push(
            ignored
                .into_par_iter()
                .map_init(S::default, |state, candidate| {
                    // Tracked but deleted from the work tree: not a document.
                    let meta = std::fs::symlink_metadata(&candidate.abs).ok()?;
                    let kind = if meta.is_file() {
                        Entry::File
                    } else if meta.is_dir() {
                        return None;
                    } else {
                        Entry::Other
                    };
                    visit(state, candidate, kind)
                })
                .flatten()
                .collect(),
        );
    }
    (found, errors)
}

/// One walker thread's results, handed over when the thread finishes.
struct Local<'a, T> {
    found: Vec<T>,
    errors: Vec<String>,
    shared: &'a Mutex<(Vec<Vec<T>>, Vec<String>)>,
}

impl<T> Drop for Local<'_, T> {
    fn drop(&mut self) {
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared.0.push(std::mem::take(&mut self.found));
        shared.1.append(&mut self.errors);
    }
}

pub fn to_slash(rel: &Path) -> String {
    // A path the walk made is `/`-separated already, with no `.` or empty
    // parts: taken as it is (the walk makes a hundred thousand).
    #[cfg(unix)]
    if let Some(text) = rel.to_str().filter(|t| {
        !t.is_empty()
            && !t.starts_with('/')
            && !t.ends_with('/')
            && !t.contains("//")
            && !t.split('/').any(|part| part == ".")
    }) {
        return text.to_owned();
    }
    let mut out = String::new();
    for (i, part) in rel.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(&part.as_os_str().to_string_lossy());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_in_slashes_is_its_components_joined() {
        let joined = |p: &str| {
            Path::new(p)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        };
        for p in [
            "a.md",
            "docs/a b/é.md",
            "./a.md",
            "a/./b.md",
            "a//b.md",
            "a/b/",
            "a/../b.md",
            ".hidden/x.md",
            "a/.b.md",
        ] {
            assert_eq!(to_slash(Path::new(p)), joined(p), "{p}");
        }
    }

    fn filter(include: &[&str], exclude: &[&str]) -> Filter {
        let v = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        Filter::new(&v(include), &v(exclude)).unwrap()
    }

    #[test]
    fn walk_honours_gitignore_and_hidden_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for path in [
            "a.md",
            ".github/PULL_REQUEST_TEMPLATE.md",
            ".git/x.md",
            "build/out.md",
            "notes.txt",
            "vendor/lib/readme.md",
            "deep/er/z.markdown",
        ] {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
        let (found, errors) = walk_with(
            root,
            &filter(&DEFAULT_INCLUDE, &["vendor"]),
            |_: &mut (), c, _| Some(c.rel),
        );
        let mut rels: Vec<String> = found.into_iter().flatten().collect();
        rels.sort();
        assert!(errors.is_empty());
        assert_eq!(
            rels,
            [
                ".github/PULL_REQUEST_TEMPLATE.md",
                "a.md",
                "deep/er/z.markdown"
            ]
        );
    }

    #[test]
    fn exclude_matches_folders() {
        let f = filter(&["**/*.md"], &["drafts/**", "archive"]);
        assert!(f.accepts("docs/a.md"));
        assert!(!f.accepts("drafts/a.md"));
        assert!(!f.accepts("archive/2020/a.md"));
        assert!(!f.accepts("a.txt"));
    }

    #[test]
    fn bad_glob_names_the_pattern() {
        let err = Filter::new(&["a/{b".into()], &[]).err().unwrap();
        assert!(err.contains("a/{b"), "{err}");
    }
}
