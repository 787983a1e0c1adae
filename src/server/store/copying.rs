//! Moving a whole site between databases (`timelines copy-store`): from SQLite to PostgreSQL,
//! back, or between two of a kind.
//!
//! Every table but the search index and the migrations' bookkeeping is copied row for row, ids
//! included, in one transaction on the target that first empties it: a copy run again gives the
//! same target (nothing doubles), and a failed one leaves the target as it was. The source is
//! read in one snapshot, so a site that serves and writes meanwhile is copied as it was at one
//! moment. Tables go in the order their foreign keys need (read from the target's schema); a
//! table that refers to itself (categories, menu entries) gets those references once all its
//! rows are in. PostgreSQL's id sequences are then moved past the copied ids (SQLite's rowids
//! follow by themselves), the search index is rebuilt from the copied articles, and every table
//! is counted on both sides.

use super::db::{query, query_as, Arg, Backend, InTx, Pool, QueryBuilder};
use super::{Result, Store, StoreError};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row};

/// What a copy did: each table with the rows read from the source's snapshot and the rows the
/// target holds afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub tables: Vec<(String, i64, i64)>,
    pub articles_indexed: u64,
}

impl CopyReport {
    /// Whether every table holds as many rows in the target as in the source.
    pub fn complete(&self) -> bool {
        self.tables.iter().all(|(_, from, to)| from == to)
    }
}

/// Rows read and written per statement (under SQLite's 32,766 arguments per statement for
/// every table here).
const BATCH_ARGUMENTS: usize = 30_000;
const READ_BATCH: i64 = 2_000;

/// A table to copy: its columns (name, holds integers), and the columns referring to itself.
struct Table {
    name: String,
    columns: Vec<(String, bool)>,
    self_refs: Vec<String>,
}

impl Store {
    /// Replaces everything in this store with the contents of `source` (see the module).
    pub async fn copy_from(&self, source: &Store) -> Result<CopyReport> {
        let tables = self.tables_in_order().await?;
        let mut read = source.pool.begin_snapshot().await?;
        let mut tx = self.write_tx().await?;
        // Empty the target, the tables that refer to others first.
        for t in tables.iter().rev() {
            for column in &t.self_refs {
                query(&format!("UPDATE {} SET {column} = NULL", t.name))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for t in tables.iter().rev() {
            query(&format!("DELETE FROM {}", t.name))
                .execute(&mut *tx)
                .await?;
        }
        for derived in ["article_search", "search_terms", "title_terms"] {
            query(&format!("DELETE FROM {derived}"))
                .execute(&mut *tx)
                .await?;
        }
        let mut copied_rows = Vec::with_capacity(tables.len());
        for t in &tables {
            copied_rows.push(copy_table(t, &mut read, &mut tx).await?);
        }
        if self.backend() == Backend::Postgres {
            for t in tables
                .iter()
                .filter(|t| t.columns.iter().any(|(c, _)| c == "id"))
            {
                // The next id a new row gets is past every copied one.
                query(&format!(
                    "SELECT setval(pg_get_serial_sequence(?1, 'id'), \
                     GREATEST(COALESCE(MAX(id), 0), 1), COALESCE(MAX(id), 0) > 0) FROM {}",
                    t.name
                ))
                .bind(t.name.as_str())
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        drop(read);
        let articles_indexed = self.reindex_search().await?;
        self.load_site_overrides().await?;
        self.content_changed();
        let mut counted = Vec::with_capacity(tables.len());
        for (t, from) in tables.iter().zip(copied_rows) {
            let sql = format!("SELECT COUNT(*) FROM {}", t.name);
            let to: i64 = super::db::query_scalar(&sql).fetch_one(&self.pool).await?;
            counted.push((t.name.clone(), from, to));
        }
        Ok(CopyReport {
            tables: counted,
            articles_indexed,
        })
    }

    /// Closes the store with everything written to its main file: on SQLite the write-ahead
    /// log is folded in first (and goes with the last connection), as a backup's database is
    /// kept; a PostgreSQL store is only closed.
    pub async fn close_folded(self) -> Result<()> {
        if self.backend() == Backend::Sqlite {
            query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        self.pool.close().await;
        Ok(())
    }

    /// The rows of each table a copy copies (a restore checks a backup's database with them
    /// before it copies anything).
    pub async fn row_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut counts = Vec::new();
        for t in self.tables_in_order().await? {
            let sql = format!("SELECT COUNT(*) FROM {}", t.name);
            let n: i64 = super::db::query_scalar(&sql).fetch_one(&self.pool).await?;
            counts.push((t.name, n));
        }
        Ok(counts)
    }

    /// This store's tables (all but the search index and migrations), each after the tables
    /// it refers to.
    async fn tables_in_order(&self) -> Result<Vec<Table>> {
        let (names_sql, columns_sql, refs_sql) = match self.backend() {
            Backend::Sqlite => (
                "SELECT name FROM sqlite_master WHERE type = 'table'",
                "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid",
                "SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)",
            ),
            Backend::Postgres => (
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
                "SELECT target.relname::text, a.attname::text FROM pg_constraint c \
                 JOIN pg_class source ON source.oid = c.conrelid \
                 JOIN pg_class target ON target.oid = c.confrelid \
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) \
                 WHERE c.contype = 'f' AND source.relname = ?1 \
                 AND source.relnamespace = current_schema()::regnamespace",
            ),
        };
        let mut names: Vec<String> = super::db::query_scalar(names_sql)
            .fetch_all(&self.pool)
            .await?;
        names.retain(|n| copied(n));
        names.sort();
        let mut pending: Vec<(Table, Vec<String>)> = Vec::new();
        for name in names {
            let columns: Vec<(String, String)> = query_as(columns_sql)
                .bind(name.as_str())
                .fetch_all(&self.pool)
                .await?;
            let refs: Vec<(String, String)> = query_as(refs_sql)
                .bind(name.as_str())
                .fetch_all(&self.pool)
                .await?;
            let self_refs = refs
                .iter()
                .filter(|(target, _)| *target == name)
                .map(|(_, column)| column.clone())
                .collect();
            let needs = refs
                .into_iter()
                .map(|(target, _)| target)
                .filter(|target| *target != name)
                .collect();
            let columns = columns
                .into_iter()
                .map(|(column, kind)| {
                    let kind = kind.to_ascii_lowercase();
                    (column, kind.contains("int") || kind.contains("bool"))
                })
                .collect();
            pending.push((
                Table {
                    name,
                    columns,
                    self_refs,
                },
                needs,
            ));
        }
        let mut ordered: Vec<Table> = Vec::with_capacity(pending.len());
        while !pending.is_empty() {
            let ready = pending.iter().position(|(_, needs)| {
                needs
                    .iter()
                    .all(|n| ordered.iter().any(|t| &t.name == n) || !copied(n))
            });
            let Some(i) = ready else {
                let stuck: Vec<&str> = pending.iter().map(|(t, _)| t.name.as_str()).collect();
                return Err(StoreError::Invalid(format!(
                    "the tables {stuck:?} refer to each other in a circle: no order copies them"
                )));
            };
            ordered.push(pending.remove(i).0);
        }
        Ok(ordered)
    }
}

/// Whether a table is copied: not the search index (rebuilt from the articles) nor the
/// databases' own bookkeeping.
fn copied(table: &str) -> bool {
    !(table.starts_with("article_search")
        || table == "search_terms"
        || table == "title_terms"
        || table.starts_with("_sqlx")
        || table.starts_with("sqlite_"))
}

/// Copies one table's rows from the snapshot `read` into `tx`; how many.
async fn copy_table(t: &Table, read: &mut InTx, tx: &mut InTx) -> Result<i64> {
    let list = t
        .columns
        .iter()
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let select = format!(
        "SELECT {list} FROM {} ORDER BY 1 LIMIT ?1 OFFSET ?2",
        t.name
    );
    let rows_per_insert = (BATCH_ARGUMENTS / t.columns.len().max(1)).max(1);
    let mut offset = 0i64;
    loop {
        let rows: Vec<Values> = query_as(&select)
            .bind(READ_BATCH)
            .bind(offset)
            .fetch_all(&mut *read)
            .await?;
        if rows.is_empty() {
            break;
        }
        offset += rows.len() as i64;
        for chunk in rows.chunks(rows_per_insert) {
            let mut q = QueryBuilder::new(format!("INSERT INTO {} ({list}) VALUES ", t.name));
            for (i, row) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                let mut values = q.separated(", ");
                values.push_unseparated("(");
                for ((column, int), value) in t.columns.iter().zip(&row.0) {
                    let later = t.self_refs.contains(column);
                    values.push_bind(typed(if later { &Arg::NullInt } else { value }, *int));
                }
                values.push_unseparated(")");
            }
            q.build().execute(&mut *tx).await?;
        }
        if !t.self_refs.is_empty() {
            let id = t
                .columns
                .iter()
                .position(|(c, _)| c == "id")
                .ok_or_else(|| {
                    StoreError::Invalid(format!("{} refers to itself but has no id", t.name))
                })?;
            for column in &t.self_refs {
                let at = t
                    .columns
                    .iter()
                    .position(|(c, _)| c == column)
                    .unwrap_or(id);
                let sql = format!("UPDATE {} SET {column} = ?1 WHERE id = ?2", t.name);
                for row in &rows {
                    if !matches!(row.0[at], Arg::NullInt | Arg::NullText) {
                        query(&sql)
                            .bind(row.0[at].clone())
                            .bind(row.0[id].clone())
                            .execute(&mut *tx)
                            .await?;
                    }
                }
            }
        }
    }
    Ok(offset)
}

/// `value` with a NULL typed as its column is (PostgreSQL types its parameters).
fn typed<'q>(value: &Arg<'q>, int: bool) -> Arg<'q> {
    match value {
        Arg::NullInt | Arg::NullText if int => Arg::NullInt,
        Arg::NullInt | Arg::NullText => Arg::NullText,
        other => other.clone(),
    }
}

/// One row's values, whatever the table: integers and text are all the schema holds.
struct Values(Vec<Arg<'static>>);

macro_rules! values_from {
    ($row:ty) => {
        impl<'r> FromRow<'r, $row> for Values {
            fn from_row(row: &'r $row) -> sqlx::Result<Self> {
                (0..row.columns().len())
                    .map(|i| match row.try_get::<Option<i64>, _>(i) {
                        Ok(Some(n)) => Ok(Arg::Int(n)),
                        Ok(None) => Ok(Arg::NullInt),
                        Err(_) => row
                            .try_get::<Option<String>, _>(i)
                            .map(|t| t.map_or(Arg::NullText, |t| Arg::Text(t.into()))),
                    })
                    .collect::<sqlx::Result<Vec<_>>>()
                    .map(Values)
            }
        }
    };
}
values_from!(SqliteRow);
values_from!(PgRow);

impl Pool {
    /// A transaction that reads one consistent snapshot of the database.
    pub async fn begin_snapshot(&self) -> Result<super::db::Tx, sqlx::Error> {
        let mut tx = self.begin().await?;
        if let Pool::Postgres(..) = self {
            query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        Ok(tx)
    }
}
