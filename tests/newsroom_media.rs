#![cfg(feature = "ssr")]
//! The media library over the real router: an author uploads an image with its alt text and
//! finds it in the library (post/redirect/get, a status notice, a thumbnail with its size and
//! alt text), searches and pages it, edits its text, and deletes it (refused while an article
//! uses it; its files go with it). Bad uploads are refused with a clear message and their
//! status, and leave nothing behind; contributors are refused.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, post_multipart, upload, Call, Desk, Part};
use common::{app, app_with, Page, TestApp};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::newsroom::Role;
use timelines::server::store::db;

async fn follow(app: &TestApp, d: &Desk, res: &Page) -> Page {
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    get(app, res.location(), Some(&d.cookie)).await
}

fn count_originals(app: &TestApp) -> usize {
    std::fs::read_dir(app.state.media.dir().root().join("originals"))
        .map(|d| d.count())
        .unwrap_or(0)
}

fn call(d: &Desk) -> Call<'_> {
    Call {
        cookie: Some(&d.cookie),
        ..Call::default()
    }
}

/// The id of the newest picture of the library.
async fn newest_id(app: &TestApp) -> i64 {
    let (rows, _) = app.state.store.list_media("", 1, 0).await.unwrap();
    rows[0].id
}

#[tokio::test]
async fn an_author_uploads_an_image_and_finds_it_in_the_library() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let res = upload(
        &app,
        &ana,
        "harbour.jpg",
        &synthetic_photo(1000, 750),
        "Cranes on the northern quay at dawn",
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/newsroom/media?done=uploaded");
    app.state.media.settled().await;
    let library = follow(&app, &ana, &res).await;
    assert_eq!(library.status, StatusCode::OK);
    library.assert_has(r#"role="status""#);
    library.assert_has("Uploaded.");
    let row = app
        .state
        .store
        .media_by_id(newest_id(&app).await)
        .await
        .unwrap()
        .unwrap();
    let doc = scraper::Html::parse_document(&library.body);
    let img = scraper::Selector::parse(".nr-media-grid img").unwrap();
    let img = doc.select(&img).next().expect("a thumbnail");
    assert_eq!(
        img.value().attr("src"),
        Some(format!("/media/{}/320.jpg", row.key).as_str())
    );
    assert_eq!(img.value().attr("width"), Some("320"));
    assert_eq!(img.value().attr("height"), Some("240"));
    assert_eq!(
        img.value().attr("alt"),
        Some("Cranes on the northern quay at dawn")
    );
    library.assert_has("harbour.jpg");
    // The thumbnail is there to fetch.
    let thumb = app.get(&format!("/media/{}/320.jpg", row.key)).await;
    assert_eq!(thumb.status, StatusCode::OK);
    // Uploading is audited.
    let audit = app.state.store.audit_entries(10, 0).await.unwrap();
    assert!(audit
        .iter()
        .any(|e| e.action == "image uploaded" && e.subject == "harbour.jpg"));
}

#[tokio::test]
async fn the_same_image_uploaded_twice_is_reused_and_said_so() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let photo = synthetic_photo(300, 200);
    upload(&app, &ana, "a.jpg", &photo, "First").await;
    let again = upload(&app, &ana, "b.jpg", &photo, "Second").await;
    assert_eq!(again.location(), "/newsroom/media?done=reused");
    follow(&app, &ana, &again)
        .await
        .assert_has("already in the library");
    let (_, total) = app.state.store.list_media("", 10, 0).await.unwrap();
    assert_eq!(total, 1);
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_clear_message_and_their_status_and_leave_nothing() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let jpeg = synthetic_photo(400, 300);
    let truncated = &jpeg[..jpeg.len() / 2];
    let bomb = png_declaring(100_000, 100_000);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let cases: [(&str, &[u8], StatusCode, &str); 5] = [
        (
            "cut.jpg",
            truncated,
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged or incomplete",
        ),
        (
            "bomb.png",
            &bomb,
            StatusCode::UNPROCESSABLE_ENTITY,
            "megapixels",
        ),
        (
            "logo.svg",
            svg,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "SVG images are not accepted",
        ),
        (
            "notes.jpg",
            b"Meeting notes, not a photo.",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not an image",
        ),
        (
            "empty.jpg",
            b"",
            StatusCode::UNPROCESSABLE_ENTITY,
            "The file is empty",
        ),
    ];
    for (name, bytes, status, message) in cases {
        let res = upload(&app, &ana, name, bytes, "Some alt text").await;
        assert_eq!(res.status, status, "{name}");
        res.assert_has(message);
        res.assert_has(r#"role="alert""#);
        // The typed alt text is kept for the next try.
        res.assert_has(r#"value="Some alt text""#);
    }
    // No alt text: the file is not even looked at.
    let res = upload(&app, &ana, "fine.jpg", &jpeg, "  ").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("Give the image alt text");
    let (_, total) = app.state.store.list_media("", 10, 0).await.unwrap();
    assert_eq!(total, 0);
    assert_eq!(count_originals(&app), 0);
}

#[tokio::test]
async fn an_upload_over_the_cap_is_refused_with_413() {
    let app = app_with(|c| c.media.max_upload_megabytes = 1).await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    // Far over: refused while it is read.
    let huge = vec![0xFFu8; 30_000_000];
    let res = upload(&app, &ana, "huge.jpg", &huge, "Too big").await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    res.assert_has("over 1 MB");
    // Just over: within the form's slack, refused by the upload's own check.
    let mut over = synthetic_photo(64, 48);
    over.resize(1_000_001, 0);
    let res = upload(&app, &ana, "over.jpg", &over, "Just over").await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    res.assert_has("over 1 MB");
    assert_eq!(count_originals(&app), 0);
}

#[tokio::test]
async fn without_a_session_a_large_upload_is_refused_before_it_is_read() {
    let app = app().await;
    let parts = [
        Part::Text("csrf", "x"),
        Part::File("file", "a.jpg", &[0u8; 100_000]),
    ];
    let res = post_multipart(&app, "/newsroom/media", &parts, Call::default()).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let small = [Part::Text("csrf", "x"), Part::File("file", "a.jpg", b"x")];
    let res = post_multipart(&app, "/newsroom/media", &small, Call::default()).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn contributors_may_not_upload_nor_open_the_library() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    upload(&app, &ana, "a.jpg", &synthetic_photo(64, 48), "A photo").await;
    let id = newest_id(&app).await;
    let cleo = desk(&app, "cleo@example.com", Role::Contributor).await;
    let res = upload(&app, &cleo, "b.jpg", &synthetic_photo(65, 48), "Another").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    for uri in [
        "/newsroom/media".to_string(),
        format!("/newsroom/media/{id}"),
        format!("/newsroom/media/{id}/delete"),
    ] {
        assert_eq!(
            get(&app, &uri, Some(&cleo.cookie)).await.status,
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
    let res = post(
        &app,
        &format!("/newsroom/media/{id}/delete"),
        &form(&[("csrf", &cleo.csrf)]),
        call(&cleo),
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // Nor does the navigation offer it.
    let home = get(&app, "/newsroom", Some(&cleo.cookie)).await;
    assert!(!home.body.contains(r#"href="/newsroom/media""#));
    let home = get(&app, "/newsroom", Some(&ana.cookie)).await;
    home.assert_has(r#"href="/newsroom/media""#);
}

#[tokio::test]
async fn the_library_searches_alt_text_and_file_names_and_pages() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    for n in 0..26u32 {
        let alt = if n == 3 {
            "A lighthouse in fog"
        } else {
            "A quay"
        };
        let name = format!("photo-{n}.jpg");
        let res = upload(&app, &ana, &name, &synthetic_photo(40 + n, 30), alt).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    app.state.media.settled().await;
    let first = get(&app, "/newsroom/media", Some(&ana.cookie)).await;
    first.assert_has("26 images");
    first.assert_has(r#"rel="next""#);
    let count = |p: &Page| p.body.matches("class=\"nr-media-card\"").count();
    assert_eq!(count(&first), 24);
    let second = get(&app, "/newsroom/media?q=&page=2", Some(&ana.cookie)).await;
    assert_eq!(count(&second), 2);
    second.assert_has(r#"rel="prev""#);
    let by_alt = get(&app, "/newsroom/media?q=LIGHTHOUSE", Some(&ana.cookie)).await;
    assert_eq!(count(&by_alt), 1);
    by_alt.assert_has("photo-3.jpg");
    let by_name = get(&app, "/newsroom/media?q=photo-25", Some(&ana.cookie)).await;
    assert_eq!(count(&by_name), 1);
    // LIKE's wildcards are searched for as they are.
    let wild = get(&app, "/newsroom/media?q=%25", Some(&ana.cookie)).await;
    assert_eq!(count(&wild), 0);
}

#[tokio::test]
async fn an_image_page_shows_its_sizes_edits_its_text_and_deletes_it_unless_used() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    upload(&app, &ana, "tram.jpg", &synthetic_photo(900, 600), "A tram").await;
    app.state.media.settled().await;
    let id = newest_id(&app).await;
    let key = app.state.store.media_by_id(id).await.unwrap().unwrap().key;
    let uri = format!("/newsroom/media/{id}");
    let page = get(&app, &uri, Some(&ana.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    for size in [
        "320 × 213, WebP",
        "768 × 512, JPEG",
        "Share card, 900 × 473, JPEG",
    ] {
        page.assert_has(size);
    }
    page.assert_has("No article uses it.");
    page.assert_has(&format!("/newsroom/articles/new?image={id}"));
    // Its text.
    let res = post(
        &app,
        &uri,
        &form(&[
            ("csrf", &ana.csrf),
            ("alt", "A red tram in the snow"),
            ("caption", "Line 4 at dawn"),
            ("credit", "Photo: Ana"),
        ]),
        call(&ana),
    )
    .await;
    follow(&app, &ana, &res).await.assert_has("Saved.");
    let row = app.state.store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(
        (row.alt.as_str(), row.caption.as_str(), row.credit.as_str()),
        ("A red tram in the snow", "Line 4 at dawn", "Photo: Ana")
    );
    let res = post(
        &app,
        &uri,
        &form(&[("csrf", &ana.csrf), ("alt", "")]),
        call(&ana),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("Give the image alt text");
    // Used by an article: not deleted.
    db::query("UPDATE articles SET image_media_id = ?1 WHERE id = 1")
        .bind(id)
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let page = get(&app, &uri, Some(&ana.cookie)).await;
    page.assert_has(r#"href="/newsroom/articles/1""#);
    let delete = format!("/newsroom/media/{id}/delete");
    assert_eq!(
        get(&app, &delete, Some(&ana.cookie)).await.status,
        StatusCode::OK
    );
    let res = post(&app, &delete, &form(&[("csrf", &ana.csrf)]), call(&ana)).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("featured image of 1 article");
    assert!(app.state.media.dir().folder(&key).is_dir());
    // Unused: deleted, with its files.
    db::query("UPDATE articles SET image_media_id = NULL")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let res = post(&app, &delete, &form(&[("csrf", &ana.csrf)]), call(&ana)).await;
    assert_eq!(res.location(), "/newsroom/media?done=deleted");
    follow(&app, &ana, &res)
        .await
        .assert_has("The image was deleted");
    assert!(app.state.store.media_by_id(id).await.unwrap().is_none());
    assert!(!app.state.media.dir().folder(&key).exists());
    assert!(!app.state.media.dir().original(&key).exists());
    assert_eq!(
        app.get(&format!("/media/{key}/320.jpg")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &uri, Some(&ana.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A PNG whose header declares `width`×`height` over a few bytes of data.
fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}
