//! The server's own accept loop: every connection is timed and their number is capped, which
//! `axum::serve` does not do (it sets no timer at all).
//!
//! - At most [`Limits::max_connections`] connections are served at once. Over the cap the loop
//!   stops accepting, so new connections wait in the kernel's listen backlog (their handshake
//!   done, nothing read) and are served in turn as others close; when the backlog is full the
//!   kernel drops new handshakes and clients retry. Waiting keeps a burst of readers served a
//!   little late instead of refused, and costs the server nothing for each one waiting.
//! - Each connection is timed by its [`watchdog`]: the request's line and headers must arrive
//!   within [`Limits::header_read_timeout`] (of the connection's start, or of the first byte of
//!   the next request), and a kept-alive connection may wait [`Limits::keep_alive_timeout`] for
//!   its next request. A connection that is late is closed. A request being answered is never
//!   cut; its body has its own deadline (`request_body.rs`).
//! - The line and headers of a request may take [`Limits::max_header_bytes`] (hyper answers 431
//!   beyond), so a connection holding unfinished headers holds little memory.
//! - Connections speak HTTP/1.1 and 1.0, as under `axum::serve` with this crate's axum features
//!   (HTTP/2 without TLS is spoken by no browser, and hyper-util's protocol sniffing would wait
//!   for a connection's first bytes with no timeout).
//!
//! Every request carries axum's `ConnectInfo<SocketAddr>` with the client's address.

mod watchdog;

use crate::server::config::ServerConfig;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;
use watchdog::{Clock, Watched};

/// How long and how much each connection may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    pub header_read_timeout: Duration,
    pub keep_alive_timeout: Duration,
    pub max_connections: usize,
    pub max_header_bytes: usize,
}

impl Limits {
    pub fn from_config(c: &ServerConfig) -> Self {
        Self {
            header_read_timeout: Duration::from_secs(c.header_read_timeout_seconds.into()),
            keep_alive_timeout: Duration::from_secs(c.keep_alive_timeout_seconds.into()),
            max_connections: c.max_connections as usize,
            max_header_bytes: c.max_header_bytes as usize,
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes; then stops accepting, lets the
/// requests being answered finish, closes idle connections and returns once all are closed.
pub async fn serve_on(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let limits = Arc::new(limits);
    let max = u32::try_from(limits.max_connections.max(1)).unwrap_or(u32::MAX);
    let slots = Arc::new(Semaphore::new(max as usize));
    let (stop, stopping) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    pause_after_accept_error(e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        tokio::spawn(serve_connection(
            stream,
            peer,
            router.clone(),
            limits.clone(),
            stopping.clone(),
            slot,
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    // Each connection holds a slot until it closes: once every slot is back, all have closed.
    let _ = slots.acquire_many(max).await;
}

/// Errors of one connection (reset before it was accepted) are skipped; others (out of file
/// descriptors, say) would repeat at once, so the loop waits a moment, as `axum::serve` does.
async fn pause_after_accept_error(e: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "accepting a connection failed");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// One connection, from accept to close; `_slot` frees its place under the cap when it ends.
async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Arc<Limits>,
    mut stopping: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let clock = Clock::new();
    let io = TokioIo::new(Watched::new(stream, clock.clone()));
    let service = hyper::service::service_fn({
        let clock = clock.clone();
        move |req: hyper::Request<Incoming>| {
            let answering = clock.answering();
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            let response = router.clone().oneshot(req);
            async move {
                let response = response.await;
                drop(answering);
                response
            }
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        // The watchdog times request heads: hyper's own timer starts as soon as a connection
        // is idle, so it could not tell a slow head from a kept-alive connection's wait.
        .header_read_timeout(None)
        .max_header_size(limits.max_header_bytes)
        .serve_connection(io, service);
    let mut connection = std::pin::pin!(connection);
    let mut stop_asked = false;
    loop {
        tokio::select! {
            done = connection.as_mut() => {
                if let Err(e) = done {
                    tracing::debug!(%peer, error = %e, "connection ended with an error");
                }
                return;
            }
            // Late: the head took too long, or the connection sat idle too long. Dropping the
            // connection closes it.
            () = clock.expired(limits.header_read_timeout, limits.keep_alive_timeout) => return,
            _ = stopping.wait_for(|stop| *stop), if !stop_asked => {
                stop_asked = true;
                // Closes the connection if idle, or after the request being answered.
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}
