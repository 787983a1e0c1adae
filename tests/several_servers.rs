#![cfg(feature = "ssr")]
//! Several app servers on one PostgreSQL database (issue 16): what one writes, the others show
//! within a second though their page caches kept the page before; a session made on one is
//! good on the others, and sign-in failures and newsletter sign-ups from one client count
//! together; a scheduled article goes live on all at its time; an image uploaded through one is
//! served and deleted through the other from the media folder they share. Two servers here are
//! two application states with their own routers, page caches and kept parts, on one database,
//! as two processes would be. (Always on PostgreSQL, whichever backend the other suites run on.)

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{
    desk, form, get, post, saved_id, sign_in, staff, submit, upload, Call, PASSWORD,
};
use common::{app_with, postgres, TestApp};
use std::time::{Duration, Instant};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::newsroom::Role;

/// Two servers on one new PostgreSQL database, the demo newsroom loaded by the first.
async fn two_servers() -> (TestApp, TestApp) {
    let url = postgres::fresh_database().await;
    let one = app_with(|c| c.server.database_url = url.clone()).await;
    let two = app_with(|c| c.server.database_url = url).await;
    (one, two)
}

/// Asks `path` of `app` until its page holds `needle`, for at most `limit`; how long it took.
async fn shows_within(app: &TestApp, path: &str, needle: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    loop {
        let page = get(app, path, None).await;
        if page.body.contains(needle) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < limit,
            "{path} still lacks {needle:?} after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn an_article_published_through_one_server_shows_on_the_other_within_a_second() {
    let (one, two) = two_servers().await;
    let title = "Harbour cranes return to Port Elan";
    // The other server's home page, kept by its page cache (the second answer is a hit).
    assert!(!get(&two, "/", None).await.body.contains(title));
    let kept = get(&two, "/", None).await;
    assert_eq!(kept.headers["x-cache"], "hit");

    let ana = desk(&one, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&one, &ana, "/newsroom/articles", "publish", &[]).await);
    let path = common::newsroom::public_path(&one, id).await.unwrap();

    let took = shows_within(&two, "/", title, Duration::from_secs(1)).await;
    eprintln!("shown on the other server's home page after {took:?}");
    let article = get(&two, &path, None).await;
    assert_eq!(article.status, StatusCode::OK);
    article.assert_has(title);
    get(&two, "/search?q=cranes", None).await.assert_has(title);

    // Unpublished through the other server: gone from the first within a second.
    let version = common::newsroom::version(&two, id).await;
    let bea = desk(&two, "bea@example.com", Role::Editor).await;
    let res = submit(
        &two,
        &bea,
        &format!("/newsroom/articles/{id}"),
        "unpublish",
        &[("version", &version)],
    )
    .await;
    saved_id(&res);
    let start = Instant::now();
    loop {
        let page = get(&one, &path, None).await;
        if page.status == StatusCode::NOT_FOUND {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "still served by the first server: {}",
            page.status
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_session_made_on_one_server_is_good_on_the_other_until_signed_out_there() {
    let (one, two) = two_servers().await;
    staff(&one, "ana@example.com", Role::Author).await;
    let cookie = sign_in(&one, "ana@example.com", PASSWORD).await;
    let account = get(&two, "/newsroom/account", Some(&cookie)).await;
    assert_eq!(account.status, StatusCode::OK, "{}", account.body);
    account.assert_has("ana@example.com");

    // Signed out through the second server: the first no longer knows the session.
    let csrf = common::newsroom::csrf(&two, &cookie).await;
    let out = post(
        &two,
        "/newsroom/sign-out",
        &common::newsroom::form(&[("csrf", &csrf)]),
        Call {
            cookie: Some(&cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(out.status, StatusCode::SEE_OTHER, "{}", out.body);
    let after = get(&one, "/newsroom/account", Some(&cookie)).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER, "{}", after.body);
    assert!(after.location().starts_with("/newsroom/sign-in"));
}

#[tokio::test]
async fn newsletter_sign_ups_from_one_client_count_together_on_both_servers() {
    let url = postgres::fresh_database().await;
    let two_a_minute = |url: String| {
        app_with(move |c| {
            c.server.database_url = url;
            c.server.signups_per_minute = 2;
        })
    };
    let one = two_a_minute(url.clone()).await;
    let two = two_a_minute(url).await;
    let from = |client| Call {
        client,
        ..Call::default()
    };
    // One sign-up through each server: the client's two a minute are used up...
    for (app, email) in [(&one, "sa%40example.com"), (&two, "sb%40example.com")] {
        let page = post(
            app,
            "/subscribe",
            &format!("email={email}"),
            from("192.0.2.60:1"),
        )
        .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    // ...so a third is refused by either, though each has let only one through itself.
    for app in [&one, &two] {
        let page = post(
            app,
            "/subscribe",
            "email=sc%40example.com",
            from("192.0.2.60:2"),
        )
        .await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.body);
        let retry: u64 = page.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=30).contains(&retry), "Retry-After {retry}");
    }
    // Another client is not held back by it.
    let page = post(
        &two,
        "/subscribe",
        "email=sd%40example.com",
        from("198.51.100.7:1"),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let mut stored = one.state.store.subscriber_emails().await.unwrap();
    stored.sort();
    assert_eq!(
        stored,
        ["sa@example.com", "sb@example.com", "sd@example.com"]
    );
}

#[tokio::test]
async fn an_image_uploaded_through_one_server_is_served_and_deleted_through_the_other() {
    // One database and one media folder (README, "Deployment": a shared volume).
    let url = postgres::fresh_database().await;
    let media = tempfile::tempdir().unwrap();
    let sharing = |url: String| {
        let dir = media.path().display().to_string();
        app_with(move |c| {
            c.server.database_url = url;
            c.media.dir = dir;
        })
    };
    let one = sharing(url.clone()).await;
    let two = sharing(url).await;
    let ana = desk(&one, "ana@example.com", Role::Author).await;
    let signed_in = Call {
        cookie: Some(&ana.cookie),
        ..Call::default()
    };
    let res = upload(
        &one,
        &ana,
        "tram.jpg",
        &synthetic_photo(900, 600),
        "A red tram",
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    one.state.media.settled().await;
    let (rows, _) = two.state.store.list_media("", 1, 0).await.unwrap();
    let (id, key) = (rows[0].id, rows[0].key.clone());
    let thumbnail = format!("/media/{key}/320.jpg");
    let served = two.get(&thumbnail).await;
    assert_eq!(
        served.status,
        StatusCode::OK,
        "{thumbnail} on the other server"
    );
    assert_eq!(served.headers["content-type"], "image/jpeg");
    get(&two, "/newsroom/media", Some(&ana.cookie))
        .await
        .assert_has("tram.jpg");
    // Deleted through the second server: its files are gone for the first too.
    let delete = format!("/newsroom/media/{id}/delete");
    let res = post(&two, &delete, &form(&[("csrf", &ana.csrf)]), signed_in).await;
    assert_eq!(
        res.location(),
        "/newsroom/media?done=deleted",
        "{}",
        res.body
    );
    assert_eq!(one.get(&thumbnail).await.status, StatusCode::NOT_FOUND);
    assert!(!one.state.media.dir().folder(&key).exists());
}

#[tokio::test]
async fn failed_sign_ins_on_both_servers_count_together() {
    let (one, two) = two_servers().await;
    staff(&one, "ana@example.com", Role::Author).await;
    // Five failures for one account lock it (tests/newsroom_auth.rs), spread over both.
    for (i, app) in [&one, &two, &one, &two, &one].into_iter().enumerate() {
        let page = post(
            app,
            "/newsroom/sign-in",
            &common::newsroom::form(&[("email", "ana@example.com"), ("password", "wrong")]),
            Call {
                client: &format!("192.0.2.{}:5000", i + 10),
                ..Call::default()
            },
        )
        .await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED, "{}", page.body);
    }
    let locked = post(
        &two,
        "/newsroom/sign-in",
        &common::newsroom::form(&[("email", "ana@example.com"), ("password", PASSWORD)]),
        Call::default(),
    )
    .await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
}

#[tokio::test]
async fn a_scheduled_article_goes_live_on_every_server_at_its_time() {
    let (one, two) = two_servers().await;
    for app in [&one, &two] {
        tokio::spawn(timelines::server::newsroom::going_live::run(
            app.state.store.clone(),
        ));
    }
    let title = "Tidal power plant opens on the estuary";
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let at = now + 2;
    let scheduled = timelines::server::store::NewArticle {
        title: title.into(),
        published_at: at,
        updated_at: at,
        ..common::new_article("tidal-power-plant-opens")
    };
    let id = one.state.store.insert_article(&scheduled).await.unwrap();
    let stored = one.state.store.editable_article(id).await.unwrap().unwrap();
    for app in [&one, &two] {
        assert!(!get(app, "/", None).await.body.contains(title));
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    for app in [&one, &two] {
        get(app, "/", None).await.assert_has(title);
    }
    // Going live is the time coming, not a write that each server would make: the article is
    // as it was stored, at the version it was saved with.
    let after = two.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(
        (after.version, after.published_at),
        (stored.version, stored.published_at)
    );
}
