//! Every request's id, in `X-Request-Id` on the request (for the request log's line) and on the
//! answer: the one the proxy in front set, when it is a plausible id (1 to 64 letters, digits,
//! `.`, `_`, `-`, `:`; anything else could forge or break a log line), else 128 random bits
//! written as 32 hex digits.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Whether `id` is one to keep as it came.
fn plausible(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':'))
}

/// A new id: 32 hex digits.
fn fresh() -> String {
    let mut bytes = [0u8; 16];
    // A broken random source still gets a (less unique) id rather than no answer.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The layer (outermost, so the request log sees the id).
pub async fn request_id(mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| plausible(id))
        .map(str::to_string)
        .unwrap_or_else(fresh);
    let value = HeaderValue::from_str(&id).unwrap_or_else(|_| HeaderValue::from_static("-"));
    req.headers_mut().insert(X_REQUEST_ID, value.clone());
    let mut res = next.run(req).await;
    res.headers_mut().insert(X_REQUEST_ID, value);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxys_id_is_kept_only_when_plausible() {
        assert!(plausible("abc-123_4.5:6"));
        assert!(plausible(&"a".repeat(64)));
        assert!(!plausible(&"a".repeat(65)));
        assert!(!plausible(""));
        assert!(!plausible("a b"));
        assert!(!plausible("a\"b"));
        let id = fresh();
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(id, fresh());
    }
}
