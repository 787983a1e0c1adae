#![cfg(feature = "ssr")]
//! Writing in the newsroom over the real router: drafts readers never see, publishing and what
//! it shows (home, article, search, feed), updates, unpublishing, roles per action, the
//! stale-save refusal, checks on every field, preview, and script that never runs.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::app;
use common::newsroom::{desk, form, get, post, public_path, saved_id, submit, version, Call};
use timelines::server::newsroom::Role;

#[tokio::test]
async fn a_draft_is_seen_by_no_reader_until_it_is_published() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let list = get(&app, "/newsroom?status=draft", Some(&ana.cookie)).await;
    list.assert_has("Harbour cranes return to Port Elan");
    assert_eq!(public_path(&app, id).await, None);
    for page in [
        "/",
        "/category/world",
        "/search?q=cranes",
        "/feed",
        "/sitemap.xml",
        "/tag/ports",
    ] {
        let res = get(&app, page, None).await;
        assert!(
            !res.body.contains("Harbour cranes"),
            "{page} shows the draft"
        );
    }
    // Its words are not offered by search either.
    let suggest = get(&app, "/api/suggest?q=harbour", None).await;
    assert!(!suggest.body.contains("Harbour"), "{}", suggest.body);

    let v = version(&app, id).await;
    let res = submit(
        &app,
        &ana,
        &format!("/newsroom/articles/{id}"),
        "publish",
        &[("version", &v)],
    )
    .await;
    assert_eq!(saved_id(&res), id);
    let path = public_path(&app, id).await.expect("published");
    let article = get(&app, &path, None).await;
    assert_eq!(article.status, StatusCode::OK);
    article.assert_has("Work starts on Monday.");
    for page in [
        "/",
        "/category/world",
        "/search?q=cranes",
        "/feed",
        "/feed/atom",
        "/tag/ports",
        "/news-sitemap.xml",
    ] {
        get(&app, page, None)
            .await
            .assert_has("Harbour cranes return to Port Elan");
    }
    // The sitemap of its month lists its address.
    let index = get(&app, "/sitemap.xml", None).await;
    let sitemaps: Vec<String> = index
        .body
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
        .filter_map(|l| l.strip_prefix(common::PUBLIC_URL))
        .map(str::to_string)
        .collect();
    let mut listed = false;
    for sitemap in &sitemaps {
        let body = get(&app, sitemap, None).await.body;
        listed |= body.contains(&format!("{}{path}<", common::PUBLIC_URL));
    }
    assert!(listed, "{path} in none of {sitemaps:?}");
    get(
        &app,
        &format!("/newsroom/articles/{id}?done=publish"),
        Some(&ana.cookie),
    )
    .await
    .assert_has("Published.");
}

#[tokio::test]
async fn an_update_is_live_at_once_and_unpublishing_takes_it_away() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "publish", &[]).await);
    let path = public_path(&app, id).await.unwrap();
    get(&app, "/search?q=cranes", None)
        .await
        .assert_has("Harbour cranes");

    let v = version(&app, id).await;
    let res = submit(
        &app,
        &ana,
        &format!("/newsroom/articles/{id}"),
        "update",
        // The form sends the slug it shows, so the URL stays.
        &[
            ("version", &v),
            ("title", "Lighthouse keepers return to Port Elan"),
            ("slug", "harbour-cranes-return-to-port-elan"),
        ],
    )
    .await;
    saved_id(&res);
    // Same URL (the slug was not touched), new words; the old title's words are gone from search.
    assert_eq!(public_path(&app, id).await.unwrap(), path);
    get(&app, &path, None)
        .await
        .assert_has("Lighthouse keepers return");
    get(&app, "/api/search?q=lighthouse", None)
        .await
        .assert_has("Lighthouse keepers return");
    let old = get(&app, "/api/search?q=harbour", None).await;
    assert!(
        !old.body.contains(&path),
        "found by its old title: {}",
        old.body
    );

    let v = version(&app, id).await;
    let unpublish = [
        ("version", v.as_str()),
        ("title", "Lighthouse keepers return to Port Elan"),
        ("slug", "harbour-cranes-return-to-port-elan"),
    ];
    saved_id(
        &submit(
            &app,
            &ana,
            &format!("/newsroom/articles/{id}"),
            "unpublish",
            &unpublish,
        )
        .await,
    );
    assert_eq!(get(&app, &path, None).await.status, StatusCode::NOT_FOUND);
    get(&app, "/api/search?q=lighthouse", None)
        .await
        .assert_has(r#""total":0"#);
    for page in ["/", "/feed"] {
        assert!(
            !get(&app, page, None)
                .await
                .body
                .contains("Lighthouse keepers"),
            "{page}"
        );
    }
    get(&app, "/newsroom?status=draft", Some(&ana.cookie))
        .await
        .assert_has("Lighthouse keepers");
}

#[tokio::test]
async fn each_role_may_do_what_the_matrix_says_and_no_more() {
    let app = app().await;
    let carl = desk(&app, "carl@example.com", Role::Contributor).await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;

    // A contributor writes and submits, but cannot publish or schedule.
    let draft = saved_id(&submit(&app, &carl, "/newsroom/articles", "save", &[]).await);
    let uri = format!("/newsroom/articles/{draft}");
    for action in ["publish", "schedule"] {
        let v = version(&app, draft).await;
        let res = submit(
            &app,
            &carl,
            &uri,
            action,
            &[("version", &v), ("publish_at", "2099-01-01T09:00")],
        )
        .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "contributor {action}");
    }
    let v = version(&app, draft).await;
    saved_id(&submit(&app, &carl, &uri, "review", &[("version", &v)]).await);
    let editor_page = get(&app, &uri, Some(&carl.cookie)).await;
    assert!(
        !editor_page.body.contains(r#"value="publish""#),
        "a contributor is offered Publish"
    );

    // Another author can neither open nor save it; an editor can, and publishes it.
    assert_eq!(
        get(&app, &uri, Some(&ana.cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    let v = version(&app, draft).await;
    assert_eq!(
        submit(&app, &ana, &uri, "save", &[("version", &v)])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    get(&app, "/newsroom?status=review", Some(&eve.cookie))
        .await
        .assert_has("Harbour cranes");
    let v = version(&app, draft).await;
    saved_id(&submit(&app, &eve, &uri, "publish", &[("version", &v)]).await);
    let published = app
        .state
        .store
        .editable_article(draft)
        .await
        .unwrap()
        .unwrap();
    assert!(published.published_at.is_some());
    // Still under the contributor's byline: the editor did not become its author.
    let carl_author = app
        .state
        .store
        .staff_for_sign_in("carl@example.com")
        .await
        .unwrap()
        .unwrap()
        .0
        .author_id;
    assert_eq!(published.fields.author_id, carl_author);

    // Once published, it is the editors' to change: the contributor cannot edit it any more.
    assert_eq!(
        get(&app, &uri, Some(&carl.cookie)).await.status,
        StatusCode::FORBIDDEN
    );

    // An author publishes their own, but cannot set the byline or the placement.
    let eve_author = app
        .state
        .store
        .staff_for_sign_in("eve@example.com")
        .await
        .unwrap()
        .unwrap()
        .0
        .author_id
        .to_string();
    let own = saved_id(
        &submit(
            &app,
            &ana,
            "/newsroom/articles",
            "publish",
            &[
                ("author", &eve_author),
                ("featured", "on"),
                ("slug", "ana-own"),
            ],
        )
        .await,
    );
    let a = app
        .state
        .store
        .editable_article(own)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(a.fields.author_id.to_string(), eve_author);
    assert!(!a.fields.featured);
    // An editor can.
    let hers = saved_id(
        &submit(
            &app,
            &eve,
            "/newsroom/articles",
            "save",
            &[
                ("author", &eve_author),
                ("featured", "on"),
                ("slug", "eve-own"),
            ],
        )
        .await,
    );
    assert!(
        app.state
            .store
            .editable_article(hers)
            .await
            .unwrap()
            .unwrap()
            .fields
            .featured
    );
}

#[tokio::test]
async fn a_save_on_a_stale_version_is_refused_naming_who_saved_since() {
    let app = app().await;
    let eve = desk(&app, "eve.stone@example.com", Role::Editor).await;
    let ben = desk(&app, "ben.okafor@example.com", Role::Editor).await;
    let id = saved_id(&submit(&app, &eve, "/newsroom/articles", "save", &[]).await);
    let uri = format!("/newsroom/articles/{id}");
    let opened = version(&app, id).await;
    // Ben saves first.
    saved_id(
        &submit(
            &app,
            &ben,
            &uri,
            "save",
            &[("version", &opened), ("body", "Ben's words.")],
        )
        .await,
    );
    // Eve's save names the version she opened: refused, nothing lost, Ben named.
    let res = submit(
        &app,
        &eve,
        &uri,
        "save",
        &[("version", &opened), ("body", "Eve's words.")],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("ben okafor saved this article");
    res.assert_has("Eve's words.");
    res.assert_has("Ben's words.");
    let stored = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(stored.fields.body_md, "Ben's words.");
    // The form now carries Ben's version: saving again replaces it knowingly.
    let now = version(&app, id).await;
    assert!(res
        .body
        .contains(&format!(r#"name="version" value="{now}""#)));
    saved_id(
        &submit(
            &app,
            &eve,
            &uri,
            "save",
            &[("version", &now), ("body", "Eve's words.")],
        )
        .await,
    );
}

#[tokio::test]
async fn bad_fields_are_refused_with_a_message_each() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let long = "x".repeat(301);
    for (field, value, message) in [
        ("title", "   ", "Give the article a title."),
        ("title", long.as_str(), "over 300 characters"),
        ("lang", "xx", "Choose a language"),
        ("category", "abc", "Choose a category"),
        (
            "canonical_url",
            "javascript:alert(1)",
            "full http:// or https:// address",
        ),
        ("slug", "---", "at least one letter or digit"),
    ] {
        let res = submit(&app, &ana, "/newsroom/articles", "save", &[(field, value)]).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{field}={value:?}");
        res.assert_has(message);
        // What was typed comes back.
        res.assert_has("The port reopens its northern quay.");
    }
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "save",
        &[("category", "999999")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("That category does not exist.");
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "schedule",
        &[("publish_at", "2001-01-01T09:00")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("That time has passed");
    let res = submit(&app, &ana, "/newsroom/articles", "fly", &[]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // A slug in use.
    saved_id(
        &submit(
            &app,
            &ana,
            "/newsroom/articles",
            "save",
            &[("slug", "port-elan")],
        )
        .await,
    );
    let res = submit(
        &app,
        &ana,
        "/newsroom/articles",
        "save",
        &[("slug", "port-elan")],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("already uses the slug");
    // Nothing half-made: one article with that slug.
    let (rows, _) = app
        .state
        .store
        .desk_articles(&Default::default(), 0, 100, 0)
        .await
        .unwrap();
    assert_eq!(rows.iter().filter(|r| r.slug == "port-elan").count(), 1);
}

#[tokio::test]
async fn a_scheduled_article_waits_for_its_time() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(
        &submit(
            &app,
            &ana,
            "/newsroom/articles",
            "schedule",
            &[("publish_at", "2099-06-01T08:30")],
        )
        .await,
    );
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.published_at, Some(4_083_985_800));
    assert!(!get(&app, "/", None).await.body.contains("Harbour cranes"));
    let list = get(&app, "/newsroom?status=scheduled", Some(&ana.cookie)).await;
    list.assert_has("Harbour cranes");
    get(&app, &format!("/newsroom/articles/{id}"), Some(&ana.cookie))
        .await
        .assert_has("Scheduled for June 1, 2099, 08:30 UTC");
}

#[tokio::test]
async fn script_never_runs_and_arabic_stays_arabic() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(
        &submit(
            &app,
            &ana,
            "/newsroom/articles",
            "publish",
            &[
                ("title", "<script>alert(1)</script> عودة الرافعات"),
                ("dek", "<img src=x onerror=alert(2)>"),
                ("body", "Hello <script>alert(3)</script> [x](javascript:alert(4)) </textarea><script>alert(5)</script>"),
                ("tags", "<b>bold</b>"),
                ("lang", "ar"),
                ("slug", ""),
            ],
        )
        .await,
    );
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.fields.slug, "script-alert-1-script-عودة-الرافعات");
    let path = public_path(&app, id).await.unwrap();
    let encoded: String = path
        .split('/')
        .map(|s| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
                .replace("%2D", "-")
        })
        .collect::<Vec<_>>()
        .join("/");
    for page in [
        encoded.as_str(),
        &format!("/newsroom/articles/{id}"),
        "/newsroom",
    ] {
        let cookie = page.starts_with("/newsroom").then_some(ana.cookie.as_str());
        let res = get(&app, page, cookie).await;
        assert_eq!(res.status, StatusCode::OK, "{page}");
        for bad in [
            "<script>alert",
            "<img src=x",
            "<b>bold",
            "href=\"javascript",
        ] {
            assert!(!res.body.contains(bad), "{bad} unescaped on {page}");
        }
    }
    let article = get(&app, &encoded, None).await;
    article.assert_has(r#"dir="rtl""#);
    article.assert_has("عودة الرافعات");
}

#[tokio::test]
async fn preview_renders_the_form_through_the_public_pipeline_unsaved() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let before = app.state.store.article_count().await.unwrap();
    let res = submit(
        &app,
        &ana,
        "/newsroom/preview",
        "preview",
        &[(
            "body",
            "## A heading\n\nText with <script>alert(1)</script> and *emphasis*.",
        )],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK);
    res.assert_has("<h2>A heading</h2>");
    res.assert_has("<em>emphasis</em>");
    assert!(!res.body.contains("<script>alert"));
    res.assert_has(r#"<meta name="robots" content="noindex, nofollow">"#);
    assert_eq!(res.headers["cache-control"], "private, no-store");
    assert_eq!(app.state.store.article_count().await.unwrap(), before);
    // Signed out: refused.
    let res = post(
        &app,
        "/newsroom/preview",
        &form(&[("csrf", "x"), ("body", "x")]),
        Call::default(),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn simultaneous_saves_wait_their_turn_and_one_article_is_published_once() {
    let app = app().await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let mut ids = Vec::new();
    for n in 0..6 {
        let slug = format!("draft-{n}");
        ids.push(saved_id(
            &submit(&app, &eve, "/newsroom/articles", "save", &[("slug", &slug)]).await,
        ));
    }
    // Six saves of six articles at once: every one is saved (none fails on a busy database).
    let mut saves = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let v = version(&app, *id).await;
        let (uri, slug) = (format!("/newsroom/articles/{id}"), format!("draft-{n}"));
        let (app, eve) = (&app, &eve);
        saves.push(async move {
            submit(
                app,
                eve,
                &uri,
                "publish",
                &[("version", &v), ("slug", &slug)],
            )
            .await
        });
    }
    for res in futures_util::future::join_all(saves).await {
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    }
    // Two publishes of one article from the same version: one wins, the other is told.
    let id = saved_id(
        &submit(
            &app,
            &eve,
            "/newsroom/articles",
            "save",
            &[("slug", "contested")],
        )
        .await,
    );
    let v = version(&app, id).await;
    let uri = format!("/newsroom/articles/{id}");
    let fields = [("version", v.as_str()), ("slug", "contested")];
    let (a, b) = tokio::join!(
        submit(&app, &eve, &uri, "publish", &fields),
        submit(&app, &eve, &uri, "publish", &fields)
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [303, 409]);
    let publishes = app
        .state
        .store
        .revisions(id)
        .await
        .unwrap()
        .iter()
        .filter(|r| r.action == "publish")
        .count();
    assert_eq!(publishes, 1);
}

#[tokio::test]
async fn a_changed_slug_leaves_a_permanent_redirect_from_the_old_address() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(
        &submit(
            &app,
            &ana,
            "/newsroom/articles",
            "publish",
            &[("slug", "first-name")],
        )
        .await,
    );
    let old = public_path(&app, id).await.unwrap();
    let v = version(&app, id).await;
    saved_id(
        &submit(
            &app,
            &ana,
            &format!("/newsroom/articles/{id}"),
            "update",
            &[("version", &v), ("slug", "عنوان-جديد")],
        )
        .await,
    );
    let new = public_path(&app, id).await.unwrap();
    assert_ne!(old, new);
    let res = get(&app, &old, None).await;
    assert_eq!(res.status, StatusCode::MOVED_PERMANENTLY);
    let to = res.location().to_string();
    assert!(
        to.starts_with(common::PUBLIC_URL)
            && to.ends_with("/%D8%B9%D9%86%D9%88%D8%A7%D9%86-%D8%AC%D8%AF%D9%8A%D8%AF"),
        "{to}"
    );
    let here = get(&app, to.strip_prefix(common::PUBLIC_URL).unwrap(), None).await;
    assert_eq!(here.status, StatusCode::OK);
    // Other unknown article addresses still say 404.
    assert_eq!(
        get(&app, "/2024/01/01/never-was", None).await.status,
        StatusCode::NOT_FOUND
    );
    // Unpublished, the old address leads nowhere.
    let v = version(&app, id).await;
    saved_id(
        &submit(
            &app,
            &ana,
            &format!("/newsroom/articles/{id}"),
            "unpublish",
            &[("version", &v), ("slug", "عنوان-جديد")],
        )
        .await,
    );
    assert_eq!(get(&app, &old, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn revisions_compare_word_by_word_and_restore_as_a_new_revision() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(
        &submit(
            &app,
            &ana,
            "/newsroom/articles",
            "save",
            &[("slug", "cranes")],
        )
        .await,
    );
    let uri = format!("/newsroom/articles/{id}");
    let v = version(&app, id).await;
    saved_id(
        &submit(
            &app,
            &ana,
            &uri,
            "save",
            &[
                ("version", &v),
                ("slug", "cranes"),
                ("body", "The big cranes are back."),
            ],
        )
        .await,
    );
    let revisions = app.state.store.revisions(id).await.unwrap();
    let first = revisions.last().unwrap().id;
    let page = get(&app, &format!("{uri}/revisions/{first}"), Some(&ana.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_has("<ins>");
    page.assert_has("big");
    page.assert_has("<del>");
    page.assert_has("Work starts on Monday.");
    // Two revisions compared with each other.
    let latest = revisions.first().unwrap().id;
    let between = get(
        &app,
        &format!("{uri}/revisions/{first}?with={latest}"),
        Some(&ana.cookie),
    )
    .await;
    between.assert_has("big");

    // Restore the first: the article's words again, as a new revision.
    let v = version(&app, id).await;
    let csrf_field = ana.csrf.clone();
    let res = post(
        &app,
        &format!("{uri}/revisions/{first}/restore"),
        &form(&[("csrf", &csrf_field), ("version", &v)]),
        Call {
            cookie: Some(&ana.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(
        a.fields.body_md,
        "The cranes are back.\n\nWork starts on Monday."
    );
    let actions: Vec<String> = app
        .state
        .store
        .revisions(id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(actions, ["restore", "save", "save"]);
    // A stale restore is refused; another author cannot look.
    let res = post(
        &app,
        &format!("{uri}/revisions/{first}/restore"),
        &form(&[("csrf", &csrf_field), ("version", &v)]),
        Call {
            cookie: Some(&ana.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let ben = desk(&app, "ben@example.com", Role::Author).await;
    assert_eq!(
        get(&app, &format!("{uri}/revisions/{first}"), Some(&ben.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&app, &format!("{uri}/revisions/999999"), Some(&ana.cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
