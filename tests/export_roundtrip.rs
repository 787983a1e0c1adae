#![cfg(feature = "ssr")]
//! Moving out and back: the demo newsroom (with a featured picture) exported as a WordPress
//! file and imported into an empty site gives the same site: articles with their words,
//! standfirsts, dates, statuses, sections, tags, bylines, languages and pictures; pages;
//! categories. Importing the export again changes nothing. The JSON export holds the same
//! things and no password.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::{app, app_with, new_article, TestApp};
use std::collections::BTreeMap;
use std::path::PathBuf;
use timelines::server::export::{json, wordpress, Site};
use timelines::server::import::{import, progress::Progress, Options, Source};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::media::Upload;
use timelines::server::store::db;
use timelines::server::store::{ArticleFields, ExportArticle, FeaturedText, SaveAs, Saving, Store};

/// Words of an HTML body, tags dropped and spaces folded.
fn words(html: &str) -> String {
    let text = ammonia::Builder::empty().clean(html).to_string();
    html_escape::decode_html_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What must survive the trip, by slug.
async fn articles(store: &Store) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut after = 0;
    loop {
        let batch: Vec<ExportArticle> = store.export_articles(after, 1000).await.unwrap();
        let Some(last) = batch.last() else { break };
        after = last.id;
        for a in batch {
            let mut tags = a.tag_names();
            tags.sort();
            let author: String = db::query_scalar("SELECT name FROM authors WHERE slug = ?1")
                .bind(&a.author_slug)
                .fetch_one(store.pool())
                .await
                .unwrap();
            let line = format!(
                "{} | {} | {} | {:?} | {} | {} | featured {} pick {} | {} | {:?} | {:?} {:?} {:?} | {:?} | {} | {} | {} | {}",
                a.title,
                a.dek,
                a.status,
                a.published_at,
                a.category_path,
                a.lang,
                a.featured,
                a.editors_pick,
                author,
                tags,
                a.image_alt,
                a.image_caption,
                a.image_credit,
                a.translation_key,
                a.seo_title,
                a.seo_description,
                a.canonical_url,
                words(&a.body_html),
            );
            out.insert(a.slug, line);
        }
    }
    out
}

async fn pages(store: &Store) -> BTreeMap<String, String> {
    store
        .export_pages()
        .await
        .unwrap()
        .into_iter()
        .map(|p| (p.slug, format!("{} | {}", p.title, words(&p.body_html))))
        .collect()
}

async fn categories(store: &Store) -> Vec<String> {
    let mut all: Vec<String> = store
        .all_categories()
        .await
        .unwrap()
        .into_iter()
        .map(|c| format!("{} | {} | {}", c.path, c.name, c.description))
        .collect();
    all.sort();
    all
}

/// The library's pictures: (key, file name, alt, caption, credit).
async fn library(store: &Store) -> Vec<(String, String, String, String, String)> {
    store
        .export_media()
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.key, m.file_name, m.alt, m.caption, m.credit))
        .collect()
}

/// The demo newsroom (all published, in two languages, with translations) with one article
/// given a featured picture, and a draft, an article in review and a scheduled one written in
/// the newsroom with search engine fields.
async fn source() -> TestApp {
    let app = app().await;
    let store = &app.state.store;
    let editor = timelines::server::newsroom::users::add(
        store,
        "desk@news.example",
        "The Desk",
        timelines::server::newsroom::Role::Editor,
        "a long enough password",
    )
    .await
    .unwrap();
    let world = store.find_category("world").await.unwrap().unwrap().id;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let fields = |slug: &str, title: &str| ArticleFields {
        title: title.into(),
        dek: "A standfirst.".into(),
        slug: slug.into(),
        // A form feed pasted from a word processor: no XML may hold it.
        body_md: "Words **here**,\u{c} and a [link](/category/world).".into(),
        lang: "en".into(),
        category_id: world,
        author_id: editor.author_id,
        tags: vec!["Ports".into()],
        seo_title: "The search engine title".into(),
        seo_description: "What the search engine shows.".into(),
        canonical_url: "https://elsewhere.example/first".into(),
        ..ArticleFields::default()
    };
    let saving = Saving {
        by: editor.id,
        at: now,
        action: "save",
    };
    store
        .create_article(&fields("a-draft", "A draft"), SaveAs::Draft, saving, None)
        .await
        .unwrap();
    store
        .create_article(
            &fields("in-review", "In review"),
            SaveAs::Review,
            saving,
            None,
        )
        .await
        .unwrap();
    let later = fields("later-on", "Later on");
    let id = store
        .create_article(&later, SaveAs::Draft, saving, None)
        .await
        .unwrap();
    store
        .save_article(id, 1, &later, SaveAs::Published(now + 30 * 86_400), saving)
        .await
        .unwrap();
    let article = new_article("harbour-pictured");
    app.state.store.insert_article(&article).await.unwrap();
    let accepted = app
        .state
        .media
        .accept(
            Upload {
                bytes: synthetic_photo(1800, 1200),
                file_name: "harbour.jpg".into(),
                alt: "Cranes over the quay".into(),
                credit: "Photo: The Desk".into(),
                ..Upload::default()
            },
            None,
        )
        .await
        .unwrap();
    app.state.media.settled().await;
    let text = FeaturedText {
        alt: "Cranes over the quay at dawn".into(),
        caption: "The quay before the first sailing.".into(),
        credit: String::new(),
    };
    assert!(app
        .state
        .store
        .set_featured_image("harbour-pictured", accepted.id, &text)
        .await
        .unwrap());
    app
}

async fn import_file(app: &TestApp, file: &std::path::Path, uploads: PathBuf) -> String {
    let options = Options {
        uploads: Some(uploads),
        dry_run: false,
        now: time::OffsetDateTime::now_utc().unix_timestamp(),
    };
    let report = import(
        &app.state.store,
        &app.state.media,
        &Source::File(file.to_path_buf()),
        &options,
        &mut Progress::Silent,
    )
    .await
    .unwrap();
    app.state.media.settled().await;
    report.to_string()
}

#[tokio::test]
async fn a_wordpress_export_imported_into_an_empty_site_gives_the_same_site() {
    let from = source().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("site.xml");
    let site = Site::new(&from.state.store, &from.state.config);
    let out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    let done = wordpress::export(&site, out).await.unwrap();
    assert!(done.articles > 20 && done.pictures == 1, "{done}");
    let xml = std::fs::read_to_string(&file).unwrap();
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
        "the export holds a character XML cannot"
    );

    let to = app_with(|c| c.server.load_demo = false).await;
    let media = PathBuf::from(&from.state.config.media.dir);
    let report = import_file(&to, &file, media.clone()).await;
    assert!(!report.contains("Skipped ("), "{report}");

    let (before, after) = (
        articles(&from.state.store).await,
        articles(&to.state.store).await,
    );
    assert_eq!(before.len(), after.len(), "{report}");
    for (slug, line) in &before {
        assert_eq!(Some(line), after.get(slug), "article {slug}");
    }
    for status in ["draft", "review"] {
        assert!(
            after.values().any(|l| l.contains(&format!("| {status} |"))),
            "{status}"
        );
    }
    assert!(after["later-on"].contains("| published |"));
    assert_eq!(pages(&from.state.store).await, pages(&to.state.store).await);
    assert_eq!(
        library(&from.state.store).await,
        library(&to.state.store).await
    );
    assert_eq!(
        categories(&from.state.store).await,
        categories(&to.state.store).await
    );

    // Again: nothing changes.
    let again = import_file(&to, &file, media).await;
    assert!(
        again.contains("\narticles            0        0"),
        "{again}"
    );
    assert_eq!(articles(&to.state.store).await, after);
}

#[tokio::test]
async fn the_json_export_holds_everything_but_passwords() {
    let from = source().await;
    timelines::server::newsroom::users::add(
        &from.state.store,
        "ana@news.example",
        "Ana Lima",
        timelines::server::newsroom::Role::Editor,
        "a long and secret password",
    )
    .await
    .unwrap();
    let site = Site::new(&from.state.store, &from.state.config);
    let mut out = Vec::new();
    let done = json::export(&site, &mut out).await.unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("argon2") && !text.contains("a long and secret password"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "timelines-export");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["articles"].as_array().unwrap().len(), done.articles);
    assert_eq!(doc["pages"].as_array().unwrap().len(), done.pages);
    assert_eq!(doc["media"].as_array().unwrap().len(), 1);
    let pictured = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "harbour-pictured")
        .unwrap();
    assert_eq!(pictured["image"]["alt"], "Cranes over the quay at dawn");
    assert_eq!(pictured["status"], "published");
    assert!(pictured["url"]
        .as_str()
        .unwrap()
        .ends_with("/harbour-pictured"));
    let ana = doc["authors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Ana Lima")
        .unwrap();
    assert_eq!(ana["account"]["email"], "ana@news.example");
    assert_eq!(ana["account"]["role"], "editor");
}
