//! Server functions answer with the status of their error. server_fn builds every error
//! response itself with `500` (its `Res::error_response` is given the encoded error, not a
//! status, and offers no hook), marking it with its `serverfnerror` header; this middleware
//! reads the `AppError` back from that body and sets the status it stands for: a page that
//! does not exist 404, a malformed argument or body 400, a failure of ours 500.
//!
//! Pages call the same functions directly on the server, where no HTTP response is built;
//! their errors reach `ErrorPage`, which sets the status the same way.

use crate::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};
use leptos::server_fn::Decodes;

/// How `AppError` travels in a server function's error body.
type ErrorEncoding = <AppError as FromServerFnError>::Encoder;

/// Error bodies are one encoded `AppError`; anything larger is left as it is.
const MAX_ERROR_BYTES: usize = 64 * 1024;

pub async fn set_status(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    // A form post answered with a redirect to its page keeps that redirect.
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_ERROR_BYTES).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "could not read a server function's error");
            return Response::from_parts(parts, Body::empty());
        }
    };
    if let Ok(error) = <ErrorEncoding as Decodes<AppError>>::decode(bytes.clone()) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if error == AppError::Unavailable {
            let seconds = super::error_response::UNAVAILABLE_RETRY_SECONDS;
            parts
                .headers
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
