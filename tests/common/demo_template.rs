//! A database holding the demo newsroom, copied for each test instead of loaded again.
//!
//! Loading the demo (migrations, 69 articles rendered and indexed, pages, menus) took about two
//! seconds of a debug build's time for every test app, most of each suite's time and twice over
//! in `make test` (SQLite, then PostgreSQL). Each test process loads it once, into a template:
//! on SQLite the folded database file, kept in memory and written out for each test; on
//! PostgreSQL a database that each test's is created from (`CREATE DATABASE … TEMPLATE`). What
//! a test gets is what `AppState::open` makes of an empty database; the demo's dates are those of
//! the template's loading, as they would be on a server started that long ago.

use super::postgres;
use timelines::server::store::Store;
use tokio::sync::OnceCell;

/// The URL of a new database holding the demo newsroom, for a test whose files are in `dir`.
pub async fn copy(dir: &std::path::Path) -> String {
    if postgres::chosen() {
        postgres::database_from_template(POSTGRES.get_or_init(postgres_template).await).await
    } else {
        let path = dir.join("test.db");
        std::fs::write(&path, SQLITE.get_or_init(sqlite_template).await)
            .expect("write the test database");
        format!("sqlite://{}", path.display())
    }
}

static SQLITE: OnceCell<Vec<u8>> = OnceCell::const_new();
static POSTGRES: OnceCell<String> = OnceCell::const_new();

/// The demo newsroom loaded into a new store at `url`, closed with everything in its main file.
async fn load_and_close(url: &str) {
    let store = Store::open(url).await.expect("the template store opens");
    timelines::server::demo::load(&store, timelines::server::clock::now())
        .await
        .expect("the demo newsroom loads");
    // The notices of change still being sent (PostgreSQL) go before the pool does.
    store.settle().await;
    store
        .close_folded()
        .await
        .expect("the template store closes");
}

/// The bytes of an SQLite database file holding the demo newsroom.
async fn sqlite_template() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("template.db");
    load_and_close(&format!("sqlite://{}", path.display())).await;
    std::fs::read(&path).expect("read the template database")
}

/// The name of a PostgreSQL database holding the demo newsroom, with no connection left to it
/// (PostgreSQL copies a database only while nobody is connected to it).
async fn postgres_template() -> String {
    let url = postgres::fresh_database().await;
    load_and_close(&url).await;
    url.rsplit_once('/')
        .expect("a database in the URL")
        .1
        .to_string()
}
