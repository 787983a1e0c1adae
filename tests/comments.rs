#![cfg(feature = "ssr")]
//! Readers' comments over the real router and a real database (SQLite, or PostgreSQL under
//! `TIMELINES_TEST_BACKEND=postgres`): posted without JavaScript (redirect) and with it (JSON),
//! held until an editor approves, shown through the page cache, refused with a reason, limited
//! per address, answered one level deep, moderated in the newsroom, closed per article, and
//! carried by the comment feeds.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, Call, Desk};
use common::{app_with, new_article, Page, TestApp};
use scraper::{Html, Selector};
use timelines::server::newsroom::Role;
use timelines::server::store::NewArticle;

/// An article published a minute ago; its address.
async fn article(app: &TestApp, slug: &str) -> (i64, String) {
    article_from(app, new_article(slug)).await
}

async fn article_from(app: &TestApp, a: NewArticle) -> (i64, String) {
    let id = app.state.store.insert_article(&a).await.unwrap();
    (id, timelines::urls::article(&a.slug, a.published_at))
}

/// The app with no wait between a form's render and its post (tests post at once).
async fn quick_app() -> TestApp {
    app_with(|c| c.comments.min_seconds = 0).await
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The comment form's hidden fields on the page at `path`.
async fn form_fields(app: &TestApp, path: &str) -> Vec<(String, String)> {
    common::hidden_fields(app, path, "form.comment-form").await
}

/// Posts a comment from the form on `path` with `fields` over its hidden ones.
async fn comment(app: &TestApp, path: &str, fields: &[(&str, &str)], call: Call<'_>) -> Page {
    let mut all = form_fields(app, path).await;
    for (k, v) in fields {
        all.retain(|(name, _)| name != k);
        all.push((k.to_string(), v.to_string()));
    }
    let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(app, "/comments", &form(&pairs), call).await
}

/// Form fields as (name, value).
type Fields<'a> = Vec<(&'a str, &'a str)>;

const READER: [(&str, &str); 3] = [
    ("name", "Mara Quill"),
    ("email", "mara@example.com"),
    ("comment", "The bridge vote deserves a second look."),
];

/// The texts of the comments on a page (`#comments` article bodies).
fn shown(page: &Page) -> Vec<String> {
    let doc = Html::parse_document(&page.body);
    select(&doc, "#comments .comment__body")
        .into_iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn meta_count(page: &Page) -> String {
    let doc = Html::parse_document(&page.body);
    let link = select(&doc, ".article__meta a[href='#comments']");
    link.first()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default()
}

async fn editor(app: &TestApp) -> Desk {
    desk(app, "ed.itor@example.com", Role::Editor).await
}

async fn moderate(app: &TestApp, d: &Desk, id: i64, to: &str) -> Page {
    post(
        app,
        &format!("/newsroom/comments/{id}/status"),
        &form(&[
            ("csrf", &d.csrf),
            ("to", to),
            ("back", "/newsroom/comments"),
        ]),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

/// The id in a `…#comment-<id>` location.
fn comment_id(location: &str) -> i64 {
    location
        .rsplit_once("#comment-")
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("a comment's location: {location:?}"))
}

#[tokio::test]
async fn a_first_comment_is_held_for_its_author_then_approved_and_shown_to_all() {
    let app = quick_app().await;
    let (_, path) = article(&app, "bridge-vote").await;
    let page = app.get(&path).await;
    assert_eq!(meta_count(&page), "No Comments");
    let doc = Html::parse_document(&page.body);
    let section = select(&doc, "section#comments");
    assert_eq!(section.len(), 1, "one comments section");
    let heading = select(&doc, "#comments-title")[0]
        .text()
        .collect::<String>();
    assert_eq!(heading, "No Comments");
    assert!(shown(&page).is_empty());

    let posted = comment(&app, &path, &READER, Call::default()).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let location = posted.location().to_string();
    assert!(location.starts_with(&format!("{path}?held=")), "{location}");
    let id = comment_id(&location);

    // Everyone else's page: nothing yet, through the page cache or not.
    let public = app.get(&path).await;
    assert!(shown(&public).is_empty());
    assert_eq!(meta_count(&public), "No Comments");
    // Its author's link: the comment, marked as waiting.
    let own = app.get(location.split('#').next().unwrap()).await;
    assert_eq!(shown(&own), vec![READER[2].1.to_string()]);
    own.assert_has("Your comment is awaiting moderation.");
    // No shared cache may keep it (nor serve it for the article's address).
    assert_eq!(own.headers["cache-control"], "private, no-store");
    assert_ne!(public.headers["cache-control"], "private, no-store");
    // A link with another signature shows nothing.
    let forged = format!("{path}?held={id}.AAAAAAAAAAAAAAAAAAAAAA");
    assert!(shown(&app.get(&forged).await).is_empty());

    // An editor sees it in the queue and approves it.
    let ed = editor(&app).await;
    let queue = get(&app, "/newsroom/comments", Some(&ed.cookie)).await;
    assert_eq!(queue.status, StatusCode::OK);
    queue.assert_has(READER[2].1);
    queue.assert_has("mara@example.com");
    let done = moderate(&app, &ed, id, "approved").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    let public = app.get(&path).await;
    assert_eq!(shown(&public), vec![READER[2].1.to_string()]);
    assert_eq!(meta_count(&public), "1 Comment");
    // Search engines read the count, and feed readers find the comments' feed.
    public.assert_has(r#""commentCount":1"#);
    public.assert_has(&format!(r#"href="https://news.example{path}/feed""#));
    // The address is never shown to readers.
    assert!(!public.body.contains("mara@example.com"));
    // Cards count it too, linking to the thread.
    let section = app.get("/category/world").await;
    section.assert_has(&format!(r##"href="{path}#comments""##));
    section.assert_has("1 Comment");

    // The address is known now: its next comment (spelled otherwise) appears at once.
    let again = comment(
        &app,
        &path,
        &[
            ("name", "Mara Quill"),
            ("email", "MARA@Example.com"),
            ("comment", "And a follow-up."),
        ],
        Call::default(),
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(!again.location().contains("held="), "{}", again.location());
    let public = app.get(&path).await;
    assert_eq!(shown(&public).len(), 2);
    assert_eq!(meta_count(&public), "2 Comments");

    // Both feeds carry them.
    let feed = app.get("/feed/comments").await;
    assert_eq!(feed.status, StatusCode::OK);
    feed.assert_has("Comment on A test article by Mara Quill");
    feed.assert_has(&format!("{path}#comment-{id}"));
    let own_feed = app.get(&format!("{path}/feed")).await;
    assert_eq!(own_feed.status, StatusCode::OK);
    own_feed.assert_has("And a follow-up.");
    assert_eq!(
        app.get("/2001/01/01/no-such-story/feed").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn comments_are_plain_text_with_reader_links() {
    let app = quick_app().await;
    let (_, path) = article(&app, "plain").await;
    let ed = editor(&app).await;
    let text = "<script>alert(1)</script> <b>bold</b>\n\nSee https://example.org/report";
    let posted = comment(
        &app,
        &path,
        &[
            ("name", "<img src=x onerror=alert(2)>"),
            ("email", "x@example.com"),
            ("comment", text),
        ],
        Call::default(),
    )
    .await;
    let id = comment_id(posted.location());
    moderate(&app, &ed, id, "approved").await;
    let page = app.get(&path).await;
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(!page.body.contains("<img src=x"));
    page.assert_has("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;");
    page.assert_has(r#"<a href="https://example.org/report" rel="nofollow ugc noopener">"#);
    // In the newsroom too.
    let queue = get(&app, "/newsroom/comments?status=approved", Some(&ed.cookie)).await;
    assert!(!queue.body.contains("<script>alert(1)"));
    // And in the feed, escaped once more inside the XML.
    let feed = app.get("/feed/comments").await;
    assert!(!feed.body.contains("<script>alert(1)"));
}

#[tokio::test]
async fn refused_comments_say_why_keep_what_was_typed_and_store_nothing() {
    let app = app_with(|c| c.comments.max_links = 1).await;
    let (id, path) = article(&app, "refusals").await;
    let cases: Vec<(Fields, StatusCode, &str)> = vec![
        (
            vec![("leave_empty", "http://spam.example")],
            StatusCode::BAD_REQUEST,
            "the field to leave empty was filled in",
        ),
        // Posted the moment the form was made (min_seconds is 3 here).
        (vec![], StatusCode::BAD_REQUEST, "That was quick"),
        (
            vec![("token", "1.AAAAAAAAAAAAAAAAAAAAAA")],
            StatusCode::BAD_REQUEST,
            "This comment form is incomplete",
        ),
    ];
    for (fields, status, message) in cases {
        let mut all: Vec<(&str, &str)> = READER.to_vec();
        all.extend(fields);
        let page = comment(&app, &path, &all, Call::default()).await;
        assert_eq!(page.status, status, "{message}: {}", page.body);
        page.assert_has(message);
        assert_eq!(
            page.headers.get("cache-control").unwrap(),
            "no-store",
            "{message}"
        );
    }
    // The rest once the form is old enough.
    let app = app_with(|c| {
        c.comments.min_seconds = 0;
        c.comments.max_links = 1;
    })
    .await;
    let (id2, path) = article(&app, "refusals").await;
    let long = "x".repeat(5_001);
    let hostile = "</textarea><script>alert(3)</script>";
    let cases: Vec<(Fields, &str)> = vec![
        (vec![("name", "")], "Please give your name."),
        (
            vec![("name", "Mara\r\nBcc: all@example.com")],
            "cannot hold line breaks",
        ),
        (
            vec![("email", "not an address")],
            "Please give your email address",
        ),
        (vec![("email", "pаypal@example.com")], "only look alike"),
        (vec![("comment", "   ")], "Please write your comment."),
        (
            vec![("comment", &long)],
            "at most 5,000 characters (yours has 5001)",
        ),
        (
            vec![("comment", "https://a.example and https://b.example")],
            "may hold one web address (yours has 2)",
        ),
        (
            vec![("email", "bad"), ("comment", hostile)],
            "Please give your email address",
        ),
        (vec![("parent", "999999")], "no longer there"),
    ];
    for (fields, message) in cases {
        let mut all: Vec<(&str, &str)> = READER.to_vec();
        all.extend(fields.clone());
        let page = comment(&app, &path, &all, Call::default()).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{message}: {}",
            &page.body[..200.min(page.body.len())]
        );
        page.assert_has(message);
        // The article page again, the form holding what was typed.
        page.assert_has(r#"id="comments""#);
        let doc = Html::parse_document(&page.body);
        let name = select(&doc, "#comment-name")[0]
            .value()
            .attr("value")
            .unwrap_or_default()
            .to_string();
        let typed_name = all.iter().rev().find(|(k, _)| *k == "name").unwrap().1;
        let first_word = typed_name.split_whitespace().next().unwrap_or_default();
        assert!(name.starts_with(first_word), "{message}: kept {name:?}");
        assert!(!page.body.contains("<script>alert(3)"), "{message}");
    }
    // An article not yet published, one closed to comments, a post from another site.
    let (later, later_path) = article_from(
        &app,
        NewArticle {
            published_at: time::OffsetDateTime::now_utc().unix_timestamp() + 86_400,
            ..new_article("tomorrow")
        },
    )
    .await;
    let token = form_fields(&app, &path)
        .await
        .into_iter()
        .find(|(k, _)| k == "token")
        .unwrap()
        .1;
    let later_id = later.to_string();
    let mut to_later: Vec<(&str, &str)> = READER.to_vec();
    to_later.extend([("article", later_id.as_str()), ("token", token.as_str())]);
    let page = post(&app, "/comments", &form(&to_later), Call::default()).await;
    assert_eq!(
        page.status,
        StatusCode::NOT_FOUND,
        "{later_path}: {}",
        page.body
    );
    page.assert_has("There is no such article to comment on.");

    let ed = editor(&app).await;
    let closing = post(
        &app,
        &format!("/newsroom/articles/{id2}/comments"),
        &form(&[("csrf", &ed.csrf), ("closed", "1")]),
        Call {
            cookie: Some(&ed.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(closing.status, StatusCode::SEE_OTHER, "{}", closing.body);
    let page = app.get(&path).await;
    page.assert_has("Comments are closed.");
    assert!(!page.body.contains("comment-form"));
    let mut to_closed: Vec<(&str, &str)> = READER.to_vec();
    let id2s = id2.to_string();
    to_closed.extend([("article", id2s.as_str()), ("token", token.as_str())]);
    let page = post(&app, "/comments", &form(&to_closed), Call::default()).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    page.assert_has("Comments are closed on this article.");

    let cross = post(
        &app,
        "/comments",
        &form(&to_closed),
        Call {
            same_origin: false,
            ..Call::default()
        },
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    cross.assert_has("did not come from a page of this site");

    // Nothing was stored by any of it.
    assert_eq!(
        app.state.store.comment_counts(None).await.unwrap(),
        [0, 0, 0, 0]
    );
    let _ = id;
}

#[tokio::test]
async fn a_flood_from_one_address_or_client_waits_its_turn() {
    let app = app_with(|c| {
        c.comments.min_seconds = 0;
        c.comments.per_address_per_hour = 3;
        c.comments.per_client_per_hour = 5;
    })
    .await;
    let (_, path) = article(&app, "flood").await;
    for i in 0..3 {
        let page = comment(&app, &path, &READER, Call::default()).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "comment {i}");
    }
    let page = comment(&app, &path, &READER, Call::default()).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    page.assert_has("Please wait");
    let wait: i64 = page.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3_000..=3_600).contains(&wait), "{wait}");
    // Other addresses from the same client: two more, then it is the client that waits.
    for (i, email) in ["b@example.com", "c@example.com"].iter().enumerate() {
        let page = comment(
            &app,
            &path,
            &[("email", email), READER[0], READER[2]],
            Call::default(),
        )
        .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "address {i}");
    }
    let page = comment(
        &app,
        &path,
        &[("email", "d@example.com"), READER[0], READER[2]],
        Call::default(),
    )
    .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    // Another client is not held back by this one.
    let page = comment(
        &app,
        &path,
        &[("email", "e@example.com"), READER[0], READER[2]],
        Call {
            client: "198.51.100.9:4000",
            ..Call::default()
        },
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(app.state.store.comment_counts(None).await.unwrap()[0], 6);
}

#[tokio::test]
async fn the_page_script_gets_json() {
    let app = quick_app().await;
    let (_, path) = article(&app, "json").await;
    let fields = form_fields(&app, &path).await;
    let mut pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    pairs.extend(READER);
    let send = |body: String| {
        let app = &app;
        async move {
            let mut req = axum::http::Request::post("/comments")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("origin", common::PUBLIC_URL)
                .body(axum::body::Body::from(body))
                .unwrap();
            req.extensions_mut().insert(axum::extract::ConnectInfo(
                "192.0.2.1:5000".parse::<std::net::SocketAddr>().unwrap(),
            ));
            app.request(req).await
        }
    };
    let page = send(form(&pairs)).await;
    assert_eq!(page.status, StatusCode::CREATED, "{}", page.body);
    let posted: timelines::model::CommentPosted = serde_json::from_str(&page.body).unwrap();
    assert!(posted.held);
    assert!(posted.href.starts_with(&format!("{path}?held=")));
    assert!(posted.html.contains("Mara Quill"), "{}", posted.html);
    assert!(posted.html.contains("Your comment is awaiting moderation."));
    assert!(posted.message.contains("awaiting moderation"));
    // Refused: the reason as JSON, at the refusal's status.
    pairs.retain(|(k, _)| *k != "email");
    pairs.push(("email", "nope"));
    let page = send(form(&pairs)).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    let refused: timelines::model::CommentError = serde_json::from_str(&page.body).unwrap();
    assert!(refused.error.contains("email address"), "{}", refused.error);
}

#[tokio::test]
async fn replies_go_under_their_comment_and_editors_moderate_and_answer() {
    let app = quick_app().await;
    let (_, path) = article(&app, "thread").await;
    let ed = editor(&app).await;
    let first = comment(&app, &path, &READER, Call::default()).await;
    let parent = comment_id(first.location());
    // Not approved yet: no Reply link and no answering it.
    assert!(!app.get(&path).await.body.contains("?reply="));
    moderate(&app, &ed, parent, "approved").await;
    let page = app.get(&path).await;
    page.assert_has(&format!(r##"href="{path}?reply={parent}#respond""##));

    let asked = app.get(&format!("{path}?reply={parent}")).await;
    asked.assert_has("Reply to Mara Quill");
    asked.assert_has(&format!(r#"name="parent" value="{parent}""#));
    let reply = comment(
        &app,
        &format!("{path}?reply={parent}"),
        &[
            ("name", "Idris"),
            ("email", "idris@example.com"),
            ("comment", "I disagree."),
        ],
        Call::default(),
    )
    .await;
    let reply_id = comment_id(reply.location());
    moderate(&app, &ed, reply_id, "approved").await;
    let page = app.get(&path).await;
    let doc = Html::parse_document(&page.body);
    let nested = select(
        &doc,
        &format!("#comment-{parent} .comments--replies #comment-{reply_id}"),
    );
    assert_eq!(nested.len(), 1, "the reply sits under its comment");
    // A reply to a reply is refused (one level deep).
    let deeper = comment(
        &app,
        &path,
        &[
            ("parent", &reply_id.to_string()),
            READER[0],
            READER[1],
            READER[2],
        ],
        Call::default(),
    )
    .await;
    assert_eq!(deeper.status, StatusCode::BAD_REQUEST);

    // The editor answers from the newsroom: at once, marked as staff.
    let answered = post(
        &app,
        &format!("/newsroom/comments/{reply_id}/reply"),
        &form(&[
            ("csrf", &ed.csrf),
            ("comment", "Thanks, we have corrected it."),
        ]),
        Call {
            cookie: Some(&ed.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let page = app.get(&path).await;
    page.assert_has("Thanks, we have corrected it.");
    page.assert_has("(staff)");
    assert_eq!(meta_count(&page), "3 Comments");

    // Editing an approved comment shows at once; trashing the parent takes its replies along.
    let edited = post(
        &app,
        &format!("/newsroom/comments/{parent}"),
        &form(&[
            ("csrf", &ed.csrf),
            ("name", "Mara Q."),
            ("comment", "Edited by the desk."),
        ]),
        Call {
            cookie: Some(&ed.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    app.get(&path).await.assert_has("Edited by the desk.");
    moderate(&app, &ed, parent, "trash").await;
    let page = app.get(&path).await;
    assert!(shown(&page).is_empty());
    assert_eq!(meta_count(&page), "No Comments");
    // Deleted for good from the trash; an approved comment cannot be.
    let gone = post(
        &app,
        &format!("/newsroom/comments/{parent}/delete"),
        &form(&[
            ("csrf", &ed.csrf),
            ("back", "/newsroom/comments?status=trash"),
        ]),
        Call {
            cookie: Some(&ed.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert_eq!(
        get(
            &app,
            &format!("/newsroom/comments/{parent}"),
            Some(&ed.cookie)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn only_editors_and_admins_moderate() {
    let app = quick_app().await;
    let (id, _) = article(&app, "who").await;
    let author = desk(&app, "au.thor@example.com", Role::Author).await;
    let page = get(&app, "/newsroom/comments", Some(&author.cookie)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let closing = post(
        &app,
        &format!("/newsroom/articles/{id}/comments"),
        &form(&[("csrf", &author.csrf), ("closed", "1")]),
        Call {
            cookie: Some(&author.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(closing.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.state.store.comments_closed(id).await.unwrap(),
        Some(false)
    );
    // Signed out: sent to sign in.
    let page = get(&app, "/newsroom/comments", None).await;
    assert!(
        page.status.is_redirection() || page.status == StatusCode::UNAUTHORIZED,
        "{}",
        page.status
    );
    // The queue answers private, never stored.
    let ed = editor(&app).await;
    let page = get(&app, "/newsroom/comments", Some(&ed.cookie)).await;
    assert_eq!(page.headers["cache-control"], "private, no-store");
}

#[tokio::test]
async fn an_address_with_a_non_ascii_domain_is_taken_in_its_ascii_form() {
    let app = quick_app().await;
    let (_, path) = article(&app, "idn").await;
    let page = comment(
        &app,
        &path,
        &[
            ("name", "Jürgen"),
            ("email", "jürgen@bücher.de"),
            ("comment", "Guten Tag."),
        ],
        Call::default(),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let id = comment_id(page.location());
    let stored = app.state.store.comment(id).await.unwrap().unwrap();
    assert_eq!(stored.comment.email, "jürgen@xn--bcher-kva.de");
}

#[tokio::test]
async fn the_newsroom_is_told_by_mail_of_a_held_comment_when_it_asks() {
    const NEWSROOM: &str = "desk-held@news.example";
    let app = app_with(|c| {
        c.comments.min_seconds = 0;
        c.mail.notify = NEWSROOM.into();
    })
    .await;
    let (_, path) = article(&app, "held-notice").await;
    let posted = comment(&app, &path, &READER, Call::default()).await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let notice = common::mail::wait_for(NEWSROOM, 1).await;
    assert_eq!(
        notice.subject(),
        "Comment awaiting moderation: A test article"
    );
    assert!(notice.text().contains("A comment by Mara Quill"));
    assert!(notice
        .text()
        .contains("The bridge vote deserves a second look."));
    assert!(notice.text().contains("/newsroom/comments/"));
}
