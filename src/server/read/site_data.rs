//! What the frame of every page and the front page show, as the store's raw rows: menus, the
//! category tree, trending, Editors' Picks, the latest stories and the front page's lists. It is
//! loaded once and kept in memory (`snapshot.rs`) until a write, until the next scheduled
//! article is due, or for at most [`MAX_AGE`] (trending ranks stories by their age); pages
//! format the rows, relative times included, when they render. Before, every render queried
//! all of it again: about twenty queries for the front page (issue 12).

use super::site::{EDITORS_PICKS, TRENDING};
use super::ReadModels;
use crate::error::AppError;
use crate::model::Menus;
use crate::server::clock;
use crate::server::store::{ArticleFilter, ArticleRow, CategoryRow, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// How long the lists are kept at most: trending ranks stories by views discounted by their age,
/// and leaves out those older than 60 days, so its order drifts with time alone.
pub const MAX_AGE: Duration = Duration::from_secs(10);
/// The front page: featured stories (the lead and up to four more), the newest stories that
/// fill up the four secondary places, and the newest stories of each top-level category.
const FEATURED: u32 = 5;
const NEWEST: u32 = 8;
const PER_BLOCK: u32 = 4;

#[derive(Debug, Default)]
pub struct SiteData {
    pub menus: Menus,
    /// Every category, ordered as siblings are shown (position, then name).
    pub categories: Vec<CategoryRow>,
    pub trending: Vec<ArticleRow>,
    pub editors_picks: Vec<ArticleRow>,
    pub latest: Vec<ArticleRow>,
    pub featured: Vec<ArticleRow>,
    pub newest: Vec<ArticleRow>,
    /// The top-level categories, each with its newest stories.
    pub blocks: Vec<(CategoryRow, Vec<ArticleRow>)>,
}

impl SiteData {
    pub fn category(&self, path: &str) -> Option<&CategoryRow> {
        self.categories.iter().find(|c| c.path == path)
    }

    /// The category at `path` and its ancestors, root first (as `Store::category_trail`).
    pub fn trail(&self, path: &str) -> Vec<CategoryRow> {
        crate::server::store::path_prefixes(path)
            .into_iter()
            .filter_map(|p| self.category(p).cloned())
            .collect()
    }

    /// Whether the top-level section of the category at `path` holds categories other than
    /// `id` (the section itself, or its subsections).
    pub fn section_has_others(&self, path: &str, id: i64) -> bool {
        let top = path.split('/').next().unwrap_or_default();
        self.categories.iter().any(|c| {
            c.id != id
                && c.path
                    .strip_prefix(top)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    /// The children of `parent` (None: the top level), in order (as `Store::child_categories`).
    pub fn children(&self, parent: Option<i64>) -> Vec<CategoryRow> {
        self.categories
            .iter()
            .filter(|c| c.parent_id == parent)
            .cloned()
            .collect()
    }
}

impl ReadModels {
    /// The site-wide rows, from memory unless out of date.
    pub(super) async fn site_data(&self) -> Result<Arc<SiteData>, AppError> {
        let now = clock::now().unix_timestamp();
        let store = &self.primary;
        Ok(self
            .shared
            .data
            .get(|| store.content_version(), now, || self.load_site_data(now))
            .await?)
    }

    async fn load_site_data(&self, t: i64) -> Result<(SiteData, Option<i64>), StoreError> {
        let store = self.store();
        let list = |filter: ArticleFilter, n: u32| async move {
            store.list_articles(&filter, t, n, 0).await
        };
        let categories = store.all_categories().await?;
        let mut blocks = Vec::new();
        for cat in categories.iter().filter(|c| c.parent_id.is_none()) {
            let articles = list(ArticleFilter::Category(cat.path.clone()), PER_BLOCK).await?;
            blocks.push((cat.clone(), articles));
        }
        let data = SiteData {
            menus: store.menus().await?,
            trending: store.trending(t, TRENDING).await?,
            editors_picks: list(ArticleFilter::EditorsPicks, EDITORS_PICKS).await?,
            latest: list(ArticleFilter::All, self.config.pages.latest_count).await?,
            featured: list(ArticleFilter::Featured, FEATURED).await?,
            newest: list(ArticleFilter::All, NEWEST).await?,
            blocks,
            categories,
        };
        Ok((data, store.next_publication(t).await?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: i64, path: &str) -> CategoryRow {
        CategoryRow {
            id,
            parent_id: None,
            slug: path.rsplit('/').next().unwrap_or_default().into(),
            name: path.into(),
            description: String::new(),
            position: 0,
            path: path.into(),
        }
    }

    #[test]
    fn a_section_has_others_when_it_or_a_subsection_is_not_the_storys_own_category() {
        let site = SiteData {
            categories: vec![
                category(1, "world"),
                category(2, "world/europe"),
                category(3, "worldwide"),
                category(4, "viral"),
            ],
            ..SiteData::default()
        };
        assert!(site.section_has_others("world/europe", 2));
        assert!(site.section_has_others("world", 1));
        // "worldwide" only shares the letters.
        assert!(!site.section_has_others("worldwide", 3));
        assert!(!site.section_has_others("viral", 4));
    }
}
