use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a `#fragment` that matches a heading's anchor only when case
    /// is ignored (`#Results` for `#results`) or without the emoji variation
    /// selector GitHub keeps in slugs (`#-development` for `## 🛠️
    /// Development`, whose anchor is `#️-development`).
    ///
    /// ## Why is this bad?
    /// Whether browsers and GitHub tolerate these variants is not
    /// guaranteed; the exact anchor always works.
    ///
    /// ## Example
    /// ```markdown
    /// [see](#Results)
    /// ```
    ///
    /// ## How to fix
    /// Write the exact anchor given in the help.
    AnchorCaseMismatch, code = "DC305", name = "anchor-case-mismatch", severity = Warning
}

pub fn diagnostic(span: Span, fragment: &str, exact: &str) -> Diagnostic {
    Diagnostic::new(
        &AnchorCaseMismatch::META,
        span,
        format!("`#{fragment}` only loosely matches the anchor `#{exact}`"),
    )
    .label("not the exact anchor")
    .help(format!("write `#{exact}`"))
}
