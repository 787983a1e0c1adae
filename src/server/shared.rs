//! Parts that many pages share (the sidebar, the site's menus and ticker), made once from the
//! site-wide rows (`read/site_data.rs`) and reused for as long as making them again would give
//! the same: until those rows are loaded anew (a write, a scheduled publication, their age) or
//! until one of the words the parts print changes with the clock ("5 minutes ago" becoming "6
//! minutes ago", the masthead's date at midnight). So a page shows exactly what a fresh make
//! would give, with the page cache off too, while most renders skip making them (a sixth of an
//! article's render with the page cache off, issue 12).

use std::sync::{Arc, Mutex};

pub struct Reused<T> {
    slot: Mutex<Option<Made<T>>>,
}

struct Made<T> {
    /// What it was made from: reused only while the same rows are current.
    source: Arc<dyn std::any::Any + Send + Sync>,
    /// The Unix time (seconds) it was made for, and the one from which it reads differently:
    /// it serves the times between.
    made: i64,
    until: i64,
    value: T,
}

impl<T> std::fmt::Debug for Reused<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reused").finish_non_exhaustive()
    }
}

impl<T> Default for Reused<T> {
    fn default() -> Self {
        Self {
            slot: Mutex::new(None),
        }
    }
}

impl<T: Clone> Reused<T> {
    /// The value made from `source` at Unix time `now`: kept, or else `make`'s (the value and
    /// the Unix time from which it reads differently) and kept.
    pub fn get<S: Send + Sync + 'static>(
        &self,
        source: &Arc<S>,
        now: i64,
        make: impl FnOnce() -> (T, i64),
    ) -> T {
        let source_id = Arc::as_ptr(source) as *const ();
        {
            let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(made) = &*slot {
                if Arc::as_ptr(&made.source) as *const () == source_id
                    && (made.made..made.until).contains(&now)
                {
                    return made.value.clone();
                }
            }
        }
        let (value, until) = make();
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        // A request that read the clock before the one kept (it waited on the way here) serves
        // what it made without replacing the newer one.
        if slot.as_ref().is_none_or(|kept| kept.made <= now) {
            *slot = Some(Made {
                source: source.clone(),
                made: now,
                until,
                value: value.clone(),
            });
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::Reused;
    use std::sync::Arc;

    #[test]
    fn a_value_is_reused_while_its_rows_are_current_and_its_words_unchanged() {
        let r = Reused::default();
        let rows = Arc::new(vec![1]);
        // Made with words that change at `until`.
        let make = |n: u32, until: i64| move || (n, until);
        assert_eq!(r.get(&rows, 10, make(1, 100)), 1);
        assert_eq!(r.get(&rows, 99, make(2, 100)), 1);
        // Its words change at 100.
        assert_eq!(r.get(&rows, 100, make(3, 200)), 3);
        // Rows loaded anew, even equal ones, make it again.
        let reloaded = Arc::new(vec![1]);
        assert_eq!(r.get(&reloaded, 150, make(4, 200)), 4);
        assert_eq!(r.get(&reloaded, 151, make(5, 200)), 4);
        // A request whose clock reads before the kept value was made makes its own, and the
        // kept one stays.
        assert_eq!(r.get(&reloaded, 149, make(6, 200)), 6);
        assert_eq!(r.get(&reloaded, 152, make(7, 200)), 4);
    }
}
