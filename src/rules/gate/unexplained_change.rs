use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// With `--base REV`, checks every file the change touches (between
    /// `merge-base(REV, HEAD)` and `HEAD`) that matches `[gate]
    /// require-rationale`: the same change must add or update a plan, decision
    /// record or experiment log (`[gate] documents`) that refers to the file,
    /// by a link or a code reference (`configs/train.yaml:12`), and states a
    /// rationale: a section or field whose name says rationale, or a labelled
    /// `**Rationale:**` paragraph, with real content.
    ///
    /// ## Why is this bad?
    /// Changes to training configs or model code are the ones a team must be
    /// able to explain months later. When the explanation is not written in the
    /// same change, it is not written at all.
    ///
    /// ## Example
    /// ```toml
    /// [gate]
    /// require-rationale = ["configs/**", "src/models/**"]
    /// ```
    /// A pull request that edits `configs/train.yaml` and nothing else.
    ///
    /// ## How to fix
    /// Add (or update) a plan, decision record or experiment log in the same
    /// change that links the file and says why it changed under a Rationale
    /// heading.
    UnexplainedChange, code = "DC601", name = "unexplained-change", severity = Error
}

pub fn diagnostic(path: &str, kinds: &[String]) -> Diagnostic {
    Diagnostic::new(
        &UnexplainedChange::META,
        Span::empty(0),
        format!("`{path}` changed, but no {} in this change explains why", kinds.join(", ")),
    )
    .help(format!(
        "add or update a {} that links `{path}` (or cites it as `{path}:LINE`) and has a `## Rationale` section",
        kinds.join(" or ")
    ))
}

#[cfg(test)]
mod tests {
    use super::{UnexplainedChange, diagnostic};

    #[test]
    fn message_names_the_path_and_the_kinds() {
        let d = diagnostic("configs/train.yaml", &["plan".into(), "decision".into()]);
        assert_eq!(d.rule.code, UnexplainedChange::META.code);
        assert!(d.message.contains("configs/train.yaml"));
        assert!(
            d.help
                .as_deref()
                .unwrap_or_default()
                .contains("plan or decision")
        );
    }
}
