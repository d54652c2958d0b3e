//! Shared strings for paths and anchors that many documents mention: a
//! million links to a hundred thousand documents keep one copy per distinct
//! path, not one per link. An [`Interner`] belongs to one parsing thread and
//! takes no lock; the [`Name`]s links keep are shared by the process.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// A path or fragment that links name, interned once for the whole process:
/// 4 bytes where an `Arc<str>` takes 16, and one copy of the text however
/// many threads parse documents that link to it. A large project keeps a
/// million links, each with up to three names, until the run ends; the
/// texts are never freed (a run names each path once, and a process runs
/// few checks).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Name(NonZeroU32);

/// The texts by id, in chunks that never move once made, so that reading a
/// name takes no lock.
const CHUNK: usize = 1 << 16;
static TEXTS: [OnceLock<Box<[OnceLock<&'static str>]>>; 1 << 16] =
    [const { OnceLock::new() }; 1 << 16];
/// The next id; 0 is no name (`Option<Name>` is 4 bytes).
static NEXT: AtomicU32 = AtomicU32::new(1);
/// Ids by text, in shards so that parsing threads seldom wait on each other.
static SHARDS: LazyLock<[Mutex<Shard>; 16]> = LazyLock::new(Default::default);

/// A text's shard, from its last eight bytes (where paths differ), without
/// hashing it whole a second time.
fn shard(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut last = [0u8; 8];
    let tail = &bytes[bytes.len().saturating_sub(8)..];
    last[..tail.len()].copy_from_slice(tail);
    (u64::from_le_bytes(last).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 60) as usize
}

const RECENT_SLOTS: usize = 512;
static RECENT_HASH: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0);

thread_local! {
    /// The names this thread asked for lately, one per slot by hash.
    static RECENT: std::cell::RefCell<[(u64, Option<Name>); RECENT_SLOTS]> =
        const { std::cell::RefCell::new([(0, None); RECENT_SLOTS]) };
}

#[derive(Default)]
struct Shard {
    ids: HashMap<&'static str, Name, foldhash::fast::FixedState>,
    /// The rest of the block the shard copies its new texts into.
    free: &'static mut [u8],
}

impl Name {
    pub fn new(text: &str) -> Name {
        // The few texts that recur in every document (fragments such as
        // `summary`) are found in this thread's own slots, without the
        // shared table's lock and its cache misses.
        let hash = RECENT_HASH.hash_one(text);
        let slot = (hash % RECENT_SLOTS as u64) as usize;
        if let Some(name) = RECENT.with_borrow(|recent| {
            let (seen, name) = recent[slot];
            name.filter(|n| seen == hash && n.as_str() == text)
        }) {
            return name;
        }
        let name = Name::shared(text);
        RECENT.with_borrow_mut(|recent| recent[slot] = (hash, Some(name)));
        name
    }

    fn shared(text: &str) -> Name {
        let shard = &SHARDS[shard(text)];
        let mut shard = shard
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&name) = shard.ids.get(text) {
            return name;
        }
        if shard.free.len() < text.len() {
            // Blocks of 64 KiB: one allocation for a thousand paths.
            shard.free = vec![0; text.len().max(1 << 16)].leak();
        }
        let (copy, rest) = std::mem::take(&mut shard.free).split_at_mut(text.len());
        copy.copy_from_slice(text.as_bytes());
        shard.free = rest;
        let copy: &'static str = std::str::from_utf8(copy).unwrap_or_default();
        // Four billion names need hundreds of gigabytes first.
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = Name(NonZeroU32::new(id).unwrap_or(NonZeroU32::MAX));
        let chunk = TEXTS[id as usize / CHUNK]
            .get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        let _ = chunk[id as usize % CHUNK].set(copy);
        shard.ids.insert(copy, name);
        name
    }

    /// The name of `text`, if something named it before.
    pub fn find(text: &str) -> Option<Name> {
        SHARDS[shard(text)]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .ids
            .get(text)
            .copied()
    }

    /// A number of its own, small and dense: names can index a list.
    pub fn index(self) -> usize {
        self.0.get() as usize
    }

    pub fn as_str(self) -> &'static str {
        let id = self.0.get() as usize;
        TEXTS[id / CHUNK]
            .get()
            .and_then(|chunk| chunk[id % CHUNK].get())
            .copied()
            .unwrap_or_default()
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

#[derive(Debug, Default)]
pub struct Interner {
    /// Hashed with foldhash (hashbrown's own hasher): every link's path and
    /// fragment is looked up here, and SipHash's protection against chosen
    /// keys buys nothing for a repository's own paths.
    strings: HashSet<Arc<str>, foldhash::fast::RandomState>,
    /// Lists of shared strings that many documents repeat whole (the
    /// frontmatter keys of a kind, in order).
    lists: HashSet<Arc<[Arc<str>]>, foldhash::fast::RandomState>,
}

impl Interner {
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(existing) = self.strings.get(s) {
            return existing.clone();
        }
        let new: Arc<str> = Arc::from(s);
        self.strings.insert(new.clone());
        new
    }

    pub fn list(&mut self, items: Vec<Arc<str>>) -> Arc<[Arc<str>]> {
        if let Some(existing) = self.lists.get(items.as_slice()) {
            return existing.clone();
        }
        let new: Arc<[Arc<str>]> = items.into();
        self.lists.insert(new.clone());
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_string_same_allocation() {
        let mut i = Interner::default();
        let a = i.get("docs/a.md");
        let b = i.get(&String::from("docs/a.md"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &i.get("docs/b.md")));
    }

    #[test]
    fn a_name_is_its_text_from_any_thread() {
        let a = Name::new("docs/a.md");
        assert_eq!(a, Name::new(&String::from("docs/a.md")));
        assert_eq!(&*a, "docs/a.md");
        assert_ne!(a, Name::new("docs/b.md"));
        assert_eq!(Name::new("").as_str(), "");
        assert_eq!(Name::find("docs/a.md"), Some(a));
        assert_eq!(Name::find("docs/never-named.md"), None);
        let names: Vec<Vec<Name>> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| (0..2000).map(|i| Name::new(&format!("n/{i}.md"))).collect())
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        for list in &names {
            assert_eq!(list, &names[0]);
        }
        assert_eq!(names[0][1999].as_str(), "n/1999.md");
        let long = "x".repeat(100_000);
        assert_eq!(Name::new(&long).as_str(), long);
        assert_eq!(std::mem::size_of::<Option<Name>>(), 4);
    }

    #[test]
    fn same_list_same_allocation() {
        let mut i = Interner::default();
        let keys = |i: &mut Interner, k: &[&str]| k.iter().map(|k| i.get(k)).collect::<Vec<_>>();
        let a = keys(&mut i, &["date", "status"]);
        let a = i.list(a);
        let b = keys(&mut i, &["date", "status"]);
        assert!(Arc::ptr_eq(&a, &i.list(b)));
        let c = keys(&mut i, &["status", "date"]);
        assert!(!Arc::ptr_eq(&a, &i.list(c)));
    }
}
