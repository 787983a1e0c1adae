#![cfg(feature = "ssr")]
//! Autosave over the real router: a new article becomes a draft at its first autosave, later
//! ones save over it, only drafts save themselves, a stale version is refused naming who saved,
//! the checks of the editor apply, revisions are kept at most every 10 minutes, and readers'
//! pages (and their cache) are never touched.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{
    desk, form, get, post, saved_id, send_editor_form, submit, version, Call, Desk,
};
use common::{app, Page, TestApp};
use timelines::server::newsroom::Role;
use timelines::server::store::{SaveAs, Saving, AUTOSAVE, AUTOSAVE_REVISION_SECONDS};

/// Sends the editor's form to `uri` as the island does, with `fields` over these.
async fn autosave(app: &TestApp, d: &Desk, uri: &str, fields: &[(&str, &str)]) -> Page {
    let base = [
        ("title", "Night ferries resume on the Sound"),
        ("dek", "The winter timetable starts early."),
        ("body", "Ferries run again after dark."),
        ("lang", "en"),
        ("tags", "Ferries"),
    ];
    send_editor_form(app, d, uri, &base, fields).await
}

fn json(page: &Page) -> serde_json::Value {
    serde_json::from_str(&page.body).unwrap_or_else(|_| panic!("not JSON: {}", page.body))
}

#[tokio::test]
async fn a_new_article_becomes_a_draft_readers_never_see() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Contributor).await;
    let before = app.state.store.content_version();

    let res = autosave(&app, &ana, "/newsroom/articles/autosave", &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        res.headers["cache-control"], "private, no-store",
        "autosave answers are the newsroom's"
    );
    let saved = json(&res);
    let id = saved["id"].as_i64().unwrap();
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["edit_url"], format!("/newsroom/articles/{id}"));
    assert_eq!(
        saved["autosave_url"],
        format!("/newsroom/articles/{id}/autosave")
    );
    assert!(
        saved["message"].as_str().unwrap().starts_with("Saved at "),
        "{saved}"
    );

    // The next autosave saves over the same draft, from the version the first one gave.
    let res = autosave(
        &app,
        &ana,
        &format!("/newsroom/articles/{id}/autosave"),
        &[
            ("version", "1"),
            ("body", "Ferries run again after dark, every hour."),
        ],
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(json(&res)["version"], 2);
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(
        a.fields.body_md,
        "Ferries run again after dark, every hour."
    );
    assert_eq!(a.fields.slug, "night-ferries-resume-on-the-sound");

    // A draft is nobody's reading: the page cache was not dropped, and no page shows it.
    assert_eq!(app.state.store.content_version(), before);
    for page in ["/", "/category/world", "/search?q=ferries", "/feed"] {
        let res = get(&app, page, None).await;
        assert!(
            !res.body.contains("Night ferries"),
            "{page} shows the draft"
        );
    }
    // The editor lists it as a draft.
    get(&app, "/newsroom?status=draft", Some(&ana.cookie))
        .await
        .assert_has("Night ferries resume on the Sound");
}

#[tokio::test]
async fn only_drafts_save_themselves() {
    let app = app().await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let id = saved_id(&submit(&app, &eve, "/newsroom/articles", "publish", &[]).await);
    let v = version(&app, id).await;
    let res = autosave(
        &app,
        &eve,
        &format!("/newsroom/articles/{id}/autosave"),
        &[("version", &v), ("title", "Changed by itself")],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    let refusal = json(&res);
    assert_eq!(refusal["stop"], true);
    assert!(refusal["message"]
        .as_str()
        .unwrap()
        .contains("Only drafts save by themselves"));
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.fields.title, "Harbour cranes return to Port Elan");

    // The editor offers autosave to drafts only.
    let page = get(&app, &format!("/newsroom/articles/{id}"), Some(&eve.cookie)).await;
    assert!(
        !page.body.contains("/autosave"),
        "a published article autosaves"
    );
    let draft = saved_id(&submit(&app, &eve, "/newsroom/articles", "save", &[("slug", "d")]).await);
    let page = get(
        &app,
        &format!("/newsroom/articles/{draft}"),
        Some(&eve.cookie),
    )
    .await;
    assert!(
        page.body
            .contains(&format!("/newsroom/articles/{draft}/autosave")),
        "a draft does not autosave"
    );
}

#[tokio::test]
async fn a_stale_autosave_is_refused_naming_who_saved_since() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let eve = desk(&app, "eve@example.com", Role::Editor).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let opened = version(&app, id).await;
    // Eve saves after Ana opened the draft.
    let res = submit(
        &app,
        &eve,
        &format!("/newsroom/articles/{id}"),
        "save",
        &[("version", &opened), ("title", "Eve's title")],
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    let res = autosave(
        &app,
        &ana,
        &format!("/newsroom/articles/{id}/autosave"),
        &[("version", &opened), ("title", "Ana's title")],
    )
    .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    let refusal = json(&res);
    let message = refusal["message"].as_str().unwrap();
    assert!(message.contains("eve saved this article"), "{message}");
    assert!(message.contains("Save draft to compare"), "{message}");
    assert_eq!(refusal["stop"], true);
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.fields.title, "Eve's title");
}

#[tokio::test]
async fn autosave_checks_what_the_editor_checks() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let bob = desk(&app, "bob@example.com", Role::Author).await;
    let url = "/newsroom/articles/autosave";

    // Fields: a message naming the field, and nothing made.
    let res = autosave(&app, &ana, url, &[("title", "  ")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let refusal = json(&res);
    assert_eq!(refusal["field"], "title");
    assert_eq!(
        refusal["message"],
        "Not saved yet: Give the article a title."
    );
    assert_eq!(refusal["stop"], false, "typing a title fixes it");
    let res = autosave(&app, &ana, url, &[("category", "999999")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(json(&res)["field"], "category");

    // Someone else's draft is not an author's to save.
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let v = version(&app, id).await;
    let theirs = format!("/newsroom/articles/{id}/autosave");
    let res = autosave(&app, &bob, &theirs, &[("version", &v)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);

    // The form token, the session and the origin are checked as for every newsroom form.
    let forged = Desk {
        cookie: ana.cookie.clone(),
        csrf: "forged".into(),
    };
    let res = autosave(&app, &forged, &theirs, &[("version", &v)]).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert!(json(&res)["message"].as_str().unwrap().contains("expired"));
    let body = form(&[("csrf", &ana.csrf), ("title", "x"), ("version", &v)]);
    let res = post(&app, &theirs, &body, Call::default()).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    let cross = Call {
        cookie: Some(&ana.cookie),
        same_origin: false,
        ..Call::default()
    };
    let res = post(&app, &theirs, &body, cross).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    // An article that is gone says so.
    let res = autosave(&app, &ana, "/newsroom/articles/987654/autosave", &[]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(
        app.state
            .store
            .editable_article(id)
            .await
            .unwrap()
            .unwrap()
            .version,
        v.parse::<i64>().unwrap(),
        "nothing refused was saved"
    );
}

#[tokio::test]
async fn autosaves_keep_a_revision_at_most_every_ten_minutes() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &[]).await);
    let store = &app.state.store;
    let a = store.editable_article(id).await.unwrap().unwrap();
    let first = store.revisions(id).await.unwrap();
    assert_eq!(first.len(), 1, "the explicit save keeps one");
    let start = first[0].at;
    let mut fields = a.fields.clone();
    let mut version = a.version;
    let all = store.all_staff().await.unwrap();
    let who = all
        .iter()
        .find(|s| s.email == "ana@example.com")
        .unwrap()
        .id;
    // Typing for 25 minutes, an autosave a minute: revisions at 10 and 20 minutes only.
    for minute in 1..=25 {
        fields.body_md = format!("Typed for {minute} minutes.");
        let saving = Saving {
            by: who,
            at: start + minute * 60,
            action: AUTOSAVE,
        };
        version = store
            .save_article(id, version, &fields, SaveAs::Keep, saving)
            .await
            .unwrap();
    }
    let kept = store.revisions(id).await.unwrap();
    let autosaved: Vec<i64> = kept
        .iter()
        .filter(|r| r.action == AUTOSAVE)
        .map(|r| (r.at - start) / 60)
        .collect();
    assert_eq!(
        autosaved,
        [20, 10],
        "newest first, {AUTOSAVE_REVISION_SECONDS} s apart"
    );
    // The article itself has every word typed.
    let now = store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(now.fields.body_md, "Typed for 25 minutes.");
}

#[tokio::test]
async fn a_long_article_fits_in_the_form() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    // 150,000 characters of Arabic and accented text: about 1.5 MB percent-encoded.
    let body = "نص طويل é ".repeat(15_000);
    let res = autosave(
        &app,
        &ana,
        "/newsroom/articles/autosave",
        &[("body", &body)],
    )
    .await;
    assert_eq!(
        res.status,
        StatusCode::OK,
        "{}",
        &res.body[..res.body.len().min(300)]
    );
    let id = json(&res)["id"].as_i64().unwrap();
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert!(a.fields.body_md == body, "the body was not kept whole");
}

/// The key the new-article form carries.
fn draft_key(editor: &Page) -> String {
    let at = editor
        .body
        .find(r#"name="draft_key" value=""#)
        .expect("the new-article form carries a key");
    let rest = &editor.body[at + r#"name="draft_key" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn a_first_save_sent_again_continues_the_draft_it_made_instead_of_making_another() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let new = get(&app, "/newsroom/articles/new", Some(&ana.cookie)).await;
    let key = draft_key(&new);
    let first = autosave(
        &app,
        &ana,
        "/newsroom/articles/autosave",
        &[("draft_key", &key)],
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let id = json(&first)["id"].as_i64().unwrap();

    // Its answer was lost: the island, knowing no article yet, sends the newer text the same way.
    let more = [
        ("draft_key", key.as_str()),
        ("body", "Ferries run again after dark, hourly."),
    ];
    let again = autosave(&app, &ana, "/newsroom/articles/autosave", &more).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(json(&again)["id"], id);
    assert_eq!(json(&again)["version"], 2);
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(a.fields.body_md, "Ferries run again after dark, hourly.");

    // Without JavaScript: a new form's Save draft sent twice (the answer lost, the page sent
    // again) saves one article twice.
    let key = draft_key(&get(&app, "/newsroom/articles/new", Some(&ana.cookie)).await);
    let fields = [("draft_key", key.as_str())];
    let first = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &fields).await);
    let second = saved_id(&submit(&app, &ana, "/newsroom/articles", "save", &fields).await);
    assert_eq!(first, second);
    assert_eq!(version(&app, first).await, "2");
    let drafts = get(&app, "/newsroom?status=draft", Some(&ana.cookie)).await;
    assert_eq!(
        drafts
            .body
            .matches("Night ferries resume on the Sound")
            .count(),
        1
    );
    assert_eq!(
        drafts
            .body
            .matches("Harbour cranes return to Port Elan")
            .count(),
        1
    );

    // A key is its account's: another account's form with the same key makes its own article.
    let ben = desk(&app, "ben@example.com", Role::Author).await;
    let bens = autosave(
        &app,
        &ben,
        "/newsroom/articles/autosave",
        &[("draft_key", &key)],
    )
    .await;
    assert_ne!(json(&bens)["id"], id);
    // A new form gets a new key.
    let other = get(&app, "/newsroom/articles/new", Some(&ana.cookie)).await;
    assert_ne!(draft_key(&other), key);
}

#[tokio::test]
async fn only_someone_signed_in_may_send_an_article_sized_form() {
    let app = app().await;
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    // A long article (135,000 characters, within an article's 200,000): more than any reader's
    // form may be.
    let long = "The ferry timetable, paragraph by paragraph. ".repeat(3_000);
    let fields = [("body", long.as_str()), ("title", "A long timetable")];
    let signed_in = autosave(&app, &ana, "/newsroom/articles/autosave", &fields).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    // Signed out (or with a dead session), the same body is refused before it is read whole.
    let stranger = Desk {
        cookie: "timelines_session=not-a-live-session".into(),
        ..ana
    };
    let refused = autosave(&app, &stranger, "/newsroom/articles/autosave", &fields).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A small one gets the usual answer: sign in.
    let small = autosave(&app, &stranger, "/newsroom/articles/autosave", &[]).await;
    assert_eq!(small.status, StatusCode::UNAUTHORIZED);
}
