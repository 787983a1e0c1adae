//! `GET /media/<key>/<file>`: a picture's variant from the media folder (see `server/media.rs`
//! for the names), with its type, `Cache-Control: public, max-age=31536000, immutable` (a key
//! names its content for good) and an `ETag` made as the site root's files' are. Only names the
//! pipeline writes are answered: `key` is 20 lowercase hexadecimal digits, `file` is
//! `<width>.webp`, `<width>.jpg` or `share.jpg`; anything else (the originals' folder, a dot
//! segment, an encoded slash or backslash, a NUL, an absolute path) is the 404 page, before the
//! disk is touched.

use super::policy::IMMUTABLE;
use super::static_files;
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

/// The type of a variant file name the pipeline writes, or None for any other name.
fn content_type(file: &str) -> Option<&'static str> {
    if file == "share.jpg" {
        return Some("image/jpeg");
    }
    let (width, ext) = file.split_once('.')?;
    let is_width = !width.is_empty()
        && width.len() <= 5
        && !width.starts_with('0')
        && width.bytes().all(|b| b.is_ascii_digit());
    match ext {
        "webp" if is_width => Some("image/webp"),
        "jpg" if is_width => Some("image/jpeg"),
        _ => None,
    }
}

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
    let Some(mime) = content_type(&file).filter(|_| key::is_key(&key)) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_names_the_pipeline_writes_have_a_type() {
        assert_eq!(content_type("320.webp"), Some("image/webp"));
        assert_eq!(content_type("1600.jpg"), Some("image/jpeg"));
        assert_eq!(content_type("219.jpg"), Some("image/jpeg"));
        assert_eq!(content_type("share.jpg"), Some("image/jpeg"));
        for bad in [
            "",
            ".webp",
            "0320.webp",
            "320.png",
            "320.jpeg",
            "320.webp.tmp",
            ".tmp-1-2-320.webp",
            "../320.jpg",
            "..",
            "320.jpg\0",
            "320\\.jpg",
            "share.webp",
            "123456.jpg",
            "original",
        ] {
            assert_eq!(content_type(bad), None, "{bad:?}");
        }
    }
}
