//! Abbreviated object ids looked up over the whole object database at once.
//!
//! gix answers a prefix by reading the loose objects' fan-out folder again
//! for every lookup, a directory listing and a `stat` per entry: with a
//! hundred thousand cited commits that was most of the cost of resolving
//! them. Here each pack index is mapped once and each fan-out folder the
//! prefixes start in is listed once, for every prefix of the run.

use std::path::Path;

use gix::ObjectId;
use gix::hash::Prefix;
use gix::odb::pack::index;

/// The object ids a prefix can name: every pack index, and the loose
/// objects of the fan-out folders the prefixes start in.
pub struct Objects {
    indexes: Vec<index::File>,
    /// Sorted, and only from the folders listed.
    loose: Vec<ObjectId>,
}

impl Objects {
    /// The object database in `objects` (a repository's `objects` folder),
    /// read for prefixes that start in the fan-out `folders`. `None` when
    /// it has alternates or a folder cannot be read: gix, which knows them,
    /// then answers each prefix.
    pub fn read(
        objects: &Path,
        hash: gix::hash::Kind,
        folders: impl Iterator<Item = u8>,
    ) -> Option<Objects> {
        // Objects kept elsewhere (`info/alternates`, or the folders Git's
        // environment adds) are gix's to find.
        let elsewhere = std::env::var_os("GIT_ALTERNATE_OBJECT_DIRECTORIES");
        if objects.join("info/alternates").exists() || elsewhere.is_some_and(|v| !v.is_empty()) {
            return None;
        }
        let mut indexes = Vec::new();
        for entry in std::fs::read_dir(objects.join("pack")).ok()? {
            let path = entry.ok()?.path();
            if path.extension().is_some_and(|e| e == "idx") {
                indexes.push(index::File::at(&path, hash).ok()?);
            }
        }
        let mut folders: Vec<u8> = folders.collect();
        folders.sort_unstable();
        folders.dedup();
        let mut loose = Vec::new();
        for byte in folders {
            let folder = format!("{byte:02x}");
            let entries = match std::fs::read_dir(objects.join(&folder)) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(_) => return None,
            };
            for entry in entries {
                let name = entry.ok()?.file_name();
                // Temporary files of a write in progress are not objects.
                let Some(rest) = name.to_str().filter(|n| n.len() + 2 == hash.len_in_hex()) else {
                    continue;
                };
                if let Ok(id) = ObjectId::from_hex(format!("{folder}{rest}").as_bytes()) {
                    loose.push(id);
                }
            }
        }
        loose.sort_unstable();
        Some(Objects { indexes, loose })
    }

    /// The one object `prefix` names (`Ok`), several (`Err`), or none.
    pub fn lookup(&self, prefix: Prefix) -> Option<Result<ObjectId, ()>> {
        let mut found: Option<ObjectId> = None;
        let mut add = |id: ObjectId| match found {
            Some(other) if other != id => false,
            _ => {
                found = Some(id);
                true
            }
        };
        for index in &self.indexes {
            match index.lookup_prefix(prefix, None) {
                Some(Ok(entry)) if add(index.oid_at_index(entry).to_owned()) => {}
                Some(_) => return Some(Err(())),
                None => {}
            }
        }
        let start = self
            .loose
            .partition_point(|id| prefix.cmp_oid(id) == std::cmp::Ordering::Greater);
        for id in self.loose[start..]
            .iter()
            .take_while(|id| prefix.cmp_oid(id) == std::cmp::Ordering::Equal)
        {
            if !add(*id) {
                return Some(Err(()));
            }
        }
        found.map(Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every four-digit prefix, and each object's five- and seven-digit
    /// ones, name what gix's own lookup names, over objects in two packs
    /// and loose ones: found, shared by several (within a pack, across
    /// packs, across a pack and a loose object) or missing.
    #[test]
    fn a_prefix_names_what_gix_says_it_names() {
        let dir = tempfile::tempdir().unwrap();
        crate::testing::git(dir.path(), &["init", "-q"], "");
        for pack in 0..2 {
            let blobs: String = (0..500)
                .map(|i| format!("blob\ndata <<END\npacked {pack} {i}\nEND\n"))
                .collect();
            crate::testing::git(dir.path(), &["fast-import", "--quiet"], &blobs);
        }
        let repo = gix::open(dir.path()).unwrap();
        for i in 0..500 {
            repo.write_blob(format!("loose {i}\n")).unwrap();
        }
        let store = repo.objects.store_ref().path().to_owned();
        assert_eq!(
            std::fs::read_dir(store.join("pack"))
                .unwrap()
                .filter(|e| e.as_ref().unwrap().path().extension().unwrap() == "idx")
                .count(),
            2
        );
        let mut prefixes: Vec<Prefix> = (0..=0xffff_u32)
            .map(|n| Prefix::from_hex(&format!("{n:04x}")).unwrap())
            .collect();
        for id in repo.objects.iter().unwrap() {
            let hex = id.unwrap().to_string();
            for len in [5, 7] {
                prefixes.push(Prefix::from_hex(&hex[..len]).unwrap());
            }
        }
        let objects = Objects::read(&store, repo.object_hash(), 0..=255).unwrap();
        let mut outcomes = [0; 3];
        for prefix in prefixes {
            let theirs = repo.objects.lookup_prefix(prefix, None).unwrap();
            assert_eq!(objects.lookup(prefix), theirs, "{prefix}");
            outcomes[match theirs {
                None => 0,
                Some(Ok(_)) => 1,
                Some(Err(())) => 2,
            }] += 1;
        }
        assert!(outcomes.iter().all(|&n| n > 0), "{outcomes:?}");
    }
}
