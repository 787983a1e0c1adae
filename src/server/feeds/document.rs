//! A written feed or sitemap as a response: its type, `Last-Modified` and `Cache-Control`, or
//! the error's own response. The `ETag` and `304` come from `http/conditional.rs`, as for every
//! other answer.

use super::xml::http_date;
use super::CACHE_CONTROL;
use crate::error::AppError;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::io;

pub(super) struct XmlDoc {
    pub body: Vec<u8>,
    pub content_type: &'static str,
    pub last_modified: Option<i64>,
}

pub(super) fn xml_error(e: io::Error) -> AppError {
    tracing::error!(error = %e, "writing XML failed");
    AppError::Internal
}

/// The document with its type, `Last-Modified` and `Cache-Control`, or the error's answer.
pub(super) fn respond(doc: Result<XmlDoc, AppError>) -> Response {
    let doc = match doc {
        Ok(doc) => doc,
        Err(e) => return e.into_response(),
    };
    let mut headers = HeaderMap::new();
    if let Some(v) = doc
        .last_modified
        .and_then(|t| HeaderValue::from_str(&http_date(t)).ok())
    {
        headers.insert(header::LAST_MODIFIED, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(doc.content_type),
    );
    (headers, doc.body).into_response()
}
