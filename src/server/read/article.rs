//! The article page: the story, its tags, trail, translations, share links and related stories.

use super::crumbs::section_crumbs;
use super::summary::{summaries, summary};
use super::ReadModels;
use crate::error::AppError;
use crate::model::{Article, ArticlePageData, CommentsSection, ReplyTo, Translation};
use crate::server::clock;
use crate::server::comments::form;
use crate::server::comments::view::{comment_view, thread};
use crate::server::share::share_links;
use crate::server::store::comments::CommentStatus;
use crate::server::store::ArticleRow;
use time::OffsetDateTime;

const RELATED: u32 = 6;

impl ReadModels {
    pub async fn article_page(
        &self,
        year: &str,
        month: &str,
        day: &str,
        slug: &str,
        asked: CommentsAsked<'_>,
    ) -> Result<ArticlePageData, AppError> {
        self.reading(|| self.read_article_page(year, month, day, slug, asked))
            .await
    }

    async fn read_article_page(
        &self,
        year: &str,
        month: &str,
        day: &str,
        slug: &str,
        asked: CommentsAsked<'_>,
    ) -> Result<ArticlePageData, AppError> {
        let now = clock::now();
        let t = now.unix_timestamp();
        let path = format!("/{year}/{month}/{day}/{slug}");
        // The site's rows first: they may need a connection of their own, which must not wait
        // for the one the article's reads hold.
        let site = self.site_data().await?;
        let found = self
            .store()
            .article_with_related(slug, t, RELATED, |row| {
                site.section_has_others(&row.category_path, row.category_id)
            })
            .await?;
        let Some((row, body, related)) =
            found.filter(|(row, ..)| crate::urls::article(&row.slug, row.published_at) == path)
        else {
            return Err(if self.store().article_was_deleted(&path).await? {
                AppError::Gone
            } else {
                AppError::NotFound
            });
        };
        let trail = site.trail(&row.category_path);
        let related = summaries(related, now);
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
        let comments = self.comments_section(&row, &path, asked, now).await?;
        Ok(ArticlePageData {
            article: Article {
                summary: summary(row, now),
                body_html: body.body_html,
                tags: body.tags,
                updated,
                canonical_url,
                breadcrumbs: section_crumbs(trail),
                share,
                modified_iso,
                translations,
            },
            related,
            sidebar: self.sidebar(now).await?,
            comments,
        })
    }

    /// The comments under the article, the form's state, and the reader's own held comment
    /// when the page was asked for with its link.
    async fn comments_section(
        &self,
        row: &ArticleRow,
        path: &str,
        asked: CommentsAsked<'_>,
        now: OffsetDateTime,
    ) -> Result<CommentsSection, AppError> {
        // The article's count is kept equal to the comments readers see (store/comments.rs):
        // most articles have none, and their page skips the query.
        let rows = if row.comment_count > 0 {
            self.store().visible_comments(row.id).await?
        } else {
            Vec::new()
        };
        let comments = thread(&rows, now);
        let key = self.primary.signing_key();
        // Just posted, so read from the primary: a replica may not have it yet.
        let held = match asked.held.and_then(|p| form::held_id(key, p)) {
            Some(id) => self
                .primary
                .comment(id)
                .await?
                .filter(|c| c.comment.article_id == row.id)
                .filter(|c| c.comment.status() == CommentStatus::Held)
                .map(|c| comment_view(&c.comment, now)),
            None => None,
        };
        let open = row.comments_closed == 0;
        let (reply_to, notice) = match asked.reply.map(|r| r.parse::<i64>()) {
            None => (None, None),
            Some(id) => match comments.iter().find(|c| Ok(c.id) == id) {
                Some(c) if open => (
                    Some(ReplyTo {
                        id: c.id,
                        name: c.name.clone(),
                    }),
                    None,
                ),
                _ if !open => (None, None),
                _ => (
                    None,
                    Some("The comment you meant to answer is not there any more.".to_string()),
                ),
            },
        };
        Ok(CommentsSection {
            article_id: row.id,
            href: path.to_string(),
            count: row.comment_count.max(0) as u32,
            comments,
            held,
            open,
            form_token: form::token(key, now.unix_timestamp()),
            reply_to,
            notice,
        })
    }
}

/// What the article's address asked of its comments: `?reply=<id>` (the form answers that
/// comment) and `?held=<link>` (the reader's own comment awaiting moderation).
#[derive(Debug, Clone, Copy, Default)]
pub struct CommentsAsked<'a> {
    pub reply: Option<&'a str>,
    pub held: Option<&'a str>,
}
