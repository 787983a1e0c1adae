#![cfg(feature = "ssr")]
//! Static pages in the newsroom over the real router: who may run them, the cross-site and
//! token checks, create / edit / rename / delete with the reader page changing at once, the
//! slug rules, the stale-save refusal, the audit log, and script never running.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, Call, Desk};
use common::{app, TestApp, PUBLIC_URL};
use timelines::server::newsroom::Role;

async fn send(app: &TestApp, d: &Desk, uri: &str, fields: &[(&str, &str)]) -> common::Page {
    let mut pairs = vec![("csrf", d.csrf.as_str())];
    pairs.extend_from_slice(fields);
    post(
        app,
        uri,
        &form(&pairs),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

/// Makes a page and returns its id.
async fn create(app: &TestApp, d: &Desk, title: &str, slug: &str, body: &str) -> i64 {
    let fields = [("title", title), ("slug", slug), ("body", body)];
    let res = send(app, d, "/newsroom/pages", &fields).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let loc = res.location();
    loc.trim_start_matches("/newsroom/pages/")
        .trim_end_matches("?done=saved")
        .parse()
        .unwrap_or_else(|_| panic!("a page's editor: {loc}"))
}

/// The version field of the page's editor.
async fn version(app: &TestApp, d: &Desk, id: i64) -> String {
    let page = get(app, &format!("/newsroom/pages/{id}"), Some(&d.cookie)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let doc = scraper::Html::parse_document(&page.body);
    let sel = scraper::Selector::parse("input[name=version]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a version field")
        .to_string()
}

#[tokio::test]
async fn only_editors_and_admins_run_the_pages() {
    let app = app().await;
    for (email, role) in [
        ("cora@example.com", Role::Contributor),
        ("abe@example.com", Role::Author),
    ] {
        let d = desk(&app, email, role).await;
        for uri in [
            "/newsroom/pages",
            "/newsroom/pages/new",
            "/newsroom/pages/1",
        ] {
            let res = get(&app, uri, Some(&d.cookie)).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{role} GET {uri}");
        }
        let fields = [("title", "Mine"), ("slug", "mine"), ("body", "x")];
        let res = send(&app, &d, "/newsroom/pages", &fields).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role} create");
        let res = send(&app, &d, "/newsroom/pages/preview", &fields).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role} preview");
        assert_eq!(get(&app, "/mine", None).await.status, 404);
        let nav = get(&app, "/newsroom", Some(&d.cookie)).await;
        assert!(
            !nav.body.contains(r#"href="/newsroom/pages""#),
            "{role} nav"
        );
    }
    for (email, role) in [
        ("eda@example.com", Role::Editor),
        ("adam@example.com", Role::Admin),
    ] {
        let d = desk(&app, email, role).await;
        let list = get(&app, "/newsroom/pages", Some(&d.cookie)).await;
        assert_eq!(list.status, 200, "{role}");
        list.assert_has("Privacy Policy");
        list.assert_has(r#"href="/privacy-policy""#);
        list.assert_has(r#"href="/newsroom/pages/new""#);
        assert_eq!(
            list.headers["cache-control"], "private, no-store",
            "newsroom pages are never stored"
        );
        let nav = get(&app, "/newsroom", Some(&d.cookie)).await;
        nav.assert_has(r#"href="/newsroom/pages""#);
        let new = get(&app, "/newsroom/pages/new", Some(&d.cookie)).await;
        assert_eq!(new.status, 200);
        for label in [">Title<", ">Slug<", ">Body<", ">Save<", ">Preview<"] {
            new.assert_has(label);
        }
    }
}

#[tokio::test]
async fn signed_out_cross_site_and_tokenless_requests_are_refused() {
    let app = app().await;
    let res = get(&app, "/newsroom/pages", None).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(res.location().starts_with("/newsroom/sign-in?next="));
    let body = form(&[("title", "T"), ("slug", "t-page"), ("body", "x")]);
    let res = post(&app, "/newsroom/pages", &body, Call::default()).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);

    let ed = desk(&app, "eda@example.com", Role::Editor).await;
    let id = create(&app, &ed, "Team", "team", "The team.").await;
    let targets = [
        "/newsroom/pages".to_string(),
        format!("/newsroom/pages/{id}"),
        format!("/newsroom/pages/{id}/delete"),
        "/newsroom/pages/preview".to_string(),
    ];
    for uri in &targets {
        let cross = post(
            &app,
            uri,
            &form(&[("csrf", &ed.csrf), ("title", "X"), ("slug", "x-x")]),
            Call {
                cookie: Some(&ed.cookie),
                same_origin: false,
                ..Call::default()
            },
        )
        .await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN, "cross-site {uri}");
        let tokenless = post(
            &app,
            uri,
            &form(&[("title", "X"), ("slug", "x-x"), ("body", "y")]),
            Call {
                cookie: Some(&ed.cookie),
                ..Call::default()
            },
        )
        .await;
        assert_eq!(tokenless.status, StatusCode::FORBIDDEN, "no token {uri}");
    }
    get(&app, "/team", None).await.assert_has("The team.");
    assert_eq!(get(&app, "/x-x", None).await.status, 404);
}

#[tokio::test]
async fn a_page_made_edited_and_renamed_shows_on_the_site_at_once() {
    let app = app().await;
    let ed = desk(&app, "eda@example.com", Role::Editor).await;
    assert_eq!(get(&app, "/about-us", None).await.status, 404);
    let id = create(&app, &ed, "About us", "about-us", "We report **the news**.").await;
    let page = get(&app, "/about-us", None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("About us");
    page.assert_has("<strong>the news</strong>");
    // Twice, so the page cache holds it; then an edit shows at once.
    get(&app, "/about-us", None).await.assert_has("the news");
    let v = version(&app, &ed, id).await;
    let uri = format!("/newsroom/pages/{id}");
    let edit = [
        ("version", v.as_str()),
        ("title", "About us"),
        ("slug", "about-us"),
        ("body", "We report the weather too."),
    ];
    let res = send(&app, &ed, &uri, &edit).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = get(&app, "/about-us", None).await;
    page.assert_has("the weather too");
    assert!(!page.body.contains("the news"));
    get(&app, &format!("{uri}?done=saved"), Some(&ed.cookie))
        .await
        .assert_has("Saved.");

    // A new slug: the old address answers 301 to the new one.
    let v = version(&app, &ed, id).await;
    let rename = [
        ("version", v.as_str()),
        ("title", "Who we are"),
        ("slug", "who-we-are"),
        ("body", "We report the weather too."),
    ];
    let res = send(&app, &ed, &uri, &rename).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let old = get(&app, "/about-us", None).await;
    assert_eq!(old.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(old.location(), format!("{PUBLIC_URL}/who-we-are"));
    get(&app, "/who-we-are", None)
        .await
        .assert_has("Who we are");
    // The demo's pages too: Terms renamed, /terms moves.
    let all = app.state.store.all_pages().await.unwrap();
    let terms_id = all
        .iter()
        .find(|p| p.slug == "terms")
        .expect("the demo's Terms")
        .id;
    let href = format!("/newsroom/pages/{terms_id}");
    let v = version(&app, &ed, terms_id).await;
    let fields = [
        ("version", v.as_str()),
        ("title", "Terms"),
        ("slug", "terms-of-use"),
        ("body", "Be kind."),
    ];
    assert_eq!(send(&app, &ed, &href, &fields).await.status, 303);
    let moved = get(&app, "/terms", None).await;
    assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(moved.location(), format!("{PUBLIC_URL}/terms-of-use"));
    get(&app, "/terms-of-use", None)
        .await
        .assert_has("Be kind.");
    // A new page may take the old address back: then it is that page's.
    create(&app, &ed, "About", "about-us", "Another page.").await;
    get(&app, "/about-us", None)
        .await
        .assert_has("Another page.");

    let list = get(&app, "/newsroom/pages", Some(&ed.cookie)).await;
    list.assert_has("Who we are");
    list.assert_has(r#"href="/who-we-are""#);
    let admin = desk(&app, "adam@example.com", Role::Admin).await;
    let audit = get(&app, "/newsroom/audit", Some(&admin.cookie)).await;
    audit.assert_has("page created");
    audit.assert_has("page updated");
    audit.assert_has("/about-us → /who-we-are");
}

#[tokio::test]
async fn slugs_of_other_routes_years_and_taken_addresses_are_refused() {
    let app = app().await;
    let ed = desk(&app, "eda@example.com", Role::Editor).await;
    for (slug, says) in [
        ("category", "belongs to another part of the site"),
        ("newsroom", "belongs to another part of the site"),
        ("search", "belongs to another part of the site"),
        ("2026", "look like a year"),
        ("About Us", "lowercase letters"),
        ("", "Give the page a slug"),
    ] {
        let res = send(
            &app,
            &ed,
            "/newsroom/pages",
            &[("title", "Mine"), ("slug", slug), ("body", "Kept text")],
        )
        .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{slug}");
        res.assert_has(says);
        res.assert_has("Kept text");
    }
    let taken = send(
        &app,
        &ed,
        "/newsroom/pages",
        &[("title", "Mine"), ("slug", "terms"), ("body", "x")],
    )
    .await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    taken.assert_has("already the page");
    let long = "t".repeat(201);
    let res = send(
        &app,
        &ed,
        "/newsroom/pages",
        &[("title", &long), ("slug", "long"), ("body", "x")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("The title is over 200 characters");
    let body = "b".repeat(100_001);
    let res = send(
        &app,
        &ed,
        "/newsroom/pages",
        &[("title", "Long"), ("slug", "long"), ("body", &body)],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("The body is over 100,000 characters");
    // 100,000 characters are taken, even where each is several bytes.
    let body = "é".repeat(100_000);
    create(&app, &ed, "Long", "long", &body).await;
    get(&app, "/long", None).await.assert_has(&"é".repeat(1000));
    // The reader routes are untouched.
    assert_eq!(get(&app, "/search", None).await.status, 200);
    assert_eq!(get(&app, "/privacy-policy", None).await.status, 200);
}

#[tokio::test]
async fn a_stale_save_is_refused_naming_who_saved_since_and_keeps_the_typed_text() {
    let app = app().await;
    let eda = desk(&app, "eda@example.com", Role::Editor).await;
    let adam = desk(&app, "adam@example.com", Role::Admin).await;
    let id = create(&app, &eda, "Contact us", "contact-us", "Call us.").await;
    let uri = format!("/newsroom/pages/{id}");
    let v = version(&app, &eda, id).await;
    let first = [
        ("version", v.as_str()),
        ("title", "Contact us"),
        ("slug", "contact-us"),
        ("body", "Write to us."),
    ];
    assert_eq!(send(&app, &adam, &uri, &first).await.status, 303);
    let second = [
        ("version", v.as_str()),
        ("title", "Contact us"),
        ("slug", "contact-us"),
        ("body", "Eda's careful words."),
    ];
    let res = send(&app, &eda, &uri, &second).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("adam saved this page");
    res.assert_has("careful words.");
    get(&app, "/contact-us", None)
        .await
        .assert_has("Write to us.");
    // Saved again from the refused form: replaces theirs knowingly.
    let doc = scraper::Html::parse_document(&res.body);
    let sel = scraper::Selector::parse("input[name=version]").unwrap();
    let newer = doc
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap();
    let third = [
        ("version", newer),
        ("title", "Contact us"),
        ("slug", "contact-us"),
        ("body", "Eda's careful words."),
    ];
    assert_eq!(send(&app, &eda, &uri, &third).await.status, 303);
    get(&app, "/contact-us", None)
        .await
        .assert_has("careful words");
}

#[tokio::test]
async fn a_deleted_page_leaves_the_site_after_a_confirmation() {
    let app = app().await;
    let ed = desk(&app, "eda@example.com", Role::Editor).await;
    let id = create(&app, &ed, "Jobs", "jobs", "We are hiring.").await;
    get(&app, "/jobs", None).await.assert_has("We are hiring.");
    let uri = format!("/newsroom/pages/{id}");
    get(&app, &uri, Some(&ed.cookie))
        .await
        .assert_has(&format!(r#"action="{uri}/delete""#));
    let confirm = get(&app, &format!("{uri}/delete"), Some(&ed.cookie)).await;
    assert_eq!(confirm.status, 200);
    confirm.assert_has("Delete this page?");
    confirm.assert_has("Jobs");
    confirm.assert_has("Cancel");
    let res = send(&app, &ed, &format!("{uri}/delete"), &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/newsroom/pages?done=deleted");
    assert_eq!(get(&app, "/jobs", None).await.status, 404);
    assert_eq!(get(&app, &uri, Some(&ed.cookie)).await.status, 404);
    let again = send(&app, &ed, &format!("{uri}/delete"), &[]).await;
    assert_eq!(again.status, 404);
    let admin = desk(&app, "adam@example.com", Role::Admin).await;
    get(&app, "/newsroom/audit", Some(&admin.cookie))
        .await
        .assert_has("page deleted");
}

#[tokio::test]
async fn script_in_any_field_never_runs_where_it_is_shown() {
    let app = app().await;
    let ed = desk(&app, "eda@example.com", Role::Editor).await;
    let evil = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>";
    let title = "<script>alert(3)</script> Terms";
    let id = create(&app, &ed, title, "evil", evil).await;
    let preview = send(
        &app,
        &ed,
        "/newsroom/pages/preview",
        &[("title", title), ("slug", "evil"), ("body", evil)],
    )
    .await;
    assert_eq!(preview.status, 200);
    preview.assert_has("this page is not saved");
    let pages = [
        get(&app, "/evil", None).await,
        get(&app, "/newsroom/pages", Some(&ed.cookie)).await,
        get(&app, &format!("/newsroom/pages/{id}"), Some(&ed.cookie)).await,
        get(
            &app,
            &format!("/newsroom/pages/{id}/delete"),
            Some(&ed.cookie),
        )
        .await,
        preview,
    ];
    for p in pages {
        assert_eq!(p.status, 200);
        for bad in ["<script>alert", "<img src=x onerror", "</textarea><script"] {
            assert!(!p.body.contains(bad), "{bad} in {}", p.body);
        }
    }
}

#[tokio::test]
async fn files_at_the_site_root_and_unknown_paths_answer_as_before() {
    let app = app().await;
    let missing = get(&app, "/no-such-page", None).await;
    assert_eq!(missing.status, 404);
    let html_tag = missing
        .body
        .split('>')
        .find(|t| t.contains("<html"))
        .unwrap();
    assert!(html_tag.contains(r#"lang="en""#), "{html_tag}");
    let post = post(&app, "/no-such-page", "", Call::default()).await;
    assert_eq!(post.status, 404);
}
