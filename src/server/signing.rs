//! Short signatures with the site's shared key (`Store::signing_key`): HMAC-SHA-256 of a
//! purpose and a message, cut to 128 bits and written URL-safe. A signature made for one
//! purpose (a comment form's time) never passes for another (a held comment's link).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Bytes of the MAC kept: 128 bits, 22 characters.
const KEPT: usize = 16;

fn mac(key: &[u8], purpose: &str, message: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(purpose.as_bytes());
    mac.update(&[0]);
    mac.update(message.as_bytes());
    mac
}

/// The signature of `message` for `purpose`.
pub fn sign(key: &[u8], purpose: &str, message: &str) -> String {
    URL_SAFE_NO_PAD.encode(&mac(key, purpose, message).finalize().into_bytes()[..KEPT])
}

/// Whether `signature` is `message`'s for `purpose` (compared in constant time).
pub fn verify(key: &[u8], purpose: &str, message: &str, signature: &str) -> bool {
    match URL_SAFE_NO_PAD.decode(signature) {
        Ok(bytes) if bytes.len() == KEPT => mac(key, purpose, message)
            .verify_truncated_left(&bytes)
            .is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_hold_for_their_purpose_and_message_only() {
        let key = b"a key";
        let s = sign(key, "form", "42");
        assert_eq!(s.len(), 22);
        assert!(verify(key, "form", "42", &s));
        assert!(!verify(key, "held", "42", &s));
        assert!(!verify(key, "form", "43", &s));
        assert!(!verify(b"another key", "form", "42", &s));
        assert!(!verify(key, "form", "42", &s[..21]));
        assert!(!verify(key, "form", "42", "not base64 at all!"));
    }
}
