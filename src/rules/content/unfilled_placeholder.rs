use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports template placeholders left in a document: `{{TOPIC}}`,
    /// bracketed prompts such as `[experiment-name]`, `[Fill in objective]` or
    /// `[running | completed | failed | cancelled]`, `~X hours` and a literal
    /// `YYYY-MM-DD`. Links, task boxes (`[ ]`, `[x]`), footnotes, escaped
    /// brackets, brackets without letters (`[16, 32]`) and anything in code are
    /// not placeholders. Templates themselves (`**/templates/**`) are skipped.
    /// A placeholder in a metadata field is reported once, here, not also as a
    /// schema error.
    ///
    /// ## Why is this bad?
    /// A document created from a template and committed unfilled looks complete
    /// in a file listing and says nothing. It is the most common way structured
    /// notes rot.
    ///
    /// ## Example
    /// ```markdown
    /// **Objective**: [What are you trying to achieve/improve]
    /// **Duration:** ~X hours
    /// ```
    ///
    /// ## How to fix
    /// Replace the placeholder with the real value, or delete the line. If the
    /// brackets are meant literally, escape them (`\[like this]`) or put them in
    /// code.
    UnfilledPlaceholder, code = "DC507", name = "unfilled-placeholder", severity = Error
}

pub fn diagnostic(span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(
        &UnfilledPlaceholder::META,
        span,
        format!("template placeholder `{text}` was never filled in"),
    )
    .label("placeholder")
    .help("replace it with the real value, or escape the brackets (`\\[…]`) if they are meant literally")
}

#[cfg(test)]
mod tests {
    use super::UnfilledPlaceholder;
    use crate::testing::*;

    #[test]
    fn unfilled_placeholder() {
        Tester::new(&UnfilledPlaceholder::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([
                SESSION,
                "# T\n\n- [ ] task\n- [x] done\n\nSee [docs](a.md), [ref][r], \\[literal] and `[code]`.\n\n[r]: b.md\n",
                "# T\n\n| lr | [0.0001, 0.01] |\n|---|---|\n",
                // A quoted UI string.
                "# T\n\nReturning users see \"Welcome back, [Name]!\"\n",
                // A template whose inner fence closes it early for Markdown.
                "# T\n\n```markdown\n## Steps\n```bash\nmake\n```\n## Blockers\n[None | List of blockers]\n```\n\nAfter.\n",
            ])
            .fail([
                SESSION.replace("~3 hours", "~X hours").as_str(),
                SESSION.replace("Evaluate llama3.1 on product reviews", "[Fill in objective]").as_str(),
                "---\ntopic: \"{{TOPIC}}\"\n---\n# {{TOPIC}}\n",
                "# T\n\n```markdown\n# Notes\n```\n\n[Fill in objective]\n",
            ])
            .snapshot();
    }

    #[test]
    fn a_placeholder_is_not_also_a_schema_error() {
        let text = EXPERIMENT.replace(
            "**Status**: completed",
            "**Status**: [running | completed | failed | cancelled]",
        );
        Tester::new(&UnfilledPlaceholder::META)
            .path("experiments/exp-123.md")
            .fail([text.as_str()]);
        Tester::new(&crate::rules::frontmatter::invalid_enum_value::InvalidEnumValue::META)
            .path("experiments/exp-123.md")
            .pass([text.as_str()])
            .fail([EXPERIMENT
                .replace("**Status**: completed", "**Status**: done")
                .as_str()]);
    }
}
