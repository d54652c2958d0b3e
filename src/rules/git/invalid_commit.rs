use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a commit field whose value is not a SHA at all: a word such as
    /// `current` or `N/A`, a sentence, a list, a number, an empty value, or
    /// more than 40 hex digits.
    ///
    /// A value that says plainly that there was no commit to cite (`HEAD
    /// (uncommitted changes)`, `N/A (not a git repository)`) is
    /// information: honest, though not verifiable. A bare `N/A` says
    /// nothing of the kind: it is a placeholder.
    ///
    /// ## Why is this bad?
    /// A placeholder where a commit belongs means the note was never tied to
    /// the code it describes; nobody can reproduce what it reports.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: current
    /// ```
    ///
    /// ## How to fix
    /// Write the commit the document was written against (`git rev-parse
    /// --short HEAD`).
    InvalidCommit, code = "DC205", name = "invalid-commit", severity = Error
}

/// Whether a value that is no SHA says honestly that the work had no
/// commit to cite: worth knowing, not a broken promise.
pub fn says_there_is_none(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    [
        "uncommitted",
        "not committed",
        "working tree",
        "not a git",
        "no git",
        "no commit",
    ]
    .iter()
    .any(|s| lower.contains(s))
        || lower.starts_with("head")
}

pub fn diagnostic(span: Span, field: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        &InvalidCommit::META,
        span,
        format!("`{field}` must be a commit SHA (7 to 40 hex digits), found {what}"),
    )
    .label("not a commit SHA")
    .help(
        "write the commit the document was written against, e.g. from `git rev-parse --short HEAD`",
    )
}

#[cfg(test)]
mod tests {
    use super::says_there_is_none;

    #[test]
    fn honest_values() {
        for honest in [
            "HEAD (uncommitted changes)",
            "N/A (not a git repository)",
            "No commit yet",
        ] {
            assert!(says_there_is_none(honest), "{honest}");
        }
        for slip in ["current", "TBD", "N/A", "none", "main"] {
            assert!(!says_there_is_none(slip), "{slip}");
        }
    }
}
