//! Search over HTTP: the results page with its filters, sort and pagination, the JSON API and
//! the search overlay's suggestions, over the real router and the demo newsroom.
#![cfg(feature = "ssr")]

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::app;

const BONDS: &str = "al-sanadat-wal-sukuk-tajdhib-sighar-al-muddakhirin";

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The article slugs linked from the result list, in order.
fn result_slugs(body: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(body);
    let sel = scraper::Selector::parse(".search-result .card__title a").unwrap();
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.rsplit('/').next().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn results_page_marks_matches_and_is_not_indexed() {
    let app = app().await;
    let p = app.get("/search?q=lavrov").await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_has("<mark>");
    p.assert_has(r#"<meta name="robots" content="noindex"#);
    assert_eq!(
        result_slugs(&p.body).first().map(String::as_str),
        Some("lavrov-to-visit-china-april-8-9")
    );
}

#[tokio::test]
async fn arabic_queries_match_without_tashkeel_or_hamza() {
    let app = app().await;
    for q in ["السندات", "السَّندات", "والصكوك المدخرين", "تجذب صغار"]
    {
        let p = app.get(&format!("/search?q={}", enc(q))).await;
        assert_eq!(p.status, StatusCode::OK, "{q}");
        assert!(result_slugs(&p.body).contains(&BONDS.to_string()), "{q}");
    }
    // "أسعار" written with a bare alef.
    let p = app.get(&format!("/search?q={}", enc("اسعار"))).await;
    assert!(!result_slugs(&p.body).is_empty());
}

#[tokio::test]
async fn filters_narrow_by_section_and_language_and_the_form_keeps_them() {
    let app = app().await;
    let all = result_slugs(&app.get("/search?q=the").await.body);
    assert!(!all.is_empty());
    let p = app.get("/search?q=the&cat=world%2Feurope&sort=date").await;
    assert_eq!(p.status, StatusCode::OK);
    let doc = scraper::Html::parse_document(&p.body);
    let cats = scraper::Selector::parse(".search-result a.card__label").unwrap();
    let paths: Vec<&str> = doc
        .select(&cats)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(!paths.is_empty());
    for path in paths {
        assert!(path.starts_with("/category/world/europe"), "{path}");
    }
    // The form shows the filters in force.
    let selected = scraper::Selector::parse("select[name=cat] option[selected]").unwrap();
    assert_eq!(
        doc.select(&selected)
            .next()
            .and_then(|o| o.value().attr("value")),
        Some("world/europe")
    );
    let sort = scraper::Selector::parse("select[name=sort] option[selected]").unwrap();
    assert_eq!(
        doc.select(&sort)
            .next()
            .and_then(|o| o.value().attr("value")),
        Some("date")
    );

    let ar = app.get(&format!("/search?q={}&lang=ar", enc("في"))).await;
    assert_eq!(ar.status, StatusCode::OK);
    let slugs = result_slugs(&ar.body);
    assert!(slugs.contains(&BONDS.to_string()));
    let en = app.get("/search?q=lavrov&lang=ar").await;
    assert!(result_slugs(&en.body).is_empty());
    en.assert_has("No results");
}

#[tokio::test]
async fn sorting_by_date_lists_newest_first() {
    let app = app().await;
    let p = app.get("/search?q=the&sort=date").await;
    let doc = scraper::Html::parse_document(&p.body);
    let times = scraper::Selector::parse(".search-result time[datetime]").unwrap();
    let stamps: Vec<String> = doc
        .select(&times)
        .filter_map(|t| t.value().attr("datetime"))
        .map(str::to_string)
        .collect();
    assert!(stamps.len() > 2);
    let mut sorted = stamps.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(stamps, sorted);
}

#[tokio::test]
async fn pagination_links_keep_the_query_and_filters() {
    let app = app().await;
    let p = app.get("/search?q=the&sort=date").await;
    p.assert_has("href=\"/search?q=the&amp;sort=date&amp;page=2\"");
    let p2 = app.get("/search?q=the&sort=date&page=2").await;
    assert_eq!(p2.status, StatusCode::OK);
    assert!(!result_slugs(&p2.body).is_empty());
    assert_ne!(result_slugs(&p.body), result_slugs(&p2.body));
    assert_eq!(
        app.get("/search?q=the&page=999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_filters_and_page_numbers_are_bad_requests() {
    let app = app().await;
    for uri in [
        "/search?q=oil&page=0",
        "/search?q=oil&page=abc",
        "/search?q=oil&sort=popularity",
        "/search?q=oil&cat=no-such-section",
        "/search?q=oil&lang=xx",
    ] {
        assert_eq!(app.get(uri).await.status, StatusCode::BAD_REQUEST, "{uri}");
    }
}

#[tokio::test]
async fn a_misspelt_query_gets_suggestions_from_titles() {
    let app = app().await;
    let p = app.get("/search?q=lavrof").await;
    assert_eq!(p.status, StatusCode::OK);
    p.assert_has("No results");
    p.assert_has("Did you mean");
    p.assert_has("href=\"/search?q=lavrov\"");
    let none = app.get("/search?q=qqqqqqqq").await;
    assert!(!none.body.contains("Did you mean"));
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body:.200}"))
}

#[tokio::test]
async fn the_json_api_returns_results_with_absolute_urls() {
    let app = app().await;
    let p = app.get("/api/search?q=lavrov").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json")));
    let v = json(&p.body);
    assert_eq!(v["query"], "lavrov");
    assert_eq!(v["page"], 1);
    assert!(v["total"].as_u64().unwrap() >= 1);
    assert_eq!(v["more"], false, "a rare word is counted exactly");
    let first = &v["results"][0];
    assert_eq!(first["path"], "/2024/04/07/lavrov-to-visit-china-april-8-9");
    assert_eq!(
        first["url"],
        format!(
            "{}/2024/04/07/lavrov-to-visit-china-april-8-9",
            common::PUBLIC_URL
        )
    );
    assert!(first["title"].as_str().unwrap().contains("Lavrov"));
    assert!(first["snippet"].as_str().unwrap().contains("<mark>"));
    assert!(first["category"]["url"]
        .as_str()
        .unwrap()
        .starts_with("https://news.example/category/"));
    assert_eq!(first["lang"], "en");
    assert!(first["date"].as_str().unwrap().starts_with("2024-04-07"));

    let ar = json(
        &app.get(&format!("/api/search?q={}&lang=ar", enc("السندات")))
            .await
            .body,
    );
    assert_eq!(ar["results"][0]["lang"], "ar");

    let page2 = json(&app.get("/api/search?q=the&page=2").await.body);
    assert_eq!(page2["page"], 2);
    assert!(!page2["results"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_json_api_answers_bad_input_with_json_errors() {
    let app = app().await;
    for (uri, status) in [
        ("/api/search?q=oil&page=0", StatusCode::BAD_REQUEST),
        ("/api/search?q=oil&page=x", StatusCode::BAD_REQUEST),
        ("/api/search?q=oil&sort=x", StatusCode::BAD_REQUEST),
        ("/api/search?q=oil&page=9999", StatusCode::NOT_FOUND),
    ] {
        let p = app.get(uri).await;
        assert_eq!(p.status, status, "{uri}");
        assert!(json(&p.body)["error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()));
    }
    let long = "x".repeat(10_000);
    for q in [
        "%22",
        "%00",
        "%F0%9F%99%82",
        "",
        "NEAR(a%20b)",
        long.as_str(),
    ] {
        let p = app.get(&format!("/api/search?q={q}")).await;
        assert_eq!(p.status, StatusCode::OK, "{q:.20}");
        json(&p.body);
    }
    let v = json(&app.get(&format!("/api/search?q={long}")).await.body);
    assert_eq!(v["truncated"], true);
    let v = json(&app.get("/api/search?q=lavrof").await.body);
    assert_eq!(v["total"], 0);
    assert!(v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "lavrov"));
}

/// The search overlay's suggestions, as its island reads them.
#[tokio::test]
async fn suggestions_are_light_json_for_what_is_typed() {
    let app = app().await;
    let p = app.get("/api/suggest?q=lavr").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let header = |name: &str| {
        p.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert!(header("content-type").starts_with("application/json"));
    assert_eq!(header("cache-control"), "public, max-age=30");
    assert_eq!(header("x-cache"), "", "never through the page cache");
    let v = json(&p.body);
    assert_eq!(v["query"], "lavr");
    let first = &v["articles"][0];
    assert_eq!(first["path"], "/2024/04/07/lavrov-to-visit-china-april-8-9");
    assert!(first["title"].as_str().unwrap().contains("Lavrov"));
    assert_eq!(first["lang"], "en");
    assert!(!first["section"].as_str().unwrap().is_empty());
    // Only what the overlay lists: no count, snippet, filters or spelling.
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["lang", "path", "section", "title"]);
    assert_eq!(v.as_object().unwrap().len(), 2);

    // Arabic, typed with tashkeel and the last word unfinished.
    let ar = json(
        &app.get(&format!("/api/suggest?q={}", enc("السَّندات والصك")))
            .await
            .body,
    );
    let first = &ar["articles"][0];
    assert!(first["path"].as_str().unwrap().ends_with(BONDS), "{ar}");
    assert_eq!(first["lang"], "ar");
    assert!(first["title"].as_str().unwrap().contains("السندات"));

    // At most six, the overlay's list.
    let many = json(&app.get("/api/suggest?q=the").await.body);
    assert_eq!(many["articles"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn suggestions_answer_bad_input_with_an_empty_list_or_a_json_400() {
    let app = app().await;
    // Nothing to search for: no suggestions.
    for uri in [
        "/api/suggest",
        "/api/suggest?q=",
        "/api/suggest?q=%20%20",
        "/api/suggest?q=%22%22%2A",
        "/api/suggest?q=%F0%9F%99%82",
    ] {
        let p = app.get(uri).await;
        assert_eq!(p.status, StatusCode::OK, "{uri}: {}", p.body);
        assert_eq!(json(&p.body)["articles"], serde_json::json!([]), "{uri}");
    }
    // Control characters are spaces, as in a search.
    let v = json(&app.get("/api/suggest?q=%00lavrov%0A").await.body);
    assert_eq!(v["query"], "lavrov");
    assert!(v["articles"][0]["title"]
        .as_str()
        .unwrap()
        .contains("Lavrov"));
    // Longer than a search reads, or a parameter given twice: a 400 that says why, never kept.
    let long = "x".repeat(201);
    for (uri, says) in [
        (format!("/api/suggest?q={long}"), "up to 200 characters"),
        ("/api/suggest?q=a&q=b".to_string(), "could not be read"),
    ] {
        let p = app.get(&uri).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{uri:.40}");
        let error = json(&p.body)["error"].as_str().unwrap().to_string();
        assert!(error.contains(says), "{error}");
        assert_eq!(p.headers["cache-control"], "no-store");
    }
    // Exactly as long as a search reads is fine.
    let p = app
        .get(&format!("/api/suggest?q={}", "x".repeat(200)))
        .await;
    assert_eq!(p.status, StatusCode::OK);
}
