//! Newsroom sessions, kept server-side: the cookie carries a random id, the store its digest,
//! the account, the session's form token and when it began and was last used.

use super::staff::StaffRow;
use super::{Result, Store};

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
    pub async fn create_session(
        &self,
        id_hash: &str,
        staff_id: i64,
        csrf: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
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
        let row: Option<(i64, String, i64, i64)> = sqlx::query_as(
            "SELECT x.staff_id, x.csrf, x.created_at, x.seen_at FROM staff_sessions x \
             JOIN staff s ON s.id = x.staff_id \
             WHERE x.id_hash = ?1 AND s.active = 1 AND x.seen_at > ?2 AND x.created_at > ?3",
        )
        .bind(id_hash)
        .bind(now - limits.idle)
        .bind(now - limits.absolute)
        .fetch_optional(&self.pool)
        .await?;
        let Some((staff_id, csrf, created_at, seen_at)) = row else {
            return Ok(None);
        };
        Ok(self.staff_by_id(staff_id).await?.map(|staff| SessionRow {
            staff,
            csrf,
            created_at,
            seen_at,
        }))
    }

    /// Marks the session used at `now` (callers skip this while the last mark is recent, so
    /// reading pages is not a write each).
    pub async fn touch_session(&self, id_hash: &str, now: i64) -> Result<()> {
        sqlx::query("UPDATE staff_sessions SET seen_at = ?2 WHERE id_hash = ?1")
            .bind(id_hash)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn end_session(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM staff_sessions WHERE id_hash = ?1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends every session of the account but `keep` (a digest), and says how many ended.
    pub async fn end_sessions_of(&self, staff_id: i64, keep: Option<&str>) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM staff_sessions WHERE staff_id = ?1 AND id_hash IS NOT ?2")
                .bind(staff_id)
                .bind(keep)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }

    pub async fn session_count(&self, staff_id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM staff_sessions WHERE staff_id = ?1")
                .bind(staff_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Forgets sessions past either limit.
    pub async fn sweep_sessions(&self, now: i64, limits: SessionLimits) -> Result<u64> {
        let done =
            sqlx::query("DELETE FROM staff_sessions WHERE seen_at <= ?1 OR created_at <= ?2")
                .bind(now - limits.idle)
                .bind(now - limits.absolute)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }
}
