//! The audit log: who did what in the newsroom, and when.

use super::{Result, Store};
use crate::server::store::db::{query, query_as};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    /// The account's name, when the actor was signed in and the account still exists.
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub address: String,
}

impl Store {
    pub async fn audit(
        &self,
        actor_id: Option<i64>,
        action: &str,
        subject: &str,
        address: &str,
        now: i64,
    ) -> Result<()> {
        query("INSERT INTO audit_log (at, actor_id, action, subject, address) VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(now)
            .bind(actor_id)
            .bind(action)
            .bind(subject)
            .bind(address)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The newest entries first.
    pub async fn audit_entries(&self, limit: i64, offset: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<(i64, Option<String>, String, String, String)> = query_as(
            "SELECT l.at, s.name, l.action, l.subject, l.address FROM audit_log l \
             LEFT JOIN staff s ON s.id = l.actor_id ORDER BY l.at DESC, l.id DESC LIMIT ?1 OFFSET ?2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(at, actor, action, subject, address)| AuditEntry {
                at,
                actor,
                action,
                subject,
                address,
            })
            .collect())
    }
}
