use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document whose `status` says it is complete while a
    /// document it builds on (through a reference field) is still
    /// `in_progress` or `draft`.
    ///
    /// ## Why is this bad?
    /// A complete plan on unfinished research claims a certainty its
    /// justification does not have yet; one of the two statuses is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// status: complete
    /// related_research: thoughts/shared/research/x.md   # status: in_progress
    /// ```
    ///
    /// ## How to fix
    /// Finish (and mark) the research, or set the plan back to its real
    /// status.
    StatusContradiction, code = "DC406", name = "status-contradiction", severity = Warning
}

pub fn diagnostic(span: Span, status: &str, target: &str, target_status: &str) -> Diagnostic {
    Diagnostic::new(
        &StatusContradiction::META,
        span,
        format!("this document is `{status}` but builds on `{target}`, which is `{target_status}`"),
    )
    .label("unfinished dependency")
    .help("finish the referenced document, or correct one of the statuses")
}
