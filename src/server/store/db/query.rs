//! The query surface the store's methods are written against, shaped like sqlx's own
//! (`query`, `query_as`, `query_scalar`, `QueryBuilder`): a query keeps its SQL (SQLite's form,
//! numbered placeholders) and its arguments until it runs; the executor it runs on (`db.rs`)
//! picks the driver, and the placeholders are written as that database wants them here
//! (`postgres_sql`).
//!
//! Over 400 lines: each argument type's binding and each kind of query's run on both drivers;
//! apart, either half would need the other's private types.

use super::{begin_postgres_write, Executor, Target};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Decode, FromRow, Postgres, Sqlite, Type};
use std::borrow::Cow;
use std::fmt::{Display, Write};
use std::marker::PhantomData;

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
