//! The article page: the story, its tags, trail, translations, share links and related stories.

use super::crumbs::section_crumbs;
use super::summary::{summaries, summary};
use super::ReadModels;
use crate::error::AppError;
use crate::model::{Article, ArticlePageData, Translation};
use crate::server::clock;
use crate::server::share::share_links;
use time::OffsetDateTime;

const RELATED: u32 = 6;

impl ReadModels {
    pub async fn article_page(
        &self,
        year: &str,
        month: &str,
        day: &str,
        slug: &str,
    ) -> Result<ArticlePageData, AppError> {
        self.reading(|| self.read_article_page(year, month, day, slug))
            .await
    }

    async fn read_article_page(
        &self,
        year: &str,
        month: &str,
        day: &str,
        slug: &str,
    ) -> Result<ArticlePageData, AppError> {
        let now = clock::now();
        let t = now.unix_timestamp();
        let path = format!("/{year}/{month}/{day}/{slug}");
        let found = self.store().find_article(slug, t).await?;
        let Some((row, body)) =
            found.filter(|(row, _)| crate::urls::article(&row.slug, row.published_at) == path)
        else {
            return Err(if self.store().article_was_deleted(&path).await? {
                AppError::Gone
            } else {
                AppError::NotFound
            });
        };
        let trail = self.site_data().await?.trail(&row.category_path);
        let related = summaries(self.store().related(&row, t, RELATED).await?, now);
        let updated =
            (row.updated_at > row.published_at).then(|| clock::stamp(row.updated_at, now));
        let modified_iso = clock::iso(
            OffsetDateTime::from_unix_timestamp(row.updated_at.max(row.published_at))
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
        );
        // A story alone in its language has no alternates to announce.
        let translations = if body.translations.len() > 1 {
            body.translations
                .into_iter()
                .map(|(slug, lang, title, published_at)| Translation {
                    href: crate::urls::article(&slug, published_at),
                    lang,
                    title,
                })
                .collect()
        } else {
            vec![]
        };
        let canonical_url = crate::urls::absolute(&self.config.site.public_url, &path);
        let image_url = row
            .featured_image()
            .and_then(super::picture::picture)
            .map(|p| crate::urls::absolute(&self.config.site.public_url, &p.share_card.src));
        let share = share_links(&canonical_url, &row.title, image_url.as_deref());
        Ok(ArticlePageData {
            article: Article {
                summary: summary(row, now),
                body_html: body.body_html,
                tags: body.tags,
                updated,
                comment_count: body.comment_count.max(0) as u32,
                canonical_url,
                breadcrumbs: section_crumbs(trail),
                share,
                modified_iso,
                translations,
            },
            related,
            sidebar: self.sidebar(now).await?,
        })
    }
}
