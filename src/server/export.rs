//! Moving out: the whole site written as a WordPress export (`wordpress.rs`: WXR 1.2, which
//! WordPress's own importer and Timelines' read) or as a documented JSON file (`json.rs`),
//! read from the store a batch of articles at a time. Nobody is locked in.

pub mod json;
pub mod wordpress;

use crate::server::config::Config;
use crate::server::site_settings::SiteSettings;
use crate::server::store::{Store, StoreError};

/// Articles read from the store at a time.
const BATCH: i64 = 500;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export failed: {0}")]
    Write(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exported {
    pub authors: usize,
    pub categories: usize,
    pub tags: usize,
    pub articles: usize,
    pub pages: usize,
    pub pictures: usize,
}

impl std::fmt::Display for Exported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} articles, {} pages, {} pictures, {} categories, {} tags, {} authors",
            self.articles, self.pages, self.pictures, self.categories, self.tags, self.authors
        )
    }
}

/// The site as an export describes it.
pub struct Site<'a> {
    pub store: &'a Store,
    pub config: &'a Config,
    pub settings: SiteSettings,
}

impl<'a> Site<'a> {
    pub fn new(store: &'a Store, config: &'a Config) -> Self {
        Self {
            store,
            config,
            settings: SiteSettings::effective(config, &store.site_overrides()),
        }
    }

    /// The site's address, without a trailing slash.
    pub fn base(&self) -> &str {
        self.config.site.public_url.trim_end_matches('/')
    }

    /// Calls `each` with every article, a batch at a time, by id.
    pub async fn each_article(
        &self,
        mut each: impl FnMut(&crate::server::store::ExportArticle) -> Result<(), ExportError>,
    ) -> Result<usize, ExportError> {
        let (mut after, mut n) = (0, 0);
        loop {
            let batch = self.store.export_articles(after, BATCH).await?;
            let Some(last) = batch.last() else {
                return Ok(n);
            };
            after = last.id;
            for a in &batch {
                each(a)?;
                n += 1;
            }
        }
    }
}
