#![cfg(feature = "ssr")]
//! Connections through the server's own accept loop (`serve_on`), over raw sockets with
//! timeouts of about a second: silent and slow clients are closed, idle kept-alive connections
//! too, a request being answered is never cut, slow bodies get 408, the connection cap holds,
//! oversized headers are refused, and shutting down lets the requests being answered finish.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::extract::ConnectInfo;
use axum::routing::get;
use common::raw_http::{
    self, closed_within, exchange, limits, next_response, send, Outcome, Served, PATIENCE,
};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use timelines::server::config::Config;
use timelines::server::http::serve::Limits;
use tokio::net::TcpStream;
use tokio::sync::Notify;

const GET_HEALTH: &str = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
/// How long the `/slow` route takes to answer: longer than the timeouts of these tests.
const SLOW: Duration = Duration::from_millis(2_500);

struct Site {
    served: Served,
    /// Told each time `/slow` starts answering.
    slow_started: Arc<Notify>,
    _app: common::TestApp,
}

/// The portal with `/slow` (answers "done" after [`SLOW`]) and `/peer` (the client's address
/// as the handler sees it), served with `limits`.
async fn site_with(limits: Limits, edit: impl FnOnce(&mut Config)) -> Site {
    let app = common::app_with(edit).await;
    let slow_started = Arc::new(Notify::new());
    let started = slow_started.clone();
    let router = app
        .router
        .clone()
        .route(
            "/slow",
            get(move || {
                started.notify_one();
                async {
                    tokio::time::sleep(SLOW).await;
                    "done"
                }
            }),
        )
        .route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.ip().to_string() }),
        );
    Site {
        served: raw_http::serve(router, limits).await,
        slow_started,
        _app: app,
    }
}

async fn site(limits: Limits) -> Site {
    site_with(limits, |_| {}).await
}

/// Sends `bytes` one at a time, `every` apart, until the server answers or closes; StillOpen
/// if it did neither once all were sent.
async fn trickle(stream: &mut TcpStream, bytes: &[u8], every: Duration) -> Outcome {
    for byte in bytes {
        send(stream, std::slice::from_ref(byte)).await;
        match next_response(stream, every).await {
            Outcome::StillOpen(_) => {}
            done => return done,
        }
    }
    next_response(stream, Duration::ZERO).await
}

/// A request head that never ends: one more header byte at a time, for longer than
/// [`PATIENCE`] at 100 ms a byte.
fn endless_head() -> Vec<u8> {
    let mut head = b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ".to_vec();
    head.extend(std::iter::repeat_n(b'a', 200));
    head
}

fn headers_of(bytes: usize) -> String {
    format!(
        "GET /healthz HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n",
        "a".repeat(bytes)
    )
}

#[tokio::test]
async fn a_connection_that_never_sends_anything_is_closed_after_the_header_timeout() {
    let site = site(Limits {
        keep_alive_timeout: Duration::from_secs(60),
        ..limits(1.0)
    })
    .await;
    let mut silent = site.served.connect().await;
    assert!(closed_within(&mut silent, PATIENCE).await);
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_are_cut_off_after_the_header_timeout() {
    let site = site(limits(1.0)).await;
    let mut slowloris = site.served.connect().await;
    let outcome = trickle(&mut slowloris, &endless_head(), Duration::from_millis(100)).await;
    assert!(matches!(outcome, Outcome::Closed(_)), "{outcome:?}");
}

#[tokio::test]
async fn the_next_request_on_a_kept_alive_connection_has_the_header_timeout_too() {
    // Idle, the connection could wait a minute; once its next request begins, a second.
    let site = site(Limits {
        keep_alive_timeout: Duration::from_secs(60),
        ..limits(1.0)
    })
    .await;
    let mut conn = site.served.connect().await;
    assert_eq!(exchange(&mut conn, GET_HEALTH).await.status(), 200);
    let outcome = trickle(&mut conn, &endless_head(), Duration::from_millis(100)).await;
    assert!(matches!(outcome, Outcome::Closed(_)), "{outcome:?}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_keep_alive_timeout() {
    let site = site(Limits {
        header_read_timeout: Duration::from_secs(60),
        ..limits(1.0)
    })
    .await;
    let mut conn = site.served.connect().await;
    let res = exchange(&mut conn, GET_HEALTH).await;
    assert_eq!((res.status(), res.body.as_str()), (200, "ok"));
    assert!(closed_within(&mut conn, PATIENCE).await);
}

#[tokio::test]
async fn a_request_being_answered_is_not_cut_by_the_connection_timeouts() {
    let site = site(limits(1.0)).await;
    let mut conn = site.served.connect().await;
    let res = exchange(&mut conn, "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n").await;
    assert_eq!((res.status(), res.body.as_str()), (200, "done"));
    // Still kept alive for the next request.
    assert_eq!(exchange(&mut conn, GET_HEALTH).await.status(), 200);
}

#[tokio::test]
async fn a_body_sent_slowly_but_within_its_timeout_is_answered() {
    let site = site(limits(1.0)).await;
    let mut conn = site.served.connect().await;
    let body = b"email=not-an-address";
    send(
        &mut conn,
        format!(
            "POST /subscribe HTTP/1.1\r\nHost: t\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    )
    .await;
    // About two seconds for the body: more than the header and keep-alive timeouts, well
    // within the body's 30 seconds.
    let outcome = trickle(&mut conn, body, Duration::from_millis(100)).await;
    let Outcome::Response(res) = outcome else {
        panic!("expected an answer, got {outcome:?}");
    };
    assert!(res.status() != 408 && res.status() != 0, "{res:?}");
}

#[tokio::test]
async fn a_body_that_arrives_too_slowly_is_answered_408_and_its_connection_closed() {
    let site = site_with(limits(30.0), |c| c.server.request_body_timeout_seconds = 1).await;
    let mut conn = site.served.connect().await;
    send(
        &mut conn,
        b"POST /subscribe HTTP/1.1\r\nHost: t\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 400\r\n\r\nemail=",
    )
    .await;
    let outcome = trickle(&mut conn, &[b'a'; 394], Duration::from_millis(100)).await;
    let Outcome::Response(res) = outcome else {
        panic!("expected 408, got {outcome:?}");
    };
    assert_eq!(res.status(), 408, "{res:?}");
    assert_eq!(res.header("connection"), Some("close"));
    assert_eq!(res.header("cache-control"), Some("no-store"));
    assert!(closed_within(&mut conn, PATIENCE).await);
}

#[tokio::test]
async fn connections_over_the_cap_wait_until_one_closes() {
    let site = site(Limits {
        max_connections: 3,
        ..limits(60.0)
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut conn = site.served.connect().await;
        assert_eq!(exchange(&mut conn, GET_HEALTH).await.status(), 200);
        held.push(conn);
    }
    let mut fourth = site.served.connect().await;
    send(&mut fourth, GET_HEALTH.as_bytes()).await;
    let waiting = next_response(&mut fourth, Duration::from_secs(1)).await;
    assert!(
        matches!(&waiting, Outcome::StillOpen(seen) if seen.is_empty()),
        "the fourth connection was served while three were open: {waiting:?}"
    );
    drop(held.pop());
    match next_response(&mut fourth, PATIENCE).await {
        Outcome::Response(res) => assert_eq!(res.status(), 200),
        other => panic!("the fourth connection was not served once one closed: {other:?}"),
    }
}

#[tokio::test]
async fn headers_over_the_limit_are_refused() {
    let site = site(limits(30.0)).await;
    let mut within = site.served.connect().await;
    assert_eq!(
        exchange(&mut within, &headers_of(12 * 1024)).await.status(),
        200
    );
    let mut over = site.served.connect().await;
    send(&mut over, headers_of(40 * 1024).as_bytes()).await;
    match next_response(&mut over, PATIENCE).await {
        Outcome::Response(res) => assert_eq!(res.status(), 431, "{res:?}"),
        Outcome::Closed(_) => {}
        Outcome::StillOpen(seen) => panic!("neither refused nor closed: {seen:?}"),
    }
}

#[tokio::test]
async fn handlers_see_the_client_address() {
    let site = site(limits(30.0)).await;
    let mut conn = site.served.connect().await;
    let res = exchange(&mut conn, "GET /peer HTTP/1.1\r\nHost: t\r\n\r\n").await;
    assert_eq!((res.status(), res.body.as_str()), (200, "127.0.0.1"));
}

#[tokio::test]
async fn shutting_down_finishes_the_request_being_answered_then_stops() {
    let mut site = site(limits(30.0)).await;
    let mut idle = site.served.connect().await;
    assert_eq!(exchange(&mut idle, GET_HEALTH).await.status(), 200);
    let mut busy = site.served.connect().await;
    let started = site.slow_started.notified();
    send(&mut busy, b"GET /slow HTTP/1.1\r\nHost: t\r\n\r\n").await;
    tokio::time::timeout(PATIENCE, started)
        .await
        .expect("/slow started");

    let stopped = site.served.shut_down();
    match next_response(&mut busy, PATIENCE).await {
        Outcome::Response(res) => assert_eq!((res.status(), res.body.as_str()), (200, "done")),
        other => panic!("the request being answered was cut: {other:?}"),
    }
    assert!(closed_within(&mut idle, PATIENCE).await);
    tokio::time::timeout(PATIENCE, stopped)
        .await
        .expect("serve_on returned")
        .unwrap();
    assert!(TcpStream::connect(site.served.addr).await.is_err());
}
