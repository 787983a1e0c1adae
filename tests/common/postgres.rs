//! A database of its own on the PostgreSQL that `make test` starts (`scripts/with-postgres.sh`
//! exports its address as `TIMELINES_TEST_POSTGRES`, a superuser connection).

use sqlx::postgres::PgPoolOptions;
use sqlx::{Executor, PgPool};

/// Whether this run's tests are on PostgreSQL (`TIMELINES_TEST_BACKEND=postgres`: `make test`
/// runs the suites on SQLite files, then so).
pub fn chosen() -> bool {
    std::env::var("TIMELINES_TEST_BACKEND").as_deref() == Ok("postgres")
}

/// Where the test PostgreSQL is; a test that needs it fails, saying how to start one, when it
/// is not there (`make test` always starts one).
pub fn server_url() -> String {
    std::env::var("TIMELINES_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "TIMELINES_TEST_POSTGRES is not set: run the tests with `make test`, or with \
             `bash scripts/with-postgres.sh -- cargo test --features ssr`"
        )
    })
}

/// A new, empty database on the test server; its URL. Each test gets its own, so tests never
/// see one another's rows; the whole cluster goes when the tests end.
pub async fn fresh_database() -> String {
    create_database("").await
}

/// A new database on the test server copied from the database `template`; its URL.
pub async fn database_from_template(template: &str) -> String {
    create_database(&format!(" TEMPLATE {template}")).await
}

/// A new database made with `CREATE DATABASE <new name><options>`; its URL.
async fn create_database(options: &str) -> String {
    let server = server_url();
    let name = format!(
        "t_{}_{}",
        this_process(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect(&server)
        .await
        .expect("the test PostgreSQL answers");
    admin
        .execute(format!("CREATE DATABASE {name}{options}").as_str())
        .await
        .expect("create a test database");
    admin.close().await;
    let (base, _) = server.rsplit_once('/').expect("a database in the URL");
    format!("{base}/{name}")
}

/// A pool on a new, empty database.
pub async fn fresh_pool() -> PgPool {
    PgPoolOptions::new()
        .max_connections(4)
        .connect(&fresh_database().await)
        .await
        .expect("connect to the test database")
}

static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// This test process among all that use the cluster in one `make test`: its pid and the time
/// it made its first database. The pid alone is not enough: a run starts tens of thousands of
/// processes (compilers, build scripts, servers), pids wrap (pid_max is 32,768 here), and a
/// test binary of the PostgreSQL pass can get the pid of one of the SQLite pass, whose
/// databases are still there: its CREATE DATABASE then fails ("already exists").
fn this_process() -> String {
    static STARTED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STARTED
        .get_or_init(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            format!("{}_{nanos}", std::process::id())
        })
        .clone()
}
