#![cfg(feature = "ssr")]
//! `timelines copy-store` (issue 16): a site moves from SQLite to PostgreSQL and back whole,
//! ids, accounts and all, the search index rebuilt; a copy run again changes nothing; new rows
//! on the target get ids past the copied ones. (Always SQLite to PostgreSQL, whichever backend
//! the other suites run on.)

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{sign_in, staff, PASSWORD};
use common::{app_with, postgres};
use timelines::server::newsroom::Role;
use timelines::server::search::parse;
use timelines::server::store::{NewCategory, SearchFilter, Store};

/// Slugs of the first page of results for `q`.
async fn found(store: &Store, q: &str) -> Vec<String> {
    let hits = store
        .search(
            &parse(q).unwrap(),
            &SearchFilter::default(),
            i64::MAX / 2,
            20,
            0,
        )
        .await
        .unwrap();
    hits.rows.into_iter().map(|(r, _)| r.slug).collect()
}

#[tokio::test]
async fn a_site_moves_to_postgresql_and_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite_url = format!("sqlite://{}/site.db", dir.path().display());
    let site = app_with(|c| c.server.database_url = sqlite_url.clone()).await;
    staff(&site, "ana@example.com", Role::Editor).await;
    let source = &site.state.store;

    let pg_url = postgres::fresh_database().await;
    let target = Store::open(&pg_url).await.unwrap();
    let report = target.copy_from(source).await.unwrap();
    assert!(report.complete(), "{report:?}");
    let rows = |table: &str| {
        report
            .tables
            .iter()
            .find(|(t, _, _)| t == table)
            .map(|(_, from, _)| *from)
            .unwrap_or_else(|| panic!("{table} not copied: {report:?}"))
    };
    assert_eq!(rows("articles"), source.article_count().await.unwrap());
    assert!(rows("articles") > 50 && rows("categories") > 5 && rows("staff") == 1);
    assert_eq!(report.articles_indexed as i64, rows("articles"));

    // Search finds the same on both.
    for q in ["the", "market", "حكومة", "\"prime minister\"", "elect"] {
        assert_eq!(found(&target, q).await, found(source, q).await, "{q}");
    }

    // Again: the same target, nothing doubled.
    let again = target.copy_from(source).await.unwrap();
    assert_eq!(again.tables, report.tables);

    // A new row on the target gets an id past the copied ones.
    let before: i64 = timelines::server::store::db::query_scalar("SELECT MAX(id) FROM categories")
        .fetch_one(target.pool())
        .await
        .unwrap();
    let id = target
        .insert_category(NewCategory {
            parent_path: None,
            slug: "after-the-move",
            name: "After the move",
            description: "",
            position: 99,
        })
        .await
        .unwrap();
    assert!(id > before, "{id} <= {before}");

    // The site served from PostgreSQL: its articles, and its accounts sign in.
    let moved = app_with(|c| c.server.database_url = pg_url.clone()).await;
    let home = moved.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    let hits = source
        .search(
            &parse("the").unwrap(),
            &SearchFilter::default(),
            i64::MAX / 2,
            3,
            0,
        )
        .await
        .unwrap();
    assert!(!hits.rows.is_empty());
    for (row, _) in hits.rows {
        let path = timelines::urls::article(&row.slug, row.published_at);
        let page = moved.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        page.assert_has(&row.slug);
    }
    sign_in(&moved, "ana@example.com", PASSWORD).await;

    // And back into a new SQLite file.
    let back_url = format!("sqlite://{}/back.db", dir.path().display());
    let back = Store::open(&back_url).await.unwrap();
    let returned = back.copy_from(&target).await.unwrap();
    assert!(returned.complete(), "{returned:?}");
    assert_eq!(
        returned
            .tables
            .iter()
            .find(|(t, _, _)| t == "categories")
            .unwrap()
            .2,
        rows("categories") + 1
    );
}
