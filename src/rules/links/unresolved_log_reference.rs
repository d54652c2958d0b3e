use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every execution-log or run name an activity log mentions
    /// (`20241019-143000-sentiment-analysis`, `20251212_151708_baseline`)
    /// resolves: to a file with that name (any extension) under a `logs/`
    /// folder next to the activity log or at the project root, to a document
    /// whose file name or id is that name (an experiment log), or to a run
    /// folder.
    ///
    /// ## Why is this bad?
    /// The activity log is the index into the execution logs. "Started:
    /// 20241019-143000-sentiment-analysis" with no such log is the seed's
    /// pitfall "no connection between tiers": the summary survives and the
    /// details it points to are gone or misnamed.
    ///
    /// ## Example
    /// ```markdown
    /// ## 2024-10-19
    /// - Started: 20241019-143000-sentiment-analysys
    /// ```
    ///
    /// ## How to fix
    /// Correct the name, commit the log (or the experiment document), or write
    /// the name in code (`` `…` ``) if it is not meant to resolve.
    UnresolvedLogReference, code = "DC306", name = "unresolved-log-reference", severity = Error
}

pub fn diagnostic(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        &UnresolvedLogReference::META,
        span,
        format!("`{name}` names no execution log, experiment or run in this repository"),
    )
    .label("not found")
    .help(
        "correct the name, or add the log under `logs/` (or the experiment document) it refers to",
    )
}

#[cfg(test)]
mod tests {
    use super::UnresolvedLogReference;
    use crate::testing::*;

    #[test]
    fn unresolved_log_reference() {
        let activity = ACTIVITY.replace(
            "- Status: Complete",
            "- Compared with 20251212_151708_baseline and 20241018-090000-exp-7\n- Missing: 20241019-160000-llama-finetuning",
        );
        let found = project_rule_findings(
            &UnresolvedLogReference::META,
            &[
                ("ml/ACTIVITY.md", activity.as_str()),
                (
                    "ml/logs/experiments/20241019-143000-sentiment-analysis.log",
                    "log\n",
                ),
                (
                    "data/20251212_151708_baseline/run_config.yaml",
                    "data_version: ea45dd2\n",
                ),
                ("experiments/20241018-090000-exp-7.md", EXPERIMENT),
            ],
        );
        assert_eq!(
            found,
            [(
                "ml/ACTIVITY.md".to_owned(),
                "20241019-160000-llama-finetuning".to_owned()
            )]
        );
    }
}
