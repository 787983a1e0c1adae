#![cfg(feature = "ssr")]
//! The real `timelines` binary killed with SIGKILL in the middle of a stream of publishes:
//! every publish it acknowledged (answered 303 with the article's address) is there, published
//! and whole, when the database is opened again, and the server starts again on it and serves
//! them. On the backend the suite runs on (an SQLite file, or PostgreSQL).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::newsroom::{csrf_in, form, PASSWORD};
use common::process::{answers, free_port, timelines};
use common::raw_http::{exchange, RawResponse};
use std::net::SocketAddr;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timelines::server::config::Config;
use timelines::server::newsroom::Role;
use timelines::server::store::{ArticleStatus, Store};
use timelines::server::AppState;
use tokio::net::TcpStream;

/// A request as the newsroom's own pages send it.
fn request(method: &str, path: &str, cookie: &str, body: &str) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: t\r\nSec-Fetch-Site: same-origin\r\n\
         Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn cookie_of(res: &RawResponse) -> String {
    let set = res.header("set-cookie").expect("a session cookie");
    set.split(';').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_stream_loses_no_publish_it_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::parse(include_str!("../Leptos.toml")).unwrap();
    config.server.database_url = common::database_url(dir.path()).await;
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    config.server.address = addr.to_string();
    config.site.public_url = format!("http://{addr}");
    config.media.dir = format!("{}/media", dir.path().display());
    // The demo newsroom and an editor, made before the server starts (so it draws no
    // pictures: this test is about the database).
    let world = {
        let state = AppState::open_for_command(config.clone()).await.unwrap();
        let staff = timelines::server::newsroom::users::add(
            &state.store,
            "ed@example.com",
            "Ed",
            Role::Editor,
            PASSWORD,
        )
        .await;
        staff.unwrap();
        let world = state.store.find_category("world").await.unwrap().unwrap();
        state.store.settle().await;
        state.store.pool().close().await;
        world.id.to_string()
    };

    let mut server = timelines(&config, addr, dir.path());
    answers(addr, "/readyz").await;
    let mut conn = TcpStream::connect(addr).await.unwrap();
    let signed_in = exchange(
        &mut conn,
        &request(
            "POST",
            "/newsroom/sign-in",
            "",
            &form(&[("email", "ed@example.com"), ("password", PASSWORD)]),
        ),
    )
    .await;
    assert_eq!(signed_in.status(), 303, "{}", signed_in.body);
    let cookie = cookie_of(&signed_in);
    let account = exchange(&mut conn, &request("GET", "/newsroom/account", &cookie, "")).await;
    let csrf = csrf_in(&account.body);

    // Publishes, one after another on one connection, each acknowledged or not.
    let acked = Arc::new(Mutex::new(Vec::<(i64, String)>::new()));
    let stream = tokio::spawn({
        let acked = acked.clone();
        async move {
            for i in 0.. {
                let title = format!("Dispatch number {i} from the harbour");
                let body = form(&[
                    ("csrf", &csrf),
                    ("category", &world),
                    ("action", "publish"),
                    ("title", &title),
                    ("dek", "Word from the quay."),
                    ("body", "The cranes are back.\n\nWork starts on Monday."),
                    ("lang", "en"),
                    ("tags", "Ports"),
                ]);
                let req = request("POST", "/newsroom/articles", &cookie, &body);
                common::raw_http::send(&mut conn, req.as_bytes()).await;
                let res = match common::raw_http::next_response(&mut conn, Duration::from_secs(30))
                    .await
                {
                    common::raw_http::Outcome::Response(res) => res,
                    _ => return, // killed: this one was never acknowledged
                };
                assert_eq!(res.status(), 303, "{}", res.body);
                let id = res
                    .header("location")
                    .and_then(|l| l.strip_prefix("/newsroom/articles/"))
                    .and_then(|l| l.split('?').next())
                    .and_then(|id| id.parse().ok())
                    .expect("the saved article's address");
                acked.lock().unwrap().push((id, title));
            }
        }
    });
    let start = Instant::now();
    while acked.lock().unwrap().len() < 12 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "publishes too slow"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.0.kill().expect("SIGKILL");
    server.0.wait().unwrap();
    stream.await.unwrap();
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 12);

    // Every acknowledged publish is stored, published and whole.
    let store = Store::open(&config.server.database_url).await.unwrap();
    for (id, title) in &acked {
        let a = store.editable_article(*id).await.unwrap();
        let a = a.unwrap_or_else(|| panic!("article {id} ({title}) was lost"));
        assert_eq!(&a.fields.title, title);
        assert_eq!(a.status, ArticleStatus::Published, "{title}");
        assert_eq!(a.fields.tags, vec!["Ports".to_string()], "{title}");
    }
    store.settle().await;
    store.pool().close().await;

    // The server starts again on that database and serves them.
    let again = timelines(&config, addr, dir.path());
    answers(addr, "/readyz").await;
    let (last_id, last_title) = acked.last().unwrap();
    let path = {
        let store = Store::open(&config.server.database_url).await.unwrap();
        let a = store.editable_article(*last_id).await.unwrap().unwrap();
        timelines::urls::article(&a.fields.slug, a.published_at.unwrap())
    };
    let mut conn = TcpStream::connect(addr).await.unwrap();
    let page = exchange(
        &mut conn,
        &format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert_eq!(page.status(), 200, "{path}");
    assert!(page.body.contains(last_title.as_str()), "{path}");
    drop(again);
}
