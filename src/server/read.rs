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
use crate::server::store::{Replica, Store};
use site_data::SiteData;
use snapshot::Snapshot;
use std::sync::Arc;

/// The reader-side page data: the store to read, the configuration the pages show (site name,
/// page sizes, follow links, ads), and the parts every page shares.
#[derive(Clone, Debug)]
pub struct ReadModels {
    primary: Store,
    /// The read replica pages read from when it is current (`server.database_read_url`).
    replica: Option<Arc<Replica>>,
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
    /// Read models over `primary`, reading from `replica` when it is current.
    pub fn new(primary: Store, replica: Option<Arc<Replica>>, config: Arc<Config>) -> Self {
        Self {
            primary,
            replica,
            config,
            shared: Arc::new(SharedParts {
                site: Reused::default(),
                sidebar: Reused::default(),
                data: Snapshot::new(site_data::MAX_AGE),
            }),
        }
    }
}

impl ReadModels {
    /// The store reader pages and feeds read now: the read replica when there is one and it
    /// has replayed every change counted so far (`store/replica.rs`), otherwise the primary.
    pub async fn store(&self) -> &Store {
        match &self.replica {
            Some(replica) => replica.reading(&self.primary).await,
            None => &self.primary,
        }
    }
}
