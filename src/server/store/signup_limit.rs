//! Newsletter sign-ups per client, counted in the database so that every server on it shares
//! one allowance per client: three servers behind a proxy let a client through as often as one
//! does. (`http/throttle.rs` keeps the same allowance in memory in front of this, per server,
//! so a flood from one client is turned away without a write.)
//!
//! The rule is the generic cell rate algorithm, as the memory one's: `per_minute` sign-ups at
//! once, then one more every minute / `per_minute`. One row per client holds the time its
//! allowance is whole again; each sign-up moves it one interval on, and a sign-up is let
//! through while that time is less than a full allowance ahead. Rows whose time has passed
//! hold nothing and are deleted by the next sign-up.

use super::db::{query, query_scalar};
use super::{Result, Store};
use std::time::Duration;

impl Store {
    /// Counts one sign-up from `client` at `now_ms` (milliseconds since 1970): `None` when it
    /// is let through, else how long until the next one will be.
    pub async fn admit_signup(
        &self,
        client: &str,
        now_ms: i64,
        per_minute: u32,
    ) -> Result<Option<Duration>> {
        let per_minute = i64::from(per_minute.max(1));
        let every = 60_000 / per_minute;
        // How far ahead of now a client's time may be and still let one more through.
        let ahead = every * (per_minute - 1);
        let mut tx = self.write_tx().await?;
        query("DELETE FROM signup_clients WHERE full_at <= ?1")
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        // What is left is ahead of now: a new client starts from now, a known one from its row.
        let admitted = query(
            "INSERT INTO signup_clients (client, full_at) VALUES (?1, ?2 + ?3) \
             ON CONFLICT (client) DO UPDATE SET full_at = signup_clients.full_at + ?3 \
             WHERE signup_clients.full_at <= ?2 + ?4",
        )
        .bind(client)
        .bind(now_ms)
        .bind(every)
        .bind(ahead)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        let wait = if admitted {
            None
        } else {
            let full_at: i64 = query_scalar("SELECT full_at FROM signup_clients WHERE client = ?1")
                .bind(client)
                .fetch_one(&mut *tx)
                .await?;
            let ms = (full_at - ahead - now_ms).max(1);
            Some(Duration::from_millis(ms as u64))
        };
        tx.commit().await?;
        Ok(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::empty_store;
    use std::time::Duration;

    const T0: i64 = 1_790_000_000_000;

    #[tokio::test]
    async fn a_client_gets_its_burst_then_one_sign_up_an_interval() {
        let (store, _dir) = empty_store().await;
        let admit = |at: i64| {
            let store = store.clone();
            async move { store.admit_signup("v4:192.0.2.1", at, 5).await.unwrap() }
        };
        for _ in 0..5 {
            assert_eq!(admit(T0).await, None);
        }
        assert_eq!(admit(T0).await, Some(Duration::from_secs(12)));
        assert_eq!(admit(T0 + 11_000).await, Some(Duration::from_secs(1)));
        assert_eq!(admit(T0 + 12_000).await, None);
        assert!(admit(T0 + 12_000).await.is_some());
        // A refused sign-up costs nothing: the next one is due when it was.
        assert_eq!(admit(T0 + 24_000).await, None);
        // A minute after the last one the whole allowance is back.
        for _ in 0..5 {
            assert_eq!(admit(T0 + 84_000).await, None);
        }
        assert!(admit(T0 + 84_000).await.is_some());
    }

    #[tokio::test]
    async fn clients_are_counted_apart_and_forgotten_once_whole_again() {
        let (store, _dir) = empty_store().await;
        assert_eq!(store.admit_signup("a", T0, 1).await.unwrap(), None);
        assert_eq!(
            store.admit_signup("a", T0 + 1, 1).await.unwrap(),
            Some(Duration::from_millis(59_999))
        );
        assert_eq!(store.admit_signup("b", T0 + 1, 1).await.unwrap(), None);
        let rows = || async {
            super::query_scalar::<i64>("SELECT COUNT(*) FROM signup_clients")
                .fetch_one(store.pool())
                .await
                .unwrap()
        };
        assert_eq!(rows().await, 2);
        assert_eq!(store.admit_signup("c", T0 + 60_001, 1).await.unwrap(), None);
        assert_eq!(rows().await, 1, "a and b were whole again: only c is kept");
    }
}
