use crate::dates::{Precision, Written};
use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a document whose `date` is earlier than the commit date of a
    /// commit it cites. Days are compared (the commit's day in the
    /// document's time zone), unless the document's time has real seconds
    /// (`15:17:08`, not a time rounded by hand such as `12:00:00`) and so does
    /// the commit's: then the instants are, with five minutes of slack for
    /// clocks that disagree.
    ///
    /// ## Why is this bad?
    /// A note cannot describe code that did not exist yet: either the date or
    /// the commit is wrong, and the note's provenance cannot be trusted.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-12-01T10:00:00-06:00
    /// git_commit: ea45dd2   # committed on 2025-12-12
    /// ```
    ///
    /// ## How to fix
    /// Correct the date, or cite the commit the document was written against.
    CommitAfterDate, code = "DC211", name = "commit-after-date", severity = Warning
}

/// The latest UTC offset Git's `+HHMM` can write, in seconds east: a commit
/// not later than a date with this offset is not later with its own, so
/// its own need not be read.
pub const LATEST_OFFSET: i64 = 99 * 3600 + 59 * 60;

/// Whether a commit made at `commit` (seconds since the epoch, the
/// committer's offset in seconds east) is later than a document written at
/// `written`; the day it was made on, in the document's time zone (else the
/// committer's), when it is.
pub fn committed_after(written: &Written, (time, offset): (i64, i64)) -> Option<i64> {
    let day = (time + written.offset.unwrap_or(offset)).div_euclid(86_400);
    let later = if written.precision == Precision::Second
        && written.offset.is_some()
        && time.rem_euclid(60) != 0
    {
        time > written.seconds + 300
    } else {
        day > written.day()
    };
    later.then_some(day)
}

pub fn diagnostic(span: Span, date_span: Span, sha: &str, committed: &str) -> Diagnostic {
    Diagnostic::new(
        &CommitAfterDate::META,
        span,
        format!("commit `{sha}` was made on {committed}, after the document's `date`"),
    )
    .label("committed later")
    .related(date_span, "the document's date")
    .help("correct the date, or cite the commit the document was written against")
}

#[cfg(test)]
mod tests {
    use super::committed_after;
    use crate::dates::{self, written};

    /// A commit at a UTC date-time, made from a machine `offset` hours east.
    fn commit(utc: &str, offset: i64) -> (i64, i64) {
        (dates::seconds(utc).unwrap(), offset * 3600)
    }

    #[test]
    fn days_unless_both_sides_have_seconds() {
        let at = |text: &str| written(text).unwrap();
        // Rounded by hand: the commit made later that day is not after it.
        let noon = at("2026-04-13T12:00:00+02:00");
        assert_eq!(
            committed_after(&noon, commit("2026-04-13T16:41:07Z", 2)),
            None
        );
        assert_eq!(
            committed_after(&noon, commit("2026-04-14T08:00:07Z", 2))
                .map(|d| dates::format_day(d * 86_400)),
            Some("2026-04-14".to_owned())
        );
        // The document's day, in its own time zone: 23:00 in Chicago is the
        // next day in UTC.
        let evening = at("2026-04-13T20:00:00-06:00");
        assert_eq!(
            committed_after(&evening, commit("2026-04-14T04:59:07Z", 0)),
            None
        );
        // Real seconds on both sides: instants, five minutes of slack.
        let precise = at("2026-04-13T08:56:02+0200");
        assert_eq!(
            committed_after(&precise, commit("2026-04-13T07:00:01Z", 2)),
            None
        );
        assert!(committed_after(&precise, commit("2026-04-13T07:01:03Z", 2)).is_some());
        // A date alone: the committer's day.
        let day = at("2026-04-13");
        assert_eq!(
            committed_after(&day, commit("2026-04-13T23:30:07Z", -5)),
            None
        );
        assert_eq!(
            committed_after(&day, commit("2026-04-14T03:30:07Z", -5)),
            None
        );
        assert!(committed_after(&day, commit("2026-04-14T03:30:07Z", 0)).is_some());
        // A date and a time without an offset: days again.
        let local = dates::date_and_time("2026-04-13", "09:15:42").unwrap();
        assert_eq!(
            committed_after(&local, commit("2026-04-13T15:00:01Z", 0)),
            None
        );
    }
}
