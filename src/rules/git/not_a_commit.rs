use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a cited SHA that exists but names a tree, a blob or an
    /// annotated tag instead of a commit.
    ///
    /// ## Why is this bad?
    /// A tree or blob SHA says what some content was, not when or on which
    /// history: it cannot be checked out, compared or reached from a branch.
    /// Usually the wrong SHA was copied from `git ls-tree` or `git cat-file`.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: 4b825dc   # the empty tree
    /// ```
    ///
    /// ## How to fix
    /// Cite the commit: `git log -1 --format=%h -- <path>`, or for a tag,
    /// `git rev-parse <tag>^{commit}`.
    NotACommit, code = "DC203", name = "not-a-commit", severity = Error
}

pub fn diagnostic(span: Span, field: &str, sha: &str, kind: &str) -> Diagnostic {
    Diagnostic::new(
        &NotACommit::META,
        span,
        format!("`{sha}` in `{field}` is a {kind}, not a commit"),
    )
    .label(format!("a {kind}"))
    .help(if kind == "tag" {
        "cite the commit the tag points to: `git rev-parse <tag>^{commit}`"
    } else {
        "cite a commit SHA, e.g. from `git log --oneline`"
    })
}
