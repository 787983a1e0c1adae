//! What each connection is doing, and when it is late.
//!
//! hyper has a header read timeout but no idle timeout (hyperium/hyper#2355; #3743 proposed one
//! and was closed), and its header timer starts as soon as a connection is idle, so one value
//! would have to serve for both. The [`Clock`] keeps the three phases apart:
//! - reading a request's head, from the connection's start or from the first byte read after
//!   the last answer: late after the header read timeout;
//! - answering a request (from its head to its response): never late here;
//! - idle, from the last answer or the last bytes written of it: late after the keep-alive
//!   timeout. A client that stops reading a response it asked for is late the same way.
//!
//! [`Watched`] tells the clock when bytes are read and written, the service when a request is
//! being answered.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tokio::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Head { since: Instant },
    Answering,
    Idle { since: Instant },
}

#[derive(Debug)]
pub struct Clock {
    phase: Mutex<Phase>,
    changed: Notify,
}

/// A request being answered; the connection is idle again when it is dropped.
pub struct Answering(Arc<Clock>);

impl Drop for Answering {
    fn drop(&mut self) {
        self.0.set(Phase::Idle {
            since: Instant::now(),
        });
    }
}

impl Clock {
    /// A new connection: its first request's head is due.
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            phase: Mutex::new(Phase::Head {
                since: Instant::now(),
            }),
            changed: Notify::new(),
        })
    }

    fn phase(&self) -> Phase {
        *self.phase.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, phase: Phase) {
        *self.phase.lock().unwrap_or_else(|e| e.into_inner()) = phase;
        self.changed.notify_one();
    }

    /// A request's head has arrived: until the guard is dropped, the connection is answering.
    pub fn answering(self: &Arc<Self>) -> Answering {
        self.set(Phase::Answering);
        Answering(self.clone())
    }

    /// Bytes were read: on an idle connection, the next request's head has begun.
    fn read(&self) {
        let mut phase = self.phase.lock().unwrap_or_else(|e| e.into_inner());
        if matches!(*phase, Phase::Idle { .. }) {
            *phase = Phase::Head {
                since: Instant::now(),
            };
            drop(phase);
            self.changed.notify_one();
        }
    }

    /// Bytes were written: an idle connection still sending its last answer is not idle yet.
    /// (Its deadline only moves later, so the watchdog needs no wake-up.)
    fn wrote(&self) {
        let mut phase = self.phase.lock().unwrap_or_else(|e| e.into_inner());
        if let Phase::Idle { since } = &mut *phase {
            *since = Instant::now();
        }
    }

    /// When the current phase's time is up, if it has one.
    fn deadline(&self, header_read: Duration, keep_alive: Duration) -> Option<Instant> {
        match self.phase() {
            Phase::Head { since } => Some(since + header_read),
            Phase::Answering => None,
            Phase::Idle { since } => Some(since + keep_alive),
        }
    }

    /// Completes once the connection is late.
    pub async fn expired(&self, header_read: Duration, keep_alive: Duration) {
        loop {
            let changed = self.changed.notified();
            match self.deadline(header_read, keep_alive) {
                Some(at) if at <= Instant::now() => return,
                Some(at) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at) => {}
                        () = changed => {}
                    }
                }
                None => changed.await,
            }
        }
    }
}

/// A connection's socket, telling its clock when bytes pass.
pub struct Watched<S> {
    io: S,
    clock: Arc<Clock>,
}

impl<S> Watched<S> {
    pub fn new(io: S, clock: Arc<Clock>) -> Self {
        Self { io, clock }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.io).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.clock.read();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.io).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.clock.wrote();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: Duration = Duration::from_secs(10);
    const IDLE: Duration = Duration::from_secs(60);

    #[tokio::test(start_paused = true)]
    async fn each_phase_has_its_own_deadline() {
        let clock = Clock::new();
        let start = Instant::now();
        assert_eq!(clock.deadline(HEAD, IDLE), Some(start + HEAD));
        let answering = clock.answering();
        assert_eq!(clock.deadline(HEAD, IDLE), None);
        tokio::time::advance(Duration::from_secs(100)).await;
        drop(answering);
        let idle_since = Instant::now();
        assert_eq!(clock.deadline(HEAD, IDLE), Some(idle_since + IDLE));
        // Writing the rest of the answer keeps the connection from counting as idle.
        tokio::time::advance(Duration::from_secs(5)).await;
        clock.wrote();
        assert_eq!(clock.deadline(HEAD, IDLE), Some(Instant::now() + IDLE));
        // The first byte of the next request starts the header clock.
        tokio::time::advance(Duration::from_secs(5)).await;
        clock.read();
        let head_since = Instant::now();
        assert_eq!(clock.deadline(HEAD, IDLE), Some(head_since + HEAD));
        // More bytes of the same head do not move it.
        tokio::time::advance(Duration::from_secs(1)).await;
        clock.read();
        clock.wrote();
        assert_eq!(clock.deadline(HEAD, IDLE), Some(head_since + HEAD));
    }

    #[tokio::test(start_paused = true)]
    async fn a_late_head_expires_even_after_the_connection_was_idle() {
        let clock = Clock::new();
        drop(clock.answering());
        let waiting = {
            let clock = clock.clone();
            tokio::spawn(async move { clock.expired(HEAD, IDLE).await })
        };
        tokio::time::advance(Duration::from_secs(30)).await;
        clock.read();
        tokio::time::advance(HEAD + Duration::from_millis(1)).await;
        // 40 s after the connection fell idle: expired by the header timeout, not the idle one.
        tokio::time::timeout(Duration::from_millis(1), waiting)
            .await
            .expect("expired")
            .unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn a_connection_answering_never_expires() {
        let clock = Clock::new();
        let _answering = clock.answering();
        let expired = tokio::time::timeout(Duration::from_secs(3_600), clock.expired(HEAD, IDLE));
        assert!(expired.await.is_err());
    }
}
