use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every document-reference field (a schema field with
    /// `format: doc-ref`, such as a plan's `related_research`) names a file
    /// that exists. Paths are relative to the project root (or, failing that,
    /// to the document's folder).
    ///
    /// ## Why is this bad?
    /// The reference is the edge that ties a plan to the research behind it.
    /// A dangling one means the justification was moved, renamed or never
    /// written, and nobody can follow the reasoning.
    ///
    /// ## Example
    /// ```yaml
    /// related_research: thoughts/shared/research/2025-12-12_data-versoning.md
    /// ```
    ///
    /// ## How to fix
    /// Correct the path; the help suggests a document with the same name
    /// elsewhere when there is one.
    DanglingReference, code = "DC401", name = "dangling-reference", severity = Error
}

pub fn diagnostic(span: Span, field: &str, target: &str, suggestion: Option<&str>) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => "write the path of an existing document, relative to the project root".to_owned(),
    };
    Diagnostic::new(
        &DanglingReference::META,
        span,
        format!("`{field}` refers to `{target}`, which does not exist"),
    )
    .label("no such document")
    .help(help)
}
