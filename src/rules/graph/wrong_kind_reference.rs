use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a document-reference field points at a document of the
    /// kind its schema names (`x-doc-kind`): a plan's `related_research` must
    /// be a research note, not another plan or a README.
    ///
    /// ## Why is this bad?
    /// The graph's meaning depends on edge kinds: a plan "justified" by
    /// another plan has no research behind it at all.
    ///
    /// ## Example
    /// ```yaml
    /// related_research: thoughts/shared/plans/2025-12-01_other-plan.md
    /// ```
    ///
    /// ## How to fix
    /// Point the field at a document of the right kind, or use a field meant
    /// for that kind of document.
    WrongKindReference, code = "DC402", name = "wrong-kind-reference", severity = Error
}

pub fn diagnostic(
    span: Span,
    field: &str,
    target: &str,
    found: &str,
    expected: &[String],
) -> Diagnostic {
    let expected = expected
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    Diagnostic::new(
        &WrongKindReference::META,
        span,
        format!("`{field}` must refer to a {expected} document, but `{target}` is {found}"),
    )
    .label("wrong kind of document")
    .help(format!("point `{field}` at a {expected} document"))
}
