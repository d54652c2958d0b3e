use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a cited SHA shorter than the configured minimum
    /// (`[git] min-sha-length`, 7 by default).
    ///
    /// ## Why is this bad?
    /// Very short SHAs become ambiguous as history grows, and Git itself
    /// refuses prefixes under 4 digits.
    ///
    /// ## Example
    /// ```yaml
    /// git_commit: ea45
    /// ```
    ///
    /// ## How to fix
    /// Cite at least the configured number of digits (`git rev-parse
    /// --short=7 HEAD`), or the full SHA.
    ShortCommit, code = "DC204", name = "short-commit", severity = Error
}

pub fn diagnostic(span: Span, field: &str, sha: &str, min: usize) -> Diagnostic {
    Diagnostic::new(
        &ShortCommit::META,
        span,
        format!(
            "`{sha}` in `{field}` has {} hex digits; at least {min} are required",
            sha.len()
        ),
    )
    .label("too short")
    .help(format!(
        "cite at least {min} digits of the commit (`git rev-parse --short={min} <commit>`)"
    ))
}
