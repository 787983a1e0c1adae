#![cfg(feature = "ssr")]
//! Feeds, sitemaps and robots.txt over the real router and the demo newsroom, read the way feed
//! readers and crawlers read them: feeds through the feed-rs parser, sitemaps through an XML
//! parser and xmllint with the sitemaps.org schemas, and every URL they publish fetched back.

// Not every shared helper is used here.
#[allow(dead_code)]
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{Page, TestApp, PUBLIC_URL};
use feed_rs::model::{Entry, Feed, FeedType};
use std::collections::HashSet;
use std::path::Path;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use timelines::server::store::{ArticleFilter, ArticleRow};

const NS_SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NS_NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const RSS: &str = "application/rss+xml; charset=utf-8";
const ATOM: &str = "application/atom+xml; charset=utf-8";

// ---- helpers -------------------------------------------------------------------------------

/// leptos_server suppresses resource loading for the whole process while any router is being
/// built (`generate_route_list`), and a page render whose resource first runs in that window
/// never finishes (leptos-rs/leptos#4773). Every test builds its own router, so the tests of
/// this file run one at a time; otherwise one of them hangs now and then.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The test app, holding this file's one-at-a-time lock for as long as it lives.
struct App {
    app: TestApp,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.app
    }
}

async fn app() -> App {
    let turn = ONE_AT_A_TIME.lock().await;
    App {
        app: common::app().await,
        _turn: turn,
    }
}

fn header_of(p: &Page, name: header::HeaderName) -> &str {
    p.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// GETs a feed, checks status and content type, and parses it with feed-rs.
async fn feed(app: &TestApp, uri: &str, content_type: &str) -> Feed {
    let p = app.get(uri).await;
    assert_eq!(p.status, StatusCode::OK, "{uri}: {}", p.body);
    assert_eq!(header_of(&p, header::CONTENT_TYPE), content_type, "{uri}");
    feed_rs::parser::parse(p.body.as_bytes()).unwrap_or_else(|e| panic!("{uri}: {e}"))
}

/// The site path of one of our absolute URLs, asserting it is one.
#[track_caller]
fn site_path(url: &str) -> &str {
    let path = url
        .strip_prefix(PUBLIC_URL)
        .unwrap_or_else(|| panic!("{url} is not an absolute URL on {PUBLIC_URL}"));
    assert!(path.starts_with('/'), "{url}");
    path
}

fn entry_link(e: &Entry) -> &str {
    &e.links.first().expect("entry has a link").href
}

/// The slug at the end of an article URL.
fn slug_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap()
}

fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// The published articles a filter selects, newest first, straight from the store.
async fn expected(app: &TestApp, filter: ArticleFilter, limit: u32) -> Vec<ArticleRow> {
    app.state
        .store
        .list_articles(&filter, now(), limit, 0)
        .await
        .unwrap()
}

/// `uri` fetched twice: answered, then kept (the same body from the page cache). The first.
async fn kept_after_its_render(app: &TestApp, uri: &str) -> Page {
    let first = app.get(uri).await;
    assert_eq!(first.status, StatusCode::OK, "{uri}");
    let again = app.get(uri).await;
    assert_eq!(
        again.headers["x-cache"], "hit",
        "{uri}: kept after its render"
    );
    assert_eq!(again.body, first.body, "{uri}");
    first
}

/// The public addresses of `articles`, as sitemaps list them.
fn article_urls(articles: &[ArticleRow]) -> HashSet<String> {
    articles
        .iter()
        .map(|r| {
            format!(
                "{PUBLIC_URL}{}",
                timelines::urls::article(&r.slug, r.published_at)
            )
        })
        .collect()
}

async fn article(app: &TestApp, url: &str) -> ArticleRow {
    app.state
        .store
        .find_article(slug_of(url), now())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{url} is not a published article"))
        .0
}

/// Asserts every entry is a complete item pointing at a real article page, in the order and
/// number the store gives for the same filter, and returns the articles.
async fn check_entries(app: &TestApp, feed: &Feed, filter: ArticleFilter) -> Vec<ArticleRow> {
    let want = expected(app, filter, 20).await;
    assert!(!want.is_empty(), "the demo newsroom fills this feed");
    let got: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| slug_of(entry_link(e)))
        .collect();
    let want_slugs: Vec<&str> = want.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(got, want_slugs, "the newest 20, newest first");
    let mut previous = i64::MAX;
    for (e, row) in feed.entries.iter().zip(&want) {
        let link = entry_link(e);
        let title = &e.title.as_ref().expect("title").content;
        assert_eq!(title, &row.title);
        assert_eq!(e.id, link, "the id is the permalink");
        let published = e.published.expect("published").timestamp();
        assert_eq!(published, row.published_at);
        assert!(published <= previous, "newest first");
        previous = published;
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .expect("full content");
        assert!(body.contains("<p>") && body.len() > 200, "{link}: {body}");
        assert!(!body.contains("<script"), "{link}");
        assert_eq!(
            e.authors.first().and_then(|a| a.name.as_deref()),
            Some(row.author_name.as_str())
        );
        assert!(
            e.categories.iter().any(|c| c.term == row.category_name),
            "{link}: the article's category is listed"
        );
        let page = app.get(site_path(link)).await;
        assert_eq!(page.status, StatusCode::OK, "{link}");
    }
    want
}

// ---- feeds ---------------------------------------------------------------------------------

#[tokio::test]
async fn site_feed_is_rss_with_the_latest_twenty_full_articles_newest_first() {
    let app = app().await;
    let f = feed(&app, "/feed", RSS).await;
    assert_eq!(f.feed_type, FeedType::RSS2);
    assert_eq!(f.title.as_ref().unwrap().content, "West Timelines");
    assert_eq!(f.entries.len(), 20);
    assert_eq!(f.language.as_deref(), Some("en"));
    check_entries(&app, &f, ArticleFilter::All).await;

    let raw = app.get("/feed").await.body;
    let doc = roxmltree::Document::parse(&raw).unwrap();
    let self_link = doc
        .descendants()
        .find(|n| n.has_tag_name(("http://www.w3.org/2005/Atom", "link")))
        .expect("atom:link");
    assert_eq!(self_link.attribute("rel"), Some("self"));
    assert_eq!(
        self_link.attribute("href"),
        Some(format!("{PUBLIC_URL}/feed").as_str())
    );
    let guid = doc.descendants().find(|n| n.has_tag_name("guid")).unwrap();
    assert_eq!(guid.attribute("isPermaLink"), Some("true"));
    let pub_date = doc
        .descendants()
        .find(|n| n.has_tag_name("pubDate"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        pub_date.ends_with(" +0000") && pub_date.as_bytes()[3] == b',',
        "RFC 2822: {pub_date}"
    );
    assert!(doc
        .descendants()
        .any(|n| n.has_tag_name(("http://purl.org/rss/1.0/modules/content/", "encoded"))));
}

#[tokio::test]
async fn atom_feed_carries_the_same_articles_and_each_entry_its_language() {
    let app = app().await;
    let f = feed(&app, "/feed/atom", ATOM).await;
    assert_eq!(f.feed_type, FeedType::Atom);
    assert_eq!(f.title.as_ref().unwrap().content, "West Timelines");
    assert_eq!(f.id, format!("{PUBLIC_URL}/feed/atom"));
    assert!(f
        .links
        .iter()
        .any(|l| l.rel.as_deref() == Some("self") && l.href == format!("{PUBLIC_URL}/feed/atom")));
    assert!(f.updated.is_some());
    let rows = check_entries(&app, &f, ArticleFilter::All).await;
    for (e, row) in f.entries.iter().zip(&rows) {
        assert_eq!(
            e.language.as_deref(),
            Some(row.lang.as_str()),
            "{}",
            row.slug
        );
        assert!(e.updated.unwrap().timestamp() >= row.published_at);
    }
}

#[tokio::test]
async fn arabic_items_carry_their_language_in_both_formats() {
    let app = app().await;
    // An Arabic article among the newest twenty of its author, so the author's feed holds it.
    let mut arabic = None;
    for r in expected(&app, ArticleFilter::All, 500).await {
        if r.lang == "ar"
            && expected(&app, ArticleFilter::Author(r.author_slug.clone()), 20)
                .await
                .iter()
                .any(|x| x.id == r.id)
        {
            arabic = Some(r);
            break;
        }
    }
    let arabic = arabic.expect("the demo newsroom has Arabic articles");
    let uri = format!("/author/{}/feed", arabic.author_slug);
    let raw = app.get(&uri).await.body;
    let doc = roxmltree::Document::parse(&raw).unwrap();
    let item = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .find(|n| {
            n.children()
                .any(|c| c.has_tag_name("title") && c.text() == Some(arabic.title.as_str()))
        })
        .expect("the Arabic article is in its author's feed");
    let lang = item
        .children()
        .find(|c| c.has_tag_name(("http://purl.org/dc/elements/1.1/", "language")))
        .and_then(|c| c.text());
    assert_eq!(lang, Some("ar"));

    // Atom: xml:lang on the entry, when the article is among the newest twenty.
    let atom = feed(&app, "/feed/atom", ATOM).await;
    for e in &atom.entries {
        let row = article(&app, entry_link(e)).await;
        assert_eq!(e.language.as_deref(), Some(row.lang.as_str()));
    }
}

#[tokio::test]
async fn category_feed_holds_only_the_category_and_its_descendants() {
    let app = app().await;
    for (path, name) in [
        ("world", "World"),
        ("world/europe", "Europe"),
        ("world/europe/ukraine", "Ukraine"),
    ] {
        let uri = format!("/category/{path}/feed");
        let f = feed(&app, &uri, RSS).await;
        assert_eq!(
            f.title.as_ref().unwrap().content,
            format!("{name} — West Timelines")
        );
        let rows = check_entries(&app, &f, ArticleFilter::Category(path.into())).await;
        for r in rows {
            assert!(
                r.category_path == path || r.category_path.starts_with(&format!("{path}/")),
                "{uri}: {} is in {}",
                r.slug,
                r.category_path
            );
        }
    }
    // The category page itself is still the page.
    let page = app.get("/category/world").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(header_of(&page, header::CONTENT_TYPE).starts_with("text/html"));
}

#[tokio::test]
async fn tag_and_author_feeds_hold_only_their_articles() {
    let app = app().await;
    let f = feed(&app, "/tag/israel-war/feed", RSS).await;
    let tag = app
        .state
        .store
        .find_tag("israel-war")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        f.title.as_ref().unwrap().content,
        format!("{} — West Timelines", tag.name)
    );
    for r in check_entries(&app, &f, ArticleFilter::Tag("israel-war".into())).await {
        let tags = app.state.store.article_tags(r.id).await.unwrap();
        assert!(tags.iter().any(|t| t.slug == "israel-war"), "{}", r.slug);
    }
    for e in &f.entries {
        assert!(e.categories.iter().any(|c| c.term == tag.name));
    }

    let f = feed(&app, "/author/anna-koval/feed", RSS).await;
    for r in check_entries(&app, &f, ArticleFilter::Author("anna-koval".into())).await {
        assert_eq!(r.author_slug, "anna-koval");
    }
}

#[tokio::test]
async fn unknown_feeds_and_sitemaps_are_404() {
    let app = app().await;
    for uri in [
        "/category/nowhere/feed",
        "/category/world/nowhere/feed",
        "/tag/no-such-tag/feed",
        "/author/nobody/feed",
        "/sitemaps/articles-2.xml",
        "/sitemaps/articles-0.xml",
        "/sitemaps/articles-01.xml",
        "/sitemaps/bogus-1.xml",
        "/sitemaps/articles.xml",
        "/sitemaps/articles-99999999999999.xml",
    ] {
        let p = app.get(uri).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let p = app.get("/category/world/feed/").await;
    assert_eq!(p.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(p.location(), "/category/world/feed");
}

#[tokio::test]
async fn hostile_titles_reach_feed_readers_as_plain_text() {
    let app = app().await;
    let title = "<script>alert('x')</script> Q&A: \"quotes\" \u{1}\u{8}& more";
    app.state
        .store
        .insert_article(&timelines::server::store::NewArticle {
            title: title.into(),
            dek: "A dek with <b>markup</b> & ampersands".into(),
            body_md: "Body <script>alert(1)</script> with [a link](/tag/israel-war).".into(),
            published_at: now() - 1,
            updated_at: now() - 1,
            ..common::new_article("hostile-title")
        })
        .await
        .unwrap();
    for (uri, ty) in [("/feed", RSS), ("/feed/atom", ATOM)] {
        let raw = app.get(uri).await.body;
        assert!(!raw.contains("<script"), "{uri}");
        assert!(!raw.contains('\u{1}') && !raw.contains('\u{8}'), "{uri}");
        let f = feed(&app, uri, ty).await;
        let e = &f.entries[0];
        assert_eq!(
            e.title.as_ref().unwrap().content,
            "<script>alert('x')</script> Q&A: \"quotes\" & more",
            "{uri}"
        );
        let body = e.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(!body.contains("<script"), "{uri}: {body}");
        assert!(
            body.contains(&format!("href=\"{PUBLIC_URL}/tag/israel-war\"")),
            "{uri}: links in bodies are absolute: {body}"
        );
    }
}

#[tokio::test]
async fn feeds_and_sitemaps_are_kept_and_a_publish_reaches_them_at_once() {
    let app = app().await;
    let kept = [
        "/feed",
        "/feed/atom",
        "/sitemaps/articles-1.xml",
        "/news-sitemap.xml",
    ];
    for uri in kept {
        kept_after_its_render(&app, uri).await;
    }
    app.state
        .store
        .insert_article(&timelines::server::store::NewArticle {
            published_at: now() - 1,
            updated_at: now() - 1,
            ..common::new_article("kept-feeds-see-this-at-once")
        })
        .await
        .unwrap();
    for uri in kept {
        let after = app.get(uri).await;
        assert_eq!(
            after.headers["x-cache"], "miss",
            "{uri}: rendered anew after the write"
        );
        after.assert_has("kept-feeds-see-this-at-once");
    }
}

// ---- HTTP validators -----------------------------------------------------------------------

const VALIDATED: &[&str] = &[
    "/feed",
    "/feed/atom",
    "/category/world/feed",
    "/tag/israel-war/feed",
    "/author/anna-koval/feed",
    "/sitemap.xml",
    "/sitemaps/articles-1.xml",
    "/sitemaps/pages-1.xml",
    "/news-sitemap.xml",
];

#[tokio::test]
async fn feeds_and_sitemaps_carry_etag_and_last_modified_and_answer_304() {
    let app = app().await;
    for &uri in VALIDATED {
        let p = app.get(uri).await;
        assert_eq!(p.status, StatusCode::OK, "{uri}");
        let etag = header_of(&p, header::ETAG).to_string();
        assert!(
            etag.starts_with('"') && etag.ends_with('"') && etag.len() > 20,
            "{uri}: a strong ETag, got {etag:?}"
        );
        let again = app.get(uri).await;
        assert_eq!(header_of(&again, header::ETAG), etag, "{uri}: stable");
        let last_modified = header_of(&p, header::LAST_MODIFIED).to_string();
        assert!(
            last_modified.ends_with(" GMT") && last_modified.len() == 29,
            "{uri}: an HTTP date, got {last_modified:?}"
        );

        let cached = app
            .request(
                Request::get(uri)
                    .header(header::IF_NONE_MATCH, &etag)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(cached.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(cached.body.is_empty(), "{uri}");
        assert_eq!(header_of(&cached, header::ETAG), etag);

        let stale = app
            .request(
                Request::get(uri)
                    .header(header::IF_NONE_MATCH, "\"something-else\"")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(stale.status, StatusCode::OK, "{uri}");
        assert_eq!(stale.body, p.body);

        let since = app
            .request(
                Request::get(uri)
                    .header(header::IF_MODIFIED_SINCE, &last_modified)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(since.status, StatusCode::NOT_MODIFIED, "{uri}");
    }
}

#[tokio::test]
async fn head_is_answered_like_get_without_a_body() {
    let app = app().await;
    for &uri in VALIDATED.iter().chain(&["/robots.txt"]) {
        let get = app.get(uri).await;
        let head = app
            .request(Request::head(uri).body(Body::empty()).unwrap())
            .await;
        assert_eq!(head.status, StatusCode::OK, "{uri}");
        assert!(head.body.is_empty(), "{uri}: HEAD has no body");
        assert_eq!(
            header_of(&head, header::CONTENT_TYPE),
            header_of(&get, header::CONTENT_TYPE),
            "{uri}"
        );
        assert_eq!(
            header_of(&head, header::ETAG),
            header_of(&get, header::ETAG)
        );
    }
    let head = app
        .request(
            Request::head("/tag/no-such-tag/feed")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(head.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn feeds_answer_only_get_and_head_and_other_methods_get_405() {
    let app = app().await;
    for uri in [
        "/category/world/feed",
        "/category/world/europe/feed",
        "/feed",
    ] {
        for method in ["DELETE", "POST", "PUT", "PATCH"] {
            let p = app
                .request(
                    Request::builder()
                        .method(method)
                        .uri(uri)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
            assert_eq!(p.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            assert_eq!(header_of(&p, header::ALLOW), "GET,HEAD", "{method} {uri}");
            assert!(!p.body.contains("<rss"), "{method} {uri}");
        }
    }
    let head = app
        .request(
            Request::head("/category/world/feed")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(head.status, StatusCode::OK);
}

// ---- sitemaps ------------------------------------------------------------------------------

/// `(loc, lastmod)` of each `<url>` or `<sitemap>` entry of a sitemap document, checking the
/// root element and that every lastmod is a W3C datetime.
fn entries(xml: &str, root: &str) -> Vec<(String, OffsetDateTime)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    assert!(doc.root_element().has_tag_name((NS_SITEMAP, root)), "{xml}");
    doc.root_element()
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            let child = |name: &str| {
                n.children()
                    .find(|c| c.has_tag_name((NS_SITEMAP, name)))
                    .and_then(|c| c.text())
                    .unwrap_or_else(|| panic!("<{name}> in every entry"))
                    .to_string()
            };
            let lastmod = child("lastmod");
            let t = OffsetDateTime::parse(&lastmod, &Rfc3339)
                .unwrap_or_else(|e| panic!("lastmod {lastmod}: {e}"));
            (child("loc"), t)
        })
        .collect()
}

async fn xml_ok(app: &TestApp, uri: &str) -> String {
    let p = app.get(uri).await;
    assert_eq!(p.status, StatusCode::OK, "{uri}");
    assert_eq!(
        header_of(&p, header::CONTENT_TYPE),
        "application/xml; charset=utf-8",
        "{uri}"
    );
    p.body
}

#[tokio::test]
async fn sitemap_index_lists_every_child_and_every_url_resolves() {
    let app = app().await;
    let index = entries(&xml_ok(&app, "/sitemap.xml").await, "sitemapindex");
    let children: Vec<&str> = index.iter().map(|(loc, _)| site_path(loc)).collect();
    assert_eq!(
        children,
        [
            "/sitemaps/articles-1.xml",
            "/sitemaps/categories-1.xml",
            "/sitemaps/tags-1.xml",
            "/sitemaps/authors-1.xml",
            "/sitemaps/pages-1.xml",
        ]
    );
    let mut seen = HashSet::new();
    for (child, child_lastmod) in &index {
        let urls = entries(&xml_ok(&app, site_path(child)).await, "urlset");
        assert!(!urls.is_empty(), "{child}");
        let newest = urls.iter().map(|(_, t)| *t).max().unwrap();
        assert_eq!(
            &newest, child_lastmod,
            "{child}: the index reports its newest change"
        );
        for (loc, lastmod) in urls {
            assert!(lastmod.offset() == time::UtcOffset::UTC, "{loc}: {lastmod}");
            assert!(
                lastmod.unix_timestamp() <= now(),
                "{loc}: not in the future"
            );
            assert!(seen.insert(loc.clone()), "{loc} is listed once");
            let page = app.get(site_path(&loc)).await;
            assert_eq!(page.status, StatusCode::OK, "{loc}");
        }
    }
    // Every published article, and nothing else under a date.
    let published = expected(&app, ArticleFilter::All, 10_000).await;
    assert!(published.len() > 60);
    let article_urls = article_urls(&published);
    let listed_articles: HashSet<String> =
        entries(&xml_ok(&app, "/sitemaps/articles-1.xml").await, "urlset")
            .into_iter()
            .map(|(loc, _)| loc)
            .collect();
    assert_eq!(listed_articles, article_urls);
    for must in [
        format!("{PUBLIC_URL}/"),
        format!("{PUBLIC_URL}/privacy-policy"),
        format!("{PUBLIC_URL}/category/world/europe/ukraine"),
        format!("{PUBLIC_URL}/tag/israel-war"),
        format!("{PUBLIC_URL}/author/anna-koval"),
    ] {
        assert!(seen.contains(&must), "{must} is in a sitemap");
    }
}

#[tokio::test]
async fn a_large_newsroom_splits_its_articles_over_sitemaps_each_small_enough_to_keep() {
    let app = app().await;
    let per_file = timelines::server::feeds::SITEMAP_URLS;
    timelines::server::generate::generate(&app.state.store, u64::from(per_file), 7, now())
        .await
        .unwrap();
    let published = expected(&app, ArticleFilter::All, 100_000).await;
    let files = published.len().div_ceil(per_file as usize);
    assert!(files >= 2, "{} articles", published.len());

    let index = entries(&xml_ok(&app, "/sitemap.xml").await, "sitemapindex");
    let article_files: Vec<_> = index
        .iter()
        .filter(|(loc, _)| site_path(loc).starts_with("/sitemaps/articles-"))
        .collect();
    let names: Vec<&str> = article_files
        .iter()
        .map(|(loc, _)| site_path(loc))
        .collect();
    let expected_names: Vec<String> = (1..=files)
        .map(|n| format!("/sitemaps/articles-{n}.xml"))
        .collect();
    assert_eq!(names, expected_names);

    let mut listed = Vec::new();
    for (i, (loc, index_lastmod)) in article_files.iter().enumerate() {
        let uri = site_path(loc);
        let first = kept_after_its_render(&app, uri).await;
        let urls = entries(&first.body, "urlset");
        if i + 1 < files {
            assert_eq!(urls.len(), per_file as usize, "{uri}: full");
        }
        assert_eq!(
            urls.iter().map(|(_, t)| *t).max().as_ref(),
            Some(index_lastmod),
            "{uri}: the index reports its newest change"
        );
        listed.extend(urls.into_iter().map(|(loc, _)| loc));
    }
    let unique: HashSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "no article is listed twice");
    let article_urls = article_urls(&published);
    assert_eq!(
        unique.into_iter().cloned().collect::<HashSet<_>>(),
        article_urls
    );
    let past_the_end = format!("/sitemaps/articles-{}.xml", files + 1);
    assert_eq!(app.get(&past_the_end).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn news_sitemap_lists_only_the_last_48_hours() {
    let app = app().await;
    let xml = xml_ok(&app, "/news-sitemap.xml").await;
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert!(root.has_tag_name((NS_SITEMAP, "urlset")));
    let cutoff = now() - 48 * 3600;
    let want: Vec<ArticleRow> = expected(&app, ArticleFilter::All, 10_000)
        .await
        .into_iter()
        .filter(|r| r.published_at > cutoff)
        .collect();
    assert!(
        want.len() >= 3,
        "the demo newsroom has several recent stories"
    );
    let urls: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(urls.len(), want.len(), "exactly the last 48 hours");
    let news = |n: roxmltree::Node, path: &[&str]| -> String {
        let mut node = n;
        for name in path {
            node = node
                .children()
                .find(|c| c.has_tag_name((NS_NEWS, *name)))
                .unwrap_or_else(|| panic!("news:{name}"));
        }
        node.text().unwrap_or_default().to_string()
    };
    for (url, row) in urls.into_iter().zip(&want) {
        let loc = url
            .children()
            .find(|c| c.has_tag_name((NS_SITEMAP, "loc")))
            .and_then(|c| c.text())
            .unwrap();
        assert_eq!(slug_of(loc), row.slug, "newest first");
        assert_eq!(
            app.get(site_path(loc)).await.status,
            StatusCode::OK,
            "{loc}"
        );
        assert_eq!(
            news(url, &["news", "publication", "name"]),
            "West Timelines"
        );
        assert_eq!(news(url, &["news", "publication", "language"]), row.lang);
        assert_eq!(news(url, &["news", "title"]), row.title);
        let date = news(url, &["news", "publication_date"]);
        let t = OffsetDateTime::parse(&date, &Rfc3339).unwrap();
        assert_eq!(t.unix_timestamp(), row.published_at);
        assert!(t.unix_timestamp() > cutoff);
    }
}

/// Runs `xmllint --noout --schema`; Err holds its output. A missing xmllint fails the test: the
/// schemas are part of `make test` (`make test-tools` installs Debian's libxml2-utils).
fn xmllint(schema: &Path, file: &Path) -> Result<(), String> {
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run xmllint ({e}); install Debian's libxml2-utils \
                 (`make tools-xmllint` or `apt-get install libxml2-utils`)"
            )
        });
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[tokio::test]
async fn sitemaps_validate_against_the_sitemaps_org_schemas() {
    let app = app().await;
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, xml: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, xml).unwrap();
        path
    };

    let index_xml = xml_ok(&app, "/sitemap.xml").await;
    let index = write("sitemap.xml", &index_xml);
    xmllint(&schemas.join("siteindex.xsd"), &index).unwrap();
    let children = entries(&index_xml, "sitemapindex");
    assert_eq!(children.len(), 5);
    for (i, (child, _)) in children.iter().enumerate() {
        let file = write(
            &format!("child-{i}.xml"),
            &xml_ok(&app, site_path(child)).await,
        );
        xmllint(&schemas.join("sitemap.xsd"), &file).unwrap_or_else(|e| panic!("{child}: {e}"));
    }
    let news = write("news.xml", &xml_ok(&app, "/news-sitemap.xml").await);
    xmllint(&schemas.join("sitemap-news.xsd"), &news).unwrap();

    // The check can fail: a relative loc, a lastmod without a time zone and a news entry
    // without its title are all refused.
    for (name, bad, schema) in [
        (
            "relative.xml",
            format!("<urlset xmlns=\"{NS_SITEMAP}\"><url><loc>/2024/04/07/a</loc></url></urlset>"),
            "sitemap.xsd",
        ),
        (
            "no-zone.xml",
            format!("<urlset xmlns=\"{NS_SITEMAP}\"><url><loc>{PUBLIC_URL}/a</loc><lastmod>2024-04-07T09:30:00</lastmod></url></urlset>"),
            "sitemap.xsd",
        ),
        (
            "index-as-urlset.xml",
            index_xml.clone(),
            "sitemap.xsd",
        ),
        (
            "no-title.xml",
            format!("<urlset xmlns=\"{NS_SITEMAP}\" xmlns:news=\"{NS_NEWS}\"><url><loc>{PUBLIC_URL}/a</loc><news:news><news:publication><news:name>West Timelines</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-04-07T09:30:00Z</news:publication_date></news:news></url></urlset>"),
            "sitemap-news.xsd",
        ),
    ] {
        let file = write(name, &bad);
        assert!(
            xmllint(&schemas.join(schema), &file).is_err(),
            "{name} must not validate"
        );
    }
}

#[tokio::test]
async fn robots_txt_allows_crawling_except_search_and_names_both_sitemaps() {
    let app = app().await;
    let p = app.get("/robots.txt").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(
        header_of(&p, header::CONTENT_TYPE),
        "text/plain; charset=utf-8"
    );
    let lines: Vec<&str> = p.body.lines().collect();
    for line in [
        "User-agent: *",
        "Disallow: /search",
        "Disallow: /api/",
        "Allow: /",
    ] {
        assert!(lines.contains(&line), "{line:?} in {}", p.body);
    }
    let sitemaps: Vec<&str> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .collect();
    assert_eq!(
        sitemaps,
        [
            format!("{PUBLIC_URL}/sitemap.xml"),
            format!("{PUBLIC_URL}/news-sitemap.xml")
        ]
    );
    for s in sitemaps {
        xml_ok(&app, site_path(s)).await;
    }
}
