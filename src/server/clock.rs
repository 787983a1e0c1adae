//! Dates as readers see them, computed on the server ("2 weeks ago", "April 7, 2024").

use crate::model::Stamp;
use time::{format_description::well_known::Rfc3339, macros::format_description, OffsetDateTime};

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub fn stamp(unix: i64, now: OffsetDateTime) -> Stamp {
    let t = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    Stamp {
        iso: iso(t),
        date: long_date(t),
        relative: relative(t, now),
    }
}

pub fn iso(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// "April 7, 2024".
pub fn long_date(t: OffsetDateTime) -> String {
    t.format(format_description!(
        "[month repr:long] [day padding:none], [year]"
    ))
    .unwrap_or_default()
}

/// "Saturday, 28 November 2026".
pub fn masthead_date(t: OffsetDateTime) -> String {
    t.format(format_description!(
        "[weekday], [day padding:none] [month repr:long] [year]"
    ))
    .unwrap_or_default()
}

/// A human distance from `t` to `now`, the way news sites print it.
pub fn relative(t: OffsetDateTime, now: OffsetDateTime) -> String {
    let secs = (now - t).whole_seconds();
    if secs < 0 {
        return "just now".into();
    }
    let (n, unit) = match secs {
        s if s < 60 => return "just now".into(),
        s if s < 3_600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3_600, "hour"),
        s if s < 7 * 86_400 => (s / 86_400, "day"),
        s if s < 30 * 86_400 => (s / (7 * 86_400), "week"),
        s if s < 365 * 86_400 => ((s / (30 * 86_400)).max(1), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// The Unix time (seconds) from which [`relative`] words `t` differently than at `now`.
pub fn relative_until(t: i64, now: i64) -> i64 {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 3_600;
    const DAY: i64 = 86_400;
    const WEEK: i64 = 7 * DAY;
    const MONTH: i64 = 30 * DAY;
    const YEAR: i64 = 365 * DAY;
    let secs = now - t;
    // The next multiple of `unit` past `secs`, but no later than where the next unit takes over.
    let next = |unit: i64, last: i64| t + ((secs / unit + 1) * unit).min(last);
    match secs {
        s if s < MINUTE => t + MINUTE,
        s if s < HOUR => next(MINUTE, HOUR),
        s if s < DAY => next(HOUR, DAY),
        s if s < WEEK => next(DAY, WEEK),
        s if s < MONTH => next(WEEK, MONTH),
        s if s < YEAR => next(MONTH, YEAR),
        _ => next(YEAR, i64::MAX / 2),
    }
}

/// The Unix time of the next midnight (UTC) after `now`: the masthead's date changes then.
pub fn next_midnight(now: i64) -> i64 {
    (now.div_euclid(86_400) + 1) * 86_400
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn relative_times_read_naturally() {
        let now = datetime!(2026-11-28 12:00 UTC);
        let ago = |s: i64| relative(now - time::Duration::seconds(s), now);
        assert_eq!(ago(5), "just now");
        assert_eq!(ago(60), "1 minute ago");
        assert_eq!(ago(125), "2 minutes ago");
        assert_eq!(ago(3 * 3600), "3 hours ago");
        assert_eq!(ago(86_400), "1 day ago");
        assert_eq!(ago(15 * 86_400), "2 weeks ago");
        assert_eq!(ago(40 * 86_400), "1 month ago");
        assert_eq!(ago(160 * 86_400), "5 months ago");
        assert_eq!(ago(800 * 86_400), "2 years ago");
        assert_eq!(ago(-100), "just now");
    }

    #[test]
    fn relative_words_are_known_to_hold_until_their_next_change() {
        let now = datetime!(2026-11-28 12:00 UTC);
        let n = now.unix_timestamp();
        // Every second of a range of ages: the words hold until the time said, and change there.
        for age in (-120..100_000).chain((25 * 86_400..32 * 86_400).step_by(97)) {
            let t = n - age;
            let until = relative_until(t, n);
            let at = |u: i64| {
                relative(
                    OffsetDateTime::from_unix_timestamp(t).unwrap(),
                    OffsetDateTime::from_unix_timestamp(u).unwrap(),
                )
            };
            assert!(until > n, "age {age}");
            assert_eq!(at(until - 1), at(n), "age {age}: unchanged just before");
            assert_ne!(at(until), at(n), "age {age}: changed at {until}");
        }
        assert_eq!(
            next_midnight(datetime!(2026-11-28 23:59:59 UTC).unix_timestamp()),
            datetime!(2026-11-29 0:00 UTC).unix_timestamp()
        );
        assert_eq!(
            next_midnight(datetime!(2026-11-29 0:00 UTC).unix_timestamp()),
            datetime!(2026-11-30 0:00 UTC).unix_timestamp()
        );
    }

    #[test]
    fn dates_are_formatted_for_readers() {
        let t = datetime!(2024-04-07 09:30 UTC);
        assert_eq!(long_date(t), "April 7, 2024");
        assert_eq!(iso(t), "2024-04-07T09:30:00Z");
        assert_eq!(
            masthead_date(datetime!(2026-11-28 08:00 UTC)),
            "Saturday, 28 November 2026"
        );
    }
}
