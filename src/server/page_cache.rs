//! An in-memory cache of rendered HTML pages, so that a page read by many readers is rendered
//! once and then served at the cost of a copy.
//!
//! It sits inside the compression layer and outside the `ETag` middleware (see `router.rs`): it
//! keeps the uncompressed body and the headers of a successful HTML `GET`, keyed by path, query
//! and the theme cookie (the only part of a request the HTML depends on). Each response still
//! gets its own CSP nonce: the body is kept cut at the nonce it was rendered with, and a hit
//! joins the pieces with the new one.
//!
//! An entry is dropped when the store reports a write ([`Store::content_version`]) and after
//! `http.page_cache_seconds` (pages carry relative times such as "5 minutes ago", scheduled
//! articles appear when their time comes, and other processes may write to the database). Size
//! is bounded by entry count and bytes, oldest first out.

use crate::model::theme_from_cookies;
use crate::server::http::CspNonce;
use crate::server::store::Store;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Pages larger than this are served but not kept.
const MAX_PAGE_BYTES: usize = 1 << 20;
/// Longer request targets are served but not kept (hostile or accidental URLs).
const MAX_KEY_BYTES: usize = 2_048;

#[derive(Debug)]
pub struct PageCache {
    ttl: Duration,
    max_entries: usize,
    max_bytes: usize,
    store: Store,
    inner: RwLock<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<String, Arc<Entry>>,
    /// Keys in insertion order with the entry's sequence number (a key re-inserted later
    /// leaves a stale pair behind, skipped when it comes up).
    order: VecDeque<(String, u64)>,
    bytes: usize,
    next_seq: u64,
}

#[derive(Debug)]
struct Entry {
    seq: u64,
    version: u64,
    expires: Instant,
    status: StatusCode,
    headers: HeaderMap,
    /// The body, split where the nonce stood.
    pieces: Vec<Bytes>,
    len: usize,
}

impl PageCache {
    /// A cache keeping pages for `ttl` (zero: keep nothing), at most `max_entries` of them and
    /// `max_bytes` in all.
    pub fn new(store: Store, ttl: Duration, max_entries: usize, max_bytes: usize) -> Arc<Self> {
        Arc::new(Self {
            ttl,
            max_entries,
            max_bytes,
            store,
            inner: RwLock::default(),
        })
    }

    fn enabled(&self) -> bool {
        !self.ttl.is_zero() && self.max_entries > 0
    }

    fn lookup(&self, key: &str) -> Option<Arc<Entry>> {
        let inner = self.inner.read().ok()?;
        let entry = inner.map.get(key)?;
        (entry.version == self.store.content_version() && entry.expires > Instant::now())
            .then(|| entry.clone())
    }

    fn insert(&self, key: String, mut entry: Entry) {
        let Ok(mut inner) = self.inner.write() else {
            return;
        };
        entry.seq = inner.next_seq;
        inner.next_seq += 1;
        inner.bytes += entry.len;
        inner.order.push_back((key.clone(), entry.seq));
        if let Some(old) = inner.map.insert(key, Arc::new(entry)) {
            inner.bytes -= old.len;
        }
        while inner.map.len() > self.max_entries || inner.bytes > self.max_bytes {
            let Some((key, seq)) = inner.order.pop_front() else {
                break;
            };
            if inner.map.get(&key).is_some_and(|e| e.seq == seq) {
                if let Some(e) = inner.map.remove(&key) {
                    inner.bytes -= e.len;
                }
            }
        }
        // Stale order pairs of keys re-inserted many times must not pile up.
        if inner.order.len() > 2 * self.max_entries + 64 {
            let Inner { map, order, .. } = &mut *inner;
            order.retain(|(k, s)| map.get(k).is_some_and(|e| e.seq == *s));
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.read().map(|i| i.map.len()).unwrap_or(0)
    }
}

impl Entry {
    /// The kept page with `nonce` where the rendered one stood. The pieces are shared, not
    /// copied: the body is sent as a stream of them with its length announced.
    fn response(&self, nonce: &str) -> Response {
        let nonce = Bytes::copy_from_slice(nonce.as_bytes());
        let len = self.pieces.iter().map(Bytes::len).sum::<usize>()
            + self.pieces.len().saturating_sub(1) * nonce.len();
        let mut chunks = Vec::with_capacity(self.pieces.len() * 2);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                chunks.push(nonce.clone());
            }
            chunks.push(piece.clone());
        }
        let stream =
            futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::convert::Infallible>));
        let mut res = Response::new(Body::from_stream(stream));
        *res.status_mut() = self.status;
        *res.headers_mut() = self.headers.clone();
        res.headers_mut().insert(header::CONTENT_LENGTH, len.into());
        res
    }
}

/// The cache key of a request, or None when its answer must not be kept.
fn key(req: &Request) -> Option<String> {
    if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
        return None;
    }
    let target = req.uri().path_and_query()?.as_str();
    if target.len() > MAX_KEY_BYTES {
        return None;
    }
    let theme = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(theme_from_cookies)
        .unwrap_or("");
    Some(format!("{theme}|{target}"))
}

/// Whether a response can be kept: a plain 200 HTML page that sets no cookie and that no one
/// asked not to store.
fn cacheable(res: &Response) -> bool {
    let h = res.headers();
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    let private = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|cc| cc.contains("no-store") || cc.contains("private"));
    res.status() == StatusCode::OK
        && html
        && !private
        && !h.contains_key(header::SET_COOKIE)
        && !h.contains_key(header::CONTENT_ENCODING)
}

/// `body` cut at every occurrence of `nonce` (the whole body when there is none).
fn split_at_nonce(body: &Bytes, nonce: Option<&str>) -> Vec<Bytes> {
    let Some(n) = nonce.map(str::as_bytes).filter(|n| !n.is_empty()) else {
        return vec![body.clone()];
    };
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + n.len() <= body.len() {
        if &body[i..i + n.len()] == n {
            pieces.push(body.slice(start..i));
            i += n.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(body.slice(start..));
    pieces
}

/// The middleware: answers from the cache, or renders and keeps the answer.
pub async fn serve(State(cache): State<Arc<PageCache>>, req: Request, next: Next) -> Response {
    let Some(key) = key(&req).filter(|_| cache.enabled()) else {
        return next.run(req).await;
    };
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone());
    if let Some(entry) = cache.lookup(&key) {
        return entry.response(nonce.as_deref().unwrap_or_default());
    }
    // Read before rendering: a write during the render leaves the entry stale at once.
    let version = cache.store.content_version();
    let res = next.run(req).await;
    if !cacheable(&res) {
        return res;
    }
    // The ETag middleware inside has buffered the body, so its exact size is known.
    use axum::body::HttpBody;
    if res
        .body()
        .size_hint()
        .upper()
        .is_none_or(|n| n > MAX_PAGE_BYTES as u64)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "could not read a page body");
            return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let entry = Entry {
        seq: 0,
        version,
        expires: Instant::now() + cache.ttl,
        status: parts.status,
        headers: parts.headers.clone(),
        pieces: split_at_nonce(&bytes, nonce.as_deref()),
        len: bytes.len(),
    };
    cache.insert(key, entry);
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_cut_at_the_nonce_and_joined_with_a_new_one() {
        let body =
            Bytes::from_static(b"<script nonce=\"AB\">1</script><p>x</p><script nonce=\"AB\">");
        let pieces = split_at_nonce(&body, Some("AB"));
        assert_eq!(pieces.len(), 3);
        let entry = Entry {
            seq: 0,
            version: 0,
            expires: Instant::now(),
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            len: body.len(),
            pieces,
        };
        let res = entry.response("XYZ");
        let got = futures_body(res);
        assert_eq!(
            got,
            "<script nonce=\"XYZ\">1</script><p>x</p><script nonce=\"XYZ\">"
        );
        assert_eq!(split_at_nonce(&body, None), vec![body.clone()]);
    }

    fn futures_body(res: Response) -> String {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = rt
            .block_on(axum::body::to_bytes(res.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn keys_separate_themes_and_skip_what_must_not_be_kept() {
        let req = |uri: &str, cookie: Option<&str>| {
            let mut b = Request::get(uri);
            if let Some(c) = cookie {
                b = b.header(header::COOKIE, c);
            }
            b.body(Body::empty()).unwrap()
        };
        assert_eq!(key(&req("/a?b=1", None)).unwrap(), "|/a?b=1");
        assert_eq!(
            key(&req("/a", Some("x=1; timelines_theme=dark"))).unwrap(),
            "dark|/a"
        );
        assert_eq!(key(&req(&format!("/{}", "x".repeat(3_000)), None)), None);
        let post = Request::post("/a").body(Body::empty()).unwrap();
        assert_eq!(key(&post), None);
    }

    #[tokio::test]
    async fn the_oldest_entries_go_first_when_full() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/c.db", dir.path().display()))
            .await
            .unwrap();
        let cache = PageCache::new(store.clone(), Duration::from_secs(60), 2, 1_000);
        let entry = |n: usize| Entry {
            seq: 0,
            version: store.content_version(),
            expires: Instant::now() + Duration::from_secs(60),
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            pieces: vec![Bytes::from(vec![b'x'; n])],
            len: n,
        };
        cache.insert("a".into(), entry(10));
        cache.insert("b".into(), entry(10));
        cache.insert("a".into(), entry(10));
        cache.insert("c".into(), entry(10));
        assert!(cache.lookup("b").is_none(), "b was the oldest");
        assert!(cache.lookup("a").is_some() && cache.lookup("c").is_some());
        // Too many bytes: only what fits stays.
        cache.insert("d".into(), entry(995));
        assert_eq!(cache.len(), 1);
        assert!(cache.lookup("d").is_some());
        // A write makes every entry stale.
        store.upsert_author("ann", "Ann", "").await.unwrap();
        assert!(cache.lookup("d").is_none());
    }
}
