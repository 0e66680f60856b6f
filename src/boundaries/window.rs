//! The window of history read: `--since` parsed into a time, and times shown as dates.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};

const DAY: i64 = 24 * 60 * 60;

/// Seconds since the epoch, now.
pub(crate) fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The start of the window: `None` for all history. Accepts `90d`, `26w`, `12m`, `2y` (back
/// from `now`, the window's end), a date `YYYY-MM-DD`, or `all`.
pub(crate) fn since(value: Option<&str>, default_months: u32, now: i64) -> Result<Option<i64>> {
    let Some(value) = value.map(str::trim) else { return Ok(Some(now - i64::from(default_months) * 30 * DAY)) };
    if value.eq_ignore_ascii_case("all") {
        return Ok(None);
    }
    if let Some(days) = parse_date(value) {
        return Ok(Some(days * DAY));
    }
    let unit = value.chars().last().unwrap_or(' ');
    let count: Option<i64> = value[..value.len() - unit.len_utf8().min(value.len())].parse().ok();
    let days = match (count, unit) {
        (Some(n), 'd') if n > 0 => n,
        (Some(n), 'w') if n > 0 => n * 7,
        (Some(n), 'm') if n > 0 => n * 30,
        (Some(n), 'y') if n > 0 => n * 365,
        _ => {
            return Err(Error::Usage(format!(
                "--since `{value}` is not a window: give a length (`90d`, `26w`, `12m`, `2y`), \
                 a date (`2024-01-31`) or `all`"
            )));
        }
    };
    Ok(Some(now - days.min(100 * 365) * DAY))
}

/// Days since the epoch of a `YYYY-MM-DD` date.
fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| days_from_civil(y, m, d))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` of a time (UTC).
pub(crate) fn date(time: i64) -> String {
    let z = time.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Months (of 30.44 days) between two times.
pub(crate) fn months(from: i64, to: i64) -> f64 {
    (to - from).max(0) as f64 / (30.44 * DAY as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse() {
        let now = 1_000 * DAY;
        assert_eq!(since(None, 12, now).unwrap(), Some(now - 360 * DAY));
        assert_eq!(since(Some("90d"), 12, now).unwrap(), Some(now - 90 * DAY));
        assert_eq!(since(Some("2w"), 12, now).unwrap(), Some(now - 14 * DAY));
        assert_eq!(since(Some("1y"), 12, now).unwrap(), Some(now - 365 * DAY));
        assert_eq!(since(Some("all"), 12, now).unwrap(), None);
        assert_eq!(since(Some("1970-01-02"), 12, now).unwrap(), Some(DAY));
        for bad in ["", "m", "-3m", "12x", "yesterday", "2024-13-01", "é"] {
            assert!(since(Some(bad), 12, now).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_round_trip() {
        for (s, days) in [("1970-01-01", 0), ("2000-02-29", 11_016), ("2024-12-31", 20_088)] {
            assert_eq!(parse_date(s), Some(days));
            assert_eq!(date(days * DAY + 5), s);
        }
    }
}
