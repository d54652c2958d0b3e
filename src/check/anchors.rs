//! A document's anchors as every document keeps them until the run ends:
//! one allocation for all of them, instead of one per heading (a hundred
//! thousand documents of eight headings are 800,000 allocations of a few
//! bytes, each costing more than it holds).

/// Heading ids and explicit anchors, sorted and without repeats: their
/// number, where each ends in the text, and the text, in one block (no
/// block for none).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Anchors(Box<[u8]>);

impl Anchors {
    pub fn new(mut anchors: Vec<Box<str>>) -> Anchors {
        anchors.sort_unstable();
        anchors.dedup();
        if anchors.is_empty() {
            return Anchors::default();
        }
        let text: usize = anchors.iter().map(|a| a.len()).sum();
        let mut block = Vec::with_capacity(4 * (anchors.len() + 1) + text);
        // A document is at most 10 MB (DC106), so its offsets fit.
        let word = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
        block.extend(word(anchors.len()));
        let mut end = 0;
        for anchor in &anchors {
            end += anchor.len();
            block.extend(word(end));
        }
        for anchor in &anchors {
            block.extend(anchor.as_bytes());
        }
        Anchors(block.into())
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    fn word(&self, i: usize) -> usize {
        self.0
            .get(4 * i..4 * i + 4)
            .and_then(|w| w.try_into().ok())
            .map_or(0, |w| u32::from_le_bytes(w) as usize)
    }

    fn len(&self) -> usize {
        self.word(0)
    }

    pub fn contains(&self, anchor: &str) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = (low + high) / 2;
            // Bytes order as the texts do, without checking each again.
            match self.bytes(mid).cmp(anchor.as_bytes()) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    fn bytes(&self, i: usize) -> &[u8] {
        let text = 4 * (self.len() + 1);
        let start = if i == 0 { 0 } else { self.word(i) };
        self.0
            .get(text + start..text + self.word(i + 1))
            .unwrap_or_default()
    }

    fn get(&self, i: usize) -> &str {
        // Whole anchors, each a `str`: the check cannot fail.
        std::str::from_utf8(self.bytes(i)).unwrap_or_default()
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
