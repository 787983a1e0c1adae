#![cfg(feature = "ssr")]
//! Categories and tags in the newsroom over the real router: who may change them, adding,
//! renaming and moving a category (old addresses, feeds and subcategories answering 301, the
//! menus following), deleting one with its articles moved, renaming and merging tags (the
//! search index following the new names), and script that never runs.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{category, desk, form, get, post, Call, Desk};
use common::{app, Page, TestApp, PUBLIC_URL};
use timelines::server::newsroom::Role;

async fn send(app: &TestApp, d: &Desk, uri: &str, fields: &[(&str, &str)]) -> Page {
    let mut pairs = vec![("csrf", d.csrf.as_str())];
    pairs.extend_from_slice(fields);
    let call = Call {
        cookie: Some(&d.cookie),
        ..Call::default()
    };
    post(app, uri, &form(&pairs), call).await
}

#[track_caller]
fn moved_to(page: &Page, to: &str) {
    assert_eq!(page.status, StatusCode::MOVED_PERMANENTLY, "{}", page.body);
    assert_eq!(page.location(), format!("{PUBLIC_URL}{to}"));
}

#[tokio::test]
async fn only_editors_and_admins_run_the_sections() {
    let app = app().await;
    let author = desk(&app, "ana@example.com", Role::Author).await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    for page in ["/newsroom/sections", "/newsroom/tags"] {
        assert_eq!(
            get(&app, page, Some(&author.cookie)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            get(&app, page, Some(&editor.cookie)).await.status,
            StatusCode::OK
        );
        assert_eq!(get(&app, page, None).await.status, StatusCode::SEE_OTHER);
    }
    let world = category(&app, "world").await;
    let add = [
        ("name", "Ports"),
        ("slug", "ports"),
        ("parent", world.as_str()),
    ];
    let res = send(&app, &author, "/newsroom/sections", &add).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let forged = Desk {
        cookie: editor.cookie.clone(),
        csrf: "forged".into(),
    };
    assert_eq!(
        send(&app, &forged, "/newsroom/sections", &add).await.status,
        StatusCode::FORBIDDEN
    );
    let cross = Call {
        cookie: Some(&editor.cookie),
        same_origin: false,
        ..Call::default()
    };
    let body = form(&[("csrf", &editor.csrf), ("name", "Ports"), ("slug", "ports")]);
    assert_eq!(
        post(&app, "/newsroom/sections", &body, cross).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&app, "/category/world/ports", None).await.status,
        StatusCode::NOT_FOUND
    );

    // The editor adds it; readers see it at once.
    let res = send(&app, &editor, "/newsroom/sections", &add).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    get(&app, "/category/world/ports", None)
        .await
        .assert_has("Ports");
    // The same address twice is refused with a message.
    let res = send(&app, &editor, "/newsroom/sections", &add).await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("already has the address /category/world/ports");
    let res = send(
        &app,
        &editor,
        "/newsroom/sections",
        &[("name", "Bad"), ("slug", "Bad Slug")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("lowercase letters, digits and single hyphens");
}

#[tokio::test]
async fn a_renamed_or_moved_category_leaves_its_old_addresses_behind() {
    let app = app().await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    let europe = app
        .state
        .store
        .find_category("world/europe")
        .await
        .unwrap()
        .unwrap();
    let world = europe.parent_id.unwrap().to_string();
    let uri = format!("/newsroom/sections/{}", europe.id);
    // Moving a category inside its own subcategory is refused.
    let ukraine = category(&app, "world/europe/ukraine").await;
    let res = send(
        &app,
        &editor,
        &uri,
        &[("name", "Europe"), ("slug", "europe"), ("parent", &ukraine)],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("cannot go inside itself");

    let res = send(
        &app,
        &editor,
        &uri,
        &[
            ("name", "Europa"),
            ("slug", "europa"),
            ("parent", &world),
            ("description", ""),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    get(&app, "/category/world/europa", None)
        .await
        .assert_has("Europa");
    moved_to(
        &get(&app, "/category/world/europe", None).await,
        "/category/world/europa",
    );
    moved_to(
        &get(&app, "/category/world/europe/ukraine", None).await,
        "/category/world/europa/ukraine",
    );
    moved_to(
        &get(&app, "/category/world/europe/feed", None).await,
        "/category/world/europa/feed",
    );
    moved_to(
        &get(&app, "/category/world/europe?page=2", None).await,
        "/category/world/europa?page=2",
    );
    // The menus follow: the header links to the new address.
    let home = get(&app, "/", None).await;
    assert!(
        home.body.contains("href=\"/category/world/europa\""),
        "the menu still links the old address"
    );
    assert!(!home.body.contains("href=\"/category/world/europe\""));

    // Moved to the top level, then back: no chain of redirects, and the live address is not one.
    let top = [("name", "Europa"), ("slug", "europa"), ("parent", "")];
    assert_eq!(
        send(&app, &editor, &uri, &top).await.status,
        StatusCode::SEE_OTHER
    );
    moved_to(
        &get(&app, "/category/world/europe", None).await,
        "/category/europa",
    );
    moved_to(
        &get(&app, "/category/world/europa/ukraine", None).await,
        "/category/europa/ukraine",
    );
    let back = [
        ("name", "Europe"),
        ("slug", "europe"),
        ("parent", world.as_str()),
    ];
    assert_eq!(
        send(&app, &editor, &uri, &back).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        get(&app, "/category/world/europe", None).await.status,
        StatusCode::OK
    );
    moved_to(
        &get(&app, "/category/europa", None).await,
        "/category/world/europe",
    );
}

#[tokio::test]
async fn a_deleted_category_hands_its_articles_to_another() {
    let app = app().await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    let ukraine = app
        .state
        .store
        .find_category("world/europe/ukraine")
        .await
        .unwrap()
        .unwrap();
    let europe = category(&app, "world/europe").await;
    let counts = app.state.store.category_article_counts().await.unwrap();
    let had = counts.get(&ukraine.id).copied().unwrap_or(0);
    assert!(had > 0, "the demo has articles about Ukraine");
    let europe_had = counts
        .get(&europe.parse::<i64>().unwrap())
        .copied()
        .unwrap_or(0);

    // Europe has subcategories: refused.
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/sections/{europe}/delete"),
        &[("move_to", &ukraine.id.to_string())],
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::BAD_REQUEST,
        "into its own subcategory"
    );
    let world = category(&app, "world").await;
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/sections/{europe}/delete"),
        &[("move_to", &world)],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("subcategories");

    let res = send(
        &app,
        &editor,
        &format!("/newsroom/sections/{}/delete", ukraine.id),
        &[("move_to", &europe)],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let counts = app.state.store.category_article_counts().await.unwrap();
    assert_eq!(
        counts.get(&europe.parse::<i64>().unwrap()).copied(),
        Some(europe_had + had)
    );
    moved_to(
        &get(&app, "/category/world/europe/ukraine", None).await,
        "/category/world/europe",
    );
    let audit = get(
        &app,
        "/newsroom/audit",
        Some(&desk(&app, "ad@example.com", Role::Admin).await.cookie),
    )
    .await;
    audit.assert_has("category deleted");
}

#[tokio::test]
async fn tags_are_renamed_and_merged_and_search_follows() {
    let app = app().await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    let store = &app.state.store;
    let oil = store
        .tag_id_named("Oil")
        .await
        .unwrap()
        .expect("a demo tag Oil");
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/tags/{oil}"),
        &[("name", "Crude oil")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    get(&app, "/tag/crude-oil", None)
        .await
        .assert_has("Crude oil");
    moved_to(&get(&app, "/tag/oil", None).await, "/tag/crude-oil");
    // The search index holds the new name.
    let found = get(&app, "/api/search?q=crude", None).await;
    assert!(
        found.body.contains("\"total\":") && !found.body.contains("\"total\":0"),
        "{}",
        found.body
    );

    // A name another tag has is refused, naming it.
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/tags/{oil}"),
        &[("name", "Streaming")],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    res.assert_has("merge this tag into it instead");

    // Merge "Television" into "Streaming": one tag left, the old address leads to it.
    let tv = store.tag_id_named("Television").await.unwrap().unwrap();
    let streaming = store.tag_id_named("Streaming").await.unwrap().unwrap();
    let had = store.tag_by_id(tv).await.unwrap().unwrap().articles
        + store.tag_by_id(streaming).await.unwrap().unwrap().articles;
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/tags/{tv}/merge"),
        &[("into", "Nowhere at all")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("There is no tag called “Nowhere at all”");
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/tags/{tv}/merge"),
        &[("into", "Streaming")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(store.tag_by_id(tv).await.unwrap().is_none());
    let now = store.tag_by_id(streaming).await.unwrap().unwrap().articles;
    assert!(now >= 1 && now <= had, "{now} of {had}");
    moved_to(&get(&app, "/tag/television", None).await, "/tag/streaming");
    moved_to(
        &get(&app, "/tag/television/feed", None).await,
        "/tag/streaming/feed",
    );
}

#[tokio::test]
async fn script_in_a_category_name_never_runs() {
    let app = app().await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    let name = "<script>alert(1)</script> Desk";
    let res = send(
        &app,
        &editor,
        "/newsroom/sections",
        &[("name", name), ("slug", "desk")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    for page in ["/newsroom/sections", "/category/desk"] {
        let cookie = page
            .starts_with("/newsroom")
            .then_some(editor.cookie.as_str());
        let res = get(&app, page, cookie).await;
        assert!(
            !res.body.contains("<script>alert(1)"),
            "{page} runs the script"
        );
        assert!(
            res.body.contains("&lt;script&gt;alert(1)"),
            "{page} lost the name"
        );
    }
}

#[tokio::test]
async fn menus_are_edited_as_outlines_and_readers_see_them_at_once() {
    let app = app().await;
    let author = desk(&app, "ana@example.com", Role::Author).await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    assert_eq!(
        get(&app, "/newsroom/menus", Some(&author.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let page = get(&app, "/newsroom/menus", Some(&editor.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    // The demo's primary menu, as an outline with its dropdowns indented.
    page.assert_has("World | /category/world\n  North America | /category/world/north-america");

    let topics = "Harbours | /category/world\nOil &lt;b&gt; | /tag/oil\n";
    let links = topics.replace("&lt;", "<").replace("&gt;", ">");
    let res = send(
        &app,
        &author,
        "/newsroom/menus/topics",
        &[("links", &links)],
    )
    .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = send(
        &app,
        &editor,
        "/newsroom/menus/topics",
        &[("links", &links)],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let home = get(&app, "/", None).await;
    home.assert_has("Harbours");
    assert!(home.body.contains("Oil &lt;b&gt;"), "the label is escaped");
    assert!(
        !home.body.contains("Israel War"),
        "the old topic bar is gone"
    );

    // A bad outline comes back with the line named and the text kept; nothing changes.
    let bad = "Harbours | /category/world\nBroken line without a bar\n";
    let res = send(&app, &editor, "/newsroom/menus/topics", &[("links", bad)]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    res.assert_has("Line 2 needs a label");
    res.assert_has("Broken line without a bar");
    let res = send(
        &app,
        &editor,
        "/newsroom/menus/topics",
        &[("links", "X | javascript:alert(1)")],
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    get(&app, "/", None).await.assert_has("Harbours");
    assert_eq!(
        send(&app, &editor, "/newsroom/menus/nonesuch", &[("links", "")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_tag_made_again_at_an_old_address_is_live_there() {
    let app = app().await;
    let editor = desk(&app, "eve@example.com", Role::Editor).await;
    let oil = app.state.store.tag_id_named("Oil").await.unwrap().unwrap();
    let res = send(
        &app,
        &editor,
        &format!("/newsroom/tags/{oil}"),
        &[("name", "Crude oil")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    moved_to(&get(&app, "/tag/oil", None).await, "/tag/crude-oil");
    // An article tagged "Oil" again makes the tag anew: its address is its own, not a redirect.
    let res = common::newsroom::submit(
        &app,
        &editor,
        "/newsroom/articles",
        "publish",
        &[("tags", "Oil")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        app.state.store.section_moved_to("/tag/oil").await.unwrap(),
        None
    );
    get(&app, "/tag/oil", None)
        .await
        .assert_has("Harbour cranes return to Port Elan");
}
