//! The front page: the lead story and four more, a block per top-level section, trending.

use super::site::TRENDING;
use super::summary::summaries;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{ArticleSummary, CategoryBlock, HomePageData};
use crate::server::clock;
use crate::server::store::ArticleFilter;

impl ReadModels {
    pub async fn home_page(&self) -> Result<HomePageData, AppError> {
        let now = clock::now();
        let t = now.unix_timestamp();
        let featured = summaries(
            self.store
                .list_articles(&ArticleFilter::Featured, t, 5, 0)
                .await?,
            now,
        );
        let mut top = featured.into_iter();
        let lead = top.next();
        let mut secondary: Vec<ArticleSummary> = top.collect();
        if secondary.len() < 4 {
            for a in summaries(
                self.store
                    .list_articles(&ArticleFilter::All, t, 8, 0)
                    .await?,
                now,
            ) {
                if secondary.len() >= 4 {
                    break;
                }
                if lead.as_ref().is_none_or(|l| l.slug != a.slug)
                    && !secondary.iter().any(|s| s.slug == a.slug)
                {
                    secondary.push(a);
                }
            }
        }
        let mut blocks = Vec::new();
        for cat in self.store.child_categories(None).await? {
            let articles = summaries(
                self.store
                    .list_articles(&ArticleFilter::Category(cat.path.clone()), t, 4, 0)
                    .await?,
                now,
            );
            if articles.len() >= 2 {
                blocks.push(CategoryBlock {
                    category: cat.into(),
                    articles,
                });
            }
        }
        Ok(HomePageData {
            lead,
            secondary,
            blocks,
            trending: summaries(self.store.trending(t, TRENDING).await?, now),
            sidebar: self.sidebar(now).await?,
        })
    }
}
