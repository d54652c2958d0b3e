use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the `## YYYY-MM-DD` sections of an activity log
    /// (`ACTIVITY.md`) run newest first.
    ///
    /// ## Why is this bad?
    /// The activity log is read from the top: "what did I do last week?". An
    /// entry filed out of order is an entry nobody finds.
    ///
    /// ## Example
    /// ```markdown
    /// ## 2024-10-18
    /// ## 2024-10-19
    /// ```
    ///
    /// ## How to fix
    /// Move the section above the older ones.
    ActivityDateOrder, code = "DC510", name = "activity-date-order", severity = Warning
}

pub fn diagnostic(span: Span, previous: Span, heading: &str, previous_date: &str) -> Diagnostic {
    Diagnostic::new(
        &ActivityDateOrder::META,
        span,
        format!("`{heading}` comes after the older `{previous_date}`"),
    )
    .label("newer than the section above")
    .related(previous, "the older section")
    .help("activity logs run newest first: move this section up")
}

#[cfg(test)]
mod tests {
    use super::ActivityDateOrder;
    use crate::testing::*;

    #[test]
    fn activity_date_order() {
        Tester::new(&ActivityDateOrder::META)
            .path("ACTIVITY.md")
            .pass([ACTIVITY])
            .fail([ACTIVITY.replace("## 2024-10-18", "## 2024-10-20").as_str()])
            .snapshot();
    }
}
