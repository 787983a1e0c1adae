//! The newsroom store. All SQL lives below this module; views and server functions call these
//! methods and never see a row or a connection, so another database can follow behind the same
//! surface.
//!
//! Over 400 lines: the module list, the store's one error type and its mapping to `AppError`, and
//! opening either database (pools, migrations, start-up work one server at a time), which every
//! caller meets first.

mod article;
mod audit;
mod category;
mod changes;
pub mod comments;
pub mod contact_messages;
mod copying;
pub mod db;
mod deleting;
mod desk;
mod editing;
mod exporting;
mod fault;
mod feed;
#[cfg(test)]
pub(crate) mod fixtures;
mod imported;
mod importing;
pub(crate) mod media;
mod menu;
pub mod newsletter_issues;
pub mod outbox;
mod page;
mod preview_link;
mod rank;
pub mod replica;
mod search;
mod sections;
mod sign_in;
mod signup_limit;
mod site_secrets;
mod site_settings;
mod staff;
mod staff_session;
mod static_pages;
mod subscriber;
mod write;

pub use article::{ArticleFilter, ArticleRow};
pub use audit::AuditEntry;
pub use category::{path_prefixes, CategoryRow};
pub use copying::CopyReport;
pub use deleting::DeletedArticle;
pub use desk::{DeskFilter, DeskRow, DeskState};
pub use editing::{
    ArticleFields, ArticleImage, ArticleStatus, EditableArticle, Revision, RevisionRow, SaveAs,
    SaveError, Saving, StaleSave, AUTOSAVE, AUTOSAVE_REVISION_SECONDS, IMAGE_ALT_MISSING,
    REVISIONS_KEPT,
};
pub use exporting::{ExportArticle, ExportAuthor, ExportPage};
pub use feed::{FeedExtras, NewsRow, SitemapKind, SitemapRow};
pub use imported::Imported;
pub use importing::{ImportKey, ImportedArticle, IMPORT_ACTION};
pub use media::{
    FeaturedImage, FeaturedText, MediaRow, MediaSize, MediaStatus, MediaUser, NewMedia,
};
pub use preview_link::LiveLinks;
pub use replica::Replica;
pub use search::{SearchFilter, SearchHits, SearchSort, SuggestRow, SEARCH_WINDOW, SUGGEST_WINDOW};
pub use sections::{CategoryEdit, TagRow};
pub use sign_in::{Lockout, TokenPurpose, LINK_USED};
pub use staff::{staff_email, NewStaff, StaffRow};
pub use staff_session::{SessionLimits, SessionRow};
pub use static_pages::{PageFields, PageRow};
pub use subscriber::{Canonicalized, SignUp, CONFIRM_AGAIN_AFTER};
pub use write::{NewArticle, NewCategory};

use crate::error::AppError;
use db::{query_scalar, Backend, Pool, Tx};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    /// Bumped by every write that can change a page; caches of rendered pages compare it.
    version: Arc<AtomicU64>,
    /// When `version` was last bumped.
    changed_at: Arc<Mutex<Option<Instant>>>,
    /// Wakes those waiting for the next such write.
    changes: Arc<tokio::sync::Notify>,
    /// The site settings admins changed, as stored: loaded at open, replaced by each save
    /// (`site_settings.rs`), so pages read them without a query.
    settings: Arc<std::sync::RwLock<Arc<crate::server::site_settings::Overrides>>>,
    /// Held through a settings save, so saves reach memory in the order they were stored.
    settings_saving: Arc<tokio::sync::Mutex<()>>,
    /// This process's id in the notices of change it sends other servers (`changes.rs`).
    process: Arc<str>,
    /// Read-held by each notice of change being sent (`Store::settle` waits for them).
    notices: Arc<tokio::sync::RwLock<()>>,
    /// The search index's size (rows, words) as of a content version (PostgreSQL's ranking
    /// needs it; FTS5 keeps its own).
    search_totals: Arc<Mutex<Option<(u64, i64, i64)>>>,
    /// The site's signing key (`site_secrets.rs`), shared by its servers.
    signing_key: Arc<str>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Invalid(String),
    /// The write clashes with what is stored (a taken address, a used link); the text is
    /// written by us and safe to show.
    #[error("{0}")]
    Conflict(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Db(sqlx::Error::RowNotFound) => AppError::NotFound,
            StoreError::Db(sqlx::Error::Encode(e)) if e.to_string() == db::NUL_REFUSED => {
                AppError::Invalid(db::NUL_REFUSED.into())
            }
            StoreError::Conflict(message) => AppError::Conflict(message),
            other if other.is_unavailable() => {
                tracing::warn!(error = %other, "the database cannot serve just now");
                AppError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "store error");
                AppError::Internal
            }
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The migrations this build carries for SQLite (`migrations/sqlite/`), embedded.
static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
/// The same schema for PostgreSQL (`migrations/postgres/`, compared by `tests/schemas.rs`).
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The PostgreSQL advisory lock of start-up work (`Store::startup_turn`).
const STARTUP_LOCK: i64 = db::WRITE_LOCK + 1;

/// A server's turn at start-up work (`Store::startup_turn`): the lock is held by a connection
/// of its own until `end`; a turn dropped without it closes that connection, which ends it too.
pub struct StartupTurn(Option<sqlx::pool::PoolConnection<sqlx::Postgres>>);

impl StartupTurn {
    pub async fn end(mut self) {
        if let Some(mut conn) = self.0.take() {
            let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(STARTUP_LOCK)
                .execute(&mut *conn)
                .await;
            if unlocked.is_err() {
                drop(conn.detach());
            }
        }
    }
}

impl Drop for StartupTurn {
    fn drop(&mut self) {
        if let Some(conn) = self.0.take() {
            drop(conn.detach());
        }
    }
}

/// Whether `url` names a PostgreSQL database (anything else is an SQLite file).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

impl Store {
    /// Opens the database at `url` (`postgres://…` for PostgreSQL, otherwise an SQLite file,
    /// created if needed) and applies the embedded migrations.
    pub async fn open(url: &str) -> Result<Self> {
        let pool = if is_postgres_url(url) {
            let pool = db::pool_options::<sqlx::Postgres>()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await?;
            POSTGRES_MIGRATOR.run(&pool).await?;
            Pool::postgres(pool)
        } else {
            let pool = open_sqlite(url, true).await?;
            SQLITE_MIGRATOR.run(&pool).await?;
            Pool::Sqlite(pool)
        };
        let store = Self::bare(pool);
        // Servers starting together on one PostgreSQL database do this one after another.
        let turn = store.startup_turn().await?;
        let mut store = store;
        store.signing_key = store.load_site_secret("signing").await?.into();
        store.load_site_overrides().await?;
        if store.search_index_missing().await? {
            let n = store.reindex_search().await?;
            tracing::info!("rebuilt the search index: {n} articles");
        }
        let subscribers = store.canonicalize_subscribers().await?;
        if subscribers.rewritten + subscribers.merged > 0 {
            tracing::info!(
                "newsletter addresses made canonical: {} rewritten, {} merged into an earlier sign-up",
                subscribers.rewritten,
                subscribers.merged
            );
        }
        if subscribers.kept > 0 {
            tracing::warn!(
                "{} newsletter addresses are refused by today's rules and were kept as they are",
                subscribers.kept
            );
        }
        turn.end().await;
        Ok(store)
    }

    /// A store over `pool` with nothing loaded yet.
    fn bare(pool: Pool) -> Self {
        Self {
            pool,
            version: Arc::default(),
            changed_at: Arc::default(),
            changes: Arc::default(),
            settings: Arc::default(),
            settings_saving: Arc::default(),
            process: changes::process_id().into(),
            notices: Arc::default(),
            search_totals: Arc::default(),
            signing_key: Arc::from(""),
        }
    }

    /// Opens the database at `url` as it is, to read it whole (a backup's source): nothing is
    /// created, migrated or written, and it is refused unless it holds exactly the migrations
    /// this build carries (an older or newer site is backed up by its own build).
    pub async fn open_as_is(url: &str) -> Result<Self> {
        let (pool, migrator) = if is_postgres_url(url) {
            let pool = db::pool_options::<sqlx::Postgres>()
                .max_connections(2)
                .acquire_timeout(Duration::from_secs(5))
                .connect(url)
                .await?;
            (Pool::postgres(pool), &POSTGRES_MIGRATOR)
        } else {
            (
                Pool::Sqlite(open_sqlite(url, false).await?),
                &SQLITE_MIGRATOR,
            )
        };
        let applied: Vec<i64> =
            query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
                .fetch_all(&pool)
                .await
                .map_err(|e| match &e {
                    sqlx::Error::Database(d)
                        if d.code().as_deref() == Some("42P01")
                            || d.message().contains("no such table") =>
                    {
                        StoreError::Invalid(format!(
                            "the database at {} holds no Timelines site",
                            crate::server::config::redacted(url)
                        ))
                    }
                    _ => StoreError::Db(e),
                })?;
        let carried: Vec<i64> = migrator.migrations.iter().map(|m| m.version).collect();
        if applied != carried {
            pool.close().await;
            return Err(StoreError::Invalid(format!(
                "the database has {} migrations applied where this build carries {}: run the \
                 build the site runs",
                applied.len(),
                carried.len()
            )));
        }
        Ok(Self::bare(pool))
    }

    /// Start-up work one server at a time (on PostgreSQL, where several may start together on
    /// one database: checking for an empty site and loading the demo, rebuilding a missing
    /// index). Nothing to wait for on SQLite.
    pub async fn startup_turn(&self) -> Result<StartupTurn> {
        let Pool::Postgres(pool, _) = &self.pool else {
            return Ok(StartupTurn(None));
        };
        let mut conn = pool.acquire().await?;
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(STARTUP_LOCK)
            .execute(&mut *conn)
            .await?;
        Ok(StartupTurn(Some(conn)))
    }

    /// A transaction that takes the write lock at once (`BEGIN IMMEDIATE`), for writes that read
    /// first: in WAL mode a deferred transaction that read before another connection committed
    /// cannot then write (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out), while an
    /// immediate one waits its turn.
    pub(crate) async fn write_tx(&self) -> Result<Tx> {
        Ok(self.pool.begin_write().await?)
    }

    /// Whether the database answers (within `within`) and has every migration this build
    /// carries applied: what `/readyz` asks.
    pub async fn ready(&self, within: Duration) -> Result<bool> {
        let applied = tokio::time::timeout(
            within,
            query_scalar::<i64>("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool),
        )
        .await
        .map_err(|_| StoreError::Invalid("the database did not answer in time".into()))??;
        let carried = match self.backend() {
            Backend::Sqlite => SQLITE_MIGRATOR.migrations.len(),
            Backend::Postgres => POSTGRES_MIGRATOR.migrations.len(),
        };
        Ok(applied as usize >= carried)
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The connection pool's use now (for `/metrics`).
    pub fn pool_use(&self) -> db::PoolUse {
        self.pool.usage()
    }

    pub fn backend(&self) -> Backend {
        self.pool.backend()
    }

    /// Counts the writes that can change a page (articles, categories, authors, pages, menus,
    /// the search index): this process's, and on PostgreSQL the other processes' on the same
    /// database (`changes.rs`). On SQLite, another process's writes (`timelines generate`
    /// beside a running server) are not seen here; page caches expire on their own too.
    pub fn content_version(&self) -> u64 {
        self.version.load(Ordering::Acquire)
    }

    /// A write this process made (and committed) can change a page: counted here, and told to
    /// the other servers on the same PostgreSQL database (`changes.rs`).
    pub(crate) fn content_changed(&self) {
        self.count_change();
        self.tell_other_servers();
    }

    /// Counts a change that pages may show (one this process made, one another server told
    /// of, or a scheduled time reached, which every server sees for itself).
    pub(crate) fn count_change(&self) {
        *self.changed_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        self.version.fetch_add(1, Ordering::AcqRel);
        self.changes.notify_waiters();
    }

    /// Completes at the next write that can change a page (made after this is called).
    pub fn next_change(&self) -> tokio::sync::futures::OwnedNotified {
        self.changes.clone().notified_owned()
    }

    /// Whether this process wrote something a page can show less than `window` ago.
    pub fn changed_within(&self, window: Duration) -> bool {
        self.changed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some_and(|at| at.elapsed() < window)
    }

    pub async fn article_count(&self) -> Result<i64> {
        Ok(query_scalar("SELECT COUNT(*) FROM articles")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// The SQLite file at `url` (with `create`, made with its folder if needed) in WAL mode with
/// foreign keys on.
async fn open_sqlite(url: &str, create: bool) -> Result<sqlx::SqlitePool> {
    let opts = SqliteConnectOptions::from_str(url)?;
    if !create && !opts.get_filename().is_file() {
        return Err(StoreError::Invalid(format!(
            "there is no database at {url}"
        )));
    }
    let opts = opts
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(dir) = opts.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Invalid(format!("cannot create {}: {e}", dir.display()))
            })?;
        }
    }
    Ok(db::pool_options::<sqlx::Sqlite>()
        .max_connections(8)
        // A connection is a file handle in this process, not a socket: the ping sqlx sends
        // before each checkout by default cost a round trip to its worker thread per query
        // (about 6% of a cache-missing render, issue 12). A failing one still errors its query.
        .test_before_acquire(false)
        // Every connection gets the search ranking function (see `rank`).
        .after_connect(|conn, _| {
            Box::pin(async move {
                let mut handle = conn.lock_handle().await?;
                // SAFETY: the handle is locked for this call; nothing else uses the connection.
                unsafe { rank::register(handle.as_raw_handle().as_ptr()) }
                    .map_err(|e| sqlx::Error::Configuration(e.into()))
            })
        })
        .connect_with(opts)
        .await?)
}
