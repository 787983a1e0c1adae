//! Staff passwords: what is accepted, and Argon2id hashes (RustCrypto `argon2`, its default
//! parameters: 19 MiB, 2 passes, the OWASP recommendation), computed on tokio's blocking threads so
//! a sign-in never stalls the workers that serve readers.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

pub const MIN_CHARS: usize = 10;
/// Longer ones are refused before hashing (a megabyte password is an attack, not a password).
pub const MAX_CHARS: usize = 200;

/// Common passwords of at least `MIN_CHARS` characters (shorter ones are refused by length), in
/// lower case: the ones guessed first.
const COMMON: &[&str] = &[
    "0000000000",
    "0123456789",
    "0987654321",
    "1111111111",
    "11111111111",
    "1212121212",
    "123123123123",
    "1234512345",
    "1234567890",
    "12345678910",
    "123456789a",
    "1234567890a",
    "1234567890q",
    "1234qwerty",
    "123456qwerty",
    "123qweasdzxc",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "a123456789",
    "aaaaaaaaaa",
    "abc1234567",
    "abcdefghij",
    "abcd123456",
    "administrator",
    "asdfghjkl1",
    "asdfghjkl;",
    "baseball123",
    "changeme123",
    "dragon12345",
    "football123",
    "iloveyou12",
    "iloveyou123",
    "letmein123",
    "letmeinplease",
    "monkey12345",
    "passw0rd123",
    "password!!",
    "password01",
    "password1!",
    "password12",
    "password123",
    "password1234",
    "password12345",
    "princess123",
    "q1w2e3r4t5",
    "qazwsxedcrfv",
    "qwerty12345",
    "qwerty123456",
    "qwerty1234",
    "qwertyuiop",
    "qwertyuiop123",
    "starwars123",
    "sunshine123",
    "superman123",
    "trustno1234",
    "welcome123",
    "welcome1234",
    "zaq12wsxcde",
    "zxcvbnm123",
    "zxcvbnmasdfghjkl",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Weak {
    #[error("The password must be at least {MIN_CHARS} characters long.")]
    TooShort,
    #[error("The password must be at most {MAX_CHARS} characters long.")]
    TooLong,
    #[error("That password is one of the most common ones. Please choose another.")]
    Common,
    #[error("The password must not be your email address or your name.")]
    Personal,
}

/// Whether `password` may be set for the account with `email` and `name`.
pub fn acceptable(password: &str, email: &str, name: &str) -> Result<(), Weak> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        return Err(Weak::TooShort);
    }
    if n > MAX_CHARS {
        return Err(Weak::TooLong);
    }
    let lower = password.to_lowercase();
    let mut chars = lower.chars();
    let first = chars.next();
    if COMMON.contains(&lower.as_str()) || chars.all(|c| Some(c) == first) {
        return Err(Weak::Common);
    }
    let squeezed = |s: &str| s.to_lowercase().replace(char::is_whitespace, "");
    if lower == email.to_lowercase() || squeezed(password) == squeezed(name) {
        return Err(Weak::Personal);
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// The Argon2id PHC string of `password`, with a fresh salt.
pub async fn hash(password: &str) -> Result<String, HashError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| HashError(e.to_string()))?
}

pub(crate) fn hash_now(password: &str) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| HashError(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| HashError(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether `password` matches `stored` (a PHC string). With no stored hash (an unknown address,
/// an account without a password) a dummy hash is checked anyway, so the answer takes as long and
/// does not tell which addresses have accounts.
pub async fn verify(password: &str, stored: Option<String>) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let phc = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let ok = PasswordHash::new(&phc)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && known
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("not a password anyone has").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        let ok = |p| acceptable(p, "ana@example.com", "Ana Lima");
        assert_eq!(ok("short"), Err(Weak::TooShort));
        // Ten characters, counted as characters: Arabic letters are two bytes each.
        assert_eq!(ok("كلمةسرطويل"), Ok(()));
        assert_eq!(ok("كلمةسرطوي"), Err(Weak::TooShort));
        assert_eq!(ok("Password123"), Err(Weak::Common));
        assert_eq!(ok("zzzzzzzzzzzz"), Err(Weak::Common));
        assert_eq!(ok("ANA@example.com"), Err(Weak::Personal));
        assert_eq!(ok("ana lima ana lima"), Ok(()));
        assert_eq!(
            acceptable("Ana Lima Santos", "a@b.c", "ana limasantos"),
            Err(Weak::Personal)
        );
        let longest = "x".repeat(MAX_CHARS).replacen('x', "y", 1);
        assert_eq!(ok(&longest), Ok(()));
        let too_long = "xy".repeat(MAX_CHARS);
        assert_eq!(ok(&too_long), Err(Weak::TooLong));
        assert_eq!(ok("correct horse battery staple"), Ok(()));
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_and_no_other() {
        let h = hash("correct horse battery staple").await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery staple", Some(h.clone())).await);
        assert!(!verify("correct horse battery stapler", Some(h.clone())).await);
        assert!(!verify("correct horse battery staple", None).await);
        assert!(!verify("x", Some("not a phc string".into())).await);
        // A fresh salt each time.
        assert_ne!(hash("correct horse battery staple").await.unwrap(), h);
    }
}
