use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a decision names the alternatives it considered and why
    /// they lost, where the decision's form has a place for them: labelled
    /// paragraphs (`**Alternative Considered:**` and
    /// `**Rejected Because:**`, as in the session template), the built-in
    /// decision template (`## Rationale` and `## Alternatives Considered`),
    /// MADR (`## Considered Options`, `## Pros and Cons of the Options`) and
    /// Y-statements ("… we decided for … and against …"). A Nygard record
    /// (Context / Decision / Consequences) has no such place and is not
    /// asked for one. A section on the alternatives, or MADR's pros and
    /// cons, is taken to say why they lost.
    ///
    /// This is a warning, apart from DC508 `missing-rationale`: a decision
    /// whose reasons are stated is justified even when the road not taken
    /// is left out, but a reviewer will still ask what else was tried.
    ///
    /// ## Why is this bad?
    /// Without the alternatives, the next person to revisit the decision
    /// re-evaluates the options that were already turned down, and cannot
    /// tell whether the obvious one was ever considered.
    ///
    /// ## Example
    /// ```markdown
    /// ### Decision 1: Temperature 0.3
    /// **Decision:** Run inference at temperature 0.3.
    /// **Rationale:** Predictions were stable across reruns.
    /// **Alternative Considered:** Temperature 0.7
    /// ```
    ///
    /// ## How to fix
    /// Name the alternative and the reason it was rejected, in the place the
    /// form has for them (`**Rejected Because:** labels flipped between
    /// runs.`).
    MissingAlternatives, code = "DC518", name = "missing-alternatives", severity = Warning
}

/// What is left out: the alternatives, or why they lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Alternatives,
    WhyRejected,
}

pub fn diagnostic(span: Span, decision: &str, missing: Missing) -> Diagnostic {
    let what = match missing {
        Missing::Alternatives => "names no alternative it considered",
        Missing::WhyRejected => "does not say why its alternative was rejected",
    };
    Diagnostic::new(
        &MissingAlternatives::META,
        span,
        format!("decision `{decision}` {what}"),
    )
    .label("this decision")
    .help("name the alternative and why it lost, under `**Alternative Considered:**` and `**Rejected Because:**` (or the record's section for them: `## Alternatives Considered`, `## Considered Options`)")
}

#[cfg(test)]
mod tests {
    use super::MissingAlternatives;
    use crate::testing::*;

    #[test]
    fn session_decisions() {
        Tester::new(&MissingAlternatives::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([
                SESSION,
                &SESSION.replace("### Decision 1: Temperature 0.3\n\n", ""),
                // No rationale is DC508's, not this rule's.
                &SESSION.replace(
                    "**Rationale:**\n- Predictions were stable across reruns\n- Accuracy rose by 4 points\n",
                    "",
                ),
                // Still a template: DC507's.
                &SESSION.replace(
                    "**Alternative Considered:** Temperature 0.7 **Rejected Because:** labels flipped between runs.",
                    "**Alternative Considered:** [Alternative] **Rejected Because:** [Why]",
                ),
            ])
            .fail([
                SESSION
                    .replace(" **Rejected Because:** labels flipped between runs.", "")
                    .as_str(),
                &SESSION.replace(
                    "**Alternative Considered:** Temperature 0.7 **Rejected Because:** labels flipped between runs.\n",
                    "",
                ),
            ])
            .snapshot();
    }

    const NYGARD: &str = "# 3. Log metrics to the run folder\n\n\
        ## Status\n\nAccepted\n\n\
        ## Context\n\nDashboards went down during the last outage and took two weeks of curves with them.\n\n\
        ## Decision\n\nEvery run appends its metrics to `metrics.jsonl` in its own folder.\n\n\
        ## Consequences\n\nDashboards import the files; nothing is lost when they are down.\n";

    const MADR: &str = "# Checkpoint format\n\n\
        ## Context and Problem Statement\n\nPickled checkpoints break when a class moves.\n\n\
        ## Considered Options\n\n* safetensors\n* pickle with a compatibility shim\n\n\
        ## Decision Outcome\n\nChosen option: safetensors, because loading runs no code.\n";

    #[test]
    fn decision_records_by_form() {
        Tester::new(&MissingAlternatives::META)
            .path("docs/decisions/0003-metrics.md")
            .pass([
                // Nygard's form has no place for alternatives.
                NYGARD,
                MADR,
                DECISION,
                // A whole section on the alternatives says why they lost.
                &DECISION.replace(
                    "JSON: rejected because comments are not allowed.",
                    "JSON, which the old scripts wrote.",
                ),
                "# Mixed precision\n\nIn the context of training on consumer GPUs, facing out-of-memory errors, \
                 we decided for bf16 autocast and against gradient checkpointing, to achieve twice the batch size.\n",
            ])
            .fail([
                MADR.replace("## Considered Options\n\n* safetensors\n* pickle with a compatibility shim\n\n", "")
                    .as_str(),
                &DECISION.replace(
                    "## Alternatives Considered\n\nJSON: rejected because comments are not allowed.\n",
                    "",
                ),
                "# Mixed precision\n\nIn the context of training on consumer GPUs, facing out-of-memory errors, \
                 we decided for bf16 autocast, to achieve twice the batch size.\n",
            ]);
    }
}
