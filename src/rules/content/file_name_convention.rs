use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks a document's file name against its kind's naming convention
    /// (`file-name`, a regular expression). Built in: research notes, plans and
    /// PR write-ups are `YYYY-MM-DD_HH-MM[-SS]_topic.md`; session logs are
    /// `YYYY-MM-DD-name.md`. `README.md` and `index.md` are never documents of
    /// a built-in kind.
    ///
    /// ## Why is this bad?
    /// The timestamped names keep folders in chronological order and make a
    /// document findable from its date. One file named `notes.md` breaks both.
    ///
    /// ## Example
    /// ```text
    /// thoughts/shared/research/data-versioning.md
    /// ```
    ///
    /// ## How to fix
    /// Rename the file (`2025-12-12_15-17_data-versioning.md`), or set the
    /// kind's `file-name` in the configuration (`""` turns the check off).
    FileNameConvention, code = "DC514", name = "file-name-convention", severity = Warning
}

pub fn diagnostic(span: Span, name: &str, kind: &str, pattern: &str) -> Diagnostic {
    Diagnostic::new(
        &FileNameConvention::META,
        span,
        format!("`{name}` does not follow the naming convention of {kind} documents"),
    )
    .help(format!(
        "rename the file to match `{pattern}`, or set `file-name` of the `{kind}` kind"
    ))
}

/// A name that departs from the naming this repository's documents of the
/// kind consistently use (`why` gives the evidence).
pub fn learned(span: Span, name: &str, kind: &str, pattern: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        &FileNameConvention::META,
        span,
        format!(
            "`{name}` does not follow this repository's naming of {kind} documents, `{pattern}`"
        ),
    )
    .help(format!(
        "rename the file ({why}), or set `file-name` of the `{kind}` kind"
    ))
}

#[cfg(test)]
mod tests {
    use super::FileNameConvention;
    use crate::testing::*;

    #[test]
    fn file_name_convention() {
        let research = research_with("x", "");
        Tester::new(&FileNameConvention::META)
            .path("thoughts/shared/research/2025-12-12_15-17_topic.md")
            .pass([research.as_str()]);
        Tester::new(&FileNameConvention::META)
            .path("thoughts/shared/research/2025-12-12_15-17-08_topic.md")
            .pass([research.as_str()]);
        Tester::new(&FileNameConvention::META)
            .path("thoughts/shared/research/topic.md")
            .config("[kinds.research]\nfile-name = \"\"\n")
            .pass([research.as_str()]);
        Tester::new(&FileNameConvention::META)
            .path("thoughts/shared/research/data-versioning.md")
            .fail([research.as_str()])
            .snapshot();
    }
}
