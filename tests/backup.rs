#![cfg(feature = "ssr")]
//! `timelines backup` and `restore` on the site's real database (an SQLite file, or PostgreSQL
//! with `TIMELINES_TEST_BACKEND=postgres`): a backup made while articles are being written is
//! the site at one moment, and restored into a new location it serves the same articles and
//! pictures; a restore never replaces a site unasked, nor reads an unfinished or altered backup.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, upload};
use common::{database_url, new_article, TestApp};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use timelines::server::backup::{self, Manifest};
use timelines::server::config::Config;
use timelines::server::media::bench::synthetic_photo;
use timelines::server::newsroom::Role;
use timelines::server::{clock, http, AppState};
use tower::ServiceExt;

/// Every file under `dir`, by path below it, with its bytes.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let name = p.strip_prefix(root).unwrap().display().to_string();
                out.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A configuration for a new, empty location: a new database and media folder under `dir`.
async fn elsewhere(from: &Config, dir: &Path) -> Config {
    let mut config = from.clone();
    config.server.database_url = database_url(dir).await;
    config.media.dir = format!("{}/media", dir.display());
    config.server.load_demo = false;
    config
}

async fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "{what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn get(router: &axum::Router, uri: &str) -> (StatusCode, Vec<u8>) {
    let req = axum::http::Request::get(uri)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    (status, body.to_vec())
}

/// A picture uploaded in the newsroom, its sizes made.
async fn a_picture(app: &TestApp) {
    let ana = desk(app, "ana@example.com", Role::Author).await;
    let res = upload(app, &ana, "quay.jpg", &synthetic_photo(900, 600), "Cranes").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    app.state.media.settled().await;
}

#[tokio::test]
async fn a_backup_made_while_articles_are_written_restores_elsewhere_as_the_site_was() {
    let app = common::app().await;
    a_picture(&app).await;

    // A stream of writes, each acknowledged (stored) before the next.
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn({
        let (store, acked, stop) = (app.state.store.clone(), acked.clone(), stop.clone());
        async move {
            for i in 0.. {
                if stop.load(Ordering::Acquire) {
                    break;
                }
                let slug = format!("stream-{i:05}");
                store.insert_article(&new_article(&slug)).await.unwrap();
                acked.lock().unwrap().push(slug);
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
    });
    let count = || acked.lock().unwrap().len();
    wait_until("the first writes", || count() >= 10).await;
    let before = count();

    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("backup");
    let made = backup::backup(&app.state.config, &dir).await.unwrap();
    let after = count();
    assert!(after > before, "writes went on while the backup ran");
    wait_until("writes after the backup", || count() >= after + 5).await;
    stop.store(true, Ordering::Release);
    writer.await.unwrap();
    assert!(made.pictures_without_files.is_empty());
    assert_eq!(Manifest::read(&dir).unwrap(), made.manifest);
    // The site's secrets, hashes and readers' addresses: for the owner's eyes only.
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(backup::DATABASE_FILE)), 0o600);
    assert_eq!(mode(&dir.join("backup.json")), 0o600);
    assert!(
        !dir.join("timelines.db-wal").exists(),
        "one self-contained file"
    );
    assert_eq!(
        made.manifest.media.files,
        files_under(&dir.join("media")).len() as u64
    );

    // Into a new location.
    let target_dir = tempfile::tempdir().unwrap();
    let config = elsewhere(&app.state.config, target_dir.path()).await;
    let restored = backup::restore(&config, &dir, false).await.unwrap();
    assert!(restored.pictures_without_files.is_empty());
    let site = AppState::open_for_command(config.clone()).await.unwrap();

    // The site at one moment: every article acknowledged before the backup began, then a run
    // of the later ones with no gap, and none acknowledged after it ended.
    let acked = acked.lock().unwrap().clone();
    let now = clock::now().unix_timestamp();
    let mut present = Vec::new();
    for slug in &acked {
        present.push(site.store.find_article(slug, now).await.unwrap().is_some());
    }
    let kept = present.iter().take_while(|p| **p).count();
    assert!(
        present[kept..].iter().all(|p| !p),
        "not one moment: {present:?}"
    );
    assert!(
        (before..=after).contains(&kept),
        "{before} ≤ {kept} ≤ {after}"
    );
    let originals = app.state.store.article_count().await.unwrap();
    let stream_total = acked.len() as i64;
    assert_eq!(
        site.store.article_count().await.unwrap(),
        originals - stream_total + kept as i64
    );
    assert_eq!(
        made.manifest.articles(),
        originals - stream_total + kept as i64
    );

    // Each table as the backup counted it (but that everyone is signed out), and the same
    // words and pictures served.
    let mut counts = site.store.row_counts().await.unwrap();
    let signed_in = |counts: &[(String, i64)]| {
        counts
            .iter()
            .find(|(t, _)| t == "staff_sessions")
            .map(|(_, n)| *n)
    };
    assert!(
        made.manifest.tables["staff_sessions"] >= 1,
        "Ana was signed in"
    );
    assert_eq!(signed_in(&counts), Some(0), "a restore signs everyone out");
    counts.retain(|(t, _)| t != "staff_sessions" && t != "staff_tokens");
    let mut backed_up = made.manifest.clone();
    backed_up.tables.remove("staff_sessions");
    backed_up.tables.remove("staff_tokens");
    assert_eq!(backed_up.differs_from(&counts), None);
    assert_eq!(
        files_under(Path::new(&config.media.dir)),
        files_under(Path::new(&app.state.config.media.dir))
    );
    let router = http::router(site.clone());
    let first = timelines::urls::article(&acked[0], new_article(&acked[0]).published_at);
    let (status, body) = get(&router, &first).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert!(String::from_utf8_lossy(&body).contains("A test article"));
    let (rows, _) = site.store.list_media("", 10, 0).await.unwrap();
    assert_eq!(rows.len(), 1);
    let webp = format!("/media/{}/320.webp", rows[0].key);
    let (status, served) = get(&router, &webp).await;
    assert_eq!(status, StatusCode::OK, "{webp}");
    let (_, before_backup) = get(&app.router, &webp).await;
    assert_eq!(served, before_backup);
    let staff = site.store.all_staff().await.unwrap();
    assert!(staff.iter().any(|s| s.email == "ana@example.com"));
}

#[tokio::test]
async fn a_restore_replaces_a_site_only_when_told_and_never_reads_an_unfinished_or_altered_backup()
{
    let app = common::app().await;
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("backup");
    let made = backup::backup(&app.state.config, &dir).await.unwrap();

    // Never over another backup (and not told to remove it).
    let e = backup::backup(&app.state.config, &dir).await.unwrap_err();
    assert!(e.to_string().contains("is not empty"), "{e}");
    assert!(!e.to_string().contains("remove it"), "{e}");

    // A configuration that names no database: refused, no folder made (not an empty backup).
    let mut wrong = (*app.state.config).clone();
    wrong.server.database_url = format!("sqlite://{}/nothing-here.db", folder.path().display());
    let nowhere = folder.path().join("of-nothing");
    let e = backup::backup(&wrong, &nowhere)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("there is no database at"), "{e}");
    assert!(!nowhere.exists());
    assert!(
        !folder.path().join("nothing-here.db").exists(),
        "none made either"
    );

    // The site itself holds articles: left alone unless --replace.
    app.state
        .store
        .insert_article(&new_article("written-after-the-backup"))
        .await
        .unwrap();
    let e = backup::restore(&app.state.config, &dir, false)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("already holds a site") && e.contains("--replace"),
        "{e}"
    );
    assert!(e.contains(" articles"), "names what it holds: {e}");
    let now = clock::now().unix_timestamp();
    let later = app
        .state
        .store
        .find_article("written-after-the-backup", now);
    assert!(later.await.unwrap().is_some(), "nothing replaced");

    // A backup whose database was cut short: refused before anything is replaced.
    let bad = folder.path().join("altered");
    std::fs::create_dir_all(&bad).unwrap();
    let whole = std::fs::read(dir.join(backup::DATABASE_FILE)).unwrap();
    std::fs::write(bad.join(backup::DATABASE_FILE), &whole[..whole.len() / 2]).unwrap();
    made.manifest.write(&bad).unwrap();
    let e = backup::restore(&app.state.config, &bad, true)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("is not the database backup.json describes"),
        "{e}"
    );
    assert!(e.contains("nothing was restored"), "{e}");
    let later = app
        .state
        .store
        .find_article("written-after-the-backup", now);
    assert!(later.await.unwrap().is_some(), "nothing replaced");

    // Unfinished: no backup.json.
    std::fs::remove_file(bad.join("backup.json")).unwrap();
    let e = backup::restore(&app.state.config, &bad, true)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a finished backup"), "{e}");

    // Told to: the site is as it was at the backup.
    backup::restore(&app.state.config, &dir, true)
        .await
        .unwrap();
    let later = app
        .state
        .store
        .find_article("written-after-the-backup", now);
    assert!(later.await.unwrap().is_none(), "the site as backed up");
    assert_eq!(
        app.state.store.article_count().await.unwrap(),
        made.manifest.articles()
    );
}
