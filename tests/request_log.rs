#![cfg(feature = "ssr")]
//! One log line per request: method, path, status, latency and the page cache's answer, and
//! never the query string (it holds what readers search for).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::log::Log;

/// The request lines of `log` that name `path` (`path=/x` followed by a space or the end of
/// the span's fields).
fn lines_for<'a>(log: &'a str, path: &str) -> Vec<&'a str> {
    let field = format!("path={path}}}");
    log.lines()
        .filter(|l| l.contains("timelines::request") && l.contains(&field))
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn every_request_gets_one_line_with_its_outcome() {
    let (log, _capturing) = Log::capture_thread();
    let app = common::app().await;
    app.get("/category/world").await;
    app.get("/category/world").await;
    app.get("/no-such-page").await;
    app.get("/search?q=secret+words").await;
    let text = log.text();

    let world = lines_for(&text, "/category/world");
    assert_eq!(world.len(), 2, "{text}");
    for (line, cache) in world.iter().zip(["miss", "hit"]) {
        assert!(line.contains("method=GET"), "{line}");
        assert!(line.contains("status=200"), "{line}");
        assert!(line.contains(&format!("cache={cache}")), "{line}");
        assert!(line.contains("latency_ms="), "{line}");
    }
    let missing = lines_for(&text, "/no-such-page");
    assert_eq!(missing.len(), 1, "{text}");
    assert!(missing[0].contains("status=404"), "{}", missing[0]);
    assert_eq!(lines_for(&text, "/search").len(), 1, "{text}");
    assert!(!text.contains("secret"), "the query is not logged: {text}");
}
