use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that a value restricted to a list of choices (`status`, for
    /// instance) is one of them, and suggests the closest one.
    ///
    /// ## Why is this bad?
    /// Values outside the list fall through every filter and gate: a plan
    /// with `status: completed` is neither complete nor in progress to the
    /// tools that track it.
    ///
    /// ## Example
    /// ```yaml
    /// status: completed   # allowed: in_progress, complete, ready_for_review
    /// ```
    ///
    /// ## How to fix
    /// Use one of the allowed values; the suggestion is usually right.
    InvalidEnumValue, code = "DC107", name = "invalid-enum-value", severity = Error
}

pub fn diagnostic(
    span: Span,
    field: &str,
    value: &str,
    allowed: &[String],
    suggestion: Option<&str>,
) -> Diagnostic {
    let list = allowed
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? Allowed values: {list}"),
        None => format!("use one of {list}"),
    };
    Diagnostic::new(
        &InvalidEnumValue::META,
        span,
        format!("`{value}` is not an allowed value for `{field}`"),
    )
    .label("not an allowed value")
    .help(help)
}

#[cfg(test)]
mod tests {
    use super::InvalidEnumValue;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn invalid_enum_value() {
        Tester::new(&InvalidEnumValue::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("status", "status: \"ready_for_review\""),
            ])
            .fail([
                research_with("status", "status: completed").as_str(),
                &research_with("status", "status: in-progress"),
                &research_with("status", "status: abandoned"),
            ])
            .snapshot();
    }
}
