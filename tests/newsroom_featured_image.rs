#![cfg(feature = "ssr")]
//! The editor's Featured image over the real router: an image from the library chosen (from
//! the list, or from the library's "Use as featured image"), its alt text required and taken
//! from the library when left empty, caption and credit saved with the article, removed, and
//! refused when it is not in the library; the read models' featured image; "Used by" and the
//! refused delete.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, saved_id, submit, upload, version, Call, Desk};
use common::{app, TestApp};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::newsroom::Role;
use timelines::server::store::db;
use timelines::server::store::ArticleImage;

/// Uploads a picture as `d` and waits for its sizes; returns its id as the form sends it.
async fn picture(app: &TestApp, d: &Desk, width: u32, alt: &str) -> String {
    let res = upload(
        app,
        d,
        &format!("photo-{width}.jpg"),
        &synthetic_photo(width, width * 3 / 4),
        alt,
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    app.state.media.settled().await;
    let (rows, _) = app.state.store.list_media("", 1, 0).await.unwrap();
    rows[0].id.to_string()
}

async fn image_of(app: &TestApp, id: i64) -> Option<ArticleImage> {
    app.state
        .store
        .editable_article(id)
        .await
        .unwrap()
        .unwrap()
        .fields
        .image
}

#[tokio::test]
async fn an_author_sets_an_uploaded_image_as_featured_and_publishes() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let media = picture(&app, &ana, 1700, "Cranes on the northern quay").await;
    // The library's "Use as featured image" opens a new article with it chosen, its text filled.
    let form_page = get(
        &app,
        &format!("/newsroom/articles/new?image={media}"),
        Some(&ana.cookie),
    )
    .await;
    assert_eq!(form_page.status, StatusCode::OK);
    form_page.assert_has("<legend>Featured image</legend>");
    form_page.assert_has(&format!(r#"<option value="{media}" selected"#));
    form_page.assert_has(r#"value="Cranes on the northern quay""#);
    form_page.assert_has("Remove image");
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "publish",
        &[
            ("slug", "cranes-return"),
            ("image", &media),
            ("image_alt", "Two cranes lifting containers at dawn"),
            ("image_caption", "The northern quay reopened on Monday."),
            ("image_credit", "Photo: Ana / West Timelines"),
        ],
    )
    .await;
    let id = saved_id(&res);
    let image = image_of(&app, id).await.expect("a featured image");
    assert_eq!(image.media_id.to_string(), media);
    assert_eq!(image.alt, "Two cranes lifting containers at dawn");
    // What reader pages are given.
    let featured = app
        .state
        .store
        .featured_image(id)
        .await
        .unwrap()
        .expect("ready");
    let row = app
        .state
        .store
        .media_by_id(image.media_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(featured.key, row.key);
    assert_eq!((featured.width, featured.height), (1700, 1275));
    assert_eq!(featured.widths, vec![320, 480, 768, 1024, 1600]);
    assert_eq!(featured.alt, "Two cranes lifting containers at dawn");
    assert_eq!(featured.caption, "The northern quay reopened on Monday.");
    assert_eq!(featured.credit, "Photo: Ana / West Timelines");
    let several = app.state.store.featured_images(&[id, 1]).await.unwrap();
    assert_eq!(several.get(&id), Some(&featured));
    assert!(!several.contains_key(&1));
    // The editor shows it chosen, with its thumbnail.
    let editor = get(&app, &format!("/newsroom/articles/{id}"), Some(&ana.cookie)).await;
    editor.assert_has(&format!(r#"src="/media/{}/320.jpg""#, row.key));
    editor.assert_has(r#"alt="Two cranes lifting containers at dawn""#);
    // The library says who uses it, and will not delete it.
    let page = get(&app, &format!("/newsroom/media/{media}"), Some(&ana.cookie)).await;
    page.assert_has(&format!(r#"href="/newsroom/articles/{id}""#));
    page.assert_has("(published)");
    let call = Call {
        cookie: Some(&ana.cookie),
        ..Call::default()
    };
    let res = post(
        &app,
        &format!("/newsroom/media/{media}/delete"),
        &form(&[("csrf", &ana.csrf)]),
        call,
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("choose another image for it first");
}

#[tokio::test]
async fn alt_text_left_empty_is_the_librarys_and_without_any_the_save_is_refused() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let media = picture(&app, &ana, 400, "A lighthouse in fog").await;
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "save",
        &[("slug", "fog"), ("image", &media)],
    )
    .await;
    let id = saved_id(&res);
    assert_eq!(image_of(&app, id).await.unwrap().alt, "A lighthouse in fog");
    // A picture whose library entry has no alt text (as an import might leave it).
    db::query("UPDATE media SET alt = ''")
        .execute(app.state.store.pool())
        .await
        .unwrap();
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "save",
        &[("slug", "fog-2"), ("image", &media)],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("Give the featured image alt text");
    res.assert_has(r##"href="#image_alt""##);
    res.assert_has(r#"id="image_alt-error""#);
}

#[tokio::test]
async fn an_image_not_in_the_library_is_refused_with_a_clear_message() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    for bad in ["99999", "not-a-number", "-3"] {
        let res = submit(
            &app,
            &ana,
            "/newsroom/articles",
            "save",
            &[("slug", "ghost"), ("image", bad), ("image_alt", "Nothing")],
        )
        .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        let said = if bad == "99999" {
            "not in the media library"
        } else {
            "Choose an image from the list"
        };
        res.assert_has(said);
        res.assert_has(r##"href="#image""##);
    }
}

#[tokio::test]
async fn remove_image_takes_it_off_and_another_choice_brings_its_own_text() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let first = picture(&app, &ana, 400, "A red tram").await;
    let second = picture(&app, &ana, 500, "A blue ferry").await;
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "save",
        &[
            ("slug", "transport"),
            ("image", &first),
            ("image_alt", "A red tram"),
            ("image_credit", "Ana"),
        ],
    )
    .await;
    let id = saved_id(&res);
    let uri = format!("/newsroom/articles/{id}");
    // Another picture chosen, its fields left as they were for the first: the second's own text.
    let v = version(&app, id).await;
    let res = submit(
        &app,
        &ana,
        &uri,
        "save",
        &[
            ("slug", "transport"),
            ("version", &v),
            ("image", &second),
            ("image_alt", "A red tram"),
            ("image_credit", "Ana"),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let image = image_of(&app, id).await.unwrap();
    assert_eq!(image.media_id.to_string(), second);
    assert_eq!(image.alt, "A blue ferry");
    assert_eq!(image.credit, "");
    // Text typed for it is kept.
    let v = version(&app, id).await;
    submit(
        &app,
        &ana,
        &uri,
        "save",
        &[
            ("slug", "transport"),
            ("version", &v),
            ("image", &second),
            ("image_alt", "The ferry at the pier"),
        ],
    )
    .await;
    assert_eq!(
        image_of(&app, id).await.unwrap().alt,
        "The ferry at the pier"
    );
    // Remove image.
    let v = version(&app, id).await;
    submit(
        &app,
        &ana,
        &uri,
        "save",
        &[
            ("slug", "transport"),
            ("version", &v),
            ("image", &second),
            ("image_remove", "on"),
        ],
    )
    .await;
    assert_eq!(image_of(&app, id).await, None);
    assert!(app.state.store.featured_image(id).await.unwrap().is_none());
    let editor = get(&app, &uri, Some(&ana.cookie)).await;
    editor.assert_has(r#"<option value="" selected"#);
}

#[tokio::test]
async fn contributors_choose_an_image_from_the_list_without_the_library() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let media = picture(&app, &ana, 400, "A market stall").await;
    let cleo = desk(&app, "cleo@example.com", Role::Contributor).await;
    let page = get(&app, "/newsroom/articles/new", Some(&cleo.cookie)).await;
    page.assert_has(&format!(
        r#"<option value="{media}">A market stall (photo-400.jpg)</option>"#
    ));
    assert!(!page.body.contains("Open the media library"));
    let res = submit(
        &app,
        &cleo,
        "/newsroom/articles",
        "save",
        &[("slug", "market"), ("image", &media)],
    )
    .await;
    let id = saved_id(&res);
    assert_eq!(image_of(&app, id).await.unwrap().alt, "A market stall");
}

#[tokio::test]
async fn a_body_shows_library_pictures_with_their_size_and_no_other_images() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let media = picture(&app, &ana, 1200, "A tram depot").await;
    let key = app
        .state
        .store
        .media_by_id(media.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .key;
    let body = format!(
        "The depot at night.\n\n![Trams asleep in the depot](/media/{key}/768.jpg)\n\n\
         ![A tracking pixel](https://tracker.example/p.gif)\n\n\
         <img src=\"https://tracker.example/q.gif\" alt=\"raw\">"
    );
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "publish",
        &[("slug", "depot-at-night"), ("body", &body)],
    )
    .await;
    let id = saved_id(&res);
    let path = common::newsroom::public_path(&app, id).await.unwrap();
    let page = app.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_has(&format!(
        r#"<img src="/media/{key}/768.jpg" alt="Trams asleep in the depot" width="768" height="576" loading="lazy" decoding="async">"#
    ));
    assert!(!page.body.contains("tracker.example"));
    page.assert_has("A tracking pixel");
    // The editor's preview renders it the same way.
    let call = Call {
        cookie: Some(&ana.cookie),
        ..Call::default()
    };
    let preview = post(
        &app,
        "/newsroom/preview",
        &form(&[
            ("csrf", &ana.csrf),
            ("title", "T"),
            ("body", &body),
            ("lang", "en"),
        ]),
        call,
    )
    .await;
    preview.assert_has(&format!(r#"src="/media/{key}/768.jpg""#));
    preview.assert_has(r#"width="768" height="576""#);
    assert!(!preview.body.contains("tracker.example"));
}
