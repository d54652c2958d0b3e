use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a relative link whose `..` segments climb above the project
    /// root. doccheck never follows such a link.
    ///
    /// ## Why is this bad?
    /// The target is not part of the repository: it works on one laptop and
    /// is broken for every other reader, on GitHub and in CI.
    ///
    /// ## Example
    /// ```markdown
    /// [notes](../../../private/notes.md)
    /// ```
    ///
    /// ## How to fix
    /// Move the target into the repository, or link to it by URL.
    LinkOutsideRepository, code = "DC302", name = "link-outside-repository", severity = Error
}

pub fn diagnostic(span: Span) -> Diagnostic {
    Diagnostic::new(
        &LinkOutsideRepository::META,
        span,
        "this link leads outside the repository",
    )
    .label("leaves the repository")
    .help("move the target into the repository, or link to it by URL")
}
