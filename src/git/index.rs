//! The index as `git commit` would record it, compared with HEAD.
//!
//! A pre-commit run reads the index of a large repository to check one
//! file: the index is kept as gix decoded it, and a file is looked at
//! through it, instead of copying 100,000 paths into strings of their own.

use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::bstr::BStr;

use super::{Unavailable, head_tree, work_tree};

/// A file of the index (stage 0), as `git commit` would record it.
#[derive(Debug, Clone, Copy)]
pub struct IndexEntry<'a> {
    /// Project-relative.
    pub path: &'a str,
    pub id: ObjectId,
    /// The file's blob at HEAD, if HEAD has it.
    pub head: Option<ObjectId>,
    /// What the index recorded about the working-tree file when it was
    /// staged, to tell whether that file still holds the staged bytes.
    stat: gix::index::entry::Stat,
    /// A regular file: not a symbolic link or a submodule.
    pub regular: bool,
}

impl<'a> IndexEntry<'a> {
    /// A file as HEAD has it, for reading its committed content.
    pub fn committed(path: &'a str, id: ObjectId) -> IndexEntry<'a> {
        IndexEntry {
            path,
            id,
            head: Some(id),
            stat: gix::index::entry::Stat::default(),
            regular: true,
        }
    }

    /// Added or modified compared with HEAD.
    pub fn staged(&self) -> bool {
        self.head != Some(self.id)
    }
}

/// The index compared with HEAD, and the blobs behind it.
pub struct Index {
    repo: gix::ThreadSafeRepository,
    file: gix::index::File,
    /// Where the project's files are in `file`, sorted by path: inside the
    /// project's folder, UTF-8, and not only intended (`git add -N`).
    positions: Vec<u32>,
    /// The length of the project folder's path in the repository.
    prefix: usize,
    /// The files whose content is not HEAD's (positions in `positions`,
    /// sorted), with their blob at HEAD.
    changed: Vec<(usize, Option<ObjectId>)>,
    /// Files HEAD has and the index does not (deleted or renamed away),
    /// with their blob at HEAD.
    pub deleted: Vec<(String, ObjectId)>,
    work_tree: PathBuf,
    timestamp: gix::index::entry::stat::Time,
    stat_options: gix::index::entry::stat::Options,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("entries", &self.len())
            .field("deleted", &self.deleted)
            .finish_non_exhaustive()
    }
}

impl Index {
    /// Reads the index of the repository holding `root` and compares it
    /// with HEAD's tree (empty before the first commit). An index with
    /// conflicts is an error: there is no single content to check.
    pub fn read(root: &Path) -> Result<Index, String> {
        let (repo, prefix) = work_tree(root, None).map_err(|u| match u {
            Unavailable::NotARepository => "not inside a Git repository".to_owned(),
            Unavailable::Bare(path) => format!("{} is a bare repository", path.display()),
            other => other.message(),
        })?;
        // Its checksum is not verified, as Git itself does not on reading:
        // that alone is a pass over the whole file.
        let file = gix::index::File::at_or_default(
            repo.index_path(),
            repo.object_hash(),
            true,
            gix::index::decode::Options::default(),
        )
        .map_err(|e| format!("cannot read the index: {e}"))?;
        let conflicted: Vec<String> = file
            .entries()
            .iter()
            .filter(|e| e.stage_raw() != 0)
            .map(|e| e.path(&file).to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if let Some(first) = conflicted.first() {
            return Err(format!(
                "the index has unresolved conflicts in {first}{}: resolve them and `git add` the files first",
                match conflicted.len() {
                    1 => String::new(),
                    n => format!(" and {} other file(s)", n - 1),
                }
            ));
        }
        let head_tree = repo
            .head_tree_id_or_empty()
            .map_err(|e| format!("cannot read HEAD: {e}"))?
            .detach();
        let head = head_tree::read(&repo, Some(head_tree), file.tree(), &prefix)?;
        let inside = |path: &BStr| -> Option<String> {
            std::str::from_utf8(path)
                .ok()?
                .strip_prefix(prefix.as_str())
                .map(str::to_owned)
        };
        // Both lists are sorted by path: one merge, no map of 100,000 paths.
        // A file in a folder the cached trees vouch for is HEAD's own.
        let (ours, theirs) = (file.entries(), &head.files);
        let mut vouched = head
            .unchanged_ranges(|i| ours[i].path(&file), ours.len())
            .into_iter()
            .peekable();
        let mut positions = Vec::with_capacity(ours.len());
        let mut changed = Vec::new();
        let mut deleted = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < ours.len() || j < theirs.len() {
            while vouched.next_if(|r| r.end <= i).is_some() {}
            let unchanged = vouched.peek().is_some_and(|r| r.contains(&i));
            let order = match (ours.get(i), theirs.get(j)) {
                (Some(_), _) if unchanged => std::cmp::Ordering::Less,
                (Some(a), Some(b)) => a.path(&file).cmp(BStr::new(&b.path)),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            if order == std::cmp::Ordering::Greater {
                let e = &theirs[j];
                if let Some(path) = inside(BStr::new(&e.path)) {
                    deleted.push((path, e.id));
                }
                j += 1;
                continue;
            }
            let e = &ours[i];
            let head = match order {
                std::cmp::Ordering::Equal => Some(theirs[j].id),
                _ => unchanged.then_some(e.id),
            };
            // `git add -N` records an intention, not content.
            let intent = e.flags.contains(gix::index::entry::Flags::INTENT_TO_ADD);
            let path = e.path(&file);
            if !intent && path.starts_with(prefix.as_bytes()) && std::str::from_utf8(path).is_ok() {
                if head != Some(e.id) {
                    changed.push((positions.len(), head));
                }
                positions.push(i as u32);
            }
            i += 1;
            if order == std::cmp::Ordering::Equal {
                j += 1;
            }
        }
        let stat_options = repo
            .stat_options()
            .map_err(|e| format!("cannot read the configuration: {e}"))?;
        let Some(work_tree) = repo.workdir().map(|w| w.join(&prefix)) else {
            return Err("the repository has no work tree".into());
        };
        Ok(Index {
            timestamp: file.timestamp().into(),
            stat_options,
            work_tree,
            repo: repo.into_sync(),
            file,
            positions,
            prefix: prefix.len(),
            changed,
            deleted,
        })
    }

    /// The number of the project's files in the index.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether the project has no file in the index.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The project-relative path of the `i`th file.
    pub fn path(&self, i: usize) -> &str {
        let entry = &self.file.entries()[self.positions[i] as usize];
        // Only UTF-8 paths inside the project were kept.
        std::str::from_utf8(&entry.path(&self.file)[self.prefix..]).unwrap_or_default()
    }

    /// The `i`th file, in path order.
    pub fn entry(&self, i: usize) -> IndexEntry<'_> {
        let entry = &self.file.entries()[self.positions[i] as usize];
        let head = match self.changed.binary_search_by_key(&i, |(at, _)| *at) {
            Ok(k) => self.changed[k].1,
            Err(_) => Some(entry.id),
        };
        IndexEntry {
            path: self.path(i),
            id: entry.id,
            head,
            stat: entry.stat,
            regular: entry.mode == gix::index::entry::Mode::FILE
                || entry.mode == gix::index::entry::Mode::FILE_EXECUTABLE,
        }
    }

    /// The project's files, in path order.
    pub fn entries(&self) -> impl Iterator<Item = IndexEntry<'_>> {
        (0..self.len()).map(|i| self.entry(i))
    }

    /// The files added or modified compared with HEAD, in path order.
    pub fn staged(&self) -> impl Iterator<Item = IndexEntry<'_>> {
        self.changed.iter().map(|&(i, _)| self.entry(i))
    }

    /// The position of the file at `path` (project-relative), if the index
    /// has one there.
    pub fn find(&self, path: &str) -> Option<usize> {
        let at = self.partition_point(|p| p < path);
        (at < self.len() && self.path(at) == path).then_some(at)
    }

    /// The first position whose path `before` is false for, `before` being
    /// true for a prefix of the files in path order.
    pub fn partition_point(&self, before: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(self.path(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The staged bytes of `entry`. The working-tree file is read instead of
    /// the object database when its stat data still matches the index's
    /// record and is not racily clean, the test `git status` trusts: a
    /// plain file read is several times cheaper than unpacking a blob.
    pub fn content(
        &self,
        repo: &gix::Repository,
        entry: &IndexEntry<'_>,
    ) -> Result<Vec<u8>, String> {
        let path = self.work_tree.join(entry.path);
        let unchanged = gix::index::fs::Metadata::from_path_no_follow(&path)
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| gix::index::entry::Stat::from_fs(&m).ok())
            .is_some_and(|stat| {
                entry.stat.matches(&stat, self.stat_options)
                    // Racily clean: changed within the second the index
                    // was written, so the stat data cannot tell.
                    && entry.stat.mtime < self.timestamp
            });
        if unchanged && let Ok(bytes) = read_sized(&path, entry.stat.size) {
            return Ok(bytes);
        }
        Self::blob(repo, entry.id)
    }

    /// The work tree's Git folder, where doccheck keeps its caches.
    pub fn git_dir(&self) -> &Path {
        self.repo.git_dir()
    }

    /// A handle for [`Index::blob`] calls on one thread.
    pub fn reader(&self) -> gix::Repository {
        let mut repo = self.repo.to_thread_local();
        repo.objects.refresh_never();
        repo
    }

    /// The bytes of a blob, or why they cannot be read.
    pub fn blob(repo: &gix::Repository, id: ObjectId) -> Result<Vec<u8>, String> {
        repo.find_blob(id)
            .map(|b| b.detach().data)
            .map_err(|e| format!("cannot read {id} from the object database: {e}"))
    }
}

/// The bytes of a file whose size is known. `std::fs::read` (and
/// `read_to_end` on a file) asks the system for the size and position again:
/// two calls more per file when a pre-commit run searches 100,000 of them.
fn read_sized(path: &Path, size: u32) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    // One byte more than expected, so that the size is confirmed by the
    // read that returns nothing, whatever the file holds by then.
    let mut bytes = vec![0; size as usize + 1];
    let mut filled = 0;
    loop {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
        if filled == bytes.len() {
            bytes.resize(bytes.len() * 2, 0);
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}
