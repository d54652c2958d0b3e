use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a link that names an existing file with different letter case
    /// (`Plan.md` for `plan.md`).
    ///
    /// ## Why is this bad?
    /// It works on macOS and Windows, whose file systems ignore case, and
    /// breaks on Linux: in CI, in containers and on GitHub.
    ///
    /// ## Example
    /// ```markdown
    /// [research](../Research/2025-12-12_Data-Versioning.md)
    /// ```
    ///
    /// ## How to fix
    /// Write the path with the file's exact case.
    LinkCaseMismatch, code = "DC303", name = "link-case-mismatch", severity = Error
}

pub fn diagnostic(span: Span, path: &str, actual: &str) -> Diagnostic {
    Diagnostic::new(
        &LinkCaseMismatch::META,
        span,
        format!("link target `{path}` differs in case from the file `{actual}`"),
    )
    .label("wrong case")
    .help(format!(
        "write the path as `{actual}`: links are case-sensitive on Linux"
    ))
}
