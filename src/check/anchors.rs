//! A document's anchors as every document keeps them until the run ends:
//! one text and one list of where each ends, instead of a small allocation
//! per heading (a hundred thousand documents of eight headings are 800,000
//! allocations of a few bytes, each costing more than it holds), and one
//! copy for the documents written from one template, which have the same.

use std::sync::Arc;

/// Heading ids and explicit anchors, sorted and without repeats.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Anchors(Option<Arc<Set>>);

#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Set {
    text: Box<str>,
    /// Where each anchor ends in `text`.
    ends: Box<[u32]>,
}

impl From<Arc<Set>> for Anchors {
    fn from(set: Arc<Set>) -> Anchors {
        Anchors(Some(set))
    }
}

impl Anchors {
    pub fn new(mut anchors: Vec<Box<str>>) -> Anchors {
        anchors.sort_unstable();
        anchors.dedup();
        let mut text = String::with_capacity(anchors.iter().map(|a| a.len()).sum());
        let mut ends = Vec::with_capacity(anchors.len());
        for anchor in &anchors {
            text.push_str(anchor);
            // A document is at most 10 MB (DC106), so its offsets fit.
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        Anchors((!ends.is_empty()).then(|| {
            Arc::new(Set {
                text: text.into(),
                ends: ends.into(),
            })
        }))
    }

    /// The set, for sharing it among the documents that have the same.
    pub fn set(&self) -> Option<&Arc<Set>> {
        self.0.as_ref()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |set| set.ends.len())
    }

    pub fn contains(&self, anchor: &str) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.get(mid).cmp(anchor) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    fn get(&self, i: usize) -> &str {
        let Some(set) = &self.0 else { return "" };
        let start = i.checked_sub(1).map_or(0, |p| set.ends[p] as usize);
        &set.text[start..set.ends[i] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_found() {
        let anchors = Anchors::new(
            ["summary", "a", "summary", "", "résumé-1", "b"]
                .into_iter()
                .map(Box::from)
                .collect(),
        );
        assert_eq!(
            anchors.iter().collect::<Vec<_>>(),
            ["", "a", "b", "résumé-1", "summary"]
        );
        for a in ["", "a", "b", "résumé-1", "summary"] {
            assert!(anchors.contains(a), "{a}");
        }
        for a in ["c", "summar", "summary-1", "résumé"] {
            assert!(!anchors.contains(a), "{a}");
        }
        assert!(!Anchors::default().contains(""));
        assert_eq!(Anchors::default().iter().count(), 0);
        assert_eq!(Anchors::new(Vec::new()), Anchors::default());
    }
}
