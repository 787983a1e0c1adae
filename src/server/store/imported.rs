//! What imports made, read back: the local thing each imported one became, with a digest of
//! what was imported (so importing again updates what changed and leaves the rest), and the
//! old addresses kept alive as redirects (written by `importing.rs`).

use super::{Result, Store};
use crate::server::store::db::{query_as, query_scalar};

/// What an earlier import made of something.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Imported {
    pub local_id: i64,
    pub digest: String,
}

impl Store {
    /// What an import of `site` made of its `kind` thing `wp_key`, if it did.
    pub async fn imported(&self, site: &str, kind: &str, wp_key: &str) -> Result<Option<Imported>> {
        Ok(query_as(
            "SELECT local_id, digest FROM imported WHERE site = ?1 AND kind = ?2 AND wp_key = ?3",
        )
        .bind(site)
        .bind(kind)
        .bind(wp_key)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Where the old address `path` now lives, if an import kept it.
    pub async fn old_link(&self, path: &str) -> Result<Option<String>> {
        Ok(query_scalar("SELECT target FROM old_links WHERE path = ?1")
            .bind(path)
            .fetch_optional(&self.pool)
            .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::fixtures::store as fixture_store;
    use crate::server::store::ImportKey;

    #[tokio::test]
    async fn an_import_remembers_what_it_made_and_the_old_addresses() {
        let (store, _dir) = fixture_store().await;
        let site = "old.west.example";
        assert_eq!(store.imported(site, "post", "41").await.unwrap(), None);
        let key = |digest| ImportKey {
            site,
            kind: "post",
            wp_key: "41",
            digest,
        };
        let old = ["/europe/ferries".to_string()];
        store
            .import_record(&key("abc"), 7, &old, Some("/2026/04/06/ferries"))
            .await
            .unwrap();
        let made = Imported {
            local_id: 7,
            digest: "abc".into(),
        };
        assert_eq!(
            store.imported(site, "post", "41").await.unwrap(),
            Some(made)
        );
        store
            .import_record(&key("def"), 7, &old, Some("/2026/04/07/ferries"))
            .await
            .unwrap();
        let changed = Imported {
            local_id: 7,
            digest: "def".into(),
        };
        assert_eq!(
            store.imported(site, "post", "41").await.unwrap(),
            Some(changed)
        );
        assert_eq!(
            store.imported("other.example", "post", "41").await.unwrap(),
            None
        );
        assert_eq!(
            store.old_link("/europe/ferries").await.unwrap().as_deref(),
            Some("/2026/04/07/ferries")
        );
        assert_eq!(store.old_link("/elsewhere").await.unwrap(), None);
    }
}
