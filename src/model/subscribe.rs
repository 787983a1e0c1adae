//! The outcome of a newsletter sign-up, with what the reader is told.

use serde::{Deserialize, Serialize};

/// Outcome of a newsletter sign-up: the address taken, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscribeOutcome {
    Subscribed,
    AlreadySubscribed,
    /// Not the shape of an email address.
    Invalid,
    /// Longer than RFC 5321 allows.
    TooLong,
    /// Zero-width, text-direction or control characters.
    Invisible,
    /// Bytes that were not text (UTF-8).
    Garbled,
    /// Letters that only look like the ordinary ones.
    LookAlike,
    /// A confirmation link followed: the newsletter will come.
    Confirmed,
    /// An unsubscribe link followed.
    Unsubscribed,
    /// A confirm or unsubscribe link that was cut short, altered, or names nobody.
    LinkInvalid,
    /// A confirmation link older than a week.
    LinkExpired,
    /// Too many sign-ups from one client address (the form's page; `/api/subscribe` answers
    /// 429 with `AppError::TooManyRequests`).
    TooMany,
}

impl SubscribeOutcome {
    pub fn message(self) -> &'static str {
        match self {
            Self::Subscribed => "Almost done: we've sent you an email. If the address is new to us, open the link in it within 7 days to confirm your subscription, and the newsletter will start coming to your inbox.",
            Self::Confirmed => "Thank you: your subscription is confirmed. Look out for the newsletter in your inbox.",
            Self::Unsubscribed => "You're unsubscribed: no more newsletters will be sent to that address.",
            Self::LinkInvalid => "That link doesn't work: it may have been cut short or changed. Please sign up again below for a new one.",
            Self::LinkExpired => "That confirmation link has expired (links work for 7 days). Please sign up again below for a new one.",
            Self::AlreadySubscribed => {
                "You're already subscribed with that address. Nothing more to do."
            }
            Self::Invalid => {
                "That doesn't look like an email address. Please check it and try again."
            }
            Self::TooLong => {
                "That address is too long: an email address has at most 64 characters before the @ and 254 in all. Please check it and try again."
            }
            Self::Invisible => {
                "That address contains invisible characters (such as a zero-width space or a text-direction mark), often picked up when copying and pasting. Please type it in again."
            }
            Self::Garbled => {
                "Part of that address didn't arrive as readable text. Please type it in again."
            }
            Self::LookAlike => {
                "That address contains characters that only look like ordinary ones (such as a Cyrillic \u{201C}\u{0430}\u{201D} among Latin letters, or a curly apostrophe). Please type it in again with ordinary characters."
            }
            Self::TooMany => {
                "Too many sign-ups have come from your network in the last minute. Please wait a minute and try again."
            }
        }
    }

    /// Stable token used in the `?result=` query after a form post without JavaScript.
    pub fn token(self) -> &'static str {
        match self {
            Self::Subscribed => "subscribed",
            Self::AlreadySubscribed => "already",
            Self::Invalid => "invalid",
            Self::TooLong => "too-long",
            Self::Invisible => "invisible",
            Self::Garbled => "garbled",
            Self::LookAlike => "look-alike",
            Self::TooMany => "too-many",
            Self::Confirmed => "confirmed",
            Self::Unsubscribed => "unsubscribed",
            Self::LinkInvalid => "link-invalid",
            Self::LinkExpired => "link-expired",
        }
    }

    pub fn from_token(token: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.token() == token)
    }

    pub const ALL: [Self; 12] = [
        Self::Subscribed,
        Self::AlreadySubscribed,
        Self::Invalid,
        Self::TooLong,
        Self::Invisible,
        Self::Garbled,
        Self::LookAlike,
        Self::TooMany,
        Self::Confirmed,
        Self::Unsubscribed,
        Self::LinkInvalid,
        Self::LinkExpired,
    ];

    pub fn is_error(self) -> bool {
        !matches!(
            self,
            Self::Subscribed | Self::AlreadySubscribed | Self::Confirmed | Self::Unsubscribed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscribe_tokens_round_trip() {
        for o in SubscribeOutcome::ALL {
            assert_eq!(SubscribeOutcome::from_token(o.token()), Some(o));
        }
        assert_eq!(SubscribeOutcome::from_token("bogus"), None);
    }

    #[test]
    fn every_refusal_is_an_error_with_its_own_message() {
        let refusals: Vec<_> = SubscribeOutcome::ALL
            .into_iter()
            .filter(|o| o.is_error())
            .collect();
        // Six refused addresses, too many sign-ups, and two kinds of bad link.
        assert_eq!(refusals.len(), 8);
        let messages: std::collections::HashSet<_> =
            SubscribeOutcome::ALL.iter().map(|o| o.message()).collect();
        assert_eq!(messages.len(), SubscribeOutcome::ALL.len());
        assert!(!SubscribeOutcome::Subscribed.is_error());
        assert!(!SubscribeOutcome::AlreadySubscribed.is_error());
        assert!(!SubscribeOutcome::Confirmed.is_error());
        assert!(!SubscribeOutcome::Unsubscribed.is_error());
    }
}
