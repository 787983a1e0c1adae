#![cfg(feature = "ssr")]
//! `/newsroom/import` over the real router: an admin uploads the WordPress fixture, tries it
//! first (a dry run writes nothing), imports it and reads the report; the site then shows it.
//! Editors and strangers are refused, a file that is not an export is said to be one with
//! nothing written, and the page is never cached.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::newsroom::{desk, get, post_multipart, Call, Part};
use common::{app_with, TestApp};
use timelines::server::newsroom::Role;
use timelines::server::store::db;

const FIXTURE: &[u8] = include_bytes!("fixtures/wordpress/west-timelines.xml");

async fn empty_site() -> TestApp {
    app_with(|c| c.server.load_demo = false).await
}

async fn article_count(app: &TestApp) -> i64 {
    db::query_scalar("SELECT COUNT(*) FROM articles")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_admin_tries_then_imports_an_export_and_reads_the_report() {
    let app = empty_site().await;
    let admin = desk(&app, "admin@news.example", Role::Admin).await;
    let page = get(&app, "/newsroom/import", Some(&admin.cookie)).await;
    assert_eq!(page.status, 200);
    page.assert_has("Import from WordPress");
    page.assert_has("name=\"export\"");
    let cache = page.headers["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("no-store") && cache.contains("private"),
        "{cache}"
    );

    let call = || Call {
        cookie: Some(&admin.cookie),
        ..Call::default()
    };
    let dry = [
        Part::Text("csrf", &admin.csrf),
        Part::File("export", "west.xml", FIXTURE),
        Part::Text("dry_run", "on"),
    ];
    let page = post_multipart(&app, "/newsroom/import", &dry, call()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("What an import would do (nothing was written)");
    assert_eq!(article_count(&app).await, 0);

    let real = [
        Part::Text("csrf", &admin.csrf),
        Part::File("export", "west.xml", FIXTURE),
    ];
    let page = post_multipart(&app, "/newsroom/import", &real, call()).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("<h2 id=\"report-heading\">Imported</h2>");
    page.assert_has("Trashed story");
    page.assert_has("not imported: no uploads folder was given");
    assert!(article_count(&app).await >= 5);
    let url = timelines::urls::article("ferries-return-northern-route", 1_775_467_800);
    assert_eq!(app.get(&url).await.status, 200);
    let audit = get(&app, "/newsroom/audit", Some(&admin.cookie)).await;
    audit.assert_has("site imported");

    // The same file again changes nothing.
    let page = post_multipart(&app, "/newsroom/import", &real, call()).await;
    assert_eq!(page.status, 200);
    let made = article_count(&app).await;
    assert!(made >= 5);
    assert_eq!(article_count(&app).await, made);
}

#[tokio::test]
async fn only_admins_import_and_bad_files_write_nothing() {
    let app = empty_site().await;
    let editor = desk(&app, "editor@news.example", Role::Editor).await;
    assert_eq!(
        get(&app, "/newsroom/import", Some(&editor.cookie))
            .await
            .status,
        403
    );
    let parts = [
        Part::Text("csrf", &editor.csrf),
        Part::File("export", "west.xml", FIXTURE),
    ];
    let call = Call {
        cookie: Some(&editor.cookie),
        ..Call::default()
    };
    let page = post_multipart(&app, "/newsroom/import", &parts, call).await;
    assert_eq!(page.status, 403);
    assert_eq!(article_count(&app).await, 0);

    // Only an admin's session may send an export's size: anyone else's body is held to the
    // site's small limit and refused before it is read whole.
    let big = vec![b'x'; 200 * 1024];
    let large = [
        Part::Text("csrf", &editor.csrf),
        Part::File("export", "big.xml", &big),
    ];
    let call = Call {
        cookie: Some(&editor.cookie),
        ..Call::default()
    };
    assert_eq!(
        post_multipart(&app, "/newsroom/import", &large, call)
            .await
            .status,
        413
    );

    let stranger = post_multipart(&app, "/newsroom/import", &parts, Call::default()).await;
    assert!(
        stranger.status == 303 || stranger.status == 403 || stranger.status == 401,
        "{}",
        stranger.status
    );

    let admin = desk(&app, "admin@news.example", Role::Admin).await;
    let call = || Call {
        cookie: Some(&admin.cookie),
        ..Call::default()
    };
    let cross_site = Call {
        same_origin: false,
        ..call()
    };
    let parts = [
        Part::Text("csrf", &admin.csrf),
        Part::File("export", "west.xml", FIXTURE),
    ];
    let page = post_multipart(&app, "/newsroom/import", &parts, cross_site).await;
    assert_eq!(page.status, 403);
    assert_eq!(article_count(&app).await, 0);

    let not_xml = [
        Part::Text("csrf", &admin.csrf),
        Part::File("export", "photo.xml", b"\xff\xd8\xff\xe0 not an export"),
    ];
    let page = post_multipart(&app, "/newsroom/import", &not_xml, call()).await;
    assert_eq!(page.status, 422);
    page.assert_has("Nothing was imported");

    let cut = &FIXTURE[..FIXTURE.len() / 2];
    let parts = [
        Part::Text("csrf", &admin.csrf),
        Part::File("export", "west.xml", cut),
    ];
    let page = post_multipart(&app, "/newsroom/import", &parts, call()).await;
    assert_eq!(page.status, 422);
    page.assert_has("cut short");

    let none = [Part::Text("csrf", &admin.csrf)];
    let page = post_multipart(&app, "/newsroom/import", &none, call()).await;
    assert_eq!(page.status, 400);
    page.assert_has("Choose the export file");
    assert_eq!(article_count(&app).await, 0);
}
