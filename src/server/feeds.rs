//! What feed readers and crawlers fetch: RSS 2.0 and Atom feeds, the sitemap index and its child
//! sitemaps, the Google News sitemap and robots.txt. Plain axum handlers (`routes.rs`); all XML
//! is written with quick-xml (`xml.rs`), which escapes every text and attribute value, after
//! [`xml::xml_text`] has removed the characters XML 1.0 cannot carry at all.
//!
//! Every feed and sitemap carries a `Last-Modified` (the newest item's last change) when it
//! lists anything; its strong `ETag` and the `304 Not Modified` answers come from the one
//! conditional-request path every response takes (`http/conditional.rs`).

mod channel;
mod comments;
mod document;
mod news_sitemap;
mod robots;
mod routes;
mod sitemap;
mod syndication;
pub mod xml;

pub use comments::{article_comments, site_comments};
pub use routes::{
    author_rss, category_feeds, news_sitemap, robots, site_atom, site_rss, sitemap, sitemap_index,
    tag_rss,
};

/// Items in every feed.
pub const FEED_ITEMS: u32 = 20;
/// URLs in one child sitemap. The protocol allows 50,000, but a child must stay under the page
/// cache's bound on what it keeps (2 MiB; a file over it would be made anew for every
/// crawler's request): 1,000 URLs are about 0.3 MB in Latin script and 1.4 MB at worst (the
/// longest slugs, in a script whose letters take three bytes, percent-encoded). Yoast SEO lists
/// 1,000 to a file too. The bound is checked in `sitemap.rs`'s tests.
pub const SITEMAP_URLS: u32 = 1_000;
/// Articles in the news sitemap, and how far back it looks.
pub const NEWS_URLS: u32 = 1_000;
pub const NEWS_WINDOW_SECS: i64 = 48 * 3600;

pub const RSS_TYPE: &str = "application/rss+xml; charset=utf-8";
pub const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";
pub const XML_TYPE: &str = "application/xml; charset=utf-8";
const CACHE_CONTROL: &str = "public, max-age=300";
