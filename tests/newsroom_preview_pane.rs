#![cfg(feature = "ssr")]
//! The editor's inline preview over the real router: the fragment the pane shows is the public
//! page's Markdown and sanitiser output, in the article's language and direction; script typed
//! anywhere never reaches it; it writes nothing; and it is refused as the editor is (signed out,
//! cross-site, without the form's token, someone else's article), with clear words for
//! overlong fields.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{
    desk, form, get, post, public_path, saved_id, send_editor_form, submit, version, Call, Desk,
};
use common::{app, Page, TestApp};
use scraper::{Html, Selector};
use timelines::server::newsroom::Role;
use timelines::server::store::db;

const BODY: &str = "Cranes are *back* on the quay.\n\n## A subheading\n\nRead [the report](https://example.com/report) and **more**.";

/// Sends the editor's form to `uri` as the pane does, with `fields` over these.
async fn preview(app: &TestApp, d: &Desk, uri: &str, fields: &[(&str, &str)]) -> Page {
    let base = [
        ("title", "Harbour cranes return to Port Elan"),
        ("dek", "The port reopens its northern quay."),
        ("slug", ""),
        ("body", BODY),
        ("lang", "en"),
        ("tags", "Ports"),
    ];
    send_editor_form(app, d, uri, &base, fields).await
}

/// The inner HTML of the first element `selector` finds.
#[track_caller]
fn inner(html: &str, selector: &str) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no {selector} in {html}"))
        .inner_html()
}

/// The pane's answer must be a fragment, the newsroom's and never stored.
#[track_caller]
fn assert_fragment(page: &Page) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers["cache-control"], "private, no-store");
    assert!(page.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(!page.body.contains("<html"), "{}", page.body);
}

fn message(page: &Page) -> String {
    let v: serde_json::Value = serde_json::from_str(&page.body)
        .unwrap_or_else(|_| panic!("not JSON ({}): {}", page.status, page.body));
    v["message"].as_str().expect("a message").to_string()
}

#[tokio::test]
async fn the_pane_renders_markdown_exactly_as_the_public_page_does_and_saves_nothing() {
    let app = app().await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let id = saved_id(
        &submit(
            &app,
            &eve,
            "/newsroom/articles",
            "publish",
            &[("body", BODY)],
        )
        .await,
    );
    let public = get(&app, &public_path(&app, id).await.unwrap(), None).await;
    assert_eq!(public.status, StatusCode::OK);
    let readers_see = inner(&public.body, ".article__body");

    let articles = || async {
        db::query_scalar::<i64>("SELECT COUNT(*) FROM articles")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap()
    };
    let (before, v, count) = (
        app.state.store.content_version(),
        version(&app, id).await,
        articles().await,
    );
    for uri in [
        format!("/newsroom/articles/{id}/preview"),
        "/newsroom/articles/preview".to_string(),
    ] {
        let res = preview(&app, &eve, &uri, &[]).await;
        assert_fragment(&res);
        assert_eq!(inner(&res.body, ".nr-preview__body"), readers_see, "{uri}");
        assert_eq!(
            inner(&res.body, ".nr-preview__title"),
            "Harbour cranes return to Port Elan"
        );
        assert_eq!(
            inner(&res.body, ".nr-preview__dek"),
            "The port reopens its northern quay."
        );
    }
    let res = preview(&app, &eve, "/newsroom/articles/preview", &[]).await;
    res.assert_has("<h2>A subheading</h2>");
    res.assert_has("<em>back</em>");
    res.assert_has(
        r#"<a href="https://example.com/report" rel="noopener noreferrer">the report</a>"#,
    );
    // A preview is nobody's save: the article and readers' pages are as they were.
    assert_eq!(version(&app, id).await, v);
    assert_eq!(app.state.store.content_version(), before);
    assert_eq!(
        articles().await,
        count,
        "the preview of a new article made no draft"
    );
}

#[tokio::test]
async fn script_in_the_title_standfirst_or_body_never_reaches_the_pane() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let title = "<script>alert(1)</script>Cranes";
    let dek = r#"<img src=x onerror="alert(2)">Quay"#;
    let body = concat!(
        "Text <script>window.pwned = 1</script>\n\n",
        "<img src=x onerror=\"window.pwned = 2\">\n\n",
        "[a link](javascript:alert(3)) and <a href=\"javascript:alert(4)\">another</a>\n\n",
        "<p onclick=\"alert(5)\" style=\"color:red\">styled</p>\n\n",
        "<iframe src=\"https://evil.example\"></iframe>",
    );
    let res = preview(
        &app,
        &ana,
        "/newsroom/articles/preview",
        &[("title", title), ("dek", dek), ("body", body)],
    )
    .await;
    assert_fragment(&res);
    let doc = Html::parse_fragment(&res.body);
    let count = |s: &str| doc.select(&Selector::parse(s).unwrap()).count();
    assert_eq!(count("script, iframe, [style]"), 0, "{}", res.body);
    assert_eq!(
        count("a[href^='javascript'], a[href^='JAVASCRIPT']"),
        0,
        "{}",
        res.body
    );
    let handlers = doc
        .tree
        .nodes()
        .filter_map(|n| n.value().as_element())
        .flat_map(|e| e.attrs().map(|(name, _)| name.to_string()))
        .filter(|name| name.starts_with("on"))
        .count();
    assert_eq!(handlers, 0, "no event handler attribute: {}", res.body);
    // The title and standfirst are text: shown as typed, never markup.
    assert_eq!(count(".nr-preview__title *, .nr-preview__dek *"), 0);
    let text = |s: &str| {
        doc.select(&Selector::parse(s).unwrap())
            .next()
            .unwrap()
            .text()
            .collect::<String>()
    };
    assert_eq!(text(".nr-preview__title"), title);
    assert_eq!(text(".nr-preview__dek"), dek);
    assert!(text(".nr-preview__body").contains("another"));
}

#[tokio::test]
async fn the_pane_takes_the_language_and_direction_of_the_language_field() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Contributor).await;
    for (lang, shown, dir) in [
        ("ar", "ar", "rtl"),
        ("he", "he", "rtl"),
        ("fr", "fr", "ltr"),
        // Not one of the editor's languages: shown as English, never as typed.
        ("x\" onmouseover=\"alert(1)", "en", "ltr"),
    ] {
        let res = preview(
            &app,
            &ana,
            "/newsroom/articles/preview",
            &[("lang", lang), ("title", "عودة الرافعات")],
        )
        .await;
        assert_fragment(&res);
        let doc = Html::parse_fragment(&res.body);
        let article = doc
            .select(&Selector::parse("article.nr-preview__article").unwrap())
            .next()
            .unwrap_or_else(|| panic!("no article: {}", res.body));
        assert_eq!(article.value().attr("lang"), Some(shown), "{lang}");
        assert_eq!(article.value().attr("dir"), Some(dir), "{lang}");
    }
}

#[tokio::test]
async fn an_empty_form_gets_a_hint_instead_of_a_blank_pane() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let res = preview(
        &app,
        &ana,
        "/newsroom/articles/preview",
        &[("title", "  "), ("dek", ""), ("body", "")],
    )
    .await;
    assert_fragment(&res);
    res.assert_has("Nothing to preview yet");
    assert!(!res.body.contains("<article"));
}

#[tokio::test]
async fn the_preview_is_refused_signed_out_cross_site_without_the_token_or_for_someone_elses_article(
) {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let cid = desk(&app, "cid@example.com", Role::Contributor).await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let anas = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let own = saved_id(
        &submit(
            &app,
            &cid,
            "/newsroom/articles",
            "save",
            &[("title", "Quay notes")],
        )
        .await,
    );
    let body = form(&[("csrf", &ana.csrf), ("body", BODY)]);

    // Signed out.
    let res = post(&app, "/newsroom/articles/preview", &body, Call::default()).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
    // From another site, even with the session and its token.
    let cross = Call {
        cookie: Some(&ana.cookie),
        same_origin: false,
        ..Call::default()
    };
    let res = post(&app, "/newsroom/articles/preview", &body, cross).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert!(!res.body.contains("subheading"));
    // Without the session's token: said in words the pane shows.
    let res = preview(
        &app,
        &ana,
        "/newsroom/articles/preview",
        &[("csrf", "stale")],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(message(&res).contains("expired"), "{}", res.body);
    assert_eq!(res.headers["cache-control"], "private, no-store");

    // A contributor previews their own draft, never someone else's; an editor anyone's.
    let uri = |id: i64| format!("/newsroom/articles/{id}/preview");
    assert_fragment(&preview(&app, &cid, &uri(own), &[]).await);
    let res = preview(&app, &cid, &uri(anas), &[]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert!(message(&res).contains("not allowed"), "{}", res.body);
    assert!(!res.body.contains("subheading"));
    assert_fragment(&preview(&app, &eve, &uri(anas), &[]).await);
    assert_fragment(&preview(&app, &eve, &uri(own), &[]).await);
    // Once the editor publishes the contributor's article, it is the editors' to change.
    let v = version(&app, own).await;
    let published = submit(
        &app,
        &eve,
        &format!("/newsroom/articles/{own}"),
        "publish",
        &[("version", &v), ("title", "Quay notes")],
    )
    .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    assert_eq!(
        preview(&app, &cid, &uri(own), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    // An article that is not there.
    let res = preview(&app, &eve, &uri(9999), &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(message(&res).contains("deleted"), "{}", res.body);
}

#[tokio::test]
async fn overlong_fields_are_refused_with_words_naming_the_field() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let uri = "/newsroom/articles/preview";
    let long_title = "T".repeat(301);
    let long_dek = "D".repeat(601);
    let long_body = "b".repeat(200_001);
    for (field, value, says) in [
        ("title", &long_title, "title is over 300 characters"),
        ("dek", &long_dek, "standfirst is over 600 characters"),
        ("body", &long_body, "body is over 200,000 characters"),
    ] {
        let res = preview(&app, &ana, uri, &[(field, value)]).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(message(&res).contains(says), "{field}: {}", res.body);
        assert_eq!(res.headers["cache-control"], "private, no-store");
    }
    // At the limits, the preview shows.
    let (title, body) = ("T".repeat(300), "b".repeat(200_000));
    assert_fragment(&preview(&app, &ana, uri, &[("title", &title), ("body", &body)]).await);
    // A body beyond what any form of the editor can be is not even read.
    let huge = "b".repeat(5 * 1024 * 1024);
    let res = preview(&app, &ana, uri, &[("body", &huge)]).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_editor_carries_the_pane_only_as_an_island_for_javascript() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    for (page, url) in [
        (
            "/newsroom/articles/new".to_string(),
            "/newsroom/articles/preview".to_string(),
        ),
        (
            format!("/newsroom/articles/{id}"),
            format!("/newsroom/articles/{id}/preview"),
        ),
    ] {
        let res = get(&app, &page, Some(&ana.cookie)).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        res.assert_has("data-component=\"PreviewPane");
        res.assert_has(&url);
        // Without JavaScript nothing of the pane shows; the form's Preview button still opens
        // the server's preview in a new tab.
        assert!(!res.body.contains("Hide preview"), "{page}");
        assert!(!res.body.contains("class=\"nr-preview"), "{page}");
        res.assert_has(r#"formaction="/newsroom/preview" formtarget="_blank""#);
    }
}
