use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports an activity-log section dated after today (with a day of slack
    /// for time zones).
    ///
    /// ## Why is this bad?
    /// The log records what was done. A future date is a typo (2042 for 2024)
    /// and sorts the entry above everything real.
    ///
    /// ## Example
    /// ```markdown
    /// ## 2042-10-19
    /// ```
    ///
    /// ## How to fix
    /// Correct the date.
    FutureActivityDate, code = "DC512", name = "future-activity-date", severity = Error
}

pub fn diagnostic(span: Span, heading: &str) -> Diagnostic {
    Diagnostic::new(
        &FutureActivityDate::META,
        span,
        format!("`{heading}` is in the future"),
    )
    .label("after today")
    .help("the activity log records work already done: correct the date")
}

#[cfg(test)]
mod tests {
    use super::FutureActivityDate;
    use crate::testing::*;

    #[test]
    fn future_activity_date() {
        Tester::new(&FutureActivityDate::META)
            .path("ACTIVITY.md")
            .pass([ACTIVITY])
            .fail([ACTIVITY.replace("## 2024-10-19", "## 2999-10-19").as_str()])
            .snapshot();
    }
}
