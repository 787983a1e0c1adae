//! `GET /media/<key>/<file>`: a picture's variant from the media folder (see `server/media.rs`
//! for the names), with its type, `Cache-Control: public, max-age=31536000, immutable` (a key
//! names its content for good) and an `ETag` made as the site root's files' are. Only names the
//! pipeline writes are answered: `key` is 20 lowercase hexadecimal digits, `file` is
//! `<width>.webp`, `<width>.jpg` or `share.jpg`; anything else (the originals' folder, a dot
//! segment, an encoded slash or backslash, a NUL, an absolute path) is the 404 page, before the
//! disk is touched.

use super::policy::IMMUTABLE;
use super::static_files;
use crate::server::media::files::served_type;
use crate::server::media::key;
use crate::server::AppState;
use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::Response;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// The router's handler for `/media/{key}/{file}`.
pub async fn media_file(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    req: Request,
) -> Response {
    // A segment that is not UTF-8 once decoded names no file either.
    let Ok(Path((key, file))) = path else {
        return static_files::not_found_page(state, req).await;
    };
    let Some(mime) = served_type(&file).filter(|_| key::is_key(&key)) else {
        return static_files::not_found_page(state, req).await;
    };
    let path = state.media.dir().folder(&key).join(&file);
    let (parts, _body) = req.into_parts();
    let mut file_req = Request::new(Body::empty());
    *file_req.method_mut() = parts.method.clone();
    *file_req.headers_mut() = parts.headers.clone();
    file_req.headers_mut().remove(header::IF_MODIFIED_SINCE);
    let res = match ServeFile::new_with_mime(&path, &mime.parse().expect("a media type"))
        .oneshot(file_req)
        .await
    {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    };
    if !matches!(
        res.status(),
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::RANGE_NOT_SATISFIABLE
    ) {
        return static_files::not_found_page(state, Request::from_parts(parts, Body::empty()))
            .await;
    }
    let mut res = res;
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    if let Some(tag) = static_files::entity_tag(headers) {
        headers.insert(header::ETAG, tag);
    }
    res
}
