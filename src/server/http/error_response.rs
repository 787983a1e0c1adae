//! The one mapping from [`AppError`] to an HTTP answer outside a rendered page: its status, and
//! its message as plain text (feeds, sitemaps, form posts) or as JSON (`{"error": "…"}`, for the
//! JSON endpoints). Pages show the same error inside the frame (`components/error_page.rs`),
//! and server functions carry it encoded (`server_fn_status.rs`); both take the status from
//! [`status`]. The message is the error's `Display`, written by us and safe to show.

use crate::error::AppError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use serde::Serialize;

/// Seconds a client over a rate limit is asked to wait when the limiter gives no figure.
const RETRY_AFTER_SECONDS: u32 = 60;
/// Seconds a client is asked to wait when the database cannot serve (`AppError::Unavailable`):
/// a restart or a lock passes in about that.
pub const UNAVAILABLE_RETRY_SECONDS: u32 = 30;

/// The HTTP status an answer carrying `error` is served with.
pub fn status(error: &AppError) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The error as plain text.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = (
            status(&self),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.to_string(),
        )
            .into_response();
        with_retry_after(&self, &mut res);
        res
    }
}

/// The error as JSON: `{"error": "<message>"}`.
#[derive(Debug)]
pub struct JsonError(pub AppError);

#[derive(Serialize)]
struct ErrorBody {
    error: String,
}

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        let mut res = (
            status(&self.0),
            Json(ErrorBody {
                error: self.0.to_string(),
            }),
        )
            .into_response();
        with_retry_after(&self.0, &mut res);
        res
    }
}

fn with_retry_after(error: &AppError, res: &mut Response) {
    let seconds = match error {
        AppError::TooManyRequests => RETRY_AFTER_SECONDS,
        AppError::Unavailable => UNAVAILABLE_RETRY_SECONDS,
        _ => return,
    };
    if !res.headers().contains_key(header::RETRY_AFTER) {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn errors_answer_with_their_status_and_their_message() {
        let res = AppError::NotFound.into_response();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            res.headers()[header::CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );
        assert_eq!(body_of(res).await, AppError::NotFound.to_string());

        let res = JsonError(AppError::Invalid(
            "The page number must be 1 or more.".into(),
        ))
        .into_response();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            body_of(res).await,
            r#"{"error":"The page number must be 1 or more."}"#
        );

        let res = JsonError(AppError::TooManyRequests).into_response();
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(res.headers()[header::RETRY_AFTER], "60");
    }
}
