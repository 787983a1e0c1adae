//! Editors' changes to the category tree and the tags: add, rename, move and delete categories
//! (a deleted category's articles move to another), rename and merge tags. A change that moves
//! an address leaves a 301 from the old one (`moved_sections`, read by `http/moved.rs`), points
//! the menus at the new one, and refreshes the search index of the published articles whose
//! category or tag words changed (the index holds names, not addresses). Each change is one
//! transaction and, as readers see categories and tags on every page, drops the page cache.

use super::search::index::{index_article, unindex_article, IndexEntry, TermCounts};
use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use crate::server::text;

mod tags;
pub use tags::TagRow;

/// A category as the newsroom's form gives it.
#[derive(Debug, Clone)]
pub struct CategoryEdit<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub parent_id: Option<i64>,
    pub description: &'a str,
}

impl Store {
    /// Adds a category under `parent_id` (None: at the top), last among its siblings.
    pub async fn add_category(&self, e: &CategoryEdit<'_>) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let (id, _) = insert_category(&mut tx, e).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Renames or moves category `id` at `now`: its path and its subcategories' change with its
    /// slug and parent, each old path answering 301 to its new one. `Ok(false)`: no such category.
    pub async fn edit_category(&self, id: i64, e: &CategoryEdit<'_>, now: i64) -> Result<bool> {
        check_slug(e.slug)?;
        let mut tx = self.write_tx().await?;
        let Some((old_path, old_name)) = category_of(&mut tx, id).await? else {
            return Ok(false);
        };
        if let Some(parent) = e.parent_id {
            let parent_path = category_of(&mut tx, parent)
                .await?
                .map(|(p, _)| p)
                .ok_or_else(|| StoreError::Invalid("Choose a parent from the list.".into()))?;
            if within(&parent_path, &old_path) {
                return Err(StoreError::Invalid(
                    "A category cannot go inside itself or one of its subcategories.".into(),
                ));
            }
        }
        let new_path = path_under(&mut tx, e.parent_id, e.slug).await?;
        if new_path != old_path {
            free_path(&mut tx, &new_path, Some(id)).await?;
            move_subtree(&mut tx, &old_path, &new_path, now).await?;
        }
        query(
            "UPDATE categories SET name = ?2, slug = ?3, description = ?4, parent_id = ?5, \
               position = CASE WHEN parent_id IS NOT DISTINCT FROM ?5 THEN position ELSE \
                 (SELECT COALESCE(MAX(position), -1) + 1 FROM categories WHERE parent_id IS NOT DISTINCT FROM ?5) END \
             WHERE id = ?1",
        )
        .bind(id)
        .bind(e.name)
        .bind(e.slug)
        .bind(e.description)
        .bind(e.parent_id)
        .execute(&mut *tx)
        .await?;
        if old_name != e.name {
            let ids = category_article_ids(&mut tx, id).await?;
            reindex(&mut tx, &ids).await?;
        }
        tx.commit().await?;
        self.content_changed();
        Ok(true)
    }

    /// Deletes category `id`, its articles moved to `move_to` at `now`; its address then
    /// answers 301 to that category's. Refused while it has subcategories. `Ok(None)`: no such
    /// category; else the number of articles moved.
    pub async fn delete_category(&self, id: i64, move_to: i64, now: i64) -> Result<Option<u64>> {
        let mut tx = self.write_tx().await?;
        let Some((path, _)) = category_of(&mut tx, id).await? else {
            return Ok(None);
        };
        let target = match category_of(&mut tx, move_to).await? {
            Some((p, _)) if !within(&p, &path) => p,
            _ => {
                return Err(StoreError::Invalid(
                    "Choose another category, outside this one, for its articles.".into(),
                ))
            }
        };
        let children: i64 = query_scalar("SELECT COUNT(*) FROM categories WHERE parent_id = ?1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if children > 0 {
            return Err(StoreError::Conflict(
                "It has subcategories: move or delete them first.".into(),
            ));
        }
        let ids = category_article_ids(&mut tx, id).await?;
        query("UPDATE articles SET category_id = ?2 WHERE category_id = ?1")
            .bind(id)
            .bind(move_to)
            .execute(&mut *tx)
            .await?;
        reindex(&mut tx, &ids).await?;
        leave_address(&mut tx, "category", &path, &target, now).await?;
        query("DELETE FROM categories WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.content_changed();
        Ok(Some(ids.len() as u64))
    }

    /// How many articles (whatever their status) each category holds, by id.
    pub async fn category_article_counts(&self) -> Result<std::collections::HashMap<i64, i64>> {
        let rows: Vec<(i64, i64)> =
            query_as("SELECT category_id, COUNT(*) FROM articles GROUP BY category_id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().collect())
    }

    /// Where an old category or tag address (decoded: `/category/world/europe`, `/tag/ports`)
    /// now leads, as a site path.
    pub async fn section_moved_to(&self, path: &str) -> Result<Option<String>> {
        let row: Option<(String, String)> =
            query_as("SELECT kind, target FROM moved_sections WHERE path = ?1")
                .bind(path)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(kind, target)| match kind.as_str() {
            "tag" => crate::urls::tag(&target),
            _ => crate::urls::category(&target),
        }))
    }
}

/// Adds a category under `e.parent_id`, last among its siblings, in `tx`; its id and path.
pub(super) async fn insert_category(tx: &mut Tx, e: &CategoryEdit<'_>) -> Result<(i64, String)> {
    check_slug(e.slug)?;
    let path = path_under(tx, e.parent_id, e.slug).await?;
    free_path(tx, &path, None).await?;
    let id = query_scalar(
        "INSERT INTO categories (parent_id, slug, name, description, position, path) \
         VALUES (?1, ?2, ?3, ?4, \
           (SELECT COALESCE(MAX(position), -1) + 1 FROM categories WHERE parent_id IS NOT DISTINCT FROM ?1), ?5) \
         RETURNING id",
    )
    .bind(e.parent_id)
    .bind(e.slug)
    .bind(e.name)
    .bind(e.description)
    .bind(&path)
    .fetch_one(&mut **tx)
    .await?;
    forget_moved(tx, "category", &path).await?;
    Ok((id, path))
}

fn check_slug(slug: &str) -> Result<()> {
    if text::is_ascii_slug(slug) {
        Ok(())
    } else {
        Err(StoreError::Invalid(
            "The slug takes lowercase letters, digits and single hyphens, such as world-cup."
                .into(),
        ))
    }
}

/// Whether category path `path` is `root` or inside it.
fn within(path: &str, root: &str) -> bool {
    path == root || path.starts_with(&format!("{root}/"))
}

/// The path and name of category `id`.
async fn category_of(tx: &mut Tx, id: i64) -> Result<Option<(String, String)>> {
    Ok(query_as("SELECT path, name FROM categories WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

async fn tag_slug(tx: &mut Tx, id: i64) -> Result<Option<String>> {
    Ok(query_scalar("SELECT slug FROM tags WHERE id = ?1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?)
}

/// The path of a category with `slug` under `parent` (None: at the top).
async fn path_under(tx: &mut Tx, parent: Option<i64>, slug: &str) -> Result<String> {
    match parent {
        None => Ok(slug.to_string()),
        Some(p) => category_of(tx, p)
            .await?
            .map(|(path, _)| format!("{path}/{slug}"))
            .ok_or_else(|| StoreError::Invalid("Choose a parent from the list.".into())),
    }
}

/// Refuses `path` when another category than `except` has it.
async fn free_path(tx: &mut Tx, path: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<String> =
        query_scalar("SELECT name FROM categories WHERE path = ?1 AND id IS DISTINCT FROM ?2")
            .bind(path)
            .bind(except)
            .fetch_optional(&mut **tx)
            .await?;
    match taken {
        Some(name) => Err(StoreError::Conflict(format!(
            "“{name}” already has the address /category/{path}: choose another slug or parent."
        ))),
        None => Ok(()),
    }
}

/// Moves every category at or under `old` to `new`, leaving a redirect from each old path.
async fn move_subtree(tx: &mut Tx, old: &str, new: &str, now: i64) -> Result<()> {
    let paths: Vec<String> = query_scalar(
        "SELECT path FROM categories WHERE path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/'",
    )
    .bind(old)
    .fetch_all(&mut **tx)
    .await?;
    query(
        "UPDATE categories SET path = ?2 || substr(path, length(?1) + 1) \
         WHERE path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/'",
    )
    .bind(old)
    .bind(new)
    .execute(&mut **tx)
    .await?;
    for path in paths {
        let moved = format!("{new}{}", &path[old.len()..]);
        leave_address(tx, "category", &path, &moved, now).await?;
    }
    Ok(())
}

/// Records that the `kind` address of `old` now leads to `new`: a redirect from the old path,
/// older redirects to it carried on to the new one (no chains), none from the new path (it is
/// live), and menu links followed.
async fn leave_address(tx: &mut Tx, kind: &str, old: &str, new: &str, now: i64) -> Result<()> {
    let (old_href, new_href) = match kind {
        "tag" => (crate::urls::tag(old), crate::urls::tag(new)),
        _ => (crate::urls::category(old), crate::urls::category(new)),
    };
    query("UPDATE moved_sections SET target = ?3 WHERE kind = ?1 AND target = ?2")
        .bind(kind)
        .bind(old)
        .bind(new)
        .execute(&mut **tx)
        .await?;
    query(
        "INSERT INTO moved_sections (path, kind, target, created_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, target = excluded.target, \
           created_at = excluded.created_at",
    )
    .bind(&old_href)
    .bind(kind)
    .bind(new)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    forget_moved(tx, kind, new).await?;
    query("UPDATE menu_items SET href = ?2 WHERE href = ?1")
        .bind(&old_href)
        .bind(&new_href)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A live address redirects nowhere.
async fn forget_moved(tx: &mut Tx, kind: &str, key: &str) -> Result<()> {
    let href = match kind {
        "tag" => crate::urls::tag(key),
        _ => crate::urls::category(key),
    };
    query("DELETE FROM moved_sections WHERE path = ?1")
        .bind(href)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The ids of category `id`'s articles.
async fn category_article_ids(tx: &mut Tx, id: i64) -> Result<Vec<i64>> {
    let sql = "SELECT id FROM articles WHERE category_id = ?1";
    Ok(query_scalar(sql).bind(id).fetch_all(&mut **tx).await?)
}

/// The ids of the articles tagged `id`.
async fn tagged_article_ids(tx: &mut Tx, id: i64) -> Result<Vec<i64>> {
    let sql = "SELECT article_id FROM article_tags WHERE tag_id = ?1";
    Ok(query_scalar(sql).bind(id).fetch_all(&mut **tx).await?)
}

#[derive(sqlx::FromRow)]
struct IndexSource {
    title: String,
    dek: String,
    body_md: String,
    category: String,
    author: String,
    tags: String,
}

/// Writes the search index entries of the published articles among `ids` again, from their
/// category's and tags' names as they are now in this transaction.
async fn reindex(tx: &mut Tx, ids: &[i64]) -> Result<()> {
    let mut terms = TermCounts::default();
    for &id in ids {
        let sql = format!(
            "SELECT a.title, a.dek, a.body_md, c.name AS category, au.name AS author, \
               COALESCE((SELECT {} FROM article_tags at \
                 JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '') AS tags \
             FROM articles a JOIN categories c ON c.id = a.category_id \
             JOIN authors au ON au.id = a.author_id \
             WHERE a.id = ?1 AND a.status = 'published'",
            tx.backend().joined("t.name", "' '")
        );
        let row: Option<IndexSource> = query_as(&sql).bind(id).fetch_optional(&mut **tx).await?;
        let Some(r) = row else { continue };
        unindex_article(tx, id, &mut terms).await?;
        index_article(
            tx,
            IndexEntry {
                id,
                title: &r.title,
                dek: &r.dek,
                body_md: &r.body_md,
                category: &r.category,
                tags: &r.tags,
                author: &r.author,
            },
            &mut terms,
        )
        .await?;
    }
    terms.add_to(tx).await
}
