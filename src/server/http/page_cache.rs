//! An in-memory cache of rendered HTML pages, so that a page read by many readers is rendered
//! once and then served at the cost of a copy.
//!
//! It sits inside the compression layer and outside the `ETag` middleware (see `router.rs`): it
//! keeps the uncompressed body and the headers of a successful `GET` of a page, a feed or a
//! sitemap (never JSON, never anything private), keyed by the path and
//! the query parameters that page reads (`urls::params_read_by`): any other parameter (a tracking tag, a
//! cache buster such as `/?x=N`) leaves the page as it is, so it shares the page's entry instead
//! of making a new one. Each response still gets its own CSP nonce: the body is kept cut at the
//! nonce it was rendered with, and a hit joins the pieces with the new one.
//!
//! An entry is rendered again when the store reports a write ([`Store::content_version`]): the
//! first request after the write renders it and waits for it, so whoever wrote sees the write on
//! the next page they load; requests that come during that render get the page as it was, for a
//! second after the write at most, rather than all waiting. Drafts, autosaves, revisions and
//! sign-ins are not such writes and leave the pages alone. An entry is also rendered again
//! after `http.page_cache_seconds` (pages carry relative times such as "5
//! minutes ago", scheduled articles appear when their time comes, and other processes may
//! write to the database). Size is bounded by bytes (`http.page_cache_megabytes`). The entries
//! live in a `moka` cache, whose TinyLFU admission keeps the pages read often when it is full:
//! a flood of one-off pages (distinct searches, say) cannot push the front page out. A page
//! with a query (a search, the second page of a list) is kept only from its second ask
//! (`doorkeeper.rs`), or at once when others asked for it during its render or it is still
//! held from before: until the cache is full, moka keeps whatever it is given, and a flood of
//! one-off searches would fill it with pages nobody reads twice. A query many readers repeat
//! is kept; one typed once is not.
//!
//! No request waits for a page that many want at once. For another `http.page_cache_seconds`
//! after it expires, an entry is still served while one render in the background replaces it
//! (stale-while-revalidate). A page that is missing (new, or dropped by a write) is rendered
//! once: requests for it that arrive meanwhile wait for that render instead of each rendering
//! it again.
//!
//! Over 400 lines with its tests (about 390 without): the tests render pages through a slow
//! site to show the waiting and the stale answers.

use crate::server::http::CspNonce;
use crate::server::store::Store;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use moka::sync::Cache;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

mod doorkeeper;
mod key;
use doorkeeper::Doorkeeper;
use key::key;

/// Pages larger than this are served but not kept. A full child sitemap must fit
/// (`feeds::SITEMAP_URLS`).
pub(crate) const MAX_PAGE_BYTES: usize = 2 << 20;
/// A request waits this long at most for another's render of the same page, then renders.
const MAX_WAIT: Duration = Duration::from_secs(5);
/// What an entry costs beside its body and key (headers, bookkeeping), for the byte bound.
const ENTRY_OVERHEAD_BYTES: usize = 1_024;
/// For this long after a write, a page rendered before it is still served to those who ask
/// while another request renders it anew, instead of making them wait for that render. After
/// it, nobody gets a page older than the last write: what an editor publishes is on every page
/// within a second.
const WRITTEN_GRACE: Duration = Duration::from_secs(1);

#[derive(Debug)]
pub struct PageCache {
    ttl: Duration,
    store: Store,
    /// None when pages are not kept (`http.page_cache_seconds = 0`).
    entries: Option<Cache<String, Arc<Entry>>>,
    /// The keys being rendered, with what wakes the requests waiting for them.
    rendering: Mutex<HashMap<String, Arc<Pending>>>,
    /// Which pages with a query were asked for lately.
    door: Doorkeeper,
}

/// A render others may be waiting for.
#[derive(Debug, Default)]
struct Pending {
    done: Notify,
    /// Someone else asked for the page while it rendered: worth keeping, whatever the
    /// doorkeeper says.
    asked_again: AtomicBool,
}

/// How a kept page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Age {
    Fresh,
    /// Past its `ttl`: served while one render in the background replaces it.
    Expired,
    /// Rendered before a write: served only while the request that renders it anew runs.
    Written,
}

#[derive(Debug)]
struct Entry {
    version: u64,
    expires: Instant,
    status: StatusCode,
    headers: HeaderMap,
    /// The body, split where the nonce stood.
    pieces: Vec<Bytes>,
    len: usize,
}

impl PageCache {
    /// A cache keeping pages for `ttl` (zero: keep nothing), `max_bytes` of them at most.
    pub fn new(store: Store, ttl: Duration, max_bytes: u64) -> Arc<Self> {
        let entries = (!ttl.is_zero() && max_bytes > 0).then(|| {
            Cache::builder()
                .max_capacity(max_bytes)
                .weigher(|key: &String, entry: &Arc<Entry>| {
                    let bytes = key.len() + entry.len + ENTRY_OVERHEAD_BYTES;
                    u32::try_from(bytes).unwrap_or(u32::MAX)
                })
                // Expired entries are still served for one more `ttl` while they render anew,
                // and kept one `ttl` after that for when the database cannot serve a render
                // (`last_kept`).
                .time_to_live(ttl * 3)
                .build()
        });
        Arc::new(Self {
            ttl,
            store,
            entries,
            rendering: Mutex::default(),
            door: Doorkeeper::new(),
        })
    }

    /// The pages kept now (after pending evictions; for `/metrics`).
    pub fn entry_count(&self) -> u64 {
        self.entries.as_ref().map_or(0, |e| {
            e.run_pending_tasks();
            e.entry_count()
        })
    }

    /// The page kept for `key`, however long expired (up to three `ttl`s after its render, when
    /// the cache lets it go), if rendered since the last write: what a reader gets when the
    /// database cannot serve a new render. Never one rendered before a write: that write may
    /// have taken the page down.
    fn last_kept(&self, key: &str) -> Option<Arc<Entry>> {
        let entry = self.entries.as_ref()?.get(key)?;
        (entry.version == self.store.content_version()).then_some(entry)
    }

    fn enabled(&self) -> bool {
        self.entries.is_some()
    }

    fn lookup(&self, key: &str) -> Option<Arc<Entry>> {
        self.find(key)
            .and_then(|(entry, age)| (age == Age::Fresh).then_some(entry))
    }

    /// The entry for `key` and how old it is: an expired one is returned for one more `ttl`,
    /// one rendered before a write only within [`WRITTEN_GRACE`] of that write.
    fn find(&self, key: &str) -> Option<(Arc<Entry>, Age)> {
        let entry = self.entries.as_ref()?.get(key)?;
        let now = Instant::now();
        if entry.expires + self.ttl <= now {
            return None;
        }
        let age = if entry.version != self.store.content_version() {
            if !self.store.changed_within(WRITTEN_GRACE) {
                return None;
            }
            Age::Written
        } else if entry.expires > now {
            Age::Fresh
        } else {
            Age::Expired
        };
        Some((entry, age))
    }

    /// Whether a render of `key` keeps its page even when nobody else asks for it meanwhile: a
    /// page with a query only from its second ask (see the module's comment).
    fn keeps_at_once(&self, key: &str) -> bool {
        !key.contains('?') || self.holds(key) || self.door.asked_before(key)
    }

    /// Whether an entry for `key` is still held, however old: a page kept before is kept again
    /// however long a flood kept its doorkeeper's slot from remembering it.
    fn holds(&self, key: &str) -> bool {
        self.entries.as_ref().is_some_and(|e| e.contains_key(key))
    }

    /// Whether `key` is still being rendered by the render `by` stands for.
    fn is_rendering(&self, key: &str, by: &Arc<Pending>) -> bool {
        let rendering = self.rendering.lock().unwrap_or_else(|e| e.into_inner());
        rendering.get(key).is_some_and(|n| Arc::ptr_eq(n, by))
    }

    /// Marks `key` as being rendered (its page kept when done if `keep`, or if someone else
    /// asks for it meanwhile); Err when it already is, with the render to wait for.
    fn start_render(self: &Arc<Self>, key: &str, keep: bool) -> Result<Rendering, Arc<Pending>> {
        let mut rendering = self.rendering.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(pending) = rendering.get(key) {
            // Under the lock, so that the render cannot decide not to keep its page meanwhile
            // (`Rendering::keeps`).
            pending.asked_again.store(true, Ordering::Relaxed);
            return Err(pending.clone());
        }
        let pending = Arc::new(Pending::default());
        rendering.insert(key.to_string(), pending.clone());
        Ok(Rendering {
            cache: self.clone(),
            key: key.to_string(),
            pending,
            keep,
        })
    }

    fn insert(&self, key: String, entry: Entry) {
        if let Some(entries) = &self.entries {
            entries.insert(key, Arc::new(entry));
        }
    }

    /// The bytes the kept pages weigh now (after pending evictions).
    pub fn weighed_bytes(&self) -> u64 {
        self.entries.as_ref().map_or(0, |e| {
            e.run_pending_tasks();
            e.weighted_size()
        })
    }
}

/// A render in progress: when it ends (done, failed or cancelled), the key is free again and
/// the requests waiting for it are woken.
struct Rendering {
    cache: Arc<PageCache>,
    key: String,
    pending: Arc<Pending>,
    keep: bool,
}

impl Rendering {
    /// Whether the rendered page is to be kept. When it is not, the render ends here, under the
    /// lock that waiting requests take (`PageCache::start_render`): none can come to wait for a
    /// page that is not kept, and whoever asks from now on renders the page again.
    fn keeps(&self) -> bool {
        if self.keep {
            return true;
        }
        let mut rendering = self
            .cache
            .rendering
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if self.pending.asked_again.load(Ordering::Relaxed) {
            return true;
        }
        self.end(&mut rendering);
        false
    }

    /// Frees the key, if this render still holds it, and wakes those waiting.
    fn end(&self, rendering: &mut HashMap<String, Arc<Pending>>) {
        if rendering
            .get(&self.key)
            .is_some_and(|p| Arc::ptr_eq(p, &self.pending))
        {
            rendering.remove(&self.key);
            self.pending.done.notify_waiters();
        }
    }
}

impl Drop for Rendering {
    fn drop(&mut self) {
        let mut rendering = self
            .cache
            .rendering
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        self.end(&mut rendering);
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

/// Whether a response can be kept: a plain 200 HTML page, feed or sitemap that sets no cookie
/// and that no one asked not to store.
fn cacheable(res: &Response) -> bool {
    let h = res.headers();
    let kept_type = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(is_kept_type);
    let private = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|cc| cc.contains("no-store") || cc.contains("private"));
    res.status() == StatusCode::OK
        && kept_type
        && !private
        && !h.contains_key(header::SET_COOKIE)
        && !h.contains_key(header::CONTENT_ENCODING)
}

/// Pages, and feeds and sitemaps: a sitemap took up to a second of a busy server's time to
/// make (`make soak`), and crawlers ask for them again and again. JSON answers
/// (`/api/`) are never kept (`key.rs`).
fn is_kept_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    matches!(
        essence,
        "text/html" | "application/xml" | "application/rss+xml" | "application/atom+xml"
    )
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
    let nonce = nonce.as_deref().unwrap_or_default();
    let mut written = None;
    match cache.find(&key) {
        Some((entry, Age::Fresh)) => return marked(entry.response(nonce), "hit"),
        // Expired: served as it is while one render in the background replaces it.
        Some((entry, Age::Expired)) => {
            if let Ok(rendering) = cache.start_render(&key, true) {
                let again = copy_request(&req);
                tokio::spawn(render_and_keep(
                    cache.clone(),
                    key,
                    again,
                    next.clone(),
                    rendering,
                ));
            }
            return marked(entry.response(nonce), "stale");
        }
        // Rendered before a write: the first to ask renders the page anew and waits for it (so
        // whoever wrote sees the write at once); those who ask meanwhile get the page as it was.
        Some((entry, Age::Written)) => written = Some(entry),
        None => {}
    }
    // Missing (or rendered before a write): rendered once, however many ask for it meanwhile.
    let keep = written.is_some() || cache.keeps_at_once(&key);
    let rendering = match (cache.start_render(&key, keep), written) {
        (Ok(r), _) => r,
        (Err(_), Some(before)) => return marked(before.response(nonce), "stale"),
        (Err(done), None) => {
            let woken = done.done.notified();
            // The render may have ended between `start_render` and `notified`: then it woke
            // nobody, and there is nothing to wait for.
            if cache.is_rendering(&key, &done) {
                let _ = tokio::time::timeout(MAX_WAIT, woken).await;
            }
            if let Some(entry) = cache.lookup(&key) {
                return marked(entry.response(nonce), "hit");
            }
            // Not kept (an error page, say) or too slow: this request renders its own.
            let res = next.run(req).await;
            return or_last_kept(&cache, &key, res, nonce);
        }
    };
    // In a task of its own, so that the page is still rendered and kept for those waiting on
    // it when this reader goes away.
    let render = tokio::spawn(render_and_keep(
        cache.clone(),
        key.clone(),
        req,
        next,
        rendering,
    ));
    match render.await {
        Ok(res) => or_last_kept(&cache, &key, res, nonce),
        // The render panicked (the hook has logged it): the panic goes on here, in the
        // request's own task, so the catch-panic layer outside answers with the 500 page.
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // Cancelled: only when the runtime is shutting down.
        Err(e) => {
            tracing::error!(error = %e, "a page render was cancelled");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// A render's answer, or when the database could not serve it (503) the page as last kept
/// since the last write (`PageCache::last_kept`): better than an error page (stale-if-error).
/// Any other failure is answered as it is, so a fault in a page is seen.
fn or_last_kept(cache: &PageCache, key: &str, res: Response, nonce: &str) -> Response {
    match cache.last_kept(key) {
        Some(before) if res.status() == StatusCode::SERVICE_UNAVAILABLE => {
            marked(before.response(nonce), "stale")
        }
        _ => marked(res, "miss"),
    }
}

/// Says how the cache answered, in `X-Cache` as caches commonly do: `hit`, `stale` (served
/// while a newer copy renders) or `miss`.
fn marked(mut res: Response, how: &'static str) -> Response {
    res.headers_mut()
        .insert("x-cache", header::HeaderValue::from_static(how));
    res
}

/// A request for the same page with the same headers (and nonce), for a background render.
fn copy_request(req: &Request) -> Request {
    let mut copy = Request::new(Body::empty());
    *copy.method_mut() = req.method().clone();
    *copy.uri_mut() = req.uri().clone();
    *copy.version_mut() = req.version();
    *copy.headers_mut() = req.headers().clone();
    *copy.extensions_mut() = req.extensions().clone();
    copy
}

/// Renders the page and keeps it when it can and should be kept; `rendering` ends with it.
async fn render_and_keep(
    cache: Arc<PageCache>,
    key: String,
    req: Request,
    next: Next,
    rendering: Rendering,
) -> Response {
    let nonce = req.extensions().get::<CspNonce>().map(|n| n.0.clone());
    // Read before rendering: a write during the render leaves the entry stale at once.
    let version = cache.store.content_version();
    let res = next.run(req).await;
    if !cacheable(&res) || !rendering.keeps() {
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
    fn pages_feeds_and_sitemaps_are_kept_but_not_json_or_text() {
        for kept in [
            "text/html; charset=utf-8",
            crate::server::feeds::RSS_TYPE,
            crate::server::feeds::ATOM_TYPE,
            crate::server::feeds::XML_TYPE,
        ] {
            assert!(is_kept_type(kept), "{kept}");
        }
        for not in [
            "application/json",
            "text/plain; charset=utf-8",
            "image/webp",
            "",
        ] {
            assert!(!is_kept_type(not), "{not}");
        }
    }

    #[test]
    fn bodies_are_cut_at_the_nonce_and_joined_with_a_new_one() {
        let body =
            Bytes::from_static(b"<script nonce=\"AB\">1</script><p>x</p><script nonce=\"AB\">");
        let pieces = split_at_nonce(&body, Some("AB"));
        assert_eq!(pieces.len(), 3);
        let entry = Entry {
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

    /// A router whose page takes 50 ms to render and counts its renders, behind the cache; the
    /// same page answers `/` and `/search`.
    async fn slow_site(
        ttl: Duration,
    ) -> (
        axum::Router,
        Arc<std::sync::atomic::AtomicUsize>,
        Store,
        tempfile::TempDir,
    ) {
        let (app, renders, store, dir, _) = slow_site_and_cache(ttl).await;
        (app, renders, store, dir)
    }

    /// [`slow_site`], and its cache.
    async fn slow_site_and_cache(
        ttl: Duration,
    ) -> (
        axum::Router,
        Arc<std::sync::atomic::AtomicUsize>,
        Store,
        tempfile::TempDir,
        Arc<PageCache>,
    ) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let (store, dir) = crate::server::store::fixtures::empty_store().await;
        let renders = Arc::new(AtomicUsize::new(0));
        let counted = renders.clone();
        let cache = PageCache::new(store.clone(), ttl, 1 << 20);
        let page = axum::routing::get(move || {
            let n = counted.fetch_add(1, Ordering::SeqCst) + 1;
            async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                axum::response::Html(format!("<p>render {n}</p>"))
            }
        });
        let app = axum::Router::new()
            .route("/", page.clone())
            .route("/search", page)
            .layer(axum::middleware::from_fn_with_state(cache.clone(), serve));
        (app, renders, store, dir, cache)
    }

    async fn get(app: &axum::Router) -> (String, String) {
        get_path(app, "/").await
    }

    async fn get_path(app: &axum::Router, path: &str) -> (String, String) {
        use tower::ServiceExt;
        let res = app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let how = res.headers()["x-cache"].to_str().unwrap().to_string();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        (how, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn a_page_many_ask_for_at_once_is_rendered_once() {
        use std::sync::atomic::Ordering;
        let (app, renders, _s, _d) = slow_site(Duration::from_secs(60)).await;
        let all = futures_util::future::join_all((0..20).map(|_| get(&app))).await;
        assert_eq!(renders.load(Ordering::SeqCst), 1);
        assert!(all.iter().all(|(_, body)| body == "<p>render 1</p>"));
        assert_eq!(all.iter().filter(|(how, _)| how == "miss").count(), 1);
        assert_eq!(get(&app).await.0, "hit");
    }

    #[tokio::test]
    async fn a_page_with_a_query_is_kept_from_its_second_ask() {
        use std::sync::atomic::Ordering;
        let (app, renders, _s, _d) = slow_site(Duration::from_secs(60)).await;
        let oil = "/search?q=oil";
        assert_eq!(
            get_path(&app, oil).await,
            ("miss".into(), "<p>render 1</p>".into())
        );
        assert_eq!(
            get_path(&app, oil).await,
            ("miss".into(), "<p>render 2</p>".into())
        );
        assert_eq!(
            get_path(&app, oil).await,
            ("hit".into(), "<p>render 2</p>".into())
        );
        // Another search is another page, asked for once so far.
        assert_eq!(get_path(&app, "/search?q=gas").await.0, "miss");
        assert_eq!(get_path(&app, "/search?q=gas").await.0, "miss");
        assert_eq!(renders.load(Ordering::SeqCst), 4);
        // A page without a query is kept at once.
        assert_eq!(get(&app).await.0, "miss");
        assert_eq!(get(&app).await.0, "hit");
    }

    #[tokio::test]
    async fn a_page_with_a_query_still_held_is_kept_again_when_the_doorkeeper_forgot_it() {
        let ttl = Duration::from_millis(500);
        let (app, _renders, _s, _d, cache) = slow_site_and_cache(ttl).await;
        let oil = "/search?q=oil";
        get_path(&app, oil).await;
        get_path(&app, oil).await;
        assert_eq!(get_path(&app, oil).await.0, "hit");
        // A flood has taken every slot of the doorkeeper; the page is past its stale time (two
        // lifetimes) but still held (three): rendered again, and kept at once.
        cache.door.forget_all();
        tokio::time::sleep(ttl * 2 + Duration::from_millis(50)).await;
        assert_eq!(get_path(&app, oil).await.0, "miss");
        assert_eq!(get_path(&app, oil).await.0, "hit");
    }

    #[tokio::test]
    async fn a_page_with_a_query_many_ask_for_at_first_is_rendered_once_and_kept() {
        use std::sync::atomic::Ordering;
        let (app, renders, _s, _d) = slow_site(Duration::from_secs(60)).await;
        let all =
            futures_util::future::join_all((0..20).map(|_| get_path(&app, "/search?q=oil"))).await;
        assert_eq!(renders.load(Ordering::SeqCst), 1);
        assert!(all.iter().all(|(_, body)| body == "<p>render 1</p>"));
        assert_eq!(get_path(&app, "/search?q=oil").await.0, "hit");
    }

    #[tokio::test]
    async fn an_expired_page_is_served_while_one_render_replaces_it() {
        use std::sync::atomic::Ordering;
        let (app, renders, _s, _d) = slow_site(Duration::from_millis(300)).await;
        assert_eq!(get(&app).await, ("miss".into(), "<p>render 1</p>".into()));
        tokio::time::sleep(Duration::from_millis(350)).await;
        // Expired: the old page at once (none waits for the new one), for everyone, and one
        // render behind it.
        let all = futures_util::future::join_all((0..10).map(|_| get(&app))).await;
        assert!(all
            .iter()
            .all(|r| *r == ("stale".to_string(), "<p>render 1</p>".to_string())));
        // The one render behind them ends within moments (how many depends on the machine's
        // load, so the test waits for it rather than for a fixed time); until then the old
        // page is still what is served.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        let mut next = get(&app).await;
        while next.0 == "stale" && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(10)).await;
            next = get(&app).await;
        }
        assert_eq!(renders.load(Ordering::SeqCst), 2);
        assert_eq!(next, ("hit".into(), "<p>render 2</p>".into()));
        // Long past its time (two lifetimes), a page is rendered again before it is served.
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert_eq!(get(&app).await, ("miss".into(), "<p>render 3</p>".into()));
    }

    #[tokio::test]
    async fn after_a_write_one_request_renders_anew_while_the_others_get_the_page_as_it_was() {
        use std::sync::atomic::Ordering;
        let (app, renders, store, _d) = slow_site(Duration::from_secs(60)).await;
        assert_eq!(get(&app).await, ("miss".into(), "<p>render 1</p>".into()));
        store.upsert_author("ann", "Ann", "").await.unwrap();
        // The first asks after the write: it gets the new page. Those who come while it renders
        // get the old one at once.
        let all = futures_util::future::join_all((0..10).map(|_| get(&app))).await;
        assert_eq!(all[0], ("miss".into(), "<p>render 2</p>".into()));
        assert!(all[1..]
            .iter()
            .all(|r| *r == ("stale".to_string(), "<p>render 1</p>".to_string())));
        assert_eq!(renders.load(Ordering::SeqCst), 2);
        assert_eq!(get(&app).await, ("hit".into(), "<p>render 2</p>".into()));
        // A second after a write, nobody gets a page from before it: they wait for the render.
        store.upsert_author("bea", "Bea", "").await.unwrap();
        tokio::time::sleep(WRITTEN_GRACE + Duration::from_millis(50)).await;
        let all = futures_util::future::join_all((0..10).map(|_| get(&app))).await;
        assert!(all.iter().all(|(_, body)| body == "<p>render 3</p>"));
        assert_eq!(renders.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn when_the_database_cannot_serve_a_render_the_last_page_kept_since_the_last_write_is() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let (store, _dir) = crate::server::store::fixtures::empty_store().await;
        let down = Arc::new(AtomicBool::new(false));
        let failing = down.clone();
        let ttl = Duration::from_millis(200);
        let cache = PageCache::new(store.clone(), ttl, 1 << 20);
        let app = axum::Router::new()
            .route(
                "/",
                axum::routing::get(move || {
                    let down = failing.load(Ordering::SeqCst);
                    async move {
                        if down {
                            (StatusCode::SERVICE_UNAVAILABLE, "database away").into_response()
                        } else {
                            axum::response::Html("<p>the page</p>").into_response()
                        }
                    }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(cache, serve));
        assert_eq!(get(&app).await, ("miss".into(), "<p>the page</p>".into()));
        // Past its stale-while-revalidate time, the database away: the page as kept.
        tokio::time::sleep(ttl * 2 + Duration::from_millis(50)).await;
        down.store(true, Ordering::SeqCst);
        assert_eq!(get(&app).await, ("stale".into(), "<p>the page</p>".into()));
        // After a write (an unpublish, say), never the page from before it.
        store.upsert_author("ann", "Ann", "").await.unwrap();
        tokio::time::sleep(WRITTEN_GRACE + Duration::from_millis(50)).await;
        assert_eq!(get(&app).await, ("miss".into(), "database away".into()));
    }

    #[tokio::test]
    async fn pages_read_often_stay_when_a_flood_of_one_off_pages_fills_the_cache() {
        let (store, _dir) = crate::server::store::fixtures::empty_store().await;
        let capacity = 40_000;
        let cache = PageCache::new(store.clone(), Duration::from_secs(60), capacity);
        let entry = |n: usize| Entry {
            version: store.content_version(),
            expires: Instant::now() + Duration::from_secs(60),
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            pieces: vec![Bytes::from(vec![b'x'; n])],
            len: n,
        };
        // A cache that has filled up (moka counts reads once it is half full), with the front
        // page read many times.
        cache.insert("/".into(), entry(2_000));
        for i in 0..10 {
            cache.insert(format!("/category/{i}"), entry(2_000));
        }
        cache.weighed_bytes();
        for _ in 0..20 {
            assert!(cache.lookup("/").is_some());
        }
        cache.weighed_bytes();
        for i in 0..500 {
            let key = format!("/search?q=once+{i}");
            cache.insert(key.clone(), entry(2_000));
            let _ = cache.lookup(&key);
            if i % 50 == 0 {
                cache.weighed_bytes();
            }
        }
        assert!(cache.weighed_bytes() <= capacity, "bounded by bytes");
        assert!(cache.lookup("/").is_some(), "the page read often stays");
        // A write makes every entry stale.
        store.upsert_author("ann", "Ann", "").await.unwrap();
        assert!(cache.lookup("/").is_none());
    }
}
