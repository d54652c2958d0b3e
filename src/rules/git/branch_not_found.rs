use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the `branch` a document names (any field with
    /// `format: git-branch`) exists as a local or remote-tracking branch.
    /// Skipped in shallow clones, which fetch a single branch, and in
    /// checkouts that have no branch at all (a detached clone of a bundle).
    /// A branch the
    /// history shows was merged, then deleted, is DC214 `deleted-branch`
    /// (information) instead.
    ///
    /// ## Why is this bad?
    /// A branch that no longer exists usually means the note describes work
    /// that was merged under another name or abandoned; readers looking for
    /// it find nothing.
    ///
    /// ## Example
    /// ```yaml
    /// branch: feature/data-versoning
    /// ```
    ///
    /// ## How to fix
    /// Correct the name, or name the branch the work landed on.
    BranchNotFound, code = "DC207", name = "branch-not-found", severity = Warning
}

pub fn diagnostic(span: Span, field: &str, branch: &str, suggestion: Option<&str>) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "name an existing branch, e.g. the one the work landed on".to_owned(),
    };
    Diagnostic::new(
        &BranchNotFound::META,
        span,
        format!("branch `{branch}` in `{field}` does not exist locally or on a remote"),
    )
    .label("no such branch")
    .help(help)
}
