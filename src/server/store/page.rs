//! Static pages (Privacy Policy, Terms, Contact).

use super::{Result, Store};
use crate::server::store::db::query_as;

impl Store {
    /// (title, body_html, updated_at)
    pub async fn find_page(&self, slug: &str) -> Result<Option<(String, String, i64)>> {
        Ok(
            query_as("SELECT title, body_html, updated_at FROM pages WHERE slug = ?1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}
