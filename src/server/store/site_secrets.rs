//! Secrets every server of a site shares (the key that signs comment forms and the links to
//! held comments), made the first time one is asked for and kept in the database, so that a
//! form rendered by one server is accepted by another and survives a restart.

use super::{Result, Store};
use crate::server::store::db::{query, query_scalar};

impl Store {
    /// The secret called `name`: 256 random bits, written URL-safe; made if there is none.
    pub async fn load_site_secret(&self, name: &str) -> Result<String> {
        query("INSERT INTO site_secrets (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
            .bind(name)
            .bind(crate::server::newsroom::token::random())
            .execute(&self.pool)
            .await?;
        Ok(
            query_scalar("SELECT value FROM site_secrets WHERE name = ?1")
                .bind(name)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The key this store signs with (`server::signing`), loaded when it opened.
    pub fn signing_key(&self) -> &[u8] {
        self.signing_key.as_bytes()
    }
}
