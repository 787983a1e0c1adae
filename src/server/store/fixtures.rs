//! Test fixtures for the store's unit tests: a fresh store with a small category tree and one
//! author, and articles to put in it.

use super::{NewArticle, NewCategory, Store};

/// The time the fixtures' articles are dated from.
pub const NOW: i64 = 1_790_000_000;

/// The database the store tests run on: an SQLite file in `dir`, or, when
/// `TIMELINES_TEST_BACKEND=postgres` (`make test` runs the tests both ways), a new database on
/// the PostgreSQL at `TIMELINES_TEST_POSTGRES` (`scripts/with-postgres.sh`).
pub async fn database_url(dir: &std::path::Path) -> String {
    if std::env::var("TIMELINES_TEST_BACKEND").as_deref() != Ok("postgres") {
        return format!("sqlite://{}/t.db", dir.display());
    }
    use sqlx::Executor;
    let server = std::env::var("TIMELINES_TEST_POSTGRES")
        .expect("TIMELINES_TEST_POSTGRES: run under scripts/with-postgres.sh");
    // The pid with the time of the process's first database: pids wrap during a `make test`
    // (see tests/common/postgres.rs), and the cluster keeps every pass's databases.
    static STARTED: std::sync::OnceLock<i128> = std::sync::OnceLock::new();
    let started = STARTED.get_or_init(|| crate::server::clock::now().unix_timestamp_nanos());
    let name = format!(
        "u_{}_{started}_{}",
        std::process::id(),
        NEXT_DATABASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let admin = sqlx::PgPool::connect(&server)
        .await
        .expect("the test PostgreSQL answers");
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create a test database");
    admin.close().await;
    let (base, _) = server.rsplit_once('/').expect("a database in the URL");
    format!("{base}/{name}")
}

static NEXT_DATABASE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A fresh store on the test database (see [`database_url`]).
pub async fn empty_store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&database_url(dir.path()).await).await.unwrap();
    (store, dir)
}

pub async fn store() -> (Store, tempfile::TempDir) {
    let (store, dir) = empty_store().await;
    for (parent, slug) in [
        (None, "world"),
        (Some("world"), "europe"),
        (None, "business"),
    ] {
        store
            .insert_category(NewCategory {
                parent_path: parent,
                slug,
                name: slug,
                description: "",
                position: 0,
            })
            .await
            .unwrap();
    }
    store.upsert_author("ann", "Ann Writer", "").await.unwrap();
    (store, dir)
}

pub fn article(slug: &str, title: &str, body: &str, age_days: i64) -> NewArticle {
    NewArticle {
        slug: slug.into(),
        title: title.into(),
        dek: String::new(),
        body_md: body.into(),
        lang: "en".into(),
        category_path: "world".into(),
        author_slug: "ann".into(),
        tags: vec![],
        published_at: NOW - age_days * 86_400,
        updated_at: 0,
        featured: false,
        editors_pick: false,
        views: 0,
        translation_key: None,
    }
}
