use crate::diagnostic::Diagnostic;
use crate::rules::declare_rule;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Checks string values against their schema `format`: `date`
    /// (`2025-12-12`; a date-time gives its day too), `date-time` (ISO 8601
    /// with a UTC offset: `2025-12-12T15:17:08-06:00`, `…Z`, the basic
    /// `+0200` that `date +%z` prints, Git's `2025-12-12 15:17:08 +0200`),
    /// `email`, `uri` and the other standard formats. A date alone where a
    /// date-time belongs is DC115's, a warning; a key with no value (`~`,
    /// `None`, nothing) is read as absent.
    ///
    /// ## Why is this bad?
    /// Dates are how notes are ordered, compared with history and checked for
    /// staleness. `12/12/2025` or a time without an offset cannot be compared
    /// reliably across time zones.
    ///
    /// ## Example
    /// ```yaml
    /// date: 2025-12-12 15:17
    /// last_updated: 2025-13-01
    /// ```
    ///
    /// ## How to fix
    /// Write the value in the expected format, e.g. the output of
    /// `date -Iseconds` for a `date-time`.
    InvalidFormat, code = "DC110", name = "invalid-format", severity = Error
}

pub fn diagnostic(span: Span, field: &str, value: &str, format: &str) -> Diagnostic {
    let expected = match format {
        "date" => "a date such as `2025-12-12`".to_owned(),
        "date-time" => {
            "an ISO 8601 date-time with an offset such as `2025-12-12T15:17:08-06:00`".to_owned()
        }
        "time" => "a time with an offset such as `15:17:08-06:00`".to_owned(),
        other => format!("a valid `{other}`"),
    };
    Diagnostic::new(
        &InvalidFormat::META,
        span,
        format!("`{value}` is not a valid {format} for `{field}`"),
    )
    .label(format!("expected {format}"))
    .help(format!("write {expected}"))
}

#[cfg(test)]
mod tests {
    use super::InvalidFormat;
    use crate::testing::{RESEARCH, Tester, doc, research_with};

    #[test]
    fn invalid_format() {
        Tester::new(&InvalidFormat::META)
            .pass([
                doc(RESEARCH).as_str(),
                &research_with("date", "date: 2025-12-12T21:17:08Z"),
                &research_with("date", "date: '2025-12-12T15:17:08+05:30'"),
                &research_with("date", "date: 2025-12-12T15:17:08+0530"),
                &research_with("date", "date: 2025-12-12 15:17:08 -0600"),
                &research_with("last_updated", "last_updated: 2025-12-12T09:00:00Z"),
            ])
            .fail([
                research_with("date", "date: 2025-12-12 15:17").as_str(),
                &research_with("date", "date: 2025-12-12T15:17:08"),
                &research_with("date", "date: 2025-12-12T15:17:08 CET"),
                &research_with("last_updated", "last_updated: 2025-13-01"),
                &research_with("last_updated", "last_updated: 12/12/2025"),
            ])
            .snapshot();
    }
}
