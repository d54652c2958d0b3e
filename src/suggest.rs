//! "Did you mean" suggestions.

/// Optimal string alignment distance (Levenshtein plus adjacent swaps).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `input`, if it is close enough to be a typo:
/// case and `-`/`_` differences are free, and the remaining edit distance
/// must be at most a third of the input's length.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let norm = normalize(input);
    let len = norm.chars().count();
    let limit = (len / 3).max(1);
    // The first of the closest; a candidate whose length alone puts it
    // further than the best so far is not measured.
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let bound = match best {
            None => limit,
            Some((0, _)) => break,
            Some((d, _)) => d - 1,
        };
        // Normalising keeps an ASCII name's length.
        if c.is_ascii() && len.abs_diff(c.len()) > bound {
            continue;
        }
        let other = normalize(c);
        if len.abs_diff(other.chars().count()) > bound {
            continue;
        }
        let d = distance(&norm, &other);
        if d <= bound {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Like [`closest`], but only when no other candidate is as close: a
/// suggestion safe to apply without asking.
pub fn unique_closest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let best = closest(input, candidates.clone())?;
    let norm = normalize(input);
    let d = distance(&norm, &normalize(best));
    let ties = candidates
        .into_iter()
        .filter(|c| distance(&norm, &normalize(c)) == d)
        .count();
    (ties == 1).then_some(best)
}

fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn suggestions() {
        let statuses = ["in_progress", "complete", "ready_for_review"];
        assert_eq!(closest("completed", statuses), Some("complete"));
        assert_eq!(closest("in-progress", statuses), Some("in_progress"));
        assert_eq!(closest("Complete", statuses), Some("complete"));
        assert_eq!(closest("draft", statuses), None);
        assert_eq!(unique_closest("completed", statuses), Some("complete"));
        assert_eq!(unique_closest("cat", ["bat", "car"]), None);
        // Ties go to the first; lengths alone rule out the far ones.
        assert_eq!(closest("cat", ["cattle", "bat", "car"]), Some("bat"));
        assert_eq!(closest("ct", ["ca", "cat"]), Some("ca"));
        assert_eq!(
            closest("reseacher", ["researcher", "repository"]),
            Some("researcher")
        );
    }
}
