//! Failed sign-ins, counted in the store so that a restart does not reset the lockout, and the
//! single-use links that create accounts (the first admin's setup, invitations).

use super::staff::{insert_staff, NewStaff, StaffRow};
use super::{Result, Store, StoreError};
use crate::server::newsroom::Role;
use crate::server::store::db::{query, query_as, query_scalar};

/// How failed sign-ins lock further tries: after `per_account` failures for one address, or
/// `per_client` from one client, within `window` seconds, tries are refused for `window` seconds
/// after the last of them.
#[derive(Debug, Clone, Copy)]
pub struct Lockout {
    pub per_account: i64,
    pub per_client: i64,
    pub window: i64,
}

/// What a single-use link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Setup,
    Invite,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Setup => "setup",
            Self::Invite => "invite",
        }
    }
}

impl Store {
    pub async fn record_sign_in_failure(
        &self,
        email: &str,
        client: &str,
        now: i64,
        lockout: Lockout,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        // Failures older than the window count for nothing any more.
        query("DELETE FROM sign_in_failures WHERE at <= ?1")
            .bind(now - lockout.window)
            .execute(&mut *tx)
            .await?;
        query("INSERT INTO sign_in_failures (email, address, at) VALUES (?1, ?2, ?3)")
            .bind(email)
            .bind(client)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Seconds until the next try is allowed, when tries for `email` or from `client` are locked.
    pub async fn sign_in_locked(
        &self,
        email: &str,
        client: &str,
        now: i64,
        lockout: Lockout,
    ) -> Result<Option<i64>> {
        let mut wait = None;
        for (column, key, limit) in [
            ("email", email, lockout.per_account),
            ("address", client, lockout.per_client),
        ] {
            // The last `limit` failures: within one window of each other, they lock until one
            // window after the newest.
            let sql = format!(
                "SELECT MIN(at), MAX(at), COUNT(*) FROM (SELECT at FROM sign_in_failures \
                 WHERE {column} = ?1 ORDER BY at DESC LIMIT ?2) AS recent"
            );
            let (oldest, newest, n): (Option<i64>, Option<i64>, i64) = query_as(&sql)
                .bind(key)
                .bind(limit)
                .fetch_one(&self.pool)
                .await?;
            if let (Some(oldest), Some(newest)) = (oldest, newest) {
                let until = newest + lockout.window;
                if n >= limit && newest - oldest < lockout.window && until > now {
                    wait = wait.max(Some(until - now));
                }
            }
        }
        Ok(wait)
    }

    /// A successful sign-in forgives the account's failures (not the client's).
    pub async fn clear_sign_in_failures(&self, email: &str) -> Result<()> {
        query("DELETE FROM sign_in_failures WHERE email = ?1")
            .bind(email)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Keeps a new single-use link (by its digest) for `role`, valid until `expires_at`.
    /// A new setup link replaces the unused ones before it.
    pub async fn create_staff_token(
        &self,
        digest: &str,
        purpose: TokenPurpose,
        role: Role,
        created_by: Option<i64>,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        if purpose == TokenPurpose::Setup {
            query("DELETE FROM staff_tokens WHERE purpose = 'setup' AND used_at IS NULL")
                .execute(&mut *tx)
                .await?;
        }
        query(
            "INSERT INTO staff_tokens (token_hash, purpose, role, created_by, created_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(digest)
        .bind(purpose.as_str())
        .bind(role.as_str())
        .bind(created_by)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The role a link grants, while it is unused and unexpired.
    pub async fn staff_token_role(
        &self,
        digest: &str,
        purpose: TokenPurpose,
        now: i64,
    ) -> Result<Option<Role>> {
        let role: Option<String> = query_scalar(
            "SELECT role FROM staff_tokens WHERE token_hash = ?1 AND purpose = ?2 \
             AND used_at IS NULL AND expires_at > ?3",
        )
        .bind(digest)
        .bind(purpose.as_str())
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(role.and_then(|r| r.parse().ok()))
    }

    /// Uses the link and creates the account it grants, in one transaction: a link creates one
    /// account however many submit it at once. The role is the link's. A setup link is refused
    /// once an admin exists.
    pub async fn create_staff_with_token(
        &self,
        digest: &str,
        purpose: TokenPurpose,
        account: NewStaff<'_>,
        now: i64,
    ) -> Result<StaffRow> {
        let mut tx = self.write_tx().await?;
        let role: Option<String> = query_scalar(
            "UPDATE staff_tokens SET used_at = ?3 WHERE token_hash = ?1 AND purpose = ?2 \
             AND used_at IS NULL AND expires_at > ?3 RETURNING role",
        )
        .bind(digest)
        .bind(purpose.as_str())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let role: Role = role
            .and_then(|r| r.parse().ok())
            .ok_or_else(|| StoreError::Conflict(LINK_USED.into()))?;
        if purpose == TokenPurpose::Setup {
            let admin: bool = query_scalar(
                "SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active = 1)",
            )
            .fetch_one(&mut *tx)
            .await?;
            if admin {
                return Err(StoreError::Conflict(LINK_USED.into()));
            }
        }
        let id = insert_staff(&mut tx, &NewStaff { role, ..account }, now).await?;
        tx.commit().await?;
        self.content_changed();
        self.staff_by_id(id)
            .await?
            .ok_or(StoreError::Db(sqlx::Error::RowNotFound))
    }
}

pub const LINK_USED: &str =
    "This link has been used already or has expired. Ask an admin for a new one.";
