//! The media folder on disk: `originals/<key>` (the upload as it came, never served) and
//! `<key>/<file>` (its variants). Every file is written under a temporary name in its own
//! folder and then renamed, so a reader never meets half a file, and a crash leaves at worst a
//! `.tmp-…` file that the next write of it replaces.

use super::{key, MadeFile};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The folder holding the originals, beside the pictures' own folders (never a key: keys are
/// hexadecimal).
pub const ORIGINALS: &str = "originals";

#[derive(Debug, Clone)]
pub struct MediaDir {
    root: PathBuf,
}

impl MediaDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the original of `key` is kept.
    pub fn original(&self, key: &str) -> PathBuf {
        debug_assert!(key::is_key(key));
        self.root.join(ORIGINALS).join(key)
    }

    /// The folder of `key`'s variants.
    pub fn folder(&self, key: &str) -> PathBuf {
        debug_assert!(key::is_key(key));
        self.root.join(key)
    }

    /// Keeps the upload `bytes` as the original of `key` (once: the same key is the same bytes).
    pub fn keep_original(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.original(key);
        if path.is_file() {
            return Ok(());
        }
        write_whole(&path, bytes)
    }

    pub fn read_original(&self, key: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.original(key))
    }

    /// Writes the variants of `key`.
    pub fn write_variants(&self, key: &str, files: &[MadeFile]) -> io::Result<()> {
        let folder = self.folder(key);
        for f in files {
            write_whole(&folder.join(&f.name), &f.bytes)?;
        }
        Ok(())
    }

    /// Removes everything of `key`: its variants and its original (what is already gone is
    /// no error).
    pub fn remove(&self, key: &str) -> io::Result<()> {
        let gone = |r: io::Result<()>| match r {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        };
        gone(std::fs::remove_dir_all(self.folder(key)))?;
        gone(std::fs::remove_file(self.original(key)))
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let folder = path
        .parent()
        .ok_or_else(|| io::Error::other("a media file needs a folder"))?;
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::other("a media file needs a name"))?;
    let temporary = folder.join(format!(
        ".tmp-{}-{}-{name}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "0123456789abcdef0123";

    #[test]
    fn originals_and_variants_are_written_whole_and_removed_together() {
        let dir = tempfile::tempdir().unwrap();
        let media = MediaDir::new(dir.path());
        media.keep_original(KEY, b"original").unwrap();
        assert_eq!(media.read_original(KEY).unwrap(), b"original");
        assert_eq!(media.original(KEY), dir.path().join("originals").join(KEY));
        let files = [MadeFile {
            name: "320.webp".into(),
            bytes: b"webp".to_vec(),
        }];
        media.write_variants(KEY, &files).unwrap();
        assert_eq!(
            std::fs::read(dir.path().join(KEY).join("320.webp")).unwrap(),
            b"webp"
        );
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join(KEY))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["320.webp"]);
        media.remove(KEY).unwrap();
        assert!(!dir.path().join(KEY).exists());
        assert!(!media.original(KEY).exists());
        // Removing again is no error.
        media.remove(KEY).unwrap();
    }

    #[test]
    fn an_original_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        let media = MediaDir::new(dir.path());
        media.keep_original(KEY, b"first").unwrap();
        media.keep_original(KEY, b"second").unwrap();
        assert_eq!(media.read_original(KEY).unwrap(), b"first");
    }
}
