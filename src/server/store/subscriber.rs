//! Newsletter subscribers.

use super::{Result, Store};

impl Store {
    /// Adds an address once. Returns false when it was already there (not an error).
    pub async fn add_subscriber(&self, email: &str, now: i64) -> Result<bool> {
        let done = sqlx::query("INSERT INTO subscribers (email, created_at) VALUES (?1, ?2) ON CONFLICT(email) DO NOTHING")
            .bind(email)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn subscriber_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM subscribers")
            .fetch_one(&self.pool)
            .await?)
    }
}
