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

use sqlx::postgres::{PgConnection, PgPool, PgRow};
use sqlx::sqlite::{SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{Decode, FromRow, Postgres, Sqlite, Type};
use std::borrow::Cow;
use std::fmt::{Display, Write};
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;
use std::time::Duration;

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

/// Where a query runs: a pool or an open transaction of either database.
pub enum Target<'c> {
    SqlitePool(&'c SqlitePool),
    Sqlite(&'c mut SqliteConnection),
    PgPool(&'c PgPool, &'c WriteTurn),
    Postgres(&'c mut PgConnection),
}

/// What a query can run on: `&Pool`, `&mut Tx` or `&mut InTx`.
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

/// One argument of a query, as both databases take it.
#[derive(Clone, Debug)]
pub enum Arg<'q> {
    Int(i64),
    Float(f64),
    Text(Cow<'q, str>),
    /// A NULL where an integer goes (PostgreSQL types its parameters).
    NullInt,
    /// A NULL where text goes.
    NullText,
}

/// A value that can be bound to a query.
pub trait Bind<'q> {
    fn arg(self) -> Arg<'q>;
}

/// A bindable type's NULL, for `Option`s.
pub trait Nullable {
    const NULL: Arg<'static>;
}

macro_rules! bind_int {
    ($($t:ty),*) => {$(
        impl<'q> Bind<'q> for $t {
            fn arg(self) -> Arg<'q> {
                Arg::Int(self as i64)
            }
        }
        impl Nullable for $t {
            const NULL: Arg<'static> = Arg::NullInt;
        }
    )*};
}
bind_int!(i64, i32, u32, u16, u8);

impl<'q> Bind<'q> for Arg<'q> {
    fn arg(self) -> Arg<'q> {
        self
    }
}

impl<'q> Bind<'q> for bool {
    fn arg(self) -> Arg<'q> {
        Arg::Int(i64::from(self))
    }
}

impl Nullable for bool {
    const NULL: Arg<'static> = Arg::NullInt;
}

impl<'q> Bind<'q> for f64 {
    fn arg(self) -> Arg<'q> {
        Arg::Float(self)
    }
}

impl<'q> Bind<'q> for &'q str {
    fn arg(self) -> Arg<'q> {
        Arg::Text(Cow::Borrowed(self))
    }
}

impl<'q> Bind<'q> for &'q String {
    fn arg(self) -> Arg<'q> {
        Arg::Text(Cow::Borrowed(self))
    }
}

impl<'q> Bind<'q> for String {
    fn arg(self) -> Arg<'q> {
        Arg::Text(Cow::Owned(self))
    }
}

impl<'q> Bind<'q> for Cow<'q, str> {
    fn arg(self) -> Arg<'q> {
        Arg::Text(self)
    }
}

impl Nullable for &str {
    const NULL: Arg<'static> = Arg::NullText;
}

impl Nullable for &String {
    const NULL: Arg<'static> = Arg::NullText;
}

impl Nullable for String {
    const NULL: Arg<'static> = Arg::NullText;
}

impl<'q> Bind<'q> for &'q Option<String> {
    fn arg(self) -> Arg<'q> {
        self.as_deref().arg()
    }
}

impl<'q, T: Bind<'q> + Nullable> Bind<'q> for Option<T> {
    fn arg(self) -> Arg<'q> {
        match self {
            Some(v) => v.arg(),
            None => T::NULL,
        }
    }
}

/// A query that returns no rows (run with `execute`).
pub struct Plain;
/// A query whose rows decode into `O` (`FromRow`).
pub struct As<O>(PhantomData<fn() -> O>);
/// A query whose rows' first column decodes into `O`.
pub struct Scalar<O>(PhantomData<fn() -> O>);

/// SQL and its arguments, not yet run.
pub struct Query<'q, K> {
    sql: Cow<'q, str>,
    args: Vec<Arg<'q>>,
    kind: PhantomData<K>,
}

pub fn query(sql: &str) -> Query<'_, Plain> {
    Query::new(Cow::Borrowed(sql))
}

pub fn query_as<O>(sql: &str) -> Query<'_, As<O>> {
    Query::new(Cow::Borrowed(sql))
}

pub fn query_scalar<O>(sql: &str) -> Query<'_, Scalar<O>> {
    Query::new(Cow::Borrowed(sql))
}

/// What `execute` reports.
#[derive(Clone, Copy, Debug)]
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

impl<'q, K> Query<'q, K> {
    fn new(sql: Cow<'q, str>) -> Self {
        Self {
            sql,
            args: Vec::new(),
            kind: PhantomData,
        }
    }

    pub fn bind(mut self, value: impl Bind<'q>) -> Self {
        self.args.push(value.arg());
        self
    }
}

/// Binds every argument of `args` to the sqlx query `q`.
macro_rules! bind_args {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for arg in $args {
            q = match arg {
                Arg::Int(v) => q.bind(*v),
                Arg::Float(v) => q.bind(*v),
                Arg::Text(s) => q.bind(s.as_ref()),
                Arg::NullInt => q.bind(None::<i64>),
                Arg::NullText => q.bind(None::<&str>),
            };
        }
        q
    }};
}

/// Runs `query` on the executor `ex`: `make` builds the sqlx query from `sql` for the database
/// `Db`, `finish` is the sqlx method that runs it, `after` maps its result.
macro_rules! run {
    ($query:expr, $target:expr, |$sql:ident, $db:ident| $make:expr, $finish:ident, $after:expr, $nul:expr) => {{
        let query = $query;
        let args = &query.args;
        let target = $target;
        if matches!(target, Target::PgPool(..) | Target::Postgres(_)) && holds_nul(args) {
            // A read with such text finds nothing; anything else is refused.
            return if reads_only(&query.sql) {
                $nul
            } else {
                Err(nul_refused())
            };
        }
        match target {
            Target::SqlitePool(p) => {
                type $db = Sqlite;
                let $sql: &str = &query.sql;
                bind_args!($make, args).$finish(p).await.map($after)
            }
            Target::Sqlite(c) => {
                type $db = Sqlite;
                let $sql: &str = &query.sql;
                bind_args!($make, args).$finish(&mut *c).await.map($after)
            }
            Target::PgPool(p, _) => {
                type $db = Postgres;
                let numbered = postgres_sql(&query.sql);
                let $sql: &str = &numbered;
                bind_args!($make, args).$finish(p).await.map($after)
            }
            Target::Postgres(c) => {
                type $db = Postgres;
                let numbered = postgres_sql(&query.sql);
                let $sql: &str = &numbered;
                bind_args!($make, args).$finish(&mut *c).await.map($after)
            }
        }
    }};
}

impl Query<'_, Plain> {
    /// Runs the statement. On PostgreSQL, one run on the pool (not in a transaction) writes in
    /// a writing transaction of its own, so that it waits its turn as every write does.
    pub async fn execute<'c>(self, ex: impl Executor<'c>) -> Result<Done, sqlx::Error> {
        match ex.target() {
            Target::PgPool(pool, turn) => {
                let mut tx = begin_postgres_write(pool, turn).await?;
                let done = self.execute_on((&mut tx).target()).await?;
                tx.commit().await?;
                Ok(done)
            }
            target => self.execute_on(target).await,
        }
    }

    async fn execute_on(self, target: Target<'_>) -> Result<Done, sqlx::Error> {
        run!(
            self,
            target,
            |sql, Db| sqlx::query::<Db>(sql),
            execute,
            |r| {
                Done {
                    rows_affected: r.rows_affected(),
                }
            },
            Err(nul_refused())
        )
    }
}

/// A row type both databases can decode.
pub trait Row: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> {}
impl<O> Row for O where O: Send + Unpin + for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow>
{}

/// A column value both databases can decode.
pub trait Value:
    Send
    + Unpin
    + for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
{
}
impl<O> Value for O where
    O: Send
        + Unpin
        + for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
{
}

/// A query kind's three ways of fetching (`As` rows, `Scalar` values): `make` is the sqlx
/// function that builds it.
macro_rules! fetchers {
    ($kind:ident, $bound:ident, $make:ident) => {
        impl<O: $bound> Query<'_, $kind<O>> {
            pub async fn fetch_all<'c>(self, ex: impl Executor<'c>) -> Result<Vec<O>, sqlx::Error> {
                let nothing = Ok(Vec::new());
                run!(
                    self,
                    ex.target(),
                    |sql, Db| sqlx::$make::<Db, O>(sql),
                    fetch_all,
                    |r| r,
                    nothing
                )
            }

            pub async fn fetch_one<'c>(self, ex: impl Executor<'c>) -> Result<O, sqlx::Error> {
                let nothing = Err(sqlx::Error::RowNotFound);
                run!(
                    self,
                    ex.target(),
                    |sql, Db| sqlx::$make::<Db, O>(sql),
                    fetch_one,
                    |r| r,
                    nothing
                )
            }

            pub async fn fetch_optional<'c>(
                self,
                ex: impl Executor<'c>,
            ) -> Result<Option<O>, sqlx::Error> {
                let nothing = Ok(None);
                run!(
                    self,
                    ex.target(),
                    |sql, Db| sqlx::$make::<Db, O>(sql),
                    fetch_optional,
                    |r| r,
                    nothing
                )
            }
        }
    };
}
fetchers!(As, Row, query_as);
fetchers!(Scalar, Value, query_scalar);

/// SQL put together piece by piece, its arguments bound as it grows (`push_bind` writes the
/// next numbered placeholder).
#[derive(Default)]
pub struct QueryBuilder<'q> {
    sql: String,
    args: Vec<Arg<'q>>,
}

impl<'q> QueryBuilder<'q> {
    pub fn new(sql: impl Into<String>) -> Self {
        Self {
            sql: sql.into(),
            args: Vec::new(),
        }
    }

    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        let _ = write!(self.sql, "{sql}");
        self
    }

    pub fn push_bind(&mut self, value: impl Bind<'q>) -> &mut Self {
        self.args.push(value.arg());
        let _ = write!(self.sql, "?{}", self.args.len());
        self
    }

    /// Pieces with `separator` between them.
    pub fn separated<'b>(&'b mut self, separator: &'b str) -> Separated<'b, 'q> {
        Separated {
            builder: self,
            separator,
            first: true,
        }
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    fn take<K>(&mut self) -> Query<'q, K> {
        Query {
            sql: Cow::Owned(std::mem::take(&mut self.sql)),
            args: std::mem::take(&mut self.args),
            kind: PhantomData,
        }
    }

    pub fn build(&mut self) -> Query<'q, Plain> {
        self.take()
    }

    pub fn build_query_as<O>(&mut self) -> Query<'q, As<O>> {
        self.take()
    }

    pub fn build_query_scalar<O>(&mut self) -> Query<'q, Scalar<O>> {
        self.take()
    }
}

/// See [`QueryBuilder::separated`].
pub struct Separated<'b, 'q> {
    builder: &'b mut QueryBuilder<'q>,
    separator: &'b str,
    first: bool,
}

impl<'q> Separated<'_, 'q> {
    fn separate(&mut self) {
        if !self.first {
            self.builder.sql.push_str(self.separator);
        }
        self.first = false;
    }

    pub fn push(&mut self, sql: impl Display) -> &mut Self {
        self.separate();
        self.builder.push(sql);
        self
    }

    pub fn push_bind(&mut self, value: impl Bind<'q>) -> &mut Self {
        self.separate();
        self.builder.push_bind(value);
        self
    }

    pub fn push_unseparated(&mut self, sql: impl Display) -> &mut Self {
        self.builder.push(sql);
        self
    }
}

/// Whether `sql` only reads (so that text no row can hold finds nothing rather than failing).
fn reads_only(sql: &str) -> bool {
    let head = sql.trim_start();
    ["SELECT", "WITH"].iter().any(|k| {
        head.get(..k.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(k))
    }) && !sql.contains("RETURNING")
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

/// Whether a text argument holds U+0000, which PostgreSQL's text cannot hold. No stored text
/// equals such an argument, so a query reading with one finds nothing (a reader's address
/// with `%00` is a 404, as on SQLite), and a write with one is refused ([`nul_refused`]).
fn holds_nul(args: &[Arg<'_>]) -> bool {
    args.iter()
        .any(|a| matches!(a, Arg::Text(t) if t.contains('\0')))
}

/// The error of a write whose text holds U+0000 (see [`holds_nul`]).
pub fn nul_refused() -> sqlx::Error {
    sqlx::Error::Encode(NUL_REFUSED.into())
}

/// The message of [`nul_refused`], safe to show.
pub const NUL_REFUSED: &str = "Text cannot hold the NUL character (U+0000).";

/// `?N` as `$N`, outside quoted strings and identifiers.
fn postgres_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => quote = Some(c),
            (None, '?') if chars.peek().is_some_and(|d| d.is_ascii_digit()) => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
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

    #[test]
    fn placeholders_are_numbered_for_postgres_outside_quotes() {
        assert_eq!(
            postgres_sql("SELECT ?2 - ?1, '?3', \"a?4\" FROM t WHERE x = ?10"),
            "SELECT $2 - $1, '?3', \"a?4\" FROM t WHERE x = $10"
        );
    }

    #[test]
    fn a_builder_numbers_its_arguments() {
        let mut q = QueryBuilder::new("SELECT 1 WHERE a = ");
        q.push_bind(5i64).push(" AND b IN (");
        let mut list = q.separated(", ");
        list.push_bind("x").push_bind("y");
        q.push(")");
        assert_eq!(q.sql(), "SELECT 1 WHERE a = ?1 AND b IN (?2, ?3)");
        let built = q.build();
        assert_eq!(built.args.len(), 3);
    }
}
