//! Shared strings for paths and anchors that many documents mention: a
//! million links to a hundred thousand documents keep one allocation per
//! distinct path (per parsing thread), not one per link. Each thread owns its
//! interner, so interning takes no lock.

use std::collections::HashSet;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct Interner {
    strings: HashSet<Arc<str>>,
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
}
