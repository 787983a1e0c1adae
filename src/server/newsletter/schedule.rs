//! When the digest goes out by itself (`[newsletter]` in the configuration): never, every day
//! at an hour, or every week on a day at an hour, in the site's time zone. Every server runs
//! [`run`]; the issue's key is its due date, unique in the store, so however many servers
//! look, each scheduled issue is made and queued once. A server that was down at the hour
//! sends the issue when it comes back, up to [`CATCH_UP`] late; later than that the issue is
//! skipped (a "daily" digest a day late is news nobody wants).

use super::digest::{self, Period};
use crate::server::config::NewsletterConfig;
use crate::server::zone::SiteZone;
use crate::server::{clock, AppState};
use std::time::Duration;
use time::{Date, Weekday};

/// How late a scheduled issue may still go out.
pub const CATCH_UP: i64 = 6 * 3_600;
/// How often each server looks whether an issue is due.
const LOOK_EVERY: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    Off,
    Daily { hour: u8 },
    Weekly { weekday: Weekday, hour: u8 },
}

/// An issue the schedule asks for: its key, what it covers, and when it was due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub key: String,
    pub period: Period,
    pub at: i64,
}

impl Due {
    /// Where the issue's articles start: when the issue before it was due, so that on the days
    /// the clocks change, issues neither overlap nor leave an hour out.
    pub fn from(&self, schedule: &Schedule, zone: &SiteZone) -> i64 {
        schedule
            .last_due(zone, self.at - 1)
            .map_or(self.at - self.period.seconds(), |before| before.at)
    }
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

impl Schedule {
    /// The schedule the configuration sets, or the key that is wrong and why.
    pub fn from_config(c: &NewsletterConfig) -> Result<Self, (&'static str, String)> {
        let hour = c.hour.min(23) as u8;
        match c.schedule.trim().to_ascii_lowercase().as_str() {
            "off" | "" => Ok(Schedule::Off),
            "daily" => Ok(Schedule::Daily { hour }),
            "weekly" => match weekday(&c.weekday) {
                Some(weekday) => Ok(Schedule::Weekly { weekday, hour }),
                None => Err((
                    "newsletter.weekday",
                    format!("must be monday to sunday, got {:?}", c.weekday),
                )),
            },
            other => Err((
                "newsletter.schedule",
                format!("must be off, daily or weekly, got {other:?}"),
            )),
        }
    }

    /// In words, for the newsroom: "Every day at 07:00 (UTC)".
    pub fn describe(&self, zone: &SiteZone) -> Option<String> {
        match self {
            Schedule::Off => None,
            Schedule::Daily { hour } => {
                Some(format!("every day at {hour:02}:00 ({})", zone.name()))
            }
            Schedule::Weekly { weekday, hour } => {
                Some(format!("every {weekday} at {hour:02}:00 ({})", zone.name()))
            }
        }
    }

    /// The latest issue due at or before `now`, if the schedule sends any.
    pub fn last_due(&self, zone: &SiteZone, now: i64) -> Option<Due> {
        let (hour, period, on) = match *self {
            Schedule::Off => return None,
            Schedule::Daily { hour } => (hour, Period::Day, None),
            Schedule::Weekly { weekday, hour } => (hour, Period::Week, Some(weekday)),
        };
        let mut date = zone.local(now).date();
        // At most a week back (and a day more for the hour).
        for _ in 0..9 {
            if on.is_none_or(|w| date.weekday() == w) {
                if let Some(at) = at_hour(zone, date, hour) {
                    if at <= now {
                        let prefix = if period == Period::Day {
                            "daily"
                        } else {
                            "weekly"
                        };
                        return Some(Due {
                            key: format!("{prefix}-{date}"),
                            period,
                            at,
                        });
                    }
                }
            }
            date = date.previous_day()?;
        }
        None
    }
}

/// `date` at `hour`:00 on the zone's clocks; when the clocks skip that hour (spring forward),
/// the hour after.
fn at_hour(zone: &SiteZone, date: Date, hour: u8) -> Option<i64> {
    (hour..=23)
        .chain(std::iter::once(23))
        .find_map(|h| zone.unix_of_local(&format!("{date}T{h:02}:00")).ok())
}

/// Sends each scheduled issue when it is due (see the module).
pub async fn run(state: AppState) {
    let Ok(schedule) = Schedule::from_config(&state.config.newsletter) else {
        return;
    };
    if schedule == Schedule::Off {
        return;
    }
    let zone = SiteZone::of(&state.config);
    loop {
        if state
            .shutting_down
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return;
        }
        let now = clock::now().unix_timestamp();
        if let Some(due) = schedule.last_due(&zone, now) {
            if now - due.at < CATCH_UP {
                let from = due.from(&schedule, &zone);
                match digest::send(&state, due.period, &due.key, (from, due.at), None).await {
                    Ok(outcome) => {
                        tracing::debug!(key = %due.key, ?outcome, "scheduled newsletter")
                    }
                    Err(e) => tracing::warn!(key = %due.key, error = %e,
                        "the scheduled newsletter could not be made; trying again"),
                }
            }
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(schedule: &str, hour: u32, weekday: &str) -> NewsletterConfig {
        NewsletterConfig {
            schedule: schedule.into(),
            hour,
            weekday: weekday.into(),
            articles: 8,
        }
    }

    #[test]
    fn the_configuration_names_a_schedule_or_says_what_is_wrong() {
        assert_eq!(
            Schedule::from_config(&config("off", 7, "x")),
            Ok(Schedule::Off)
        );
        assert_eq!(
            Schedule::from_config(&config("Daily", 7, "x")),
            Ok(Schedule::Daily { hour: 7 })
        );
        assert_eq!(
            Schedule::from_config(&config("weekly", 6, "Friday")),
            Ok(Schedule::Weekly {
                weekday: Weekday::Friday,
                hour: 6
            })
        );
        assert_eq!(
            Schedule::from_config(&config("weekly", 6, "someday"))
                .unwrap_err()
                .0,
            "newsletter.weekday"
        );
        assert_eq!(
            Schedule::from_config(&config("hourly", 6, "monday"))
                .unwrap_err()
                .0,
            "newsletter.schedule"
        );
    }

    #[test]
    fn a_daily_issue_is_due_at_its_hour_on_the_site_clocks() {
        let utc = SiteZone::named("UTC").unwrap();
        let daily = Schedule::Daily { hour: 7 };
        // 2026-12-06T06:59:59Z: today's is not due yet, yesterday's was.
        let before = 1_796_540_399;
        assert_eq!(
            daily.last_due(&utc, before),
            Some(Due {
                key: "daily-2026-12-05".into(),
                period: Period::Day,
                at: 1_796_454_000
            })
        );
        let due = daily.last_due(&utc, before + 1).unwrap();
        assert_eq!((due.key.as_str(), due.at), ("daily-2026-12-06", before + 1));
        // In New York (UTC-5 in December) 07:00 is 12:00Z.
        let ny = SiteZone::named("America/New_York").unwrap();
        assert_eq!(
            daily.last_due(&ny, before + 1).unwrap().key,
            "daily-2026-12-05"
        );
        assert_eq!(
            daily.last_due(&ny, 1_796_558_400).unwrap().key,
            "daily-2026-12-06"
        );
    }

    #[test]
    fn a_weekly_issue_is_due_on_its_day() {
        let utc = SiteZone::named("UTC").unwrap();
        let weekly = Schedule::Weekly {
            weekday: Weekday::Monday,
            hour: 7,
        };
        // Sunday 2026-12-06: the last Monday was 2026-11-30.
        let due = weekly.last_due(&utc, 1_796_540_400).unwrap();
        assert_eq!(
            (due.key.as_str(), due.period),
            ("weekly-2026-11-30", Period::Week)
        );
        assert_eq!(Schedule::Off.last_due(&utc, 1_796_540_400), None);
    }

    #[test]
    fn an_issue_starts_where_the_one_before_was_due_across_a_change_of_clocks() {
        let london = SiteZone::named("Europe/London").unwrap();
        let daily = Schedule::Daily { hour: 7 };
        // 2026-03-29 07:00 BST = 06:00Z; the day before, 07:00 GMT = 07:00Z: 23 hours.
        let due = daily.last_due(&london, 1_774_800_000).unwrap();
        assert_eq!(due.at - due.from(&daily, &london), 23 * 3_600);
        // An ordinary day: 24 hours.
        let utc = SiteZone::named("UTC").unwrap();
        let due = daily.last_due(&utc, 1_796_540_400).unwrap();
        assert_eq!(due.at - due.from(&daily, &utc), 86_400);
    }

    #[test]
    fn an_hour_the_clocks_skip_goes_out_the_hour_after() {
        let london = SiteZone::named("Europe/London").unwrap();
        // 2026-03-29: 01:00 GMT becomes 02:00 BST; 01:00 local does not exist.
        let daily = Schedule::Daily { hour: 1 };
        let due = daily.last_due(&london, 1_774_800_000).unwrap();
        assert_eq!(due.key, "daily-2026-03-29");
        assert_eq!(due.at, 1_774_746_000);
    }
}
