//! A request's whole body must arrive within `server.request_body_timeout_seconds` of the end
//! of its headers; a slower one is answered 408 and its connection closed.
//!
//! Hand-written because tower-http's `RequestBodyTimeoutLayer` restarts its timer at every
//! chunk: a body sent a byte a second would never time out. The body is read here, before the
//! handler, up to [`MAX_BODY_BYTES`] (413 beyond), so handlers get it whole. Only methods whose
//! body a handler reads (POST, PUT, PATCH) are read: a body sent with GET, HEAD or any other
//! method is dropped unread (hyper then closes the connection), so no request that the portal
//! answers without a body can make it hold one in memory.

use axum::body::{Body, HttpBody};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::time::Duration;

/// The largest request body accepted: the portal takes forms and server-function arguments
/// (a newsletter address, a search), all far smaller. The newsroom's forms and its picture
/// upload have their own limits, for staff only (`limit_for`).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The newsroom's writing forms may be this large: a static page's body (up to 100,000
/// characters) or an article's (up to 200,000), which a browser sends percent-encoded, up to 12
/// bytes a character, with the rest of the form. Only from someone signed in ([`FromStaff`]):
/// anyone else's body is held to [`MAX_BODY_BYTES`], so a stranger cannot make the server hold
/// megabytes for a request it will refuse.
pub const MAX_PAGE_FORM_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_ARTICLE_FORM_BYTES: usize = 4 * 1024 * 1024;
/// The site settings' form: the ad slot's HTML (up to 10,000 characters) and nine short
/// fields, percent-encoded.
pub const MAX_SETTINGS_FORM_BYTES: usize = 256 * 1024;

/// The newsroom's picture upload (`POST`, multipart): the configured upload cap
/// (`media.max_upload_megabytes`) plus [`UPLOAD_FORM_EXTRA`] for the form's other fields and
/// the multipart framing, from staff only. A file over the cap that fits in the extra is
/// refused by the upload's own check, with the same status.
pub const UPLOAD_PATH: &str = "/newsroom/media";
pub const UPLOAD_FORM_EXTRA: usize = 64 * 1024;

/// A WordPress export uploaded to the newsroom (admins only, `newsroom/session.rs`;
/// `newsroom/import.rs`): larger ones are imported on the server with `timelines import
/// wordpress`. It may take [`IMPORT_BODY_SECONDS`] to arrive (64 MB at 2 Mbit/s).
pub const IMPORT_PATH: &str = "/newsroom/import";
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;
pub const IMPORT_BODY_SECONDS: u64 = 300;

/// What the body reader allows: how long a body may take to arrive, and the upload cap.
#[derive(Debug, Clone, Copy)]
pub struct BodyRules {
    pub timeout: Duration,
    pub max_upload_bytes: usize,
}

impl BodyRules {
    pub fn of(config: &crate::server::config::Config) -> Self {
        Self {
            timeout: Duration::from_secs(config.server.request_body_timeout_seconds.into()),
            max_upload_bytes: config.media.max_upload_megabytes as usize * 1_000_000,
        }
    }
}

/// Marks a request that carries a live newsroom session (set by
/// `newsroom::session::mark_staff`, outside this middleware).
#[derive(Debug, Clone, Copy)]
pub struct FromStaff;

/// Whether a request to `path` may carry more than [`MAX_BODY_BYTES`] when it comes from staff.
pub fn takes_large_bodies(path: &str) -> bool {
    path == UPLOAD_PATH || limit_for(path, true, 0) > MAX_BODY_BYTES
}

/// The largest body accepted at `path`, from staff or not, with uploads up to
/// `max_upload_bytes`.
fn limit_for(path: &str, from_staff: bool, max_upload_bytes: usize) -> usize {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if !from_staff {
        MAX_BODY_BYTES
    } else if path == UPLOAD_PATH {
        max_upload_bytes + UPLOAD_FORM_EXTRA
    } else if under("/newsroom/pages") {
        MAX_PAGE_FORM_BYTES
    } else if under("/newsroom/articles") || path == "/newsroom/preview" {
        MAX_ARTICLE_FORM_BYTES
    } else if path == "/newsroom/settings" {
        MAX_SETTINGS_FORM_BYTES
    } else if path == IMPORT_PATH {
        MAX_IMPORT_BYTES
    } else {
        MAX_BODY_BYTES
    }
}

/// Middleware: reads the request's body within `timeout`, then passes the request on.
pub async fn read_in_time(State(rules): State<BodyRules>, req: Request, next: Next) -> Response {
    if req.body().is_end_stream() {
        return next.run(req).await;
    }
    if !matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH) {
        let (parts, _unread) = req.into_parts();
        return next.run(Request::from_parts(parts, Body::empty())).await;
    }
    let from_staff = req.extensions().get::<FromStaff>().is_some();
    let limit = limit_for(req.uri().path(), from_staff, rules.max_upload_bytes);
    let upload = from_staff && req.uri().path() == UPLOAD_PATH;
    let import = from_staff && req.uri().path() == IMPORT_PATH;
    let too_large = || {
        if import {
            let message = format!(
                "The export is over {} MB. Import it on the server instead: timelines import wordpress FILE",
                MAX_IMPORT_BYTES / (1024 * 1024)
            );
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                [(header::CONNECTION, "close")],
                message,
            )
                .into_response()
        } else if upload {
            let e = crate::server::media::MediaError::TooLarge {
                max_megabytes: (rules.max_upload_bytes / 1_000_000) as u64,
            };
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                [(header::CONNECTION, "close")],
                e.to_string(),
            )
                .into_response()
        } else {
            too_large()
        }
    };
    if req.body().size_hint().lower() > limit as u64 {
        return too_large();
    }
    let (parts, body) = req.into_parts();
    let read = Limited::new(body, limit).collect();
    let timeout = if import {
        rules.timeout.max(Duration::from_secs(IMPORT_BODY_SECONDS))
    } else {
        rules.timeout
    };
    match tokio::time::timeout(timeout, read).await {
        Ok(Ok(body)) => {
            next.run(Request::from_parts(parts, Body::from(body.to_bytes())))
                .await
        }
        Ok(Err(e)) if e.is::<LengthLimitError>() => too_large(),
        Ok(Err(_)) => refuse(
            StatusCode::BAD_REQUEST,
            "The request body could not be read.",
        ),
        Err(_) => refuse(
            StatusCode::REQUEST_TIMEOUT,
            "The request body took too long to arrive.",
        ),
    }
}

fn too_large() -> Response {
    refuse(
        StatusCode::PAYLOAD_TOO_LARGE,
        "The request body is too large.",
    )
}

/// The rest of the body is never read, so the connection cannot carry another request.
fn refuse(status: StatusCode, message: &'static str) -> Response {
    (status, [(header::CONNECTION, "close")], message).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::post;
    use axum::Router;
    use tower::ServiceExt;

    /// A route answering with the length of the body it got, behind the middleware.
    fn site(timeout: Duration) -> Router {
        let length = |body: axum::body::Bytes| async move { body.len().to_string() };
        let rules = BodyRules {
            timeout,
            max_upload_bytes: 1_000_000,
        };
        Router::new()
            .route("/", post(length).get(length))
            .layer(axum::middleware::from_fn_with_state(rules, read_in_time))
    }

    async fn post_body(body: Body) -> (StatusCode, Option<String>, String) {
        let res = site(Duration::from_secs(30))
            .oneshot(Request::post("/").body(body).unwrap())
            .await
            .unwrap();
        let connection = res
            .headers()
            .get(header::CONNECTION)
            .map(|v| v.to_str().unwrap().to_string());
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        (
            status,
            connection,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    #[tokio::test]
    async fn a_body_in_time_reaches_the_handler_whole() {
        let (status, _, text) = post_body(Body::from("email=a%40b.example")).await;
        assert_eq!((status, text.as_str()), (StatusCode::OK, "19"));
        let (status, _, text) = post_body(Body::empty()).await;
        assert_eq!((status, text.as_str()), (StatusCode::OK, "0"));
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_refused_with_413() {
        let big = vec![b'a'; MAX_BODY_BYTES + 1];
        let (status, connection, _) = post_body(Body::from(big)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(connection.as_deref(), Some("close"));
        // Streamed, so its size is not known in advance.
        let chunks = (0..3).map(|_| Ok::<_, std::io::Error>(vec![b'a'; MAX_BODY_BYTES / 2]));
        let streamed = Body::from_stream(futures_util::stream::iter(chunks));
        assert_eq!(post_body(streamed).await.0, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn only_staff_may_send_the_newsroom_large_forms() {
        for path in [
            "/newsroom/articles",
            "/newsroom/articles/7",
            "/newsroom/preview",
        ] {
            assert_eq!(limit_for(path, true, 0), MAX_ARTICLE_FORM_BYTES, "{path}");
            assert_eq!(limit_for(path, false, 0), MAX_BODY_BYTES, "{path}");
            assert!(takes_large_bodies(path));
        }
        assert_eq!(limit_for("/newsroom/pages/3", true, 0), MAX_PAGE_FORM_BYTES);
        assert_eq!(limit_for("/newsroom/pages/3", false, 0), MAX_BODY_BYTES);
        assert_eq!(limit_for("/subscribe", true, 0), MAX_BODY_BYTES);
        assert!(!takes_large_bodies("/newsroom/articlesx"));
        assert!(!takes_large_bodies("/subscribe"));
    }

    #[test]
    fn only_staff_may_send_an_upload_and_only_up_to_the_cap_and_a_little() {
        let cap = 20_000_000;
        let staff = limit_for(UPLOAD_PATH, true, cap);
        assert!(staff > cap && staff < cap + 1_000_000, "{staff}");
        assert_eq!(limit_for(UPLOAD_PATH, false, cap), MAX_BODY_BYTES);
        assert!(takes_large_bodies(UPLOAD_PATH));
        // The library's other pages take ordinary forms.
        assert_eq!(limit_for("/newsroom/media/7", true, cap), MAX_BODY_BYTES);
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_sent_with_get_is_dropped_unread() {
        // Neither buffered (it never ends) nor handed on: the page is answered at once.
        let never_ends = Body::from_stream(futures_util::stream::pending::<
            Result<Vec<u8>, std::io::Error>,
        >());
        let res = site(Duration::from_secs(30))
            .oneshot(Request::get("/").body(never_ends).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(&bytes[..], b"0");
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_never_ends_is_answered_408() {
        let first = futures_util::stream::iter([Ok::<_, std::io::Error>(b"email=".to_vec())]);
        let never_ends = Body::from_stream(futures_util::StreamExt::chain(
            first,
            futures_util::stream::pending(),
        ));
        let res = site(Duration::from_secs(30))
            .oneshot(Request::post("/").body(never_ends).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(res.headers()[header::CONNECTION], "close");
    }
}
