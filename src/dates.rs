//! The two date forms documents use: `2025-12-12` and RFC 3339 date-times
//! with an offset (`2025-12-12T15:17:08-06:00`). Schemas already validate the
//! form; these give the instants the Git checks compare.

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

/// Seconds since the Unix epoch of an RFC 3339 date-time with an offset.
pub fn seconds(text: &str) -> Option<i64> {
    let (date, rest) = text.split_at_checked(10)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let b = rest.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let hour: i64 = rest[0..2].parse().ok()?;
    let minute: i64 = rest[3..5].parse().ok()?;
    // `get`: the seconds may hold a multi-byte character (`0é`).
    let second: i64 = rest.get(6..8)?.parse().ok()?;
    let mut zone = rest.get(8..)?;
    if let Some(fraction) = zone.strip_prefix('.') {
        zone = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = zone[1..].split_once(':')?;
            let (h, m) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (i64::from(h) * 3600 + i64::from(m) * 60)
        }
    };
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(days(date)? * 86_400 + hour * 3600 + minute * 60 + second - offset)
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
    fn malformed_date_times_are_not_dates() {
        assert_eq!(seconds("2026-11-27T09:00:0é+00:00"), None);
        assert_eq!(seconds("2026-11-27T09:00:é+00:00"), None);
        assert_eq!(seconds("2026-11-27T09:00:00+8888888888888888:00"), None);
        assert_eq!(seconds("2026-11-27T09:00:00+00:8888888888888888"), None);
        assert_eq!(seconds("2026-11-27T09:00:00+24:00"), None);
    }
}
