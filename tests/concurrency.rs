//! Many pages rendered at once: every page kind, each URL distinct and the page cache off, so
//! every request is a full render running beside others (issue 11: renders that ran at the same
//! time sometimes panicked in the title formatter and answered 500 or nothing).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::app_with;
use std::sync::Arc;

const LAVROV: &str = "/2024/04/07/lavrov-to-visit-china-april-8-9";

/// The URL of request `i` and the status it must get.
fn nth_url(i: usize, arabic_article: &str) -> (String, StatusCode) {
    let ok = StatusCode::OK;
    match i % 11 {
        0 => (format!("/?x={i}"), ok),
        1 => (format!("/category/world?x={i}"), ok),
        2 => (format!("/category/business/finance?x={i}"), ok),
        3 => (format!("/tag/ukraine-war?x={i}"), ok),
        4 => (format!("/author/anna-koval?x={i}"), ok),
        5 => (format!("/search?q=oil+r{i}"), ok),
        6 => (format!("{LAVROV}?x={i}"), ok),
        7 => (format!("{arabic_article}?x={i}"), ok),
        8 => (format!("/privacy-policy?x={i}"), ok),
        9 => (format!("/subscribe?x={i}"), ok),
        _ => (format!("/no-such-page-{i}"), StatusCode::NOT_FOUND),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundreds_of_distinct_pages_rendered_at_once_all_answer() {
    let app = Arc::new(
        app_with(|c| {
            c.http.page_cache_seconds = 0;
        })
        .await,
    );
    // An Arabic article from its section page, so right-to-left pages render beside the rest.
    let finance = app.get("/category/business/finance").await;
    let arabic = finance
        .body
        .split("lang=\"ar\" dir=\"rtl\"")
        .nth(1)
        .and_then(|card| card.split("href=\"").nth(2))
        .and_then(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("/20"))
        .expect("an Arabic article in Finance")
        .to_string();

    const REQUESTS: usize = 660;
    const AT_ONCE: usize = 24;
    let gate = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut tasks = Vec::with_capacity(REQUESTS);
    for i in 0..REQUESTS {
        let (app, gate) = (app.clone(), gate.clone());
        let (url, want) = nth_url(i, &arabic);
        tasks.push(tokio::spawn(async move {
            let _turn = gate.acquire_owned().await.expect("semaphore");
            let page = app.get(&url).await;
            let complete = page.body.contains("</body>") && page.body.contains("</html>");
            (url, want, page.status, complete)
        }));
    }
    let mut failures = Vec::new();
    for task in tasks {
        match task.await {
            Ok((url, want, got, complete)) if got != want || !complete => {
                failures.push(format!("{url}: {got}, complete page: {complete}"))
            }
            Ok(_) => {}
            Err(e) => failures.push(format!("a request task failed: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {REQUESTS} renders failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}
