//! A picture's key: the first 20 hexadecimal digits (80 bits) of the SHA-256 of its uploaded
//! bytes. The same bytes always have the same key (an upload made twice is one picture), and a
//! key names its files for good, so they can be cached for a year.

use sha2::{Digest, Sha256};

/// Hexadecimal digits in a key.
pub const LEN: usize = 20;

/// The key of an upload.
pub fn of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(LEN);
    for b in digest.iter().take(LEN / 2) {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// Whether `s` is a key as [`of`] writes it: 20 lowercase hexadecimal digits, nothing else (so
/// never `originals`, `..` or anything with a separator).
pub fn is_key(s: &str) -> bool {
    s.len() == LEN && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_the_start_of_the_sha256_and_stable() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a3…
        assert_eq!(of(b"abc"), "ba7816bf8f01cfea4141");
        assert_eq!(of(b"abc"), of(b"abc"));
        assert_ne!(of(b"abc"), of(b"abd"));
    }

    #[test]
    fn only_twenty_lowercase_hex_digits_are_a_key() {
        assert!(is_key(&of(b"picture")));
        for bad in [
            "",
            "originals",
            "..",
            "BA7816BF8F01CFEA4141",
            "ba7816bf8f01cfea414",
            "ba7816bf8f01cfea41411",
            "ba7816bf8f01cfea414g",
            "ba7816bf8f01cfea41/1",
        ] {
            assert!(!is_key(bad), "{bad}");
        }
    }
}
