#![cfg(feature = "ssr")]
//! Deleting articles over the real router: the confirmation, who may delete what (cell by
//! cell), what a deleted article leaves behind (410 at its addresses, nothing on reader pages,
//! no revisions, an audit entry), and bad requests (unknown id, cross-site, two at once).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, public_path, saved_id, submit, version, Call, Desk};
use common::{app, TestApp};
use timelines::server::newsroom::Role;
use timelines::server::store::db;

async fn delete(app: &TestApp, d: &Desk, id: i64) -> common::Page {
    post(
        app,
        &format!("/newsroom/articles/{id}/delete"),
        &form(&[("csrf", &d.csrf)]),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

#[tokio::test]
async fn a_deleted_article_leaves_every_reader_page_and_its_addresses_answer_gone() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "publish", &[]).await);
    let old_path = public_path(&app, id).await.unwrap();
    // A new slug leaves the old address redirecting to the new one.
    let v = version(&app, id).await;
    let uri = format!("/newsroom/articles/{id}");
    let fields = [("version", v.as_str()), ("slug", "cranes-at-port-elan")];
    saved_id(&submit(&app, &ana, &uri, "update", &fields).await);
    let path = public_path(&app, id).await.unwrap();
    assert_eq!(get(&app, &old_path, None).await.status, 301);
    // Readers' pages as the page cache keeps them.
    let pages = [
        "/",
        "/category/world",
        "/feed",
        "/feed/atom",
        "/news-sitemap.xml",
        "/tag/ports",
    ];
    for page in pages {
        get(&app, page, None).await.assert_has("Harbour cranes");
    }
    get(&app, &path, None)
        .await
        .assert_has("Work starts on Monday.");

    // The editor offers it; the confirmation names the article.
    get(&app, &uri, Some(&ana.cookie))
        .await
        .assert_has(&format!(r#"action="/newsroom/articles/{id}/delete""#));
    let confirm = get(&app, &format!("{uri}/delete"), Some(&ana.cookie)).await;
    assert_eq!(confirm.status, 200);
    confirm.assert_has("Delete this article?");
    confirm.assert_has("Harbour cranes return to Port Elan");
    confirm.assert_has("Cancel");

    let res = delete(&app, &ana, id).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/newsroom?done=deleted");
    get(&app, "/newsroom?done=deleted", Some(&ana.cookie))
        .await
        .assert_has("The article was deleted.");

    // Gone, at its address and at the old one (no redirect any more).
    for p in [&path, &old_path] {
        let gone = get(&app, p, None).await;
        assert_eq!(gone.status, StatusCode::GONE, "{p}");
        // The page says it went, not that it never was.
        gone.assert_has("<h1 class=\"error-page__title\">Article removed</h1>");
        gone.assert_has("The newsroom removed this article.");
        assert!(!gone.body.contains("Page not found"), "{p}");
    }
    for page in pages
        .iter()
        .chain(&["/search?q=cranes", "/api/search?q=cranes"])
    {
        let res = get(&app, page, None).await;
        assert!(
            !res.body.contains("Harbour cranes"),
            "{page} still shows it"
        );
    }
    let suggest = get(&app, "/api/suggest?q=harbour", None).await;
    assert!(!suggest.body.contains("Harbour"), "{}", suggest.body);
    let index = get(&app, "/sitemap.xml", None).await.body;
    for sitemap in index
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
    {
        let s = sitemap.strip_prefix(common::PUBLIC_URL).unwrap();
        assert!(!get(&app, s, None).await.body.contains(&path), "{s}");
    }
    // Its revisions went with it; the editor's address says so.
    assert!(app
        .state
        .store
        .editable_article(id)
        .await
        .unwrap()
        .is_none());
    assert!(app.state.store.revisions(id).await.unwrap().is_empty());
    assert_eq!(get(&app, &uri, Some(&ana.cookie)).await.status, 404);
    let entry = &app.state.store.audit_entries(1, 0).await.unwrap()[0];
    assert_eq!(entry.action, "article deleted");
    assert_eq!(entry.subject, "Harbour cranes return to Port Elan");
    assert_eq!(entry.actor.as_deref(), Some("ana"));
}

#[tokio::test]
async fn deleting_a_draft_leaves_the_readers_pages_cached() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let before = app.state.store.content_version();
    let res = delete(&app, &ana, id).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(app.state.store.content_version(), before);
    assert!(app
        .state
        .store
        .editable_article(id)
        .await
        .unwrap()
        .is_none());
    // A draft never had a public address: nothing is left answering 410.
    let n: i64 = db::query_scalar("SELECT COUNT(*) FROM deleted_articles")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

/// An article by `author` (published by `publisher` when `published`); returns its id.
async fn article(app: &TestApp, author: &Desk, publisher: &Desk, published: bool, n: usize) -> i64 {
    let title = format!("Cell article {n}");
    let slug = format!("cell-article-{n}");
    let fields = [("title", title.as_str()), ("slug", slug.as_str())];
    let id = saved_id(&submit(app, author, "/newsroom/articles", "save", &fields).await);
    if published {
        let v = version(app, id).await;
        let uri = format!("/newsroom/articles/{id}");
        let fields = [("version", v.as_str()), ("title", &title), ("slug", &slug)];
        saved_id(&submit(app, publisher, &uri, "publish", &fields).await);
    }
    id
}

#[tokio::test]
async fn who_may_delete_what_cell_by_cell() {
    let app = app().await;
    let roles = [
        ("carl@example.com", Role::Contributor),
        ("ana@example.com", Role::Author),
        ("eve@example.com", Role::Editor),
        ("ada@example.com", Role::Admin),
    ];
    let mut desks = Vec::new();
    for (email, role) in roles {
        desks.push(desk(&app, email, role).await);
    }
    let other = desk(&app, "olga@example.com", Role::Author).await;
    let editor = &desks[2];
    // (own, published) → contributor, author, editor, admin.
    let rows = [
        ((true, false), [true, true, true, true]),
        ((true, true), [false, true, true, true]),
        ((false, false), [false, false, true, true]),
        ((false, true), [false, false, true, true]),
    ];
    let mut n = 0;
    for ((own, published), cells) in rows {
        for ((d, (_, role)), allowed) in desks.iter().zip(roles).zip(cells) {
            n += 1;
            let author = if own { d } else { &other };
            let id = article(&app, author, editor, published, n).await;
            let cell = format!("{role:?} own={own} published={published}");
            let uri = format!("/newsroom/articles/{id}");
            let editor_page = get(&app, &uri, Some(&d.cookie)).await;
            let offered = editor_page.body.contains(&format!("{uri}/delete"));
            assert_eq!(
                offered,
                allowed && editor_page.status == 200,
                "{cell}: button"
            );
            let confirm = get(&app, &format!("{uri}/delete"), Some(&d.cookie)).await;
            let res = delete(&app, d, id).await;
            let gone = app
                .state
                .store
                .editable_article(id)
                .await
                .unwrap()
                .is_none();
            if allowed {
                assert_eq!(confirm.status, 200, "{cell}: confirmation");
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{cell}: {}", res.body);
                assert!(gone, "{cell}");
            } else {
                assert_eq!(confirm.status, 403, "{cell}: confirmation");
                assert_eq!(res.status, StatusCode::FORBIDDEN, "{cell}");
                assert!(!gone, "{cell}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_deletes_are_refused_and_two_at_once_delete_once() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "publish", &[]).await);
    let uri = format!("/newsroom/articles/{id}/delete");

    // Unknown article: a 404 page, for the confirmation and the delete.
    assert_eq!(
        get(&app, "/newsroom/articles/999999/delete", Some(&ana.cookie))
            .await
            .status,
        404
    );
    assert_eq!(delete(&app, &ana, 999_999).await.status, 404);
    // Signed out, another site, no token: refused, and the article stays.
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
    assert_eq!(post(&app, &uri, "csrf=nope", no_token).await.status, 403);
    assert!(app
        .state
        .store
        .editable_article(id)
        .await
        .unwrap()
        .is_some());

    // Two deletes at once: one deletes, the other finds nothing; neither fails.
    let (a, b) = tokio::join!(delete(&app, &ana, id), delete(&app, &eve, id));
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [303, 404], "{} / {}", a.body, b.body);
    let n: i64 =
        db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'article deleted'")
            .fetch_one(app.state.store.pool())
            .await
            .unwrap();
    assert_eq!(n, 1);
}
