//! The site settings an admin edits in the newsroom (`/newsroom/settings`): the site's name and
//! tagline, its social profile and "Follow on" links, and the ad slot's HTML. The configuration
//! (`Leptos.toml` or its environment variables) gives the first value of each; the store keeps
//! only what an admin changed ([`Overrides`], in memory too, see `store/site_settings.rs`), and
//! [`SiteSettings::effective`] lays those over the file. A setting without an override follows
//! the file, so a changed file still shows where no admin said otherwise; an override that is
//! empty means "none" (a link not shown).

use crate::server::config::Config;
use std::collections::BTreeMap;

/// What admins changed: a setting's key (as in the file: `site.name`) and its value; an empty
/// value is "none". Settings left out take the file's value.
pub type Overrides = BTreeMap<String, String>;

/// One setting an admin may change, in the order the settings page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    Name,
    Tagline,
    Facebook,
    X,
    Instagram,
    TikTok,
    Threads,
    GoogleNews,
    Flipboard,
    AdHtml,
}

impl Setting {
    pub const ALL: [Setting; 10] = [
        Setting::Name,
        Setting::Tagline,
        Setting::Facebook,
        Setting::X,
        Setting::Instagram,
        Setting::TikTok,
        Setting::Threads,
        Setting::GoogleNews,
        Setting::Flipboard,
        Setting::AdHtml,
    ];
    /// The social profiles, in the order the header and footer show them.
    pub const SOCIAL: [Setting; 5] = [
        Setting::Facebook,
        Setting::X,
        Setting::Instagram,
        Setting::TikTok,
        Setting::Threads,
    ];

    /// Its key in the configuration file, and in the store.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Name => "site.name",
            Setting::Tagline => "site.tagline",
            Setting::Facebook => "social.facebook",
            Setting::X => "social.x",
            Setting::Instagram => "social.instagram",
            Setting::TikTok => "social.tiktok",
            Setting::Threads => "social.threads",
            Setting::GoogleNews => "follow.google_news",
            Setting::Flipboard => "follow.flipboard",
            Setting::AdHtml => "ads.article_slot_html",
        }
    }

    /// Its form field's name and id.
    pub fn field(self) -> &'static str {
        match self {
            Setting::Name => "name",
            Setting::Tagline => "tagline",
            Setting::Facebook => "facebook",
            Setting::X => "x",
            Setting::Instagram => "instagram",
            Setting::TikTok => "tiktok",
            Setting::Threads => "threads",
            Setting::GoogleNews => "google_news",
            Setting::Flipboard => "flipboard",
            Setting::AdHtml => "ad_html",
        }
    }

    /// Its label on the settings page.
    pub fn label(self) -> &'static str {
        match self {
            Setting::Name => "Site name",
            Setting::Tagline => "Tagline",
            Setting::Facebook => "Facebook",
            Setting::X => "X",
            Setting::Instagram => "Instagram",
            Setting::TikTok => "TikTok",
            Setting::Threads => "Threads",
            Setting::GoogleNews => "Google News",
            Setting::Flipboard => "Flipboard",
            Setting::AdHtml => "Ad slot HTML",
        }
    }

    /// A social profile's name on reader pages (the link's accessible name, and what picks its
    /// icon, see `components/header/social.rs`).
    pub fn network(self) -> &'static str {
        match self {
            Setting::X => "X (Twitter)",
            other => other.label(),
        }
    }

    /// The longest value accepted, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            Setting::Name => 100,
            Setting::Tagline => 200,
            Setting::AdHtml => 10_000,
            _ => 500,
        }
    }

    /// Whether the value is a web address (a profile or "Follow on" link).
    pub fn is_link(self) -> bool {
        !matches!(self, Setting::Name | Setting::Tagline | Setting::AdHtml)
    }

    /// The value the configuration gives it.
    pub fn file_value(self, c: &Config) -> &str {
        match self {
            Setting::Name => &c.site.name,
            Setting::Tagline => &c.site.tagline,
            Setting::Facebook => &c.social.facebook,
            Setting::X => &c.social.x,
            Setting::Instagram => &c.social.instagram,
            Setting::TikTok => &c.social.tiktok,
            Setting::Threads => &c.social.threads,
            Setting::GoogleNews => &c.follow.google_news,
            Setting::Flipboard => &c.follow.flipboard,
            Setting::AdHtml => &c.ads.article_slot_html,
        }
    }

    /// Its value now: the override, or else the file's.
    pub fn value<'a>(self, c: &'a Config, overrides: &'a Overrides) -> &'a str {
        overrides
            .get(self.key())
            .map_or_else(|| self.file_value(c), String::as_str)
    }
}

/// The settings readers see: the file's values with the admins' overrides over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteSettings {
    pub name: String,
    pub tagline: String,
    /// (network, address) of each profile shown, in order; profiles without one are left out.
    pub social: Vec<(&'static str, String)>,
    pub google_news: String,
    pub flipboard: String,
    pub ad_html: String,
}

impl SiteSettings {
    pub fn effective(c: &Config, overrides: &Overrides) -> Self {
        let value = |s: Setting| s.value(c, overrides).to_string();
        Self {
            name: value(Setting::Name),
            tagline: value(Setting::Tagline),
            social: Setting::SOCIAL
                .into_iter()
                .map(|s| (s.network(), value(s)))
                .filter(|(_, url)| !url.is_empty())
                .collect(),
            google_news: value(Setting::GoogleNews),
            flipboard: value(Setting::Flipboard),
            ad_html: value(Setting::AdHtml),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_lay_over_the_files_values_and_an_empty_one_means_none() {
        let c = Config::default();
        let none = SiteSettings::effective(&c, &Overrides::new());
        assert_eq!(none.name, "West Timelines");
        assert_eq!(none.tagline, c.site.tagline);
        assert_eq!(
            none.social.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            ["Facebook", "X (Twitter)", "Instagram", "TikTok", "Threads"]
        );
        assert_eq!(none.ad_html, "");

        let overrides = Overrides::from([
            ("site.name".to_string(), "East Timelines".to_string()),
            ("social.tiktok".to_string(), String::new()),
            ("social.x".to_string(), "https://x.example/east".to_string()),
            ("ads.article_slot_html".to_string(), "<b>Ad</b>".to_string()),
        ]);
        let s = SiteSettings::effective(&c, &overrides);
        assert_eq!(s.name, "East Timelines");
        assert_eq!(s.tagline, c.site.tagline, "not overridden: the file's");
        assert_eq!(s.social.len(), 4, "TikTok set to none");
        assert_eq!(
            s.social[1],
            ("X (Twitter)", "https://x.example/east".into())
        );
        assert_eq!(s.google_news, c.follow.google_news);
        assert_eq!(s.ad_html, "<b>Ad</b>");
    }

    #[test]
    fn every_setting_has_its_own_key_and_field() {
        let keys: std::collections::HashSet<_> = Setting::ALL.iter().map(|s| s.key()).collect();
        let fields: std::collections::HashSet<_> = Setting::ALL.iter().map(|s| s.field()).collect();
        assert_eq!(keys.len(), Setting::ALL.len());
        assert_eq!(fields.len(), Setting::ALL.len());
        // Each key is a key of the configuration file.
        for s in Setting::ALL {
            assert!(
                crate::server::config::SETTINGS
                    .iter()
                    .any(|(key, _)| *key == s.key()),
                "{}",
                s.key()
            );
        }
    }
}
