//! The newsroom's answer when something under a handler fails: said plainly to the editor,
//! logged in full. A fault of the database that passes (`StoreError::is_unavailable`: locked,
//! read-only, full, unreachable) is a 503 with `Retry-After`; any other failure (a store error
//! that is no such fault, a row gone, a bug; a password that could not be hashed) a 500.
//! Either way nothing was changed: the store's writes are transactions.

use super::page;
use crate::server::store::{SaveError, StoreError};
use axum::http::{header, StatusCode};
use axum::response::Response;

/// What the answer needs to know of an error beyond its message.
pub trait Failure: std::fmt::Display {
    /// Whether the database cannot serve now, a fault that passes (false for any error that
    /// is not the store's).
    fn passes(&self) -> bool {
        false
    }
}

impl Failure for StoreError {
    fn passes(&self) -> bool {
        self.is_unavailable()
    }
}

impl Failure for SaveError {
    fn passes(&self) -> bool {
        matches!(self, SaveError::Store(s) if s.is_unavailable())
    }
}

impl Failure for super::password::HashError {}

/// The answer to a failure (see the module).
pub fn unavailable(e: impl Failure) -> Response {
    tracing::error!(error = %e, "newsroom store error");
    if !e.passes() {
        return page::refused(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong on the newsroom's side. Nothing was changed.",
        );
    }
    let mut res = page::refused(
        StatusCode::SERVICE_UNAVAILABLE,
        "The newsroom could not reach its database just now. Nothing was changed; please try again in a moment.",
    );
    let seconds = crate::server::http::error_response::UNAVAILABLE_RETRY_SECONDS;
    res.headers_mut()
        .insert(header::RETRY_AFTER, seconds.into());
    res
}
