//! The one error type pages and server functions share. Messages are safe to show to readers;
//! details of internal failures go to the server log only.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("We couldn't find that page.")]
    NotFound,
    /// An article the newsroom deleted: its address answers 410 Gone.
    #[error("The newsroom removed this article. It is no longer available.")]
    Gone,
    /// A reader-caused problem; the text is written by us and safe to show.
    #[error("{0}")]
    Invalid(String),
    /// A request the server could not read: a server function's argument missing or malformed,
    /// or a body that is not what it takes.
    #[error("The request could not be read. Please check it and try again.")]
    BadRequest,
    /// The request clashes with what is stored (a taken address, a used link, a stale edit);
    /// the text is written by us and safe to show.
    #[error("{0}")]
    Conflict(String),
    /// Over a rate limit; the response carries `Retry-After`.
    #[error("Too many requests from your network just now. Please wait a minute and try again.")]
    TooManyRequests,
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The database cannot serve just now (gone, locked, read-only, full); the response
    /// carries `Retry-After`.
    #[error("We can't reach our archive just now. Please try again in a minute.")]
    Unavailable,
    /// The browser could not reach the server (only a server function called from the browser
    /// fails this way).
    #[error("The request failed. Please check your connection and try again.")]
    Unreachable,
}

impl AppError {
    /// The HTTP status a page or server function answering with this error is served with.
    pub fn status(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Gone => 410,
            Self::Invalid(_) | Self::BadRequest => 400,
            Self::Conflict(_) => 409,
            Self::TooManyRequests => 429,
            Self::Internal | Self::Unreachable => 500,
            Self::Unavailable => 503,
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Self::NotFound => "Page not found",
            Self::Gone => "Article removed",
            Self::Invalid(_) | Self::BadRequest => "Bad request",
            Self::Conflict(_) => "Conflict",
            Self::TooManyRequests => "Too many requests",
            Self::Unavailable => "Temporarily unavailable",
            Self::Internal | Self::Unreachable => "Something went wrong",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// What server_fn reports, as the reader's kind of error; the library's text goes to the
    /// server log at most, never to a reader.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The server could not read the arguments or the body it was sent.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::BadRequest,
            // The browser could not send the call.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                Self::Unreachable
            }
            ServerFnErrorErr::Registration(_)
            | ServerFnErrorErr::ServerError(_)
            | ServerFnErrorErr::MiddlewareError(_)
            | ServerFnErrorErr::Serialization(_)
            | ServerFnErrorErr::Response(_) => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %value, "a server function failed");
                Self::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_the_kind_of_error() {
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::Invalid("bad page number".into()).status(), 400);
        assert_eq!(AppError::BadRequest.status(), 400);
        assert_eq!(AppError::TooManyRequests.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
        assert_eq!(AppError::Unreachable.status(), 500);
    }

    #[test]
    fn server_fn_errors_become_the_readers_kind_of_error() {
        let from = AppError::from_server_fn_error;
        assert_eq!(
            from(ServerFnErrorErr::Args("missing field `slug`".into())),
            AppError::BadRequest
        );
        assert_eq!(
            from(ServerFnErrorErr::MissingArg("slug".into())),
            AppError::BadRequest
        );
        assert_eq!(
            from(ServerFnErrorErr::Deserialization("invalid utf-8".into())),
            AppError::BadRequest
        );
        assert_eq!(
            from(ServerFnErrorErr::Request("connection refused".into())),
            AppError::Unreachable
        );
        assert_eq!(
            from(ServerFnErrorErr::ServerError("disk full".into())),
            AppError::Internal
        );
    }

    #[test]
    fn server_fn_errors_do_not_leak_library_text() {
        for e in [
            ServerFnErrorErr::Args("secret detail".into()),
            ServerFnErrorErr::Request("secret detail".into()),
            ServerFnErrorErr::ServerError("secret detail".into()),
        ] {
            assert!(!AppError::from_server_fn_error(e)
                .to_string()
                .contains("secret"));
        }
    }
}
