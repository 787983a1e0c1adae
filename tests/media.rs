#![cfg(feature = "ssr")]
//! Pictures over the real router: variants made in the background and served from the media
//! folder with their type and immutable caching, the same upload kept once, unfinished work
//! taken up at start, a picture that cannot be made marked failed, and no URL under /media
//! reaching anything but a variant (the originals, dot segments, encoded separators, NUL).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app, TestApp};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::media::Upload;
use timelines::server::store::{MediaStatus, NewMedia};

fn upload(bytes: Vec<u8>, name: &str) -> Upload {
    Upload {
        bytes,
        file_name: name.into(),
        alt: "Hills under a low sun".into(),
        ..Upload::default()
    }
}

/// Uploads `bytes` straight to the library and waits for its variants; returns (id, key).
async fn uploaded(app: &TestApp, bytes: Vec<u8>) -> (i64, String) {
    let accepted = app
        .state
        .media
        .accept(upload(bytes, "hills.jpg"), None)
        .await
        .expect("accepted");
    app.state.media.settled().await;
    let row = app
        .state
        .store
        .media_by_id(accepted.id)
        .await
        .unwrap()
        .unwrap();
    (accepted.id, row.key)
}

/// The answer to `uri` after following the site's redirects (at most 5).
async fn final_answer(app: &TestApp, uri: &str) -> common::Page {
    let mut uri = uri.to_string();
    for _ in 0..5 {
        let page = app.get(&uri).await;
        if !page.status.is_redirection() {
            return page;
        }
        uri = page.location().to_string();
    }
    panic!("more than 5 redirects from {uri}");
}

#[tokio::test]
async fn variants_are_made_in_the_background_and_served_with_their_type_and_immutable_caching() {
    let app = app().await;
    let (id, key) = uploaded(&app, synthetic_photo(1200, 900)).await;
    let row = app.state.store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.status, MediaStatus::Ready, "{}", row.error);
    assert_eq!(row.widths, vec![320, 480, 768, 1024]);
    assert_eq!((row.width, row.height), (1200, 900));
    assert_eq!(row.mime, "image/jpeg");
    for (file, mime, size) in [
        ("320.webp", "image/webp", (320, 240)),
        ("1024.jpg", "image/jpeg", (1024, 768)),
        ("share.jpg", "image/jpeg", (1200, 630)),
    ] {
        let page = app.get(&format!("/media/{key}/{file}")).await;
        assert_eq!(page.status, StatusCode::OK, "{file}");
        assert_eq!(page.headers[header::CONTENT_TYPE], mime, "{file}");
        assert_eq!(
            page.headers[header::CACHE_CONTROL],
            "public, max-age=31536000, immutable",
            "{file}"
        );
        assert!(page.headers.contains_key(header::ETAG), "{file}");
        assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let image = image::load_from_memory(&page.bytes).unwrap();
        assert_eq!((image.width(), image.height()), size, "{file}");
    }
    // A width that was not made (the original is narrower) is not there.
    let page = app.get(&format!("/media/{key}/1600.webp")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_variant_answers_head_conditional_requests_and_only_reads() {
    let app = app().await;
    let (_, key) = uploaded(&app, synthetic_photo(400, 300)).await;
    let uri = format!("/media/{key}/320.jpg");
    let first = app.get(&uri).await;
    let etag = first.headers[header::ETAG].to_str().unwrap().to_string();
    let again = app
        .request(
            Request::get(&uri)
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let head = app
        .request(Request::head(&uri).body(Body::empty()).unwrap())
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.bytes.is_empty());
    assert_eq!(
        head.headers[header::CONTENT_LENGTH].to_str().unwrap(),
        first.bytes.len().to_string()
    );
    let post = app
        .request(Request::post(&uri).body(Body::empty()).unwrap())
        .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_same_bytes_uploaded_twice_are_one_picture() {
    let app = app().await;
    let bytes = synthetic_photo(500, 400);
    let first = app
        .state
        .media
        .accept(upload(bytes.clone(), "a.jpg"), None)
        .await
        .unwrap();
    let second = app
        .state
        .media
        .accept(upload(bytes, "b.jpg"), None)
        .await
        .unwrap();
    assert!(first.new);
    assert!(!second.new);
    assert_eq!(first.id, second.id);
    app.state.media.settled().await;
    let (rows, total) = app.state.store.list_media("", 10, 0).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(rows[0].file_name, "a.jpg");
}

#[tokio::test]
async fn a_refused_upload_leaves_nothing_behind() {
    let app = app().await;
    for bytes in [
        b"".to_vec(),
        b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        b"plain text".to_vec(),
    ] {
        assert!(app
            .state
            .media
            .accept(upload(bytes, "x.jpg"), None)
            .await
            .is_err());
    }
    let (_, total) = app.state.store.list_media("", 10, 0).await.unwrap();
    assert_eq!(total, 0);
    let dir = app.state.media.dir().root();
    let originals = std::fs::read_dir(dir.join("originals"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(originals, 0);
}

/// Records a picture as an upload interrupted before its variants were made: its original on
/// disk, its row `processing`, no task for it.
async fn interrupted(app: &TestApp, bytes: &[u8]) -> i64 {
    let key = timelines::server::media::key::of(bytes);
    app.state.media.dir().keep_original(&key, bytes).unwrap();
    let row = NewMedia {
        key: &key,
        file_name: "left.png",
        mime: "image/png",
        width: 640,
        height: 480,
        bytes: bytes.len() as i64,
        alt: "",
        caption: "",
        credit: "",
    };
    let (id, _) = app.state.store.add_media(&row, None, 0).await.unwrap();
    id
}

#[tokio::test]
async fn pictures_left_processing_are_made_at_the_next_start() {
    let app = app().await;
    let id = interrupted(&app, &synthetic_photo(640, 480)).await;
    assert_eq!(app.state.store.pending_media().await.unwrap().len(), 1);
    assert_eq!(app.state.media.resume().await.unwrap(), 1);
    app.state.media.settled().await;
    let row = app.state.store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.status, MediaStatus::Ready);
    assert_eq!(row.widths, vec![320, 480]);
    assert!(app.state.store.pending_media().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_picture_whose_variants_cannot_be_made_is_marked_failed_with_the_reason() {
    let app = app().await;
    let mut png = Vec::new();
    image::DynamicImage::new_rgb8(640, 480)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // Its header is whole, its pixel data cut short.
    png.truncate(png.len() - 30);
    let id = interrupted(&app, &png).await;
    app.state.media.resume().await.unwrap();
    app.state.media.settled().await;
    let row = app.state.store.media_by_id(id).await.unwrap().unwrap();
    assert_eq!(row.status, MediaStatus::Failed);
    assert!(row.error.contains("damaged or incomplete"), "{}", row.error);
    assert!(row.widths.is_empty());
}

#[tokio::test]
async fn no_media_url_reaches_an_original_or_anything_outside_a_picture_folder() {
    let app = app().await;
    let bytes = synthetic_photo(400, 300);
    let (_, key) = uploaded(&app, bytes.clone()).await;
    // The original and the variants are there on disk.
    let dir = app.state.media.dir().root().to_path_buf();
    assert!(dir.join("originals").join(&key).is_file());
    assert_eq!(
        app.get(&format!("/media/{key}/320.jpg")).await.status,
        StatusCode::OK
    );
    let upper = key.to_uppercase();
    let attempts = [
        format!("/media/originals/{key}"),
        format!("/media/{key}/../originals/{key}"),
        format!("/media/{key}/..%2Foriginals%2F{key}"),
        format!("/media/{key}/..%2F..%2Foriginals%2F{key}"),
        format!("/media/{key}/%2E%2E%2Foriginals%2F{key}"),
        format!("/media/..%2Foriginals/{key}"),
        format!("/media/{key}/..%5C..%5Coriginals%5C{key}"),
        format!("/media/{key}/320.jpg%00"),
        format!("/media/{key}/320.jpg%00.webp"),
        format!("/media/{key}%00/320.jpg"),
        format!("/media/{key}/%2Fetc%2Fpasswd"),
        "/media//etc/passwd".to_string(),
        "/media/%2Fetc%2Fpasswd/320.jpg".to_string(),
        format!("/media/{key}/"),
        format!("/media/{key}"),
        "/media/".to_string(),
        format!("/media/{upper}/320.jpg"),
        format!("/media/{key}/320.png"),
        format!("/media/{key}/.tmp-1-1-320.jpg"),
        format!("/media/{key}/%FF.jpg"),
        format!("/originals/{key}"),
    ];
    for uri in attempts {
        let page = final_answer(&app, &uri).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            !page.bytes.windows(64).any(|w| w == &bytes[..64]),
            "{uri} served the original"
        );
    }
}
