//! What every page shares: the frame (menus, ticker, masthead date, logos) and the sidebar
//! (Editors' Picks, Latest News), each made once and reused while the store reports no write.

use super::summary::summaries;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{direction_of, Image, Sidebar, SiteInfo};
use crate::server::clock;
use crate::server::store::ArticleFilter;
use time::OffsetDateTime;

const EDITORS_PICKS: u32 = 5;
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
            menus: self.store.menus().await?,
            trending: summaries(
                self.store.trending(now.unix_timestamp(), TRENDING).await?,
                now,
            ),
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
        let t = now.unix_timestamp();
        Ok(Sidebar {
            editors_picks: summaries(
                self.store
                    .list_articles(&ArticleFilter::EditorsPicks, t, EDITORS_PICKS, 0)
                    .await?,
                now,
            ),
            latest: summaries(
                self.store
                    .list_articles(&ArticleFilter::All, t, self.config.pages.latest_count, 0)
                    .await?,
                now,
            ),
        })
    }
}
