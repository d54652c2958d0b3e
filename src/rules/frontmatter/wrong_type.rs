use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that each frontmatter value has the type the schema declares:
    /// a string, a list, a mapping, a number or a boolean.
    ///
    /// ## Why is this bad?
    /// Scripts that read the metadata break on the wrong shape: `tags: mlops`
    /// is a string where every consumer iterates over a list, and a mapping
    /// where a string belongs usually means a missing pair of quotes.
    ///
    /// ## Example
    /// ```yaml
    /// tags: mlops, data-versioning
    /// ```
    ///
    /// ## How to fix
    /// Write the value in the expected shape, e.g. `tags: [mlops, data-versioning]`.
    WrongType, code = "DC106", name = "wrong-type", severity = Error
}

pub fn diagnostic(span: Span, field: &str, expected: &str, found: &str) -> Diagnostic {
    let subject = if field.is_empty() {
        "the frontmatter".to_owned()
    } else {
        format!("`{field}`")
    };
    Diagnostic::new(
        &WrongType::META,
        span,
        format!("{subject} must be {expected}, found {found}"),
    )
    .label(format!("expected {expected}"))
    .help(format!("write {subject} as {expected}"))
}

#[cfg(test)]
mod tests {
    use super::WrongType;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn wrong_type() {
        Tester::new(&WrongType::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("tags", "tags:\n  - a\n  - b"),
                // No value at all is a missing key (DC105), not a wrong type.
                &research_with("tags", "tags:"),
            ])
            .fail([
                research_with("tags", "tags: mlops, data").as_str(),
                &research_with("topic", "topic:\n  nested: mapping"),
                &research_with("researcher", "researcher: true"),
                &doc("- a list\n- not a mapping"),
            ])
            .snapshot();
    }
}
