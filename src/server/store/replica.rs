//! Reader pages from a PostgreSQL read replica (`server.database_read_url`), never staler than
//! the page caches they fill, and never failing because the replica does.
//!
//! A streaming replica replays the primary's writes a little after they commit. A page cache
//! drops its pages when a change is counted (`Store::content_version`), and the page made next
//! must show that change: one read from a replica that has not replayed it yet would be kept
//! stale until the next change. So the replica is used only once it is known to be current for
//! the content version: a check in the background reads the version, then the primary's WAL
//! insert position (a change is counted once its write has committed, and even an asynchronous
//! commit has inserted its record by then), and waits for the replica to have replayed that
//! far. Until the check succeeds, reader pages read the primary; nobody waits for it.
//!
//! A read on the replica that fails or takes too long is made again on the primary
//! (`ReadModels::reading`), and the replica is left alone for a while, longer after each
//! failure in a row ([`backoff`]); then a check decides again.

use super::db::{self, Pool};
use super::{Result, Store, StoreError};
use sqlx::postgres::PgConnectOptions;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a check waits for the replica to replay what the primary wrote.
const WAIT: Duration = Duration::from_secs(2);
/// How often the replica's position is asked while waiting.
const POLL: Duration = Duration::from_millis(10);
/// The longest a page's reads may take on the replica before they are made on the primary.
pub const READ_LIMIT: Duration = Duration::from_secs(5);
/// The longest a query may run on the replica (its `statement_timeout`).
const STATEMENT_TIMEOUT_MS: u64 = 5_000;

/// A read replica beside the primary store.
#[derive(Debug)]
pub struct Replica {
    /// The primary's store with the replica's pool: what reader pages read when it is current.
    view: Store,
    health: Mutex<Health>,
    /// A check is under way.
    checking: AtomicBool,
}

#[derive(Debug, Default)]
struct Health {
    /// The content version the replica was last found current for.
    current_for: Option<u64>,
    /// Failures in a row, and until when the replica is left alone after the last.
    failures: u32,
    resting_until: Option<Instant>,
}

/// How long the replica is left alone after `failures` failures in a row: 1, 2, 4 … 30 s.
pub fn backoff(failures: u32) -> Duration {
    Duration::from_secs(1u64 << failures.saturating_sub(1).min(5)).min(Duration::from_secs(30))
}

impl Store {
    /// The read replica at `url` (PostgreSQL only, beside a PostgreSQL primary; its schema is
    /// the primary's, replicated, so no migrations run there). Connects when first asked: a
    /// replica down at start leaves reader pages on the primary until it answers.
    pub fn open_replica(&self, url: &str) -> Result<Replica> {
        let options = PgConnectOptions::from_str(url)?
            .options([("statement_timeout", STATEMENT_TIMEOUT_MS.to_string())]);
        let pool = db::pool_options::<sqlx::Postgres>()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(2))
            .connect_lazy_with(options);
        Ok(Replica {
            view: Store {
                pool: Pool::postgres(pool),
                // Counted on the replica: not to be mixed with the primary's counts.
                search_totals: Arc::default(),
                ..self.clone()
            },
            health: Mutex::default(),
            checking: AtomicBool::new(false),
        })
    }
}

impl Replica {
    /// The replica's view of the store.
    pub fn view(&self) -> &Store {
        &self.view
    }

    /// Whether reads may go to the replica now: it is known current for `primary`'s content
    /// version and is not resting after a failure. When it is not known current, a check
    /// starts in the background (one at a time).
    pub fn usable(self: &Arc<Self>, primary: &Store) -> bool {
        let version = primary.content_version();
        {
            let health = self.health();
            if health.resting_until.is_some_and(|t| Instant::now() < t) {
                return false;
            }
            if health.current_for.is_some_and(|v| v >= version) {
                return true;
            }
        }
        self.check(primary.clone());
        false
    }

    /// A read on the replica failed (`why`): reads go to the primary for a while.
    pub fn failed(&self, why: &str) {
        let mut health = self.health();
        health.failures += 1;
        let rest = backoff(health.failures);
        health.resting_until = Some(Instant::now() + rest);
        health.current_for = None;
        tracing::warn!(
            failures = health.failures,
            "read replica: {why}; reading the primary for {rest:?}"
        );
    }

    fn health(&self) -> std::sync::MutexGuard<'_, Health> {
        self.health.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a check that the replica has replayed everything counted so far.
    fn check(self: &Arc<Self>, primary: Store) {
        if self.checking.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.checking.store(false, Ordering::Release);
            return;
        };
        let replica = self.clone();
        runtime.spawn(async move {
            // Read before the primary's position: whatever this version counted is inside it.
            let version = primary.content_version();
            let caught_up = tokio::time::timeout(WAIT * 2, replica.catch_up(&primary)).await;
            match caught_up {
                Ok(Ok(true)) => {
                    let mut health = replica.health();
                    if health.current_for.is_none_or(|v| v < version) {
                        health.current_for = Some(version);
                    }
                    health.failures = 0;
                    health.resting_until = None;
                }
                // Still behind: the next read asks again.
                Ok(Ok(false)) => tracing::debug!("read replica: more than {WAIT:?} behind"),
                Ok(Err(e)) => replica.failed(&format!("cannot tell how far it has replayed ({e})")),
                Err(_) => replica.failed("no answer to how far it has replayed"),
            }
            replica.checking.store(false, Ordering::Release);
        });
    }

    /// Waits (up to [`WAIT`]) for the replica to replay what the primary has written so far;
    /// whether it did. A server that is not replaying (no standby, or one promoted since) is
    /// refused: nothing tells how current it is.
    async fn catch_up(&self, primary: &Store) -> Result<bool> {
        let (Pool::Postgres(primary, _), Pool::Postgres(replica, _)) =
            (&primary.pool, &self.view.pool)
        else {
            return Ok(false);
        };
        let written: String =
            sqlx::query_scalar("SELECT CAST(pg_current_wal_insert_lsn() AS TEXT)")
                .fetch_one(primary)
                .await?;
        let deadline = Instant::now() + WAIT;
        loop {
            let replayed: Option<bool> = sqlx::query_scalar(
                "SELECT CASE WHEN pg_is_in_recovery() \
                 THEN COALESCE(pg_last_wal_replay_lsn() >= CAST($1 AS pg_lsn), FALSE) END",
            )
            .bind(&written)
            .fetch_one(replica)
            .await?;
            match replayed {
                None => {
                    return Err(StoreError::Invalid(
                        "server.database_read_url is not a streaming replica (not in recovery)"
                            .into(),
                    ))
                }
                Some(true) => return Ok(true),
                Some(false) if Instant::now() >= deadline => return Ok(false),
                Some(false) => tokio::time::sleep(POLL).await,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn reads_rest_on_the_primary_longer_after_each_failure_in_a_row_up_to_half_a_minute() {
        let secs: Vec<u64> = (1..=8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(backoff(0), Duration::from_secs(1));
    }
}
