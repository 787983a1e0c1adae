//! Newsroom sessions, kept server-side: the cookie carries a random id, the store its digest,
//! the account, the session's form token and when it began and was last used.

use super::staff::{Record, StaffRow, COLUMNS};
use super::{Result, Store};
use crate::server::store::db::{query, query_as, query_scalar};

/// A live session and its account.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub staff: StaffRow,
    pub csrf: String,
    pub created_at: i64,
    pub seen_at: i64,
}

/// When sessions end: `idle` seconds after their last use, `absolute` seconds after they began.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub idle: i64,
    pub absolute: i64,
}

impl Store {
    /// Signs everyone out and voids the sign-in links not yet used and every preview link
    /// (after a restore, which would otherwise bring back sessions and links revoked since the
    /// backup was made).
    pub async fn forget_sessions(&self) -> Result<()> {
        let mut tx = self.write_tx().await?;
        query("DELETE FROM staff_sessions")
            .execute(&mut *tx)
            .await?;
        query("DELETE FROM staff_tokens WHERE used_at IS NULL")
            .execute(&mut *tx)
            .await?;
        query("DELETE FROM preview_links").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn create_session(
        &self,
        id_hash: &str,
        staff_id: i64,
        csrf: &str,
        now: i64,
    ) -> Result<()> {
        query(
            "INSERT INTO staff_sessions (id_hash, staff_id, csrf, created_at, seen_at) \
             VALUES (?1, ?2, ?3, ?4, ?4)",
        )
        .bind(id_hash)
        .bind(staff_id)
        .bind(csrf)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The session with this id digest, when it has not expired and its account is active.
    pub async fn session(
        &self,
        id_hash: &str,
        now: i64,
        limits: SessionLimits,
    ) -> Result<Option<SessionRow>> {
        // The session and its account in one query: every newsroom request asks this.
        #[derive(sqlx::FromRow)]
        struct Live {
            #[sqlx(flatten)]
            staff: Record,
            csrf: String,
            session_created: i64,
            seen_at: i64,
        }
        let sql = format!(
            "SELECT {COLUMNS}, x.csrf, x.created_at AS session_created, x.seen_at FROM staff_sessions x \
             JOIN staff s ON s.id = x.staff_id JOIN authors a ON a.id = s.author_id \
             WHERE x.id_hash = ?1 AND s.active = 1 AND x.seen_at > ?2 AND x.created_at > ?3"
        );
        let row: Option<Live> = query_as(&sql)
            .bind(id_hash)
            .bind(now - limits.idle)
            .bind(now - limits.absolute)
            .fetch_optional(&self.pool)
            .await?;
        let Some(live) = row else {
            return Ok(None);
        };
        let (staff, _) = live.staff.split()?;
        Ok(Some(SessionRow {
            staff,
            csrf: live.csrf,
            created_at: live.session_created,
            seen_at: live.seen_at,
        }))
    }

    /// Marks the session used at `now` (callers skip this while the last mark is recent, so
    /// reading pages is not a write each).
    pub async fn touch_session(&self, id_hash: &str, now: i64) -> Result<()> {
        query("UPDATE staff_sessions SET seen_at = ?2 WHERE id_hash = ?1")
            .bind(id_hash)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn end_session(&self, id_hash: &str) -> Result<()> {
        query("DELETE FROM staff_sessions WHERE id_hash = ?1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of the account but `keep` (a digest), and says how many ended.
    pub async fn end_sessions_of(&self, staff_id: i64, keep: Option<&str>) -> Result<u64> {
        let done =
            query("DELETE FROM staff_sessions WHERE staff_id = ?1 AND id_hash IS DISTINCT FROM ?2")
                .bind(staff_id)
                .bind(keep)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }

    pub async fn session_count(&self, staff_id: i64) -> Result<i64> {
        Ok(
            query_scalar("SELECT COUNT(*) FROM staff_sessions WHERE staff_id = ?1")
                .bind(staff_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Forgets sessions past either limit.
    pub async fn sweep_sessions(&self, now: i64, limits: SessionLimits) -> Result<u64> {
        let done = query("DELETE FROM staff_sessions WHERE seen_at <= ?1 OR created_at <= ?2")
            .bind(now - limits.idle)
            .bind(now - limits.absolute)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}
