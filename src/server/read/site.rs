//! What every page shares: the frame (menus, ticker, masthead date, logos) and the sidebar
//! (Editors' Picks, Latest News), each made once and reused while they would read the same
//! (`shared.rs`).

use super::site_data::SiteData;
use super::summary::summaries;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{direction_of, Image, MenuItem, Sidebar, SiteInfo};
use crate::server::clock;
use crate::server::site_settings::SiteSettings;
use crate::server::store::ArticleRow;
use std::sync::Arc;
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
        self.reading(|| self.read_site_info()).await
    }

    async fn read_site_info(&self) -> Result<SiteInfo, AppError> {
        let data = self.site_data().await?;
        let now = clock::now();
        Ok(self.shared.site.get(&data, now.unix_timestamp(), || {
            self.make_site_info(&data, now)
        }))
    }

    /// The site info and the Unix time from which it reads differently.
    fn make_site_info(&self, data: &SiteData, now: OffsetDateTime) -> (SiteInfo, i64) {
        let c = &self.config;
        let settings = SiteSettings::effective(c, &self.primary.site_overrides());
        let mut menus = data.menus.clone();
        menus.social = social_links(&settings, &data.menus.social);
        let t = now.unix_timestamp();
        let until = words_until(&data.trending, t).min(clock::next_midnight(t));
        let info = SiteInfo {
            lang: c.site.language.clone(),
            dir: direction_of(&c.site.language).into(),
            tagline: settings.tagline,
            public_url: c.site.public_url.clone(),
            today: clock::masthead_date(now),
            // The date only: the frame must not change from one request to the next, or no
            // page would ever be served as unchanged (ETag, 304).
            today_iso: now.date().to_string(),
            year: now.year(),
            menus: Arc::new(menus),
            trending: summaries(data.trending.clone(), now).into(),
            google_news_url: settings.google_news,
            flipboard_url: settings.flipboard,
            ad_html: settings.ad_html,
            logo: Image {
                src: format!("{}{}", c.site.public_url, LOGO.0),
                width: LOGO.1,
                height: LOGO.2,
                alt: settings.name.clone(),
            },
            default_image: Image {
                src: format!("{}{}", c.site.public_url, DEFAULT_IMAGE.0),
                width: DEFAULT_IMAGE.1,
                height: DEFAULT_IMAGE.2,
                alt: settings.name.clone(),
            },
            name: settings.name,
        };
        (info, until)
    }

    /// The sidebar (Editors' Picks, Latest News), shared by every page that shows it.
    pub(super) async fn sidebar(&self, now: OffsetDateTime) -> Result<Sidebar, AppError> {
        let data = self.site_data().await?;
        let t = now.unix_timestamp();
        Ok(self.shared.sidebar.get(&data, t, || {
            let sidebar = Sidebar {
                editors_picks: summaries(data.editors_picks.clone(), now).into(),
                latest: summaries(data.latest.clone(), now).into(),
            };
            let until = words_until(&data.editors_picks, t).min(words_until(&data.latest, t));
            (sidebar, until)
        }))
    }
}

/// The Unix time from which a list of `rows` reads differently: the first of their relative
/// dates to change.
fn words_until(rows: &[ArticleRow], now: i64) -> i64 {
    rows.iter()
        .map(|r| clock::relative_until(r.published_at, now))
        .min()
        .unwrap_or(i64::MAX)
}

/// The social links the header and footer show: the site settings' profiles (Facebook, X,
/// Instagram, TikTok, Threads), then the social menu's links to other networks (a link the menu
/// still has for one of those five is the settings' to give).
fn social_links(settings: &SiteSettings, menu: &[MenuItem]) -> Vec<MenuItem> {
    let profiles = settings.social.iter().map(|(network, href)| MenuItem {
        label: (*network).to_string(),
        href: href.clone(),
        children: vec![],
    });
    let others = menu.iter().filter(|m| {
        !crate::server::site_settings::Setting::SOCIAL
            .iter()
            .any(|s| s.network() == m.label)
    });
    profiles.chain(others.cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_profiles_come_first_then_the_menus_other_networks() {
        let settings = SiteSettings {
            name: String::new(),
            tagline: String::new(),
            social: vec![("Facebook", "https://facebook.example/a".into())],
            google_news: String::new(),
            flipboard: String::new(),
            ad_html: String::new(),
        };
        let item = |label: &str, href: &str| MenuItem {
            label: label.into(),
            href: href.into(),
            children: vec![],
        };
        let menu = [
            item("Facebook", "https://facebook.example/old"),
            item("YouTube", "https://youtube.example/a"),
        ];
        let links = social_links(&settings, &menu);
        assert_eq!(
            links,
            [
                item("Facebook", "https://facebook.example/a"),
                item("YouTube", "https://youtube.example/a"),
            ]
        );
    }
}
