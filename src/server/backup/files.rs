//! The backup's files: its folder (its owner's alone), the media folder copied into it (and
//! back), the database file's digest, the working copy of its database a restore reads, and
//! the check that every picture has its original.

use super::{BackupError, Result};
use crate::server::media::MediaDir;
use crate::server::store::Store;
use sha2::{Digest, Sha256};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Files and bytes in a copied folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Copied {
    pub files: u64,
    pub bytes: u64,
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_path_buf();
    move |source| BackupError::Io { what, path, source }
}

/// Makes `dir` (with its parents) readable by its owner only, refusing one that holds
/// anything: a backup is never written over another.
pub fn private_folder(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io("cannot read", dir))?;
        if entries.next().is_some() {
            return Err(BackupError::Refused(format!(
                "{} is not empty: a backup goes into a new or empty folder, never over another",
                dir.display()
            )));
        }
    } else {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io("cannot make", dir))?;
    }
    let owner_only = std::fs::Permissions::from_mode(0o700);
    std::fs::set_permissions(dir, owner_only).map_err(io("cannot protect", dir))
}

/// Makes `file` readable and writable by its owner only.
pub fn private_file(file: &Path) -> Result<()> {
    let owner_only = std::fs::Permissions::from_mode(0o600);
    std::fs::set_permissions(file, owner_only).map_err(io("cannot protect", file))
}

/// Checks that the SQLite database at `file` has no write-ahead log beside it (everything is in
/// the file itself, so the file alone is the database).
pub fn no_log_left(file: &Path) -> Result<()> {
    let mut log = file.as_os_str().to_owned();
    log.push("-wal");
    match std::fs::metadata(PathBuf::from(log)) {
        Ok(m) if m.len() > 0 => Err(BackupError::Refused(format!(
            "{} still has a write-ahead log after it was closed",
            file.display()
        ))),
        _ => Ok(()),
    }
}

/// Refuses a backup folder inside the media folder (the copy would copy itself).
pub fn not_inside(dir: &Path, media: &Path) -> Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    if absolute(dir).starts_with(absolute(media)) {
        return Err(BackupError::Refused(format!(
            "{} is inside the media folder {}: put the backup elsewhere",
            dir.display(),
            media.display()
        )));
    }
    Ok(())
}

/// The files and bytes under `dir`.
pub fn count_tree(dir: &Path) -> Result<Copied> {
    let mut counted = Copied::default();
    if !dir.exists() {
        return Ok(counted);
    }
    for entry in std::fs::read_dir(dir).map_err(io("cannot read", dir))? {
        let entry = entry.map_err(io("cannot read", dir))?;
        let meta = entry.metadata().map_err(io("cannot read", &entry.path()))?;
        if meta.is_dir() {
            let inner = count_tree(&entry.path())?;
            counted.files += inner.files;
            counted.bytes += inner.bytes;
        } else if meta.is_file() {
            counted.files += 1;
            counted.bytes += meta.len();
        }
    }
    Ok(counted)
}

/// The SHA-256 of `file`'s bytes, in hexadecimal.
pub fn sha256(file: &Path) -> Result<String> {
    let mut reader = std::fs::File::open(file).map_err(io("cannot read", file))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut reader, &mut hasher).map_err(io("cannot read", file))?;
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// `Ok(None)` for a file or folder that went away (a picture deleted meanwhile).
fn unless_gone<T>(r: std::io::Result<T>) -> std::io::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Copies every file under `from` into the same place under `to`, but a half-written one (the
/// media folder's `.tmp-…` names) and one already there at the same size: pictures' files are
/// named by their content and never rewritten, so one of the same name and size is the same
/// file. A missing `from` is an empty folder (a site with no pictures yet). Returns what `from`
/// held. What goes away meanwhile (a picture deleted) is left out.
pub fn copy_tree(from: &Path, to: &Path) -> Result<Copied> {
    let mut copied = Copied::default();
    let Some(entries) = unless_gone(std::fs::read_dir(from)).map_err(io("cannot read", from))?
    else {
        return Ok(copied);
    };
    std::fs::create_dir_all(to).map_err(io("cannot make", to))?;
    for entry in entries {
        let entry = entry.map_err(io("cannot read", from))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(".tmp-") {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        let kind = entry.file_type().map_err(io("cannot read", &source))?;
        if kind.is_dir() {
            let inner = copy_tree(&source, &target)?;
            copied.files += inner.files;
            copied.bytes += inner.bytes;
        } else if kind.is_file() {
            let Some(meta) = unless_gone(entry.metadata()).map_err(io("cannot read", &source))?
            else {
                continue;
            };
            let len = meta.len();
            let there = std::fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == len);
            if !there && !copy_file(&source, &target)? {
                continue;
            }
            copied.files += 1;
            copied.bytes += len;
        }
    }
    Ok(copied)
}

/// Copies under a temporary name, then renames: a file in the copy is whole or absent. False
/// when the source went away meanwhile.
fn copy_file(source: &Path, target: &Path) -> Result<bool> {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let partial = target.with_file_name(format!(".tmp-backup-{name}"));
    if unless_gone(std::fs::copy(source, &partial))
        .map_err(io("cannot copy", source))?
        .is_none()
    {
        return Ok(false);
    }
    std::fs::rename(&partial, target).map_err(io("cannot write", target))?;
    Ok(true)
}

/// The content keys of the pictures `store` records whose original is not under `media`.
pub async fn without_originals(store: &Store, media: &Path) -> Result<Vec<String>> {
    let dir = MediaDir::new(media);
    Ok(store
        .media_keys()
        .await?
        .into_iter()
        .filter(|key| !dir.original(key).is_file())
        .collect())
}

/// A copy of a backup's database in the system's temporary folder (`TMPDIR`), which a restore
/// opens instead of the backup's own file: opening an SQLite database writes beside it, and a
/// newer build would migrate it. Removed when dropped.
pub struct WorkingCopy(PathBuf);

impl WorkingCopy {
    pub fn of(database: &Path) -> Result<Self> {
        if !database.is_file() {
            return Err(BackupError::Refused(format!(
                "{} is missing: not a backup's folder",
                database.display()
            )));
        }
        let path = std::env::temp_dir().join(format!(
            "timelines-restore-{}-{}.db",
            std::process::id(),
            crate::server::clock::now().unix_timestamp_nanos()
        ));
        let mut reader = std::fs::File::open(database).map_err(io("cannot read", database))?;
        let mut writer = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(io("cannot make", &path))?;
        let copy = Self(path);
        std::io::copy(&mut reader, &mut writer)
            .map_err(io("cannot copy the backup's database to", copy.path()))?;
        Ok(copy)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkingCopy {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = self.0.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "timelines-files-{name}-{}-{}",
            std::process::id(),
            crate::server::clock::now().unix_timestamp_nanos()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_tree_is_copied_whole_leaving_half_written_files_and_copying_nothing_twice() {
        let from = temp("from");
        std::fs::create_dir_all(from.join("originals")).unwrap();
        std::fs::write(from.join("originals/abc"), b"original").unwrap();
        std::fs::create_dir_all(from.join("abc")).unwrap();
        std::fs::write(from.join("abc/320.webp"), b"small").unwrap();
        std::fs::write(from.join("abc/.tmp-1-2-640.webp"), b"half").unwrap();
        let to = temp("to").join("media");

        let copied = copy_tree(&from, &to).unwrap();
        assert_eq!(
            copied,
            Copied {
                files: 2,
                bytes: 13
            }
        );
        assert_eq!(
            std::fs::read(to.join("originals/abc")).unwrap(),
            b"original"
        );
        assert_eq!(std::fs::read(to.join("abc/320.webp")).unwrap(), b"small");
        assert!(!to.join("abc/.tmp-1-2-640.webp").exists());

        // Run again: a file already there is left alone; a new one comes.
        let stamp = std::fs::metadata(to.join("abc/320.webp"))
            .unwrap()
            .modified()
            .unwrap();
        std::fs::write(from.join("abc/640.webp"), b"larger").unwrap();
        assert_eq!(copy_tree(&from, &to).unwrap().files, 3);
        let again = std::fs::metadata(to.join("abc/320.webp"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(stamp, again);
        assert_eq!(std::fs::read(to.join("abc/640.webp")).unwrap(), b"larger");

        assert_eq!(
            copy_tree(&from.join("none"), &to).unwrap(),
            Copied::default()
        );
    }

    #[test]
    fn a_backup_folder_is_new_or_empty_its_owners_alone_and_not_in_the_media_folder() {
        let dir = temp("full");
        std::fs::write(dir.join("x"), b"x").unwrap();
        let e = private_folder(&dir).unwrap_err().to_string();
        assert!(e.contains("is not empty"), "{e}");
        let new = dir.join("new/deeper");
        private_folder(&new).unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        let e = not_inside(&dir.join("media/backups/today"), &dir.join("media"));
        assert!(e
            .unwrap_err()
            .to_string()
            .contains("inside the media folder"));
        not_inside(&dir.join("backups"), &dir.join("media")).unwrap();
    }

    #[test]
    fn a_files_digest_is_its_sha256() {
        let dir = temp("digest");
        std::fs::write(dir.join("abc"), b"abc").unwrap();
        assert_eq!(
            sha256(&dir.join("abc")).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
