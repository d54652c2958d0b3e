//! A commit's tree against its parent's, file by file, reading only the
//! entries that differ.
//!
//! A history where one document of a 5,000-file folder changes per commit
//! has two versions of a 250 KB tree to compare in every commit, and
//! comparing them entry by entry (name order, ids, the path of each entry
//! built and dropped) cost more than decoding them. Consecutive versions of
//! a folder are the same bytes but for an entry or two, so the entries that
//! differ are found from the bytes the two share at the start and at the
//! end: where entries start is known for the version read before (by
//! folder path, see [`Folders`]), and carried over to the next one.
//!
//! The changes are those of `gix::diff::tree` with its `Recorder`, in the
//! same order: breadth first, each folder's entries in tree order.

use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use gix::ObjectId;
use gix::bstr::BStr;
use gix::objs::tree::EntryMode;

/// What changed at one path: the entry before and after (`None`: absent).
pub struct Change {
    pub path: String,
    pub old: Option<(EntryMode, ObjectId)>,
    pub new: Option<(EntryMode, ObjectId)>,
}

/// A tree's bytes and where each of its entries ends, all checked well
/// formed.
struct Parsed {
    id: ObjectId,
    bytes: Vec<u8>,
    ends: Vec<u32>,
}

impl Parsed {
    fn start(&self, i: usize) -> usize {
        if i == 0 { 0 } else { self.ends[i - 1] as usize }
    }
}

/// The versions of each folder read last (by path, up to two: the walk
/// goes either way through the history), whose entry positions the next
/// version of the folder starts from. Bounded in bytes: past the bound it
/// starts again, which costs time only.
#[derive(Default)]
pub struct Folders {
    by_path: HashMap<Vec<u8>, [Option<Rc<Parsed>>; 2]>,
    bytes: usize,
    /// Buffers of trees no longer needed, for the next ones read: a fresh
    /// allocation of a large tree's size costs its pages' faults again.
    spare: Vec<Vec<u8>>,
}

const FOLDERS_BYTES: usize = 32 * 1024 * 1024;

impl Folders {
    fn get(&self, path: &[u8], id: ObjectId) -> Option<Rc<Parsed>> {
        self.by_path
            .get(path)?
            .iter()
            .flatten()
            .find(|p| p.id == id)
            .cloned()
    }

    /// Any version of the folder at `path`.
    fn any(&self, path: &[u8]) -> Option<Rc<Parsed>> {
        self.by_path.get(path)?.iter().flatten().next().cloned()
    }

    fn keep(&mut self, path: &[u8], old: &Rc<Parsed>, new: &Rc<Parsed>) {
        let size = old.bytes.len() + new.bytes.len();
        if self.bytes + size > FOLDERS_BYTES {
            self.by_path.clear();
            self.bytes = 0;
        }
        let kept = [Some(old.clone()), Some(new.clone())];
        // The same folders change commit after commit: their key is
        // copied only the first time.
        let previous = match self.by_path.get_mut(path) {
            Some(slot) => Some(std::mem::replace(slot, kept)),
            None => self.by_path.insert(path.to_vec(), kept),
        };
        for tree in previous.into_iter().flatten().flatten() {
            self.bytes = self.bytes.saturating_sub(tree.bytes.len());
            self.recycle(tree);
        }
        self.bytes += size;
    }

    /// Keeps the buffer of `tree` for a later read, when nothing else
    /// holds the tree.
    fn recycle(&mut self, tree: Rc<Parsed>) {
        if self.spare.len() < 4
            && let Ok(tree) = Rc::try_unwrap(tree)
        {
            self.spare.push(tree.bytes);
        }
    }

    /// The bytes of tree `id`, read into a spare buffer.
    fn read(&mut self, repo: &gix::Repository, id: ObjectId) -> Option<Vec<u8>> {
        use gix::objs::Find as _;
        if id == ObjectId::empty_tree(gix::hash::Kind::Sha1) {
            return Some(Vec::new());
        }
        let mut buf = self.spare.pop().unwrap_or_default();
        let (kind, at, len) = {
            let data = repo.objects.try_find(&id, &mut buf).ok()??;
            (data.kind, data.data.as_ptr().addr(), data.data.len())
        };
        if kind != gix::object::Kind::Tree {
            return None;
        }
        // The object as the store left it in the buffer (or, should it not
        // be there, as `gix` hands it out).
        let start = at.wrapping_sub(buf.as_ptr().addr());
        if buf.get(start..start.saturating_add(len)).is_none() {
            return repo.find_tree(id).ok().map(|tree| tree.data.clone());
        }
        buf.truncate(start + len);
        buf.drain(..start);
        Some(buf)
    }
}

/// One entry of a tree.
struct Entry<'a> {
    mode: EntryMode,
    name: &'a [u8],
    id: ObjectId,
    end: usize,
}

/// The entry of `bytes` that starts at `at`; `None` when it is malformed
/// (as `gix` reads one).
fn entry(bytes: &[u8], at: usize) -> Option<Entry<'_>> {
    let rest = bytes.get(at..)?;
    let space = rest.iter().take(8).position(|&b| b == b' ')?;
    let mode = EntryMode::from_bytes(&rest[..=space])?;
    let name_len = rest[space + 1..].iter().position(|&b| b == 0)?;
    let id_at = space + 1 + name_len + 1;
    let id = ObjectId::try_from(rest.get(id_at..id_at + 20)?).ok()?;
    Some(Entry {
        mode,
        name: &rest[space + 1..space + 1 + name_len],
        id,
        end: at + id_at + 20,
    })
}

/// Where each entry of a whole tree ends.
fn ends(bytes: &[u8]) -> Option<Vec<u32>> {
    let mut ends = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        at = entry(bytes, at)?.end;
        ends.push(u32::try_from(at).ok()?);
    }
    Some(ends)
}

/// How the entries of a tree (`bytes`) line up with those of `known`:
/// where its entries end, and the entries that differ, `known`'s
/// `same..known_end` and its own `same..end`. The entries before `same` are
/// the same bytes at the same place in both; those from `known_end` and
/// `end` on are the same bytes, placed from the end. Only the entries in
/// between are read.
struct Lined {
    ends: Vec<u32>,
    same: usize,
    known_end: usize,
    end: usize,
}

fn line_up(known: &Parsed, bytes: &[u8]) -> Option<Lined> {
    let old = &known.bytes[..];
    let prefix = common_prefix(old, bytes);
    // Entries wholly within the common prefix are parsed alike in both.
    let same = known.ends.partition_point(|&e| e as usize <= prefix);
    let from = known.start(same);
    let suffix = common_suffix(&old[from..], &bytes[from..]);
    let (old_len, len) = (old.len(), bytes.len());
    // Once an entry of each starts at the same distance from the end
    // within the common suffix, the rest is parsed alike in both.
    let synced = |at: usize| -> Option<usize> {
        let back = len - at;
        let old_at = old_len.checked_sub(back)?;
        if back > suffix || old_at < from {
            return None;
        }
        if old_at == old_len {
            return Some(known.ends.len());
        }
        let i = known.ends.partition_point(|&e| (e as usize) < old_at);
        (known.ends.get(i).is_some_and(|&e| e as usize == old_at) || old_at == from)
            .then(|| if old_at == from { same } else { i + 1 })
    };
    let mut ends: Vec<u32> = known.ends[..same].to_vec();
    let mut at = from;
    let known_end = loop {
        if let Some(i) = synced(at) {
            break i;
        }
        at = entry(bytes, at)?.end;
        ends.push(u32::try_from(at).ok()?);
    };
    let end = ends.len();
    let shift = |e: u32| (e as usize + len).checked_sub(old_len);
    for &e in &known.ends[known_end..] {
        ends.push(u32::try_from(shift(e)?).ok()?);
    }
    Some(Lined {
        ends,
        same,
        known_end,
        end,
    })
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let mut at = 0;
    while at + CHUNK <= n && a[at..at + CHUNK] == b[at..at + CHUNK] {
        at += CHUNK;
    }
    while at < n && a[at] == b[at] {
        at += 1;
    }
    at
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut back = 0;
    while back + CHUNK <= n && a[n - back - CHUNK..n - back] == b[n - back - CHUNK..n - back] {
        back += CHUNK;
    }
    while back < n && a[n - back - 1] == b[n - back - 1] {
        back += 1;
    }
    back
}

/// The changes from tree `old` (none: a root commit) to tree `new`, and
/// the folders changed in place as (before, after), the root's included;
/// `None` when a tree cannot be read.
pub fn diff(
    repo: &gix::Repository,
    old: Option<ObjectId>,
    new: ObjectId,
    known: &mut Folders,
    folders: &mut Vec<(ObjectId, ObjectId)>,
) -> Option<Vec<Change>> {
    let mut out = Vec::new();
    let mut queue: Queue = VecDeque::new();
    if let Some(old) = old {
        folders.push((old, new));
    }
    queue.push_back((old, Some(new), Vec::new()));
    while let Some((old, new, path)) = queue.pop_front() {
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => {
                let (old, new) = versions(repo, known, &path, old, new)?;
                (Some(old), Some(new))
            }
            (Some(old), None) => (Some(whole(repo, known, old)?), None),
            (None, Some(new)) => (None, Some(whole(repo, known, new)?)),
            (None, None) => continue,
        };
        merge(
            old.as_ref(),
            new.as_ref(),
            &path,
            &mut out,
            &mut queue,
            folders,
        )?;
        for side in [old, new].into_iter().flatten() {
            known.recycle(side.tree);
        }
    }
    Some(out)
}

/// The folders still to compare: (before, after, path).
type Queue = VecDeque<(Option<ObjectId>, Option<ObjectId>, Vec<u8>)>;

/// A tree and the range of its entries to compare.
struct Side {
    tree: Rc<Parsed>,
    from: usize,
    to: usize,
}

/// A tree added or deleted whole: all its entries.
fn whole(repo: &gix::Repository, known: &mut Folders, id: ObjectId) -> Option<Side> {
    let bytes = known.read(repo, id)?;
    let ends = ends(&bytes)?;
    let to = ends.len();
    Some(Side {
        tree: Rc::new(Parsed { id, bytes, ends }),
        from: 0,
        to,
    })
}

/// Two versions of the folder at `path`, with the entries where they
/// differ.
fn versions(
    repo: &gix::Repository,
    known: &mut Folders,
    path: &[u8],
    old: ObjectId,
    new: ObjectId,
) -> Option<(Side, Side)> {
    let parsed = |id, bytes, ends| Rc::new(Parsed { id, bytes, ends });
    let (old, new, same, old_to, new_to) = match (known.get(path, old), known.get(path, new)) {
        (Some(old), Some(new)) => {
            let lined = line_up(&old, &new.bytes)?;
            (old, new, lined.same, lined.known_end, lined.end)
        }
        (None, Some(new)) => {
            let bytes = known.read(repo, old)?;
            let lined = line_up(&new, &bytes)?;
            let old = parsed(old, bytes, lined.ends);
            (old, new, lined.same, lined.end, lined.known_end)
        }
        (old_known, None) => {
            let old = match old_known {
                Some(old) => old,
                None => {
                    let bytes = known.read(repo, old)?;
                    let ends = match known.any(path) {
                        Some(other) => line_up(&other, &bytes)?.ends,
                        None => ends(&bytes)?,
                    };
                    parsed(old, bytes, ends)
                }
            };
            let bytes = known.read(repo, new)?;
            let lined = line_up(&old, &bytes)?;
            let new = parsed(new, bytes, lined.ends);
            (old, new, lined.same, lined.known_end, lined.end)
        }
    };
    known.keep(path, &old, &new);
    let old = Side {
        tree: old,
        from: same,
        to: old_to,
    };
    let new = Side {
        tree: new,
        from: same,
        to: new_to,
    };
    Some((old, new))
}

/// The entries `from..to` of a side, in tree order.
fn entries(side: Option<&Side>) -> impl Iterator<Item = Option<Entry<'_>>> {
    let range = side.map_or(0..0, |s| s.from..s.to);
    range.map(move |i| {
        let side = side?;
        entry(&side.tree.bytes, side.tree.start(i))
    })
}

/// Merges two runs of entries in tree order, as `gix::diff::tree` does:
/// files that differ go to `out`, folders that differ to `queue`.
fn merge(
    old: Option<&Side>,
    new: Option<&Side>,
    path: &[u8],
    out: &mut Vec<Change>,
    queue: &mut Queue,
    folders: &mut Vec<(ObjectId, ObjectId)>,
) -> Option<()> {
    let mut olds = entries(old).peekable();
    let mut news = entries(new).peekable();
    let full = |name: &[u8]| -> Vec<u8> {
        let mut full = Vec::with_capacity(path.len() + 1 + name.len());
        if !path.is_empty() {
            full.extend_from_slice(path);
            full.push(b'/');
        }
        full.extend_from_slice(name);
        full
    };
    let deleted = |e: &Entry<'_>, out: &mut Vec<Change>, queue: &mut Queue| {
        if e.mode.is_tree() {
            queue.push_back((Some(e.id), None, full(e.name)));
        } else {
            out.push(change(full(e.name), Some((e.mode, e.id)), None));
        }
    };
    let added = |e: &Entry<'_>, out: &mut Vec<Change>, queue: &mut Queue| {
        if e.mode.is_tree() {
            queue.push_back((None, Some(e.id), full(e.name)));
        } else {
            out.push(change(full(e.name), None, Some((e.mode, e.id))));
        }
    };
    loop {
        match (olds.peek(), news.peek()) {
            (None, None) => return Some(()),
            (Some(None), _) | (_, Some(None)) => return None,
            (Some(Some(o)), None) => {
                deleted(o, out, queue);
                olds.next();
            }
            (None, Some(Some(n))) => {
                added(n, out, queue);
                news.next();
            }
            (Some(Some(o)), Some(Some(n))) => {
                use std::cmp::Ordering::*;
                match gix::objs::tree::name_order(
                    o.name,
                    o.mode.is_tree(),
                    n.name,
                    n.mode.is_tree(),
                ) {
                    Less => {
                        deleted(o, out, queue);
                        olds.next();
                    }
                    Greater => {
                        added(n, out, queue);
                        news.next();
                    }
                    Equal => {
                        if o.mode.is_tree() && n.mode.is_tree() {
                            if o.id != n.id {
                                folders.push((o.id, n.id));
                                queue.push_back((Some(o.id), Some(n.id), full(o.name)));
                            }
                        } else if o.id != n.id || o.mode != n.mode {
                            out.push(change(
                                full(o.name),
                                Some((o.mode, o.id)),
                                Some((n.mode, n.id)),
                            ));
                        }
                        olds.next();
                        news.next();
                    }
                }
            }
        }
    }
}

fn change(
    path: Vec<u8>,
    old: Option<(EntryMode, ObjectId)>,
    new: Option<(EntryMode, ObjectId)>,
) -> Change {
    Change {
        path: BStr::new(&path).to_string(),
        old,
        new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `gix::diff::tree` records for the same two trees.
    fn by_gix(repo: &gix::Repository, old: Option<ObjectId>, new: ObjectId) -> Vec<String> {
        use gix::diff::tree::recorder::Change as C;
        let data = |id: Option<ObjectId>| {
            id.map_or(Vec::new(), |id| repo.find_tree(id).unwrap().data.clone())
        };
        let (old, new) = (data(old), data(Some(new)));
        let mut recorder = gix::diff::tree::Recorder::default();
        gix::diff::tree(
            gix::objs::TreeRefIter::from_bytes(&old, gix::hash::Kind::Sha1),
            gix::objs::TreeRefIter::from_bytes(&new, gix::hash::Kind::Sha1),
            gix::diff::tree::State::default(),
            &repo.objects,
            &mut recorder,
        )
        .unwrap();
        recorder
            .records
            .into_iter()
            .filter_map(|change| match change {
                C::Addition {
                    path,
                    entry_mode,
                    oid,
                    ..
                } => (!entry_mode.is_tree()).then(|| format!("A {path} {entry_mode:?} {oid}")),
                C::Deletion {
                    path,
                    entry_mode,
                    oid,
                    ..
                } => (!entry_mode.is_tree()).then(|| format!("D {path} {entry_mode:?} {oid}")),
                C::Modification {
                    path,
                    previous_entry_mode,
                    previous_oid,
                    entry_mode,
                    oid,
                } => (!entry_mode.is_tree()).then(|| {
                    format!("M {path} {previous_entry_mode:?} {previous_oid} {entry_mode:?} {oid}")
                }),
            })
            .collect()
    }

    fn ours(changes: Vec<Change>) -> Vec<String> {
        changes
            .into_iter()
            .map(|c| match (c.old, c.new) {
                (None, Some((mode, id))) => format!("A {} {mode:?} {id}", c.path),
                (Some((mode, id)), None) => format!("D {} {mode:?} {id}", c.path),
                (Some((m0, i0)), Some((m1, i1))) => {
                    format!("M {} {m0:?} {i0} {m1:?} {i1}", c.path)
                }
                (None, None) => unreachable!(),
            })
            .collect()
    }

    /// Every commit of HEAD's history against its first parent, newest
    /// first and then oldest first, one [`Folders`] for each walk.
    fn same_as_gix(repo: &gix::Repository) -> usize {
        let head = repo.head_id().unwrap().detach();
        let commits: Vec<(Option<ObjectId>, ObjectId)> = repo
            .rev_walk([head])
            .first_parent_only()
            .all()
            .unwrap()
            .map(|info| {
                let commit = repo.find_commit(info.unwrap().id).unwrap();
                let parent = commit
                    .parent_ids()
                    .next()
                    .map(|p| repo.find_commit(p).unwrap().tree_id().unwrap().detach());
                (parent, commit.tree_id().unwrap().detach())
            })
            .collect();
        for order in [false, true] {
            let mut known = Folders::default();
            let mut walk: Vec<_> = commits.clone();
            if order {
                walk.reverse();
            }
            for (old, new) in walk {
                let mut folders = Vec::new();
                let got = ours(diff(repo, old, new, &mut known, &mut folders).unwrap());
                assert_eq!(got, by_gix(repo, old, new), "{old:?} -> {new}");
            }
        }
        commits.len()
    }

    #[test]
    fn the_changes_are_those_gix_records_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        crate::testing::git(dir.path(), &["init", "-q", "-b", "main"], "");
        let mut stream = String::new();
        let mut time = 1_600_000_000;
        let mut commit = |stream: &mut String, ops: &[String]| {
            time += 60;
            stream.push_str(&format!(
                "commit refs/heads/main\ncommitter T <t@example.com> {time} +0000\ndata 0\n"
            ));
            for op in ops {
                stream.push_str(op);
            }
            stream.push('\n');
        };
        let file = |path: &str, mode: &str, text: &str| {
            format!("M {mode} inline {path}\ndata {}\n{text}\n", text.len())
        };
        let edit = |path: &str, text: &str| file(path, "100644", text);
        // A large folder, names that order around each other (`a`, `a.md`,
        // `a-b`, the folder `a/`), a nested folder.
        let mut first: Vec<String> = (0..300)
            .map(|k| edit(&format!("big/note_{k:03}.md"), &format!("note {k}")))
            .collect();
        // Names that read like the start of an entry, to throw a reading
        // that starts in the wrong place.
        for path in [
            "a.md",
            "a-b",
            "a/x.md",
            "a/deep/y.md",
            "z.md",
            "big/sub/in.md",
            "big/note_150 100644 x.md",
            "big/note_151 40000 y",
        ] {
            first.push(edit(path, path));
        }
        commit(&mut stream, &first);
        let steps: Vec<Vec<String>> = vec![
            vec![edit("big/note_000.md", "first edited")],
            vec![edit("big/note_150.md", "middle edited")],
            vec![edit("big/note_150 100644 x.md", "edited")],
            vec![
                "D big/note_151 40000 y\n".into(),
                edit("big/note_152.md", "y"),
            ],
            vec![edit("big/note_299.md", "last edited")],
            vec![edit("big/note_0000.md", "added at the start")],
            vec![edit("big/zz.md", "added at the end")],
            vec!["D big/note_001.md\n".into(), "D big/zz.md\n".into()],
            vec![
                edit("big/note_100.md", "two"),
                edit("big/note_200.md", "far"),
            ],
            vec![],
            vec![file("big/note_010.md", "100755", "note 10")],
            vec![file("big/note_011.md", "120000", "note_010.md")],
            vec!["D a\n".into(), edit("a", "a file where a folder was")],
            vec!["D a\n".into(), edit("a/again.md", "a folder again")],
            vec![edit("a.md", "edited"), edit("z.md", "edited")],
            vec!["D big/sub\n".into(), edit("big/sub", "a file now")],
            vec![
                edit("big/note_020.md", "note 20"),
                edit("big/note_021.md", "x"),
            ],
            vec!["D big\n".into()],
            vec![edit("big/again.md", "back")],
        ];
        for ops in &steps {
            commit(&mut stream, ops);
        }
        crate::testing::git(dir.path(), &["fast-import", "--quiet"], &stream);
        let repo = gix::open(dir.path()).unwrap();
        assert_eq!(same_as_gix(&repo), steps.len() + 1);
    }
}
