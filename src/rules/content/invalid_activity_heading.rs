use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every second-level heading of an activity log starts with a
    /// real date, `YYYY-MM-DD` (`## 2024-10-19` or `## 2024-10-19 (Saturday)`).
    /// Topics go one level down (`### Experiments`).
    ///
    /// ## Why is this bad?
    /// The log is organised by day; a section without a date cannot be placed
    /// in time, and an impossible date (`2024-13-01`) is a typo.
    ///
    /// ## Example
    /// ```markdown
    /// ## Experiments
    /// ## 2024-02-30
    /// ```
    ///
    /// ## How to fix
    /// Start the heading with the day's date, or make it a `###` topic inside a
    /// day.
    InvalidActivityHeading, code = "DC513", name = "invalid-activity-heading", severity = Warning
}

pub fn diagnostic(span: Span, heading: &str) -> Diagnostic {
    Diagnostic::new(
        &InvalidActivityHeading::META,
        span,
        format!("activity section `{heading}` does not start with a valid date"),
    )
    .label("expected `## YYYY-MM-DD`")
    .help("start the heading with the day's date, or make it a `###` topic within a day")
}

#[cfg(test)]
mod tests {
    use super::InvalidActivityHeading;
    use crate::testing::*;

    #[test]
    fn invalid_activity_heading() {
        Tester::new(&InvalidActivityHeading::META)
            .path("ACTIVITY.md")
            .pass([
                ACTIVITY,
                &ACTIVITY.replace("## 2024-10-18", "## 2024-10-18 (Friday)"),
            ])
            .fail([
                ACTIVITY.replace("## 2024-10-18", "## Models").as_str(),
                ACTIVITY.replace("## 2024-10-18", "## 2024-02-30").as_str(),
            ])
            .snapshot();
    }
}
