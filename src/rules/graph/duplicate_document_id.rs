use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that document ids are unique: the fields a schema marks with
    /// `format: doc-id` (an experiment's `experiment_id`, a decision's `id`) and
    /// run folder names.
    ///
    /// ## Why is this bad?
    /// References by id (`parent: exp-042`, `run_id: 20251212_151708_baseline`)
    /// must lead to one document. Two experiments called `exp-042` make every
    /// comparison against "exp-042" ambiguous; usually one was copied from the
    /// other and never renumbered.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- experiments/fraud-depth.md -->
    /// **Experiment ID**: exp-042
    /// <!-- experiments/fraud-lr.md -->
    /// **Experiment ID**: exp-042
    /// ```
    ///
    /// ## How to fix
    /// Give the newer document its own id and update references to it.
    DuplicateDocumentId, code = "DC408", name = "duplicate-document-id", severity = Error
}

pub fn diagnostic(span: Span, id: &str, first: &str) -> Diagnostic {
    Diagnostic::new(
        &DuplicateDocumentId::META,
        span,
        format!("id `{id}` is already used by `{first}`"),
    )
    .label("duplicate id")
    .help("give this document its own id, and update the references that meant it")
}

#[cfg(test)]
mod tests {
    use super::DuplicateDocumentId;
    use crate::testing::*;

    #[test]
    fn duplicate_document_id() {
        let other = EXPERIMENT.replace("exp-123", "exp-124");
        let unfilled = EXPERIMENT.replace("exp-123", "[experiment-id]");
        let files = [
            ("experiments/a.md", EXPERIMENT),
            ("experiments/b.md", other.as_str()),
            ("experiments/c.md", unfilled.as_str()),
            ("experiments/d.md", unfilled.as_str()),
        ];
        assert!(project_rule_findings(&DuplicateDocumentId::META, &files).is_empty());
        let copy = [
            ("experiments/a.md", EXPERIMENT),
            ("experiments/z.md", EXPERIMENT),
        ];
        assert_eq!(
            project_rule_findings(&DuplicateDocumentId::META, &copy),
            [("experiments/z.md".to_owned(), "exp-123".to_owned())]
        );
    }
}
