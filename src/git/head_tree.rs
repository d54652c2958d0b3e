//! HEAD's files as far as they can differ from the index's.
//!
//! Materialising HEAD as an index decodes every tree of the commit (a
//! 50,000-file folder is megabytes of zlib) for a pre-commit run that staged
//! one file. The index's cached-tree extension records, for every folder
//! `git add` has not touched since the index last matched a tree, the id of
//! the tree its entries make: where that id is HEAD's tree for the folder,
//! every file below is unchanged (Git's own `diff --cached` skips such
//! folders the same way), so only the folders on the way to a staged change
//! are read.

use gix::ObjectId;
use gix::bstr::{BStr, BString, ByteSlice};
use gix::index::extension::Tree as CachedTree;

/// A file of HEAD's tree.
pub struct HeadFile {
    /// Repository-relative, `/`-separated.
    pub path: BString,
    pub id: ObjectId,
}

/// HEAD compared with the index's cached trees.
pub struct HeadSide {
    /// HEAD's files outside the folders known to be unchanged, sorted by
    /// path bytes (the index's order).
    pub files: Vec<HeadFile>,
    /// Folders (`a/b/`, sorted) whose every file is in the index exactly as
    /// HEAD has it.
    pub unchanged: Vec<BString>,
}

impl HeadSide {
    /// Which of `paths` (sorted by bytes) lie in a folder unchanged since
    /// HEAD, as ranges of positions: a folder's paths are consecutive, so
    /// two binary searches a folder instead of a comparison a path.
    pub fn unchanged_ranges<'a>(
        &self,
        paths: impl Fn(usize) -> &'a BStr,
        len: usize,
    ) -> Vec<std::ops::Range<usize>> {
        let first = |pred: &dyn Fn(&BStr) -> bool| {
            let (mut lo, mut hi) = (0, len);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if pred(paths(mid)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        };
        self.unchanged
            .iter()
            .map(|folder| {
                let folder = folder.as_bstr();
                let start = first(&|p| p < folder);
                let end = first(&|p| p < folder || p.starts_with(folder));
                start..end
            })
            .collect()
    }
}

/// Reads HEAD's tree `root` (`None` before the first commit) as far as the
/// index's `cached` trees do not vouch for it; only folders that can hold
/// paths starting with `prefix` (the project's folder, or empty) are read.
pub fn read(
    repo: &gix::Repository,
    root: Option<ObjectId>,
    cached: Option<&CachedTree>,
    prefix: &str,
) -> Result<HeadSide, String> {
    let mut side = HeadSide {
        files: Vec::new(),
        unchanged: Vec::new(),
    };
    if let Some(root) = root {
        walk(
            repo,
            root,
            cached,
            &mut BString::default(),
            prefix,
            prefix.is_empty(),
            &mut side,
        )?;
    }
    side.files.sort_by(|a, b| a.path.cmp(&b.path));
    side.unchanged.sort();
    Ok(side)
}

/// Whether `cached` vouches for the folder whose tree at HEAD is `id`.
fn vouches(cached: Option<&CachedTree>, id: ObjectId) -> bool {
    cached.is_some_and(|c| c.num_entries.is_some() && c.id == id)
}

fn walk(
    repo: &gix::Repository,
    id: ObjectId,
    cached: Option<&CachedTree>,
    folder: &mut BString,
    prefix: &str,
    // Whether `folder` is inside the project's folder (so is all it holds).
    inside: bool,
    side: &mut HeadSide,
) -> Result<(), String> {
    if vouches(cached, id) {
        side.unchanged.push(folder.clone());
        return Ok(());
    }
    let tree = repo
        .find_tree(id)
        .map_err(|e| format!("cannot read HEAD's tree: {e}"))?;
    // Git orders a cached tree's children by name length first.
    let mut children: Vec<&CachedTree> = cached
        .map(|c| c.children.iter().collect())
        .unwrap_or_default();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    for entry in tree.iter() {
        let entry = entry.map_err(|e| format!("cannot read HEAD's tree: {e}"))?;
        let len = folder.len();
        folder.extend_from_slice(entry.filename());
        if entry.mode().is_tree() {
            folder.push(b'/');
            // Outside the project: nothing there is the project's.
            let inside = inside || folder.starts_with(prefix.as_bytes());
            if inside || prefix.as_bytes().starts_with(folder) {
                let child = children
                    .binary_search_by(|t| t.name.as_slice().cmp(entry.filename().as_bytes()))
                    .ok()
                    .map(|i| children[i]);
                walk(repo, entry.object_id(), child, folder, prefix, inside, side)?;
            }
        } else if inside {
            side.files.push(HeadFile {
                path: folder.clone(),
                id: entry.object_id(),
            });
        }
        folder.truncate(len);
    }
    Ok(())
}
