use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks that the date (and time, when the name has one) in a document's
    /// file name agrees with its `date` metadata, both as written, in the
    /// author's local time: `2025-12-12_15-17_topic.md` goes with
    /// `date: 2025-12-12T15:17:08-06:00`.
    ///
    /// ## Why is this bad?
    /// The two drift when a document is copied from an older one or its
    /// metadata is regenerated. Then the listing sorts it by one date and the
    /// document claims another.
    ///
    /// ## Example
    /// ```yaml
    /// # 2025-12-12_15-17_topic.md
    /// date: 2025-12-13T09:02:11-06:00
    /// ```
    ///
    /// ## How to fix
    /// Rename the file or correct the date, whichever is wrong.
    FileNameDateMismatch, code = "DC515", name = "file-name-date-mismatch", severity = Warning
}

pub fn diagnostic(span: Span, name: &str, date: &str, named: &str) -> Diagnostic {
    Diagnostic::new(
        &FileNameDateMismatch::META,
        span,
        format!("`date` is {date} but the file name `{name}` says {named}"),
    )
    .label("does not match the file name")
    .help("rename the file or correct the date, whichever is wrong")
}

#[cfg(test)]
mod tests {
    use super::FileNameDateMismatch;
    use crate::testing::*;

    #[test]
    fn file_name_date_mismatch() {
        Tester::new(&FileNameDateMismatch::META)
            .path("thoughts/shared/research/2025-12-12_15-17_topic.md")
            .pass([research_with("x", "").as_str()])
            .fail([
                research_with("date", "date: 2025-12-13T15:17:08-06:00").as_str(),
                research_with("date", "date: 2025-12-12T16:17:08-06:00").as_str(),
            ])
            .snapshot();
        Tester::new(&FileNameDateMismatch::META)
            .path("docs/sessions/2024-10-19-sentiment.md")
            .pass([SESSION])
            .fail([SESSION
                .replace("**Date:** 2024-10-19", "**Date:** 2024-10-20")
                .as_str()]);
    }

    #[test]
    fn names_rounded_or_in_local_time_agree() {
        Tester::new(&FileNameDateMismatch::META)
            .path("thoughts/shared/handoffs/2026-02-08_12-21-00_h.md")
            .pass([
                // Seconds rounded in the name.
                research_with("date", "date: 2026-02-08T12:21:54-05:00").as_str(),
                // The same instant: the name in local time, `date` in UTC.
                &research_with("date", "date: 2026-02-08T17:21:54Z"),
            ])
            .fail([
                research_with("date", "date: 2026-02-08T12:35:00-05:00").as_str(),
                // Whole hours apart, but not in UTC: not the same instant.
                &research_with("date", "date: 2026-02-08T17:21:00-05:00"),
            ]);
        // A name by the day, off the built-in pattern, still agrees or not.
        Tester::new(&FileNameDateMismatch::META)
            .path("thoughts/shared/plans/2026-02-08-invites.md")
            .pass([research_with("date", "date: 2026-02-08T09:00:00Z").as_str()])
            .fail([research_with("date", "date: 2026-02-10T09:00:00Z").as_str()]);
    }
}
