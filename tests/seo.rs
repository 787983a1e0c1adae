#![cfg(feature = "ssr")]
//! What crawlers and share cards read in the server's first HTML: every head tag of every page
//! type, parsed with a real HTML parser (scraper/html5ever), and the JSON-LD parsed as JSON.

// Not every shared helper is used here.
#[allow(dead_code)]
mod common;

use axum::http::StatusCode;
use common::{app, Page, TestApp, PUBLIC_URL};
use scraper::{Html, Selector};
use serde_json::Value;
use std::collections::BTreeSet;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const LAVROV: &str = "/2024/04/07/lavrov-to-visit-china-april-8-9";
const OIL_EN: &str = "oil-heads-for-second-weekly-loss-as-stockpiles-build";
const OIL_AR: &str = "al-naft-yattajih-ila-khasara-usbuiya-thaniya";

// ---- helpers -------------------------------------------------------------------------------

/// A page as a crawler parses it.
struct Doc {
    raw: String,
    html: Html,
}

impl Doc {
    fn of(page: &Page) -> Self {
        assert_eq!(
            page.status,
            StatusCode::OK,
            "{}",
            &page.body[..page.body.len().min(300)]
        );
        Self {
            raw: page.body.clone(),
            html: Html::parse_document(&page.body),
        }
    }

    fn all(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("selector {css}: {e:?}"));
        self.html.select(&sel).collect()
    }

    /// Values of `attr` on every element matching `css`.
    fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.all(css)
            .into_iter()
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// The one value of `attr` on the one element matching `css` (inside `<head>`).
    #[track_caller]
    fn one(&self, css: &str, attr: &str) -> String {
        let found = self.attrs(css, attr);
        assert_eq!(found.len(), 1, "exactly one {css}[{attr}], found {found:?}");
        found.into_iter().next().unwrap()
    }

    fn meta_property(&self, property: &str) -> String {
        self.one(&format!("head > meta[property=\"{property}\"]"), "content")
    }

    fn meta_name(&self, name: &str) -> String {
        self.one(&format!("head > meta[name=\"{name}\"]"), "content")
    }

    fn canonical(&self) -> String {
        self.one("head > link[rel=\"canonical\"]", "href")
    }

    fn title(&self) -> String {
        let t = self.all("head > title");
        assert_eq!(t.len(), 1);
        t[0].text().collect()
    }

    fn text(&self, css: &str) -> Vec<String> {
        self.all(css)
            .into_iter()
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect()
    }

    /// Every JSON-LD block in `<head>`, parsed.
    fn json_ld(&self) -> Vec<Value> {
        self.all("head > script[type=\"application/ld+json\"]")
            .into_iter()
            .map(|e| {
                let text: String = e.text().collect();
                serde_json::from_str(&text).unwrap_or_else(|err| panic!("JSON-LD {err}: {text}"))
            })
            .collect()
    }

    #[track_caller]
    fn ld_of_type(&self, ty: &str) -> Value {
        let all = self.json_ld();
        let mut found = all.iter().filter(|v| v["@type"] == ty);
        let first = found
            .next()
            .unwrap_or_else(|| panic!("no {ty} in {all:?}"))
            .clone();
        assert!(found.next().is_none(), "one {ty}");
        assert_eq!(first["@context"], "https://schema.org");
        first
    }

    /// Every head tag in the first HTML the server sends sits before `</head>`.
    #[track_caller]
    fn assert_in_raw_head(&self, needle: &str) {
        let head_end = self.raw.find("</head>").expect("</head>");
        let at = self
            .raw
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in the HTML"));
        assert!(at < head_end, "{needle} is after </head>");
    }
}

async fn doc(app: &TestApp, uri: &str) -> Doc {
    Doc::of(&app.get(uri).await)
}

fn abs(path: &str) -> String {
    format!("{PUBLIC_URL}{path}")
}

#[track_caller]
fn assert_rfc3339_with_offset(s: &str) {
    OffsetDateTime::parse(s, &Rfc3339).unwrap_or_else(|e| panic!("{s}: {e}"));
    let tail = &s[19..];
    assert!(
        tail.ends_with('Z') || tail.contains('+') || tail.contains('-'),
        "{s} has a time zone"
    );
}

#[track_caller]
fn assert_absolute(url: &str) {
    assert!(
        url.starts_with(&format!("{PUBLIC_URL}/")),
        "{url} is absolute"
    );
}

/// The visible breadcrumb trail as (label, absolute URL).
fn visible_crumbs(d: &Doc) -> Vec<(String, String)> {
    d.all("nav.breadcrumbs a")
        .into_iter()
        .map(|a| {
            (
                a.text().collect::<String>().trim().to_string(),
                abs(a.value().attr("href").unwrap()),
            )
        })
        .collect()
}

#[track_caller]
fn assert_breadcrumbs_match(d: &Doc) {
    let list = d.ld_of_type("BreadcrumbList");
    let items = list["itemListElement"].as_array().unwrap();
    let visible = visible_crumbs(d);
    assert!(!visible.is_empty());
    assert_eq!(items.len(), visible.len());
    for (i, (item, (label, url))) in items.iter().zip(&visible).enumerate() {
        assert_eq!(item["@type"], "ListItem");
        assert_eq!(item["position"], i + 1);
        assert_eq!(item["name"], label.as_str());
        assert_eq!(item["item"], url.as_str());
    }
}

/// The head every indexable page shares: description, canonical, robots, Open Graph, Twitter.
#[track_caller]
fn assert_common_head(d: &Doc, og_type: &str) -> String {
    let canonical = d.canonical();
    assert_absolute(&canonical);
    assert!(!d.meta_name("description").is_empty());
    assert_eq!(d.meta_name("robots"), "max-image-preview:large");
    assert_eq!(d.meta_property("og:type"), og_type);
    assert_eq!(d.meta_property("og:url"), canonical);
    assert_eq!(d.meta_property("og:site_name"), "West Timelines");
    assert!(!d.meta_property("og:title").is_empty());
    assert_eq!(
        d.meta_property("og:description"),
        d.meta_name("description")
    );
    let image = d.meta_property("og:image");
    assert_absolute(&image);
    assert!(d.meta_property("og:image:width").parse::<u32>().unwrap() >= 200);
    assert_eq!(d.meta_name("twitter:card"), "summary_large_image");
    assert_eq!(d.meta_name("twitter:image"), image);
    assert_eq!(
        d.one(
            &format!(
                "head > link[rel=\"alternate\"][type=\"application/rss+xml\"][href=\"{}\"]",
                abs("/feed")
            ),
            "href"
        ),
        abs("/feed")
    );
    assert_eq!(
        d.one(
            "head > link[rel=\"alternate\"][type=\"application/atom+xml\"]",
            "href"
        ),
        abs("/feed/atom")
    );
    canonical
}

async fn article_path(app: &TestApp, slug: &str) -> String {
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let (row, _) = app
        .state
        .store
        .find_article(slug, now)
        .await
        .unwrap()
        .expect("demo article");
    timelines::urls::article(&row.slug, row.published_at)
}

// ---- article pages -------------------------------------------------------------------------

#[tokio::test]
async fn article_head_has_every_tag_crawlers_and_share_cards_read() {
    let app = app().await;
    let d = doc(&app, LAVROV).await;
    let headline = d.text("h1.article__title").remove(0);

    assert_eq!(d.title(), format!("{headline} — West Timelines"));
    assert_eq!(d.one("html", "lang"), "en");
    assert_eq!(d.one("html", "dir"), "ltr");
    let canonical = assert_common_head(&d, "article");
    assert_eq!(canonical, abs(LAVROV));
    assert_eq!(d.meta_property("og:title"), headline);
    assert_eq!(d.meta_name("twitter:title"), headline);
    assert_eq!(d.meta_property("og:locale"), "en_US");

    let published = d.meta_property("article:published_time");
    let modified = d.meta_property("article:modified_time");
    assert_rfc3339_with_offset(&published);
    assert_rfc3339_with_offset(&modified);
    assert!(published.starts_with("2024-04-07T"));
    assert!(modified >= published);
    assert_eq!(
        d.one(".article__meta time[datetime]", "datetime"),
        published,
        "the visible date is the published time"
    );
    assert_eq!(d.meta_property("article:section"), "Ukraine");
    let tags: BTreeSet<String> = d
        .attrs("head > meta[property=\"article:tag\"]", "content")
        .into_iter()
        .collect();
    let visible_tags: BTreeSet<String> = d.text("ul.article__tags a").into_iter().collect();
    assert!(!tags.is_empty());
    assert_eq!(tags, visible_tags);

    // All of it is in the first HTML, inside <head>.
    for needle in [
        "<meta name=\"description\"",
        "rel=\"canonical\"",
        "property=\"og:title\"",
        "property=\"article:published_time\"",
        "name=\"twitter:card\"",
        "application/ld+json",
    ] {
        d.assert_in_raw_head(needle);
    }
}

#[tokio::test]
async fn article_json_ld_is_a_complete_news_article_with_breadcrumbs() {
    let app = app().await;
    let d = doc(&app, LAVROV).await;
    let a = d.ld_of_type("NewsArticle");
    assert_eq!(a["headline"], d.text("h1.article__title")[0].as_str());
    assert_rfc3339_with_offset(a["datePublished"].as_str().unwrap());
    assert_rfc3339_with_offset(a["dateModified"].as_str().unwrap());
    assert_eq!(
        a["datePublished"],
        d.meta_property("article:published_time").as_str()
    );
    let author = &a["author"][0];
    assert_eq!(author["@type"], "Person");
    assert_eq!(author["name"], d.text(".article__author a")[0].as_str());
    assert_eq!(author["url"], abs("/author/anna-koval").as_str());
    assert_eq!(a["publisher"]["@type"], "Organization");
    assert_eq!(a["publisher"]["name"], "West Timelines");
    assert_absolute(a["publisher"]["logo"]["url"].as_str().unwrap());
    let images = a["image"].as_array().unwrap();
    assert!(!images.is_empty());
    assert_absolute(images[0].as_str().unwrap());
    assert_eq!(a["mainEntityOfPage"]["@id"], abs(LAVROV).as_str());
    assert_eq!(a["inLanguage"], "en");
    assert_eq!(a["articleSection"], "Ukraine");
    assert_breadcrumbs_match(&d);

    // The JSON-LD is data, but it carries the response's CSP nonce all the same.
    let nonces = d.attrs("script[type=\"application/ld+json\"]", "nonce");
    assert_eq!(nonces.len(), 2);
}

#[tokio::test]
async fn canonical_urls_drop_tracking_parameters() {
    let app = app().await;
    let d = doc(
        &app,
        &format!("{LAVROV}?utm_source=newsletter&utm_medium=email&fbclid=abc&gclid=x"),
    )
    .await;
    assert_eq!(d.canonical(), abs(LAVROV));
    assert_eq!(d.meta_property("og:url"), abs(LAVROV));
    let d = doc(&app, "/?utm_campaign=x").await;
    assert_eq!(d.canonical(), abs("/"));
}

#[tokio::test]
async fn translations_announce_each_other_with_hreflang_and_a_visible_link() {
    let app = app().await;
    let en = article_path(&app, OIL_EN).await;
    let ar = article_path(&app, OIL_AR).await;
    let expected: BTreeSet<(String, String)> = [
        ("en".to_string(), abs(&en)),
        ("ar".to_string(), abs(&ar)),
        ("x-default".to_string(), abs(&en)),
    ]
    .into_iter()
    .collect();
    for (path, lang, dir) in [(&en, "en", "ltr"), (&ar, "ar", "rtl")] {
        let d = doc(&app, path).await;
        assert_eq!(d.one("html", "lang"), lang);
        assert_eq!(d.one("html", "dir"), dir);
        assert_eq!(d.canonical(), abs(path));
        let alternates: BTreeSet<(String, String)> = d
            .all("head > link[rel=\"alternate\"][hreflang]")
            .into_iter()
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().to_string(),
                    l.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(alternates, expected, "reciprocal alternates on {path}");
        assert_eq!(d.ld_of_type("NewsArticle")["inLanguage"], lang);
    }

    let d = doc(&app, &en).await;
    assert_eq!(d.text("a[hreflang=\"ar\"]"), vec!["Read in العربية"]);
    assert_eq!(d.one("a[hreflang=\"ar\"]", "href"), ar);
    let d = doc(&app, &ar).await;
    assert_eq!(d.text("a[hreflang=\"en\"]"), vec!["Read in English"]);
    assert_eq!(d.one("a[hreflang=\"en\"]", "href"), en);
    assert_eq!(d.meta_property("og:locale"), "ar_AR");
    assert_eq!(d.meta_property("og:locale:alternate"), "en_US");

    // A story in one language only announces no alternates.
    let d = doc(&app, LAVROV).await;
    assert!(d.all("link[hreflang]").is_empty());
}

#[tokio::test]
async fn json_ld_cannot_be_broken_out_of_by_a_headline() {
    let app = app().await;
    let title = "</script><script>alert(1)</script></title><script>alert(2)</script> <!-- Q&A";
    app.state
        .store
        .insert_article(&timelines::server::store::NewArticle {
            title: title.into(),
            ..common::new_article("hostile-headline")
        })
        .await
        .unwrap();
    let path = article_path(&app, "hostile-headline").await;
    let d = doc(&app, &path).await;
    for needle in ["<script>alert(1)", "<script>alert(2)"] {
        if let Some(i) = d.raw.find(needle) {
            panic!("{}", &d.raw[i.saturating_sub(300)..i + 100]);
        }
    }
    assert_eq!(d.ld_of_type("NewsArticle")["headline"], title);
    assert_eq!(d.meta_property("og:title"), title);
    assert_eq!(d.title(), format!("{title} — West Timelines"));
}

// ---- other pages ---------------------------------------------------------------------------

#[tokio::test]
async fn home_describes_the_site_its_search_and_its_publisher() {
    let app = app().await;
    let d = doc(&app, "/").await;
    assert_eq!(d.title(), "West Timelines");
    assert_eq!(assert_common_head(&d, "website"), abs("/"));
    assert_eq!(d.meta_property("og:image"), abs("/og-default.png"));
    assert_eq!(d.meta_property("og:image:width"), "1200");
    assert_eq!(d.meta_property("og:image:height"), "630");

    let site = d.ld_of_type("WebSite");
    assert_eq!(site["name"], "West Timelines");
    assert_eq!(site["url"], abs("/").as_str());
    let action = &site["potentialAction"];
    assert_eq!(action["@type"], "SearchAction");
    assert_eq!(
        action["target"]["urlTemplate"],
        abs("/search?q={search_term_string}").as_str()
    );
    assert_eq!(action["query-input"], "required name=search_term_string");

    let org = d.ld_of_type("Organization");
    assert_eq!(org["name"], "West Timelines");
    assert_eq!(org["url"], abs("/").as_str());
    assert_eq!(org["logo"]["url"], abs("/logo.png").as_str());
    assert!(org["sameAs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u == "https://x.com/westtimelines"));
}

#[tokio::test]
async fn archives_are_canonical_to_themselves_and_announce_their_own_feed() {
    let app = app().await;
    for (uri, canonical, feed) in [
        (
            // (`?page=1` itself redirects to the bare path: tests/urls.rs.)
            "/category/world?utm_source=x&fbclid=y",
            "/category/world",
            "/category/world/feed",
        ),
        (
            "/category/world?page=2&utm_source=x",
            "/category/world?page=2",
            "/category/world/feed",
        ),
        (
            "/tag/ukraine-war",
            "/tag/ukraine-war",
            "/tag/ukraine-war/feed",
        ),
        (
            "/author/anna-koval",
            "/author/anna-koval",
            "/author/anna-koval/feed",
        ),
    ] {
        let d = doc(&app, uri).await;
        assert_eq!(assert_common_head(&d, "website"), abs(canonical), "{uri}");
        let feeds: BTreeSet<String> = d
            .attrs(
                "head > link[rel=\"alternate\"][type=\"application/rss+xml\"]",
                "href",
            )
            .into_iter()
            .collect();
        assert_eq!(feeds, BTreeSet::from([abs("/feed"), abs(feed)]), "{uri}");
        assert_breadcrumbs_match(&d);
    }
}

/// A page's head tags come first and the site's after, on every render: the page takes its
/// tags when its data arrives, which is sometimes before the site's would have been written
/// and sometimes after (pages::suspended_page), so the site's stand last (app.rs).
#[tokio::test]
async fn the_sites_head_tags_follow_the_pages_on_every_render() {
    let app = app().await;
    for uri in [
        LAVROV,
        "/",
        "/category/world",
        "/privacy-policy",
        "/no-such-page",
    ] {
        for _ in 0..5 {
            let page = app.get(uri).await;
            let head = &page.body[..page.body.find("</head>").expect("a head")];
            let site = head.find("og:site_name").expect("og:site_name");
            let feeds = head
                .find("application/rss+xml")
                .expect("the site's feed link");
            let own = head
                .rfind("<meta name=\"robots\"")
                .or_else(|| head.rfind("og:title"))
                .expect("a tag of the page's own");
            assert!(own < feeds && feeds < site, "{uri}: {head}");
        }
    }
}

#[tokio::test]
async fn static_pages_and_the_sign_up_page_have_canonical_urls() {
    let app = app().await;
    for path in ["/privacy-policy", "/terms", "/contact"] {
        let d = doc(&app, path).await;
        assert_eq!(assert_common_head(&d, "website"), abs(path));
        assert_breadcrumbs_match(&d);
    }
    let d = doc(&app, "/subscribe?result=subscribed").await;
    assert_eq!(assert_common_head(&d, "website"), abs("/subscribe"));
}

#[tokio::test]
async fn search_and_error_pages_stay_out_of_the_index() {
    let app = app().await;
    let d = doc(&app, "/search?q=oil").await;
    assert_eq!(d.meta_name("robots"), "noindex, follow");
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let d = Doc {
        html: Html::parse_document(&missing.body),
        raw: missing.body,
    };
    assert_eq!(d.meta_name("robots"), "noindex");
    assert!(d.all("link[rel=\"canonical\"]").is_empty());
    // The site feeds are announced everywhere, error pages included.
    assert_eq!(
        d.attrs("head > link[type=\"application/rss+xml\"]", "href"),
        vec![abs("/feed")]
    );
}

#[test]
fn the_default_share_image_and_logo_are_real_pngs() {
    for (file, w, h) in [
        ("public/og-default.png", 1200, 630),
        ("public/logo.png", 512, 512),
    ] {
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{file}");
        assert_eq!(&bytes[12..16], b"IHDR");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!((width, height), (w, h), "{file}");
    }
}

/// A tag with an Arabic name has one URL: its page's canonical link, `og:url` and its entry
/// in the tags sitemap are the same string, percent-encoded once (issue 12: the canonical
/// link was not encoded while the sitemap entry was).
#[tokio::test]
async fn an_arabic_tag_page_is_canonical_to_its_sitemap_entry() {
    let app = app().await;
    let sitemap = app.get("/sitemaps/tags-1.xml").await;
    assert_eq!(sitemap.status, StatusCode::OK);
    let arabic: Vec<&str> = sitemap
        .body
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .filter(|loc| loc.contains("/tag/%D8") || loc.contains("/tag/%D9"))
        .collect();
    assert!(!arabic.is_empty(), "the demo has tags with Arabic names");
    for loc in arabic {
        let path = loc
            .strip_prefix(PUBLIC_URL)
            .expect("an absolute URL of this site");
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let d = Doc::of(&page);
        assert_eq!(d.canonical(), loc, "canonical of {path}");
        assert_eq!(d.meta_property("og:url"), loc, "og:url of {path}");
    }
}
