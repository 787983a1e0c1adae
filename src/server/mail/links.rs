//! The links newsletter messages carry, signed with the site's key (`server::signing`):
//! - confirm: `/subscribe/confirm?token=<id>.<expires>.<signature>`, for a week; it names the
//!   subscriber and is signed over its address's key, so it confirms that address only;
//! - unsubscribe: `/subscribe/unsubscribe?token=<id>.<signature>`, for good (every message
//!   carries one, and RFC 8058's one-click `POST` goes to the same address).

use crate::server::signing;

/// How long a confirmation link works: a week.
pub const CONFIRM_FOR: i64 = 7 * 86_400;

const CONFIRM: &str = "confirm-subscription";
const UNSUBSCRIBE: &str = "unsubscribe";

/// A confirmation token for subscriber `id` (address key `key`) made at `now`.
pub fn confirm_token(signing_key: &[u8], id: i64, key: &str, now: i64) -> String {
    let expires = now + CONFIRM_FOR;
    let signature = signing::sign(signing_key, CONFIRM, &format!("{id}:{expires}:{key}"));
    format!("{id}.{expires}.{signature}")
}

/// An unsubscribe token for subscriber `id` (address key `key`).
pub fn unsubscribe_token(signing_key: &[u8], id: i64, key: &str) -> String {
    format!(
        "{id}.{}",
        signing::sign(signing_key, UNSUBSCRIBE, &format!("{id}:{key}"))
    )
}

/// What a token in a link says, before its signature is checked against the address it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: i64,
    expires: Option<i64>,
    signature: String,
}

/// Reads a token (its shape only).
pub fn parse(token: &str) -> Option<Token> {
    let mut parts = token.trim().split('.');
    let id = parts.next()?.parse().ok()?;
    let (expires, signature) = match (parts.next()?, parts.next(), parts.next()) {
        (sig, None, None) => (None, sig),
        (expires, Some(sig), None) => (Some(expires.parse().ok()?), sig),
        _ => return None,
    };
    Some(Token {
        id,
        expires,
        signature: signature.to_string(),
    })
}

/// Why a link was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkProblem {
    Invalid,
    Expired,
}

impl Token {
    /// Checks a confirmation token against the address key of the subscriber it names.
    pub fn check_confirm(
        &self,
        signing_key: &[u8],
        key: &str,
        now: i64,
    ) -> Result<(), LinkProblem> {
        let expires = self.expires.ok_or(LinkProblem::Invalid)?;
        let message = format!("{}:{expires}:{key}", self.id);
        if !signing::verify(signing_key, CONFIRM, &message, &self.signature) {
            return Err(LinkProblem::Invalid);
        }
        if now > expires {
            return Err(LinkProblem::Expired);
        }
        Ok(())
    }

    /// Checks an unsubscribe token against the address key of the subscriber it names.
    pub fn check_unsubscribe(&self, signing_key: &[u8], key: &str) -> Result<(), LinkProblem> {
        let message = format!("{}:{key}", self.id);
        if self.expires.is_some()
            || !signing::verify(signing_key, UNSUBSCRIBE, &message, &self.signature)
        {
            return Err(LinkProblem::Invalid);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_hold_for_their_subscriber_address_and_time() {
        let k = b"key";
        let t = confirm_token(k, 7, "ann@example.com", 1_000);
        let parsed = parse(&t).unwrap();
        assert_eq!(parsed.id, 7);
        assert_eq!(
            parsed.check_confirm(k, "ann@example.com", 1_000 + CONFIRM_FOR),
            Ok(())
        );
        assert_eq!(
            parsed.check_confirm(k, "ann@example.com", 1_001 + CONFIRM_FOR),
            Err(LinkProblem::Expired)
        );
        // Another address (the subscriber's key changed), another key, an altered expiry.
        assert_eq!(
            parsed.check_confirm(k, "bob@example.com", 1_000),
            Err(LinkProblem::Invalid)
        );
        assert_eq!(
            parsed.check_confirm(b"other", "ann@example.com", 1_000),
            Err(LinkProblem::Invalid)
        );
        let stretched = t.replacen(&(1_000 + CONFIRM_FOR).to_string(), "99999999999", 1);
        assert_eq!(
            parse(&stretched)
                .unwrap()
                .check_confirm(k, "ann@example.com", 1_000),
            Err(LinkProblem::Invalid)
        );
        // A confirmation is not an unsubscription, nor the reverse.
        assert_eq!(
            parsed.check_unsubscribe(k, "ann@example.com"),
            Err(LinkProblem::Invalid)
        );
        let u = parse(&unsubscribe_token(k, 7, "ann@example.com")).unwrap();
        assert_eq!(u.check_unsubscribe(k, "ann@example.com"), Ok(()));
        assert_eq!(
            u.check_confirm(k, "ann@example.com", 0),
            Err(LinkProblem::Invalid)
        );
        assert_eq!(parse("x.y"), None);
        assert_eq!(parse("1.2.3.4"), None);
    }
}
