//! The date forms documents use: `2025-12-12` and date-times with an offset
//! (`2025-12-12T15:17:08-06:00`, `2026-04-13T08:56:02+0200`), read as people
//! write them. Schemas validate the form with these; they also give the
//! instants the Git checks compare, with how precise each is.

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the proleptic Gregorian
/// calendar, Howard Hinnant's algorithm).
pub fn days(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year: i64 = date[0..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How much of a point in time a document wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// A date alone.
    Day,
    /// A time without seconds, or with `:00`: rounded by hand.
    Rounded,
    /// Seconds as a clock gives them (`date -Iseconds`).
    Second,
}

/// A date or date-time as a document writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Seconds since the Unix epoch. Without an offset, the local time read
    /// as UTC; a date alone stands for the end of its day.
    pub seconds: i64,
    /// The UTC offset written, in seconds east.
    pub offset: Option<i64>,
    pub precision: Precision,
}

impl Written {
    /// The day as written, in days since the epoch.
    pub fn day(&self) -> i64 {
        (self.seconds + self.offset.unwrap_or(0)).div_euclid(86_400)
    }
}

/// A date (`2025-12-12`) or a date-time with an offset as people write
/// them: RFC 3339 (`2025-12-12T15:17:08-06:00`, `…Z`), the ISO 8601 basic
/// offsets `date +%z` prints (`+0200`, `+02`), a time without seconds, a
/// space for the `T` and before the offset (`2025-12-12 15:17:08 +0200`,
/// Git's own form). A time without an offset is not a point in time.
pub fn written(text: &str) -> Option<Written> {
    let text = text.trim();
    let (date, rest) = text.split_at_checked(10)?;
    let day = days(date)?;
    if rest.is_empty() {
        return Some(Written {
            seconds: day * 86_400 + 86_399,
            offset: None,
            precision: Precision::Day,
        });
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (time, precision, zone) = clock(rest)?;
    let offset = offset(zone.strip_prefix(' ').unwrap_or(zone))?;
    Some(Written {
        seconds: day * 86_400 + time - offset,
        offset: Some(offset),
        precision,
    })
}

/// A `date` and a separate `time` (`14:30`, `14:30:05+02:00`) read as one
/// point in time; without an offset the time is local.
pub fn date_and_time(date: &str, time: &str) -> Option<Written> {
    let day = days(date.trim())?;
    let (time, precision, zone) = clock(time.trim())?;
    let offset = match zone.strip_prefix(' ').unwrap_or(zone) {
        "" => None,
        zone => Some(offset(zone)?),
    };
    Some(Written {
        seconds: day * 86_400 + time - offset.unwrap_or(0),
        offset,
        precision,
    })
}

/// Seconds since the Unix epoch of a date-time with an offset.
pub fn seconds(text: &str) -> Option<i64> {
    written(text)
        .filter(|w| w.precision != Precision::Day)
        .map(|w| w.seconds)
}

/// `HH:MM[:SS[.fff]]` at the start of `text`: the seconds into the day,
/// how precise they are, and what follows.
fn clock(text: &str) -> Option<(i64, Precision, &str)> {
    let b = text.as_bytes();
    let two = |at: usize| -> Option<i64> {
        match b.get(at..at + 2)? {
            [h @ b'0'..=b'9', l @ b'0'..=b'9'] => Some(i64::from((h - b'0') * 10 + (l - b'0'))),
            _ => None,
        }
    };
    let hour = two(0)?;
    let minute = two(3).filter(|_| b.get(2) == Some(&b':'))?;
    // Every byte read so far is ASCII: the slices below are on boundaries.
    let (second, mut precision, mut rest) = match b.get(5) {
        Some(b':') => {
            let second = two(6)?;
            let precision = if second == 0 {
                Precision::Rounded
            } else {
                Precision::Second
            };
            (second, precision, &text[8..])
        }
        _ => (0, Precision::Rounded, &text[5..]),
    };
    if let Some(fraction) = rest.strip_prefix(['.', ',']) {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        if fraction.bytes().take(digits).any(|d| d != b'0') {
            precision = Precision::Second;
        }
        rest = &fraction[digits..];
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some((hour * 3600 + minute * 60 + second, precision, rest))
}

/// A UTC offset: `Z`, `+02:00`, `+0200` or `+02`, in seconds east.
fn offset(zone: &str) -> Option<i64> {
    if zone.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: Vec<i64> = zone[1..]
        .bytes()
        .filter(|&b| b != b':')
        .map(|b| b.is_ascii_digit().then(|| i64::from(b - b'0')))
        .collect::<Option<_>>()?;
    let colon = zone[1..].find(':');
    let (hours, minutes) = match (digits.as_slice(), colon) {
        ([h1, h2], None) => (h1 * 10 + h2, 0),
        ([h1, h2, m1, m2], None | Some(2)) => (h1 * 10 + h2, m1 * 10 + m2),
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

/// `YYYY-MM-DD` of a Unix time in UTC.
pub fn format_day(seconds: i64) -> String {
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2024-02-29"), Some(19_782));
        assert_eq!(days("2023-02-29"), None);
        assert_eq!(days("2025-13-01"), None);
        assert_eq!(days("12/12/2025"), None);
        assert_eq!(format_day(19_782 * 86_400 + 3600), "2024-02-29");
    }

    #[test]
    fn date_times() {
        assert_eq!(seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(seconds("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(
            seconds("2025-12-12T15:17:08-06:00"),
            seconds("2025-12-12T21:17:08Z")
        );
        assert_eq!(
            seconds("2025-12-12T15:17:08.123+00:00"),
            seconds("2025-12-12T15:17:08Z")
        );
        assert_eq!(seconds("2025-12-12T15:17:08"), None);
        assert_eq!(seconds("2025-12-12"), None);
    }

    #[test]
    fn date_times_as_people_write_them() {
        let utc = seconds("2026-04-13T06:56:02Z");
        for text in [
            "2026-04-13T08:56:02+0200",
            "2026-04-13T08:56:02+02",
            "2026-04-13t06:56:02z",
            "2026-04-13 08:56:02 +0200",
            "2026-04-13T08:56:02.000+02:00",
            " 2026-04-13T01:56:02-05:00 ",
        ] {
            assert_eq!(seconds(text), utc, "{text}");
        }
        assert_eq!(
            seconds("2026-04-13T08:56+02:00"),
            seconds("2026-04-13T06:56:00Z")
        );
        for text in [
            "2026-04-13T08:56:02+2",
            "2026-04-13T08:56:02+020",
            "2026-04-13T08:56:02+02:0",
            "2026-04-13T08:56:02+0:200",
            "2026-04-13T08:56:02+2400",
            "2026-04-13T08:56:02+99999999999999999999",
            "2026-04-13T24:00:00Z",
            "2026-04-13T08:5:02Z",
            "2026-04-13T08:56:02.Z",
            "2026-04-13T08:56:0٣Z",
            "2026-04-13T08:56:02 CET",
            "2026-04-13T08:56:02+02:00:00",
        ] {
            assert_eq!(written(text), None, "{text}");
        }
    }

    #[test]
    fn precision_is_what_was_written() {
        let p = |text: &str| written(text).map(|w| w.precision);
        assert_eq!(p("2026-04-13"), Some(Precision::Day));
        assert_eq!(p("2026-04-13T12:00:00Z"), Some(Precision::Rounded));
        assert_eq!(p("2026-04-13T12:00+01:00"), Some(Precision::Rounded));
        assert_eq!(p("2026-04-13T12:00:00.250Z"), Some(Precision::Second));
        assert_eq!(p("2026-04-13T12:00:07Z"), Some(Precision::Second));
        // The day as written, whatever the offset.
        let late = written("2026-04-13T23:30:00-06:00").unwrap();
        assert_eq!(format_day(late.day() * 86_400), "2026-04-13");
        assert_eq!(format_day(late.seconds), "2026-04-14");
        assert_eq!(
            written("2026-04-13").unwrap().day(),
            days("2026-04-13").unwrap()
        );
    }

    #[test]
    fn a_date_and_its_time() {
        let both = date_and_time("2026-04-13", "08:56:02+0200").unwrap();
        assert_eq!(Some(both.seconds), seconds("2026-04-13T08:56:02+02:00"));
        let local = date_and_time("2026-04-13", "14:30").unwrap();
        assert_eq!((local.offset, local.precision), (None, Precision::Rounded));
        assert_eq!(local.day(), days("2026-04-13").unwrap());
        assert_eq!(date_and_time("2026-04-13", "half past two"), None);
        assert_eq!(
            date_and_time("2026-04-13", "14:30 +02:00").map(|w| w.offset),
            Some(Some(7200))
        );
    }

    #[test]
    fn malformed_date_times_are_not_dates() {
        assert_eq!(seconds("2026-11-27T09:00:0é+00:00"), None);
        assert_eq!(seconds("2026-11-27T09:00:é+00:00"), None);
        assert_eq!(seconds("2026-11-27T09:00:00+8888888888888888:00"), None);
        assert_eq!(seconds("2026-11-27T09:00:00+00:8888888888888888"), None);
        assert_eq!(seconds("2026-11-27T09:00:00+24:00"), None);
    }
}
