//! Scheduled articles go live on time, with no outside cron. A scheduled article is stored with
//! its future publication time, and every reader query asks for what is published by now, so it
//! is on the site from that second on (also after a restart that slept through it). What keeps
//! pages, though (the page cache, the shared parts, the loaded snapshots), only learns of a
//! change from the store: this task sleeps until the next scheduled time and reports it there as
//! a change, so every page shows the article within a second, as a publish does.

use crate::server::clock;
use crate::server::store::Store;
use std::time::Duration;

/// The task wakes at least this often, so a schedule it missed (another process's write, a
/// clock moved by hand) goes live within it.
const LONGEST_SLEEP: Duration = Duration::from_secs(60);
/// After a store error, the task tries again this much later.
const RETRY: Duration = Duration::from_secs(5);

/// Runs for as long as the server does (spawn it).
pub async fn run(store: Store) {
    loop {
        // Made before reading the schedule, so a schedule saved meanwhile wakes the task.
        let changed = store.next_change();
        let now = clock::now().unix_timestamp();
        let next = match store.next_publication(now).await {
            Ok(next) => next,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the next scheduled publication");
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        let sleep = next.map_or(LONGEST_SLEEP, |t| {
            // `now` is rounded down, so this wakes at `t` or just after it.
            Duration::from_secs(u64::try_from(t - now).unwrap_or(0)).min(LONGEST_SLEEP)
        });
        tokio::select! {
            () = tokio::time::sleep(sleep) => {}
            () = changed => continue,
        }
        if next.is_some_and(|t| clock::now().unix_timestamp() >= t) {
            tracing::info!("a scheduled article went live");
            metrics::counter!(crate::server::metrics::SCHEDULED_LIVE).increment(1);
            // Every server sees the time come for itself: nothing to tell the others.
            store.count_change();
        }
    }
}
