//! `timelines backup DIR` and `timelines restore DIR`: the whole site (its database and its
//! media folder) copied into a folder while it serves and writes, and brought back from one.
//!
//! A backup is a folder (only its owner may read it: it holds the site's signing key, password
//! hashes and readers' addresses) holding
//! - `timelines.db`: the database as one SQLite file, whichever backend the site runs on. It is
//!   made by the store's copy (`store/copying.rs`, as `copy-store`): every table read in one
//!   snapshot (an SQLite read transaction, which under WAL never holds up writers; a
//!   repeatable-read transaction on PostgreSQL), so the copy is the site at one moment, and
//!   every table is counted on both sides. The site's database is opened as it is: nothing in
//!   it is migrated or written, and a database of another build's migrations is refused. (Not
//!   SQLite's page-level backup API, which sqlx does not offer and which would work for SQLite
//!   only; not `pg_dump`, which a server machine may lack.)
//! - `media/`: the media folder's originals and variants. Copied before the snapshot and
//!   topped up after it, so every picture the snapshot names is there unless it was deleted
//!   meanwhile (then the report names it); pictures' files never change once written (they
//!   are named by their content), so a copy of one is the file.
//! - `backup.json`, written last: what the backup holds, counted, and the database file's
//!   SHA-256 (`manifest.rs`). A folder without it is an unfinished backup, which restore
//!   refuses, as it refuses a database file that is not the one the manifest describes.
//!
//! Restore checks the file, copies the pictures in (adding files only, so it can be repeated),
//! then reads a copy of the backup's database (the backup itself never changes, even when this
//! build migrates the copy) into the configured database in one transaction. It replaces a
//! site only when told to (`--replace`), and signs everyone out (sessions and sign-in links
//! revoked after the backup was made would come back otherwise).

mod files;
mod manifest;

pub use manifest::Manifest;

use crate::server::config::{redacted, Config};
use crate::server::store::{Store, StoreError};
use std::path::{Path, PathBuf};

/// The backup's database file, in its folder.
pub const DATABASE_FILE: &str = "timelines.db";
/// The backup's copy of the media folder, in its folder.
pub const MEDIA_FOLDER: &str = "media";
/// Tables whose rows make a database "a site" that a restore replaces only when told to.
const A_SITE: [&str; 13] = [
    "articles",
    "authors",
    "categories",
    "tags",
    "staff",
    "pages",
    "menu_items",
    "site_settings",
    "media",
    "subscribers",
    "newsletter_issues",
    "comments",
    "contact_messages",
];

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{what} {}: {source}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// What the operator asked cannot be done as asked; the text says why and what to do.
    #[error("{0}")]
    Refused(String),
    /// A backup that failed after its folder was made: what the folder holds is unfinished.
    #[error("{error}\n(what {} holds is an unfinished backup: remove it before trying again)", dir.display())]
    Unfinished {
        dir: PathBuf,
        error: Box<BackupError>,
    },
}

pub type Result<T> = std::result::Result<T, BackupError>;

/// What a backup or a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub manifest: Manifest,
    /// Pictures recorded in the database whose original has no file (deleted while the backup
    /// ran; for a restore, missing from the backup).
    pub pictures_without_files: Vec<String>,
}

/// Backs up the site `config` names into `dir`, which must not exist or be empty.
pub async fn backup(config: &Config, dir: &Path) -> Result<Outcome> {
    let media = Path::new(&config.media.dir);
    files::not_inside(dir, media)?;
    let source = Store::open_as_is(&config.server.database_url).await?;
    files::private_folder(dir)?;
    let made = back_up(&source, media, dir).await;
    source.pool().close().await;
    made.map_err(|error| BackupError::Unfinished {
        dir: dir.to_path_buf(),
        error: Box::new(error),
    })
}

async fn back_up(source: &Store, media: &Path, dir: &Path) -> Result<Outcome> {
    if !media.is_dir() && !source.media_keys().await?.is_empty() {
        return Err(BackupError::Refused(format!(
            "the media folder {} (media.dir) is missing, yet the site has pictures: is the \
             configuration the site's own?",
            media.display()
        )));
    }
    let media_copy = dir.join(MEDIA_FOLDER);
    files::copy_tree(media, &media_copy)?;

    let partial = dir.join(format!("{DATABASE_FILE}.partial"));
    let target = Store::open(&sqlite_url(&partial)).await?;
    let report = target.copy_from(source).await;
    let report = match report {
        Ok(r) => r,
        Err(e) => {
            target.pool().close().await;
            return Err(e.into());
        }
    };
    target.settle().await;
    target.close_folded().await?;
    files::no_log_left(&partial)?;
    if !report.complete() {
        return Err(BackupError::Refused(
            "the backup's tables do not hold what the site's snapshot did".into(),
        ));
    }
    let database = dir.join(DATABASE_FILE);
    files::private_file(&partial)?;
    std::fs::rename(&partial, &database).map_err(|source| BackupError::Io {
        what: "cannot name the backup's database",
        path: database.clone(),
        source,
    })?;

    // Pictures uploaded while the snapshot was read.
    files::copy_tree(media, &media_copy)?;
    let copied = Store::open_as_is(&sqlite_url(&database)).await?;
    let missing = files::without_originals(&copied, &media_copy).await;
    copied.pool().close().await;
    let manifest = Manifest::new(
        source.backend(),
        report.tables.iter().map(|(t, from, _)| (t.clone(), *from)),
        files::count_tree(&media_copy)?,
        files::sha256(&database)?,
    );
    manifest.write(dir)?;
    files::private_file(&dir.join(manifest::FILE))?;
    Ok(Outcome {
        manifest,
        pictures_without_files: missing?,
    })
}

/// Restores the backup in `dir` into the database and media folder `config` names. A
/// database that already holds a site is replaced only when `replace` is set.
pub async fn restore(config: &Config, dir: &Path, replace: bool) -> Result<Outcome> {
    let manifest = Manifest::read(dir)?;
    let database = dir.join(DATABASE_FILE);
    // The copy read is the file checked.
    let copy = files::WorkingCopy::of(&database)?;
    if files::sha256(copy.path())? != manifest.database_sha256 {
        return Err(BackupError::Refused(format!(
            "{} is not the database {} describes (changed or cut short since the backup was \
             made): nothing was restored",
            database.display(),
            manifest::FILE
        )));
    }
    let target = Store::open(&config.server.database_url).await?;
    let held: Vec<(String, i64)> = target
        .row_counts()
        .await?
        .into_iter()
        .filter(|(table, n)| *n > 0 && A_SITE.contains(&table.as_str()))
        .collect();
    if !held.is_empty() && !replace {
        target.pool().close().await;
        let held: Vec<String> = held.iter().map(|(t, n)| format!("{n} {t}")).collect();
        return Err(BackupError::Refused(format!(
            "{} already holds a site ({}): a restore replaces everything in it, so say \
             --replace if that is meant (stop its servers first)",
            redacted(&config.server.database_url),
            held.join(", ")
        )));
    }
    // Pictures first: they only add files, so a failure here leaves the site as it was.
    let media = Path::new(&config.media.dir);
    files::copy_tree(&dir.join(MEDIA_FOLDER), media)?;
    let backup = Store::open(&sqlite_url(copy.path())).await?;
    let report = target.copy_from(&backup).await;
    backup.pool().close().await;
    drop(copy);
    // Whatever came of the copy: no session or link from before stays valid.
    target.forget_sessions().await?;
    let report = report?;
    target.settle().await;
    if !report.complete() {
        return Err(BackupError::Refused(
            "something wrote to the database while it was restored: stop its servers and \
             restore again"
                .into(),
        ));
    }
    let missing = files::without_originals(&target, media).await;
    target.pool().close().await;
    Ok(Outcome {
        manifest,
        pictures_without_files: missing?,
    })
}

fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}
