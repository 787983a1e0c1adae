//! Parts that many pages share (the sidebar, the site's menus and ticker), computed once and
//! reused while the store reports no write, for at most `http.page_cache_seconds` (they carry
//! relative times, and scheduled articles appear when their time comes). The page cache keeps
//! whole pages; this keeps the parts that every page it misses would otherwise query again.
//! Together, a page served from the page cache can show these parts up to three times
//! `http.page_cache_seconds` old (reused here, kept there, then served while it renders again):
//! 90 seconds with the default 30.

use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Reused<T> {
    ttl: Duration,
    slot: Mutex<Option<(u64, Instant, T)>>,
}

impl<T> std::fmt::Debug for Reused<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reused")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl<T: Clone> Reused<T> {
    /// A zero `ttl` computes the value every time.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slot: Mutex::new(None),
        }
    }

    /// The value made at content version `version`, from `make` unless a fresh one is kept.
    /// (Two requests that miss at once both make it; the later one is kept.)
    pub async fn get<E, F>(&self, version: u64, make: impl FnOnce() -> F) -> Result<T, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        if let Some((v, at, value)) = &*self.slot.lock().unwrap_or_else(|e| e.into_inner()) {
            if *v == version && at.elapsed() < self.ttl {
                return Ok(value.clone());
            }
        }
        let value = make().await?;
        if !self.ttl.is_zero() {
            *self.slot.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((version, Instant::now(), value.clone()));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Reused;
    use std::time::Duration;

    #[tokio::test]
    async fn a_value_is_reused_until_the_version_changes_or_it_expires() {
        let r = Reused::new(Duration::from_secs(60));
        let make = |n: u32| move || async move { Ok::<_, ()>(n) };
        assert_eq!(r.get(1, make(10)).await, Ok(10));
        assert_eq!(r.get(1, make(11)).await, Ok(10));
        assert_eq!(r.get(2, make(12)).await, Ok(12));
        // An error is passed on and nothing is kept.
        assert_eq!(
            r.get(3, || async { Err::<u32, _>("down") }).await,
            Err("down")
        );
        assert_eq!(r.get(2, make(13)).await, Ok(12));

        let off = Reused::new(Duration::ZERO);
        assert_eq!(off.get(1, make(1)).await, Ok(1));
        assert_eq!(off.get(1, make(2)).await, Ok(2));
        let short = Reused::new(Duration::from_millis(20));
        assert_eq!(short.get(1, make(1)).await, Ok(1));
        tokio::time::sleep(Duration::from_millis(40)).await;
        assert_eq!(short.get(1, make(2)).await, Ok(2));
    }
}
