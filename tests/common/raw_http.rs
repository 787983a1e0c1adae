//! The real server on an ephemeral port, and HTTP/1.1 spoken by hand over raw sockets: clients
//! that misbehave (slow, silent, oversized) in ways an HTTP client library would not.

use std::net::SocketAddr;
use std::time::Duration;
use timelines::server::http::serve::{serve_on, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// How long a test waits for something that should happen before it calls it a failure:
/// generous, since the machine may be busy; tests never assert how fast things happen.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Limits with every timeout at `seconds` and room for 100 connections of 16 KiB heads.
pub fn limits(seconds: f64) -> Limits {
    Limits {
        header_read_timeout: Duration::from_secs_f64(seconds),
        keep_alive_timeout: Duration::from_secs_f64(seconds),
        max_connections: 100,
        max_header_bytes: 16 * 1024,
    }
}

/// `router` served by the portal's own accept loop on 127.0.0.1, port chosen by the system.
pub struct Served {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

pub async fn serve(router: axum::Router, limits: Limits) -> Served {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve_on(listener, router, limits, async move {
        let _ = stopped.await;
    }));
    Served {
        addr,
        stop: Some(stop),
        task,
    }
}

impl Served {
    pub async fn connect(&self) -> TcpStream {
        TcpStream::connect(self.addr).await.expect("connect")
    }

    /// Asks the server to shut down, as SIGTERM does; returns what waits for it to finish.
    pub fn shut_down(&mut self) -> &mut JoinHandle<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        &mut self.task
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A response as read off the wire.
#[derive(Debug)]
pub struct RawResponse {
    pub status_line: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl RawResponse {
    pub fn status(&self) -> u16 {
        self.status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What came of waiting on a connection.
#[derive(Debug)]
pub enum Outcome {
    Response(RawResponse),
    /// Closed (or reset) by the server, with what it had sent before, if anything.
    Closed(Vec<u8>),
    /// Still open, nothing complete, after the wait.
    StillOpen(Vec<u8>),
}

/// Writes `bytes`, ignoring a connection the server has already closed (what it sent is read
/// next).
pub async fn send(stream: &mut TcpStream, bytes: &[u8]) {
    let _ = stream.write_all(bytes).await;
}

/// Reads one response (its body by `Content-Length` or chunked), or sees the connection
/// close, within `wait`.
pub async fn next_response(stream: &mut TcpStream, wait: Duration) -> Outcome {
    let mut seen = Vec::new();
    let read = async {
        let mut chunk = [0_u8; 8192];
        loop {
            if let Some(res) = parse(&seen) {
                return Some(res);
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => seen.extend_from_slice(&chunk[..n]),
            }
        }
    };
    match tokio::time::timeout(wait, read).await {
        Ok(Some(res)) => Outcome::Response(res),
        Ok(None) => Outcome::Closed(seen),
        Err(_) => Outcome::StillOpen(seen),
    }
}

/// Sends `request` and reads its response, which must come within [`PATIENCE`].
pub async fn exchange(stream: &mut TcpStream, request: &str) -> RawResponse {
    send(stream, request.as_bytes()).await;
    match next_response(stream, PATIENCE).await {
        Outcome::Response(res) => res,
        other => panic!("expected a response to {request:?}, got {other:?}"),
    }
}

/// Whether the server closes the connection within `wait`, reading (and dropping) whatever
/// it sends meanwhile.
pub async fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut chunk = [0_u8; 8192];
    tokio::time::timeout(wait, async {
        loop {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

/// A complete response at the start of `bytes`, if there is one.
fn parse(bytes: &[u8]) -> Option<RawResponse> {
    let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..head_end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &bytes[head_end + 4..];
    let find = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let body = if let Some(len) = find("content-length") {
        let len: usize = len.parse().ok()?;
        rest.get(..len)?.to_vec()
    } else if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        dechunk(rest)?
    } else {
        Vec::new()
    };
    Some(RawResponse {
        status_line,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// A whole chunked body, or None while it is incomplete.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = String::from_utf8_lossy(&rest[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return rest.starts_with(b"\r\n").then_some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}
