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

pub use article::CommentsAsked;
pub use paging::parse_page;
pub use picture::picture;
pub use summary::summary;

use crate::error::AppError;
use crate::model::{Sidebar, SiteInfo};
use crate::server::config::Config;
use crate::server::shared::Reused;
use crate::server::store::{replica, Replica, Store};
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

tokio::task_local! {
    /// Whether the read in progress reads the replica (`ReadModels::reading`).
    static ON_REPLICA: bool;
}

impl ReadModels {
    /// The read replica's connections, when there is one (for `/metrics`).
    pub fn replica_pool_use(&self) -> Option<crate::server::store::db::PoolUse> {
        self.replica.as_ref().map(|r| r.view().pool_use())
    }

    /// Runs `read`, one page's (or feed's) reads, on the read replica when there is one and it
    /// is current (`store/replica.rs`), otherwise on the primary; a read that fails on the
    /// replica or takes longer than [`replica::READ_LIMIT`] there is made again on the
    /// primary. Inside, [`ReadModels::store`] is the store chosen, so one page never mixes
    /// the two; reads nested in another keep its choice.
    pub async fn reading<T, F>(&self, read: impl Fn() -> F) -> Result<T, AppError>
    where
        F: std::future::Future<Output = Result<T, AppError>>,
    {
        let Some(replica) = &self.replica else {
            return read().await;
        };
        if ON_REPLICA.try_with(|_| ()).is_ok() {
            return read().await;
        }
        if replica.usable(&self.primary) {
            match tokio::time::timeout(replica::READ_LIMIT, ON_REPLICA.scope(true, read())).await {
                Ok(Err(AppError::Internal | AppError::Unavailable)) => {
                    replica.failed("a read failed")
                }
                Err(_) => replica.failed("a read took too long"),
                Ok(done) => return done,
            }
        }
        ON_REPLICA.scope(false, read()).await
    }

    /// The store the read in progress reads: the replica's view when [`ReadModels::reading`]
    /// chose it, otherwise the primary.
    pub fn store(&self) -> &Store {
        match (&self.replica, ON_REPLICA.try_with(|on| *on)) {
            (Some(replica), Ok(true)) => replica.view(),
            _ => &self.primary,
        }
    }
}
