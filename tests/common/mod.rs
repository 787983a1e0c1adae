//! Shared set-up for integration tests: the real router over a fresh database (an SQLite file,
//! or PostgreSQL: see `database_url`) holding the demo newsroom.

pub mod demo_template;
pub mod log;
pub mod mail;
pub mod metrics;
pub mod newsroom;
pub mod postgres;
pub mod process;
pub mod raw_http;

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use timelines::server::config::Config;
use timelines::server::{http::router, AppState};
use tower::ServiceExt;

pub const PUBLIC_URL: &str = "https://news.example";

/// Leptos switches resource loading off for the whole process while it builds a router's
/// route list (leptos-rs/leptos#4773), so a page rendered by one test while another builds its
/// router could wait forever. Routers are built under the write lock, requests are served
/// under the read lock.
static ROUTER_LOCK: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// The hidden fields (name, value) of the first form matching `form_css` on the page at `path`:
/// what a reader's browser sends back with what they typed.
pub async fn hidden_fields(app: &TestApp, path: &str, form_css: &str) -> Vec<(String, String)> {
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    let doc = scraper::Html::parse_document(&page.body);
    let form = scraper::Selector::parse(form_css).unwrap();
    let hidden = scraper::Selector::parse("input[type=hidden]").unwrap();
    doc.select(&form)
        .next()
        .unwrap_or_else(|| panic!("{form_css} on {path}"))
        .select(&hidden)
        .map(|e| {
            let v = e.value();
            (
                v.attr("name").unwrap().to_string(),
                v.attr("value").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Another program holding the database's write lock (SQLite: an exclusive transaction;
/// PostgreSQL: the articles table locked against writers), until [`WritesLocked::release`].
/// Readers go on; a write waits for the busy or lock timeout (5 s), then fails.
pub enum WritesLocked {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl WritesLocked {
    pub async fn take(app: &TestApp) -> Self {
        use sqlx::{Connection, Executor};
        let url = &app.state.config.server.database_url;
        match app.state.store.backend() {
            timelines::server::store::db::Backend::Sqlite => {
                let mut other = sqlx::SqliteConnection::connect(url).await.unwrap();
                other.execute("BEGIN EXCLUSIVE").await.unwrap();
                Self::Sqlite(other)
            }
            timelines::server::store::db::Backend::Postgres => {
                let mut other = sqlx::PgConnection::connect(url).await.unwrap();
                other.execute("BEGIN").await.unwrap();
                other
                    .execute("LOCK TABLE articles IN EXCLUSIVE MODE")
                    .await
                    .unwrap();
                Self::Postgres(other)
            }
        }
    }

    pub async fn release(self) {
        use sqlx::{Connection, Executor};
        match self {
            Self::Sqlite(mut other) => {
                other.execute("ROLLBACK").await.unwrap();
                other.close().await.unwrap();
            }
            Self::Postgres(mut other) => {
                other.execute("ROLLBACK").await.unwrap();
                other.close().await.unwrap();
            }
        }
    }
}

pub struct TestApp {
    pub state: AppState,
    pub router: axum::Router,
    _dir: tempfile::TempDir,
}

pub async fn app() -> TestApp {
    app_with(|_| {}).await
}

/// The database an integration test runs on: an SQLite file in `dir`, or a new database on the
/// test PostgreSQL when `TIMELINES_TEST_BACKEND=postgres` (`make test` runs the suites both ways).
pub async fn database_url(dir: &std::path::Path) -> String {
    if postgres::chosen() {
        postgres::fresh_database().await
    } else {
        format!("sqlite://{}/test.db", dir.display())
    }
}

/// The database URL of a test whose `edit` did not choose one: a database of its own is made
/// after `edit` has said whether it wants the demo newsroom in it.
const DATABASE_OF_ITS_OWN: &str = "(a database of its own)";

/// The app over the shipped configuration with the test defaults, then `edit`, applied.
pub async fn app_with(edit: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::parse(include_str!("../../Leptos.toml")).expect("Leptos.toml");
    config.server.database_url = DATABASE_OF_ITS_OWN.into();
    config.site.public_url = PUBLIC_URL.into();
    config.media.dir = format!("{}/media", dir.path().display());
    // Mail goes to the SMTP test server when one runs (scripts/with-smtp.sh), else to files.
    config.mail.dir = format!("{}/mail", dir.path().display());
    if let Ok(smtp) = std::env::var("TIMELINES_TEST_SMTP") {
        config.mail.smtp_url = smtp;
    }
    edit(&mut config);
    if config.server.database_url == DATABASE_OF_ITS_OWN {
        config.server.database_url = if config.server.load_demo {
            demo_template::copy(dir.path()).await
        } else {
            database_url(dir.path()).await
        };
    }
    config.validate().expect("valid config");
    let state = AppState::open(config)
        .await
        .expect("store opens and loads the demo");
    let router = {
        let _building = ROUTER_LOCK.write().await;
        router::router(state.clone())
    };
    TestApp {
        state,
        router,
        _dir: dir,
    }
}

/// A plain English article in World by the demo's Anna Koval, published a minute ago; tests
/// change the fields they care about with `NewArticle { title: …, ..new_article("slug") }`.
pub fn new_article(slug: &str) -> timelines::server::store::NewArticle {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    timelines::server::store::NewArticle {
        slug: slug.into(),
        title: "A test article".into(),
        dek: "A dek".into(),
        body_md: "Body.".into(),
        lang: "en".into(),
        category_path: "world".into(),
        author_slug: "anna-koval".into(),
        tags: vec![],
        published_at: now - 60,
        updated_at: now - 60,
        featured: false,
        editors_pick: false,
        views: 0,
        translation_key: None,
    }
}

pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as sent (compressed bodies are not text).
    pub bytes: axum::body::Bytes,
}

impl TestApp {
    pub async fn request(&self, req: Request<Body>) -> Page {
        let _serving = ROUTER_LOCK.read().await;
        let res: Response<Body> = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    pub async fn get(&self, uri: &str) -> Page {
        self.request(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post_form(&self, uri: &str, form: &str) -> Page {
        self.request(
            Request::post(uri)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form.to_string()))
                .unwrap(),
        )
        .await
    }
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Asserts the body contains `needle`, showing a little of the page when it does not.
    #[track_caller]
    pub fn assert_has(&self, needle: &str) {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in the page ({} bytes): {}",
            self.body.len(),
            &self.body.chars().take(400).collect::<String>()
        );
    }
}
