//! What every request can reach: Leptos options, the store, the configuration and the read
//! models.

use crate::server::config::Config;
use crate::server::http::assets::BuiltAssets;
use crate::server::http::throttle::SignupThrottle;
use crate::server::read::ReadModels;
use crate::server::site_settings::{Setting, SiteSettings};
use crate::server::store::{Replica, Store, StoreError};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Shared by every request, and cloned by many of them (each layer with state takes a copy, and
/// every render): one reference count to bump instead of some forty, which two cores bumping
/// the same counters made a third of a page-cache hit's time (issue 12).
#[derive(Clone, Debug)]
pub struct AppState(Arc<AppParts>);

impl std::ops::Deref for AppState {
    type Target = AppParts;

    fn deref(&self) -> &AppParts {
        &self.0
    }
}

#[derive(Debug)]
pub struct AppParts {
    pub leptos_options: LeptosOptions,
    /// The built CSS, JS and wasm files' URLs, found once at start (`assets.rs`).
    pub assets: Arc<BuiltAssets>,
    pub store: Store,
    pub config: Arc<Config>,
    /// Rendered pages, see `page_cache.rs`.
    pub pages: Arc<crate::server::http::page_cache::PageCache>,
    /// The frame's rendered HTML, see `frame.rs`.
    pub frame: Arc<crate::server::http::frame::FrameCache>,
    /// The sidebar's rendered HTML, with the ad slot's HTML it was rendered with (`frame.rs`).
    pub sidebar: Arc<crate::server::http::frame::KeptHtml<(crate::model::Sidebar, String)>>,
    /// The footer's rendered HTML, with the site's name, language, direction, year and menus
    /// it was rendered with (`frame.rs`).
    #[allow(clippy::type_complexity)]
    pub footer: Arc<
        crate::server::http::frame::KeptHtml<(
            String,
            String,
            String,
            i32,
            Arc<crate::model::Menus>,
        )>,
    >,
    /// What each page shows, see `read.rs`.
    pub read: ReadModels,
    /// Newsletter sign-ups per client address, see `throttle.rs`.
    pub signups: Arc<SignupThrottle>,
    /// Uploaded pictures and the making of their variants, see `media/library.rs`.
    pub media: Arc<crate::server::media::MediaLibrary>,
    /// Sends what the outbox holds (`server/mail/`).
    pub mailer: Arc<crate::server::mail::Mailer>,
    /// Set once the server has been told to stop (SIGTERM, Ctrl-C): `/readyz` then says so,
    /// so a proxy sends new readers elsewhere while in-flight requests finish.
    pub shutting_down: Arc<std::sync::atomic::AtomicBool>,
    /// Held while an import from the newsroom runs on this site (`newsroom/import.rs`).
    pub importing: tokio::sync::Mutex<()>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}

impl AppState {
    /// The site's settings as readers see them: the configuration's, with what admins changed
    /// in the newsroom over them (`site_settings.rs`; from memory, no query).
    pub fn site_settings(&self) -> SiteSettings {
        SiteSettings::effective(&self.config, &self.store.site_overrides())
    }

    /// The site's name as readers see it.
    pub fn site_name(&self) -> String {
        Setting::Name
            .value(&self.config, &self.store.site_overrides())
            .to_string()
    }

    /// Opens the store (migrating it) and loads the demo newsroom into an empty one when the
    /// configuration asks for it.
    /// The state of a serving site: the store open, and the mail worker running.
    pub async fn open(config: Config) -> Result<Self, StoreError> {
        let state = Self::open_noting_demo(config).await?.0;
        state.start_mail();
        Ok(state)
    }

    /// The state for a one-off command (no mail is sent from it: a command that ends could
    /// stop mid-send).
    pub async fn open_for_command(config: Config) -> Result<Self, StoreError> {
        Ok(Self::open_noting_demo(config).await?.0)
    }

    /// Starts the worker that sends what the outbox holds, and the newsletter's schedule.
    pub fn start_mail(&self) {
        tokio::spawn(crate::server::mail::worker::run(self.clone()));
        tokio::spawn(crate::server::newsletter::schedule::run(self.clone()));
    }

    /// [`AppState::open`], also saying whether the demo newsroom was loaded just now (so the
    /// server can give it its pictures, which tests of other things need not wait for).
    pub async fn open_noting_demo(config: Config) -> Result<(Self, bool), StoreError> {
        let store = Store::open(&config.server.database_url).await?;
        let mut loaded = false;
        // One server at a time, so that two starting together on one PostgreSQL database do
        // not both find it empty.
        let turn = store.startup_turn().await?;
        if config.server.load_demo && store.article_count().await? == 0 {
            let n = crate::server::demo::load(&store, crate::server::clock::now()).await?;
            tracing::info!("loaded the demo newsroom: {n} articles");
            loaded = true;
        }
        turn.end().await;
        // Several servers on one PostgreSQL database hear of one another's writes.
        tokio::spawn(store.clone().follow_other_servers());
        let replica = match config.server.database_read_url.as_str() {
            "" => None,
            url => Some(Arc::new(store.open_replica(url)?)),
        };
        let state = Self::new(config, store, replica)?;
        Ok((state, loaded))
    }

    fn new(
        config: Config,
        store: Store,
        replica: Option<Arc<Replica>>,
    ) -> Result<Self, StoreError> {
        // Before anything is counted: counts made with no recorder are lost.
        crate::server::metrics::install();
        let assets = BuiltAssets::find(
            &config.server.site_root,
            &config.server.site_pkg_dir,
            &config.server.output_name,
        );
        let leptos_options = LeptosOptions::builder()
            .output_name(config.server.output_name.clone())
            .site_root(config.server.site_root.clone())
            .site_pkg_dir(config.server.site_pkg_dir.clone())
            // The live-reload script under `cargo leptos watch` connects to this port.
            .reload_port(config.server.reload_port)
            // Hashed file names (cargo-leptos `hash-files`) when this build has them.
            .hash_files(assets.hashed)
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
        let pages = crate::server::http::page_cache::PageCache::new(store.clone(), ttl, max_bytes);
        let signups = Arc::new(SignupThrottle::new(config.server.signups_per_minute));
        let config = Arc::new(config);
        let read = ReadModels::new(store.clone(), replica, config.clone());
        let media = crate::server::media::MediaLibrary::new(store.clone(), &config.media);
        let site_name = Setting::Name
            .value(&config, &store.site_overrides())
            .to_string();
        let mailer = Arc::new(
            crate::server::mail::Mailer::new(&config, &site_name).map_err(StoreError::Invalid)?,
        );
        Ok(Self(Arc::new(AppParts {
            mailer,
            media,
            leptos_options,
            assets: Arc::new(assets),
            store,
            signups,
            config,
            pages,
            frame: Arc::default(),
            sidebar: Arc::default(),
            footer: Arc::default(),
            read,
            shutting_down: Arc::default(),
            importing: tokio::sync::Mutex::default(),
        })))
    }

    /// Who the site's messages come from, named as the site is now.
    pub fn mail_sender(&self) -> crate::server::mail::compose::Sender {
        crate::server::mail::transport::sender(&self.config, &self.site_name())
            .unwrap_or_else(|_| self.mailer.sender.clone())
    }
}
