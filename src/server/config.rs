//! Runtime configuration: `Leptos.toml`, then environment overrides. Invalid values stop the
//! server at start with a message that names the key.
//!
//! Over 400 lines (about 440 before the tests) because each key is written three times (field,
//! default, environment table); issue 12 replaces that with one loader and one table.

use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: SiteConfig,
    pub server: ServerConfig,
    #[serde(default)]
    pub social: SocialConfig,
    #[serde(default)]
    pub follow: FollowConfig,
    #[serde(default)]
    pub ads: AdsConfig,
    #[serde(default)]
    pub pages: PagesConfig,
    #[serde(default)]
    pub http: HttpConfig,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub name: String,
    #[serde(default)]
    pub tagline: String,
    #[serde(default = "english")]
    pub language: String,
    pub public_url: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub address: String,
    pub database_url: String,
    #[serde(default = "yes")]
    pub load_demo: bool,
    pub site_root: String,
    pub site_pkg_dir: String,
    pub output_name: String,
    /// Take the client address from the last entry of `X-Forwarded-For`, the one the proxy in
    /// front appended (only behind a proxy that sets it; otherwise any client could claim any
    /// address).
    #[serde(default)]
    pub trust_forwarded_for: bool,
    /// Newsletter sign-ups one client address may make in a minute (all at once, or spread).
    #[serde(default = "default_signups_per_minute")]
    pub signups_per_minute: u32,
    /// Seconds a client has to send a request's line and headers, counted from the connection's
    /// start or from the first byte of the next request on a kept-alive connection.
    #[serde(default = "default_header_read_timeout_seconds")]
    pub header_read_timeout_seconds: u32,
    /// Seconds a kept-alive connection may wait idle for its next request.
    #[serde(default = "default_keep_alive_timeout_seconds")]
    pub keep_alive_timeout_seconds: u32,
    /// Seconds a request's whole body has to arrive in, counted from the end of its headers.
    #[serde(default = "default_request_body_timeout_seconds")]
    pub request_body_timeout_seconds: u32,
    /// Connections served at once; more wait in the listen backlog until one closes.
    #[serde(default = "default_max_connections")]
    pub max_connections: u32,
    /// Bytes a request's line and headers may take (431 beyond).
    #[serde(default = "default_max_header_bytes")]
    pub max_header_bytes: u32,
}

fn default_signups_per_minute() -> u32 {
    5
}

fn default_header_read_timeout_seconds() -> u32 {
    10
}

fn default_keep_alive_timeout_seconds() -> u32 {
    60
}

fn default_request_body_timeout_seconds() -> u32 {
    30
}

fn default_max_connections() -> u32 {
    10_000
}

/// As nginx allows by default (four 8 KB header buffers).
fn default_max_header_bytes() -> u32 {
    32 * 1024
}

fn english() -> String {
    "en".into()
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SocialConfig {
    #[serde(default)]
    pub facebook: String,
    #[serde(default)]
    pub x: String,
    #[serde(default)]
    pub instagram: String,
    #[serde(default)]
    pub tiktok: String,
    #[serde(default)]
    pub threads: String,
}

impl SocialConfig {
    /// (label, url) of each configured profile, in display order.
    pub fn links(&self) -> Vec<(&'static str, &str)> {
        [
            ("Facebook", self.facebook.as_str()),
            ("X (Twitter)", self.x.as_str()),
            ("Instagram", self.instagram.as_str()),
            ("TikTok", self.tiktok.as_str()),
            ("Threads", self.threads.as_str()),
        ]
        .into_iter()
        .filter(|(_, url)| !url.is_empty())
        .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FollowConfig {
    #[serde(default)]
    pub google_news: String,
    #[serde(default)]
    pub flipboard: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AdsConfig {
    #[serde(default)]
    pub article_slot_html: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagesConfig {
    pub archive_page_size: u32,
    pub search_page_size: u32,
    pub latest_count: u32,
}

impl Default for PagesConfig {
    fn default() -> Self {
        Self {
            archive_page_size: 12,
            search_page_size: 10,
            latest_count: 6,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpConfig {
    /// `Cache-Control` of HTML pages (error pages are never stored).
    #[serde(default = "default_html_cache_control")]
    pub html_cache_control: String,
    /// How long the server keeps a rendered page in memory (0: render every request). Writes
    /// made through this server drop every kept page at once.
    #[serde(default = "default_page_cache_seconds")]
    pub page_cache_seconds: u32,
    /// How much memory the kept pages may take, in megabytes (1,000,000 bytes).
    #[serde(default = "default_page_cache_megabytes")]
    pub page_cache_megabytes: u32,
}

fn default_page_cache_seconds() -> u32 {
    30
}

fn default_page_cache_megabytes() -> u32 {
    64
}

fn default_html_cache_control() -> String {
    "public, max-age=60, stale-while-revalidate=600".into()
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            html_cache_control: default_html_cache_control(),
            page_cache_seconds: default_page_cache_seconds(),
            page_cache_megabytes: default_page_cache_megabytes(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {source}")]
    Parse {
        path: String,
        source: Box<toml::de::Error>,
    },
    #[error("{key}: {message}")]
    Invalid { key: &'static str, message: String },
}

impl Config {
    /// Reads `path`, then applies overrides from the process environment.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let mut config = Self::parse(&text).map_err(|source| ConfigError::Parse {
            path: path.display().to_string(),
            source: Box::new(source),
        })?;
        config.apply_env(|k| std::env::var(k).ok())?;
        config.validate()?;
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// Applies overrides from `get` (the environment in production, a map in tests).
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let strings: [(&str, &mut String); 18] = [
            ("TIMELINES_SITE_NAME", &mut self.site.name),
            ("TIMELINES_TAGLINE", &mut self.site.tagline),
            ("TIMELINES_LANGUAGE", &mut self.site.language),
            ("TIMELINES_PUBLIC_URL", &mut self.site.public_url),
            ("TIMELINES_ADDRESS", &mut self.server.address),
            ("TIMELINES_DATABASE_URL", &mut self.server.database_url),
            ("LEPTOS_SITE_ROOT", &mut self.server.site_root),
            ("LEPTOS_SITE_PKG_DIR", &mut self.server.site_pkg_dir),
            ("LEPTOS_OUTPUT_NAME", &mut self.server.output_name),
            ("TIMELINES_SOCIAL_FACEBOOK", &mut self.social.facebook),
            ("TIMELINES_SOCIAL_X", &mut self.social.x),
            ("TIMELINES_SOCIAL_INSTAGRAM", &mut self.social.instagram),
            ("TIMELINES_SOCIAL_TIKTOK", &mut self.social.tiktok),
            ("TIMELINES_SOCIAL_THREADS", &mut self.social.threads),
            ("TIMELINES_GOOGLE_NEWS_URL", &mut self.follow.google_news),
            ("TIMELINES_FLIPBOARD_URL", &mut self.follow.flipboard),
            ("TIMELINES_AD_HTML", &mut self.ads.article_slot_html),
            (
                "TIMELINES_HTML_CACHE_CONTROL",
                &mut self.http.html_cache_control,
            ),
        ];
        for (key, slot) in strings {
            if let Some(v) = get(key) {
                *slot = v;
            }
        }
        let numbers: [(&'static str, &mut u32); 11] = [
            (
                "TIMELINES_ARCHIVE_PAGE_SIZE",
                &mut self.pages.archive_page_size,
            ),
            (
                "TIMELINES_SEARCH_PAGE_SIZE",
                &mut self.pages.search_page_size,
            ),
            ("TIMELINES_LATEST_COUNT", &mut self.pages.latest_count),
            (
                "TIMELINES_PAGE_CACHE_SECONDS",
                &mut self.http.page_cache_seconds,
            ),
            (
                "TIMELINES_PAGE_CACHE_MEGABYTES",
                &mut self.http.page_cache_megabytes,
            ),
            (
                "TIMELINES_SIGNUPS_PER_MINUTE",
                &mut self.server.signups_per_minute,
            ),
            (
                "TIMELINES_HEADER_READ_TIMEOUT_SECONDS",
                &mut self.server.header_read_timeout_seconds,
            ),
            (
                "TIMELINES_KEEP_ALIVE_TIMEOUT_SECONDS",
                &mut self.server.keep_alive_timeout_seconds,
            ),
            (
                "TIMELINES_REQUEST_BODY_TIMEOUT_SECONDS",
                &mut self.server.request_body_timeout_seconds,
            ),
            (
                "TIMELINES_MAX_CONNECTIONS",
                &mut self.server.max_connections,
            ),
            (
                "TIMELINES_MAX_HEADER_BYTES",
                &mut self.server.max_header_bytes,
            ),
        ];
        for (key, slot) in numbers {
            if let Some(v) = get(key) {
                *slot = v.trim().parse().map_err(|_| ConfigError::Invalid {
                    key,
                    message: format!("expected a whole number, got {v:?}"),
                })?;
            }
        }
        let switches: [(&'static str, &mut bool); 2] = [
            ("TIMELINES_LOAD_DEMO", &mut self.server.load_demo),
            (
                "TIMELINES_TRUST_FORWARDED_FOR",
                &mut self.server.trust_forwarded_for,
            ),
        ];
        for (key, slot) in switches {
            if let Some(v) = get(key) {
                *slot = match v.trim() {
                    "1" | "true" | "yes" => true,
                    "0" | "false" | "no" => false,
                    _ => {
                        return Err(ConfigError::Invalid {
                            key,
                            message: format!("expected true or false, got {v:?}"),
                        })
                    }
                };
            }
        }
        Ok(())
    }

    pub fn validate(&mut self) -> Result<(), ConfigError> {
        let url = self.site.public_url.trim_end_matches('/').to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() < 10 {
            return Err(ConfigError::Invalid {
                key: "site.public_url",
                message: format!(
                    "must be an absolute http(s) URL, got {:?}",
                    self.site.public_url
                ),
            });
        }
        self.site.public_url = url;
        if self.server.address.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Invalid {
                key: "server.address",
                message: format!("must be IP:port, got {:?}", self.server.address),
            });
        }
        if !self.server.database_url.starts_with("sqlite:") {
            return Err(ConfigError::Invalid {
                key: "server.database_url",
                message: "only sqlite: URLs are supported by this build".into(),
            });
        }
        let cc = self.http.html_cache_control.trim().to_string();
        if cc.is_empty() || http::HeaderValue::from_str(&cc).is_err() {
            return Err(ConfigError::Invalid {
                key: "http.html_cache_control",
                message: format!(
                    "must be a non-empty Cache-Control header value, got {:?}",
                    self.http.html_cache_control
                ),
            });
        }
        self.http.html_cache_control = cc;
        let p = &self.pages;
        for (key, n) in [
            ("pages.archive_page_size", p.archive_page_size),
            ("pages.search_page_size", p.search_page_size),
            ("pages.latest_count", p.latest_count),
        ] {
            if !(1..=100).contains(&n) {
                return Err(ConfigError::Invalid {
                    key,
                    message: format!("must be between 1 and 100, got {n}"),
                });
            }
        }
        let s = &self.server;
        for (key, n, range) in [
            (
                "server.signups_per_minute",
                s.signups_per_minute,
                1..=10_000,
            ),
            (
                "server.header_read_timeout_seconds",
                s.header_read_timeout_seconds,
                1..=3_600,
            ),
            (
                "server.keep_alive_timeout_seconds",
                s.keep_alive_timeout_seconds,
                1..=3_600,
            ),
            (
                "server.request_body_timeout_seconds",
                s.request_body_timeout_seconds,
                1..=3_600,
            ),
            ("server.max_connections", s.max_connections, 1..=1_000_000),
            (
                "server.max_header_bytes",
                s.max_header_bytes,
                8 * 1024..=1024 * 1024,
            ),
        ] {
            if !range.contains(&n) {
                return Err(ConfigError::Invalid {
                    key,
                    message: format!(
                        "must be between {} and {}, got {n}",
                        range.start(),
                        range.end()
                    ),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn shipped() -> Config {
        Config::parse(include_str!("../../Leptos.toml")).expect("Leptos.toml parses")
    }

    #[test]
    fn shipped_config_is_valid() {
        let mut c = shipped();
        c.validate().unwrap();
        assert_eq!(c.site.name, "West Timelines");
        assert_eq!(c.social.links().len(), 5);
    }

    #[test]
    fn cargo_leptos_settings_agree_with_leptos_toml() {
        let cargo: toml::Table = toml::from_str(include_str!("../../Cargo.toml")).unwrap();
        let meta = &cargo["package"]["metadata"]["leptos"];
        let c = shipped();
        assert_eq!(meta["site-addr"].as_str(), Some(c.server.address.as_str()));
        assert_eq!(
            meta["site-root"].as_str(),
            Some(c.server.site_root.as_str())
        );
        assert_eq!(
            meta["site-pkg-dir"].as_str(),
            Some(c.server.site_pkg_dir.as_str())
        );
        assert_eq!(
            meta["output-name"].as_str(),
            Some(c.server.output_name.as_str())
        );
        assert!(c.site.public_url.ends_with(&c.server.address));
    }

    #[test]
    fn environment_overrides_the_file() {
        let env: HashMap<&str, &str> = HashMap::from([
            ("TIMELINES_SITE_NAME", "East Timelines"),
            ("TIMELINES_ADDRESS", "127.0.0.1:4000"),
            ("TIMELINES_ARCHIVE_PAGE_SIZE", "20"),
            ("TIMELINES_LOAD_DEMO", "false"),
        ]);
        let mut c = shipped();
        c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
        assert_eq!(c.site.name, "East Timelines");
        assert_eq!(c.server.address, "127.0.0.1:4000");
        assert_eq!(c.pages.archive_page_size, 20);
        assert!(!c.server.load_demo);
    }

    #[test]
    fn forwarded_for_is_untrusted_and_signups_limited_unless_configured() {
        let mut c = shipped();
        c.validate().unwrap();
        assert!(!c.server.trust_forwarded_for);
        assert_eq!(c.server.signups_per_minute, 5);
        let env: HashMap<&str, &str> = HashMap::from([
            ("TIMELINES_TRUST_FORWARDED_FOR", "true"),
            ("TIMELINES_SIGNUPS_PER_MINUTE", "30"),
        ]);
        c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
        c.validate().unwrap();
        assert!(c.server.trust_forwarded_for);
        assert_eq!(c.server.signups_per_minute, 30);
        let err = c
            .apply_env(|k| (k == "TIMELINES_TRUST_FORWARDED_FOR").then(|| "maybe".to_string()))
            .unwrap_err();
        assert!(err.to_string().contains("TIMELINES_TRUST_FORWARDED_FOR"));
        c.server.signups_per_minute = 0;
        assert!(c
            .validate()
            .unwrap_err()
            .to_string()
            .contains("signups_per_minute"));
    }

    #[test]
    fn bad_values_are_named_errors() {
        let mut c = shipped();
        let err = c.apply_env(|k| (k == "TIMELINES_SEARCH_PAGE_SIZE").then(|| "ten".to_string()));
        assert!(err
            .unwrap_err()
            .to_string()
            .contains("TIMELINES_SEARCH_PAGE_SIZE"));
        let mut c = shipped();
        c.site.public_url = "example.com".into();
        assert!(c.validate().unwrap_err().to_string().contains("public_url"));
        let mut c = shipped();
        c.pages.archive_page_size = 0;
        assert!(c.validate().is_err());
        let mut c = shipped();
        c.http.html_cache_control = "max-age=60\nX-Evil: 1".into();
        assert!(c
            .validate()
            .unwrap_err()
            .to_string()
            .contains("html_cache_control"));
    }

    #[test]
    fn connection_limits_have_defaults_overrides_and_bounds() {
        let mut c = shipped();
        c.validate().unwrap();
        assert_eq!(c.server.header_read_timeout_seconds, 10);
        assert_eq!(c.server.keep_alive_timeout_seconds, 60);
        assert_eq!(c.server.request_body_timeout_seconds, 30);
        assert_eq!(c.server.max_connections, 10_000);
        assert_eq!(c.server.max_header_bytes, 32 * 1024);
        let env: HashMap<&str, &str> = HashMap::from([
            ("TIMELINES_HEADER_READ_TIMEOUT_SECONDS", "5"),
            ("TIMELINES_KEEP_ALIVE_TIMEOUT_SECONDS", "75"),
            ("TIMELINES_REQUEST_BODY_TIMEOUT_SECONDS", "20"),
            ("TIMELINES_MAX_CONNECTIONS", "500"),
            ("TIMELINES_MAX_HEADER_BYTES", "16384"),
        ]);
        c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
        c.validate().unwrap();
        assert_eq!(
            (
                c.server.header_read_timeout_seconds,
                c.server.keep_alive_timeout_seconds,
                c.server.request_body_timeout_seconds,
                c.server.max_connections,
                c.server.max_header_bytes
            ),
            (5, 75, 20, 500, 16_384)
        );
        for (edit, key) in [
            (
                (|c: &mut Config| c.server.header_read_timeout_seconds = 0) as fn(&mut Config),
                "server.header_read_timeout_seconds",
            ),
            (
                |c| c.server.keep_alive_timeout_seconds = 0,
                "server.keep_alive_timeout_seconds",
            ),
            (
                |c| c.server.request_body_timeout_seconds = 0,
                "server.request_body_timeout_seconds",
            ),
            (|c| c.server.max_connections = 0, "server.max_connections"),
            (
                |c| c.server.max_header_bytes = 1_000,
                "server.max_header_bytes",
            ),
        ] {
            let mut c = shipped();
            edit(&mut c);
            assert!(c.validate().unwrap_err().to_string().contains(key), "{key}");
        }
    }

    #[test]
    fn html_cache_control_defaults_short_and_can_be_overridden() {
        let mut c = shipped();
        c.validate().unwrap();
        assert_eq!(
            c.http.html_cache_control,
            "public, max-age=60, stale-while-revalidate=600"
        );
        c.apply_env(|k| (k == "TIMELINES_HTML_CACHE_CONTROL").then(|| "no-cache".to_string()))
            .unwrap();
        c.validate().unwrap();
        assert_eq!(c.http.html_cache_control, "no-cache");
    }
}
