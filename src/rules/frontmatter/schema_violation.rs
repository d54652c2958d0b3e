use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports every other way a frontmatter value breaks its schema: a
    /// string that is too short or does not match a `pattern`, a list with
    /// too few items or duplicates, a number out of range, or a value that
    /// matches none of the alternatives of an `anyOf` / `oneOf`.
    ///
    /// ## Why is this bad?
    /// The schema is the team's agreement about what a document must say;
    /// each constraint in it exists because some consumer relies on it.
    ///
    /// ## Example
    /// ```yaml
    /// researcher: ""      # the schema sets minLength: 1
    /// ```
    ///
    /// ## How to fix
    /// Change the value so that it meets the constraint in the message, or
    /// relax the schema if the constraint is wrong.
    SchemaViolation, code = "DC112", name = "schema-violation", severity = Error
}

pub fn diagnostic(span: Span, field: &str, message: &str) -> Diagnostic {
    let subject = if field.is_empty() {
        "the frontmatter".to_owned()
    } else {
        format!("`{field}`")
    };
    Diagnostic::new(
        &SchemaViolation::META,
        span,
        format!("{subject}: {message}"),
    )
    .label("does not meet the schema")
    .help("change the value to meet the constraint, or relax the schema")
}

#[cfg(test)]
mod tests {
    use super::SchemaViolation;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn schema_violation() {
        Tester::new(&SchemaViolation::META)
            .pass([
                doc(RESEARCH).as_str(),
                // An empty value is no value: a missing key (DC105).
                &research_with("researcher", "researcher: \"\""),
            ])
            .fail([research_with("tags", "tags: [\"\"]").as_str()])
            .snapshot();
    }

    #[test]
    fn any_of_lists_the_alternatives() {
        let schema = r#"{"properties": {"when": {"anyOf": [{"type": "string", "format": "date"}, {"type": "integer"}]},
            "seed": {"type": "integer", "minimum": 0}, "id": {"type": "string", "pattern": "^exp-[0-9]+$"}}}"#;
        Tester::new(&SchemaViolation::META)
            .file("s.json", schema)
            .config("[kinds.research]\nschema = \"s.json\"\n")
            .pass([doc("when: 2025-12-12\nseed: 42\nid: exp-042").as_str()])
            .fail([
                doc("when: soon").as_str(),
                &doc("seed: -1"),
                &doc("id: experiment 42"),
            ]);
    }
}
