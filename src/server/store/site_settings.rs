//! The site settings admins changed (`site_settings`, see `server/site_settings.rs`): one row a
//! setting that no longer takes the configuration file's value. The store keeps a copy in
//! memory, read at open and replaced by each save, so every page reads them without a query; a
//! save counts as a content change, so cached pages show it at once.

use super::{Result, Store};
use crate::server::site_settings::Overrides;
use crate::server::store::db::{query, query_as};
use std::sync::Arc;

impl Store {
    /// The settings admins changed (what the store holds), from memory.
    pub fn site_overrides(&self) -> Arc<Overrides> {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(super) async fn load_site_overrides(&self) -> Result<()> {
        let rows: Vec<(String, String)> = query_as("SELECT key, value FROM site_settings")
            .fetch_all(&self.pool)
            .await?;
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) =
            Arc::new(rows.into_iter().collect());
        Ok(())
    }

    /// Makes `wanted` the settings admins changed, saved by account `by` at `now`: settings
    /// left out of it take the file's value again. Returns the keys whose value changed (none:
    /// nothing was written, and cached pages stay).
    pub async fn save_site_overrides(
        &self,
        wanted: &Overrides,
        by: i64,
        now: i64,
    ) -> Result<Vec<String>> {
        let _saving = self.settings_saving.lock().await;
        let before = self.site_overrides();
        let mut changed: Vec<String> = before
            .keys()
            .filter(|k| !wanted.contains_key(*k))
            .cloned()
            .collect();
        changed.extend(
            wanted
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(v))
                .map(|(k, _)| k.clone()),
        );
        if changed.is_empty() {
            return Ok(changed);
        }
        changed.sort();
        let mut tx = self.write_tx().await?;
        for key in &changed {
            match wanted.get(key) {
                Some(value) => {
                    query(
                        "INSERT INTO site_settings (key, value, updated_at, updated_by) \
                         VALUES (?1, ?2, ?3, ?4) \
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
                         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    )
                    .bind(key)
                    .bind(value)
                    .bind(now)
                    .bind(by)
                    .execute(&mut *tx)
                    .await?;
                }
                None => {
                    query("DELETE FROM site_settings WHERE key = ?1")
                        .bind(key)
                        .execute(&mut *tx)
                        .await?;
                }
            }
        }
        tx.commit().await?;
        *self.settings.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(wanted.clone());
        self.content_changed();
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use crate::server::site_settings::Overrides;
    use crate::server::store::Store;

    fn overrides(pairs: &[(&str, &str)]) -> Overrides {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[tokio::test]
    async fn saved_settings_are_kept_across_a_restart_and_only_changes_count() {
        let dir = tempfile::tempdir().unwrap();
        let url = crate::server::store::fixtures::database_url(dir.path()).await;
        let store = Store::open(&url).await.unwrap();
        assert!(store.site_overrides().is_empty());
        let admin = crate::server::newsroom::users::add(
            &store,
            "ada@example.com",
            "Ada",
            crate::server::newsroom::Role::Admin,
            "a long enough password",
        )
        .await
        .unwrap()
        .id;

        let v = store.content_version();
        let first = overrides(&[("site.name", "East"), ("social.tiktok", "")]);
        let changed = store.save_site_overrides(&first, admin, 100).await.unwrap();
        assert_eq!(changed, ["site.name", "social.tiktok"]);
        assert_eq!(*store.site_overrides(), first);
        assert!(store.content_version() > v, "readers' caches are dropped");

        // The same again: nothing written, caches kept.
        let v = store.content_version();
        assert!(store
            .save_site_overrides(&first, admin, 200)
            .await
            .unwrap()
            .is_empty());
        assert_eq!(store.content_version(), v);

        // One changed, one back to the file's value.
        let second = overrides(&[("site.name", "North")]);
        let changed = store
            .save_site_overrides(&second, admin, 300)
            .await
            .unwrap();
        assert_eq!(changed, ["site.name", "social.tiktok"]);

        drop(store);
        let reopened = Store::open(&url).await.unwrap();
        assert_eq!(*reopened.site_overrides(), second);
    }
}
