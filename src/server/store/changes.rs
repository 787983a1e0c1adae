//! Telling the other app servers on one PostgreSQL database that something a page shows has
//! changed, so that their page caches and kept parts drop it within a second, as this server's
//! own do (`Store::content_changed`).
//!
//! Each write that can change a page sends `NOTIFY timelines_changes` with this process's id
//! once it has committed; every server listens (`Store::follow_other_servers`) and, hearing
//! another's id, reloads the site settings (kept in memory) and counts a change. A listener that
//! lost its connection may have missed notices: when it listens again it counts a change too,
//! so nothing stays cached on the strength of a notice it never heard; a quiet connection is
//! checked every 30 seconds. (SQLite has one server per file: nothing to tell.)

use super::db::{query_scalar, Pool};
use super::Store;
use sqlx::postgres::PgListener;
use std::time::Duration;

/// The channel of the notices.
const CHANNEL: &str = "timelines_changes";
/// After an error the listener tries again this much later.
const RETRY: Duration = Duration::from_secs(1);
/// A listener that heard nothing for this long checks that its connection still answers (a
/// connection can die without a word, behind a NAT or in a failover).
const HEARTBEAT: Duration = Duration::from_secs(30);

/// A random id for this process, which its own notices carry (and its listener skips).
pub(super) fn process_id() -> String {
    let mut bytes = [0u8; 8];
    // Without randomness (never on a real system) every process is "0…": then each also
    // counts its own notices, which costs a cache refill and nothing else.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Sends the notice of a change this process made (PostgreSQL only), in the background:
    /// the write has committed, and a notice that cannot be sent now (the database gone) only
    /// leaves the other servers' pages to expire on their own.
    pub(super) fn tell_other_servers(&self) {
        let Pool::Postgres(..) = &self.pool else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        // Held while the notice goes out, so that `settle` can wait for it.
        let sending = self.notices.clone().try_read_owned().ok();
        let store = self.clone();
        runtime.spawn(async move {
            // Sent as a read: a notice need not wait for the writers' turn.
            let sent = query_scalar::<i64>(
                "SELECT CAST(1 AS BIGINT) FROM (SELECT pg_notify(?1, ?2)) AS notice",
            )
            .bind(CHANNEL)
            .bind(&*store.process)
            .fetch_one(&store.pool)
            .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "could not tell the other servers of a change");
            }
            drop(sending);
        });
    }

    /// Waits (up to five seconds) for the notices of change this process is still sending:
    /// a command that wrote calls it before it exits.
    pub async fn settle(&self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.notices.write()).await;
    }

    /// Follows the changes the other servers on this PostgreSQL database make, for as long as
    /// the process runs (spawn it); returns at once on SQLite.
    pub async fn follow_other_servers(self) {
        let Pool::Postgres(pool, _) = &self.pool else {
            return;
        };
        let mut first = true;
        loop {
            let mut listener = match listen(pool).await {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for the other servers' changes");
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
            };
            if first {
                // Listening from now on: settings saved elsewhere since this server read them
                // went by unheard (pages made since did read the articles themselves).
                self.reload_settings(false).await;
            } else {
                // Listening again: whatever changed while the connection was lost went by unheard.
                self.changed_elsewhere().await;
            }
            first = false;
            loop {
                match tokio::time::timeout(HEARTBEAT, listener.try_recv()).await {
                    Ok(Ok(Some(notice))) => {
                        let mut elsewhere = notice.payload() != &*self.process;
                        // A burst (an import) is one change: take every notice already here.
                        while let Some(more) = listener.next_buffered() {
                            elsewhere |= more.payload() != &*self.process;
                        }
                        if elsewhere {
                            self.changed_elsewhere().await;
                        }
                    }
                    Ok(Ok(None)) => {
                        tracing::warn!("lost the connection that hears the other servers' changes");
                        break;
                    }
                    Ok(Err(e)) => {
                        tracing::warn!(error = %e, "lost the connection that hears the other servers' changes");
                        break;
                    }
                    Err(_quiet) => {
                        if let Err(e) = sqlx::query("SELECT 1").execute(&mut listener).await {
                            tracing::warn!(error = %e, "the connection that hears the other servers' changes stopped answering");
                            break;
                        }
                    }
                }
            }
            tokio::time::sleep(RETRY).await;
        }
    }

    /// Another server changed something (or may have): reload what this one keeps in memory
    /// and count a change, so kept pages are made anew.
    async fn changed_elsewhere(&self) {
        self.reload_settings(true).await;
    }

    /// Reads the site settings again, and counts a change when `changed` or when they differ.
    async fn reload_settings(&self, changed: bool) {
        let before = self.site_overrides();
        {
            // Not while this server saves settings: the reload could read them from before.
            let _saving = self.settings_saving.lock().await;
            if let Err(e) = self.load_site_overrides().await {
                tracing::warn!(error = %e, "cannot reload the site settings");
            }
        }
        if changed || *before != *self.site_overrides() {
            self.count_change();
        }
    }
}

async fn listen(pool: &sqlx::PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
