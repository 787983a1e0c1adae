//! What every page shares: the frame (menus, ticker, masthead date, logos) and the sidebar
//! (Editors' Picks, Latest News), each made once and reused while the store reports no write.

use super::summary::summaries;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{direction_of, Image, Sidebar, SiteInfo};
use crate::server::clock;
use time::OffsetDateTime;

pub(super) const EDITORS_PICKS: u32 = 5;
/// How many stories the trending ticker (and the front page's trending list) shows.
pub(super) const TRENDING: u32 = 6;

/// Site-wide images in `public/`: the publisher logo and the default share image.
const LOGO: (&str, u32, u32) = ("/logo.png", 512, 512);
const DEFAULT_IMAGE: (&str, u32, u32) = ("/og-default.png", 1200, 630);

impl ReadModels {
    /// The frame's data (menus, ticker, masthead date), shared by every page.
    pub async fn site_info(&self) -> Result<SiteInfo, AppError> {
        let version = self.store.content_version();
        self.shared
            .site
            .get(version, || self.make_site_info())
            .await
    }

    async fn make_site_info(&self) -> Result<SiteInfo, AppError> {
        let data = self.site_data().await?;
        let now = clock::now();
        let c = &self.config;
        Ok(SiteInfo {
            name: c.site.name.clone(),
            lang: c.site.language.clone(),
            dir: direction_of(&c.site.language).into(),
            tagline: c.site.tagline.clone(),
            public_url: c.site.public_url.clone(),
            today: clock::masthead_date(now),
            // The date only: the frame must not change from one request to the next, or no
            // page would ever be served as unchanged (ETag, 304).
            today_iso: now.date().to_string(),
            year: now.year(),
            menus: data.menus.clone(),
            trending: summaries(data.trending.clone(), now),
            google_news_url: c.follow.google_news.clone(),
            flipboard_url: c.follow.flipboard.clone(),
            ad_html: c.ads.article_slot_html.clone(),
            logo: Image {
                src: format!("{}{}", c.site.public_url, LOGO.0),
                width: LOGO.1,
                height: LOGO.2,
                alt: c.site.name.clone(),
            },
            default_image: Image {
                src: format!("{}{}", c.site.public_url, DEFAULT_IMAGE.0),
                width: DEFAULT_IMAGE.1,
                height: DEFAULT_IMAGE.2,
                alt: c.site.name.clone(),
            },
        })
    }

    /// The sidebar (Editors' Picks, Latest News), shared by every page that shows it.
    pub(super) async fn sidebar(&self, now: OffsetDateTime) -> Result<Sidebar, AppError> {
        let version = self.store.content_version();
        self.shared
            .sidebar
            .get(version, || self.make_sidebar(now))
            .await
    }

    async fn make_sidebar(&self, now: OffsetDateTime) -> Result<Sidebar, AppError> {
        let data = self.site_data().await?;
        Ok(Sidebar {
            editors_picks: summaries(data.editors_picks.clone(), now),
            latest: summaries(data.latest.clone(), now),
        })
    }
}
