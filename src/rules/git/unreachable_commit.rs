use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a cited commit that exists in the object database but is
    /// reachable from no branch, remote-tracking branch or tag (configurable
    /// with `[git] reachable-from`).
    ///
    /// ## Why is this bad?
    /// Such a commit was lost in a rebase or a squash merge. It survives only
    /// until garbage collection, and it was never pushed anywhere a teammate
    /// can fetch it: the note points at code nobody else has.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: 3f9c2d1   # the pre-squash commit of a merged PR
    /// ```
    ///
    /// ## How to fix
    /// Cite the commit that landed (the squash or rebased commit), e.g. from
    /// `git log --oneline -- <path>`.
    UnreachableCommit, code = "DC206", name = "unreachable-commit", severity = Warning
}

pub fn diagnostic(span: Span, field: &str, sha: &str) -> Diagnostic {
    Diagnostic::new(
        &UnreachableCommit::META,
        span,
        format!(
            "commit `{sha}` in `{field}` is not on any branch or tag (lost in a rebase or squash?)"
        ),
    )
    .label("unreachable")
    .help("cite the commit that landed on a branch, e.g. from `git log --oneline -- <path>`")
}
