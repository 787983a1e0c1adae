//! The media library at work: an upload is checked and kept as an original, and the request is
//! answered; its variants are made afterwards by a background task on a blocking thread, one
//! picture at a time (so readers keep the other core), and the row goes from `processing` to
//! `ready` or `failed`. The same bytes uploaded again are the same picture. Work left undone by
//! a stopped server is taken up at the next start ([`MediaLibrary::resume`]).

use super::files::MediaDir;
use super::{check, key, make, Limits, MediaError};
use crate::server::clock;
use crate::server::store::{NewMedia, Store, StoreError};
use std::sync::Arc;
use tokio::sync::{watch, Semaphore};

/// Pictures whose variants are made at once.
const AT_ONCE: usize = 1;

#[derive(Debug)]
pub struct MediaLibrary {
    store: Store,
    dir: MediaDir,
    limits: Limits,
    permits: Semaphore,
    /// Pictures waiting for or having their variants made.
    busy: watch::Sender<usize>,
}

/// An upload as the newsroom's form sends it.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// What became of an upload that was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub id: i64,
    /// False when the same bytes were uploaded before: that picture is reused.
    pub new: bool,
}

/// Why an upload was not kept.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error(transparent)]
    Refused(#[from] MediaError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MediaLibrary {
    pub fn new(store: Store, config: &crate::server::config::MediaConfig) -> Arc<Self> {
        Arc::new(Self {
            store,
            dir: MediaDir::new(&config.dir),
            limits: Limits::of(config),
            permits: Semaphore::new(AT_ONCE),
            busy: watch::Sender::new(0),
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn dir(&self) -> &MediaDir {
        &self.dir
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Checks `upload` (without decoding its pixels), keeps it as an original and records it,
    /// then has its variants made in the background. Returns at once.
    pub async fn accept(
        self: &Arc<Self>,
        upload: Upload,
        by: Option<i64>,
    ) -> Result<Accepted, UploadError> {
        let Upload {
            bytes,
            file_name,
            alt,
            caption,
            credit,
        } = upload;
        let this = self.clone();
        // Hashing 20 MB and reading a header are a few milliseconds of CPU: off the async threads.
        let (checked, key, bytes) = tokio::task::spawn_blocking(move || {
            let checked = check(&bytes, &this.limits)?;
            let key = key::of(&bytes);
            this.dir
                .keep_original(&key, &bytes)
                .map_err(|e| MediaError::internal("keeping an uploaded original failed", e))?;
            Ok::<_, MediaError>((checked, key, bytes.len()))
        })
        .await
        .map_err(|e| MediaError::internal("checking an upload failed", e))??;
        let row = NewMedia {
            key: &key,
            file_name: &file_name,
            mime: checked.kind.mime(),
            width: checked.width,
            height: checked.height,
            bytes: bytes as i64,
            alt: &alt,
            caption: &caption,
            credit: &credit,
        };
        let now = clock::now().unix_timestamp();
        let (id, new) = self.store.add_media(&row, by, now).await?;
        if new {
            self.make_later(id, key);
        }
        Ok(Accepted { id, new })
    }

    /// Makes the variants of every picture still `processing` (at start: what a stopped
    /// server left undone). Returns how many were taken up.
    pub async fn resume(self: &Arc<Self>) -> Result<usize, StoreError> {
        let pending = self.store.pending_media().await?;
        let n = pending.len();
        for (id, key) in pending {
            self.make_later(id, key);
        }
        Ok(n)
    }

    /// Completes when no picture is waiting for its variants or having them made.
    pub async fn settled(&self) {
        let mut busy = self.busy.subscribe();
        let _ = busy.wait_for(|n| *n == 0).await;
    }

    /// Deletes picture `id` with its files; `Ok(false)` when there is no such picture. Refused
    /// with [`StoreError::Conflict`] while an article uses it.
    pub async fn delete(&self, id: i64) -> Result<bool, StoreError> {
        let Some(key) = self.store.delete_media(id).await? else {
            return Ok(false);
        };
        let dir = self.dir.clone();
        let removed = tokio::task::spawn_blocking(move || dir.remove(&key)).await;
        match removed {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "removing a deleted picture's files failed"),
            Err(e) => tracing::error!(error = %e, "removing a deleted picture's files failed"),
        }
        Ok(true)
    }

    /// Queues the making of picture `id`'s variants.
    fn make_later(self: &Arc<Self>, id: i64, key: String) {
        self.busy.send_modify(|n| *n += 1);
        let this = self.clone();
        tokio::spawn(async move {
            this.make_now(id, key).await;
            this.busy.send_modify(|n| *n -= 1);
        });
    }

    async fn make_now(&self, id: i64, key: String) {
        let Ok(_permit) = self.permits.acquire().await else {
            return;
        };
        let (dir, limits) = (self.dir.clone(), self.limits);
        let made = tokio::task::spawn_blocking(move || {
            let original = dir.read_original(&key).map_err(|e| {
                MediaError::internal("reading an original to make its variants failed", e)
            })?;
            let made = make(&original, &limits);
            drop(original);
            let written = made.and_then(|made| {
                dir.write_variants(&key, &made.files)
                    .map_err(|e| MediaError::internal("writing a picture's variants failed", e))?;
                Ok::<_, MediaError>(made.widths)
            });
            super::memory::give_back_freed();
            written
        })
        .await
        .unwrap_or_else(|e| {
            Err(MediaError::internal(
                "making a picture's variants failed",
                e,
            ))
        });
        let recorded = match made {
            Ok(widths) => self.store.media_ready(id, &widths).await,
            Err(e) => self.store.media_failed(id, &e.to_string()).await,
        };
        if let Err(e) = recorded {
            tracing::error!(error = %e, id, "recording a picture's variants failed");
        }
    }
}
