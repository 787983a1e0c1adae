//! The two databases a store runs on: an SQLite file (the default, one server) and PostgreSQL
//! (several app servers on one database), behind one small query surface shaped like sqlx's own
//! (`query`, `query_as`, `query_scalar`, `QueryBuilder`), so each store method is written once.
//!
//! Why not `sqlx::Any`: it numbers placeholders as its drivers do and maps every value through
//! its own narrow type set (no decoding into a `FromRow` type per backend). Here a query keeps
//! its SQL and its arguments until it runs; the executor it runs on (a pool or a transaction of
//! either database) picks the driver, and `FromRow` types decode with that driver's own rules.
//!
//! SQL is written in SQLite's form with numbered placeholders (`?1`, `?2`, one number used as
//! often as needed; `QueryBuilder::push_bind` numbers its own); PostgreSQL gets `$1`, `$2`. What
//! the two spell differently is written in the form both accept (`ON CONFLICT DO NOTHING`,
//! `IS DISTINCT FROM`, `COALESCE`, `CAST(… AS BIGINT)`, `(flag <> 0)` for a flag read as a bool)
//! or asked of [`Backend`]. The schemas agree column for column (`migrations/sqlite`,
//! `migrations/postgres`, compared by `tests/schemas.rs`): every integer is a `BIGINT` on
//! PostgreSQL, as SQLite's are 64 bits, so both decode into `i64`, and every integer argument is
//! bound as one (a `bool` as 0 or 1, as SQLite stores it).

use sqlx::postgres::{PgConnection, PgPool};
use sqlx::sqlite::{SqliteConnection, SqlitePool};
use sqlx::{Postgres, Sqlite};
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

mod query;
pub use query::*;

/// The pool of whichever database the store runs on. PostgreSQL's carries this process's turn
/// to write (see `Pool::begin_write`).
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool, WriteTurn),
}

/// A pool's connections at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub open: usize,
    pub idle: usize,
    pub max: usize,
}

/// One writer at a time in this process, before it takes a connection and waits on the
/// database's lock: waiting writers must not hold the connections readers need.
pub type WriteTurn = Arc<tokio::sync::Mutex<()>>;

/// How long a write waits for its turn (in this process, then on the database), as SQLite's
/// busy timeout waits for its lock.
const WRITE_WAIT: Duration = Duration::from_secs(5);

/// The PostgreSQL advisory lock that writing transactions take (`Pool::begin_write`): "Timeline"
/// in ASCII.
pub const WRITE_LOCK: i64 = 0x5469_6d65_6c69_6e65;

/// sqlx's pool options for either database, with the one check every pool needs: a pooled
/// connection that sqlx still counts as inside a transaction is closed, not handed out again.
/// That happens when the database ends a transaction itself: SQLite rolls a whole transaction
/// back on some full-disk and I/O errors (`SQLITE_FULL`), sqlx's own ROLLBACK then fails, and
/// its count stays up, so every later `BEGIN IMMEDIATE` on that connection would be refused
/// (the newsroom's writes failing for good on one connection in eight after a full disk).
/// The check reads a counter: no round trip.
pub fn pool_options<DB: sqlx::Database>() -> sqlx::pool::PoolOptions<DB> {
    sqlx::pool::PoolOptions::new().before_acquire(|conn: &mut DB::Connection, _| {
        use sqlx::Connection;
        let clean = !conn.is_in_transaction();
        Box::pin(async move { Ok(clean) })
    })
}

/// Which database, for the few spellings that differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// A JSON array (as text) holding, for each row of the group, the JSON array of `values`
    /// (SQL expressions), ordered by `order`; `[]` when the group is empty.
    pub fn json_rows(self, values: &str, order: &str) -> String {
        match self {
            Backend::Sqlite => format!("json_group_array(json_array({values}) ORDER BY {order})"),
            Backend::Postgres => format!(
                "COALESCE(json_agg(json_build_array({values}) ORDER BY {order}), '[]')::text"
            ),
        }
    }

    /// The group's `expr` values in order, joined by `separator` (an SQL string literal).
    pub fn joined(self, expr: &str, separator: &str) -> String {
        match self {
            Backend::Sqlite => format!("group_concat({expr}, {separator} ORDER BY {expr})"),
            Backend::Postgres => format!("string_agg({expr}, {separator} ORDER BY {expr})"),
        }
    }

    /// The `LIKE` that ignores letter case (SQLite's own `LIKE` folds ASCII letters; so does
    /// PostgreSQL's `ILIKE` under the "C" collation every text column has).
    pub fn like(self) -> &'static str {
        match self {
            Backend::Sqlite => "LIKE",
            Backend::Postgres => "ILIKE",
        }
    }

    /// The larger of two values (SQLite's two-argument `MAX`).
    pub fn greatest(self, a: &str, b: &str) -> String {
        match self {
            Backend::Sqlite => format!("MAX({a}, {b})"),
            Backend::Postgres => format!("GREATEST({a}, {b})"),
        }
    }

    /// The smaller of two values (SQLite's two-argument `MIN`).
    pub fn least(self, a: &str, b: &str) -> String {
        match self {
            Backend::Sqlite => format!("MIN({a}, {b})"),
            Backend::Postgres => format!("LEAST({a}, {b})"),
        }
    }

    /// `expr` as it sorts ignoring letter case.
    pub fn caseless(self, expr: &str) -> String {
        match self {
            Backend::Sqlite => format!("{expr} COLLATE NOCASE"),
            Backend::Postgres => format!("lower({expr})"),
        }
    }
}

impl Pool {
    pub fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(..) => Backend::Postgres,
        }
    }

    /// How many connections are open and idle now, and the most it opens (for `/metrics`).
    pub fn usage(&self) -> PoolUse {
        let (open, idle, max) = match self {
            Pool::Sqlite(p) => (p.size(), p.num_idle(), p.options().get_max_connections()),
            Pool::Postgres(p, _) => (p.size(), p.num_idle(), p.options().get_max_connections()),
        };
        PoolUse {
            open: open as usize,
            idle,
            max: max as usize,
        }
    }

    /// The pool of a PostgreSQL database.
    pub fn postgres(pool: PgPool) -> Self {
        Pool::Postgres(pool, WriteTurn::default())
    }

    /// One of the pool's connections, for several reads in a row: one checkout, and one of the
    /// pings sqlx sends down every connection that goes back to its pool, in place of one of
    /// each per query (a round trip to SQLite's thread or to PostgreSQL each; issue 12). Hold it
    /// only while reading: whatever waits meanwhile for a connection waits for it.
    pub async fn acquire(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Pool::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            Pool::Postgres(p, _) => Conn::Postgres(p.acquire().await?),
        })
    }

    /// A transaction that may take its time to write (SQLite: deferred).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(Tx::new(match self {
            Pool::Sqlite(p) => InTx::Sqlite(p.begin().await?),
            Pool::Postgres(p, _) => InTx::Postgres(p.begin().await?),
        }))
    }

    /// A transaction that writes. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`, see `Store::write_tx`). On PostgreSQL it takes this process's turn, then one
    /// advisory lock that every writing transaction of every server takes, so writes run one at
    /// a time there too: the store's checks (a stale version, a taken slug, a used link) read
    /// and then write, and rely on no other write slipping between. Readers never wait for it;
    /// a newsroom writes far too rarely for one writer at a time to be what limits it. Each
    /// wait gives up after five seconds, as SQLite's does.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Pool::Sqlite(p) => Ok(Tx::new(InTx::Sqlite(
                p.begin_with("BEGIN IMMEDIATE").await?,
            ))),
            Pool::Postgres(p, turn) => begin_postgres_write(p, turn).await,
        }
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p, _) => p.close().await,
        }
    }
}

/// An open transaction; queries run in it through `&mut *tx` (or `&mut **tx` from a
/// `&mut Tx`), as they would on sqlx's own transactions. Dropped without `commit`, it rolls back.
pub struct Tx {
    conn: InTx,
    /// This process's turn to write, held to the end (PostgreSQL writes only).
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

/// The connection of an open [`Tx`].
pub enum InTx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    fn new(conn: InTx) -> Self {
        Self { conn, _turn: None }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self.conn {
            InTx::Sqlite(t) => t.commit().await,
            InTx::Postgres(t) => t.commit().await,
        }
    }

    pub fn backend(&self) -> Backend {
        match self.conn {
            InTx::Sqlite(_) => Backend::Sqlite,
            InTx::Postgres(_) => Backend::Postgres,
        }
    }
}

impl Deref for Tx {
    type Target = InTx;
    fn deref(&self) -> &InTx {
        &self.conn
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut InTx {
        &mut self.conn
    }
}

/// A connection taken from a [`Pool`] ([`Pool::acquire`]); queries run on it through
/// `&mut conn`, and it goes back to the pool when dropped.
pub enum Conn {
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

/// Where a query runs: a pool, a connection taken from one, or an open transaction of either
/// database.
pub enum Target<'c> {
    SqlitePool(&'c SqlitePool),
    Sqlite(&'c mut SqliteConnection),
    PgPool(&'c PgPool, &'c WriteTurn),
    Postgres(&'c mut PgConnection),
}

/// What a query can run on: `&Pool`, `&mut Conn`, `&mut Tx` or `&mut InTx`.
pub trait Executor<'c> {
    fn target(self) -> Target<'c>;
}

impl<'c> Executor<'c> for &'c Pool {
    fn target(self) -> Target<'c> {
        match self {
            Pool::Sqlite(p) => Target::SqlitePool(p),
            Pool::Postgres(p, turn) => Target::PgPool(p, turn),
        }
    }
}

impl<'c> Executor<'c> for &'c mut Conn {
    fn target(self) -> Target<'c> {
        match self {
            Conn::Sqlite(c) => Target::Sqlite(&mut *c),
            Conn::Postgres(c) => Target::Postgres(&mut *c),
        }
    }
}

impl<'c> Executor<'c> for &'c mut InTx {
    fn target(self) -> Target<'c> {
        match self {
            InTx::Sqlite(t) => Target::Sqlite(&mut *t),
            InTx::Postgres(t) => Target::Postgres(&mut *t),
        }
    }
}

impl<'c> Executor<'c> for &'c mut Tx {
    fn target(self) -> Target<'c> {
        (&mut self.conn).target()
    }
}

/// A PostgreSQL writing transaction: this process's turn, then the database's write lock
/// (see `Pool::begin_write`).
async fn begin_postgres_write(pool: &PgPool, turn: &WriteTurn) -> Result<Tx, sqlx::Error> {
    let turn = tokio::time::timeout(WRITE_WAIT, turn.clone().lock_owned())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?;
    let mut tx = pool.begin().await?;
    sqlx::query("SET LOCAL lock_timeout = '5s'")
        .execute(&mut *tx)
        .await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(WRITE_LOCK)
        .execute(&mut *tx)
        .await?;
    Ok(Tx {
        conn: InTx::Postgres(tx),
        _turn: Some(turn),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite ends a whole transaction itself on some full-disk errors; here the same is done
    /// by hand on one of the pool's connections, behind sqlx's back. Every write after it still
    /// gets a working connection (before: one write in eight, the one given that connection,
    /// failed "attempted to call begin_with at non-zero transaction depth" until the server
    /// restarted). On PostgreSQL sqlx lowers its count when it sends the ROLLBACK, so the
    /// connection never goes wrong this way: there the test shows the check costs nothing.
    #[tokio::test]
    async fn a_connection_whose_transaction_the_database_ended_is_not_handed_out_again() {
        let (store, _dir) = super::super::fixtures::empty_store().await;
        macro_rules! end_one_behind_sqlx {
            ($pool:expr) => {{
                // Every connection the pool will give (PostgreSQL's keeps one back), so the
                // one broken below comes back into turn among them.
                let mut held = Vec::new();
                while let Ok(Ok(conn)) =
                    tokio::time::timeout(Duration::from_millis(500), $pool.acquire()).await
                {
                    held.push(conn);
                }
                assert!(held.len() > 1, "the pool gives several connections");
                use sqlx::Connection;
                let mut tx = held[0].begin().await.unwrap();
                sqlx::raw_sql("ROLLBACK").execute(&mut *tx).await.unwrap();
                drop(tx);
                held.len()
            }};
        }
        let connections = match store.pool() {
            Pool::Sqlite(p) => end_one_behind_sqlx!(p),
            Pool::Postgres(p, _) => end_one_behind_sqlx!(p),
        };
        for n in 0..connections * 2 {
            let mut tx = store
                .pool()
                .begin_write()
                .await
                .unwrap_or_else(|e| panic!("write {n} of {}: {e}", connections * 2));
            query("INSERT INTO site_secrets (name, value) VALUES (?1, 'x')")
                .bind(format!("t{n}"))
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
    }
}
