//! Read models: what each page shows, assembled from the store. [`ReadModels`] is built once
//! with the application state (`state.read`); the server functions in `api.rs` are thin
//! wrappers over its methods, one file per page here. Writes live elsewhere (the newsletter
//! sign-up in `newsletter.rs`).

mod archive;
mod article;
mod crumbs;
mod home;
mod paging;
mod picture;
mod search;
mod site;
mod site_data;
mod snapshot;
mod static_page;
mod summary;

pub use paging::parse_page;
pub use picture::picture;
pub use summary::summary;

use crate::model::{Sidebar, SiteInfo};
use crate::server::config::Config;
use crate::server::shared::Reused;
use crate::server::store::Store;
use site_data::SiteData;
use snapshot::Snapshot;
use std::sync::Arc;

/// The reader-side page data: the store to read, the configuration the pages show (site name,
/// page sizes, follow links, ads), and the parts every page shares.
#[derive(Clone, Debug)]
pub struct ReadModels {
    store: Store,
    config: Arc<Config>,
    shared: Arc<SharedParts>,
}

/// The frame and the sidebar, reused across pages while they read the same (`shared.rs`).
#[derive(Debug)]
struct SharedParts {
    site: Reused<SiteInfo>,
    sidebar: Reused<Sidebar>,
    /// The site-wide rows those parts and the front page are made of (`site_data.rs`).
    data: Snapshot<SiteData>,
}

impl ReadModels {
    /// Read models over `store`.
    pub fn new(store: Store, config: Arc<Config>) -> Self {
        Self {
            store,
            config,
            shared: Arc::new(SharedParts {
                site: Reused::default(),
                sidebar: Reused::default(),
                data: Snapshot::new(site_data::MAX_AGE),
            }),
        }
    }
}
