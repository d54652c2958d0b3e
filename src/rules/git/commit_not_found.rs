use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every commit a document cites (a schema field with
    /// `format: git-commit` such as `git_commit` or `data_version`, or a
    /// `**Git Commit**:` line in the body) exists in the repository.
    ///
    /// ## Why is this bad?
    /// The commit is how a reader finds the code a note describes. A SHA that
    /// names nothing (mistyped, from another repository, or lost when a branch
    /// was deleted) makes the note unreproducible. In a shallow clone the
    /// commit may simply not be fetched: doccheck then says so once instead.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: ea45dd3   # no such commit
    /// ```
    ///
    /// ## How to fix
    /// Cite a commit that exists (`git log --oneline` lists them). If the
    /// commit lives in another repository, set `[git] repository` in the
    /// configuration.
    CommitNotFound, code = "DC201", name = "commit-not-found", severity = Error
}

pub fn diagnostic(span: Span, field: &str, sha: &str) -> Diagnostic {
    Diagnostic::new(
        &CommitNotFound::META,
        span,
        format!("commit `{sha}` in `{field}` does not exist in this repository"),
    )
    .label("no such commit")
    .help("cite an existing commit (see `git log --oneline`); if it lives in another repository, set `[git] repository`")
}
