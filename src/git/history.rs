//! HEAD's history as each commit's changes against its first parent, the
//! one record [`super::Git::last_changes`] and [`super::Git::path_history`]
//! both read. A commit's changes never change, so they are computed once
//! (in parallel, each thread diffing a run of consecutive commits so that
//! the trees and the commit it read for one commit are kept, see
//! [`Known`], as the parent of the next) and kept under `.git/doccheck/`:
//! a later run diffs only the commits it has not seen, those newer than
//! the HEAD it last read. The
//! cache is an optimisation only: without it (deleted, unreadable, another
//! version) every commit is diffed again and the results are the same.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use gix::ObjectId;
use rayon::prelude::*;

use super::tree_diff::Folders;

/// What a commit did to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Modified,
    Deleted,
}

/// One file a commit changed (folders are not recorded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Repository-relative.
    pub path: Box<str>,
    pub kind: Kind,
    /// A blob (plain or executable): not a symbolic link or a submodule.
    pub blob: bool,
    /// The version before a modification.
    pub previous: Option<ObjectId>,
    /// The version added or modified to, or the one deleted.
    pub id: ObjectId,
}

/// A [`FileChange`] read where it is kept (a decoded diff or the cache's
/// bytes), without its earlier version.
#[derive(Debug, Clone, Copy)]
pub struct ChangeRef<'a> {
    pub path: &'a str,
    pub kind: Kind,
    pub blob: bool,
    pub id: ObjectId,
}

/// A commit's changes against its first parent (all files, for a root
/// commit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The author's time (the committer's when the author's is unreadable),
    /// seconds since the epoch and UTC offset in seconds east.
    pub author: (i64, i32),
    /// The committer's time, in seconds since the epoch.
    pub time: i64,
    pub changes: Vec<FileChange>,
}

/// A commit of the walk: its id and whether it merges.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub id: ObjectId,
    pub first_parent: Option<ObjectId>,
    pub merge: bool,
}

/// The cache's first line: another version of doccheck may read commits
/// or compare texts differently, and then reads nothing.
fn magic() -> String {
    format!("doccheck history 1 {}\n", env!("CARGO_PKG_VERSION"))
}

/// The diffs known so far, and whether some are new since the cache was
/// read.
#[derive(Default)]
pub struct Store {
    file: Option<PathBuf>,
    /// The cache as read: each commit's record is decoded when asked for
    /// (a commit that added 100,000 files is a large record, and a
    /// pre-commit run wants one of them).
    raw: Raw,
    /// Diffs decoded whole or computed by this run.
    diffs: Mutex<HashMap<ObjectId, Arc<Diff>>>,
    /// See [`super::same_text`].
    same: Mutex<SameText>,
    added: Mutex<bool>,
}

/// A cache file's bytes, checked whole, and where each commit's record
/// (what follows its id) is in them.
#[derive(Default)]
struct Raw {
    bytes: Vec<u8>,
    records: HashMap<ObjectId, Range<usize>>,
}

/// Whether two versions of a document say the same, by (old, new) blob.
type SameText = HashMap<(ObjectId, ObjectId), bool>;

/// Which files of a diff a reader wants.
pub type Keep<'a> = &'a (dyn Fn(&str) -> bool + Sync);

impl Store {
    /// The store of the repository whose Git folder is `git_dir`, with what
    /// its cache holds.
    pub fn open(git_dir: &std::path::Path) -> Store {
        let file = git_dir.join("doccheck").join("history");
        let (raw, same) = std::fs::read(&file).ok().and_then(scan).unwrap_or_default();
        Store {
            file: Some(file),
            raw,
            diffs: Mutex::new(HashMap::new()),
            same: Mutex::new(same),
            added: Mutex::new(false),
        }
    }

    /// Whether blobs `old` and `new` say the same, by `compare` when not
    /// known yet.
    pub fn same_text(&self, old: ObjectId, new: ObjectId, compare: impl FnOnce() -> bool) -> bool {
        let known = self
            .same
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&(old, new))
            .copied();
        known.unwrap_or_else(|| {
            let same = compare();
            self.same
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert((old, new), same);
            *self.added.lock().unwrap_or_else(|e| e.into_inner()) = true;
            same
        })
    }

    /// Learns for each pair of `pairs` not known yet whether its blobs say
    /// the same, by `compare`, in parallel (each thread with its own
    /// repository handle from `open`).
    pub fn compare_all(
        &self,
        pairs: &[(ObjectId, ObjectId)],
        open: impl Fn() -> gix::Repository + Sync,
        compare: impl Fn(&gix::Repository, ObjectId, ObjectId) -> bool + Sync,
    ) {
        let unknown: Vec<(ObjectId, ObjectId)> = {
            let same = self.same.lock().unwrap_or_else(|e| e.into_inner());
            let mut unknown: Vec<_> = pairs
                .iter()
                .filter(|pair| !same.contains_key(pair))
                .copied()
                .collect();
            unknown.sort();
            unknown.dedup();
            unknown
        };
        if unknown.is_empty() {
            return;
        }
        // In the order the pack holds the blobs, a run to each thread: a
        // delta's base comes just before it, so the base a blob needs is
        // mostly one this thread has just read (and its pack cache holds)
        // instead of a chain of some 25 deltas to inflate again.
        let mut repo = open();
        repo.objects.prevent_pack_unload();
        let mut buf = Vec::new();
        let mut at = |id: &ObjectId| {
            use gix::odb::pack::Find as _;
            repo.objects
                .location_by_oid(id, &mut buf)
                .ok()
                .flatten()
                .map_or((u32::MAX, u64::MAX), |l| (l.pack_id, l.pack_offset))
        };
        let mut unknown: Vec<_> = unknown
            .into_iter()
            .map(|(old, new)| (at(&old).min(at(&new)), old, new))
            .collect();
        unknown.sort_unstable();
        let run = run_len(unknown.len());
        let learned: Vec<((ObjectId, ObjectId), bool)> = unknown
            .par_chunks(run)
            .flat_map_iter(|chunk| {
                let repo = open();
                chunk
                    .iter()
                    .map(|&(_, old, new)| ((old, new), compare(&repo, old, new)))
                    .collect::<Vec<_>>()
            })
            .collect();
        self.same
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(learned);
        *self.added.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }

    /// The diff of commit `id` if known: whole, or with only the files
    /// `keep` wants when it has to be read from the cache.
    fn known(&self, id: ObjectId, keep: Option<Keep<'_>>) -> Option<Arc<Diff>> {
        if let Some(diff) = self.lock().get(&id) {
            return Some(diff.clone());
        }
        let body = &self.raw.bytes[self.raw.records.get(&id)?.clone()];
        match keep {
            Some(keep) => record(body, keep).map(Arc::new),
            None => {
                let diff = Arc::new(record(body, &|_| true)?);
                self.lock().insert(id, diff.clone());
                Some(diff)
            }
        }
    }

    /// The diffs of `steps`, computing (in parallel) those not known yet.
    /// A commit that cannot be read has none (`None`), and is not cached.
    pub fn diffs(&self, git: &super::Git, steps: &[Step]) -> Vec<Option<Arc<Diff>>> {
        self.diffs_keeping(git, steps, None)
    }

    /// [`Store::diffs`], where a diff read from the cache holds at least
    /// the files `keep` wants (a computed one holds all).
    pub fn diffs_keeping(
        &self,
        git: &super::Git,
        steps: &[Step],
        keep: Option<Keep<'_>>,
    ) -> Vec<Option<Arc<Diff>>> {
        let known: Vec<Option<Arc<Diff>>> = steps.iter().map(|s| self.known(s.id, keep)).collect();
        let missing: Vec<usize> = (0..steps.len()).filter(|&i| known[i].is_none()).collect();
        if missing.is_empty() {
            return known;
        }
        let run = run_len(missing.len());
        let computed: Vec<(usize, Option<Diff>)> = missing
            .par_chunks(run)
            .flat_map_iter(|chunk| {
                let mut repo = git.local();
                // No object cache: the parent's trees are the next
                // commit's, and `Known` keeps them already (copying each
                // tree into a cache and out again cost more than it saved).
                repo.object_cache_size(None);
                // Where the pack keeps a tree, for `newer_on_older`.
                repo.objects.prevent_pack_unload();
                // The first commits, newest first, show which way the
                // pack's deltas go; the rest follow them.
                let (first, rest) = chunk.split_at(chunk.len().min(8));
                let mut done = Vec::with_capacity(chunk.len());
                let mut folders = Vec::new();
                let mut known = Known::default();
                for &i in first {
                    done.push((i, diff(&repo, &steps[i], &mut known, &mut folders)));
                }
                let mut rest = rest.to_vec();
                if newer_on_older(&repo, &folders) {
                    rest.reverse();
                }
                for i in rest {
                    done.push((i, diff(&repo, &steps[i], &mut known, &mut Vec::new())));
                }
                done
            })
            .collect();
        let mut out = known;
        let mut diffs = self.lock();
        for (i, diff) in computed {
            if let Some(diff) = diff {
                let diff = Arc::new(diff);
                diffs.insert(steps[i].id, diff.clone());
                out[i] = Some(diff);
                *self.added.lock().unwrap_or_else(|e| e.into_inner()) = true;
            }
        }
        out
    }

    /// Gives `visit` each of `steps` with its commit time and changes
    /// (`None` for a commit that cannot be read), in order, computing the
    /// diffs not known yet. A record of the cache is read where it lies,
    /// not decoded into a [`Diff`] kept for the run: a walk of the whole
    /// history reads every record once, and copying each path of 16,000
    /// commits cost more than the walk.
    pub fn each(
        &self,
        git: &super::Git,
        steps: &[Step],
        mut visit: impl FnMut(&Step, Option<(i64, &[ChangeRef<'_>])>),
    ) {
        let missing: Vec<Step> = {
            let diffs = self.lock();
            steps
                .iter()
                .filter(|s| !diffs.contains_key(&s.id) && !self.raw.records.contains_key(&s.id))
                .copied()
                .collect()
        };
        if !missing.is_empty() {
            self.diffs(git, &missing);
        }
        for step in steps {
            let decoded = self.lock().get(&step.id).cloned();
            let mut changes = Vec::new();
            let time = match (&decoded, self.raw.records.get(&step.id)) {
                (Some(diff), _) => {
                    changes.extend(diff.changes.iter().map(|c| ChangeRef {
                        path: &c.path,
                        kind: c.kind,
                        blob: c.blob,
                        id: c.id,
                    }));
                    Some(diff.time)
                }
                (None, Some(range)) => {
                    read_record(&self.raw.bytes[range.clone()], |c, _| changes.push(c))
                        .map(|(_, time)| time)
                }
                (None, None) => None,
            };
            visit(step, time.map(|t| (t, changes.as_slice())));
        }
    }

    /// Whether the diffs of all of `steps` are known.
    pub fn holds(&self, steps: &[Step]) -> bool {
        let diffs = self.lock();
        steps
            .iter()
            .all(|s| diffs.contains_key(&s.id) || self.raw.records.contains_key(&s.id))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ObjectId, Arc<Diff>>> {
        self.diffs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the cache when this run computed diffs it did not hold.
    pub fn save(&self) {
        if !*self.added.lock().unwrap_or_else(|e| e.into_inner()) {
            return;
        }
        let Some(file) = &self.file else { return };
        let same = self.same.lock().unwrap_or_else(|e| e.into_inner());
        let diffs = self.lock();
        let mut out = encode(&diffs, &same);
        // What was read and not decoded is written back as it was.
        for (id, range) in &self.raw.records {
            if !diffs.contains_key(id) {
                out.extend_from_slice(id.as_slice());
                out.extend_from_slice(&self.raw.bytes[range.clone()]);
            }
        }
        super::write_cache(file, &out);
    }
}

/// HEAD's history, newest commit first (by commit time).
pub fn walk(repo: &gix::Repository, head: ObjectId) -> Vec<Step> {
    let mut walk = Walk::new(repo, head);
    let mut steps = Vec::new();
    loop {
        let block = walk.next_block(4096);
        if block.is_empty() {
            return steps;
        }
        steps.extend(block);
    }
}

/// HEAD's history read a block at a time, for a reader that may stop early.
pub struct Walk<'repo> {
    walk: Option<gix::revision::Walk<'repo>>,
    /// Whether the walk reached the end of the history (rather than a
    /// commit it could not read).
    ended: bool,
}

impl<'repo> Walk<'repo> {
    pub fn new(repo: &'repo gix::Repository, head: ObjectId) -> Self {
        let walk = repo
            .rev_walk([head])
            .sorting(gix::revision::walk::Sorting::ByCommitTime(
                Default::default(),
            ))
            .all()
            .ok();
        Walk { walk, ended: false }
    }

    /// Whether the walk read the whole history: it is over, and no commit
    /// was unreadable.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// The next `n` commits (fewer at the end, none after it, or after a
    /// commit that cannot be read).
    pub fn next_block(&mut self, n: usize) -> Vec<Step> {
        let mut steps = Vec::with_capacity(n);
        while steps.len() < n {
            let info = match self.walk.as_mut().and_then(Iterator::next) {
                Some(Ok(info)) => info,
                end => {
                    self.ended |= self.walk.is_some() && end.is_none();
                    self.walk = None;
                    break;
                }
            };
            steps.push(Step {
                id: info.id,
                first_parent: info.parent_ids.first().copied(),
                merge: info.parent_ids.len() > 1,
            });
        }
        steps
    }
}

/// Whether the pack stores the new versions of `folders` (trees a
/// commit changed: (before, after)) as deltas of the old ones, so that a
/// run of commits is cheaper to decode oldest first. gix keeps the object
/// a decode produced, not the bases it went through: decoding a version
/// right after the one it is a delta of applies one delta, while decoding
/// the versions against the chain's direction inflates the whole chain
/// (up to fifty deltas and the full base of a large folder) each time.
/// Packs go either way: `git fast-import` and the deltas a repack reuses
/// put a version on the one before it, a fresh delta search mostly the
/// other way round. A pack holds a delta's base before it (and otherwise
/// the newest objects first), so each folder votes by which of its
/// versions comes later in the pack. (How deep each version is in its
/// chain tells less: past the depth limit both are often as deep.) The
/// handle must keep its packs loaded (`prevent_pack_unload`).
fn newer_on_older(repo: &gix::Repository, folders: &[(ObjectId, ObjectId)]) -> bool {
    use gix::odb::pack::Find as _;
    let mut buf = Vec::new();
    let mut at = |tree: &ObjectId| {
        let location = repo.objects.location_by_oid(tree, &mut buf).ok()??;
        Some((location.pack_id, location.pack_offset))
    };
    let vote: i64 = folders
        .iter()
        .filter_map(|(old, new)| match (at(old)?, at(new)?) {
            ((old_pack, old), (new_pack, new)) if old_pack == new_pack => {
                Some(new.cmp(&old) as i64)
            }
            _ => None,
        })
        .sum();
    vote > 0
}

/// What a thread diffing a run of commits keeps from one commit to the
/// next: the folders it read last, and the commits it read (a commit is
/// read as a commit and as the parent of the next, and inflated once).
#[derive(Default)]
struct Known {
    folders: Folders,
    commits: HashMap<ObjectId, Commit>,
}

/// What the walk reads of a commit.
#[derive(Clone, Copy)]
struct Commit {
    tree: ObjectId,
    /// The committer's time.
    time: gix::date::Time,
    /// The author's (the committer's when the author's is unreadable).
    author: gix::date::Time,
}

impl Known {
    fn commit(&mut self, repo: &gix::Repository, id: ObjectId) -> Option<Commit> {
        if let Some(commit) = self.commits.get(&id) {
            return Some(*commit);
        }
        let commit = repo.find_commit(id).ok()?;
        let time = commit.time().unwrap_or_default();
        let read = Commit {
            tree: commit.tree_id().ok()?.detach(),
            time,
            author: commit
                .author()
                .ok()
                .and_then(|a| a.time().ok())
                .unwrap_or(time),
        };
        if self.commits.len() >= 4096 {
            self.commits.clear();
        }
        self.commits.insert(id, read);
        Some(read)
    }
}

/// One commit's changes against its first parent, outside any store.
pub fn diff_one(repo: &gix::Repository, step: &Step) -> Option<Diff> {
    diff(repo, step, &mut Known::default(), &mut Vec::new())
}

/// One commit's changes against its first parent; the trees it changed
/// (before, after) are added to `folders`. `known` holds the folders read
/// for the commits before (see [`Known`]).
fn diff(
    repo: &gix::Repository,
    step: &Step,
    known: &mut Known,
    folders: &mut Vec<(ObjectId, ObjectId)>,
) -> Option<Diff> {
    let Commit { tree, time, author } = known.commit(repo, step.id)?;
    let parent_tree = step
        .first_parent
        .and_then(|p| known.commit(repo, p))
        .map(|c| c.tree);
    let changes = super::tree_diff::diff(repo, parent_tree, tree, &mut known.folders, folders)?
        .into_iter()
        .filter_map(|change| {
            let (kind, (mode, id), previous) = match (change.old, change.new) {
                (None, Some(new)) => (Kind::Added, new, None),
                (Some((_, previous)), Some(new)) => (Kind::Modified, new, Some(previous)),
                (Some(old), None) => (Kind::Deleted, old, None),
                (None, None) => return None,
            };
            Some(FileChange {
                path: change.path.into_boxed_str(),
                kind,
                blob: mode.is_blob(),
                previous,
                id,
            })
        })
        .collect();
    Some(Diff {
        author: (author.seconds, author.offset),
        time: time.seconds,
        changes,
    })
}

fn encode(
    diffs: &HashMap<ObjectId, Arc<Diff>>,
    same: &HashMap<(ObjectId, ObjectId), bool>,
) -> Vec<u8> {
    let mut out = magic().into_bytes();
    let mut pairs: Vec<(&(ObjectId, ObjectId), &bool)> = same.iter().collect();
    pairs.sort();
    out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
    for ((old, new), same) in pairs {
        out.extend_from_slice(old.as_slice());
        out.extend_from_slice(new.as_slice());
        out.push(u8::from(*same));
    }
    let mut ids: Vec<&ObjectId> = diffs.keys().collect();
    ids.sort();
    for id in ids {
        let diff = &diffs[id];
        out.extend_from_slice(id.as_slice());
        out.extend_from_slice(&diff.author.0.to_le_bytes());
        out.extend_from_slice(&diff.author.1.to_le_bytes());
        out.extend_from_slice(&diff.time.to_le_bytes());
        out.extend_from_slice(&(diff.changes.len() as u32).to_le_bytes());
        for change in &diff.changes {
            let kind = match change.kind {
                Kind::Added => 0u8,
                Kind::Modified => 1,
                Kind::Deleted => 2,
            };
            out.push(kind | (u8::from(change.blob) << 2));
            out.extend_from_slice(&(change.path.len() as u32).to_le_bytes());
            out.extend_from_slice(change.path.as_bytes());
            if let Some(previous) = change.previous {
                out.extend_from_slice(previous.as_slice());
            }
            out.extend_from_slice(change.id.as_slice());
        }
    }
    out
}

/// Reads a cache file's bytes a field at a time.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn id(&mut self) -> Option<ObjectId> {
        ObjectId::try_from(self.take(20)?).ok()
    }
}

/// The cache's text comparisons and where each commit's record is; `None`
/// when it is not a whole cache this version wrote.
fn scan(bytes: Vec<u8>) -> Option<(Raw, SameText)> {
    let magic = magic();
    if !bytes.starts_with(magic.as_bytes()) {
        return None;
    }
    let mut input = Cursor {
        bytes: &bytes,
        at: magic.len(),
    };
    let pairs = input.u32()? as usize;
    let mut same = HashMap::with_capacity(pairs.min(1 << 16));
    for _ in 0..pairs {
        let (old, new) = (input.id()?, input.id()?);
        same.insert((old, new), input.take(1)?[0] != 0);
    }
    let mut records = HashMap::new();
    while input.at < bytes.len() {
        let id = input.id()?;
        let start = input.at;
        input.take(20)?;
        for _ in 0..input.u32()? {
            let flags = input.take(1)?[0];
            if flags & 3 == 3 {
                return None;
            }
            let len = input.u32()? as usize;
            std::str::from_utf8(input.take(len)?).ok()?;
            input.take(if flags & 3 == 1 { 40 } else { 20 })?;
        }
        records.insert(id, start..input.at);
    }
    Some((Raw { bytes, records }, same))
}

/// One commit's record (checked by [`scan`]), with the files `keep` wants.
fn record(body: &[u8], keep: Keep<'_>) -> Option<Diff> {
    let mut changes = Vec::new();
    let (author, time) = read_record(body, |change, previous| {
        if keep(change.path) {
            changes.push(FileChange {
                path: change.path.into(),
                kind: change.kind,
                blob: change.blob,
                previous,
                id: change.id,
            });
        }
    })?;
    Some(Diff {
        author,
        time,
        changes,
    })
}

/// Reads one commit's record, giving each change to `each` (with the
/// version before a modification); returns the author's and the
/// committer's time.
fn read_record<'a>(
    body: &'a [u8],
    mut each: impl FnMut(ChangeRef<'a>, Option<ObjectId>),
) -> Option<((i64, i32), i64)> {
    let mut input = Cursor { bytes: body, at: 0 };
    let author = (input.i64()?, input.i32()?);
    let time = input.i64()?;
    let count = input.u32()? as usize;
    for _ in 0..count {
        let flags = input.take(1)?[0];
        let kind = match flags & 3 {
            0 => Kind::Added,
            1 => Kind::Modified,
            _ => Kind::Deleted,
        };
        let len = input.u32()? as usize;
        let path = std::str::from_utf8(input.take(len)?).ok()?;
        let previous = match kind {
            Kind::Modified => Some(input.id()?),
            _ => None,
        };
        let id = input.id()?;
        let blob = flags & 4 != 0;
        each(
            ChangeRef {
                path,
                kind,
                blob,
                id,
            },
            previous,
        );
    }
    Some((author, time))
}

/// How many of `n` items each thread takes in one consecutive run.
fn run_len(n: usize) -> usize {
    n.div_ceil(rayon::current_num_threads().max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_reads_back_what_it_wrote_and_refuses_a_torn_file() {
        let id = |b: u8| ObjectId::from_bytes_or_panic(&[b; 20]);
        let mut diffs = HashMap::new();
        diffs.insert(
            id(1),
            Arc::new(Diff {
                author: (1_700_000_000, -3_600),
                time: 1_700_000_100,
                changes: vec![
                    FileChange {
                        path: "docs/a é.md".into(),
                        kind: Kind::Modified,
                        blob: true,
                        previous: Some(id(2)),
                        id: id(3),
                    },
                    FileChange {
                        path: "src/link".into(),
                        kind: Kind::Deleted,
                        blob: false,
                        previous: None,
                        id: id(4),
                    },
                ],
            }),
        );
        diffs.insert(
            id(5),
            Arc::new(Diff {
                author: (0, 0),
                time: 0,
                changes: Vec::new(),
            }),
        );
        let same = HashMap::from([((id(2), id(3)), true), ((id(3), id(6)), false)]);
        let bytes = encode(&diffs, &same);
        let (raw, read) = scan(bytes.clone()).unwrap();
        assert_eq!(read, same);
        let all: HashMap<ObjectId, Arc<Diff>> = raw
            .records
            .iter()
            .map(|(id, range)| {
                (
                    *id,
                    Arc::new(record(&raw.bytes[range.clone()], &|_| true).unwrap()),
                )
            })
            .collect();
        assert_eq!(all, diffs);
        // Only the files asked for.
        let range = raw.records[&id(1)].clone();
        let some = record(&raw.bytes[range], &|p| p.starts_with("src/")).unwrap();
        assert_eq!(some.changes, diffs[&id(1)].changes[1..]);
        assert!(scan(bytes[..bytes.len() - 1].to_vec()).is_none());
        assert!(scan(b"doccheck history 0\n\0\0\0\0".to_vec()).is_none());
    }

    #[test]
    fn the_history_is_decoded_in_the_direction_of_the_packs_deltas() {
        let dir = tempfile::tempdir().unwrap();
        crate::testing::git(dir.path(), &["init", "-q", "-b", "main"], "");
        // A folder of 200 files, then one edited per commit: fast-import
        // stores each tree as a delta of the one before it.
        let mut stream = String::new();
        for c in 0..8 {
            let time = 1_600_000_000 + c * 3_600;
            stream.push_str(&format!(
                "commit refs/heads/main\nauthor T <t@example.com> {time} +0000\n\
                 committer T <t@example.com> {time} +0000\ndata 1\n{c}\n"
            ));
            let edited = if c == 0 { 0..200 } else { c..c + 1 };
            for k in edited {
                let text = format!("note {k}, version {c}\n");
                stream.push_str(&format!(
                    "M 100644 inline docs/note_{k}.md\ndata {}\n{text}\n",
                    text.len()
                ));
            }
        }
        crate::testing::git(dir.path(), &["fast-import", "--quiet"], &stream);
        // What the newest commits changed: the root and `docs/`.
        let folders = |repo: &gix::Repository| {
            let mut folders = Vec::new();
            for step in &walk(repo, repo.head_id().unwrap().detach())[..4] {
                diff(repo, step, &mut Known::default(), &mut folders).unwrap();
            }
            assert_eq!(folders.len(), 8);
            folders
        };
        let open = || {
            let mut repo = gix::open(dir.path()).unwrap();
            repo.objects.prevent_pack_unload();
            repo
        };
        let repo = open();
        assert!(newer_on_older(&repo, &folders(&repo)));
        // A fresh delta search keeps the newest whole.
        crate::testing::git(dir.path(), &["repack", "-adfq"], "");
        let repo = open();
        assert!(!newer_on_older(&repo, &folders(&repo)));
    }
}
