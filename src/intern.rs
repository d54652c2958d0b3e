//! Shared strings for paths and anchors that many documents mention: a
//! million links to a hundred thousand documents keep one allocation per
//! distinct path (per parsing thread), not one per link. Each thread owns its
//! interner, so interning takes no lock.

use std::collections::HashSet;
use std::sync::Arc;

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
