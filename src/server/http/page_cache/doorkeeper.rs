//! Which pages with a query (a search, the second page of a list) were asked for lately. Such a
//! page is kept only when it is asked for again, so that a flood of one-off searches cannot fill
//! the page cache with pages nobody reads twice. Pages addressed by their path alone are no
//! more than the site's content, and are kept at once.
//!
//! A fixed table of key hashes, each slot holding the last key that fell into it. Written here
//! rather than taken from a Bloom filter crate: a Bloom filter fills up and must be cleared,
//! while this table forgets one key at a time and costs a fixed 512 KiB from the start. Under a
//! flood a slot soon changes hands (at 3,000 one-off asks a second, in about 20 seconds): a page
//! with a query asked for less often than that is rendered on each ask and not kept until the
//! flood ends, unless the cache still holds it from before (`PageCache::holds`).

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

/// At 3,000 one-off requests a second, a key keeps its slot for about 20 seconds.
const SLOTS: usize = 1 << 16;

pub(super) struct Doorkeeper {
    /// Keyed at random per process, so that nobody can pick keys that take each other's slot.
    hasher: RandomState,
    slots: Box<[AtomicU64]>,
}

impl Doorkeeper {
    pub(super) fn new() -> Self {
        Self {
            hasher: RandomState::new(),
            slots: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Whether `key` was asked for before, since its slot last changed hands; counts this ask.
    pub(super) fn asked_before(&self, key: &str) -> bool {
        // Odd, so that no key's hash is the 0 of an empty slot.
        let hash = self.hasher.hash_one(key) | 1;
        let slot = &self.slots[(hash >> 1) as usize % SLOTS];
        slot.swap(hash, Ordering::Relaxed) == hash
    }

    /// Forgets every key, as a long flood makes it forget them.
    #[cfg(test)]
    pub(super) fn forget_all(&self) {
        for slot in &self.slots {
            slot.store(0, Ordering::Relaxed);
        }
    }
}

impl std::fmt::Debug for Doorkeeper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Doorkeeper")
            .field("slots", &self.slots.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_known_from_its_second_ask_on() {
        let door = Doorkeeper::new();
        // Each key's asks in a row: two keys may share a slot (one chance in 65,536).
        for key in ["/search?q=oil", "/search?q=gas"] {
            assert!(!door.asked_before(key), "{key}");
            assert!(door.asked_before(key), "{key}");
            assert!(door.asked_before(key), "{key}");
        }
    }

    #[test]
    fn a_flood_of_one_off_keys_takes_a_fixed_table() {
        let door = Doorkeeper::new();
        let known = (0..100_000)
            .filter(|i| door.asked_before(&format!("/search?q=once+{i}")))
            .count();
        assert_eq!(known, 0, "no key asked for once is known");
        assert_eq!(door.slots.len(), SLOTS);
    }
}
