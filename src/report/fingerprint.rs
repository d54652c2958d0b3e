//! Line-independent identities for findings (GitLab, SARIF): the rule, the
//! file, the message and which occurrence of that triple it is, hashed with
//! FNV-1a so the value is stable across runs, platforms and versions.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;

/// One fingerprint per diagnostic, in order.
pub fn all(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let n = seen.entry((d.rule.code, &d.path, &d.message)).or_default();
            *n += 1;
            format!(
                "{:016x}",
                fnv1a(&[d.rule.code, &d.path, &d.message, &n.to_string()])
            )
        })
        .collect()
}

fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::content::binary_file::BinaryFile;
    use crate::source::Span;

    const FNV_A: u64 = 0x089b_e207_b544_f1e4;

    #[test]
    fn independent_of_lines_distinct_per_occurrence() {
        let at = |start| {
            let mut d = Diagnostic::new(&BinaryFile::META, Span::new(start, start), "same");
            d.path = "a.md".into();
            d
        };
        let moved = all(&[at(10), at(500)]);
        let original = all(&[at(3), at(40)]);
        assert_eq!(moved, original);
        assert_ne!(moved[0], moved[1]);
        // Pinned: fingerprints must not change between doccheck versions.
        assert_eq!(fnv1a(&["a"]), FNV_A);
    }
}
