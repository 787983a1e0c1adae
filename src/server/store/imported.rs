//! What imports made: the local thing each imported one became, with a digest of what was
//! imported (so importing again updates what changed and leaves the rest), and the old
//! addresses kept alive as redirects.

use super::{Result, Store};

/// What an earlier import made of something.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Imported {
    pub local_id: i64,
    pub digest: String,
}

impl Store {
    /// What an import of `site` made of its `kind` thing `wp_key`, if it did.
    pub async fn imported(&self, site: &str, kind: &str, wp_key: &str) -> Result<Option<Imported>> {
        Ok(sqlx::query_as(
            "SELECT local_id, digest FROM imported WHERE site = ?1 AND kind = ?2 AND wp_key = ?3",
        )
        .bind(site)
        .bind(kind)
        .bind(wp_key)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Records (or updates) what an import made of a thing.
    pub async fn record_imported(
        &self,
        site: &str,
        kind: &str,
        wp_key: &str,
        made: &Imported,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO imported (site, kind, wp_key, local_id, digest) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (site, kind, wp_key) DO UPDATE SET local_id = excluded.local_id, digest = excluded.digest",
        )
        .bind(site)
        .bind(kind)
        .bind(wp_key)
        .bind(made.local_id)
        .bind(&made.digest)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Sends requests for the old address `path` to `target` from now on.
    pub async fn keep_old_link(&self, path: &str, target: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO old_links (path, target) VALUES (?1, ?2) \
             ON CONFLICT (path) DO UPDATE SET target = excluded.target",
        )
        .bind(path)
        .bind(target)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Where the old address `path` now lives, if an import kept it.
    pub async fn old_link(&self, path: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT target FROM old_links WHERE path = ?1")
                .bind(path)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::fixtures::store as fixture_store;

    #[tokio::test]
    async fn an_import_remembers_what_it_made_and_the_old_addresses() {
        let (store, _dir) = fixture_store().await;
        let site = "https://old.west.example";
        assert_eq!(store.imported(site, "post", "41").await.unwrap(), None);
        let made = Imported {
            local_id: 7,
            digest: "abc".into(),
        };
        store
            .record_imported(site, "post", "41", &made)
            .await
            .unwrap();
        assert_eq!(
            store.imported(site, "post", "41").await.unwrap(),
            Some(made)
        );
        let changed = Imported {
            local_id: 7,
            digest: "def".into(),
        };
        store
            .record_imported(site, "post", "41", &changed)
            .await
            .unwrap();
        assert_eq!(
            store.imported(site, "post", "41").await.unwrap(),
            Some(changed)
        );
        assert_eq!(
            store
                .imported("https://other.example", "post", "41")
                .await
                .unwrap(),
            None
        );

        store
            .keep_old_link("/europe/ferries", "/2026/04/06/ferries")
            .await
            .unwrap();
        store
            .keep_old_link("/europe/ferries", "/2026/04/07/ferries")
            .await
            .unwrap();
        assert_eq!(
            store.old_link("/europe/ferries").await.unwrap().as_deref(),
            Some("/2026/04/07/ferries")
        );
        assert_eq!(store.old_link("/elsewhere").await.unwrap(), None);
    }
}
