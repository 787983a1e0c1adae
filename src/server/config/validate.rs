//! Checks a range in the table cannot express, run once the file and the environment are read.

use super::{Config, ConfigError};
use std::ops::RangeInclusive;

impl Config {
    /// Checks every value, naming the key of the first bad one, and tidies two: the public
    /// URL loses a trailing slash and `Cache-Control` surrounding blanks.
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
        if crate::server::zone::SiteZone::named(&self.site.time_zone).is_none() {
            return Err(ConfigError::Invalid {
                key: "site.time_zone",
                message: format!(
                    "must be an IANA time zone name such as UTC or Europe/London, got {:?}",
                    self.site.time_zone
                ),
            });
        }
        if self.server.address.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Invalid {
                key: "server.address",
                message: format!("must be IP:port, got {:?}", self.server.address),
            });
        }
        let metrics = &self.server.metrics_address;
        if !metrics.is_empty() {
            let site = self.server.address.parse::<std::net::SocketAddr>().ok();
            let message = match metrics.parse::<std::net::SocketAddr>() {
                Err(_) => Some(format!("must be IP:port or empty, got {metrics:?}")),
                // The same port on the same interface, or on every interface.
                Ok(m)
                    if site.is_some_and(|s| {
                        s.port() == m.port()
                            && (s.ip() == m.ip()
                                || s.ip().is_unspecified()
                                || m.ip().is_unspecified())
                    }) =>
                {
                    Some(format!(
                        "must not be the site's own address ({metrics:?}): metrics are kept private"
                    ))
                }
                Ok(_) => None,
            };
            if let Some(message) = message {
                return Err(ConfigError::Invalid {
                    key: "server.metrics_address",
                    message,
                });
            }
        }
        let url = &self.server.database_url;
        if !url.starts_with("sqlite:") && !crate::server::store::is_postgres_url(url) {
            return Err(ConfigError::Invalid {
                key: "server.database_url",
                message: format!(
                    "must be an sqlite:// file or a postgres:// database, got {:?}",
                    redacted(url)
                ),
            });
        }
        let read_url = &self.server.database_read_url;
        let postgres = crate::server::store::is_postgres_url;
        let replica_ok = read_url.is_empty() || (postgres(url) && postgres(read_url));
        if !replica_ok {
            return Err(ConfigError::Invalid {
                key: "server.database_read_url",
                message: format!(
                    "must be a postgres:// replica of a postgres:// database_url, got {:?}",
                    redacted(read_url)
                ),
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
        if let Err((key, message)) =
            crate::server::newsletter::Schedule::from_config(&self.newsletter)
        {
            return Err(ConfigError::Invalid { key, message });
        }
        let notify = self.mail.notify.trim();
        if !notify.is_empty() && notify.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::Invalid {
                key: "mail.notify",
                message: format!("must be an e-mail address, got {notify:?}"),
            });
        }
        self.check_ranges()
    }
}

/// A `range` of the settings table.
pub(super) fn in_range(
    key: &'static str,
    n: u32,
    range: RangeInclusive<u32>,
) -> Result<(), ConfigError> {
    if range.contains(&n) {
        return Ok(());
    }
    Err(ConfigError::Invalid {
        key,
        message: format!(
            "must be between {} and {}, got {n}",
            range.start(),
            range.end()
        ),
    })
}

/// `url` without its password, for a message.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user_end = url[scheme + 3..at].find(':').map(|i| scheme + 3 + i);
            match user_end {
                Some(colon) => format!("{}:***{}", &url[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
