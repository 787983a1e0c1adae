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
use timelines::server::store::{NewCategory, SearchFilter, SearchSort, Store};

/// A page of results for `q` under `filter`: how many matched, and the slugs in order.
async fn found(store: &Store, q: &str, filter: &SearchFilter, page: u32) -> (u32, Vec<String>) {
    let hits = store
        .search(
            &parse(q).unwrap(),
            filter,
            i64::MAX / 2,
            10,
            (page - 1) * 10,
        )
        .await
        .unwrap();
    (
        hits.total,
        hits.rows.into_iter().map(|(r, _)| r.slug).collect(),
    )
}

/// The fixed set the backends must agree on (membership and order of the page, and the count):
/// English, Arabic, a phrase, a prefix, each filter, date order, and a second page.
fn parity_cases() -> Vec<(&'static str, SearchFilter, u32)> {
    let section = |path: &str| SearchFilter {
        category: Some(path.into()),
        ..SearchFilter::default()
    };
    let lang = |code: &str| SearchFilter {
        lang: Some(code.into()),
        ..SearchFilter::default()
    };
    let by_date = SearchFilter {
        sort: SearchSort::Date,
        ..SearchFilter::default()
    };
    vec![
        ("the", SearchFilter::default(), 1),
        ("the", SearchFilter::default(), 2),
        ("the", by_date.clone(), 1),
        ("market", SearchFilter::default(), 1),
        ("market", section("business"), 1),
        ("the", section("sports"), 1),
        ("حكومة", SearchFilter::default(), 1),
        ("ال", lang("ar"), 1),
        ("the", lang("en"), 2),
        ("\"city council\"", SearchFilter::default(), 1),
        ("\"interest rates\"", section("business"), 1),
        ("elect", SearchFilter::default(), 1),
        ("elect", by_date, 1),
    ]
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
    for (q, filter, page) in parity_cases() {
        let on_sqlite = found(source, q, &filter, page).await;
        assert!(
            !on_sqlite.1.is_empty(),
            "{q} {filter:?} page {page} finds nothing"
        );
        let on_postgres = found(&target, q, &filter, page).await;
        assert_eq!(on_postgres, on_sqlite, "{q} {filter:?} page {page}");
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
