#![cfg(feature = "ssr")]
//! Scheduling in the site's time zone (`[site] time_zone`): the editor's field is read and shown
//! in it, the status line and the article list name it, and daylight saving's skipped hour is
//! refused while its repeated hour is the earlier.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, get, saved_id, submit};
use common::{app_with, TestApp};
use timelines::server::newsroom::Role;

async fn london() -> TestApp {
    app_with(|c| c.site.time_zone = "Europe/London".into()).await
}

#[tokio::test]
async fn a_schedule_is_read_and_shown_in_the_site_zone() {
    let app = london().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let new = get(&app, "/newsroom/articles/new", Some(&ana.cookie)).await;
    new.assert_has("Publish at (Europe/London)");
    let fields = [("publish_at", "2099-07-01T09:30")];
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "schedule", &fields).await);
    // 09:30 British Summer Time is 08:30 UTC.
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.published_at, Some(4_086_577_800));
    let editor = get(&app, &format!("/newsroom/articles/{id}"), Some(&ana.cookie)).await;
    editor.assert_has("Scheduled for July 1, 2099, 09:30 Europe/London");
    editor.assert_has(r#"value="2099-07-01T09:30""#);
    get(&app, "/newsroom?status=scheduled", Some(&ana.cookie))
        .await
        .assert_has("Last change (Europe/London)");
    // The revision comparison and the audit log tell time on the same clocks.
    let rev = app.state.store.revisions(id).await.unwrap()[0].id;
    let compare = format!("/newsroom/articles/{id}/revisions/{rev}");
    get(&app, &compare, Some(&ana.cookie))
        .await
        .assert_has(" Europe/London (ana)");
    let ada = desk(&app, "ada@example.com", Role::Admin).await;
    get(&app, "/newsroom/audit", Some(&ada.cookie))
        .await
        .assert_has(" Europe/London");
}

#[tokio::test]
async fn the_skipped_hour_is_refused_and_the_repeated_hour_is_the_earlier() {
    let app = london().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let skipped = [("publish_at", "2099-03-29T01:30")];
    let res = submit(&app, &ana, "/newsroom/articles", "schedule", &skipped).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("2099-03-29 01:30 does not exist in Europe/London");
    // 01:30 comes twice on 2099-10-25: first in summer time, 00:30 UTC.
    let repeated = [("publish_at", "2099-10-25T01:30")];
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "schedule", &repeated).await);
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.published_at, Some(4_096_571_400));
}

/// Now, in Unix seconds with a fraction.
fn unix_now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

#[tokio::test]
async fn a_scheduled_article_is_on_every_kept_page_within_a_second_of_its_time() {
    let app = common::app().await;
    tokio::spawn(timelines::server::newsroom::going_live::run(
        app.state.store.clone(),
    ));
    let title = "Tidal power plant opens on the estuary";
    let at = unix_now() as i64 + 3;
    let scheduled = timelines::server::store::NewArticle {
        title: title.into(),
        tags: vec!["Tidal energy".into()],
        published_at: at,
        updated_at: at,
        ..common::new_article("tidal-power-plant-opens")
    };
    app.state.store.insert_article(&scheduled).await.unwrap();
    // Readers' pages before its time, as the page cache, the feeds and the sitemaps keep them
    // (for 30 seconds in this configuration).
    let pages = [
        "/",
        "/category/world",
        "/tag/tidal-energy",
        "/search?q=tidal",
        "/feed",
        "/news-sitemap.xml",
    ];
    for page in pages {
        let res = get(&app, page, None).await;
        assert!(!res.body.contains(title), "{page} shows it early");
    }
    // A second after its time, every one shows it.
    let wait = (at + 1) as f64 - unix_now();
    tokio::time::sleep(std::time::Duration::from_secs_f64(wait.max(0.0))).await;
    for page in pages {
        get(&app, page, None).await.assert_has(title);
    }
}
