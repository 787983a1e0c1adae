//! The category tree. A category's path is its slug chain from the root.

use super::{Result, Store};
use crate::model::{CategoryRef, NamedRef};
use crate::server::store::db::query_as;
use sqlx::FromRow;

#[derive(Debug, Clone, FromRow, PartialEq, Eq)]
pub struct CategoryRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub position: i64,
    pub path: String,
}

impl From<CategoryRow> for CategoryRef {
    fn from(r: CategoryRow) -> Self {
        CategoryRef {
            slug: r.slug,
            name: r.name,
            path: r.path,
        }
    }
}

/// Every prefix of a path, root first: `a/b/c` → `a`, `a/b`, `a/b/c`.
pub fn path_prefixes(path: &str) -> Vec<&str> {
    path.match_indices('/')
        .map(|(i, _)| &path[..i])
        .chain(std::iter::once(path))
        .collect()
}

const SELECT: &str =
    "SELECT id, parent_id, slug, name, description, position, path FROM categories ";

impl Store {
    pub async fn find_category(&self, path: &str) -> Result<Option<CategoryRow>> {
        Ok(query_as(&format!("{SELECT} WHERE path = ?1"))
            .bind(path)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The category and its ancestors, root first.
    pub async fn category_trail(&self, path: &str) -> Result<Vec<CategoryRow>> {
        let mut trail = Vec::new();
        for prefix in path_prefixes(path) {
            if let Some(c) = self.find_category(prefix).await? {
                trail.push(c);
            }
        }
        Ok(trail)
    }

    /// Every category, siblings in the order `child_categories` gives them.
    pub async fn all_categories(&self) -> Result<Vec<CategoryRow>> {
        Ok(query_as(&format!("{SELECT} ORDER BY position, name"))
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn child_categories(&self, parent: Option<i64>) -> Result<Vec<CategoryRow>> {
        Ok(query_as(&format!(
            "{SELECT} WHERE parent_id IS NOT DISTINCT FROM ?1 ORDER BY position, name"
        ))
        .bind(parent)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn find_tag(&self, slug: &str) -> Result<Option<NamedRef>> {
        let row: Option<(String, String)> = query_as("SELECT slug, name FROM tags WHERE slug = ?1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|(slug, name)| NamedRef { slug, name }))
    }

    /// (slug, name, bio)
    pub async fn find_author(&self, slug: &str) -> Result<Option<(NamedRef, String)>> {
        let row: Option<(String, String, String)> =
            query_as("SELECT slug, name, bio FROM authors WHERE slug = ?1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(slug, name, bio)| (NamedRef { slug, name }, bio)))
    }
}

#[cfg(test)]
mod tests {
    use super::path_prefixes;

    #[test]
    fn prefixes_run_from_the_root() {
        assert_eq!(
            path_prefixes("world/europe/ukraine"),
            ["world", "world/europe", "world/europe/ukraine"]
        );
        assert_eq!(path_prefixes("news"), ["news"]);
    }
}
