use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every decision says what was decided, why, and which
    /// alternative was considered and why it was rejected. It reads each entry
    /// under a session log's "Key Decisions & Rationale" section (a subheading
    /// per decision, or one `**Decision:**` paragraph after another) and each
    /// decision record as a whole. The parts are labelled paragraphs
    /// (`**Decision:**`, `**Rationale:**`, `**Alternative Considered:**`,
    /// `**Rejected Because:**`, or the same words followed by a colon at the
    /// start of a line) or sections (`## Decision`, `## Rationale`,
    /// `## Alternatives Considered`; a section on the alternatives is taken to
    /// say why they lost). A label followed only by a placeholder does not count.
    ///
    /// ## Why is this bad?
    /// A decision without its rationale is the first thing a team forgets and
    /// the first thing a reviewer or a future maintainer needs: was this chosen
    /// on evidence, and what else was tried?
    ///
    /// ## Example
    /// ```markdown
    /// ### Decision 1: Temperature 0.3
    /// **Decision:** Run inference at temperature 0.3.
    /// **Rationale:** [Reason 1]
    /// ```
    ///
    /// ## How to fix
    /// State the rationale and at least one alternative with the reason it was
    /// rejected, under the labels above.
    MissingRationale, code = "DC508", name = "missing-rationale", severity = Error
}

pub fn diagnostic(span: Span, decision: &str, missing: &[&str]) -> Diagnostic {
    let list = match missing {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    Diagnostic::new(
        &MissingRationale::META,
        span,
        format!("decision `{decision}` lacks {list}"),
    )
    .label("this decision")
    .help("state it under `**Decision:**`, `**Rationale:**`, `**Alternative Considered:**` and `**Rejected Because:**` (or sections with those names)")
}

#[cfg(test)]
mod tests {
    use super::MissingRationale;
    use crate::testing::*;

    #[test]
    fn missing_rationale() {
        Tester::new(&MissingRationale::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([
                SESSION,
                &SESSION.replace("### Decision 1: Temperature 0.3\n\n", ""),
                &SESSION.replace(
                    "**Alternative Considered:** Temperature 0.7 **Rejected Because:** labels flipped between runs.",
                    "**Alternative Considered:** Temperature 0.7\n\n**Rejected Because:** labels flipped between runs.",
                ),
            ])
            .fail([
                SESSION.replace("**Rationale:**\n- Predictions were stable across reruns\n- Accuracy rose by 4 points\n", "**Rationale:**\n").as_str(),
                SESSION.replace(" **Rejected Because:** labels flipped between runs.", "").as_str(),
                SESSION.replace("### Decision 1: Temperature 0.3\n\n", "").replace("**Rationale:**", "**Notes:**").as_str(),
            ])
            .snapshot();
    }

    #[test]
    fn an_unfilled_template_is_reported_as_placeholders_only() {
        // `[Reason 1]` is DC507's: the entry is not finished, not unjustified.
        Tester::new(&MissingRationale::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([SESSION
                .replace(
                    "**Rationale:**\n- Predictions were stable across reruns\n- Accuracy rose by 4 points\n",
                    "**Rationale:** [Reason 1]\n",
                )
                .as_str()]);
    }

    #[test]
    fn decision_records() {
        Tester::new(&MissingRationale::META)
            .path("docs/adr/0002-run-configs.md")
            .pass([
                DECISION,
                "# Use LoRA\n\nDecision: fine-tune with LoRA adapters.\nRationale: fits on one GPU.\nAlternatives: full fine-tuning.\nRejected because: needs 8 GPUs.\n",
            ])
            .fail([DECISION.replace("## Rationale\n\nYAML diffs well and RunContext already writes it.\n", "").as_str()]);
    }
}
