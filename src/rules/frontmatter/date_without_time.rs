use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a date alone (`2025-12-12`) where the schema asks for a
    /// date-time (`format: date-time`, such as `date` in research notes,
    /// plans and PR write-ups). A `time` key next to it (`time: 15:17`)
    /// completes the date and is read with it as one point in time.
    ///
    /// ## Why is this bad?
    /// The day is there, so nothing is wrong with the note's place in time;
    /// but the time orders the notes of one day and tells which commits were
    /// already made when it was written, and the file name usually carries
    /// it too.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-12-12
    /// ```
    ///
    /// ## How to fix
    /// Add the time and its offset, as `date -Iseconds` prints it
    /// (`2025-12-12T15:17:08-06:00`), or leave the date alone and lower this
    /// rule if the project only records days.
    DateWithoutTime, code = "DC115", name = "date-without-time", severity = Warning
}

pub fn diagnostic(span: Span, field: &str, date: &str) -> Diagnostic {
    Diagnostic::new(
        &DateWithoutTime::META,
        span,
        format!("`{field}` gives the day only (`{date}`), without the time"),
    )
    .label("no time of day")
    .help(format!(
        "add the time of writing and its UTC offset, `{field}: {date}THH:MM:SS±HH:MM` (`date -Iseconds` prints it), or a `time` key beside it"
    ))
}

#[cfg(test)]
mod tests {
    use super::DateWithoutTime;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn date_without_time() {
        Tester::new(&DateWithoutTime::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("date", "date: 2025-12-12T15:17:08+0200"),
                // The day and the time as two keys are one point in time.
                &research_with("date", "date: 2025-12-12\ntime: 15:17"),
                &research_with("date", "date: 2025-12-12\ntime: \"15:17:08 -06:00\""),
                // Not a date at all: DC110's, not this rule's.
                &research_with("date", "date: 12/12/2025"),
            ])
            .fail([
                research_with("date", "date: 2025-12-12").as_str(),
                &research_with("date", "date: '2025-12-12'"),
                &research_with("date", "date: 2025-12-12\ntime: after lunch"),
            ])
            .snapshot();
    }

    #[test]
    fn a_date_field_takes_a_date() {
        // `last_updated` is a date: a day is all it asks for.
        Tester::new(&DateWithoutTime::META).pass([research_with(
            "last_updated",
            "last_updated: 2025-12-12",
        )
        .as_str()]);
    }
}
