//! What feed readers and crawlers fetch: RSS 2.0 and Atom feeds, the sitemap index and its child
//! sitemaps, the Google News sitemap and robots.txt. Plain axum handlers; all XML is written with
//! quick-xml, which escapes every text and attribute value, after [`xml_text`] has removed the
//! characters XML 1.0 cannot carry at all.
//!
//! Every feed and sitemap carries a strong `ETag` (a hash of the body) and, when it lists
//! anything, a `Last-Modified` (the newest item's last change), and answers a matching
//! `If-None-Match` (or, without one, `If-Modified-Since`) with `304 Not Modified`.

use crate::error::AppError;
use crate::model::{category_href, NamedRef};
use crate::server::clock;
use crate::server::read::article_href;
use crate::server::store::{ArticleFilter, ArticleRow, CategoryRow, FeedExtras, SitemapKind};
use crate::server::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::io;
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// Items in every feed.
pub const FEED_ITEMS: u32 = 20;
/// URLs in one child sitemap (the protocol's maximum).
pub const SITEMAP_URLS: u32 = 50_000;
/// Articles in the news sitemap, and how far back it looks.
pub const NEWS_URLS: u32 = 1_000;
pub const NEWS_WINDOW_SECS: i64 = 48 * 3600;

pub const RSS_TYPE: &str = "application/rss+xml; charset=utf-8";
pub const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";
pub const XML_TYPE: &str = "application/xml; charset=utf-8";
const CACHE_CONTROL: &str = "public, max-age=300";

const NS_ATOM: &str = "http://www.w3.org/2005/Atom";
const NS_CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
const NS_SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NS_NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// Bytes of a URL path left as they are; everything else (including non-ASCII) is
/// percent-encoded, so every URL we publish is a plain RFC 3986 URI.
const PATH_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

// ---- routes ------------------------------------------------------------------------------

/// `/feed`: the whole newsroom.
pub async fn site_rss(State(state): State<AppState>, headers: HeaderMap) -> Response {
    rss(&state, &headers, Scope::All).await
}

/// `/feed/atom`: the whole newsroom as Atom.
pub async fn site_atom(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let doc = async {
        let mut channel = channel(&state, Scope::All).await?;
        channel.self_url = absolute(&state.config.site.public_url, "/feed/atom");
        Ok(XmlDoc {
            last_modified: channel.last_modified(),
            body: write_atom(&channel).map_err(xml_error)?,
            content_type: ATOM_TYPE,
        })
    }
    .await;
    respond(&headers, doc)
}

/// `/tag/<slug>/feed`.
pub async fn tag_rss(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    rss(&state, &headers, Scope::Tag(slug)).await
}

/// `/author/<slug>/feed`.
pub async fn author_rss(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    rss(&state, &headers, Scope::Author(slug)).await
}

/// `/category/<path>/feed`. Leptos owns `/category/*path` for pages and a route cannot continue
/// after a wildcard, so the router layers this in front of the page: it answers any path under
/// `/category/` that ends in `/feed` and passes everything else on. A feed is only read: other
/// methods than `GET` (and `HEAD`, which `http::respond` makes a `GET`) get 405, as on the
/// routes of the other feeds.
pub async fn category_feeds(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(path) = category_feed_path(req.uri().path()) else {
        return next.run(req).await;
    };
    if req.method() != Method::GET {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET,HEAD")],
        )
            .into_response();
    }
    rss(&state, req.headers(), Scope::Category(path)).await
}

/// The category path of a category feed URL: `/category/world/europe/feed` → `world/europe`.
fn category_feed_path(uri_path: &str) -> Option<String> {
    let path = uri_path
        .strip_prefix("/category/")?
        .strip_suffix("/feed")?
        .trim_matches('/');
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    Some(path)
}

/// `/sitemap.xml`: the index of every child sitemap.
pub async fn sitemap_index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let doc = async {
        let now = clock::now().unix_timestamp();
        let mut children = Vec::new();
        for kind in SitemapKind::ALL {
            for (i, lastmod) in child_lastmods(&state, kind, now)
                .await?
                .into_iter()
                .enumerate()
            {
                children.push(Loc {
                    url: absolute(
                        &state.config.site.public_url,
                        &format!("/sitemaps/{}-{}.xml", kind.name(), i + 1),
                    ),
                    lastmod,
                });
            }
        }
        Ok(XmlDoc {
            last_modified: children.iter().map(|c| c.lastmod).max(),
            body: write_sitemap_index(&children).map_err(xml_error)?,
            content_type: XML_TYPE,
        })
    }
    .await;
    respond(&headers, doc)
}

/// `/sitemaps/<kind>-<n>.xml`: one page of URLs of one kind.
pub async fn sitemap(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let doc = async {
        let (kind, page) = parse_sitemap_file(&file).ok_or(AppError::NotFound)?;
        let urls = sitemap_urls(&state, kind, page).await?;
        if urls.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(XmlDoc {
            last_modified: urls.iter().map(|u| u.lastmod).max(),
            body: write_urlset(&urls).map_err(xml_error)?,
            content_type: XML_TYPE,
        })
    }
    .await;
    respond(&headers, doc)
}

/// `/news-sitemap.xml`: articles of the last 48 hours, for Google News.
pub async fn news_sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let doc = async {
        let now = clock::now().unix_timestamp();
        let rows = state
            .store
            .news_articles(now - NEWS_WINDOW_SECS, now, NEWS_URLS)
            .await?;
        let base = &state.config.site.public_url;
        let items: Vec<NewsItem> = rows
            .into_iter()
            .map(|r| NewsItem {
                url: absolute(base, &article_href(&r.slug, r.published_at)),
                title: r.title,
                language: r.lang.to_ascii_lowercase(),
                published: r.published_at,
                updated: r.updated_at,
            })
            .collect();
        Ok(XmlDoc {
            last_modified: items.iter().map(|i| i.updated).max(),
            body: write_news_sitemap(&state.config.site.name, &items).map_err(xml_error)?,
            content_type: XML_TYPE,
        })
    }
    .await;
    respond(&headers, doc)
}

/// `/robots.txt`: everything may be crawled except search results and the server functions.
pub async fn robots(State(state): State<AppState>) -> Response {
    let base = &state.config.site.public_url;
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE_CONTROL),
        ],
        robots_txt(base),
    )
        .into_response()
}

fn robots_txt(base: &str) -> String {
    // Disallow lines first: parsers that take the first matching rule still skip them.
    format!(
        "User-agent: *\nDisallow: /search\nDisallow: /api/\nAllow: /\n\n\
         Sitemap: {base}/sitemap.xml\nSitemap: {base}/news-sitemap.xml\n"
    )
}

// ---- feed data ---------------------------------------------------------------------------

/// Which articles a feed carries, as the URL names them.
enum Scope {
    All,
    Category(String),
    Tag(String),
    Author(String),
}

/// A feed, ready to write in either format. Every URL is absolute.
#[derive(Debug, Clone, PartialEq)]
struct Channel {
    title: String,
    /// The HTML page the feed mirrors.
    link: String,
    /// This feed's own URL.
    self_url: String,
    description: String,
    language: String,
    /// When there are no items: the time an empty Atom feed reports as `updated`.
    now: i64,
    items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
struct Item {
    title: String,
    url: String,
    summary: String,
    body_html: String,
    author: NamedRef,
    author_url: String,
    /// The article's category first, then its tags.
    categories: Vec<String>,
    lang: String,
    published: i64,
    updated: i64,
}

impl Channel {
    /// The newest change among the items.
    fn last_modified(&self) -> Option<i64> {
        self.items.iter().map(|i| i.updated.max(i.published)).max()
    }
}

async fn rss(state: &AppState, headers: &HeaderMap, scope: Scope) -> Response {
    let doc = async {
        let channel = channel(state, scope).await?;
        Ok(XmlDoc {
            last_modified: channel.last_modified(),
            body: write_rss(&channel).map_err(xml_error)?,
            content_type: RSS_TYPE,
        })
    }
    .await;
    respond(headers, doc)
}

/// Looks the scope up (unknown categories, tags and authors are `NotFound`) and loads its
/// newest articles with their bodies and tags.
async fn channel(state: &AppState, scope: Scope) -> Result<Channel, AppError> {
    let store = &state.store;
    let site = &state.config.site;
    let base = site.public_url.as_str();
    let (filter, title, page, feed, description) = match scope {
        Scope::All => (
            ArticleFilter::All,
            site.name.clone(),
            "/".to_string(),
            "/feed".to_string(),
            non_empty(&site.tagline, || format!("The latest from {}.", site.name)),
        ),
        Scope::Category(path) => {
            let CategoryRow {
                path,
                name,
                description,
                ..
            } = store
                .find_category(&path)
                .await?
                .ok_or(AppError::NotFound)?;
            let page = category_href(&path);
            (
                ArticleFilter::Category(path),
                format!("{name} — {}", site.name),
                page.clone(),
                format!("{page}/feed"),
                non_empty(&description, || format!("Stories in {name}.")),
            )
        }
        Scope::Tag(slug) => {
            let tag = store.find_tag(&slug).await?.ok_or(AppError::NotFound)?;
            let page = format!("/tag/{}", tag.slug);
            (
                ArticleFilter::Tag(tag.slug),
                format!("{} — {}", tag.name, site.name),
                page.clone(),
                format!("{page}/feed"),
                format!("Stories tagged “{}”.", tag.name),
            )
        }
        Scope::Author(slug) => {
            let (author, bio) = store.find_author(&slug).await?.ok_or(AppError::NotFound)?;
            let page = format!("/author/{}", author.slug);
            (
                ArticleFilter::Author(author.slug),
                format!("{} — {}", author.name, site.name),
                page.clone(),
                format!("{page}/feed"),
                non_empty(&bio, || format!("Stories by {}.", author.name)),
            )
        }
    };
    let now = clock::now().unix_timestamp();
    let rows = store.list_articles(&filter, now, FEED_ITEMS, 0).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut extras = store.feed_extras(&ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let extra = extras.remove(&row.id).unwrap_or_default();
            item(base, row, extra)
        })
        .collect();
    Ok(Channel {
        title,
        link: absolute(base, &page),
        self_url: absolute(base, &feed),
        description,
        language: site.language.clone(),
        now,
        items,
    })
}

fn non_empty(s: &str, fallback: impl FnOnce() -> String) -> String {
    if s.trim().is_empty() {
        fallback()
    } else {
        s.to_string()
    }
}

fn item(base: &str, row: ArticleRow, extra: FeedExtras) -> Item {
    let mut categories = vec![row.category_name];
    categories.extend(extra.tags.into_iter().map(|t| t.name));
    Item {
        url: absolute(base, &article_href(&row.slug, row.published_at)),
        title: row.title,
        summary: row.dek,
        body_html: absolute_html(base, &extra.body_html),
        author_url: absolute(base, &format!("/author/{}", row.author_slug)),
        author: NamedRef {
            slug: row.author_slug,
            name: row.author_name,
        },
        categories,
        lang: row.lang,
        published: row.published_at,
        updated: row.updated_at.max(row.published_at),
    }
}

/// The stored body (already sanitised when it was written) cleaned again with every relative
/// link and image made absolute, since a feed reader has no page to resolve them against.
fn absolute_html(base: &str, html: &str) -> String {
    let Ok(base) = ammonia::Url::parse(&format!("{base}/")) else {
        return ammonia::clean(html);
    };
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_relative(ammonia::UrlRelative::RewriteWithBase(base))
        .clean(html)
        .to_string()
}

/// `base` (the public URL, no trailing slash) joined to a site path, percent-encoded.
fn absolute(base: &str, path: &str) -> String {
    format!("{base}{}", utf8_percent_encode(path, PATH_SAFE))
}

// ---- sitemap data --------------------------------------------------------------------------

/// One `<url>` of a urlset or one `<sitemap>` of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Loc {
    url: String,
    lastmod: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct NewsItem {
    url: String,
    title: String,
    language: String,
    published: i64,
    updated: i64,
}

/// `articles-3.xml` → (articles, 3). Page numbers start at 1 and carry no sign or zeros in
/// front, so every sitemap has exactly one name.
fn parse_sitemap_file(file: &str) -> Option<(SitemapKind, u32)> {
    let (kind, page) = file.strip_suffix(".xml")?.rsplit_once('-')?;
    if page.starts_with('0') || !page.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let page: u32 = page.parse().ok().filter(|&n| n >= 1)?;
    Some((SitemapKind::from_name(kind)?, page))
}

/// The newest change on each child sitemap of `kind`, one entry per page.
async fn child_lastmods(
    state: &AppState,
    kind: SitemapKind,
    now: i64,
) -> Result<Vec<i64>, AppError> {
    if kind == SitemapKind::Pages {
        let urls = page_urls(state, now).await?;
        return Ok(urls
            .chunks(SITEMAP_URLS as usize)
            .filter_map(|c| c.iter().map(|u| u.lastmod).max())
            .collect());
    }
    let total = state.store.sitemap_count(kind, now).await?;
    let mut out = Vec::new();
    for page in 0..total.div_ceil(SITEMAP_URLS) {
        let lastmod = state
            .store
            .sitemap_lastmod(kind, now, SITEMAP_URLS, page * SITEMAP_URLS)
            .await?;
        out.extend(lastmod);
    }
    Ok(out)
}

/// Page `page` (from 1) of the URLs of `kind`; empty past the end.
async fn sitemap_urls(
    state: &AppState,
    kind: SitemapKind,
    page: u32,
) -> Result<Vec<Loc>, AppError> {
    let now = clock::now().unix_timestamp();
    let offset = (page - 1).saturating_mul(SITEMAP_URLS);
    if kind == SitemapKind::Pages {
        let urls = page_urls(state, now).await?;
        return Ok(urls
            .into_iter()
            .skip(offset as usize)
            .take(SITEMAP_URLS as usize)
            .collect());
    }
    let base = &state.config.site.public_url;
    let rows = state
        .store
        .sitemap_rows(kind, now, SITEMAP_URLS, offset)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let path = match kind {
                SitemapKind::Articles => article_href(&r.key, r.published_at),
                SitemapKind::Categories => category_href(&r.key),
                SitemapKind::Tags => format!("/tag/{}", r.key),
                SitemapKind::Authors => format!("/author/{}", r.key),
                SitemapKind::Pages => format!("/{}", r.key),
            };
            Loc {
                url: absolute(base, &path),
                lastmod: r.lastmod,
            }
        })
        .collect())
}

/// The home page (changed whenever any article did) and the static pages. There are only a
/// handful, so they are listed in memory.
async fn page_urls(state: &AppState, now: i64) -> Result<Vec<Loc>, AppError> {
    let store = &state.store;
    let base = &state.config.site.public_url;
    let pages = store
        .sitemap_rows(SitemapKind::Pages, now, u32::MAX, 0)
        .await?;
    let newest_article = store
        .sitemap_lastmod(SitemapKind::Articles, now, u32::MAX, 0)
        .await?;
    let home = newest_article
        .or_else(|| pages.iter().map(|p| p.lastmod).max())
        .unwrap_or(now);
    let mut urls = vec![Loc {
        url: absolute(base, "/"),
        lastmod: home,
    }];
    urls.extend(pages.into_iter().map(|p| Loc {
        url: absolute(base, &format!("/{}", p.key)),
        lastmod: p.lastmod,
    }));
    Ok(urls)
}

// ---- XML writing ---------------------------------------------------------------------------

/// Text XML 1.0 can carry: everything but the C0 controls other than tab, line feed and
/// carriage return, and U+FFFE/U+FFFF (Rust strings hold no lone surrogates). quick-xml escapes
/// the markup characters when the text is written.
pub fn xml_text(s: &str) -> Cow<'_, str> {
    fn allowed(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
    }
}

/// RFC 2822 (RSS dates): `Sun, 07 Apr 2024 09:30:00 +0000`.
pub fn rfc2822(unix: i64) -> String {
    utc(unix)
        .format(&Rfc2822)
        .unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 +0000".into())
}

/// RFC 3339, which is also a W3C datetime (Atom and sitemaps): `2024-04-07T09:30:00Z`.
pub fn rfc3339(unix: i64) -> String {
    utc(unix)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// The HTTP date of `Last-Modified`: `Sun, 07 Apr 2024 09:30:00 GMT`.
pub fn http_date(unix: i64) -> String {
    utc(unix)
        .format(HTTP_DATE)
        .unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 GMT".into())
}

fn parse_http_date(s: &str) -> Option<i64> {
    PrimitiveDateTime::parse(s.trim(), HTTP_DATE)
        .ok()
        .map(|t| t.assume_utc().unix_timestamp())
}

const HTTP_DATE: &[time::format_description::BorrowedFormatItem<'static>] = format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

fn utc(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

type Xml = Writer<Vec<u8>>;

fn new_document() -> io::Result<Xml> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(w)
}

/// `<name>text</name>`, the text cleaned and escaped.
fn text(w: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

fn write_rss(c: &Channel) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element("rss")
        .with_attributes([
            ("version", "2.0"),
            ("xmlns:atom", NS_ATOM),
            ("xmlns:content", NS_CONTENT),
            ("xmlns:dc", NS_DC),
        ])
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text(w, "title", &c.title)?;
                text(w, "link", &c.link)?;
                text(w, "description", &c.description)?;
                text(w, "language", &c.language)?;
                if let Some(t) = c.last_modified() {
                    text(w, "lastBuildDate", &rfc2822(t))?;
                }
                w.create_element("atom:link")
                    .with_attributes([
                        ("href", xml_text(&c.self_url).as_ref()),
                        ("rel", "self"),
                        ("type", "application/rss+xml"),
                    ])
                    .write_empty()?;
                for i in &c.items {
                    w.create_element("item").write_inner_content(|w| {
                        text(w, "title", &i.title)?;
                        text(w, "link", &i.url)?;
                        w.create_element("guid")
                            .with_attribute(("isPermaLink", "true"))
                            .write_text_content(BytesText::new(&xml_text(&i.url)))?;
                        text(w, "pubDate", &rfc2822(i.published))?;
                        text(w, "dc:creator", &i.author.name)?;
                        text(w, "dc:language", &i.lang)?;
                        for cat in &i.categories {
                            text(w, "category", cat)?;
                        }
                        text(w, "description", &i.summary)?;
                        text(w, "content:encoded", &i.body_html)
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

fn write_atom(c: &Channel) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element("feed")
        .with_attributes([
            ("xmlns", NS_ATOM),
            ("xml:lang", xml_text(&c.language).as_ref()),
        ])
        .write_inner_content(|w| {
            text(w, "id", &c.self_url)?;
            text(w, "title", &c.title)?;
            text(w, "subtitle", &c.description)?;
            text(w, "updated", &rfc3339(c.last_modified().unwrap_or(c.now)))?;
            w.create_element("link")
                .with_attributes([
                    ("rel", "self"),
                    ("type", "application/atom+xml"),
                    ("href", xml_text(&c.self_url).as_ref()),
                ])
                .write_empty()?;
            w.create_element("link")
                .with_attributes([
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", xml_text(&c.link).as_ref()),
                ])
                .write_empty()?;
            for i in &c.items {
                w.create_element("entry")
                    .with_attribute(("xml:lang", xml_text(&i.lang).as_ref()))
                    .write_inner_content(|w| {
                        text(w, "id", &i.url)?;
                        text(w, "title", &i.title)?;
                        w.create_element("link")
                            .with_attributes([
                                ("rel", "alternate"),
                                ("type", "text/html"),
                                ("href", xml_text(&i.url).as_ref()),
                            ])
                            .write_empty()?;
                        text(w, "published", &rfc3339(i.published))?;
                        text(w, "updated", &rfc3339(i.updated))?;
                        w.create_element("author").write_inner_content(|w| {
                            text(w, "name", &i.author.name)?;
                            text(w, "uri", &i.author_url)
                        })?;
                        for cat in &i.categories {
                            w.create_element("category")
                                .with_attribute(("term", xml_text(cat).as_ref()))
                                .write_empty()?;
                        }
                        text(w, "summary", &i.summary)?;
                        // xml:lang is inherited from the entry, but some readers (feed-rs
                        // among them) only look for it on the content.
                        w.create_element("content")
                            .with_attributes([
                                ("type", "html"),
                                ("xml:lang", xml_text(&i.lang).as_ref()),
                            ])
                            .write_text_content(BytesText::new(&xml_text(&i.body_html)))?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// A sitemap index (`sitemapindex` of `sitemap`) or a sitemap (`urlset` of `url`): the same
/// list of locations with their last change, under different element names.
fn write_locs(root: &str, entry: &str, locs: &[Loc]) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element(root)
        .with_attribute(("xmlns", NS_SITEMAP))
        .write_inner_content(|w| {
            for l in locs {
                w.create_element(entry).write_inner_content(|w| {
                    text(w, "loc", &l.url)?;
                    text(w, "lastmod", &rfc3339(l.lastmod))
                })?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

fn write_sitemap_index(children: &[Loc]) -> io::Result<Vec<u8>> {
    write_locs("sitemapindex", "sitemap", children)
}

fn write_urlset(urls: &[Loc]) -> io::Result<Vec<u8>> {
    write_locs("urlset", "url", urls)
}

fn write_news_sitemap(publication: &str, items: &[NewsItem]) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element("urlset")
        .with_attributes([("xmlns", NS_SITEMAP), ("xmlns:news", NS_NEWS)])
        .write_inner_content(|w| {
            for i in items {
                w.create_element("url").write_inner_content(|w| {
                    text(w, "loc", &i.url)?;
                    w.create_element("news:news").write_inner_content(|w| {
                        w.create_element("news:publication")
                            .write_inner_content(|w| {
                                text(w, "news:name", publication)?;
                                text(w, "news:language", &i.language)
                            })?;
                        text(w, "news:publication_date", &rfc3339(i.published))?;
                        text(w, "news:title", &i.title)
                    })?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

// ---- responses -----------------------------------------------------------------------------

struct XmlDoc {
    body: Vec<u8>,
    content_type: &'static str,
    last_modified: Option<i64>,
}

fn xml_error(e: io::Error) -> AppError {
    tracing::error!(error = %e, "writing XML failed");
    AppError::Internal
}

/// The document with its validators, or `304 Not Modified` when the client already holds it,
/// or the error as plain text with its status.
fn respond(request: &HeaderMap, doc: Result<XmlDoc, AppError>) -> Response {
    let doc = match doc {
        Ok(doc) => doc,
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                e.to_string(),
            )
                .into_response();
        }
    };
    let etag = etag(&doc.body);
    let last_modified = doc.last_modified.map(http_date);
    let mut validators = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        validators.insert(header::ETAG, v);
    }
    if let Some(v) = last_modified
        .as_deref()
        .and_then(|s| HeaderValue::from_str(s).ok())
    {
        validators.insert(header::LAST_MODIFIED, v);
    }
    validators.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    if not_modified(request, &etag, doc.last_modified) {
        return (StatusCode::NOT_MODIFIED, validators).into_response();
    }
    (
        validators,
        [(header::CONTENT_TYPE, doc.content_type)],
        doc.body,
    )
        .into_response()
}

/// A strong entity tag: the first 128 bits of the body's SHA-256, in hex.
fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// RFC 9110 §13.1: `If-None-Match` (weak comparison, `*` matches anything) decides when it is
/// present; otherwise `If-Modified-Since` against the last change.
fn not_modified(request: &HeaderMap, etag: &str, last_modified: Option<i64>) -> bool {
    let inm: Vec<&str> = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    if !inm.is_empty() {
        return inm
            .iter()
            .flat_map(|v| v.split(','))
            .map(|t| t.trim())
            .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag);
    }
    let since = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    matches!((since, last_modified), (Some(since), Some(changed)) if changed <= since)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel_with(title: &str, body: &str) -> Channel {
        Channel {
            title: "West Timelines".into(),
            link: "https://news.example/".into(),
            self_url: "https://news.example/feed".into(),
            description: "News & ideas".into(),
            language: "en".into(),
            now: 1_712_482_200,
            items: vec![Item {
                title: title.into(),
                url: "https://news.example/2024/04/07/a".into(),
                summary: "Dek \"quoted\" & 'single'".into(),
                body_html: body.into(),
                author: NamedRef {
                    slug: "anna".into(),
                    name: "Anna <Koval>".into(),
                },
                author_url: "https://news.example/author/anna".into(),
                categories: vec!["Q&A".into()],
                lang: "ar".into(),
                published: 1_712_482_200,
                updated: 1_712_485_800,
            }],
        }
    }

    const HOSTILE: &str = "<script>alert(\"x\")</script> Tom & Jerry's \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}end\ttab";

    #[test]
    fn dates_are_rfc_2822_rfc_3339_and_http_dates() {
        // 2024-04-07T09:30:00Z, a Sunday.
        assert_eq!(rfc2822(1_712_482_200), "Sun, 07 Apr 2024 09:30:00 +0000");
        assert_eq!(rfc3339(1_712_482_200), "2024-04-07T09:30:00Z");
        assert_eq!(http_date(1_712_482_200), "Sun, 07 Apr 2024 09:30:00 GMT");
        assert_eq!(
            parse_http_date("Sun, 07 Apr 2024 09:30:00 GMT"),
            Some(1_712_482_200)
        );
        assert_eq!(parse_http_date("yesterday"), None);
        // Out of range stays well formed rather than failing the feed.
        assert_eq!(rfc2822(i64::MAX), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn text_xml_cannot_carry_is_removed() {
        assert_eq!(xml_text("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            xml_text(HOSTILE),
            "<script>alert(\"x\")</script> Tom & Jerry's end\ttab"
        );
        assert_eq!(xml_text("línea\r\nعربي 😀"), "línea\r\nعربي 😀");
    }

    #[test]
    fn hostile_titles_are_escaped_in_rss() {
        let xml =
            String::from_utf8(write_rss(&channel_with(HOSTILE, "<p>a</p>]]>")).unwrap()).unwrap();
        assert!(!xml.contains("<script>"), "{xml}");
        assert!(
            xml.contains(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry&apos;s end\ttab"
            ),
            "{xml}"
        );
        assert!(xml.contains("<content:encoded>&lt;p&gt;a&lt;/p&gt;]]&gt;</content:encoded>"));
        assert!(xml.contains("<dc:creator>Anna &lt;Koval&gt;</dc:creator>"));
        assert!(xml.contains("<guid isPermaLink=\"true\">https://news.example/2024/04/07/a</guid>"));
        assert!(xml.contains("<pubDate>Sun, 07 Apr 2024 09:30:00 +0000</pubDate>"));
        assert!(xml.contains("<lastBuildDate>Sun, 07 Apr 2024 10:30:00 +0000</lastBuildDate>"));
        assert!(!xml
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed RSS");
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("item"))
            .and_then(|n| n.children().find(|c| c.has_tag_name("title")))
            .and_then(|n| n.text())
            .unwrap();
        assert_eq!(title, xml_text(HOSTILE));
    }

    #[test]
    fn hostile_titles_are_escaped_in_atom_and_entries_carry_their_language() {
        let xml =
            String::from_utf8(write_atom(&channel_with(HOSTILE, "<p>x</p>")).unwrap()).unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed Atom");
        let entry = doc
            .descendants()
            .find(|n| n.has_tag_name((NS_ATOM, "entry")))
            .unwrap();
        assert_eq!(
            entry.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("ar")
        );
        let child = |name: &str| {
            entry
                .children()
                .find(|c| c.has_tag_name((NS_ATOM, name)))
                .unwrap()
        };
        assert_eq!(child("title").text(), Some(xml_text(HOSTILE).as_ref()));
        assert_eq!(child("content").text(), Some("<p>x</p>"));
        assert_eq!(child("published").text(), Some("2024-04-07T09:30:00Z"));
        assert_eq!(child("updated").text(), Some("2024-04-07T10:30:00Z"));
        assert_eq!(
            child("category").attribute("term"),
            Some("Q&A"),
            "attributes are escaped and read back"
        );
    }

    #[test]
    fn relative_links_in_bodies_become_absolute_and_scripts_stay_out() {
        let html = absolute_html(
            "https://news.example",
            "<p><a href=\"/tag/gaza\">Gaza</a> <img src=\"/img/a.jpg\" alt=\"\"><script>x()</script></p>",
        );
        assert!(
            html.contains("href=\"https://news.example/tag/gaza\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://news.example/img/a.jpg\""),
            "{html}"
        );
        assert!(!html.contains("<script"));
    }

    #[test]
    fn urls_are_absolute_and_percent_encoded() {
        assert_eq!(
            absolute("https://news.example", "/tag/غزة"),
            "https://news.example/tag/%D8%BA%D8%B2%D8%A9"
        );
        assert_eq!(
            absolute("https://news.example", "/2024/04/07/a-b_c.d~e"),
            "https://news.example/2024/04/07/a-b_c.d~e"
        );
        assert_eq!(
            absolute("https://news.example", "/a b?c#d"),
            "https://news.example/a%20b%3Fc%23d"
        );
    }

    #[test]
    fn category_feed_paths_are_recognised() {
        assert_eq!(
            category_feed_path("/category/world/europe/feed").as_deref(),
            Some("world/europe")
        );
        assert_eq!(
            category_feed_path("/category/world/feed").as_deref(),
            Some("world")
        );
        assert_eq!(category_feed_path("/category/world"), None);
        assert_eq!(category_feed_path("/category/feed"), None);
        assert_eq!(category_feed_path("/tag/x/feed"), None);
        assert_eq!(category_feed_path("/category/%FF/feed"), None);
    }

    #[test]
    fn sitemap_file_names_have_one_spelling() {
        assert_eq!(
            parse_sitemap_file("articles-1.xml"),
            Some((SitemapKind::Articles, 1))
        );
        assert_eq!(
            parse_sitemap_file("pages-12.xml"),
            Some((SitemapKind::Pages, 12))
        );
        for bad in [
            "articles-0.xml",
            "articles-01.xml",
            "articles-+1.xml",
            "articles-1",
            "articles.xml",
            "bogus-1.xml",
            "articles-99999999999.xml",
            "articles-.xml",
        ] {
            assert_eq!(parse_sitemap_file(bad), None, "{bad}");
        }
    }

    #[test]
    fn if_none_match_and_if_modified_since_decide_304() {
        let tag = etag(b"body");
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34);
        assert_ne!(tag, etag(b"body2"));
        let with = |name: header::HeaderName, v: &str| {
            let mut h = HeaderMap::new();
            h.insert(name, HeaderValue::from_str(v).unwrap());
            h
        };
        assert!(not_modified(&with(header::IF_NONE_MATCH, &tag), &tag, None));
        assert!(not_modified(
            &with(header::IF_NONE_MATCH, &format!("\"x\", W/{tag}")),
            &tag,
            None
        ));
        assert!(not_modified(&with(header::IF_NONE_MATCH, "*"), &tag, None));
        assert!(!not_modified(
            &with(header::IF_NONE_MATCH, "\"other\""),
            &tag,
            Some(0)
        ));
        let t = 1_712_482_200;
        let ims = with(header::IF_MODIFIED_SINCE, &http_date(t));
        assert!(not_modified(&ims, &tag, Some(t)));
        assert!(!not_modified(&ims, &tag, Some(t + 1)));
        assert!(!not_modified(&ims, &tag, None));
        assert!(!not_modified(&HeaderMap::new(), &tag, Some(t)));
    }

    #[test]
    fn robots_allows_all_but_search_and_api_and_names_both_sitemaps() {
        let txt = robots_txt("https://news.example");
        assert!(txt.contains("User-agent: *\n"));
        assert!(txt.contains("Disallow: /search\n"));
        assert!(txt.contains("Disallow: /api/\n"));
        assert!(txt.contains("Sitemap: https://news.example/sitemap.xml\n"));
        assert!(txt.contains("Sitemap: https://news.example/news-sitemap.xml\n"));
    }
}
