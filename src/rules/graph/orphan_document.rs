use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document of a known kind that no other document refers to
    /// or links to, and that refers to or links to no document itself.
    ///
    /// ## Why is this bad?
    /// A note outside the graph is hard to find and easy to forget: research
    /// that informed nothing, or a plan nobody can trace.
    ///
    /// ## Example
    /// A research note that no plan cites and that cites nothing.
    ///
    /// ## How to fix
    /// Link it from the documents it informs (or to the ones it builds on),
    /// or archive it.
    OrphanDocument, code = "DC405", name = "orphan-document", severity = Info
}

pub fn diagnostic(span: Span, kind: &str) -> Diagnostic {
    Diagnostic::new(
        &OrphanDocument::META,
        span,
        format!("this {kind} document is not connected to any other document"),
    )
    .help("link it from the documents it informs, or to the ones it builds on")
}
