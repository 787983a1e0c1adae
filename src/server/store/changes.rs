//! Telling the other app servers on one PostgreSQL database that something a page shows has
//! changed, so that their page caches and kept parts drop it within a second, as this server's
//! own do (`Store::content_changed`).
//!
//! Each write that can change a page sends `NOTIFY timelines_changes` with this process's id
//! once it has committed; every server listens (`Store::follow_other_servers`) and, hearing
//! another's id, reloads the site settings (kept in memory) and counts a change. A listener that
//! lost its connection may have missed notices: when it is back it counts a change too, so
//! nothing stays cached on the strength of a notice it never heard. (SQLite has one server per
//! file: nothing to tell.)

use super::db::{query, Pool};
use super::Store;
use sqlx::postgres::PgListener;
use std::time::Duration;

/// The channel of the notices.
const CHANNEL: &str = "timelines_changes";
/// After an error the listener tries again this much later.
const RETRY: Duration = Duration::from_secs(1);

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
        let Pool::Postgres(_) = &self.pool else {
            return;
        };
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let store = self.clone();
        runtime.spawn(async move {
            let sent = query("SELECT pg_notify(?1, ?2)")
                .bind(CHANNEL)
                .bind(&*store.process)
                .execute(&store.pool)
                .await;
            if let Err(e) = sent {
                tracing::warn!(error = %e, "could not tell the other servers of a change");
            }
        });
    }

    /// Follows the changes the other servers on this PostgreSQL database make, for as long as
    /// the process runs (spawn it); returns at once on SQLite.
    pub async fn follow_other_servers(self) {
        let Pool::Postgres(pool) = &self.pool else {
            return;
        };
        let mut back = false;
        loop {
            let mut listener = match listen(pool).await {
                Ok(l) => l,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot listen for the other servers' changes");
                    tokio::time::sleep(RETRY).await;
                    continue;
                }
            };
            if back {
                // Listening again after a lost connection: notices may have gone by unheard.
                tracing::info!("listening for the other servers' changes again");
                self.changed_elsewhere().await;
            }
            back = true;
            loop {
                match listener.try_recv().await {
                    Ok(Some(notice)) if notice.payload() == &*self.process => {}
                    Ok(Some(_)) => self.changed_elsewhere().await,
                    Ok(None) => {
                        tracing::warn!("lost the connection that hears the other servers' changes");
                        break;
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "lost the connection that hears the other servers' changes");
                        break;
                    }
                }
            }
            tokio::time::sleep(RETRY).await;
        }
    }

    /// Another server changed something (or may have): reload what this one keeps in memory
    /// and count a change, so kept pages are made anew.
    async fn changed_elsewhere(&self) {
        if let Err(e) = self.load_site_overrides().await {
            tracing::warn!(error = %e, "cannot reload the site settings");
        }
        self.count_change();
    }
}

async fn listen(pool: &sqlx::PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
