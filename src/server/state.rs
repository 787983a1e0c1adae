//! What every request can reach: Leptos options, the store and the configuration.

use crate::model::{Sidebar, SiteInfo};
use crate::server::config::Config;
use crate::server::shared::Reused;
use crate::server::site_data::{SiteData, MAX_AGE};
use crate::server::snapshot::Snapshot;
use crate::server::store::{Store, StoreError};
use crate::server::throttle::SignupThrottle;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    pub config: Arc<Config>,
    /// Rendered pages, see `page_cache.rs`.
    pub pages: Arc<crate::server::page_cache::PageCache>,
    /// Parts that pages share, see `shared.rs`.
    pub shared: Arc<SharedParts>,
    /// Newsletter sign-ups per client address, see `throttle.rs`.
    pub signups: Arc<SignupThrottle>,
}

/// The frame and the sidebar, reused across pages (`shared.rs`).
#[derive(Debug)]
pub struct SharedParts {
    pub site: Reused<SiteInfo>,
    pub sidebar: Reused<Sidebar>,
    /// The site-wide rows those parts and the front page are made of (`site_data.rs`).
    pub data: Snapshot<SiteData>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

impl AppState {
    /// Opens the store (migrating it) and loads the demo newsroom into an empty one when the
    /// configuration asks for it.
    pub async fn open(config: Config) -> Result<Self, StoreError> {
        let store = Store::open(&config.server.database_url).await?;
        if config.server.load_demo && store.article_count().await? == 0 {
            let n = crate::server::demo::load(&store, &config, crate::server::clock::now()).await?;
            tracing::info!("loaded the demo newsroom: {n} articles");
        }
        Ok(Self::new(config, store))
    }

    pub fn new(config: Config, store: Store) -> Self {
        let leptos_options = LeptosOptions::builder()
            .output_name(config.server.output_name.clone())
            .site_root(config.server.site_root.clone())
            .site_pkg_dir(config.server.site_pkg_dir.clone())
            // Hashed file names (cargo-leptos `hash-files`) when this build has them.
            .hash_files(crate::server::http::hashed_build(
                &config.server.site_root,
                &config.server.site_pkg_dir,
                &config.server.output_name,
                "hash.txt",
            ))
            .site_addr(
                config
                    .server
                    .address
                    .parse::<std::net::SocketAddr>()
                    .unwrap_or_else(|_| ([127, 0, 0, 1], 3000).into()),
            )
            .build();
        let ttl = std::time::Duration::from_secs(config.http.page_cache_seconds.into());
        let max_bytes = u64::from(config.http.page_cache_megabytes) * 1_000_000;
        let pages = crate::server::page_cache::PageCache::new(store.clone(), ttl, max_bytes);
        let signups = Arc::new(SignupThrottle::new(config.server.signups_per_minute));
        Self {
            leptos_options,
            store,
            signups,
            config: Arc::new(config),
            pages,
            shared: Arc::new(SharedParts {
                site: Reused::new(ttl),
                sidebar: Reused::new(ttl),
                data: Snapshot::new(MAX_AGE),
            }),
        }
    }
}
