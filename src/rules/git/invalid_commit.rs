use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a commit field whose value is not a SHA at all: a word such as
    /// `current` or `N/A`, a sentence, a list, a number, an empty value, or
    /// more than 40 hex digits.
    ///
    /// A value that says plainly that the work had no commit yet (`HEAD
    /// (uncommitted changes)`) is information: honest, though not
    /// verifiable.
    ///
    /// ## Why is this bad?
    /// A placeholder where a commit belongs means the note was never tied to
    /// the code it describes; nobody can reproduce what it reports.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: N/A (not a git repository)
    /// ```
    ///
    /// ## How to fix
    /// Write the commit the document was written against (`git rev-parse
    /// --short HEAD`).
    InvalidCommit, code = "DC205", name = "invalid-commit", severity = Error
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
