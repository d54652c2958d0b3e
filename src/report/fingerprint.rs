//! Line-independent identities for findings (GitLab, SARIF, the baseline):
//! the rule, the file, the message and which occurrence of that triple it
//! is, hashed with FNV-1a so the value is stable across runs, platforms and
//! versions.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;

/// Sets every finding's fingerprint. `diagnostics` holds all of a run's
/// findings in file order, so that "the second broken link to `a.md` in
/// this file" means the same thing in every run.
pub fn assign(diagnostics: &mut [Diagnostic]) {
    let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut values = Vec::with_capacity(diagnostics.len());
    for d in diagnostics.iter() {
        let n = seen.entry((d.rule.code, &d.path, &d.message)).or_default();
        *n += 1;
        values.push(of(d.rule.code, &d.path, &d.message, *n));
    }
    for (d, value) in diagnostics.iter_mut().zip(values) {
        d.fingerprint = value;
    }
}

/// The fingerprint of the `n`th (from 1) finding of `code` in `path` with
/// `message`.
pub fn of(code: &str, path: &str, message: &str, n: usize) -> u64 {
    fnv1a(&[code, path, message, &n.to_string()])
}

/// The printed form: 16 hex digits.
pub fn hex(fingerprint: u64) -> String {
    format!("{fingerprint:016x}")
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
        let mut moved = [at(10), at(500)];
        let mut original = [at(3), at(40)];
        assign(&mut moved);
        assign(&mut original);
        let values = |ds: &[Diagnostic]| ds.iter().map(|d| d.fingerprint).collect::<Vec<_>>();
        assert_eq!(values(&moved), values(&original));
        assert_ne!(moved[0].fingerprint, moved[1].fingerprint);
        assert_eq!(
            moved[1].fingerprint,
            of(BinaryFile::META.code, "a.md", "same", 2)
        );
        // Pinned: fingerprints must not change between doccheck versions.
        assert_eq!(fnv1a(&["a"]), FNV_A);
        assert_eq!(hex(moved[0].fingerprint).len(), 16);
    }
}
