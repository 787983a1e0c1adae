//! A feed's data: which articles it carries and everything written about them, every URL
//! absolute. RSS and Atom are written from the same [`Channel`] (`syndication.rs`).

use super::FEED_ITEMS;
use crate::error::AppError;
use crate::model::NamedRef;
use crate::server::clock;
use crate::server::store::{ArticleFilter, ArticleRow, CategoryRow, FeedExtras};
use crate::server::AppState;
use crate::urls::{self, absolute};

/// Which articles a feed carries, as the URL names them.
#[derive(Clone)]
pub(super) enum Scope {
    All,
    Category(String),
    Tag(String),
    Author(String),
}

/// A feed, ready to write in either format. Every URL is absolute.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Channel {
    pub(super) title: String,
    /// The HTML page the feed mirrors.
    pub(super) link: String,
    /// This feed's own URL.
    pub(super) self_url: String,
    pub(super) description: String,
    pub(super) language: String,
    /// When there are no items: the time an empty Atom feed reports as `updated`.
    pub(super) now: i64,
    pub(super) items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Item {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) summary: String,
    pub(super) body_html: String,
    pub(super) author: NamedRef,
    pub(super) author_url: String,
    /// The article's category first, then its tags.
    pub(super) categories: Vec<String>,
    pub(super) lang: String,
    pub(super) published: i64,
    pub(super) updated: i64,
    /// The featured picture's widest JPEG (absolute), with its size, alt text and credit.
    pub(super) image: Option<ItemImage>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct ItemImage {
    pub(super) image: crate::model::Image,
    pub(super) credit: String,
}

impl Channel {
    /// The newest change among the items.
    pub(super) fn last_modified(&self) -> Option<i64> {
        self.items.iter().map(|i| i.updated.max(i.published)).max()
    }
}

/// Looks the scope up (unknown categories, tags and authors are `NotFound`) and loads its
/// newest articles with their bodies and tags.
pub(super) async fn channel(state: &AppState, scope: Scope) -> Result<Channel, AppError> {
    let store = state.read.store();
    let site = &state.config.site;
    let base = site.public_url.as_str();
    // The name and tagline readers see (the newsroom's settings over the file's).
    let shown = state.site_settings();
    let (filter, title, page, feed, description) = match scope {
        Scope::All => (
            ArticleFilter::All,
            shown.name.clone(),
            "/".to_string(),
            "/feed".to_string(),
            non_empty(&shown.tagline, || {
                format!("The latest from {}.", shown.name)
            }),
        ),
        Scope::Category(path) => {
            let CategoryRow {
                path,
                name,
                description,
                ..
            } = store
                .find_category(&path)
                .await?
                .ok_or(AppError::NotFound)?;
            let page = crate::urls::category(&path);
            (
                ArticleFilter::Category(path),
                format!("{name} — {}", shown.name),
                page.clone(),
                urls::feed_of(&page),
                non_empty(&description, || format!("Stories in {name}.")),
            )
        }
        Scope::Tag(slug) => {
            let tag = store.find_tag(&slug).await?.ok_or(AppError::NotFound)?;
            let page = urls::tag(&tag.slug);
            (
                ArticleFilter::Tag(tag.slug),
                format!("{} — {}", tag.name, shown.name),
                page.clone(),
                urls::feed_of(&page),
                format!("Stories tagged “{}”.", tag.name),
            )
        }
        Scope::Author(slug) => {
            let (author, bio) = store.find_author(&slug).await?.ok_or(AppError::NotFound)?;
            let page = urls::author(&author.slug);
            (
                ArticleFilter::Author(author.slug),
                format!("{} — {}", author.name, shown.name),
                page.clone(),
                urls::feed_of(&page),
                non_empty(&bio, || format!("Stories by {}.", author.name)),
            )
        }
    };
    let now = clock::now().unix_timestamp();
    let rows = store.list_articles(&filter, now, FEED_ITEMS, 0).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut extras = store.feed_extras(&ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let extra = extras.remove(&row.id).unwrap_or_default();
            item(base, row, extra)
        })
        .collect();
    Ok(Channel {
        title,
        link: absolute(base, &page),
        self_url: absolute(base, &feed),
        description,
        language: site.language.clone(),
        now,
        items,
    })
}

fn non_empty(s: &str, fallback: impl FnOnce() -> String) -> String {
    if s.trim().is_empty() {
        fallback()
    } else {
        s.to_string()
    }
}

fn item(base: &str, row: ArticleRow, extra: FeedExtras) -> Item {
    let image = row
        .featured_image()
        .and_then(crate::server::read::picture)
        .map(|p| ItemImage {
            image: crate::model::Image {
                src: absolute(base, &p.widest.src),
                ..p.widest
            },
            credit: p.credit,
        });
    let mut categories = vec![row.category_name];
    categories.extend(extra.tags.into_iter().map(|t| t.name));
    Item {
        url: absolute(base, &crate::urls::article(&row.slug, row.published_at)),
        title: row.title,
        summary: row.dek,
        body_html: absolute_html(base, &extra.body_html),
        author_url: absolute(base, &urls::author(&row.author_slug)),
        author: NamedRef {
            slug: row.author_slug,
            name: row.author_name,
        },
        categories,
        lang: row.lang,
        published: row.published_at,
        updated: row.updated_at.max(row.published_at),
        image,
    }
}

/// The stored body (already sanitised when it was written) cleaned again with every relative
/// link and image made absolute, since a feed reader has no page to resolve them against.
fn absolute_html(base: &str, html: &str) -> String {
    let Ok(base) = ammonia::Url::parse(&format!("{base}/")) else {
        return ammonia::clean(html);
    };
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_relative(ammonia::UrlRelative::RewriteWithBase(base))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_in_bodies_become_absolute_and_scripts_stay_out() {
        let html = absolute_html(
            "https://news.example",
            "<p><a href=\"/tag/gaza\">Gaza</a> <img src=\"/img/a.jpg\" alt=\"\"><script>x()</script></p>",
        );
        assert!(
            html.contains("href=\"https://news.example/tag/gaza\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://news.example/img/a.jpg\""),
            "{html}"
        );
        assert!(!html.contains("<script"));
    }
}
