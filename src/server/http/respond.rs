//! The outermost middleware: what every response carries on the wire, whatever produced it.
//! [`respond`] turns `HEAD` into `GET`, makes the response's CSP nonce (Leptos puts it on the
//! inline scripts it renders, through [`provide_request_nonce`]), sets `Cache-Control`, answers
//! a conditional request the client already holds with 304 (`conditional.rs`), adds the
//! security headers (`policy.rs`) and strips the body of `HEAD`.

use super::conditional::{not_modified, tag_content_coding, Preconditions};
use super::policy::{vary_on_encoding, Policy};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The CSP nonce of the response being built, in the request's extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CspNonce(pub String);

/// Puts this response's nonce into the Leptos context, so the island loader, the resource
/// scripts and `leptos_meta` scripts carry it. Called from the router's context closure.
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

/// Outermost middleware: HEAD, nonce, Cache-Control, 304 and the security headers.
pub async fn respond(State(policy): State<Arc<Policy>>, mut req: Request, next: Next) -> Response {
    let head = req.method() == Method::HEAD;
    if head {
        *req.method_mut() = Method::GET;
    }
    let conditional = req.method() == Method::GET;
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let preconditions = Preconditions::of(req.headers());
    let path = req.uri().path().to_owned();
    let staff = policy.is_staff(req.headers());
    let private = crate::urls::carries_private_params(&path, req.uri().query().unwrap_or_default());

    let mut res = next.run(req).await;
    policy.cache_control(&path, staff, &mut res);
    // One reader's own page (a held comment's link, a newsletter link's token): no shared cache
    // may keep it, nor serve it for the address without its query.
    if private {
        res.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static(super::policy::PRIVATE),
        );
    }
    vary_on_encoding(&mut res);
    tag_content_coding(res.headers_mut());
    // RFC 9110, 13.2.2: If-None-Match decides when present, If-Modified-Since otherwise, and
    // either comes before Range (a reader who holds the whole representation needs no part).
    let matched = conditional
        && matches!(res.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT)
        && preconditions.hold(res.headers());
    if matched {
        res = not_modified(res.headers());
    }
    // A 304 keeps the CSP stored with the cached page: its nonce is the one in that page.
    policy.security_headers(res.headers_mut(), &nonce, !matched);
    if head {
        res = without_body(res).await;
    }
    res
}

/// The answer to `HEAD`: the `GET` headers, with the length of the body it would have had.
async fn without_body(res: Response) -> Response {
    use axum::body::HttpBody;
    let (mut parts, body) = res.into_parts();
    if !parts.headers.contains_key(header::CONTENT_LENGTH) {
        // Buffered bodies (pages, JSON, files) know their size; only a stream is read.
        let len = match body.size_hint().exact() {
            Some(n) => Some(n),
            None => axum::body::to_bytes(body, usize::MAX)
                .await
                .ok()
                .map(|b| b.len() as u64),
        };
        if let Some(n) = len {
            parts.headers.insert(header::CONTENT_LENGTH, n.into());
        }
    }
    Response::from_parts(parts, Body::empty())
}
