//! The front page: the lead story and four more, a block per top-level section, trending.

use super::summary::summaries;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{ArticleSummary, CategoryBlock, HomePageData};
use crate::server::clock;

impl ReadModels {
    pub async fn home_page(&self) -> Result<HomePageData, AppError> {
        self.reading(|| self.read_home_page()).await
    }

    async fn read_home_page(&self) -> Result<HomePageData, AppError> {
        let data = self.site_data().await?;
        let now = clock::now();
        let featured = summaries(data.featured.clone(), now);
        let mut top = featured.into_iter();
        let lead = top.next();
        let mut secondary: Vec<ArticleSummary> = top.collect();
        if secondary.len() < 4 {
            for a in summaries(data.newest.clone(), now) {
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
        for (cat, rows) in &data.blocks {
            if rows.len() >= 2 {
                blocks.push(CategoryBlock {
                    category: cat.clone().into(),
                    articles: summaries(rows.clone(), now),
                });
            }
        }
        Ok(HomePageData {
            lead,
            secondary,
            blocks,
            trending: summaries(data.trending.clone(), now),
            sidebar: self.sidebar(now).await?,
        })
    }
}
