use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a `$schema` key in a document names a schema doccheck can
    /// use: a built-in schema's `$id`, or a schema file inside the repository
    /// (relative to the document, or to the project root with a leading `/`).
    ///
    /// ## Why is this bad?
    /// A document that names a schema nobody can load is validated against
    /// nothing. doccheck never fetches schemas over the network, so a remote
    /// URL is not a schema it can check against.
    ///
    /// ## Example
    /// ```yaml
    /// $schema: ../schemas/reveiw.schema.json
    /// ```
    ///
    /// ## How to fix
    /// Point `$schema` at an existing schema file in the repository, or
    /// remove it and let the kind's paths or `doc_type` choose the schema.
    UnknownSchema, code = "DC113", name = "unknown-schema", severity = Error
}

pub fn diagnostic(span: Span, reason: &str) -> Diagnostic {
    Diagnostic::new(
        &UnknownSchema::META,
        span,
        format!("`$schema` cannot be used: {reason}"),
    )
    .label("this schema")
    .help("point `$schema` at a schema file inside the repository, or remove the key")
}

#[cfg(test)]
mod tests {
    use super::UnknownSchema;
    use crate::testing::{RESEARCH, Tester, doc};

    #[test]
    fn unknown_schema() {
        Tester::new(&UnknownSchema::META)
            .path("docs/review.md")
            .file(
                "schemas/review.json",
                r#"{"type": "object", "required": ["reviewer"]}"#,
            )
            .pass([
                "---\n$schema: ../schemas/review.json\nreviewer: sam\n---\n",
                "---\n$schema: /schemas/review.json\nreviewer: sam\n---\n",
                &doc(&format!(
                    "$schema: https://doccheck.dev/schemas/research.schema.json\n{RESEARCH}"
                )),
            ])
            .fail([
                "---\n$schema: ../schemas/reveiw.json\n---\n",
                "---\n$schema: https://example.com/review.json\n---\n",
                "---\n$schema: ../../outside.json\n---\n",
            ])
            .snapshot();
    }

    #[test]
    fn schema_key_selects_the_schema() {
        Tester::new(&crate::rules::frontmatter::missing_required_key::MissingRequiredKey::META)
            .path("docs/review.md")
            .file(
                "schemas/review.json",
                r#"{"type": "object", "required": ["reviewer"]}"#,
            )
            .fail(["---\n$schema: ../schemas/review.json\n---\n"]);
    }
}
