#![cfg(feature = "ssr")]
//! A handler that panics: the request it hit gets the portal's 500 page (whether the page
//! cache rendered it in a task of its own or the request rendered it itself, and when the panic
//! is in a Leptos resource being rendered), the log gets one line for it, and the server goes
//! on serving, on the same connection too.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::routing::get;
use common::log::Log;
use common::raw_http::{self, exchange, limits, RawResponse};
use leptos::prelude::*;
use timelines::server::http::{panic, router};
use timelines::server::newsroom::Role;

async fn boom() -> &'static str {
    panic!("a handler panicked on purpose")
}

/// A page whose resource panics while the server renders it: at once (`inline`), or after
/// waiting, in the task the resource then runs in.
#[component]
fn ResourceBoom(inline: bool) -> impl IntoView {
    let value = Resource::new(
        || (),
        move |_| async move {
            if !inline {
                tokio::task::yield_now().await;
            }
            boom().await.len()
        },
    );
    view! {
        <Suspense fallback=|| "loading">
            <p>{move || value.get()}</p>
        </Suspense>
    }
}

#[track_caller]
fn assert_is_the_500_page(res: &RawResponse) {
    assert_eq!(res.status(), 500, "{res:?}");
    assert_eq!(res.header("cache-control"), Some("no-store"));
    assert!(res
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    // The security headers still apply.
    assert!(res
        .header("content-security-policy")
        .is_some_and(|p| p.contains("default-src 'self'")));
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    for text in [
        "<!DOCTYPE html>",
        "West Timelines",
        "Something went wrong",
        r#"<a href="/">Go to the front page</a>"#,
        r#"<link rel="stylesheet" href="/pkg/timelines.css">"#,
    ] {
        assert!(
            res.body.contains(text),
            "{text:?} missing from {}",
            res.body
        );
    }
    assert!(
        !res.body.contains("on purpose"),
        "the panic's text is not shown"
    );
}

#[tokio::test]
async fn a_panicking_handler_answers_the_500_page_and_the_server_goes_on() {
    // The only test here: no other test builds a router while this one renders pages (see
    // `common::ROUTER_LOCK`), and the panic hook and the log are the process's.
    // Set before the server starts, so nothing reads it meanwhile.
    std::env::set_var("RUST_BACKTRACE", "0");
    let log = Log::install_global();
    panic::install_hook();
    let app = common::app().await;
    let extra = axum::Router::new()
        .route("/boom", get(boom))
        .route(
            "/resource-boom",
            get(leptos_axum::render_app_async(
                || view! { <ResourceBoom inline=true/> },
            )),
        )
        .route(
            "/spawned-boom",
            get(leptos_axum::render_app_async(
                || view! { <ResourceBoom inline=false/> },
            )),
        );
    let served = raw_http::serve(router::router_with(app.state.clone(), extra), limits(30.0)).await;
    let mut conn = served.connect().await;
    let panics = || {
        let scrape = timelines::server::metrics::scrape(&app.state).unwrap();
        common::metrics::value(&scrape, "timelines_panics_total", &[])
    };
    let panics_before = panics();

    // Through the page cache, which renders in a task of its own.
    let cached = exchange(&mut conn, "GET /boom HTTP/1.1\r\nHost: t\r\n\r\n").await;
    assert_is_the_500_page(&cached);

    // A request target too long for the page cache: rendered by the request itself. This
    // dropped the connection without an answer before.
    let long = format!(
        "GET /boom?q={} HTTP/1.1\r\nHost: t\r\n\r\n",
        "x".repeat(2_500)
    );
    assert_is_the_500_page(&exchange(&mut conn, &long).await);

    // In a resource of a Leptos page, at once or in the task it waits in (where the render
    // waited forever for it before).
    for page in ["/resource-boom", "/spawned-boom"] {
        let res = exchange(
            &mut conn,
            &format!("GET {page} HTTP/1.1\r\nHost: t\r\n\r\n"),
        )
        .await;
        assert_is_the_500_page(&res);
    }

    // One line for each, with where it happened, and no backtrace unless asked for.
    let log = log.text();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains("panicked")).collect();
    assert_eq!(lines.len(), 4, "{log}");
    for line in lines {
        assert!(line.contains(" ERROR "), "{line}");
        assert!(line.contains("tests/panics.rs:"), "{line}");
        assert!(line.contains("a handler panicked on purpose"), "{line}");
    }
    assert!(!log.contains("backtrace"), "{log}");
    assert_eq!(panics() - panics_before, 4.0, "counted for /metrics");
    let scrape = timelines::server::metrics::scrape(&app.state).unwrap();
    let boom = [("route", "/boom"), ("status", "500")];
    let answered = common::metrics::value(&scrape, "timelines_http_requests_total", &boom);
    assert_eq!(answered, 2.0, "{scrape}");

    // The same connection, and the renderer, still serve.
    let front = exchange(&mut conn, "GET / HTTP/1.1\r\nHost: t\r\n\r\n").await;
    assert_eq!(front.status(), 200);
    assert!(front.body.contains("West Timelines"));
    let health = exchange(&mut conn, "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").await;
    assert_eq!((health.status(), health.body.as_str()), (200, "ok"));

    // Renamed in the newsroom's settings: the 500 page names the site as readers see it.
    let admin = common::newsroom::staff(&app, "ada@example.com", Role::Admin).await;
    let renamed = [("site.name".to_string(), "East Timelines".to_string())].into();
    app.state
        .store
        .save_site_overrides(&renamed, admin.id, 0)
        .await
        .unwrap();
    let res = exchange(&mut conn, "GET /boom HTTP/1.1\r\nHost: t\r\n\r\n").await;
    assert_eq!(res.status(), 500);
    assert!(res.body.contains("East Timelines"), "{}", res.body);
    assert!(!res.body.contains("West Timelines"), "{}", res.body);
}
