//! `backup.json`: what a backup holds, written once the rest is in place (a folder without it
//! is an unfinished backup), and checked by a restore against what it reads.

use super::files::Copied;
use super::{BackupError, Result};
use crate::server::store::db::Backend;
use std::collections::BTreeMap;
use std::path::Path;

/// The manifest's file name in a backup's folder.
pub const FILE: &str = "backup.json";
/// The layout this build writes and reads.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    /// The backup folder's layout (1: `timelines.db`, `media/`, this file).
    pub format: u32,
    /// When it was made, RFC 3339 in UTC.
    pub made_at: String,
    /// The build that made it.
    pub made_by: String,
    /// The database it was made from: `sqlite` or `postgres`.
    pub source: String,
    /// Rows in each table of the snapshot.
    pub tables: BTreeMap<String, i64>,
    /// The files and bytes of its copy of the media folder.
    pub media: Copied,
    /// The SHA-256 of `timelines.db`, in hexadecimal.
    pub database_sha256: String,
}

impl Manifest {
    pub fn new(
        source: Backend,
        tables: impl Iterator<Item = (String, i64)>,
        media: Copied,
        database_sha256: String,
    ) -> Self {
        let now = crate::server::clock::now();
        Self {
            format: FORMAT,
            made_at: now
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            made_by: format!("timelines {}", env!("CARGO_PKG_VERSION")),
            source: match source {
                Backend::Sqlite => "sqlite",
                Backend::Postgres => "postgres",
            }
            .to_string(),
            tables: tables.collect(),
            media,
            database_sha256,
        }
    }

    pub fn articles(&self) -> i64 {
        self.tables.get("articles").copied().unwrap_or(0)
    }

    /// Writes it into `dir` (under a temporary name first: it is there whole or not at all).
    pub fn write(&self, dir: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).expect("a manifest serialises");
        let (partial, path) = (dir.join(format!("{FILE}.partial")), dir.join(FILE));
        std::fs::write(&partial, text + "\n")
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|source| BackupError::Io {
                what: "cannot write",
                path,
                source,
            })
    }

    pub fn read(dir: &Path) -> Result<Self> {
        let path = dir.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            BackupError::Refused(format!(
                "{} cannot be read ({e}): {} is not a finished backup",
                path.display(),
                dir.display()
            ))
        })?;
        let manifest: Self = serde_json::from_str(&text).map_err(|e| {
            BackupError::Refused(format!(
                "{} is not a backup's manifest: {e}",
                path.display()
            ))
        })?;
        if manifest.format != FORMAT {
            return Err(BackupError::Refused(format!(
                "{} is a backup of format {} (made by {}); this build reads format {FORMAT}",
                dir.display(),
                manifest.format,
                manifest.made_by
            )));
        }
        Ok(manifest)
    }

    /// The first table whose rows `read` differ from these, described, if any.
    pub fn differs_from(&self, read: &[(String, i64)]) -> Option<String> {
        let read: BTreeMap<&str, i64> = read.iter().map(|(t, n)| (t.as_str(), *n)).collect();
        self.tables.iter().find_map(|(table, want)| {
            let got = read.get(table.as_str()).copied().unwrap_or(0);
            (got != *want).then(|| format!("{table}: {got} rows, {want} expected"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_names_the_first_table_that_differs() {
        let dir = std::env::temp_dir().join(format!("timelines-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let tables = [("articles".to_string(), 12), ("tags".to_string(), 3)];
        let m = Manifest::new(
            Backend::Sqlite,
            tables.clone().into_iter(),
            Copied::default(),
            "ab".repeat(32),
        );
        m.write(&dir).unwrap();
        let back = Manifest::read(&dir).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.articles(), 12);
        assert_eq!(back.differs_from(&tables), None);
        let short = [("articles".to_string(), 11), ("tags".to_string(), 3)];
        assert_eq!(
            back.differs_from(&short).as_deref(),
            Some("articles: 11 rows, 12 expected")
        );

        std::fs::write(dir.join(FILE), r#"{"format": 9}"#).unwrap();
        let e = Manifest::read(&dir).unwrap_err().to_string();
        assert!(e.contains("is not a backup's manifest"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
        let e = Manifest::read(&dir).unwrap_err().to_string();
        assert!(e.contains("is not a finished backup"), "{e}");
    }
}
