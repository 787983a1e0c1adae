#![cfg(feature = "ssr")]
//! Every reader route over the real router and a real SQLite file: status and key content.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::{app, app_with};

const LAVROV: &str = "/2024/04/07/lavrov-to-visit-china-april-8-9";

#[tokio::test]
async fn home_has_the_frame_lead_blocks_and_rails() {
    let app = app().await;
    let p = app.get("/").await;
    assert_eq!(p.status, StatusCode::OK);
    for needle in [
        "<title>West Timelines</title>",
        "aria-label=\"Trending Now\"",
        "aria-label=\"Main\"",
        "class=\"card card--lead\"",
        "Editors' Picks",
        "Latest News",
        "href=\"/category/world\"",
        "href=\"/category/world/europe/ukraine\"",
        "World submenu",
        "More submenu",
        "href=\"/tag/israel-war\"",
        "href=\"/subscribe\"",
        "aria-label=\"Facebook\"",
        "aria-label=\"X (Twitter)\"",
        "aria-label=\"Instagram\"",
        "aria-label=\"TikTok\"",
        "aria-label=\"Threads\"",
        "All Rights Reserved.",
        "href=\"/privacy-policy\"",
        "href=\"/terms\"",
        "href=\"/contact\"",
        "ago</time>",
    ] {
        p.assert_has(needle);
    }
    assert!(
        p.body.contains("lang=\"ar\" dir=\"rtl\""),
        "an Arabic card is set right-to-left"
    );
    // The interactive parts are islands with their props in the page; the data the server
    // rendered the rest from is not sent again (no island reads it).
    for island in [
        "Ticker_",
        "Navbar_",
        "TopicBar_",
        "MobileMenu_",
        "SearchDialog_",
        "ThemeToggle_",
    ] {
        p.assert_has(&format!("<leptos-island data-component=\"{island}"));
    }
    p.assert_has("<script type=\"module\" id=\"islands\"");
    assert!(
        !p.body.contains("__RESOLVED_RESOURCES["),
        "no resource is serialized"
    );
    assert!(
        !p.body.contains("rel=\"modulepreload\""),
        "the bundle loads when the page is idle"
    );
}

#[tokio::test]
async fn article_page_shows_meta_share_bars_related_and_sidebar() {
    let app = app().await;
    let p = app.get(LAVROV).await;
    assert_eq!(p.status, StatusCode::OK);
    for needle in [
        "Lavrov",
        "<html lang=\"en\" dir=\"ltr\"",
        "href=\"/category/world\">World</a>",
        "href=\"/category/world/europe\">Europe</a>",
        "href=\"/category/world/europe/ukraine\">Ukraine</a>",
        "By <a href=\"/author/anna-koval\"",
        "April 7, 2024",
        "No Comments",
        "Mins Read",
        "Share on Facebook",
        "Share on X (Twitter)",
        "Share on Pinterest",
        "Share on LinkedIn",
        "Share on Telegram",
        "Share by Email",
        "Share on WhatsApp",
        "Follow on Google News",
        "Follow on Flipboard",
        "You Might Like",
        "Editors' Picks",
        "aria-label=\"Advertisement\"",
        "https%3A%2F%2Fnews.example%2F2024%2F04%2F07%2Flavrov-to-visit-china-april-8-9",
    ] {
        p.assert_has(needle);
    }
    assert!(
        p.body.split("<link").any(|l| {
            let tag = l.split('>').next().unwrap_or_default();
            tag.contains("rel=\"canonical\"")
                && tag.contains(
                    "href=\"https://news.example/2024/04/07/lavrov-to-visit-china-april-8-9\"",
                )
        }),
        "canonical link to the public URL"
    );
    assert_eq!(
        p.body.matches("aria-label=\"Share on Facebook\"").count(),
        2,
        "share bars at top and bottom"
    );
    assert!(!p.body.contains(">Array<"));
}

#[tokio::test]
async fn arabic_articles_are_right_to_left() {
    let app = app().await;
    let home = app.get("/category/business/finance").await;
    let href = home
        .body
        .split("lang=\"ar\" dir=\"rtl\"")
        .nth(1)
        .and_then(|rest| rest.split("href=\"").nth(2))
        .and_then(|rest| rest.split('"').next())
        .expect("an Arabic card with a link")
        .to_string();
    assert!(href.starts_with("/20"), "{href}");
    let p = app.get(&href).await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_has("<html lang=\"ar\" dir=\"rtl\"");
}

#[tokio::test]
async fn category_archive_lists_descendants_newest_first_with_breadcrumbs() {
    let app = app().await;
    let p = app.get("/category/world/europe").await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_has("aria-label=\"Breadcrumb\"");
    p.assert_has(">Europe</h1>");
    // Articles from child categories (Ukraine, Germany...) appear in the parent's archive.
    p.assert_has("card__label\">Ukraine<");
    let main = p.body.split("class=\"sidebar\"").next().unwrap();
    let times: Vec<&str> = main
        .split("<li><article")
        .skip(1)
        .filter_map(|card| card.split("<time datetime=\"").nth(1))
        .map(|t| &t[..20])
        .collect();
    assert!(times.len() >= 2);
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
}

#[tokio::test]
async fn archives_paginate_and_reject_bad_pages() {
    let app = app().await;
    let first = app.get("/category/world").await;
    assert_eq!(first.status, StatusCode::OK);
    first.assert_has("aria-label=\"Pagination\"");
    first.assert_has("href=\"/category/world?page=2\"");
    let second = app.get("/category/world?page=2").await;
    assert_eq!(second.status, StatusCode::OK);
    second.assert_has("Page 2 of");
    assert_eq!(
        app.get("/category/world?page=999").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/category/world?page=0").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/category/world?page=abc").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn tag_and_author_archives() {
    let app = app().await;
    let tag = app.get("/tag/ukraine-war").await;
    assert_eq!(tag.status, StatusCode::OK);
    tag.assert_has(">Ukraine War</h1>");
    tag.assert_has("lavrov-to-visit-china-april-8-9");
    let author = app.get("/author/anna-koval").await;
    assert_eq!(author.status, StatusCode::OK);
    author.assert_has(">Anna Koval</h1>");
    assert_eq!(
        app.get("/tag/no-such-tag").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/author/nobody").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn search_finds_articles_and_survives_hostile_input() {
    let app = app().await;
    let p = app.get("/search?q=lavrov").await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_has("lavrov-to-visit-china-april-8-9");
    p.assert_has("<mark>");
    p.assert_has("noindex");
    let long = "x".repeat(10_000);
    for q in [
        "%22",
        "a%20OR%20b%20NOT",
        "%00",
        "%F0%9F%99%82",
        "",
        "*",
        "(",
        "NEAR(a%20b)",
        long.as_str(),
    ] {
        let r = app.get(&format!("/search?q={q}")).await;
        assert_eq!(r.status, StatusCode::OK, "query {q:.30}");
    }
    app.get(&format!("/search?q={long}"))
        .await
        .assert_has("only its first 200 characters");
}

#[tokio::test]
async fn wordpress_search_and_trailing_slashes_redirect() {
    let app = app().await;
    let p = app.get("/?s=oil+prices").await;
    assert_eq!(p.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(p.location(), "/search?q=oil+prices");
    let p = app.get("/category/world/europe/").await;
    assert_eq!(p.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(p.location(), "/category/world/europe");
}

#[tokio::test]
async fn static_pages() {
    let app = app().await;
    for (path, title) in [
        ("/privacy-policy", "Privacy Policy"),
        ("/terms", "Terms of Use"),
        ("/contact", "Contact"),
    ] {
        let p = app.get(path).await;
        assert_eq!(p.status, StatusCode::OK, "{path}");
        p.assert_has(&format!("<h1 class=\"static-page__title\">{title}</h1>"));
    }
}

#[tokio::test]
async fn unknown_things_are_404_inside_the_frame() {
    let app = app().await;
    for path in [
        "/no-such-page",
        "/category/no-such-category",
        "/2024/04/07/no-such-article",
        "/2023/01/01/lavrov-to-visit-china-april-8-9",
        "/a/b/c/d/e/f",
        // (Lower-case hex digits redirect to upper-case ones first: tests/urls.rs.)
        "/%00%FF",
    ] {
        let p = app.get(path).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
        p.assert_has("Page not found");
        p.assert_has("aria-label=\"Main\"");
        p.assert_has("All Rights Reserved.");
    }
}

#[tokio::test]
async fn subscribe_without_javascript_stores_once_and_confirms() {
    let app = app().await;
    let p = app.get("/subscribe").await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_has("method=\"post\" action=\"/subscribe\"");

    let r = app
        .post_form("/subscribe", "email=Reader%40Example.com")
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/subscribe?result=subscribed");
    app.get(r.location())
        .await
        .assert_has("we've sent you an email");

    // Waiting for its confirmation: told again to look in the inbox.
    let again = app
        .post_form("/subscribe", "email=reader%40example.com")
        .await;
    assert_eq!(again.location(), "/subscribe?result=subscribed");
    // Confirmed: told it is subscribed already.
    let key = "reader@example.com";
    let id = app.state.store.subscriber_id(key).await.unwrap().unwrap();
    app.state
        .store
        .confirm_subscriber(id, key, 1)
        .await
        .unwrap();
    let again = app
        .post_form("/subscribe", "email=reader%40example.com")
        .await;
    // The same answer as for a new address: the page does not tell who is on the list.
    assert_eq!(again.location(), "/subscribe?result=subscribed");

    let bad = app.post_form("/subscribe", "email=not-an-address").await;
    assert_eq!(bad.location(), "/subscribe?result=invalid");
    app.get(bad.location())
        .await
        .assert_has("doesn't look like an email address");

    let broken = app.post_form("/subscribe", "%%%=").await;
    assert_eq!(broken.location(), "/subscribe?result=invalid");

    assert_eq!(app.state.store.subscriber_count().await.unwrap(), 1);
}

#[tokio::test]
async fn subscribe_server_function_answers_other_clients() {
    let app = app().await;
    let r = app
        .post_form("/api/subscribe", "email=fan%40example.org")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body, "\"Subscribed\"");
    let r = app
        .post_form("/api/subscribe", "email=fan%40example.org")
        .await;
    assert_eq!(r.body, "\"Subscribed\"", "waiting for confirmation");
    let r = app.post_form("/api/subscribe", "email=nope").await;
    assert_eq!(r.body, "\"Invalid\"");
}

/// The `href`s of the links in the frame (all before `<main`) marked as the current page.
fn marked_in_frame(body: &str) -> Vec<String> {
    let frame = &body[..body.find("<main").expect("a <main>")];
    let doc = scraper::Html::parse_document(frame);
    let marked = scraper::Selector::parse("a[aria-current=page]").unwrap();
    doc.select(&marked)
        .map(|a| a.attr("href").unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn the_frame_marks_the_page_shown_whatever_was_rendered_before() {
    // Every request a render; the server keeps the frame's HTML between them (frame.rs).
    let app = app_with(|c| c.http.page_cache_seconds = 0).await;
    for _ in 0..2 {
        assert_eq!(marked_in_frame(&app.get(LAVROV).await.body), [""; 0]);
        let world = marked_in_frame(&app.get("/category/world").await.body);
        // The primary menu and the off-canvas menu.
        assert_eq!(world, ["/category/world", "/category/world"]);
        assert_eq!(
            marked_in_frame(&app.get("/tag/israel-war").await.body),
            ["/tag/israel-war"]
        );
        assert_eq!(
            marked_in_frame(&app.get("/search?q=oil").await.body),
            [""; 0]
        );
    }
}
