use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document whose `date` is earlier than the commit date of a
    /// commit it cites.
    ///
    /// ## Why is this bad?
    /// A note cannot describe code that did not exist yet: either the date or
    /// the commit is wrong, and the note's provenance cannot be trusted.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-12-01T10:00:00-06:00
    /// git_commit: ea45dd2   # committed on 2025-12-12
    /// ```
    ///
    /// ## How to fix
    /// Correct the date, or cite the commit the document was written against.
    CommitAfterDate, code = "DC211", name = "commit-after-date", severity = Warning
}

pub fn diagnostic(span: Span, date_span: Span, sha: &str, committed: &str) -> Diagnostic {
    Diagnostic::new(
        &CommitAfterDate::META,
        span,
        format!("commit `{sha}` was made on {committed}, after the document's `date`"),
    )
    .label("committed later")
    .related(date_span, "the document's date")
    .help("correct the date, or cite the commit the document was written against")
}
