//! A value loaded from the store and kept in memory until the store reports a write
//! ([`Store::content_version`](crate::server::store::Store::content_version)), until a moment the
//! loader names (the next scheduled article's publication), or until it is `max_age` old,
//! whichever comes first. Only one load runs at a time; requests that find the value out of date
//! meanwhile wait for it instead of each querying again.
//!
//! It keeps raw rows, so pages still format "5 minutes ago" when they render; `shared.rs` keeps
//! the finished parts made from these rows, while this value stays the current one and their
//! words have not changed (issue 12).

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Snapshot<T> {
    max_age: Duration,
    kept: Mutex<Option<Kept<T>>>,
    loading: tokio::sync::Mutex<()>,
}

struct Kept<T> {
    version: u64,
    loaded: Instant,
    /// Out of date from this Unix time on (seconds), when the loader named one.
    until: Option<i64>,
    value: Arc<T>,
}

impl<T> std::fmt::Debug for Snapshot<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("max_age", &self.max_age)
            .finish_non_exhaustive()
    }
}

impl<T> Snapshot<T> {
    pub fn new(max_age: Duration) -> Self {
        Self {
            max_age,
            kept: Mutex::new(None),
            loading: tokio::sync::Mutex::new(()),
        }
    }

    fn current(&self, version: u64, now: i64) -> Option<Arc<T>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|k| {
                k.version == version
                    && k.loaded.elapsed() < self.max_age
                    && k.until.is_none_or(|u| now < u)
            })
            .map(|k| k.value.clone())
    }

    /// The value for content version `version()` at Unix time `now`: the kept one while it is
    /// up to date, or else what `load` returns (the value, and the Unix time it goes out of
    /// date at, if any). An error is passed on and nothing is kept.
    pub async fn get<E, F>(
        &self,
        version: impl Fn() -> u64,
        now: i64,
        load: impl FnOnce() -> F,
    ) -> Result<Arc<T>, E>
    where
        F: Future<Output = Result<(T, Option<i64>), E>>,
    {
        if let Some(value) = self.current(version(), now) {
            return Ok(value);
        }
        let _loading = self.loading.lock().await;
        // Read before loading: a write during the load leaves the value out of date at once.
        let v = version();
        if let Some(value) = self.current(v, now) {
            return Ok(value);
        }
        let loaded = Instant::now();
        let (value, until) = load().await?;
        let value = Arc::new(value);
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(Kept {
            version: v,
            loaded,
            until,
            value: value.clone(),
        });
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Snapshot;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    #[tokio::test]
    async fn a_value_is_kept_until_a_write_its_moment_or_its_age() {
        let s = Snapshot::new(Duration::from_secs(60));
        let version = AtomicU64::new(1);
        let v = || version.load(Ordering::SeqCst);
        let load = |n: u32, until: Option<i64>| move || async move { Ok::<_, ()>((n, until)) };
        assert_eq!(*s.get(v, 100, load(1, Some(200))).await.unwrap(), 1);
        assert_eq!(*s.get(v, 199, load(2, None)).await.unwrap(), 1);
        // The moment the loader named has come: loaded again.
        assert_eq!(*s.get(v, 200, load(3, None)).await.unwrap(), 3);
        assert_eq!(*s.get(v, 10_000, load(4, None)).await.unwrap(), 3);
        // A write: loaded again.
        version.store(2, Ordering::SeqCst);
        assert_eq!(*s.get(v, 10_000, load(5, None)).await.unwrap(), 5);
        // An error is passed on and nothing is kept.
        version.store(3, Ordering::SeqCst);
        assert_eq!(
            s.get(v, 0, || async { Err::<(u32, _), _>("down") }).await,
            Err("down")
        );
        assert_eq!(*s.get(v, 0, load(6, None)).await.unwrap(), 6);

        let short = Snapshot::new(Duration::from_millis(20));
        assert_eq!(*short.get(v, 0, load(1, None)).await.unwrap(), 1);
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_eq!(*short.get(v, 0, load(2, None)).await.unwrap(), 2);
    }

    #[tokio::test]
    async fn requests_that_miss_at_once_load_once() {
        let s = Arc::new(Snapshot::new(Duration::from_secs(60)));
        let loads = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (s, loads) = (s.clone(), loads.clone());
            tasks.push(tokio::spawn(async move {
                s.get(
                    || 1,
                    0,
                    || async move {
                        loads.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        Ok::<_, ()>((7, None))
                    },
                )
                .await
            }));
        }
        for t in tasks {
            assert_eq!(*t.await.unwrap().unwrap(), 7);
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
    }
}
