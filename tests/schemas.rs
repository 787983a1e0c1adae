//! The two databases' schemas agree (`migrations/sqlite` and `migrations/postgres`): the same
//! tables and columns, of types that decode into the same Rust types (an SQLite INTEGER is a
//! PostgreSQL BIGINT, both `i64`), nullable alike, text compared byte by byte on both; the same
//! foreign keys with the same rule on delete; the same unique constraints; the same indexes,
//! unique and partial alike; and both folders numbered alike. A migration added to one folder
//! and not the other fails here. Defaults and CHECK constraints are not compared. Run on a real
//! PostgreSQL (`make test` starts one).

#[allow(dead_code)] // the schemas use part of it
#[path = "common/postgres.rs"]
mod postgres;

use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{PgPool, SqlitePool};
use std::collections::{BTreeMap, BTreeSet};

/// (type, nullable) by column, by table.
type Columns = BTreeMap<String, BTreeMap<String, (String, bool)>>;
/// (table, column, referenced table, referenced column, rule on delete).
type ForeignKeys = BTreeSet<(String, String, String, String, String)>;
/// (table, its columns comma-separated).
type Uniques = BTreeSet<(String, String)>;
/// (unique, partial) by index name.
type Indexes = BTreeMap<String, (bool, bool)>;

/// SQLite's own tables for its full-text index (`article_search` and its shadow tables), which
/// PostgreSQL's search replaces, and the migrations' bookkeeping.
fn compared(table: &str) -> bool {
    !(table.starts_with("article_search")
        || table.starts_with("_sqlx")
        || table.starts_with("sqlite_"))
}

async fn sqlite() -> SqlitePool {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    sqlx::migrate!("./migrations/sqlite")
        .run(&pool)
        .await
        .unwrap();
    pool
}

async fn postgres() -> PgPool {
    let pool = postgres::fresh_pool().await;
    sqlx::migrate!("./migrations/postgres")
        .run(&pool)
        .await
        .unwrap();
    pool
}

async fn sqlite_columns(pool: &SqlitePool) -> Columns {
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, upper(p.type), p.\"notnull\", p.pk FROM sqlite_master m \
         JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut columns = Columns::new();
    for (table, column, ty, not_null, pk) in rows.into_iter().filter(|r| compared(&r.0)) {
        let ty = match ty.as_str() {
            "INTEGER" => "bigint",
            // SQLite compares text byte by byte.
            "TEXT" => "text collate C",
            "REAL" => "double precision",
            "BLOB" => "bytea",
            other => panic!("{table}.{column}: a type with no PostgreSQL twin here: {other}"),
        };
        // A primary key never holds NULL, whatever SQLite lets it say.
        let nullable = not_null == 0 && pk == 0;
        columns
            .entry(table)
            .or_default()
            .insert(column, (ty.to_string(), nullable));
    }
    columns
}

async fn postgres_columns(pool: &PgPool) -> Columns {
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, \
           collation_name::text \
         FROM information_schema.columns WHERE table_schema = 'public' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut columns = Columns::new();
    for (table, column, ty, nullable, collation) in rows.into_iter().filter(|r| compared(&r.0)) {
        let ty = match collation {
            Some(c) => format!("{ty} collate {c}"),
            None => ty,
        };
        columns
            .entry(table)
            .or_default()
            .insert(column, (ty, nullable == "YES"));
    }
    columns
}

async fn sqlite_foreign_keys(pool: &SqlitePool) -> ForeignKeys {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT m.name, f.\"from\", f.\"table\", f.\"to\", f.on_delete FROM sqlite_master m \
         JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter().filter(|r| compared(&r.0)).collect()
}

async fn postgres_foreign_keys(pool: &PgPool) -> ForeignKeys {
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT k.table_name::text, k.column_name::text, u.table_name::text, u.column_name::text, \
           r.delete_rule::text \
         FROM information_schema.referential_constraints r \
         JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name \
         JOIN information_schema.constraint_column_usage u ON u.constraint_name = r.constraint_name \
         WHERE r.constraint_schema = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    rows.into_iter().collect()
}

/// Unique constraints and explicit indexes: SQLite's `UNIQUE` columns are indexes of origin
/// `u`, explicit ones of origin `c`.
async fn sqlite_keys(pool: &SqlitePool) -> (Uniques, Indexes) {
    let rows: Vec<(String, String, i64, String, i64, String)> = sqlx::query_as(
        "SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, \
           (SELECT group_concat(name, ',') FROM (SELECT i.name FROM pragma_index_info(l.name) i ORDER BY i.seqno)) \
         FROM sqlite_master m JOIN pragma_index_list(m.name) l WHERE m.type = 'table'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let (mut uniques, mut indexes) = (Uniques::new(), Indexes::new());
    for (table, index, unique, origin, partial, columns) in rows {
        if !compared(&table) {
            continue;
        }
        match origin.as_str() {
            "u" => {
                uniques.insert((table, columns));
            }
            "c" => {
                indexes.insert(index, (unique == 1, partial == 1));
            }
            _ => {}
        }
    }
    (uniques, indexes)
}

async fn postgres_keys(pool: &PgPool) -> (Uniques, Indexes) {
    let uniques: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, string_agg(k.column_name::text, ',' ORDER BY k.ordinal_position) \
         FROM information_schema.table_constraints c \
         JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name \
         WHERE c.constraint_schema = 'public' AND c.constraint_type = 'UNIQUE' \
         GROUP BY c.constraint_name, c.table_name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    // Indexes made by CREATE INDEX, not those behind a primary key or a unique constraint.
    let indexes: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT tablename::text, indexname::text, indexdef FROM pg_indexes WHERE schemaname = 'public' \
         AND indexname NOT IN (SELECT constraint_name FROM information_schema.table_constraints \
           WHERE constraint_schema = 'public')",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut uniques: Uniques = uniques.into_iter().collect();
    let mut found = Indexes::new();
    for (table, name, def) in indexes {
        if !compared(&table) {
            continue;
        }
        // SQLite's `email UNIQUE COLLATE NOCASE` (unique whatever the ASCII letters' case) is
        // a unique index over the address with those letters folded.
        if name == "subscribers_email" {
            uniques.insert(("subscribers".into(), "email".into()));
            continue;
        }
        let unique = def.starts_with("CREATE UNIQUE INDEX");
        found.insert(name, (unique, def.contains(" WHERE ")));
    }
    (uniques, found)
}

#[tokio::test]
async fn both_databases_have_the_same_tables_columns_keys_and_indexes() {
    let (lite, pg) = (sqlite().await, postgres().await);

    let (a, b) = (sqlite_columns(&lite).await, postgres_columns(&pg).await);
    assert!(a.contains_key("articles") && a.len() > 20, "{a:?}");
    for table in a.keys().chain(b.keys()) {
        assert_eq!(
            a.get(table),
            b.get(table),
            "table {table}: SQLite's columns (left) against PostgreSQL's (right)"
        );
    }

    let (a, b) = (
        sqlite_foreign_keys(&lite).await,
        postgres_foreign_keys(&pg).await,
    );
    assert!(a.len() > 20, "{a:?}");
    assert_eq!(
        a, b,
        "foreign keys: SQLite's (left) against PostgreSQL's (right)"
    );

    let ((ua, ia), (ub, ib)) = (sqlite_keys(&lite).await, postgres_keys(&pg).await);
    assert!(ua.contains(&("articles".into(), "slug".into())), "{ua:?}");
    assert_eq!(
        ua, ub,
        "unique constraints: SQLite's (left) against PostgreSQL's (right)"
    );
    assert!(ia.len() > 20, "{ia:?}");
    assert_eq!(
        ia, ib,
        "indexes (unique, partial): SQLite's (left) against PostgreSQL's (right)"
    );
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
    let (sqlite, postgres) = (
        versions("migrations/sqlite"),
        versions("migrations/postgres"),
    );
    // PostgreSQL's first migration is the whole schema as SQLite's first 18 leave it; from then
    // on each number is in both.
    let first = postgres.first().cloned().unwrap();
    assert_eq!(first, "0018");
    let later: Vec<&String> = sqlite.iter().filter(|v| **v >= first).collect();
    assert_eq!(later, postgres.iter().collect::<Vec<_>>());
}
