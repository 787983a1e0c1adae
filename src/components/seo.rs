//! What crawlers, share cards and feed readers read in `<head>`: description, canonical URL,
//! robots, language alternates, feeds, Open Graph, the Twitter card and JSON-LD structured data.
//!
//! Pages describe themselves with a [`PageMeta`] and render [`SeoHead`]; the site-wide tags
//! (feeds, `og:site_name`) come from [`SiteHead`] in the app frame. Every value is built from
//! the page's data, so the server's HTML and the hydrated page agree.
//!
//! - `meta.rs`: [`PageMeta`] and [`ArticleFacts`], what a page says about itself;
//! - `json_ld.rs`: the schema.org structured data (publisher, site, breadcrumbs, news article);
//! - `head.rs`: the components that write the tags;
//! - `escape.rs`: text for `<script>` and `<title>`, which the browser does not unescape;
//! - `url.rs`: [`absolute`] URLs.
//!
//! The JSON-LD builders are not gated to the server: pages call them, and the wasm build keeps
//! none of it (no page is an island; none of their strings is in the bundle).

mod escape;
#[cfg(test)]
mod fixtures;
mod head;
mod json_ld;
mod meta;

pub use escape::{json_ld_text, title_markup};
pub use head::{SeoHead, SiteHead, SiteSeoHead};
pub use json_ld::{breadcrumb_ld, news_article_ld, organization_ld, website_ld};
pub use meta::{ArticleFacts, PageMeta, INDEXABLE};
