//! A document's anchors as every document keeps them until the run ends:
//! one text and one list of where each ends, instead of a small allocation
//! per heading (a hundred thousand documents of eight headings are 800,000
//! allocations of a few bytes, each costing more than it holds).

/// Heading ids and explicit anchors, sorted and without repeats.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Anchors {
    text: Box<str>,
    /// Where each anchor ends in `text`.
    ends: Box<[u32]>,
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
        Anchors {
            text: text.into(),
            ends: ends.into(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|i| self.get(i))
    }

    pub fn contains(&self, anchor: &str) -> bool {
        let (mut low, mut high) = (0, self.ends.len());
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
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.text[start..self.ends[i] as usize]
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
    }
}
