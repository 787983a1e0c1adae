//! Articles and what they point at: summaries for cards and lists, the full article with its
//! translations and share links, and the article page's data.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
    /// The slug chain, e.g. `world/europe/ukraine`.
    pub path: String,
}

impl CategoryRef {
    pub fn href(&self) -> String {
        crate::urls::category(&self.path)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub slug: String,
    pub name: String,
}

/// One image file with its size and alt text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// An article's featured picture as pages show it: the same picture in several widths, in WebP
/// and JPEG, with the words printed under it and the files search engines and share cards use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// The JPEG every browser can show, with the size of the widest variant (for the `width`
    /// and `height` attributes, which reserve the picture's room before it loads).
    pub fallback: Image,
    /// `srcset` of the WebP variants ("/media/<key>/320.webp 320w, …").
    pub srcset_webp: String,
    /// `srcset` of the JPEG variants.
    pub srcset_jpeg: String,
    pub caption: String,
    pub credit: String,
    /// The widest JPEG variant (JSON-LD wants 1200 px wide or more).
    pub widest: Image,
    /// The 1200×630 share card (Open Graph, Twitter), smaller only for a small original.
    pub share_card: Image,
}

/// A point in time, formatted on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// RFC 3339 with offset, for `<time datetime>`.
    pub iso: String,
    /// "April 7, 2024".
    pub date: String,
    /// "2 weeks ago".
    pub relative: String,
}

/// What a card, a list item or a ticker entry needs of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    /// `/YYYY/MM/DD/slug`.
    pub href: String,
    pub title: String,
    pub dek: String,
    pub lang: String,
    pub dir: String,
    pub category: CategoryRef,
    pub author: NamedRef,
    pub published: Stamp,
    pub image: Option<Picture>,
    pub reading_minutes: u32,
    /// Comments readers see ("No Comments", "3 Comments", linking to `#comments`).
    pub comment_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crumb {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLink {
    /// Stable key for the icon: facebook, x, pinterest, linkedin, telegram, email, whatsapp.
    pub network: String,
    /// Accessible name, e.g. "Share on Facebook".
    pub label: String,
    /// Short visible text, e.g. "Facebook".
    pub text: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub summary: ArticleSummary,
    pub body_html: String,
    pub tags: Vec<NamedRef>,
    pub updated: Option<Stamp>,
    pub canonical_url: String,
    pub breadcrumbs: Vec<Crumb>,
    pub share: Vec<ShareLink>,
    /// RFC 3339 with offset: the last update, or the publication time if never updated.
    pub modified_iso: String,
    /// Every language version of this story, this one included; empty when there is only one.
    pub translations: Vec<Translation>,
}

/// One language version of an article, for `hreflang` alternates and the "Read in" link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub lang: String,
    /// `/YYYY/MM/DD/slug`.
    pub href: String,
    pub title: String,
}

/// Rails shown beside most pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Sidebar {
    /// Shared: every page's sidebar is the same few lists (issue 12).
    pub editors_picks: Arc<Vec<ArticleSummary>>,
    pub latest: Arc<Vec<ArticleSummary>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePageData {
    pub article: Article,
    pub related: Vec<ArticleSummary>,
    pub sidebar: Sidebar,
    pub comments: super::CommentsSection,
}
