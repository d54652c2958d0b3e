use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a short SHA that matches more than one object, listing the
    /// candidates.
    ///
    /// ## Why is this bad?
    /// As a repository grows, short SHAs stop being unique: `git show` then
    /// refuses them and readers cannot tell which commit was meant.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: f34dbcf   # a commit and a tree share this prefix
    /// ```
    ///
    /// ## How to fix
    /// Write more digits of the intended commit, or the full 40-digit SHA.
    AmbiguousCommit, code = "DC202", name = "ambiguous-commit", severity = Error
}

pub fn diagnostic(
    span: Span,
    field: &str,
    sha: &str,
    candidates: &[(gix::ObjectId, &str)],
) -> Diagnostic {
    let list = candidates
        .iter()
        .map(|(id, kind)| format!("`{}` ({kind})", id.to_hex_with_len(12)))
        .collect::<Vec<_>>()
        .join(", ");
    Diagnostic::new(
        &AmbiguousCommit::META,
        span,
        format!(
            "`{sha}` in `{field}` matches {} objects: {list}",
            candidates.len()
        ),
    )
    .label("ambiguous")
    .help("write more digits of the intended commit, or its full SHA")
}
