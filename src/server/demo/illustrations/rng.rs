//! The picture's dice: a SplitMix64 stream seeded from the article's slug.
//!
//! Hand-written (ten lines) rather than taken from `rand`: `rand`'s seeded generators promise
//! the same numbers only within one version, and a demo picture must stay the same picture
//! across dependency updates. The seed is XXH3 of the slug, a hash fixed by its specification.

/// A deterministic stream of numbers for one picture.
pub struct Rng(u64);

impl Rng {
    /// The stream for `text` (an article's slug): the same text always gives the same numbers.
    pub fn from_text(text: &str) -> Rng {
        Rng(xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// A number in `[lo, hi)`.
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }

    /// A whole number in `[0, n)`; `n` must not be zero.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items`, which must not be empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f32) -> bool {
        self.unit() < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gives_the_same_numbers() {
        let mut a = Rng::from_text("a-slug");
        let mut b = Rng::from_text("a-slug");
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], Rng::from_text("another-slug").next_u64());
    }

    #[test]
    fn numbers_stay_in_their_ranges() {
        let mut r = Rng::from_text("ranges");
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            let x = r.range(-3.0, 5.0);
            assert!((-3.0..5.0).contains(&x));
            assert!(r.below(7) < 7);
        }
    }
}
