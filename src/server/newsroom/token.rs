//! Secrets the newsroom hands out (session ids, form tokens, setup and invitation links): 256
//! random bits from the operating system, written URL-safe. The store keeps only their SHA-256,
//! so reading the database does not give them away.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// A fresh random token (43 URL-safe characters).
pub fn random() -> String {
    let mut bytes = [0u8; 32];
    // The OS's generator failing is a broken machine, not a request's fault: nothing secret can
    // be made without it.
    getrandom::fill(&mut bytes).expect("the operating system's random number generator failed");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps of `token`.
pub fn digest(token: &str) -> String {
    let sum = Sha256::digest(token.as_bytes());
    sum.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_url_safe_and_their_digests_fixed() {
        let (a, b) = (random(), random());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same("abc", "abcd"));
    }
}
