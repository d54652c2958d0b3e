use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a section of a typed document (any heading below the title) with
    /// nothing under it: no text, list, table or code before the next heading
    /// of the same or a higher level. Subsections count as content; comments and
    /// horizontal rules do not. A heading that is a statement in itself
    /// (`Verdict: ACCEPT (tests pass)`, a sentence of seven words or more) is
    /// not a section waiting for content.
    ///
    /// ## Why is this bad?
    /// An empty heading is a question the author skipped. Readers scan headings
    /// and trust that "Results" holds results.
    ///
    /// ## Example
    /// ```markdown
    /// ## Results & Metrics
    ///
    /// ## Lessons Learned
    /// - …
    /// ```
    ///
    /// ## How to fix
    /// Write the section, or delete the heading if it does not apply.
    EmptySection, code = "DC506", name = "empty-section", severity = Warning
}

pub fn diagnostic(span: Span, heading: &str) -> Diagnostic {
    Diagnostic::new(
        &EmptySection::META,
        span,
        format!("the section `{heading}` is empty"),
    )
    .label("nothing below this heading")
    .help("write the section, or remove the heading if it does not apply")
}

#[cfg(test)]
mod tests {
    use super::EmptySection;
    use crate::testing::*;

    #[test]
    fn empty_section() {
        Tester::new(&EmptySection::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([
                SESSION,
                "# T\n\n## A\n### B\ntext\n",
                "# T\n\n## Verdict: ACCEPT (the tests pass)\n\n---\n\n## B\ntext\n",
                "# T\n\n## None of these changes were committed yet\n\n## B\ntext\n",
            ])
            .fail([
                SESSION
                    .replace("- Lower temperature helps classification.\n", "")
                    .as_str(),
                "# T\n\n## A\n\n<!-- later -->\n\n---\n\n## B\ntext\n",
            ])
            .snapshot();
    }
}
