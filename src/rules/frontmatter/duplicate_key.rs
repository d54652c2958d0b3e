use crate::diagnostic::Diagnostic;
use crate::parse::yaml;
use crate::rules::declare_rule;

declare_rule! {
    /// ## What it does
    /// Checks that no key appears twice in the same frontmatter mapping.
    ///
    /// ## Why is this bad?
    /// YAML forbids duplicate keys, and tools disagree about which value
    /// wins: some keep the first, some the last, some refuse the file. The
    /// metadata then means different things to different readers.
    ///
    /// ## Example
    /// ```yaml
    /// status: in_progress
    /// topic: Data versioning
    /// status: complete
    /// ```
    ///
    /// ## How to fix
    /// Keep one of the two entries and delete the other.
    DuplicateKey, code = "DC104", name = "duplicate-key", severity = Error
}

pub fn diagnostic(dup: &yaml::DuplicateKey) -> Diagnostic {
    Diagnostic::new(
        &DuplicateKey::META,
        dup.second,
        format!("key `{}` appears more than once", dup.key),
    )
    .label("duplicate key")
    .related(dup.first, "first defined here")
    .help("keep one of the entries and delete the other")
}

#[cfg(test)]
mod tests {
    use super::DuplicateKey;
    use crate::testing::{RESEARCH, Tester, doc};

    #[test]
    fn duplicate_key() {
        Tester::new(&DuplicateKey::META)
            .pass([doc(RESEARCH).as_str(), &doc("a:\n  x: 1\nb:\n  x: 2")])
            .fail([
                doc(&format!("{RESEARCH}\nstatus: in_progress")).as_str(),
                &doc("phases:\n  - name: a\n    name: b"),
                &doc("{a: 1, a: 2}"),
            ])
            .snapshot();
    }
}
