use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a document has every section its kind requires: a heading
    /// with that text, matched case-insensitively and regardless of numbering,
    /// emoji, check marks and punctuation (`### 1. Tasks Completed ✓` matches
    /// `Tasks Completed`; `and` matches `&`).
    ///
    /// Built in: session logs need Session Overview, Tasks Completed and Key
    /// Decisions & Rationale; experiment logs need Experiment Overview, Dataset
    /// Information and Artifacts & Reproducibility. Set `sections` on a kind to
    /// change the list.
    ///
    /// ## Why is this bad?
    /// The sections are the questions the template exists to answer. A session
    /// log without its decisions, or an experiment without its dataset, cannot
    /// be reviewed or reproduced.
    ///
    /// ## Example
    /// ```markdown
    /// # Session: Sentiment analysis
    /// ## Session Overview
    /// …
    /// (no "Key Decisions & Rationale" heading)
    /// ```
    ///
    /// ## How to fix
    /// Add the section with its heading, or change the kind's `sections` in the
    /// configuration if your team's template differs.
    MissingSection, code = "DC505", name = "missing-section", severity = Error
}

pub fn diagnostic(span: Span, section: &str, kind: &str) -> Diagnostic {
    Diagnostic::new(
        &MissingSection::META,
        span,
        format!("this {kind} has no `{section}` section"),
    )
    .label("in this document")
    .help(format!(
        "add a `## {section}` heading with its content, or change `sections` of the `{kind}` kind"
    ))
}

#[cfg(test)]
mod tests {
    use super::MissingSection;
    use crate::testing::*;

    #[test]
    fn missing_section() {
        Tester::new(&MissingSection::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([
                SESSION,
                &SESSION.replace("## Tasks Completed", "## 2. tasks completed ✓"),
                &SESSION.replace("Decisions & Rationale", "decisions and rationale"),
            ])
            .fail([
                SESSION
                    .replace("## Tasks Completed", "## Work done")
                    .as_str(),
                "# Session: Empty\n\n**Date:** 2024-10-19\n**Objective:** x\n",
            ])
            .snapshot();
    }

    #[test]
    fn configured_sections() {
        Tester::new(&MissingSection::META)
            .path("thoughts/shared/research/2025-12-12_15-17_topic.md")
            .config("[kinds.research]\nsections = [\"Summary\"]\n")
            .pass([format!("{}## Summary\n\nFound it.\n", research_with("x", "")).as_str()])
            .fail([research_with("x", "").as_str()]);
    }
}
