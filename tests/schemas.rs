//! The two databases' schemas agree column for column (`migrations/sqlite` and
//! `migrations/postgres`): the same tables, the same columns, of types that decode into the
//! same Rust types (an SQLite INTEGER is a PostgreSQL BIGINT, both `i64`), nullable alike, and
//! both folders numbered alike. A migration added to one folder and not the other fails here.
//! Run on a real PostgreSQL (`make test` starts one).

#[path = "common/postgres.rs"]
mod postgres;

use sqlx::sqlite::SqlitePoolOptions;
use std::collections::BTreeMap;

/// (type, nullable) by column, by table.
type Schema = BTreeMap<String, BTreeMap<String, (String, bool)>>;

/// SQLite's own tables for its full-text index (`article_search` and its shadow tables): the
/// PostgreSQL index is a column of its own there, not a table.
fn sqlite_only(table: &str) -> bool {
    table.starts_with("article_search") || table.starts_with("_sqlx") || table.starts_with("sqlite_")
}

async fn sqlite_schema() -> Schema {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    sqlx::migrate!("./migrations/sqlite").run(&pool).await.unwrap();
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, upper(p.type), p.\"notnull\", p.pk FROM sqlite_master m \
         JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for (table, column, ty, not_null, pk) in rows {
        if sqlite_only(&table) {
            continue;
        }
        let ty = match ty.as_str() {
            "INTEGER" => "bigint",
            "TEXT" => "text",
            "REAL" => "double precision",
            "BLOB" => "bytea",
            other => panic!("{table}.{column}: a type the PostgreSQL schema has no twin for: {other}"),
        };
        // A primary key never holds NULL, whatever SQLite lets it say.
        let nullable = not_null == 0 && pk == 0;
        schema
            .entry(table)
            .or_default()
            .insert(column, (ty.to_string(), nullable));
    }
    schema
}

async fn postgres_schema() -> Schema {
    let pool = postgres::fresh_pool().await;
    sqlx::migrate!("./migrations/postgres").run(&pool).await.unwrap();
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = 'public' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for (table, column, ty, nullable) in rows {
        if table.starts_with("_sqlx") || table == "article_search" {
            continue;
        }
        schema
            .entry(table)
            .or_default()
            .insert(column, (ty, nullable == "YES"));
    }
    schema
}

#[tokio::test]
async fn both_databases_have_the_same_tables_and_columns() {
    let (sqlite, postgres) = (sqlite_schema().await, postgres_schema().await);
    assert!(sqlite.contains_key("articles") && sqlite.len() > 20, "{sqlite:?}");
    for table in sqlite.keys().chain(postgres.keys()) {
        assert_eq!(
            sqlite.get(table),
            postgres.get(table),
            "table {table}: SQLite's columns (left) against PostgreSQL's (right)"
        );
    }
}

#[test]
fn both_migration_folders_are_numbered_alike() {
    let versions = |dir: &str| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(format!("{}/{dir}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy()[..4].to_string())
            .collect();
        v.sort();
        v
    };
    let (sqlite, postgres) = (versions("migrations/sqlite"), versions("migrations/postgres"));
    // PostgreSQL's first migration is the whole schema as SQLite's first 18 leave it; from then
    // on each number is in both.
    let first = postgres.first().cloned().unwrap();
    assert_eq!(first, "0018");
    let later: Vec<&String> = sqlite.iter().filter(|v| **v >= first).collect();
    assert_eq!(later, postgres.iter().collect::<Vec<_>>());
}
