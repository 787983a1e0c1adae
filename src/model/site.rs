//! The frame every page shares: the site's data, its menus and the trending headlines.

use super::{ArticleSummary, Image, Stamp};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A link in one of the data-driven menus (primary, more, topics, footer, social).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuItem {
    pub label: String,
    pub href: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<MenuItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Menus {
    pub primary: Vec<MenuItem>,
    /// The "More" overflow group at the end of the primary menu.
    pub more: Vec<MenuItem>,
    /// The topic bar under the primary menu.
    pub topics: Vec<MenuItem>,
    pub footer: Vec<MenuItem>,
    /// Social profiles; `label` names the network ("Facebook", "X (Twitter)", ...).
    pub social: Vec<MenuItem>,
}

/// Site-wide data every page's frame needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub name: String,
    /// Language and direction of the portal's own words (the frame around articles).
    pub lang: String,
    pub dir: String,
    pub tagline: String,
    pub public_url: String,
    /// "Saturday, 28 November 2026", computed on the server.
    pub today: String,
    pub today_iso: String,
    pub year: i32,
    /// Shared: pages clone the site info several times a render (issue 12).
    pub menus: Arc<Menus>,
    pub trending: Arc<Vec<ArticleSummary>>,
    pub google_news_url: String,
    pub flipboard_url: String,
    pub ad_html: String,
    /// The publisher's logo (absolute URL), for structured data.
    pub logo: Image,
    /// The share image (absolute URL) for pages and articles without one of their own.
    pub default_image: Image,
}

/// A headline in the Trending Now ticker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub title: String,
    pub href: String,
    pub lang: String,
    pub dir: String,
    pub published: Stamp,
}

impl From<&ArticleSummary> for Headline {
    fn from(a: &ArticleSummary) -> Self {
        Headline {
            title: a.title.clone(),
            href: a.href.clone(),
            lang: a.lang.clone(),
            dir: a.dir.clone(),
            published: a.published.clone(),
        }
    }
}
