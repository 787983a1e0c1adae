#![cfg(feature = "ssr")]
//! Secret preview links over the real router: made in the editor, opened signed out through the
//! public pipeline (noindex, private, never the page cache), withdrawn, expired, gone with the
//! article; and who may make them.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, saved_id, submit, version, Call, Desk};
use common::{app, Page, TestApp};
use timelines::server::newsroom::{token, Role};
use timelines::server::store::db;

const LINK: &str = "https://news.example/preview/";

async fn share(app: &TestApp, d: &Desk, id: i64) -> Page {
    post(
        app,
        &format!("/newsroom/articles/{id}/preview-links"),
        &form(&[("csrf", &d.csrf)]),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

/// The token of the link a share page shows.
#[track_caller]
fn token_in(page: &Page) -> String {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let at = page.body.find(LINK).expect("a preview link") + LINK.len();
    page.body[at..at + 43].to_string()
}

#[tokio::test]
async fn a_shared_link_shows_the_draft_to_anyone_until_sharing_stops() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let body = "The cranes are *back*.\n\n<script>alert(1)</script>";
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[("body", body)]).await);
    let editor = format!("/newsroom/articles/{id}");
    get(&app, &editor, Some(&ana.cookie))
        .await
        .assert_has("Not shared");

    let shared = share(&app, &ana, id).await;
    let secret = token_in(&shared);
    shared.assert_has("Link to copy");
    shared.assert_has("Stop sharing");
    // Only the digest is stored, made by ana, for seven days.
    let (hash, by, made, expires): (String, i64, i64, i64) =
        db::query_as("SELECT token_hash, created_by, created_at, expires_at FROM preview_links")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(hash, token::digest(&secret));
    assert_ne!(hash, secret);
    assert_eq!(expires - made, 7 * 86_400);
    let ana_id: i64 = db::query_scalar("SELECT id FROM staff WHERE email = 'ana@example.com'")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(by, ana_id);

    // Signed out, through the public Markdown and sanitiser; never indexed, never kept.
    let preview = get(&app, &format!("/preview/{secret}"), None).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    preview.assert_has("Harbour cranes return to Port Elan");
    preview.assert_has("Preview — not published");
    preview.assert_has("<em>back</em>");
    preview.assert_has(r#"<meta name="robots" content="noindex"#);
    assert!(!preview.body.contains("<script>alert"), "{}", preview.body);
    let header = |name: &str| preview.headers[name].to_str().unwrap().to_string();
    assert_eq!(header("cache-control"), "private, no-store");
    assert!(header("x-robots-tag").contains("noindex"));
    assert_eq!(header("referrer-policy"), "no-referrer");
    // A draft's save does not refresh readers' pages, yet the link shows it at once: the page
    // cache never kept the preview.
    let v = version(&app, id).await;
    let fields = [("version", v.as_str()), ("title", "Cranes, revised")];
    saved_id(&submit(&app, &ana, &editor, "save", &fields).await);
    get(&app, &format!("/preview/{secret}"), None)
        .await
        .assert_has("Cranes, revised");

    let page = get(&app, &editor, Some(&ana.cookie)).await;
    page.assert_has("Shared: one link is open until");
    page.assert_has("Stop sharing");
    let stop = post(
        &app,
        &format!("{editor}/preview-links/revoke"),
        &form(&[("csrf", &ana.csrf)]),
        Call {
            cookie: Some(&ana.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(stop.status, StatusCode::SEE_OTHER, "{}", stop.body);
    get(&app, stop.location(), Some(&ana.cookie))
        .await
        .assert_has("Stopped sharing");
    let after = get(&app, &format!("/preview/{secret}"), None).await;
    assert_eq!(after.status, StatusCode::NOT_FOUND);
    assert_eq!(after.headers["cache-control"], "private, no-store");
}

#[tokio::test]
async fn unknown_expired_and_deleted_articles_links_answer_404() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    for secret in [token::random(), "short".to_string(), "a".repeat(44)] {
        let res = get(&app, &format!("/preview/{secret}"), None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{secret}");
    }
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let expired = token_in(&share(&app, &ana, id).await);
    db::query("UPDATE preview_links SET expires_at = 1")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let res = get(&app, &format!("/preview/{expired}"), None).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    let live = token_in(&share(&app, &ana, id).await);
    assert_eq!(
        get(&app, &format!("/preview/{live}"), None).await.status,
        200
    );
    let res = post(
        &app,
        &format!("/newsroom/articles/{id}/delete"),
        &form(&[("csrf", &ana.csrf)]),
        Call {
            cookie: Some(&ana.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        get(&app, &format!("/preview/{live}"), None).await.status,
        404
    );
    let left: i64 = db::query_scalar("SELECT COUNT(*) FROM preview_links")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn only_those_who_may_edit_an_unpublished_article_share_it() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let carl = desk(&app, "carl@example.com", Role::Contributor).await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let uri = format!("/newsroom/articles/{id}/preview-links");
    let body = form(&[("csrf", &ana.csrf)]);

    assert_eq!(post(&app, &uri, &body, Call::default()).await.status, 401);
    let cross = Call {
        cookie: Some(&ana.cookie),
        same_origin: false,
        ..Call::default()
    };
    assert_eq!(post(&app, &uri, &body, cross).await.status, 403);
    let no_token = Call {
        cookie: Some(&ana.cookie),
        ..Call::default()
    };
    assert_eq!(post(&app, &uri, "csrf=x", no_token).await.status, 403);
    // Someone else's draft: a contributor may not; an editor may.
    assert_eq!(share(&app, &carl, id).await.status, 403);
    token_in(&share(&app, &eve, id).await);
    assert_eq!(share(&app, &ana, 999_999).await.status, 404);

    // A published article has an address of its own: no panel, and sharing is refused.
    let v = version(&app, id).await;
    let editor = format!("/newsroom/articles/{id}");
    saved_id(&submit(&app, &ana, &editor, "publish", &[("version", &v)]).await);
    let page = get(&app, &editor, Some(&ana.cookie)).await;
    assert!(!page.body.contains("Share preview"), "{}", page.body);
    assert_eq!(share(&app, &ana, id).await.status, StatusCode::CONFLICT);
}
