//! Panics in the tasks a page's render spawns (Leptos resources run their futures in tasks of
//! their own once they have to wait): the panic ends that task, the resource never resolves and
//! the render would wait for it forever, holding the connection. Here the executor Leptos
//! spawns on forwards such a panic to the request whose render spawned the task, where it goes
//! on as if raised there (and the catch-panic layer answers with the 500 page).

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::FutureExt;
use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

type Payload = Box<dyn Any + Send + 'static>;

/// Where the tasks a request's render spawns send their panic (the first one counts).
#[derive(Clone)]
struct PanicSink(Arc<Mutex<Option<oneshot::Sender<Payload>>>>);

tokio::task_local! {
    static SINK: PanicSink;
}

/// Tokio, as Leptos's own `init_tokio` sets up, with panics forwarded.
struct ForwardingExecutor;

impl CustomExecutor for ForwardingExecutor {
    fn spawn(&self, fut: PinnedFuture<()>) {
        let Ok(sink) = SINK.try_with(PanicSink::clone) else {
            tokio::spawn(fut);
            return;
        };
        // In the sink's scope too, so the tasks this one spawns forward their panics as well.
        tokio::spawn(SINK.scope(sink.clone(), async move {
            if let Err(payload) = AssertUnwindSafe(fut).catch_unwind().await {
                let sender = sink.0.lock().unwrap_or_else(|e| e.into_inner()).take();
                if let Some(sender) = sender {
                    let _ = sender.send(payload);
                }
            }
        }));
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        tokio::task::spawn_local(fut);
    }

    fn poll_local(&self) {}
}

/// Sets the executor Leptos spawns on; call before building the router (leptos_axum sets plain
/// Tokio if none is set yet). Later calls change nothing.
pub fn init_executor() {
    let _ = Executor::init_custom_executor(ForwardingExecutor);
}

/// Middleware, innermost (inside the page cache's render task): runs the request with a sink
/// for its spawned tasks' panics, and raises the first one here.
pub async fn forward(req: Request, next: Next) -> Response {
    let (sender, panicked) = oneshot::channel();
    let sink = PanicSink(Arc::new(Mutex::new(Some(sender))));
    let answer = SINK.scope(sink, next.run(req));
    tokio::select! {
        res = answer => res,
        Ok(payload) = panicked => std::panic::resume_unwind(payload),
    }
}

/// Whether this code runs in a task a render spawned whose request has ended (the reader went
/// away, and the render was dropped with the connection). Leptos's resources may then still be
/// polled once after the render's reactive owner was disposed, and panic doing so ("Tried to
/// access a reactive value that has already been disposed"): a panic no reader receives.
pub(super) fn request_gone() -> bool {
    SINK.try_with(|sink| {
        sink.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .is_some_and(oneshot::Sender::is_closed)
    })
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_task_knows_when_the_request_that_spawned_it_has_ended() {
        assert!(!request_gone(), "outside any render");
        let (sender, receiver) = oneshot::channel();
        let sink = PanicSink(Arc::new(Mutex::new(Some(sender))));
        assert!(
            !SINK.sync_scope(sink.clone(), request_gone),
            "the request waits"
        );
        drop(receiver);
        assert!(SINK.sync_scope(sink, request_gone), "the request has ended");
    }
}
