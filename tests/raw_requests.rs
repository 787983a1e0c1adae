//! Request targets as a hostile or clumsy client sends them, over a real socket: HTTP client
//! libraries would clean these up before sending (issue 11).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Serves the test app on an ephemeral port; the server lives as long as the test's runtime.
async fn serve(app: &common::TestApp) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service())
            .await
            .unwrap();
    });
    addr
}

/// Sends `request` as it is on a new connection and returns the head of the answer (status
/// line and headers), or "" when the server closed without answering.
async fn exchange(addr: std::net::SocketAddr, request: &[u8]) -> String {
    let mut conn = TcpStream::connect(addr).await.unwrap();
    conn.write_all(request).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 8192];
    let read = async {
        loop {
            match conn.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    got.extend_from_slice(&buf[..n]);
                    if got.windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .expect("an answer within 30 s");
    let text = String::from_utf8_lossy(&got).into_owned();
    text.split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_string()
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn get(target: &str) -> Vec<u8> {
    format!("GET {target} HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n\r\n").into_bytes()
}

#[tokio::test]
async fn no_redirect_points_off_site_whatever_the_path_holds() {
    let app = common::app().await;
    let addr = serve(&app).await;
    for target in [
        "/\\evil.example/",
        "/\\\\evil.example/",
        "//evil.example/",
        "/\\/evil.example/",
        "/%5Cevil.example/",
    ] {
        let head = exchange(addr, &get(target)).await;
        assert!(head.starts_with("HTTP/1.1 308"), "{target}: {head}");
        let to = header(&head, "location").unwrap_or_default();
        assert!(
            to.starts_with('/') && !to[1..].starts_with(['/', '\\']),
            "{target} redirects to {to:?}"
        );
        assert!(!to.contains('\\'), "{target} redirects to {to:?}");
    }
    // Non-ASCII bytes in the path come back percent-encoded.
    let head = exchange(
        addr,
        "GET /caf\u{e9}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".as_bytes(),
    )
    .await;
    if head.starts_with("HTTP/1.1 308") {
        let to = header(&head, "location").unwrap_or_default();
        assert_eq!(to, "/caf%C3%A9");
    } else {
        assert!(head.starts_with("HTTP/1.1 400"), "{head}");
    }
}

#[tokio::test]
async fn targets_without_a_path_get_400_and_the_server_goes_on() {
    let app = common::app().await;
    let addr = serve(&app).await;
    for request in [
        "CONNECT news.example:443 HTTP/1.1\r\nHost: news.example:443\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n\r\n",
    ] {
        let head = exchange(addr, request.as_bytes()).await;
        assert!(head.starts_with("HTTP/1.1 400"), "{request:?}: {head:?}");
    }
    // The absolute form is an ordinary request for its path.
    let head = exchange(addr, &get("http://news.example/category/world")).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let head = exchange(addr, &get("/")).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
}
