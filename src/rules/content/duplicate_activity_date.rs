use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a date that has two sections in an activity log.
    ///
    /// ## Why is this bad?
    /// One day's work split over two sections reads as two days, and one of
    /// them is usually a copy-paste that kept the wrong date.
    ///
    /// ## Example
    /// ```markdown
    /// ## 2024-10-19
    /// …
    /// ## 2024-10-19
    /// ```
    ///
    /// ## How to fix
    /// Merge the two sections, or correct the date of the wrong one.
    DuplicateActivityDate, code = "DC511", name = "duplicate-activity-date", severity = Warning
}

pub fn diagnostic(span: Span, first: Span, heading: &str) -> Diagnostic {
    Diagnostic::new(
        &DuplicateActivityDate::META,
        span,
        format!("`{heading}` already has a section"),
    )
    .label("second section for this date")
    .related(first, "first section")
    .help("merge the two sections, or correct the date")
}

#[cfg(test)]
mod tests {
    use super::DuplicateActivityDate;
    use crate::testing::*;

    #[test]
    fn duplicate_activity_date() {
        Tester::new(&DuplicateActivityDate::META)
            .path("ACTIVITY.md")
            .pass([ACTIVITY])
            .fail([ACTIVITY.replace("## 2024-10-18", "## 2024-10-19").as_str()])
            .snapshot();
    }
}
