use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a plan that neither names research in a reference field
    /// (`related_research`) nor links to a research document in its body.
    ///
    /// ## Why is this bad?
    /// The research → plan → implement workflow exists so that every plan
    /// is justified by an investigation. A plan without research is a
    /// decision with no recorded reasoning.
    ///
    /// ## Example
    /// ```yaml
    /// # a plan's frontmatter without related_research, and no link to research
    /// topic: Restructure the configuration package
    /// ```
    ///
    /// ## How to fix
    /// Add `related_research: <path of the research note>`, or write the
    /// research first.
    PlanWithoutResearch, code = "DC403", name = "plan-without-research", severity = Warning
}

pub fn diagnostic(span: Span) -> Diagnostic {
    Diagnostic::new(
        &PlanWithoutResearch::META,
        span,
        "this plan refers to no research document",
    )
    .label("no research behind this plan")
    .help(
        "add `related_research: <path of the research note>`, or link to the research in the body",
    )
}
