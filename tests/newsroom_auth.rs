#![cfg(feature = "ssr")]
//! The newsroom's doors over the real router: sign-in and its lockout, sessions and their
//! cookie, sign-out (here and everywhere), password change, the first admin's setup link, roles,
//! cross-site refusal, and that no newsroom answer is cached or indexed.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::{header, StatusCode};
use common::newsroom::{cookie_of, csrf, form, get, post, sign_in, staff, Call, PASSWORD};
use common::{app, app_with};
use timelines::server::newsroom::{setup, Role};
use timelines::server::store::SessionLimits;
use timelines::server::AppState;

/// Every newsroom page a signed-in account reads.
const PAGES: &[&str] = &[
    "/newsroom",
    "/newsroom/account",
    "/newsroom/audit",
    "/newsroom/articles/new",
    "/newsroom/articles/1",
    "/newsroom/articles/1/revisions/1",
    "/newsroom/articles/1/delete",
    "/newsroom/pages",
    "/newsroom/pages/new",
    "/newsroom/pages/1",
    "/newsroom/pages/1/delete",
    "/newsroom/media",
    "/newsroom/media/1",
    "/newsroom/media/1/delete",
    "/newsroom/staff",
    "/newsroom/sections",
    "/newsroom/sections/1",
    "/newsroom/tags",
    "/newsroom/tags/1",
    "/newsroom/menus",
    "/newsroom/settings",
];
/// Every newsroom form that needs a session.
const SESSION_POSTS: &[&str] = &[
    "/newsroom/articles/1/revisions/1/restore",
    "/newsroom/staff/invite",
    "/newsroom/staff/1",
    "/newsroom/articles",
    "/newsroom/articles/1",
    "/newsroom/articles/1/delete",
    "/newsroom/articles/1/preview-links",
    "/newsroom/articles/1/preview-links/revoke",
    "/newsroom/articles/autosave",
    "/newsroom/articles/1/autosave",
    "/newsroom/articles/preview",
    "/newsroom/articles/1/preview",
    "/newsroom/sections",
    "/newsroom/sections/1",
    "/newsroom/sections/1/delete",
    "/newsroom/tags/1",
    "/newsroom/tags/1/merge",
    "/newsroom/menus/primary",
    "/newsroom/preview",
    "/newsroom/pages",
    "/newsroom/pages/1",
    "/newsroom/pages/1/delete",
    "/newsroom/pages/preview",
    "/newsroom/settings",
    "/newsroom/media",
    "/newsroom/media/1",
    "/newsroom/media/1/delete",
    "/newsroom/sign-out",
    "/newsroom/account/password",
    "/newsroom/account/sign-out-everywhere",
];
/// Every newsroom form.
const ALL_POSTS: &[&str] = &[
    "/newsroom/articles/1/revisions/1/restore",
    "/newsroom/invite",
    "/newsroom/staff/invite",
    "/newsroom/staff/1",
    "/newsroom/articles",
    "/newsroom/articles/1",
    "/newsroom/articles/1/delete",
    "/newsroom/articles/1/preview-links",
    "/newsroom/articles/1/preview-links/revoke",
    "/newsroom/articles/autosave",
    "/newsroom/articles/1/autosave",
    "/newsroom/articles/preview",
    "/newsroom/articles/1/preview",
    "/newsroom/sections",
    "/newsroom/sections/1",
    "/newsroom/sections/1/delete",
    "/newsroom/tags/1",
    "/newsroom/tags/1/merge",
    "/newsroom/menus/primary",
    "/newsroom/preview",
    "/newsroom/pages",
    "/newsroom/pages/1",
    "/newsroom/pages/1/delete",
    "/newsroom/pages/preview",
    "/newsroom/settings",
    "/newsroom/media",
    "/newsroom/media/1",
    "/newsroom/media/1/delete",
    "/newsroom/sign-in",
    "/newsroom/setup",
    "/newsroom/sign-out",
    "/newsroom/account/password",
    "/newsroom/account/sign-out-everywhere",
];

#[tokio::test]
async fn signed_out_pages_send_to_sign_in_and_forms_are_refused() {
    let app = app().await;
    for page in PAGES {
        let res = get(&app, page, None).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{page}");
        let next = form(&[("next", page)]);
        assert_eq!(
            res.location(),
            format!("/newsroom/sign-in?{next}"),
            "{page}"
        );
        assert_eq!(res.headers["cache-control"], "private, no-store", "{page}");
    }
    for uri in SESSION_POSTS {
        let res = post(&app, uri, "csrf=x", Call::default()).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{uri}");
        res.assert_has("not signed in");
    }
    // A cookie naming no session is no better.
    let res = get(&app, "/newsroom", Some("__Host-timelines_session=forged")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_anything_else() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Admin).await;
    let cookie = sign_in(&app, "ana@example.com", PASSWORD).await;
    let token = csrf(&app, &cookie).await;
    let body = form(&[
        ("csrf", &token),
        ("email", "ana@example.com"),
        ("password", PASSWORD),
    ]);
    for uri in ALL_POSTS {
        for headers in [
            vec![("origin", "https://evil.example")],
            vec![
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://news.example"),
            ],
            vec![("sec-fetch-site", "same-site")],
            vec![],
        ] {
            let mut req = axum::http::Request::post(*uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &cookie);
            for (k, v) in &headers {
                req = req.header(*k, *v);
            }
            let res = app
                .request(req.body(axum::body::Body::from(body.clone())).unwrap())
                .await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{uri} {headers:?}");
            res.assert_has("did not come from a page of this site");
        }
    }
    // Still signed in: nothing was done.
    assert_eq!(
        get(&app, "/newsroom", Some(&cookie)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn forms_without_the_sessions_token_are_refused() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    let cookie = sign_in(&app, "ana@example.com", PASSWORD).await;
    for uri in SESSION_POSTS {
        for token in ["", "not-the-token"] {
            let call = Call {
                cookie: Some(&cookie),
                ..Call::default()
            };
            let res = post(&app, uri, &form(&[("csrf", token)]), call).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{uri} {token:?}");
        }
    }
    assert_eq!(
        get(&app, "/newsroom", Some(&cookie)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn sign_in_sets_a_strict_session_cookie_with_a_new_id_each_time() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    let res = post(
        &app,
        "/newsroom/sign-in",
        &form(&[
            ("email", "  ANA@example.com "),
            ("password", PASSWORD),
            ("next", "/newsroom/account"),
        ]),
        Call::default(),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/newsroom/account");
    let set = res.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_string();
    // The public URL is https: the __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/.
    assert!(set.starts_with("__Host-timelines_session="), "{set}");
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(set.contains(attr), "{attr} in {set}");
    }
    assert!(!set.contains("Domain"), "{set}");
    let first = cookie_of(&res).unwrap();
    let page = get(&app, "/newsroom/account", Some(&first)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_has("ana@example.com");

    // Signing in again, with the old cookie still sent, gives a new id and ends the old one.
    let again = post(
        &app,
        "/newsroom/sign-in",
        &form(&[("email", "ana@example.com"), ("password", PASSWORD)]),
        Call {
            cookie: Some(&first),
            ..Call::default()
        },
    )
    .await;
    let second = cookie_of(&again).unwrap();
    assert_ne!(first, second);
    assert_eq!(
        get(&app, "/newsroom", Some(&first)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get(&app, "/newsroom", Some(&second)).await.status,
        StatusCode::OK
    );

    // Off-site `next` values are not followed.
    let res = post(
        &app,
        "/newsroom/sign-in",
        &form(&[
            ("email", "ana@example.com"),
            ("password", PASSWORD),
            ("next", "//evil.example/"),
        ]),
        Call::default(),
    )
    .await;
    assert_eq!(res.location(), "/newsroom");
}

#[tokio::test]
async fn wrong_credentials_get_one_message_whatever_was_wrong() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    let wrong_password = post(
        &app,
        "/newsroom/sign-in",
        &form(&[
            ("email", "ana@example.com"),
            ("password", "not the password"),
        ]),
        Call::default(),
    )
    .await;
    let unknown = post(
        &app,
        "/newsroom/sign-in",
        &form(&[
            ("email", "nobody@example.com"),
            ("password", "not the password"),
        ]),
        Call::default(),
    )
    .await;
    for res in [&wrong_password, &unknown] {
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert!(res.headers.get(header::SET_COOKIE).is_none());
        res.assert_has("That email and password do not match an account.");
    }
    let message = |body: &str| {
        let doc = scraper::Html::parse_document(body);
        let sel = scraper::Selector::parse("[role=alert]").unwrap();
        doc.select(&sel)
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(message(&wrong_password.body), message(&unknown.body));
    // The address typed stays in the form; the password never comes back.
    wrong_password.assert_has(r#"value="ana@example.com""#);
    assert!(!wrong_password.body.contains("not the password"));
}

#[tokio::test]
async fn five_failures_lock_an_account_for_fifteen_minutes_across_restarts() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    staff(&app, "ben@example.com", Role::Author).await;
    let bad = form(&[
        ("email", "ana@example.com"),
        ("password", "guess guess guess"),
    ]);
    for n in 0..5 {
        // From different addresses: the account's own count locks it.
        let client = format!("198.51.100.{n}:4000");
        let res = post(
            &app,
            "/newsroom/sign-in",
            &bad,
            Call {
                client: &client,
                ..Call::default()
            },
        )
        .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "try {n}");
    }
    let good = form(&[("email", "ana@example.com"), ("password", PASSWORD)]);
    let locked = post(&app, "/newsroom/sign-in", &good, Call::default()).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = locked.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((880..=900).contains(&wait), "Retry-After {wait}");
    locked.assert_has("Too many failed sign-ins");
    locked.assert_has("15 minutes");
    // Another account from the same address is not locked.
    sign_in(&app, "ben@example.com", PASSWORD).await;

    // A restart (a new server over the same database) keeps the lock.
    let config = (*app.state.config).clone();
    let restarted = AppState::open(config).await.unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let lockout = timelines::server::store::Lockout {
        per_account: 5,
        per_client: 20,
        window: 900,
    };
    let wait = restarted
        .store
        .sign_in_locked("ana@example.com", "192.0.2.1", now, lockout)
        .await
        .unwrap();
    assert!(wait.is_some_and(|w| w > 800), "{wait:?}");
    // And it ends after the window.
    let later = restarted
        .store
        .sign_in_locked("ana@example.com", "192.0.2.1", now + 901, lockout)
        .await
        .unwrap();
    assert_eq!(later, None);
}

#[tokio::test]
async fn twenty_failures_from_one_address_lock_that_address() {
    let app = app_with(|c| c.newsroom.lockout_per_account = 100).await;
    staff(&app, "ana@example.com", Role::Author).await;
    let client = "203.0.113.9:1234";
    for n in 0..20 {
        let email = format!("guess{n}@example.com");
        let body = form(&[("email", &email), ("password", "guess guess guess")]);
        let res = post(
            &app,
            "/newsroom/sign-in",
            &body,
            Call {
                client,
                ..Call::default()
            },
        )
        .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "try {n}");
    }
    let good = form(&[("email", "ana@example.com"), ("password", PASSWORD)]);
    let res = post(
        &app,
        "/newsroom/sign-in",
        &good,
        Call {
            client,
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers.contains_key(header::RETRY_AFTER));
    // The same account from elsewhere signs in.
    let res = post(&app, "/newsroom/sign-in", &good, Call::default()).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signing_out_ends_the_session_and_removes_the_cookie() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    let cookie = sign_in(&app, "ana@example.com", PASSWORD).await;
    let other = sign_in(&app, "ana@example.com", PASSWORD).await;
    let token = csrf(&app, &cookie).await;
    let res = post(
        &app,
        "/newsroom/sign-out",
        &form(&[("csrf", &token)]),
        Call {
            cookie: Some(&cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/newsroom/sign-in?done=signed-out");
    let removal = res.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(removal.contains("Max-Age=0"), "{removal}");
    assert_eq!(
        get(&app, "/newsroom", Some(&cookie)).await.status,
        StatusCode::SEE_OTHER
    );
    // Only that session.
    assert_eq!(
        get(&app, "/newsroom", Some(&other)).await.status,
        StatusCode::OK
    );
    get(&app, "/newsroom/sign-in?done=signed-out", None)
        .await
        .assert_has("You have signed out.");
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_of_the_account_only() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    staff(&app, "ben@example.com", Role::Author).await;
    let here = sign_in(&app, "ana@example.com", PASSWORD).await;
    let there = sign_in(&app, "ana@example.com", PASSWORD).await;
    let ben = sign_in(&app, "ben@example.com", PASSWORD).await;
    get(&app, "/newsroom/account", Some(&here))
        .await
        .assert_has("also signed in on 1 other browser");
    let token = csrf(&app, &here).await;
    let res = post(
        &app,
        "/newsroom/account/sign-out-everywhere",
        &form(&[("csrf", &token)]),
        Call {
            cookie: Some(&here),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    for c in [&here, &there] {
        assert_eq!(
            get(&app, "/newsroom", Some(c)).await.status,
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(
        get(&app, "/newsroom", Some(&ben)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_password_change_ends_every_other_session() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Author).await;
    let here = sign_in(&app, "ana@example.com", PASSWORD).await;
    let there = sign_in(&app, "ana@example.com", PASSWORD).await;
    let token = csrf(&app, &here).await;
    let change = |current: &str, new: &str, confirm: &str| {
        form(&[
            ("csrf", &token),
            ("current", current),
            ("new", new),
            ("confirm", confirm),
        ])
    };
    let call = || Call {
        cookie: Some(&here),
        ..Call::default()
    };
    let uri = "/newsroom/account/password";

    let res = post(
        &app,
        uri,
        &change(
            "wrong current pw",
            "a brand new password",
            "a brand new password",
        ),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("current password is not right");
    let res = post(
        &app,
        uri,
        &change(PASSWORD, "a brand new password", "a brand new passw0rd"),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("confirmation differ");
    let res = post(
        &app,
        uri,
        &change(PASSWORD, "password123", "password123"),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("most common");
    // Nothing changed so far: the other session lives.
    assert_eq!(
        get(&app, "/newsroom", Some(&there)).await.status,
        StatusCode::OK
    );

    let res = post(
        &app,
        uri,
        &change(PASSWORD, "a brand new password", "a brand new password"),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/newsroom/account?done=password");
    get(&app, "/newsroom/account?done=password", Some(&here))
        .await
        .assert_has("Your password has been changed");
    assert_eq!(
        get(&app, "/newsroom", Some(&there)).await.status,
        StatusCode::SEE_OTHER
    );
    sign_in(&app, "ana@example.com", "a brand new password").await;
    let old = post(
        &app,
        "/newsroom/sign-in",
        &form(&[("email", "ana@example.com"), ("password", PASSWORD)]),
        Call::default(),
    )
    .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sessions_end_when_idle_and_at_their_absolute_limit() {
    let app = app().await;
    let ana = staff(&app, "ana@example.com", Role::Author).await;
    let store = &app.state.store;
    let limits = SessionLimits {
        idle: 12 * 3_600,
        absolute: 30 * 86_400,
    };
    let t0 = 1_800_000_000;
    store
        .create_session("digest", ana.id, "token", t0)
        .await
        .unwrap();
    assert!(store
        .session("digest", t0 + 12 * 3_600 - 1, limits)
        .await
        .unwrap()
        .is_some());
    assert!(store
        .session("digest", t0 + 12 * 3_600, limits)
        .await
        .unwrap()
        .is_none());
    // Used every few hours, it still ends after 30 days.
    let mut t = t0;
    while t < t0 + 30 * 86_400 - 3 * 3_600 {
        t += 3 * 3_600;
        store.touch_session("digest", t).await.unwrap();
    }
    assert!(store.session("digest", t, limits).await.unwrap().is_some());
    assert!(store
        .session("digest", t0 + 30 * 86_400, limits)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn only_admins_read_the_audit_log_which_records_sign_ins() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Admin).await;
    let _ = post(
        &app,
        "/newsroom/sign-in",
        &form(&[
            ("email", "ana@example.com"),
            ("password", "wrong wrong wrong"),
        ]),
        Call::default(),
    )
    .await;
    let admin = sign_in(&app, "ana@example.com", PASSWORD).await;
    for role in [Role::Contributor, Role::Author, Role::Editor] {
        let email = format!("{role}@example.com");
        staff(&app, &email, role).await;
        let cookie = sign_in(&app, &email, PASSWORD).await;
        let res = get(&app, "/newsroom/audit", Some(&cookie)).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{role}");
        // Nor is it offered to them.
        assert!(!get(&app, "/newsroom", Some(&cookie))
            .await
            .body
            .contains("/newsroom/audit"));
    }
    let log = get(&app, "/newsroom/audit", Some(&admin)).await;
    assert_eq!(log.status, StatusCode::OK);
    log.assert_has("sign-in failed");
    log.assert_has("signed in");
    log.assert_has("192.0.2.1");
    // Passwords are never logged.
    assert!(!log.body.contains("wrong wrong wrong"));
    assert!(!log.body.contains(PASSWORD));
}

#[tokio::test]
async fn the_setup_link_creates_the_first_admin_once() {
    let app = app().await;
    let link = setup::offer_link(&app.state)
        .await
        .unwrap()
        .expect("no admin yet: a link");
    let path = link.strip_prefix(common::PUBLIC_URL).unwrap().to_string();
    let token = path.split("token=").nth(1).unwrap().to_string();
    let page = get(&app, &path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_has("Create the first account");
    assert_eq!(
        get(&app, "/newsroom/setup?token=nope", None).await.status,
        StatusCode::GONE
    );

    let account = |password: &str| {
        form(&[
            ("token", &token),
            ("name", "Ana Lima"),
            ("email", "ana@example.com"),
            ("password", password),
            ("confirm", password),
        ])
    };
    let weak = post(&app, "/newsroom/setup", &account("short"), Call::default()).await;
    assert_eq!(weak.status, StatusCode::BAD_REQUEST);
    weak.assert_has("at least 10 characters");
    // A refused form leaves the link usable.
    let made = post(&app, "/newsroom/setup", &account(PASSWORD), Call::default()).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let cookie = cookie_of(&made).expect("signed in at once");
    let page = get(&app, "/newsroom/account", Some(&cookie)).await;
    page.assert_has("Admin");
    page.assert_has("Ana Lima");

    let again = post(&app, "/newsroom/setup", &account(PASSWORD), Call::default()).await;
    assert_eq!(again.status, StatusCode::GONE);
    again.assert_has("used already or has expired");
    // With an admin, no more links.
    assert_eq!(setup::offer_link(&app.state).await.unwrap(), None);
}

#[tokio::test]
async fn newsroom_pages_are_private_unindexed_and_never_kept_by_the_page_cache() {
    let app = app().await;
    staff(&app, "ana.lima@example.com", Role::Author).await;
    staff(&app, "ben.okafor@example.com", Role::Editor).await;
    let ana = sign_in(&app, "ana.lima@example.com", PASSWORD).await;
    let ben = sign_in(&app, "ben.okafor@example.com", PASSWORD).await;
    for (cookie, name) in [(&ana, "ana lima"), (&ben, "ben okafor"), (&ana, "ana lima")] {
        let page = get(&app, "/newsroom", Some(cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_has(name);
        assert_eq!(page.headers["cache-control"], "private, no-store");
        assert_eq!(page.headers["x-robots-tag"], "noindex, nofollow");
        assert!(
            page.headers.get("x-cache").is_none(),
            "the page cache saw it"
        );
        page.assert_has(r#"<meta name="robots" content="noindex, nofollow">"#);
    }
    let sign_in_page = get(&app, "/newsroom/sign-in", None).await;
    assert_eq!(sign_in_page.headers["cache-control"], "private, no-store");
    // A reader page asked for with a session cookie is the same public page for everyone.
    let home = get(&app, "/", Some(&ana)).await;
    assert!(!home.body.contains("ana lima"));
    assert!(home.headers.get(header::SET_COOKIE).is_none());
    // Staff's browsers ask again each time, so they see what they just published; readers'
    // may keep the page a minute.
    assert_eq!(home.headers["cache-control"], "private, no-cache");
    let reader = get(&app, "/", None).await;
    assert!(reader.headers["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("public"));
}

#[tokio::test]
async fn the_article_list_filters_and_pages() {
    let app = app().await;
    staff(&app, "ana@example.com", Role::Contributor).await;
    let cookie = sign_in(&app, "ana@example.com", PASSWORD).await;
    let all = get(&app, "/newsroom", Some(&cookie)).await;
    assert_eq!(all.status, StatusCode::OK);
    let total = app.state.store.article_count().await.unwrap();
    all.assert_has(&format!("{total} articles"));
    all.assert_has("Next page");
    // Title words, any case; `%` and `_` are characters to look for, not wildcards.
    let mut article = common::new_article("zebra-crossings");
    article.title = "Zebra crossings return to 50% of streets".into();
    app.state.store.insert_article(&article).await.unwrap();
    let titled = get(&app, "/newsroom?q=ZEBRA", Some(&cookie)).await;
    titled.assert_has("1 article<");
    titled.assert_has("Zebra crossings return");
    get(&app, "/newsroom?q=50%25", Some(&cookie))
        .await
        .assert_has("1 article<");
    get(&app, "/newsroom?q=_ebra", Some(&cookie))
        .await
        .assert_has("No articles match.");
    // Scheduled: only articles whose time is still to come.
    let mut later = common::new_article("tomorrows-news");
    later.title = "Tomorrow's news".into();
    later.published_at += 86_400;
    app.state.store.insert_article(&later).await.unwrap();
    let scheduled = get(&app, "/newsroom?status=scheduled", Some(&cookie)).await;
    scheduled.assert_has("1 article<");
    scheduled.assert_has("Tomorrow's news");
    let page2 = get(&app, "/newsroom?page=2", Some(&cookie)).await;
    page2.assert_has("Page 2 of");
    page2.assert_has("Previous page");
}

#[tokio::test]
async fn admins_invite_staff_change_roles_and_deactivate_accounts() {
    let app = app().await;
    let boss = staff(&app, "boss@example.com", Role::Admin).await;
    let admin = sign_in(&app, "boss@example.com", PASSWORD).await;
    let token = csrf(&app, &admin).await;
    let call = || Call {
        cookie: Some(&admin),
        ..Call::default()
    };

    // An invitation for an author; the link is shown once and makes that role whatever is typed.
    let res = post(
        &app,
        "/newsroom/staff/invite",
        &form(&[("csrf", &token), ("role", "author")]),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    let link = res
        .body
        .split("/newsroom/invite?token=")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    let join = |email: &str| {
        form(&[
            ("token", &link),
            ("name", "New Writer"),
            ("email", email),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ])
    };
    assert_eq!(
        get(&app, &format!("/newsroom/invite?token={link}"), None)
            .await
            .status,
        StatusCode::OK
    );
    let made = post(
        &app,
        "/newsroom/invite",
        &join("new@example.com"),
        Call::default(),
    )
    .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER);
    let writer = cookie_of(&made).unwrap();
    get(&app, "/newsroom/account", Some(&writer))
        .await
        .assert_has("Author");
    let again = post(
        &app,
        "/newsroom/invite",
        &join("second@example.com"),
        Call::default(),
    )
    .await;
    assert_eq!(again.status, StatusCode::GONE);

    // Role change, then deactivation: its sessions end at once and it cannot sign in.
    let new = app
        .state
        .store
        .staff_for_sign_in("new@example.com")
        .await
        .unwrap()
        .unwrap()
        .0;
    let uri = format!("/newsroom/staff/{}", new.id);
    let res = post(
        &app,
        &uri,
        &form(&[("csrf", &token), ("role", "editor"), ("active", "true")]),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    get(&app, "/newsroom/account", Some(&writer))
        .await
        .assert_has("Editor");
    let res = post(
        &app,
        &uri,
        &form(&[("csrf", &token), ("role", "editor"), ("active", "false")]),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(
        get(&app, "/newsroom", Some(&writer)).await.status,
        StatusCode::SEE_OTHER
    );
    let res = post(
        &app,
        "/newsroom/sign-in",
        &form(&[("email", "new@example.com"), ("password", PASSWORD)]),
        Call::default(),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let log = get(&app, "/newsroom/audit", Some(&admin)).await;
    for entry in [
        "invitation made",
        "role changed",
        "account deactivated",
        "by invitation",
    ] {
        log.assert_has(entry);
    }

    // The last admin cannot demote or deactivate themselves.
    let own = format!("/newsroom/staff/{}", boss.id);
    let res = post(
        &app,
        &own,
        &form(&[("csrf", &token), ("role", "editor"), ("active", "true")]),
        call(),
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("at least one active admin");

    // Nobody else manages staff.
    staff(&app, "eve@example.com", Role::Editor).await;
    let eve = sign_in(&app, "eve@example.com", PASSWORD).await;
    let eve_token = csrf(&app, &eve).await;
    assert_eq!(
        get(&app, "/newsroom/staff", Some(&eve)).await.status,
        StatusCode::FORBIDDEN
    );
    let res = post(
        &app,
        "/newsroom/staff/invite",
        &form(&[("csrf", &eve_token), ("role", "admin")]),
        Call {
            cookie: Some(&eve),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
}
