//! An article as lists show it (a card): its URL, image, byline and relative date.

use super::picture::picture;
use crate::model::{ArticleSummary, CategoryRef, NamedRef};
use crate::server::clock;
use crate::server::store::ArticleRow;
use time::OffsetDateTime;

pub fn summary(row: ArticleRow, now: OffsetDateTime) -> ArticleSummary {
    let image = row.featured_image().and_then(picture);
    ArticleSummary {
        href: crate::urls::article(&row.slug, row.published_at),
        slug: row.slug,
        title: row.title,
        dek: row.dek,
        lang: row.lang,
        dir: row.dir,
        category: CategoryRef {
            slug: row.category_slug,
            name: row.category_name,
            path: row.category_path,
        },
        author: NamedRef {
            slug: row.author_slug,
            name: row.author_name,
        },
        published: clock::stamp(row.published_at, now),
        image,
        reading_minutes: crate::server::text::reading_minutes(row.word_count.max(0) as u32),
        comment_count: row.comment_count.max(0) as u32,
    }
}

pub(super) fn summaries(rows: Vec<ArticleRow>, now: OffsetDateTime) -> Vec<ArticleSummary> {
    rows.into_iter().map(|r| summary(r, now)).collect()
}
