//! The repository, read with gix and never through a `git` subprocess: commit
//! resolution in one parallel batch, reachability from one history walk,
//! branches, file contents at a commit, and when each document last changed.

mod head_tree;
mod history;
mod index;
mod objects;
mod settled;
mod tree_diff;

pub use index::{Index, IndexEntry};

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gix::ObjectId;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::intern::Name;

/// What a commit-like string names in the object database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Commit {
        id: ObjectId,
        /// The commit time, in seconds since the epoch.
        time: i64,
        /// The committer's UTC offset, in seconds east; `None` when the
        /// commit was found in the commit-graph, which does not keep it
        /// (see [`Git::commit_offset`]).
        offset: Option<i64>,
        /// The commit's tree, when the commit could be decoded.
        tree: Option<ObjectId>,
    },
    /// An existing object that is a tree, blob or tag.
    NotCommit {
        id: ObjectId,
        kind: &'static str,
    },
    /// A prefix shared by several objects: (id, kind) of each.
    Ambiguous(Vec<(ObjectId, &'static str)>),
    NotFound,
    /// The object database could not be read.
    Unreadable(String),
}

/// Why Git checks cannot run for this project, said once per run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    NotARepository,
    Bare(PathBuf),
    Empty,
    Broken(String),
    /// `extensions.objectFormat = sha256`, which doccheck cannot read.
    Sha256,
}

impl Unavailable {
    /// What is wrong, without what follows from it.
    pub fn reason(&self) -> String {
        match self {
            Unavailable::NotARepository => "not a Git repository".into(),
            Unavailable::Bare(path) => format!("{} is a bare repository", path.display()),
            Unavailable::Empty => "the repository has no commits yet".into(),
            Unavailable::Broken(e) => format!("the repository cannot be read ({e})"),
            Unavailable::Sha256 => {
                "the repository uses the SHA-256 object format, which doccheck does not support yet"
                    .into()
            }
        }
    }

    pub fn message(&self) -> String {
        format!("{}: Git checks (DC2xx) were skipped", self.reason())
    }

    /// Whether the Git checks must stop the run rather than be skipped: the
    /// repository is there but cannot be trusted or read (git itself would
    /// stop), so skipping would pass commits nobody verified.
    pub fn is_fatal(&self) -> bool {
        matches!(self, Unavailable::Broken(_) | Unavailable::Sha256)
    }
}

pub struct Git {
    repo: gix::ThreadSafeRepository,
    head: ObjectId,
    pub shallow: bool,
    /// The project root's path inside the work tree, with a trailing `/`.
    prefix: String,
    /// The work tree's Git folder, where the history's cache is.
    git_dir: PathBuf,
    /// HEAD's history and each commit's changes, read when first needed.
    steps: OnceLock<Vec<history::Step>>,
    diffs: OnceLock<history::Store>,
    /// The tree of each commit the documents cite, from reading the commit
    /// once to resolve it: the code references at that commit start there
    /// instead of reading it again.
    trees: OnceLock<Fast<ObjectId, ObjectId>>,
}

impl std::fmt::Debug for Git {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Git")
            .field("head", &self.head)
            .finish_non_exhaustive()
    }
}

/// The non-bare repository holding `root` (or `repository`), and the
/// project root's path inside its work tree with a trailing `/`.
fn work_tree(
    root: &Path,
    repository: Option<&Path>,
) -> std::result::Result<(gix::Repository, String), Unavailable> {
    let start = repository.unwrap_or(root);
    let repo = match gix::discover(start) {
        Ok(repo) => repo,
        Err(e) => {
            let Some(top) = crate::discover::work_tree_top(start) else {
                return Err(Unavailable::NotARepository);
            };
            if uses_sha256(&top) {
                return Err(Unavailable::Sha256);
            }
            return Err(Unavailable::Broken(e.to_string()));
        }
    };
    if repo.is_bare() {
        return Err(Unavailable::Bare(repo.git_dir().to_path_buf()));
    }
    let prefix = match (repository, repo.workdir()) {
        (None, Some(workdir)) => workdir
            .canonicalize()
            .ok()
            .and_then(|w| root.strip_prefix(w).ok().map(crate::discover::to_slash))
            .filter(|p| !p.is_empty())
            .map(|p| p + "/")
            .unwrap_or_default(),
        _ => String::new(),
    };
    Ok((repo, prefix))
}

/// Whether the repository at `top` declares the SHA-256 object format.
fn uses_sha256(top: &Path) -> bool {
    let Ok(root) = top.canonicalize() else {
        return false;
    };
    crate::check::document::read_inside(&root, &root.join(".git/config")).is_ok_and(|config| {
        config.lines().any(|line| {
            let line = line.trim().to_ascii_lowercase().replace(' ', "");
            line == "objectformat=sha256"
        })
    })
}

fn kind_name(kind: gix::object::Kind) -> &'static str {
    match kind {
        gix::object::Kind::Commit => "commit",
        gix::object::Kind::Tree => "tree",
        gix::object::Kind::Blob => "blob",
        gix::object::Kind::Tag => "tag",
    }
}

/// Cited commits by their text as written, hashed with foldhash: a large
/// project looks up a hundred thousand.
pub type Resolved<'a> = Fast<&'a str, Resolution>;

/// Maps and sets hashed with foldhash: object ids and paths of the repository's own,
/// looked up hundreds of thousands of times, need no protection against
/// chosen keys.
type Fast<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
pub type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;

impl Git {
    /// Opens the repository that holds `root` (or `repository`, when the
    /// configuration names one elsewhere).
    pub fn open(root: &Path, repository: Option<&Path>) -> std::result::Result<Git, Unavailable> {
        let (repo, prefix) = work_tree(root, repository)?;
        // Only an unborn HEAD means "no commits yet"; a HEAD, reference or
        // commit that cannot be read is a damaged repository.
        let broken = |e: &dyn std::fmt::Display| Unavailable::Broken(e.to_string());
        let head = repo.head().map_err(|e| broken(&e))?;
        if head.is_unborn() {
            return Err(Unavailable::Empty);
        }
        let head = head.into_peeled_id().map_err(|e| broken(&e))?.detach();
        repo.find_commit(head)
            .and_then(|c| c.decode().map(drop))
            .map_err(|e| broken(&format!("HEAD commit {head}: {e}")))?;
        let shallow = repo
            .is_shallow()
            .map_err(|e| Unavailable::Broken(e.to_string()))?;
        Ok(Git {
            git_dir: repo.git_dir().to_path_buf(),
            repo: repo.into_sync(),
            head,
            shallow,
            prefix,
            steps: OnceLock::new(),
            diffs: OnceLock::new(),
            trees: OnceLock::new(),
        })
    }

    pub fn head(&self) -> ObjectId {
        self.head
    }

    fn local(&self) -> gix::Repository {
        let mut repo = self.repo.to_thread_local();
        // A miss would otherwise rescan the pack folder, every time.
        repo.objects.refresh_never();
        repo
    }

    /// Resolves every distinct hex string in one parallel pass: the object
    /// database is read once for all of them, and a commit the commit-graph
    /// lists is not decoded.
    pub fn resolve_all<'a>(&self, hexes: Vec<&'a str>) -> Resolved<'a> {
        let repo = self.local();
        let folders = hexes
            .iter()
            .filter_map(|hex| u8::from_str_radix(hex.get(..2)?, 16).ok());
        let objects =
            objects::Objects::read(repo.objects.store_ref().path(), repo.object_hash(), folders);
        let graph = repo.commit_graph_if_enabled().ok().flatten();
        let resolved: Resolved = hexes
            .into_par_iter()
            .map_init(
                || self.local(),
                |repo, hex| (hex, resolve(repo, objects.as_ref(), graph.as_ref(), hex)),
            )
            .collect();
        let trees = resolved.values().filter_map(|r| match r {
            Resolution::Commit { id, tree, .. } => Some((*id, (*tree)?)),
            _ => None,
        });
        // Kept from the first call of the run, the one of the Git checks.
        let _ = self.trees.set(trees.collect());
        resolved
    }

    /// The committer's UTC offset of `commit`, in seconds east: what the
    /// commit-graph does not keep.
    pub fn commit_offset(&self, commit: ObjectId) -> Option<i64> {
        let repo = self.local();
        let time = repo.find_commit(commit).ok()?.time().ok()?;
        Some(time.offset.into())
    }

    /// Commits reachable from the references whose full names start with one
    /// of `prefixes` (`refs/heads/`, `refs/remotes/`, `refs/tags/`) or HEAD:
    /// one walk of the history for the whole run.
    pub fn reachable(&self, prefixes: &[String]) -> Result<HashSet<ObjectId>> {
        let repo = self.local();
        let git_error =
            |e: &dyn std::fmt::Display| Error::Git(format!("cannot list references: {e}"));
        let mut tips = vec![self.head];
        let platform = repo.references().map_err(|e| git_error(&e))?;
        for reference in platform.all().map_err(|e| git_error(&e))? {
            let Ok(mut reference) = reference else {
                continue;
            };
            let name = reference.name().as_bstr().to_string();
            if !prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                continue;
            }
            if let Ok(id) = reference.peel_to_id()
                && let Ok(Some(header)) = repo.try_find_header(id.detach())
                && header.kind() == gix::object::Kind::Commit
            {
                tips.push(id.detach());
            }
        }
        let walk = repo.rev_walk(tips).all().map_err(|e| git_error(&e))?;
        Ok(walk.filter_map(|info| info.ok().map(|i| i.id)).collect())
    }

    /// Which of `commits` are in HEAD's history, known without walking
    /// everything reachable: with a commit-graph, one walk of it down from
    /// HEAD (see [`graph_ancestors`]); without one, a merge-base walk for
    /// each of a few commits. For more, none is known here, and the caller
    /// walks the history once for all of them.
    pub fn in_head_history(&self, commits: &[ObjectId]) -> FastSet<ObjectId> {
        let repo = self.local();
        let graph = repo.commit_graph_if_enabled().ok().flatten();
        if let Some(found) = graph.and_then(|g| graph_ancestors(&repo, &g, self.head, commits)) {
            return found;
        }
        if commits.len() > 16 {
            return FastSet::default();
        }
        commits
            .iter()
            .copied()
            .filter(|&commit| {
                repo.merge_base(commit, self.head)
                    .is_ok_and(|base| base.is_some_and(|b| b.detach() == commit))
            })
            .collect()
    }

    /// Local branch names and remote-tracking names (`origin/main`).
    pub fn branches(&self) -> HashSet<String> {
        let repo = self.local();
        let mut names = HashSet::new();
        if let Ok(platform) = repo.references() {
            let local = platform.local_branches().into_iter().flatten();
            let remote = platform.remote_branches().into_iter().flatten();
            for reference in local.chain(remote).flatten() {
                names.insert(reference.name().shorten().to_string());
            }
        }
        names
    }

    /// Evidence that branches which no longer exist were merged, from one
    /// walk of HEAD's history that stops once everything is found: the
    /// merge commits whose message names each of `branches` ("Merge branch
    /// 'x'", "Merge pull request #12 from owner/x", "Merged in x"), and
    /// which of `commits` are in that history.
    pub fn merged(&self, branches: &[&str], commits: &[ObjectId]) -> Merged {
        let repo = self.local();
        let mut out = Merged::default();
        let mut branches: HashSet<&str> = branches.iter().copied().collect();
        let mut commits: HashSet<ObjectId> = commits.iter().copied().collect();
        let Ok(walk) = repo.rev_walk([self.head]).all() else {
            return out;
        };
        for info in walk {
            if branches.is_empty() && commits.is_empty() {
                break;
            }
            let Ok(info) = info else { break };
            if commits.remove(&info.id) {
                out.commits.insert(info.id);
            }
            if info.parent_ids.len() < 2 || branches.is_empty() {
                continue;
            }
            let Ok(commit) = repo.find_commit(info.id) else {
                continue;
            };
            let Ok(message) = commit.message_raw() else {
                continue;
            };
            let summary = String::from_utf8_lossy(message);
            let summary = summary.lines().next().unwrap_or_default();
            for name in merged_branch(summary) {
                if branches.remove(name) {
                    out.branches.insert(name.to_owned(), info.id);
                }
            }
        }
        out
    }

    /// A reader for [`Reader::line_count`] calls on one thread.
    pub fn reader(&self) -> Reader<'_> {
        let mut repo = self.local();
        // Subtrees on the way to the files references name, decoded once.
        repo.object_cache_size(2 * 1024 * 1024);
        Reader {
            git: self,
            repo,
            lines: Fast::default(),
            trees: Fast::default(),
            steps: Fast::default(),
        }
    }

    /// The repository-relative path of a project-relative one.
    pub fn repo_path(&self, rel: &str) -> String {
        format!("{}{rel}", self.prefix)
    }

    /// For each of `paths` (project-relative), the newest commit reachable
    /// from HEAD that changed its text in a way that matters: one walk of
    /// the history, newest first, diffing each commit against its parent,
    /// stopping once every path is settled. What does not matter:
    ///
    /// - merge commits (the commits they merge made the change, on the day
    ///   they made it);
    /// - commits listed in `.git-blame-ignore-revs` (bulk reformatting);
    /// - a change of whitespace or Markdown formatting only, or of the
    ///   `last_updated` lines only (the bump that records a change is not
    ///   one).
    ///
    /// A path is settled by such a change, or by the commit that added it
    /// (reported with `added`: its first version, not an edit of it). On
    /// the way, the newest commit that touched it at all (merges and listed
    /// commits aside) is kept too: a review that only bumps `last_updated`.
    ///
    /// The answers are kept for HEAD (see [`settled`]): with the same HEAD,
    /// a path answered before is not looked for again.
    pub fn last_changes(&self, paths: &[&str]) -> Vec<History> {
        let repo = self.local();
        let head = repo.find_commit(self.head).ok();
        let head_tree = head.as_ref().and_then(|c| c.tree().ok());
        let ignored = head_tree
            .as_ref()
            .map(|tree| ignored_revisions(&repo, tree))
            .unwrap_or_default();
        // HEAD's parent, unless HEAD merges (the walk then interleaves).
        let parent = head.as_ref().and_then(|c| {
            let mut parents = c.parent_ids();
            let first = parents.next()?.detach();
            parents.next().is_none().then_some(first)
        });
        // Keyed by the commits set aside too: an abbreviated one that more
        // objects made ambiguous is no longer set aside.
        let mut table = settled::Table::open(&self.git_dir, self.head, parent, &ignored);
        if let Some(parent) = parent.filter(|_| table.inherited()) {
            self.bring_up(&repo, &mut table, parent, &ignored);
        }
        // A hundred thousand lookups in the table, on every core.
        let answers: Vec<Option<History>> = paths
            .par_iter()
            .map(|p| table.get(&self.repo_path(p)))
            .collect();
        let mut found: Vec<History> = vec![History::default(); paths.len()];
        let mut wanted: HashMap<String, usize> = HashMap::new();
        for (i, answer) in answers.into_iter().enumerate() {
            match answer {
                Some(answer) => found[i] = answer,
                None => {
                    wanted.insert(self.repo_path(paths[i]), i);
                }
            }
        }
        if wanted.is_empty() {
            table.save();
            return found;
        }
        // A document not in HEAD (new, not committed yet) has no last change
        // in history: without this the walk could never stop early. A few
        // paths are looked up; many, listed in one traversal.
        if let Some(tree) = head_tree.as_ref().filter(|_| wanted.len() <= 64) {
            let committed = committed_blobs(&repo, tree, wanted.keys());
            wanted.retain(|path, _| committed.contains(path.as_str()));
        } else if let Some(tree) = &head_tree {
            let mut recorder = gix::traverse::tree::Recorder::default();
            if tree.traverse().breadthfirst(&mut recorder).is_ok() {
                let committed: HashSet<String> = recorder
                    .records
                    .into_iter()
                    .filter(|e| e.mode.is_blob())
                    .map(|e| e.filepath.to_string())
                    .collect();
                wanted.retain(|path, _| committed.contains(path));
            }
        }
        let mut remaining = wanted.len();
        if remaining == 0 {
            table.save();
            return found;
        }
        // Only answers from a whole reading of the history are kept: not
        // when HEAD's tree, a commit or its changes could not be read.
        let mut whole = head_tree.is_some();
        // Most documents settle in the newest commits: walk and diff the
        // history in blocks, growing, and stop after the block that
        // settles the last.
        let mut walk = history::Walk::new(&repo, self.head);
        let mut block = 64;
        while remaining > 0 {
            let steps = walk.next_block(block);
            if steps.is_empty() {
                whole &= walk.ended();
                break;
            }
            let read: Vec<history::Step> = steps
                .into_iter()
                .filter(|s| !s.merge && !ignored.contains(&s.id))
                .collect();
            let keep = |path: &str| wanted.contains_key(path);
            let diffs = self.store().diffs_keeping(self, &read, Some(&keep));
            // The edits of documents not settled yet: whether each says
            // something new is asked below in history order, one at a time;
            // their texts are compared first, in parallel.
            let edits: Vec<(ObjectId, ObjectId)> = diffs
                .iter()
                .flatten()
                .flat_map(|diff| &diff.changes)
                .filter(|c| {
                    c.kind == history::Kind::Modified
                        && wanted
                            .get(&*c.path)
                            .is_some_and(|&i| found[i].changed.is_none())
                })
                .filter_map(|c| Some((c.previous?, c.id)))
                .collect();
            self.store().compare_all(&edits, || self.local(), same_text);
            for (step, diff) in read.iter().zip(diffs) {
                let Some(diff) = diff else {
                    whole = false;
                    continue;
                };
                for change in &diff.changes {
                    let versions = match change.kind {
                        history::Kind::Added => None,
                        history::Kind::Modified => change.previous.map(|p| (p, change.id)),
                        history::Kind::Deleted => continue,
                    };
                    let Some(&i) = wanted.get(&*change.path) else {
                        continue;
                    };
                    let history = &mut found[i];
                    if history.changed.is_some() {
                        continue;
                    }
                    let change = Changed {
                        time: diff.author.0,
                        offset: diff.author.1.into(),
                        id: step.id,
                        added: versions.is_none(),
                    };
                    history.touched.get_or_insert(change);
                    if versions.is_some_and(|(old, new)| {
                        self.store()
                            .same_text(old, new, || same_text(&repo, old, new))
                    }) {
                        continue;
                    }
                    history.changed = Some(change);
                    remaining -= 1;
                }
                if remaining == 0 {
                    break;
                }
            }
            block = (block * 2).min(4096);
        }
        if whole {
            for (path, &i) in &wanted {
                table.insert(path, found[i]);
            }
        }
        table.save();
        found
    }

    /// Brings a table of last changes written for HEAD's only parent up to
    /// HEAD: the walk from HEAD is HEAD's commit and then the walk from its
    /// parent, so a path HEAD's commit did not change has its parent's
    /// answer, and one it did is settled by it (or touched by it, with the
    /// parent's change when it changed only formatting or metadata). Left
    /// as it is (answering nothing) when the commit cannot be read.
    fn bring_up(
        &self,
        repo: &gix::Repository,
        table: &mut settled::Table,
        parent: ObjectId,
        ignored: &HashSet<ObjectId>,
    ) {
        let step = history::Step {
            id: self.head,
            first_parent: Some(parent),
            merge: false,
        };
        let Some(diff) = history::diff_one(repo, &step) else {
            return;
        };
        let mut changed = HashMap::new();
        // A commit set aside changes nothing that matters.
        for change in diff
            .changes
            .iter()
            .filter(|_| !ignored.contains(&self.head))
        {
            let answer = match change.kind {
                // A file that is gone, or not a file now, is no document of
                // HEAD: the walk's first look says so.
                history::Kind::Deleted => None,
                _ if !change.blob => None,
                kind => {
                    let versions = match kind {
                        history::Kind::Modified => change.previous.map(|p| (p, change.id)),
                        _ => None,
                    };
                    let here = Changed {
                        time: diff.author.0,
                        offset: diff.author.1.into(),
                        id: self.head,
                        added: versions.is_none(),
                    };
                    match versions {
                        Some((old, new)) if same_text(repo, old, new) => {
                            table.at_parent(&change.path).map(|before| History {
                                touched: Some(here),
                                changed: before.changed,
                            })
                        }
                        _ => Some(History {
                            touched: Some(here),
                            changed: Some(here),
                        }),
                    }
                }
            };
            changed.insert(change.path.to_string(), answer);
        }
        table.on_top(changed);
    }

    /// HEAD's history, newest first, walked once per run.
    fn steps(&self) -> &[history::Step] {
        self.steps
            .get_or_init(|| history::walk(&self.local(), self.head))
    }

    fn store(&self) -> &history::Store {
        self.diffs
            .get_or_init(|| history::Store::open(&self.git_dir))
    }

    /// Keeps the commits' changes this run computed for the next run (under
    /// `.git/doccheck/`), when the history was read at all.
    pub fn save_history(&self) {
        if let Some(store) = self.diffs.get() {
            store.save();
        }
    }
}

/// Which of `commits` are ancestors of `head` (or it), from the
/// commit-graph: each step reads a parent's position in the graph file
/// rather than a commit object, and the walk stops below the oldest commit
/// sought by generation (a commit's longest path to a root, so no commit
/// is an ancestor of one whose generation is not higher). The commits newer
/// than the graph are read as objects until the walk enters it; a commit
/// in the graph has all its ancestors there. `None` when a commit or the
/// graph cannot be read: the caller then asks Git the slow way.
fn graph_ancestors(
    repo: &gix::Repository,
    graph: &gix::commitgraph::Graph,
    head: ObjectId,
    commits: &[ObjectId],
) -> Option<FastSet<ObjectId>> {
    // Old graphs leave generations uncomputed (0); a huge history clamps
    // them at the format's maximum. Neither orders commits.
    let known = |generation: u32| (1..0x3fff_ffff).contains(&generation);
    let mut sought: Fast<u32, ObjectId> = Fast::default();
    let mut loose: HashSet<ObjectId> = HashSet::new();
    let mut floor = Some(u32::MAX);
    for &id in commits {
        match graph.lookup(id) {
            Some(at) => {
                let generation = graph.commit_at(at).generation();
                floor = floor
                    .filter(|_| known(generation))
                    .map(|f| f.min(generation));
                sought.insert(at.0, id);
            }
            None => {
                loose.insert(id);
            }
        }
    }
    let mut found = FastSet::default();
    let mut entries = Vec::new();
    let mut read: HashSet<ObjectId> = HashSet::new();
    let mut stack = vec![head];
    while let Some(id) = stack.pop() {
        if let Some(at) = graph.lookup(id) {
            entries.push(at);
            continue;
        }
        if !read.insert(id) {
            continue;
        }
        if loose.remove(&id) {
            found.insert(id);
        }
        let commit = repo.find_commit(id).ok()?;
        stack.extend(commit.parent_ids().map(|p| p.detach()));
    }
    let mut seen = vec![false; graph.num_commits() as usize];
    let mut stack = entries;
    while let Some(at) = stack.pop() {
        if sought.is_empty() {
            break;
        }
        let visited = seen.get_mut(at.0 as usize)?;
        if std::mem::replace(visited, true) {
            continue;
        }
        if let Some(id) = sought.remove(&at.0) {
            found.insert(id);
        }
        let commit = graph.commit_at(at);
        let generation = commit.generation();
        if floor.is_some_and(|f| known(generation) && generation <= f) {
            continue;
        }
        for parent in commit.iter_parents() {
            stack.push(parent.ok()?);
        }
    }
    Some(found)
}

/// Which of `paths` are blobs of `tree`. Each folder's tree is decoded
/// once, not once per path: a folder of 50,000 documents is megabytes of
/// zlib.
fn committed_blobs<'p>(
    repo: &gix::Repository,
    tree: &gix::Tree<'_>,
    paths: impl Iterator<Item = &'p String>,
) -> HashSet<String> {
    // Folder → file name → the path as given.
    let mut by_folder: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    for path in paths {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        by_folder.entry(folder).or_default().insert(name, path);
    }
    let mut out = HashSet::new();
    for (folder, names) in by_folder {
        let sub = match folder {
            "" => Some(tree.clone()),
            _ => tree
                .lookup_entry_by_path(folder)
                .ok()
                .flatten()
                .filter(|e| e.mode().is_tree())
                .and_then(|e| repo.find_tree(e.object_id()).ok()),
        };
        let Some(sub) = sub else { continue };
        for entry in sub.iter().filter_map(std::result::Result::ok) {
            if let Some(&path) = std::str::from_utf8(entry.filename())
                .ok()
                .and_then(|n| names.get(n))
                && entry.mode().is_blob()
            {
                out.insert(path.to_owned());
            }
        }
    }
    out
}

/// The files of one tree, by name, for finding the file a bare or partial
/// path (`extractor.py`, `battlefield/mod.rs`) means.
#[derive(Debug, Default)]
pub struct Listing {
    /// Project-relative paths, by their last segment.
    by_name: HashMap<Box<str>, Vec<Box<str>>>,
    /// First segments (top-level files and folders).
    top: HashSet<Box<str>>,
    /// File-name extensions, lowercased.
    extensions: HashSet<Box<str>>,
}

impl Listing {
    pub fn insert(&mut self, path: &str) {
        let name = path.rsplit('/').next().unwrap_or(path);
        // Allocated only for what is new: a listing holds thousands.
        match self.by_name.get_mut(name) {
            Some(list) if list.iter().any(|p| &**p == path) => {}
            Some(list) => list.push(path.into()),
            None => {
                self.by_name.insert(name.into(), vec![path.into()]);
            }
        }
        let top = path.split('/').next().unwrap_or(path);
        if !self.top.contains(top) {
            self.top.insert(top.into());
        }
        if let Some((_, ext)) = name.rsplit_once('.') {
            let known = match ext.bytes().any(|b| b.is_ascii_uppercase()) {
                true => self.extensions.contains(ext.to_ascii_lowercase().as_str()),
                false => self.extensions.contains(ext),
            };
            if !known {
                self.extensions.insert(ext.to_ascii_lowercase().into());
            }
        }
    }

    /// Every file named `name`.
    pub fn named(&self, name: &str) -> &[Box<str>] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether a top-level file or folder is called `name`.
    pub fn has_top(&self, name: &str) -> bool {
        self.top.contains(name)
    }

    /// Whether some file's name ends in `.ext` (any case).
    pub fn has_extension(&self, ext: &str) -> bool {
        self.extensions.contains(ext.to_ascii_lowercase().as_str())
    }

    /// Every file name, for "did you mean" suggestions.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(|k| &**k)
    }
}

/// What the whole history says about paths: one walk, for the references
/// that the cited commit and HEAD cannot explain.
#[derive(Debug, Default)]
pub struct PathHistory {
    /// For each wanted path: the oldest and the newest commit that changed
    /// it.
    pub changed: Vec<Option<(ObjectId, ObjectId)>>,
    /// Every file that ever existed in the history of HEAD.
    pub ever: Listing,
    /// Where a file went when a commit deleted it and added one with the
    /// same content or the same name (newest move first).
    pub moves: HashMap<String, String>,
    /// For each watched path: every version committed, newest first, as
    /// (commit, its time, blob).
    pub versions: HashMap<String, Vec<(ObjectId, i64, ObjectId)>>,
    /// Each commit's place in the walk, newest (0) first.
    pub order: HashMap<ObjectId, usize>,
}

impl PathHistory {
    /// Where `path` lives now, following moves; `None` when it was not moved.
    pub fn moved_to(&self, path: &str) -> Option<&str> {
        let mut at = self.moves.get(path)?;
        // A chain of moves, cut short should it ever loop.
        for _ in 0..32 {
            match self.moves.get(at.as_str()) {
                Some(next) if next != path => at = next,
                _ => break,
            }
        }
        Some(at)
    }
}

impl Git {
    /// The first parent of `commit`, if it has one.
    pub fn first_parent(&self, commit: ObjectId) -> Option<ObjectId> {
        let repo = self.local();
        let commit = repo.find_commit(commit).ok()?;
        commit.parent_ids().next().map(|id| id.detach())
    }

    /// The files of `commit`'s tree, inside the project.
    pub fn listing(&self, commit: ObjectId) -> Option<Listing> {
        let repo = self.local();
        let tree = repo.find_commit(commit).ok()?.tree().ok()?;
        let mut recorder = gix::traverse::tree::Recorder::default();
        tree.traverse().breadthfirst(&mut recorder).ok()?;
        let mut listing = Listing::default();
        for entry in recorder.records.iter().filter(|e| e.mode.is_blob()) {
            if let Ok(path) = std::str::from_utf8(&entry.filepath)
                && let Some(rel) = path.strip_prefix(self.prefix.as_str())
            {
                listing.insert(rel);
            }
        }
        Some(listing)
    }

    /// Every file the history of HEAD ever had, and the commits of that
    /// history, when the history's cache already holds every commit's
    /// changes (else `None`: listing a tree is then cheaper than diffing
    /// the whole history). Any file of a commit of that history was added
    /// or modified by one of them, against its first parent.
    pub fn cached_ever(&self) -> Option<(Listing, HashSet<ObjectId>)> {
        let steps = self.steps();
        if !self.store().holds(steps) {
            return None;
        }
        let mut ever = Listing::default();
        self.store().each(self, steps, |_, diff| {
            for change in diff.map_or(&[][..], |(_, changes)| changes) {
                if change.blob
                    && change.kind != history::Kind::Deleted
                    && let Some(rel) = change.path.strip_prefix(self.prefix.as_str())
                {
                    ever.insert(rel);
                }
            }
        });
        Some((ever, steps.iter().map(|s| s.id).collect()))
    }

    /// Whether `path` (project-relative) is a file in `commit`'s tree.
    pub fn has_file(reader: &mut Reader<'_>, commit: ObjectId, path: &str) -> bool {
        matches!(reader.blob_at(commit, path), Ok(Some(_)))
    }

    /// One walk of HEAD's whole history, diffing each commit against its
    /// first parent: when each of `wanted` (project-relative) was first and
    /// last changed, every file that ever existed, the moves, and every
    /// version of the `watched` files.
    pub fn path_history(&self, wanted: &[&str], watched: &HashSet<&str>) -> PathHistory {
        let index: HashMap<String, usize> = wanted
            .iter()
            .enumerate()
            .map(|(i, p)| (self.repo_path(p), i))
            .collect();
        let mut history = PathHistory {
            changed: vec![None; wanted.len()],
            ..PathHistory::default()
        };
        self.store().each(self, self.steps(), |step, diff| {
            let seq = history.order.len();
            history.order.insert(step.id, seq);
            let Some((time, changes)) = diff else { return };
            let mut added: Vec<(String, ObjectId)> = Vec::new();
            let mut deleted: Vec<(String, ObjectId)> = Vec::new();
            for change in changes {
                if !change.blob {
                    continue;
                }
                let (path, oid) = (change.path, change.id);
                if let Some(&i) = index.get(path) {
                    let slot = &mut history.changed[i];
                    *slot = Some((step.id, slot.map_or(step.id, |(_, last)| last)));
                }
                let Some(rel) = path.strip_prefix(self.prefix.as_str()) else {
                    continue;
                };
                if watched.contains(rel) && change.kind != history::Kind::Deleted {
                    history
                        .versions
                        .entry(rel.to_owned())
                        .or_default()
                        .push((step.id, time, oid));
                }
                match change.kind {
                    history::Kind::Added => {
                        history.ever.insert(rel);
                        added.push((rel.to_owned(), oid));
                    }
                    history::Kind::Deleted => deleted.push((rel.to_owned(), oid)),
                    history::Kind::Modified => history.ever.insert(rel),
                }
            }
            for (old, oid) in deleted {
                let name = old.rsplit('/').next().unwrap_or(&old);
                let same_content = added.iter().find(|(_, a)| *a == oid);
                let mut same_name = added
                    .iter()
                    .filter(|(p, _)| p.rsplit('/').next() == Some(name));
                let to = same_content
                    .or_else(|| match (same_name.next(), same_name.next()) {
                        (Some(only), None) => Some(only),
                        _ => None,
                    })
                    .map(|(new, _)| new.clone())
                    .or_else(|| {
                        // `models/naive_bayes.rs` split into `models/naive_bayes/`.
                        let folder = format!("{}/", old.rsplit_once('.')?.0);
                        added
                            .iter()
                            .any(|(p, _)| p.starts_with(&folder))
                            .then_some(folder)
                    });
                // Newest first: a later move of the same path is already known.
                if let Some(new) = to {
                    history.moves.entry(old).or_insert(new);
                }
            }
        });
        history
    }
}

/// Writes one of doccheck's caches under the Git folder, atomically (a
/// file beside it, renamed over it). The caches only save time: a
/// repository that cannot be written to keeps none.
pub fn write_cache(file: &Path, bytes: &[u8]) {
    use std::io::Write as _;
    let Some(folder) = file.parent() else { return };
    let Some(name) = file.file_name() else { return };
    let temp = folder.join(format!(
        "{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = std::fs::create_dir_all(folder)
        .and_then(|()| std::fs::File::create(&temp))
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| std::fs::rename(&temp, file));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

/// What [`Git::merged`] found.
#[derive(Debug, Default)]
pub struct Merged {
    /// Each branch a merge commit names, and that merge commit.
    pub branches: HashMap<String, ObjectId>,
    /// The commits asked about that are in HEAD's history.
    pub commits: HashSet<ObjectId>,
}

/// The names a merge commit's summary line gives the branch it merged: as
/// written, and without the remote or fork owner in front
/// (`origin/x`, `owner/x`).
fn merged_branch(summary: &str) -> Vec<&str> {
    fn quoted(rest: &str) -> Option<&str> {
        rest.strip_prefix('\'')?.split('\'').next()
    }
    let name = if let Some(rest) = summary.strip_prefix("Merge branch ") {
        quoted(rest)
    } else if let Some(rest) = summary.strip_prefix("Merge remote-tracking branch ") {
        quoted(rest)
    } else if let Some(rest) = summary.strip_prefix("Merge pull request ") {
        rest.split_once(" from ")
            .and_then(|(_, from)| from.split_whitespace().next())
    } else if let Some(rest) = summary.strip_prefix("Merged in ") {
        rest.split_whitespace().next()
    } else {
        None
    };
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return Vec::new();
    };
    let mut names = vec![name];
    if let Some((_, short)) = name.split_once('/') {
        names.push(short);
    }
    names
}

/// When a document last changed, from [`Git::last_changes`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    /// The newest commit that changed the file in any way.
    pub touched: Option<Changed>,
    /// The newest change of its text that matters, or its addition.
    pub changed: Option<Changed>,
}

/// A commit that changed a document (see [`Git::last_changes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    /// The author's time, in seconds since the epoch, and UTC offset in
    /// seconds east.
    pub time: i64,
    pub offset: i64,
    pub id: ObjectId,
    /// The commit added the file: its first version, not an edit of it.
    pub added: bool,
}

impl Changed {
    /// The day of the change where its author was, in days since the epoch.
    pub fn day(&self) -> i64 {
        (self.time + self.offset).div_euclid(86_400)
    }
}

/// The commits `.git-blame-ignore-revs` at HEAD lists (one revision a line,
/// `#` comments), which Git's own `blame.ignoreRevsFile` convention uses
/// for bulk reformatting. A line that names no commit is skipped.
fn ignored_revisions(repo: &gix::Repository, head: &gix::Tree<'_>) -> HashSet<ObjectId> {
    let Some(blob) = head
        .lookup_entry_by_path(".git-blame-ignore-revs")
        .ok()
        .flatten()
        .filter(|e| e.mode().is_blob())
        .and_then(|e| e.object().ok())
    else {
        return HashSet::new();
    };
    String::from_utf8_lossy(&blob.data)
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|rev| rev.len() >= 4 && rev.bytes().all(|b| b.is_ascii_hexdigit()))
        .filter_map(|rev| match resolve(repo, None, None, rev) {
            Resolution::Commit { id, .. } => Some(id),
            _ => None,
        })
        .collect()
}

/// Whether two versions of a document say the same: the same words and
/// numbers in the same order in the body, once whitespace and Markdown
/// punctuation (bullets, emphasis, table rules, heading marks) are set
/// aside. The metadata is not the text: neither the frontmatter nor a
/// `**Last Updated**:` line is compared, so bumping the date that records
/// a change, or repairing a key, is not itself one. Unreadable blobs count
/// as different.
fn same_text(repo: &gix::Repository, old: ObjectId, new: ObjectId) -> bool {
    let (Ok(old), Ok(new)) = (repo.find_blob(old), repo.find_blob(new)) else {
        return false;
    };
    let (old, new) = (
        String::from_utf8_lossy(&old.data),
        String::from_utf8_lossy(&new.data),
    );
    words(&old).eq(words(&new))
}

/// The words of a document's body that carry its meaning, in order (see
/// [`same_text`]).
fn words(text: &str) -> impl Iterator<Item = &str> {
    let (_, body) = crate::parse::frontmatter::split(text);
    text[body..]
        .lines()
        .filter(|line| !says_last_updated(line))
        .flat_map(|line| line.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
}

/// `**Last Updated**: …`, `- last_updated: …` and the like.
fn says_last_updated(line: &str) -> bool {
    let key = line.trim_start().trim_start_matches(['-', '*', ' ']);
    let Some(rest) = key.get(..12).filter(|k| {
        k.eq_ignore_ascii_case("last_updated")
            || k.eq_ignore_ascii_case("last updated")
            || k.eq_ignore_ascii_case("last-updated")
    }) else {
        return false;
    };
    key[rest.len()..].trim_start_matches('*').starts_with(':')
}

/// The files a change touched, as project-relative paths.
#[derive(Debug, Default)]
pub struct Change {
    /// The merge base the change is measured from, abbreviated.
    pub base: String,
    /// Added or modified (a rename is a deletion and an addition).
    pub changed: Vec<String>,
    pub deleted: Vec<String>,
    /// For each changed file, its blob before (none when added) and after.
    pub versions: HashMap<String, (Option<ObjectId>, ObjectId)>,
}

impl Git {
    /// What changed between `merge-base(rev, HEAD)` and HEAD, the files of
    /// a pull request. Every way this can fail is an error, never an empty
    /// change: an empty change would pass the gate.
    pub fn changes_since(&self, rev: &str) -> std::result::Result<Change, String> {
        let repo = self.repo.to_thread_local();
        let base = repo
            .rev_parse_single(rev)
            .map_err(|_| {
                format!(
                    "unknown revision `{rev}`: fetch it first (in CI, `git fetch origin <branch>` or a checkout with `fetch-depth: 0`)"
                )
            })?
            .object()
            .and_then(|o| Ok(o.peel_to_commit()?.id))
            .map_err(|_| format!("`{rev}` does not name a commit"))?;
        let merge_base = match repo.merge_base(base, self.head) {
            Ok(Some(id)) => id.detach(),
            Ok(None) => {
                return Err(format!(
                    "`{rev}` and HEAD have no common history{}",
                    if self.shallow {
                        ": this is a shallow clone, fetch more history (`fetch-depth: 0`)"
                    } else {
                        ""
                    }
                ));
            }
            Err(e) => {
                return Err(format!(
                    "cannot find the merge base of `{rev}` and HEAD: {e}"
                ));
            }
        };
        let tree_of = |id: ObjectId| -> std::result::Result<gix::Tree<'_>, String> {
            let unreadable =
                |e: &dyn std::fmt::Display| format!("cannot read the tree of {id}: {e}");
            let commit = repo.find_commit(id).map_err(|e| unreadable(&e))?;
            commit.tree().map_err(|e| unreadable(&e))
        };
        let (old, new) = (tree_of(merge_base)?, tree_of(self.head)?);
        let mut recorder = gix::diff::tree::Recorder::default();
        gix::diff::tree(
            gix::objs::TreeRefIter::from_bytes(&old.data, gix::hash::Kind::Sha1),
            gix::objs::TreeRefIter::from_bytes(&new.data, gix::hash::Kind::Sha1),
            gix::diff::tree::State::default(),
            &repo.objects,
            &mut recorder,
        )
        .map_err(|e| format!("cannot compare `{rev}` with HEAD: {e}"))?;
        let mut change = Change {
            base: merge_base.to_hex_with_len(7).to_string(),
            ..Change::default()
        };
        use gix::diff::tree::recorder::Change as C;
        for record in recorder.records {
            let (path, mode, deleted, versions) = match &record {
                C::Addition {
                    path,
                    entry_mode,
                    oid,
                    ..
                } => (path, entry_mode, false, (None, *oid)),
                C::Modification {
                    path,
                    entry_mode,
                    previous_oid,
                    oid,
                    ..
                } => (path, entry_mode, false, (Some(*previous_oid), *oid)),
                C::Deletion {
                    path,
                    entry_mode,
                    oid,
                    ..
                } => (path, entry_mode, true, (None, *oid)),
            };
            if mode.is_tree() {
                continue;
            }
            // Paths outside the project root are not the project's.
            let Some(rel) = path
                .to_string()
                .strip_prefix(&self.prefix)
                .map(str::to_owned)
            else {
                continue;
            };
            if deleted {
                change.deleted.push(rel);
            } else {
                change.versions.insert(rel.clone(), versions);
                change.changed.push(rel);
            }
        }
        change.changed.sort();
        change.deleted.sort();
        Ok(change)
    }
}

/// The contents of blobs of the repository holding `root`, read for
/// display; a blob that cannot be read is left out.
pub fn blobs(root: &Path, ids: &[ObjectId]) -> HashMap<ObjectId, Vec<u8>> {
    let Ok(repo) = gix::discover(root) else {
        return HashMap::new();
    };
    ids.iter()
        .filter_map(|&id| Some((id, repo.find_blob(id).ok()?.detach().data)))
        .collect()
}

/// The index of the work tree holding a project, read for the paths it
/// tracks.
pub struct Tracked {
    index: gix::index::File,
    prefix: String,
}

impl Tracked {
    /// One read of the index; `None` outside a work tree or when the index
    /// cannot be read (discovery then knows only what `.gitignore` says).
    /// Its checksum is not verified, which halves the time: a damaged
    /// index at worst names files that are then looked for on disk.
    pub fn read(root: &Path) -> Option<Tracked> {
        let (repo, prefix) = work_tree(root, None).ok()?;
        let index = gix::index::File::at_or_default(
            repo.index_path(),
            repo.object_hash(),
            true,
            gix::index::decode::Options::default(),
        )
        .ok()?;
        Some(Tracked { index, prefix })
    }

    /// The tracked files inside the project, project-relative and sorted
    /// bytewise (the index's own order).
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self
            .index
            .entries()
            .iter()
            // A submodule or a sparse folder is not a file of this work tree.
            .filter(|e| !e.mode.is_dir_for_pattern_matching())
            .filter_map(|e| {
                std::str::from_utf8(e.path(&self.index))
                    .ok()?
                    .strip_prefix(self.prefix.as_str())
            })
            .collect();
        // A conflicted file has an entry per stage.
        paths.dedup();
        paths
    }
}

/// Reads files at commits on one thread, counting each blob's lines once.
pub struct Reader<'a> {
    git: &'a Git,
    repo: gix::Repository,
    lines: Fast<ObjectId, usize>,
    /// Each commit's tree, and what a path is in a tree: many references
    /// name the same files at the same commits.
    trees: Fast<ObjectId, ObjectId>,
    /// What one name is in one folder's tree: the folders on the way to a
    /// file are the same trees in most commits, decoded once. A file's
    /// path is looked up again step by step: a map by whole paths would
    /// hold one entry for each of a hundred thousand cited commits.
    steps: Fast<(ObjectId, Name), Option<Step>>,
}

impl Reader<'_> {
    /// The number of lines of `path` (project-relative) at `commit`;
    /// `Ok(None)` when it was not a file there, `Err` when the repository
    /// cannot say (a commit, tree or blob that cannot be read). A blob larger
    /// than [`MAX_COUNTED_BLOB`] is not read: it is taken to be long enough.
    pub fn line_count(
        &mut self,
        commit: ObjectId,
        path: &str,
    ) -> std::result::Result<Option<usize>, String> {
        match self.blob_at(commit, path)? {
            Some(id) => self.blob_lines(id).map(Some),
            None => Ok(None),
        }
    }

    /// The number of lines of a blob, counted once per blob; a blob larger
    /// than [`MAX_COUNTED_BLOB`] is not read: it is taken to be long enough.
    pub fn blob_lines(&mut self, id: ObjectId) -> std::result::Result<usize, String> {
        if let Some(&n) = self.lines.get(&id) {
            return Ok(n);
        }
        let unreadable = |e: &dyn std::fmt::Display| format!("cannot read object {id}: {e}");
        let size = self
            .repo
            .try_find_header(id)
            .map_err(|e| unreadable(&e))?
            .map_or(0, |h| h.size());
        if size > MAX_COUNTED_BLOB {
            return Ok(usize::MAX);
        }
        let blob = self.repo.find_blob(id).map_err(|e| unreadable(&e))?;
        let data = &blob.data;
        let newlines = data.iter().filter(|&&b| b == b'\n').count();
        let n = newlines + usize::from(!data.is_empty() && data.last() != Some(&b'\n'));
        self.lines.insert(id, n);
        Ok(n)
    }

    /// The blob at `path` (project-relative) in `commit`'s tree: `Ok(None)`
    /// when it is not a file there, `Err` when the commit or a tree cannot
    /// be read. Each folder's answer is kept; failures are not.
    pub(crate) fn blob_at(
        &mut self,
        commit: ObjectId,
        path: &str,
    ) -> std::result::Result<Option<ObjectId>, String> {
        let unreadable = |what: &str, e: &dyn std::fmt::Display| format!("cannot read {what}: {e}");
        let cited = self.git.trees.get().and_then(|t| t.get(&commit));
        let tree = match cited.or_else(|| self.trees.get(&commit)) {
            Some(&tree) => tree,
            None => {
                let tree = self
                    .repo
                    .find_commit(commit)
                    .map_err(|e| unreadable(&format!("commit {commit}"), &e))?
                    .tree_id()
                    .map_err(|e| unreadable(&format!("commit {commit}"), &e))?
                    .detach();
                self.trees.insert(commit, tree);
                tree
            }
        };
        let full = self.git.repo_path(path);
        match self.by_steps(tree, &full) {
            Some(found) => Ok(found),
            None => Ok(self
                .repo
                .find_tree(tree)
                .map_err(|e| unreadable(&format!("the tree of {commit}"), &e))?
                .lookup_entry_by_path(&full)
                .map_err(|e| unreadable(&format!("the tree of {commit}"), &e))?
                .filter(|e| e.mode().is_blob())
                .map(|e| e.object_id())),
        }
    }

    /// [`Self::blob_at`]'s lookup one folder at a time, each step kept;
    /// `None` where the general lookup must answer (a name it reads
    /// otherwise, a step through something that is not a folder, a tree
    /// that cannot be read).
    fn by_steps(&mut self, root: ObjectId, path: &str) -> Option<Option<ObjectId>> {
        let mut names = path.split('/').peekable();
        let mut tree = root;
        while let Some(name) = names.next() {
            if matches!(name, "" | "." | "..") || name.contains('\\') {
                return None;
            }
            let key = (tree, Name::new(name));
            let step = match self.steps.get(&key) {
                Some(&step) => step,
                None => {
                    let found = self.repo.find_tree(tree).ok()?;
                    let decoded = found.decode().ok()?;
                    let step = decoded
                        .entries
                        .iter()
                        .find(|e| e.filename == name.as_bytes())
                        .map(|e| match e.mode {
                            mode if mode.is_tree() => Step::Tree(e.oid.to_owned()),
                            mode if mode.is_blob() => Step::Blob(e.oid.to_owned()),
                            _ => Step::Other,
                        });
                    self.steps.insert(key, step);
                    step
                }
            };
            let last = names.peek().is_none();
            match step {
                None => return Some(None),
                Some(Step::Blob(id)) if last => return Some(Some(id)),
                Some(Step::Tree(_) | Step::Other) if last => return Some(None),
                Some(Step::Tree(id)) => tree = id,
                // Through a file or a submodule: as the general lookup reads it.
                Some(Step::Blob(_) | Step::Other) => return None,
            }
        }
        Some(None)
    }
}

/// What a name is in a folder's tree, for [`Reader::blob_at`].
#[derive(Debug, Clone, Copy)]
enum Step {
    Tree(ObjectId),
    Blob(ObjectId),
    /// A symbolic link or a submodule.
    Other,
}

/// The largest blob whose lines a code reference makes doccheck count: a
/// reference into a 2 GB file must not load 2 GB.
pub const MAX_COUNTED_BLOB: u64 = 64 << 20;

fn resolve(
    repo: &gix::Repository,
    objects: Option<&objects::Objects>,
    graph: Option<&gix::commitgraph::Graph>,
    hex: &str,
) -> Resolution {
    let header = |id: ObjectId| match repo.try_find_header(id) {
        Ok(Some(h)) => Ok(Some(kind_name(h.kind()))),
        Ok(None) => Ok(None),
        Err(e) => Err(e.to_string()),
    };
    let found = |id: ObjectId| {
        if let Some(commit) = graph.and_then(|g| Some(g.commit_at(g.lookup(id)?))) {
            return Resolution::Commit {
                id,
                time: i64::try_from(commit.committer_timestamp()).unwrap_or(i64::MAX),
                offset: None,
                tree: Some(commit.root_tree_id().to_owned()),
            };
        }
        match header(id) {
            Ok(Some("commit")) => {
                let commit = repo.find_commit(id).ok();
                let time = commit
                    .as_ref()
                    .and_then(|c| c.time().ok())
                    .unwrap_or_default();
                Resolution::Commit {
                    id,
                    time: time.seconds,
                    offset: Some(time.offset.into()),
                    tree: commit.and_then(|c| c.tree_id().ok()).map(|t| t.detach()),
                }
            }
            Ok(Some(kind)) => Resolution::NotCommit { id, kind },
            Ok(None) => Resolution::NotFound,
            Err(e) => Resolution::Unreadable(e),
        }
    };
    let Ok(prefix) = gix::hash::Prefix::from_hex(hex) else {
        return Resolution::NotFound;
    };
    let looked_up = match objects {
        Some(objects) => Ok(objects.lookup(prefix)),
        None => repo
            .objects
            .lookup_prefix(prefix, None)
            .map_err(|e| e.to_string()),
    };
    match looked_up {
        Ok(None) => Resolution::NotFound,
        Ok(Some(Ok(id))) => found(id),
        Ok(Some(Err(()))) => {
            let mut candidates = HashSet::new();
            if let Err(e) = repo.objects.lookup_prefix(prefix, Some(&mut candidates)) {
                return Resolution::Unreadable(e.to_string());
            }
            let mut list: Vec<(ObjectId, &'static str)> = candidates
                .into_iter()
                .map(|id| (id, header(id).ok().flatten().unwrap_or("object")))
                .collect();
            list.sort();
            Resolution::Ambiguous(list)
        }
        Err(e) => Resolution::Unreadable(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_looked_up_folder_by_folder_is_what_the_tree_says() {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str], input: &str| crate::testing::git(dir.path(), args, input);
        git(&["init", "-q", "-b", "main"], "");
        git(
            &["fast-import", "--quiet"],
            "commit refs/heads/main\ncommitter A <a@b> 0 +0000\ndata 2\nc\n\
             M 100644 inline src/a.py\ndata 2\na\n\
             M 100755 inline bin/run.sh\ndata 2\nr\n\
             M 120000 inline link\ndata 8\nsrc/a.py\n\
             M 100644 inline src/deep/b.py\ndata 2\nb\n\n",
        );
        let repo = Git::open(dir.path(), None).ok().unwrap();
        let mut reader = repo.reader();
        let tree = reader
            .repo
            .find_commit(repo.head())
            .unwrap()
            .tree_id()
            .unwrap()
            .detach();
        let mut stepped = 0;
        for path in [
            "src/a.py",
            "bin/run.sh",
            "link",
            "src/deep/b.py",
            "src/deep",
            "src",
            "src/missing.py",
            "nope/a.py",
            "src/a.py/x",
            "link/x",
            "src//a.py",
            "./src/a.py",
            "src/",
        ] {
            let general = reader
                .repo
                .find_tree(tree)
                .unwrap()
                .lookup_entry_by_path(path)
                .map(|e| e.filter(|e| e.mode().is_blob()).map(|e| e.object_id()));
            // Twice: the second answer comes from the steps kept.
            for _ in 0..2 {
                if let Some(found) = reader.by_steps(tree, path) {
                    stepped += 1;
                    assert_eq!(
                        Ok(found),
                        general.as_ref().map_err(|_| ()).cloned(),
                        "{path}"
                    );
                }
            }
        }
        assert_eq!(stepped, 16);
    }

    #[test]
    fn formatting_and_metadata_are_not_the_text() {
        let before = "---\nstatus: draft\nlast_updated: 2025-01-01\n---\n\n# Plan\n\n* Step one: load   the data\n* Step two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let same = [
            // Rewrapped, bullets and table rules redrawn, emphasis added.
            "---\nstatus: complete\nlast_updated: 2025-03-01\n---\n# Plan\n- Step one:\n  load the **data**\n- Step two\n\n| a   | b   |\n| --- | --- |\n| 1   | 2   |\n",
            &before.replace("# Plan", "Plan\n===="),
        ];
        for after in same {
            assert!(words(before).eq(words(after)), "{after}");
        }
        for after in [
            before.replace("Step two", "Step two, then three"),
            before.replace("| 1 | 2 |", "| 1 | 3 |"),
            before.replace("load   the data", "load the data twice"),
        ] {
            assert!(!words(before).eq(words(&after)), "{after}");
        }
        assert!(says_last_updated("**Last Updated**: 2025-01-01"));
        assert!(says_last_updated("- last_updated: 2025-01-01"));
        assert!(!says_last_updated(
            "Last updated the weights, then retrained."
        ));
        assert!(!says_last_updated("last_updatedé"));
    }

    #[test]
    fn branches_merge_commits_name() {
        for (summary, names) in [
            ("Merge branch 'feature/lora'", &["feature/lora", "lora"][..]),
            ("Merge branch 'eval-split' into 'main'", &["eval-split"]),
            (
                "Merge remote-tracking branch 'origin/fix/tokenizer'",
                &["origin/fix/tokenizer", "fix/tokenizer"],
            ),
            (
                "Merge pull request #12 from ada/data-cards",
                &["ada/data-cards", "data-cards"],
            ),
            ("Merged in hotfix (pull request #3)", &["hotfix"]),
            ("Merge tag 'v1.2'", &[]),
            ("Merge branch ''", &[]),
            ("Add the merge step", &[]),
        ] {
            assert_eq!(merged_branch(summary), names, "{summary}");
        }
    }
}
