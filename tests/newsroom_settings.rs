#![cfg(feature = "ssr")]
//! The site settings in the newsroom over the real router: only admins change them; a save
//! shows at once on reader pages (through the page cache), feeds, structured data and the
//! newsroom's own frame; an empty field takes the configuration file's value again; bad links
//! and overlong fields are refused with their typed text kept; script never runs; audited.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, Call, Desk};
use common::{app, Page, TestApp};
use timelines::server::newsroom::Role;

const LAVROV: &str = "/2024/04/07/lavrov-to-visit-china-april-8-9";

/// Posts the settings form with `fields` (and the desk's token).
async fn save(app: &TestApp, d: &Desk, fields: &[(&str, &str)]) -> Page {
    let mut pairs = vec![("csrf", d.csrf.as_str())];
    pairs.extend_from_slice(fields);
    post(
        app,
        "/newsroom/settings",
        &form(&pairs),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

/// Saves `fields`, asserting the save went through.
async fn saved(app: &TestApp, d: &Desk, fields: &[(&str, &str)]) {
    let res = save(app, d, fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(
        res.location().starts_with("/newsroom/settings?done="),
        "{}",
        res.location()
    );
}

/// The page's elements matching `css`, each as (text, `attr`).
fn select(page: &Page, css: &str, attr: &str) -> Vec<(String, Option<String>)> {
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| {
            (
                e.text().collect::<String>(),
                e.value().attr(attr).map(str::to_string),
            )
        })
        .collect()
}

/// Every JSON-LD block of a page, parsed.
fn json_ld(page: &Page) -> Vec<serde_json::Value> {
    select(page, r#"script[type="application/ld+json"]"#, "type")
        .into_iter()
        .map(|(text, _)| serde_json::from_str(&text).expect("JSON-LD parses"))
        .collect()
}

#[tokio::test]
async fn only_admins_see_and_change_the_site_settings() {
    let app = app().await;
    for (email, role) in [
        ("cora@example.com", Role::Contributor),
        ("abe@example.com", Role::Author),
        ("eda@example.com", Role::Editor),
    ] {
        let d = desk(&app, email, role).await;
        let res = get(&app, "/newsroom/settings", Some(&d.cookie)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role}");
        let res = save(&app, &d, &[("name", "Taken over")]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role} save");
        let nav = get(&app, "/newsroom", Some(&d.cookie)).await;
        assert!(
            !nav.body.contains(r#"href="/newsroom/settings""#),
            "{role} is not offered the settings"
        );
    }
    app.get("/").await.assert_has("West Timelines");
    assert!(!app.get("/").await.body.contains("Taken over"));

    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    let nav = get(&app, "/newsroom", Some(&admin.cookie)).await;
    nav.assert_has(r#"href="/newsroom/settings""#);
    let page = get(&app, "/newsroom/settings", Some(&admin.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers["cache-control"], "private, no-store");
    for (id, label) in [
        ("name", "Site name"),
        ("tagline", "Tagline"),
        ("facebook", "Facebook"),
        ("x", "X"),
        ("instagram", "Instagram"),
        ("tiktok", "TikTok"),
        ("threads", "Threads"),
        ("google_news", "Google News"),
        ("flipboard", "Flipboard"),
        ("ad_html", "Ad slot HTML"),
    ] {
        page.assert_has(&format!(r#"<label for="{id}">{label}</label>"#));
    }
    page.assert_has(">Save settings</button>");
    // Nothing changed yet: every field is empty and names the file's value.
    page.assert_has("Empty: the configuration file's value, “West Timelines”.");
    let names = select(&page, "input#name", "value");
    assert_eq!(names[0].1.as_deref(), Some(""));
}

#[tokio::test]
async fn a_save_shows_at_once_on_reader_pages_feeds_and_structured_data() {
    let app = app().await;
    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    // Twice each, so the page cache and the shared parts hold the old settings.
    for uri in ["/", LAVROV, "/feed", "/feed/atom", "/category/world"] {
        app.get(uri).await;
        app.get(uri).await.assert_has("West Timelines");
    }
    saved(
        &app,
        &admin,
        &[
            ("name", "East Timelines"),
            ("tagline", "Morning news from the east"),
            ("facebook", "https://facebook.example/east"),
            ("tiktok_none", "on"),
            ("google_news", "https://news.google.example/east"),
            (
                "ad_html",
                r#"<a href="https://ads.example/go"><img src="https://ads.example/banner.png" alt="Our sponsor"></a>"#,
            ),
        ],
    )
    .await;
    let notice = get(&app, "/newsroom/settings?done=saved", Some(&admin.cookie)).await;
    let status = select(&notice, r#"p[role="status"]"#, "class");
    assert_eq!(status[0].0, "Settings saved.", "{}", notice.body);

    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(select(&home, "head > title", "x")[0].0, "East Timelines");
    home.assert_has(">Morning news from the east</p>");
    assert!(
        !home.body.contains("West Timelines"),
        "the old name is gone"
    );
    let og = select(&home, r#"meta[property="og:site_name"]"#, "content");
    assert_eq!(og[0].1.as_deref(), Some("East Timelines"));
    let facebook = select(&home, r#"footer a[aria-label="Facebook"]"#, "href");
    assert_eq!(
        facebook[0].1.as_deref(),
        Some("https://facebook.example/east")
    );
    assert!(
        select(&home, r#"a[aria-label="TikTok"]"#, "href").is_empty(),
        "TikTok set to none"
    );
    // The file's other profiles stay.
    home.assert_has("https://www.instagram.com/westtimelines");
    let ld = json_ld(&home);
    let org = ld.iter().find(|v| v["@type"] == "Organization").unwrap();
    assert_eq!(org["name"], "East Timelines");
    assert!(org["sameAs"]
        .as_array()
        .unwrap()
        .contains(&"https://facebook.example/east".into()));
    let site = ld.iter().find(|v| v["@type"] == "WebSite").unwrap();
    assert_eq!(site["description"], "Morning news from the east");

    let article = app.get(LAVROV).await;
    assert!(select(&article, "head > title", "x")[0]
        .0
        .ends_with("— East Timelines"));
    let follow = select(
        &article,
        r#"a[href="https://news.google.example/east"]"#,
        "href",
    );
    assert_eq!(follow.len(), 1, "Follow on Google News");
    article.assert_has(r#"<img src="https://ads.example/banner.png" alt="Our sponsor">"#);
    let ld = json_ld(&article);
    let news = ld.iter().find(|v| v["@type"] == "NewsArticle").unwrap();
    assert_eq!(news["publisher"]["name"], "East Timelines");
    app.get("/category/world")
        .await
        .assert_has("World — East Timelines");

    let rss = app.get("/feed").await;
    rss.assert_has("<title>East Timelines</title>");
    rss.assert_has("<description>Morning news from the east</description>");
    app.get("/feed/atom")
        .await
        .assert_has("<title>East Timelines</title>");
    app.get("/category/world/feed")
        .await
        .assert_has("World — East Timelines");

    // The newsroom's frame, and its refusals, name the site as readers see it.
    let newsroom = get(&app, "/newsroom", Some(&admin.cookie)).await;
    newsroom.assert_has("East Timelines Newsroom");
    let ed = desk(&app, "eda@example.com", Role::Editor).await;
    let refused = get(&app, "/newsroom/settings", Some(&ed.cookie)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    refused.assert_has("East Timelines Newsroom");
    assert!(!refused.body.contains(">Timelines Newsroom"));

    let audit = get(&app, "/newsroom/audit", Some(&admin.cookie)).await;
    audit.assert_has("settings saved");
    audit.assert_has("Site name, Tagline, Facebook, TikTok, Google News, Ad slot HTML");
}

#[tokio::test]
async fn an_empty_field_takes_the_files_value_again() {
    let app = app().await;
    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    saved(
        &app,
        &admin,
        &[("name", "East Timelines"), ("x", "https://x.example/east")],
    )
    .await;
    let page = get(&app, "/newsroom/settings", Some(&admin.cookie)).await;
    assert_eq!(
        select(&page, "input#name", "value")[0].1.as_deref(),
        Some("East Timelines")
    );
    app.get("/").await.assert_has("https://x.example/east");

    saved(
        &app,
        &admin,
        &[("name", ""), ("x", "https://x.example/east")],
    )
    .await;
    let home = app.get("/").await;
    assert_eq!(select(&home, "head > title", "x")[0].0, "West Timelines");
    home.assert_has("https://x.example/east");
    let page = get(&app, "/newsroom/settings", Some(&admin.cookie)).await;
    assert_eq!(
        select(&page, "input#name", "value")[0].1.as_deref(),
        Some("")
    );
    assert_eq!(
        select(&page, "input#name", "placeholder")[0].1.as_deref(),
        Some("West Timelines")
    );

    // Typing the file's own value is no change: the setting keeps following the file.
    saved(&app, &admin, &[("name", "West Timelines")]).await;
    assert!(app.state.store.site_overrides().is_empty());
    app.get("/").await.assert_has("https://x.com/westtimelines");
}

#[tokio::test]
async fn cross_site_and_tokenless_saves_are_refused_and_change_nothing() {
    let app = app().await;
    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    let body = form(&[("csrf", &admin.csrf), ("name", "Hijacked")]);
    let cross = post(
        &app,
        "/newsroom/settings",
        &body,
        Call {
            cookie: Some(&admin.cookie),
            same_origin: false,
            ..Call::default()
        },
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    cross.assert_has("did not come from a page of this site");
    let tokenless = post(
        &app,
        "/newsroom/settings",
        &form(&[("name", "Hijacked")]),
        Call {
            cookie: Some(&admin.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(tokenless.status, StatusCode::FORBIDDEN);
    let signed_out = post(&app, "/newsroom/settings", &body, Call::default()).await;
    assert_eq!(signed_out.status, StatusCode::UNAUTHORIZED);
    let page = get(&app, "/newsroom/settings", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(page.location().starts_with("/newsroom/sign-in?next="));
    assert!(!app.get("/").await.body.contains("Hijacked"));
    assert!(app.state.store.site_overrides().is_empty());
}

#[tokio::test]
async fn bad_links_and_overlong_fields_get_clear_messages_and_keep_what_was_typed() {
    let app = app().await;
    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    let long_tagline = "t".repeat(201);
    let res = save(
        &app,
        &admin,
        &[
            ("name", "East Timelines"),
            ("tagline", &long_tagline),
            ("facebook", "facebook.com/east"),
            ("flipboard", "javascript:alert(1)"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("The settings were not saved:");
    let error = |id: &str| select(&res, &format!("#{id}-error"), "id");
    assert!(error("tagline")[0]
        .0
        .contains("The tagline is over 200 characters"));
    assert!(error("facebook")[0]
        .0
        .contains("The Facebook link must be a full web address starting with https://"));
    assert!(error("flipboard")[0].0.contains("The Flipboard link"));
    assert!(error("name").is_empty());
    for (id, typed) in [
        ("name", "East Timelines"),
        ("tagline", long_tagline.as_str()),
        ("facebook", "facebook.com/east"),
        ("flipboard", "javascript:alert(1)"),
    ] {
        let field = select(&res, &format!("input#{id}"), "value");
        assert_eq!(
            field[0].1.as_deref(),
            Some(typed),
            "{id} keeps what was typed"
        );
    }
    assert_eq!(
        select(&res, "input#facebook", "aria-invalid")[0]
            .1
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        select(&res, "input#facebook", "aria-describedby")[0]
            .1
            .as_deref(),
        Some("facebook-error facebook-hint")
    );
    // Nothing was saved, not even the good name.
    assert!(app.state.store.site_overrides().is_empty());
    assert!(!app.get("/").await.body.contains("East Timelines"));

    let long_ad = "<p>".to_string() + &"a".repeat(10_000) + "</p>";
    let res = save(&app, &admin, &[("ad_html", &long_ad)]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("The ad slot HTML is over 10,000 characters");
}

#[tokio::test]
async fn ad_html_at_its_full_length_in_any_script_fits_the_form() {
    let app = app().await;
    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    // 10,000 characters of three bytes each, nine once percent-encoded: over the 64 KiB other
    // forms may send.
    let ad = "€".repeat(10_000);
    saved(&app, &admin, &[("ad_html", &ad)]).await;
    app.get(LAVROV).await.assert_has(&ad);
}

#[tokio::test]
async fn script_in_the_name_tagline_or_ad_slot_never_runs() {
    let app = app().await;
    let admin = desk(&app, "ada@example.com", Role::Admin).await;
    let name = "<script>alert(1)</script>East</title><script>alert(4)</script>";
    let tagline = r#""><img src=x onerror=alert(2)>"#;
    let ad = r#"<img src="https://ads.example/b.png" alt="Ad" onerror="alert(3)"><script>alert(5)</script>"#;
    let res = save(
        &app,
        &admin,
        &[("name", name), ("tagline", tagline), ("ad_html", ad)],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/newsroom/settings?done=cleaned");
    let settings = get(&app, "/newsroom/settings?done=cleaned", Some(&admin.cookie)).await;
    settings.assert_has("The ad slot HTML was cleaned");
    let stored = app.state.store.site_overrides();
    let ad_kept = &stored["ads.article_slot_html"];
    assert_eq!(ad_kept, r#"<img src="https://ads.example/b.png" alt="Ad">"#);

    let pages = [
        app.get("/").await,
        app.get(LAVROV).await,
        app.get("/feed").await,
        app.get("/feed/atom").await,
        app.get("/news-sitemap.xml").await,
        settings,
        get(&app, "/newsroom", Some(&admin.cookie)).await,
    ];
    for p in &pages {
        assert_eq!(p.status, StatusCode::OK);
        // The tagline's `onerror=alert(2)` may show as text; no tag carries it.
        for bad in ["<script>alert", "<img src=x", r#"onerror="alert(3)""#] {
            assert!(!p.body.contains(bad), "{bad} in {}", p.body);
        }
    }
    // Shown as text: the title and the JSON-LD carry the name as typed.
    let home = &pages[0];
    assert_eq!(select(home, "head > title", "x")[0].0, name);
    let ld = json_ld(home);
    let org = ld.iter().find(|v| v["@type"] == "Organization").unwrap();
    assert_eq!(org["name"], name);
    pages[1].assert_has(r#"<img src="https://ads.example/b.png" alt="Ad">"#);
}
