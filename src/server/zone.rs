//! The site's time zone (`[site] time_zone`, an IANA name): the newsroom reads the times staff
//! type in it (Schedule) and shows times in it. The zone rules come from `jiff`'s bundled copy
//! of the tz database, compiled into the server, so they are the same on every machine, with or
//! without /usr/share/zoneinfo, and nothing is fetched at run time.

use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::Timestamp;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// How a `datetime-local` field writes a time: `2026-12-24T09:00`.
const FIELD: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]");

/// A named time zone with its rules.
#[derive(Debug, Clone)]
pub struct SiteZone {
    name: String,
    tz: TimeZone,
}

/// Why a typed local time names no instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalTimeError {
    /// Not a date and time as the field writes them.
    Unreadable,
    /// The clocks skip over it (the spring-forward gap of daylight saving time).
    Skipped,
}

impl SiteZone {
    /// The zone called `name` (`UTC`, `Europe/London`), or None when the database has none.
    pub fn named(name: &str) -> Option<Self> {
        let tz = TimeZone::get(name.trim()).ok()?;
        Some(Self {
            name: name.trim().to_string(),
            tz,
        })
    }

    /// The site's zone as configured (checked at start; UTC should it somehow not be known).
    pub fn of(config: &crate::server::config::Config) -> Self {
        Self::named(&config.site.time_zone).unwrap_or_else(|| Self {
            name: "UTC".into(),
            tz: TimeZone::UTC,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The instant (Unix seconds) of `2026-12-24T09:00` as read on this zone's clocks. A time
    /// the clocks pass twice (autumn's fold) is the earlier of the two.
    pub fn unix_of_local(&self, field: &str) -> Result<i64, LocalTimeError> {
        let t = PrimitiveDateTime::parse(field.trim(), FIELD)
            .map_err(|_| LocalTimeError::Unreadable)?;
        let civil = DateTime::new(
            i16::try_from(t.year()).map_err(|_| LocalTimeError::Unreadable)?,
            u8::from(t.month()) as i8,
            t.day() as i8,
            t.hour() as i8,
            t.minute() as i8,
            0,
            0,
        )
        .map_err(|_| LocalTimeError::Unreadable)?;
        let ambiguous = self.tz.to_ambiguous_zoned_datetime(civil);
        if let AmbiguousOffset::Gap { .. } = ambiguous.offset() {
            return Err(LocalTimeError::Skipped);
        }
        ambiguous
            .earlier()
            .map(|z| z.timestamp().as_second())
            .map_err(|_| LocalTimeError::Unreadable)
    }

    /// `unix` on this zone's clocks (the offset in force then).
    pub fn local(&self, unix: i64) -> OffsetDateTime {
        let utc = OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let offset = Timestamp::from_second(unix)
            .map(|ts| self.tz.to_offset(ts).seconds())
            .unwrap_or(0);
        utc.to_offset(UtcOffset::from_whole_seconds(offset).unwrap_or(UtcOffset::UTC))
    }

    /// `unix` as a `datetime-local` field shows it in this zone: `2026-12-24T09:00`.
    pub fn field_value(&self, unix: i64) -> String {
        self.local(unix).format(FIELD).unwrap_or_default()
    }

    /// "December 24, 2026, 09:00 Europe/London".
    pub fn describe(&self, unix: i64) -> String {
        format!(
            "{}, {}",
            crate::server::clock::long_date(self.local(unix)),
            self.time(unix)
        )
    }

    /// "09:00 Europe/London".
    pub fn time(&self, unix: i64) -> String {
        let t = self.local(unix);
        format!("{:02}:{:02} {}", t.hour(), t.minute(), self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> SiteZone {
        SiteZone::named(name).expect(name)
    }

    #[test]
    fn utc_reads_and_writes_times_as_they_are() {
        let utc = zone("UTC");
        assert_eq!(utc.unix_of_local("2099-06-01T08:30"), Ok(4_083_985_800));
        assert_eq!(utc.field_value(4_083_985_800), "2099-06-01T08:30");
        assert_eq!(utc.describe(4_083_985_800), "June 1, 2099, 08:30 UTC");
    }

    #[test]
    fn a_zone_with_summer_time_reads_each_season_in_its_offset() {
        let london = zone("Europe/London");
        // Summer: BST, an hour ahead of UTC. 2026-07-01T08:00Z = 1_782_892_800.
        assert_eq!(london.unix_of_local("2026-07-01T09:00"), Ok(1_782_892_800));
        assert_eq!(london.field_value(1_782_892_800), "2026-07-01T09:00");
        assert_eq!(
            london.describe(1_782_892_800),
            "July 1, 2026, 09:00 Europe/London"
        );
        // Winter: GMT. 2026-12-24T09:00Z = 1_798_102_800.
        assert_eq!(london.unix_of_local("2026-12-24T09:00"), Ok(1_798_102_800));
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(kolkata.unix_of_local("2026-12-24T14:30"), Ok(1_798_102_800));
        assert_eq!(kolkata.time(1_798_102_800), "14:30 Asia/Kolkata");
    }

    #[test]
    fn a_skipped_time_is_refused_and_a_repeated_one_is_the_earlier() {
        let london = zone("Europe/London");
        // 2026-03-29: clocks go from 01:00 GMT to 02:00 BST.
        assert_eq!(
            london.unix_of_local("2026-03-29T01:30"),
            Err(LocalTimeError::Skipped)
        );
        // 2026-10-25: 01:30 comes twice, first in BST (00:30Z = 1_792_888_200), then in GMT.
        assert_eq!(london.unix_of_local("2026-10-25T01:30"), Ok(1_792_888_200));
        let new_york = zone("America/New_York");
        assert_eq!(
            new_york.unix_of_local("2026-03-08T02:15"),
            Err(LocalTimeError::Skipped)
        );
    }

    #[test]
    fn unreadable_times_and_unknown_zones_are_refused() {
        let utc = zone("UTC");
        for bad in ["", "tomorrow", "2026-02-30T09:00", "2026-12-24 09:00:00x"] {
            assert_eq!(
                utc.unix_of_local(bad),
                Err(LocalTimeError::Unreadable),
                "{bad}"
            );
        }
        assert!(SiteZone::named("Europe/Londres").is_none());
        assert!(SiteZone::named("").is_none());
    }
}
