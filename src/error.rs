//! The one error type pages and server functions share. Messages are safe to show to readers;
//! details of internal failures go to the server log only.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("We couldn't find that page.")]
    NotFound,
    /// A reader-caused problem; the text is written by us and safe to show.
    #[error("{0}")]
    Invalid(String),
    /// Over a rate limit; the response carries `Retry-After`.
    #[error("Too many requests from your network just now. Please wait a minute and try again.")]
    TooManyRequests,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    #[error("The request failed. Please check your connection and try again.")]
    ServerFn(String),
}

impl AppError {
    /// The HTTP status a page showing this error is served with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Invalid(_) => 400,
            Self::TooManyRequests => 429,
            Self::Internal | Self::ServerFn(_) => 500,
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Self::NotFound => "Page not found",
            Self::Invalid(_) => "Bad request",
            Self::TooManyRequests => "Too many requests",
            Self::Internal | Self::ServerFn(_) => "Something went wrong",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Keep the variant name only: library text never reaches a reader.
        let kind = format!("{value:?}");
        Self::ServerFn(
            kind.split(['(', ' '])
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_the_kind_of_error() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Invalid("bad page number".into()).status(), 400);
        assert_eq!(AppError::TooManyRequests.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
        assert_eq!(AppError::ServerFn("Request".into()).status(), 500);
    }

    #[test]
    fn server_fn_errors_do_not_leak_library_text() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Request("secret detail".into()));
        assert!(!e.to_string().contains("secret"));
        assert_eq!(e, AppError::ServerFn("Request".into()));
    }
}
