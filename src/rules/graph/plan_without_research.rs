use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a plan that cites no research document: not in a reference
    /// field (`related_research`) or another key that says so, not by a
    /// link, a labelled or code-span path (`` `thoughts/shared/research/x.md` ``)
    /// or an id in its body.
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

#[cfg(test)]
mod tests {
    use super::PlanWithoutResearch;
    use crate::testing::project_rule_findings;

    const RESEARCH: (&str, &str) = (
        "thoughts/shared/research/2026-02-16-invites.md",
        "# Invites\n",
    );

    #[test]
    fn plan_without_research() {
        for body in [
            "Based on `thoughts/shared/research/2026-02-16-invites.md`.",
            "**Research document:** thoughts/shared/research/2026-02-16-invites.md",
            "See [the research](../research/2026-02-16-invites.md).",
        ] {
            let plan = format!("# Plan\n\n{body}\n");
            let files = [RESEARCH, ("thoughts/shared/plans/p.md", plan.as_str())];
            assert!(
                project_rule_findings(&PlanWithoutResearch::META, &files).is_empty(),
                "{body}"
            );
        }
        let files = [
            RESEARCH,
            ("thoughts/shared/plans/p.md", "# Plan\n\nNo research.\n"),
        ];
        assert_eq!(
            project_rule_findings(&PlanWithoutResearch::META, &files).len(),
            1
        );
    }
}
