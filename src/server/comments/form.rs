//! The comment form's signed time, and the link to a held comment.
//!
//! The form carries the time its page was rendered, signed (`server::signing`), so a post that
//! comes sooner than `comments.min_seconds` after it (a robot filling the form as it loads) is
//! refused, and so is one whose form is older than [`MAX_AGE`]. Pages are kept in the page
//! cache for a while, so the time may be earlier than the reader's load: the check can only
//! ever let a quick post through, never hold back a reader who took their time.
//!
//! A held comment's link (`?held=<id>.<signature>`) is what its author is sent to after posting;
//! the page shows the comment, marked as awaiting moderation, only with that signature.

use crate::server::signing;

/// A form older than this (two days) is refused: the reader posts again from a fresh one.
pub const MAX_AGE: i64 = 2 * 86_400;

const FORM: &str = "comment-form";
const HELD: &str = "held-comment";

/// The contact form's purpose: its tokens are not the comment form's, so a page with a
/// comment form does not hand out tokens for the contact form.
pub const CONTACT_FORM: &str = "contact-form";

/// The token a comment form rendered at `now` carries.
pub fn token(key: &[u8], now: i64) -> String {
    token_for(key, FORM, now)
}

/// The token a form for `purpose` rendered at `now` carries.
pub fn token_for(key: &[u8], purpose: &str, now: i64) -> String {
    let time = now.to_string();
    format!("{time}.{}", signing::sign(key, purpose, &time))
}

/// Why a form's token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    /// Missing, altered or made with another key.
    Invalid,
    TooSoon,
    TooOld,
}

/// Checks a comment form's token at `now`.
pub fn check(key: &[u8], token: &str, now: i64, min_seconds: i64) -> Result<(), TokenProblem> {
    check_for(key, FORM, token, now, min_seconds)
}

/// Checks the token of a form for `purpose` at `now`.
pub fn check_for(
    key: &[u8],
    purpose: &str,
    token: &str,
    now: i64,
    min_seconds: i64,
) -> Result<(), TokenProblem> {
    let Some((time, signature)) = token.split_once('.') else {
        return Err(TokenProblem::Invalid);
    };
    let Ok(at) = time.parse::<i64>() else {
        return Err(TokenProblem::Invalid);
    };
    if !signing::verify(key, purpose, time, signature) {
        return Err(TokenProblem::Invalid);
    }
    if now - at < min_seconds {
        Err(TokenProblem::TooSoon)
    } else if now - at > MAX_AGE {
        Err(TokenProblem::TooOld)
    } else {
        Ok(())
    }
}

/// The `held` parameter of comment `id`'s link.
pub fn held_param(key: &[u8], id: i64) -> String {
    let id = id.to_string();
    format!("{id}.{}", signing::sign(key, HELD, &id))
}

/// The comment a `held` parameter names, when its signature holds.
pub fn held_id(key: &[u8], param: &str) -> Option<i64> {
    let (id, signature) = param.split_once('.')?;
    let n = id.parse::<i64>().ok()?;
    signing::verify(key, HELD, id, signature).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_for_signature_and_age() {
        let key = b"k";
        let t = token(key, 1_000);
        assert_eq!(check(key, &t, 1_005, 3), Ok(()));
        assert_eq!(check(key, &t, 1_001, 3), Err(TokenProblem::TooSoon));
        assert_eq!(
            check(key, &t, 1_000 + MAX_AGE + 1, 3),
            Err(TokenProblem::TooOld)
        );
        assert_eq!(check(b"other", &t, 1_005, 3), Err(TokenProblem::Invalid));
        let forged = t.replacen("1000", "900", 1);
        assert_eq!(check(key, &forged, 1_005, 3), Err(TokenProblem::Invalid));
        assert_eq!(check(key, "", 1_005, 3), Err(TokenProblem::Invalid));
        assert_eq!(check(key, "x.y", 1_005, 3), Err(TokenProblem::Invalid));
    }

    #[test]
    fn held_links_name_their_comment_only() {
        let key = b"k";
        let p = held_param(key, 42);
        assert_eq!(held_id(key, &p), Some(42));
        let other = p.replacen("42", "43", 1);
        assert_eq!(held_id(key, &other), None);
        assert_eq!(held_id(key, "42"), None);
        // A form's signature is not a held link's.
        let t = token(key, 42);
        assert_eq!(held_id(key, &t), None);
    }
}
