//! Reader pages from a PostgreSQL read replica (`server.database_read_url`), never staler than
//! the page caches they fill.
//!
//! A streaming replica replays the primary's writes a little after they commit. A page cache
//! drops its pages when a change is counted (`Store::content_version`), and the page made next
//! must show that change: a page read from a replica that has not replayed it yet would be kept
//! stale until the next change. So before reader pages read from the replica under a new content
//! version, the replica is asked to have replayed at least the primary's current write-ahead log
//! position, read after the version (a change is counted once its write has committed, so that
//! position covers it). The answer holds for the version and for two seconds; a replica that
//! lags more than [`WAIT`] behind, or does not answer, leaves reader pages on the primary for a
//! moment ([`PRIMARY_FOR`]) and is asked again afterwards.

use super::db::Pool;
use super::{Result, Store};
use sqlx::postgres::PgPoolOptions;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a page waits for the replica to catch up before it reads the primary instead.
pub const WAIT: Duration = Duration::from_millis(1000);
/// How often the replica's position is asked while waiting.
const POLL: Duration = Duration::from_millis(5);
/// How long the replica, once found current, is trusted without asking again (a replica that
/// went away since is found out by then).
const TRUSTED_FOR: Duration = Duration::from_secs(2);
/// How long reader pages stay on the primary after the replica lagged or failed.
pub const PRIMARY_FOR: Duration = Duration::from_secs(2);

/// A read replica beside the primary store.
#[derive(Debug)]
pub struct Replica {
    /// The primary's store with the replica's pool: what reader pages read when it is current.
    view: Store,
    state: Mutex<Currency>,
    /// Held by the one page asking the replica; others wait for its answer.
    asking: tokio::sync::Mutex<()>,
}

/// What is known of the replica's currency.
#[derive(Debug, Default)]
struct Currency {
    /// The content version the replica was found current for, and when.
    current: Option<(u64, Instant)>,
    /// Until when reader pages read the primary (the replica lagged or failed).
    primary_until: Option<Instant>,
}

impl Store {
    /// The read replica at `url` (PostgreSQL only, beside a PostgreSQL primary; its schema is
    /// the primary's, replicated, so no migrations run there). Connects when first asked: a
    /// replica down at start leaves reader pages on the primary until it answers.
    pub fn open_replica(&self, url: &str) -> Result<Replica> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect_lazy(url)?;
        Ok(Replica {
            view: Store {
                pool: Pool::postgres(pool),
                ..self.clone()
            },
            state: Mutex::default(),
            asking: tokio::sync::Mutex::default(),
        })
    }
}

impl Replica {
    /// Where reader pages read now, for `primary`'s current content version: the replica when
    /// it has replayed every change counted so far, the primary otherwise.
    pub async fn reading<'a>(&'a self, primary: &'a Store) -> &'a Store {
        let version = primary.content_version();
        if let Some(choice) = self.known(version) {
            return self.choose(choice, primary);
        }
        let _asking = self.asking.lock().await;
        // Another page may have asked while this one waited.
        if let Some(choice) = self.known(version) {
            return self.choose(choice, primary);
        }
        // Bounded: a replica gone without a word would otherwise hold pages for the pool's
        // whole acquire timeout.
        let current = match tokio::time::timeout(WAIT * 2, self.catch_up(primary)).await {
            Ok(Ok(current)) => current,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "the read replica does not answer: reading the primary");
                false
            }
            Err(_) => {
                tracing::warn!("the read replica did not answer in time: reading the primary");
                false
            }
        };
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if current {
            state.current = Some((version, Instant::now()));
            state.primary_until = None;
        } else {
            state.primary_until = Some(Instant::now() + PRIMARY_FOR);
        }
        self.choose(current, primary)
    }

    /// The choice already made for `version`, if one holds: true for the replica.
    fn known(&self, version: u64) -> Option<bool> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((v, at)) = state.current {
            if v == version && at.elapsed() < TRUSTED_FOR {
                return Some(true);
            }
        }
        match state.primary_until {
            Some(until) if Instant::now() < until => Some(false),
            _ => None,
        }
    }

    fn choose<'a>(&'a self, replica: bool, primary: &'a Store) -> &'a Store {
        if replica {
            &self.view
        } else {
            primary
        }
    }

    /// Waits (up to [`WAIT`]) for the replica to replay what the primary has written so far;
    /// whether it did.
    async fn catch_up(&self, primary: &Store) -> Result<bool> {
        let (Pool::Postgres(primary, _), Pool::Postgres(replica, _)) =
            (&primary.pool, &self.view.pool)
        else {
            return Ok(false);
        };
        let written: String = sqlx::query_scalar("SELECT CAST(pg_current_wal_lsn() AS TEXT)")
            .fetch_one(primary)
            .await?;
        let deadline = Instant::now() + WAIT;
        loop {
            // A server not in recovery is no streaming replica (the primary itself, say):
            // it has whatever it has.
            let replayed: bool = sqlx::query_scalar(
                "SELECT CASE WHEN pg_is_in_recovery() \
                 THEN COALESCE(pg_last_wal_replay_lsn() >= CAST($1 AS pg_lsn), FALSE) \
                 ELSE TRUE END",
            )
            .bind(&written)
            .fetch_one(replica)
            .await?;
            if replayed {
                return Ok(true);
            }
            if Instant::now() >= deadline {
                tracing::warn!(
                    "the read replica lags more than {WAIT:?} behind the primary: reading the primary"
                );
                return Ok(false);
            }
            tokio::time::sleep(POLL).await;
        }
    }
}
