#![cfg(feature = "ssr")]
//! The contact form over the real router, a real database (SQLite, or PostgreSQL under
//! `TIMELINES_TEST_BACKEND=postgres`) and the SMTP test server (`scripts/with-smtp.sh`): a
//! reader's message is stored, thanked for, listed in the newsroom for editors and admins
//! (opened, answered by mail, deleted) and, with `mail.notify`, mailed to the newsroom; bad
//! input, robots, floods and other sites are refused with the reason, keeping what was typed
//! and storing nothing.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::mail::wait_for;
use common::newsroom::{desk, form, get, post, Call};
use common::{app_with, Page, TestApp};
use scraper::{Html, Selector};
use timelines::server::newsroom::Role;

/// The app with no wait between a form's render and its post, three messages per client an
/// hour, and notices to `notify` (each test its own: they share the SMTP server's Maildir).
async fn contact_app(notify: &str) -> TestApp {
    let notify = notify.to_string();
    app_with(move |c| {
        c.comments.min_seconds = 0;
        c.comments.per_client_per_hour = 3;
        c.mail.notify = notify;
    })
    .await
}

/// The contact form's signed time, from the page.
async fn token(app: &TestApp) -> String {
    let page = app.get("/contact").await;
    assert_eq!(page.status, StatusCode::OK);
    let doc = Html::parse_document(&page.body);
    let sel = Selector::parse("form[action='/contact'] input[name=token]").unwrap();
    doc.select(&sel)
        .next()
        .expect("the contact form")
        .value()
        .attr("value")
        .unwrap()
        .to_string()
}

/// Form fields as (name, value).
type Fields<'a> = Vec<(&'a str, &'a str)>;

const READER: [(&str, &str); 4] = [
    ("name", "Mara Quill"),
    ("email", "mara@example.com"),
    ("subject", "A tip about the harbour"),
    (
        "message",
        "The ferry timetable changed.\nSee https://harbour.example/times",
    ),
];

async fn send(app: &TestApp, fields: &[(&str, &str)], call: Call<'_>) -> Page {
    let token = token(app).await;
    let mut all: Vec<(&str, &str)> = READER.to_vec();
    for (k, v) in fields {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    if !all.iter().any(|(k, _)| *k == "token") {
        all.push(("token", &token));
    }
    post(app, "/contact", &form(&all), call).await
}

async fn stored(app: &TestApp) -> i64 {
    app.state.store.contact_messages(0, 100).await.unwrap().1
}

#[tokio::test]
async fn a_message_is_thanked_for_listed_for_editors_and_mailed_to_the_newsroom() {
    const NEWSROOM: &str = "desk-contact@news.example";
    let app = contact_app(NEWSROOM).await;
    let page = app.get("/contact").await;
    for label in ["Name", "Email", "Subject", "Message"] {
        page.assert_has(&format!(">{label}</label>"));
    }
    page.assert_has("Send message");
    let sent = send(&app, &[], Call::default()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location(), "/contact?sent=1#contact-sent");
    // Sent again at once (a double click): one message.
    let again = send(&app, &[], Call::default()).await;
    assert_eq!(again.location(), "/contact?sent=1#contact-sent");
    assert_eq!(stored(&app).await, 1);
    app.get("/contact?sent=1")
        .await
        .assert_has("your message has reached the newsroom");
    assert!(!app
        .get("/contact")
        .await
        .body
        .contains("has reached the newsroom"));

    // The newsroom's mail: answerable, the reader's words as text, the newsroom's link.
    let notice = wait_for(NEWSROOM, 1).await;
    assert_eq!(notice.subject(), "Contact form: A tip about the harbour");
    assert!(notice.header("Reply-To").contains("mara@example.com"));
    assert!(notice.text().contains("The ferry timetable changed."));
    let (rows, _, _) = app.state.store.contact_messages(0, 10).await.unwrap();
    let id = rows[0].id;
    assert!(notice.text().contains(&format!("/newsroom/messages/{id}")));

    // Authors may not read readers' messages; editors may, and opening one marks it read.
    let author = desk(&app, "au@news.example", Role::Author).await;
    assert_eq!(
        get(&app, "/newsroom/messages", Some(&author.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let editor = desk(&app, "ed@news.example", Role::Editor).await;
    let list = get(&app, "/newsroom/messages", Some(&editor.cookie)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.headers["cache-control"], "private, no-store");
    list.assert_has("1 message, unread.");
    list.assert_has("A tip about the harbour");
    let one = get(
        &app,
        &format!("/newsroom/messages/{id}"),
        Some(&editor.cookie),
    )
    .await;
    one.assert_has("mara@example.com");
    one.assert_has(r#"href="https://harbour.example/times""#);
    one.assert_has("mailto:mara@example.com?subject=Re%3A%20A%20tip%20about%20the%20harbour");
    get(&app, "/newsroom/messages", Some(&editor.cookie))
        .await
        .assert_has("1 message.");
    let deleted = post(
        &app,
        &format!("/newsroom/messages/{id}/delete"),
        &form(&[("csrf", &editor.csrf)]),
        Call {
            cookie: Some(&editor.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(deleted.location(), "/newsroom/messages?done=deleted");
    assert_eq!(stored(&app).await, 0);
    assert_eq!(
        get(
            &app,
            &format!("/newsroom/messages/{id}"),
            Some(&editor.cookie)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_input_robots_and_other_sites_are_refused_keeping_what_was_typed() {
    let app = contact_app("desk-refusals@news.example").await;
    let hostile = "</textarea><script>alert(3)</script>";
    let long = "x".repeat(5_001);
    let cases: Vec<(Fields, &str)> = vec![
        (vec![("name", "")], "Please give your name."),
        (
            vec![("subject", "Tip\r\nBcc: everyone@example.com")],
            "A subject cannot hold line breaks",
        ),
        (
            vec![("name", "Mara\r\nBcc: x@example.com")],
            "cannot hold line breaks",
        ),
        (vec![("subject", "")], "Please give your message a subject."),
        (
            vec![("message", &long)],
            "at most 5,000 characters (yours has 5001)",
        ),
        (
            vec![("email", "not an address")],
            "Please give your email address",
        ),
        (
            vec![("email", "bad"), ("message", hostile), ("subject", hostile)],
            "Please give your email address",
        ),
        (
            vec![("leave_empty", "http://spam.example")],
            "as spam robots do",
        ),
        (
            vec![("token", "123.forged")],
            "This contact form is incomplete",
        ),
    ];
    for (fields, message) in cases {
        let page = send(&app, &fields, Call::default()).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{message}");
        assert_eq!(page.headers["cache-control"], "no-store");
        page.assert_has(message);
        // The contact page again, the form holding what was typed, escaped.
        page.assert_has(r#"id="contact-title""#);
        assert!(!page.body.contains("<script>alert(3)"), "{message}");
        let typed = fields
            .iter()
            .find(|(k, _)| *k == "subject")
            .map_or(READER[2].1, |f| f.1);
        if !typed.contains('<') && !typed.contains('\r') && !typed.is_empty() {
            page.assert_has(&format!(r#"value="{typed}""#));
        }
    }
    // From another site.
    let cross = send(
        &app,
        &[("subject", "Your account is suspended")],
        Call {
            same_origin: false,
            ..Call::default()
        },
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    cross.assert_has("did not come from a page of this site");
    assert!(
        !cross.body.contains("Your account is suspended"),
        "never shown back"
    );
    // A comment form's token is not the contact form's.
    let a = common::new_article("token-source");
    app.state.store.insert_article(&a).await.unwrap();
    let article = app
        .get(&timelines::urls::article(&a.slug, a.published_at))
        .await;
    let doc = Html::parse_document(&article.body);
    let sel = Selector::parse("form.comment-form input[name=token]").unwrap();
    let comment_token = doc
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let borrowed = send(&app, &[("token", &comment_token)], Call::default()).await;
    assert_eq!(borrowed.status, StatusCode::BAD_REQUEST);
    borrowed.assert_has("This contact form is incomplete");
    assert_eq!(stored(&app).await, 0, "nothing stored by any refusal");

    // An address with a non-ASCII domain is an address (kept in its ASCII form).
    let idn = send(&app, &[("email", "anna@bücher.example")], Call::default()).await;
    assert_eq!(idn.status, StatusCode::SEE_OTHER, "{}", idn.body);
    let (rows, _, _) = app.state.store.contact_messages(0, 10).await.unwrap();
    assert_eq!(rows[0].email, "anna@xn--bcher-kva.example");
}

#[tokio::test]
async fn a_flood_from_one_client_waits_and_a_quick_robot_is_told_to() {
    let app = contact_app("desk-flood@news.example").await;
    let client = Call {
        client: "198.51.100.7:4000",
        ..Call::default()
    };
    for n in 0..3 {
        let email = format!("r{n}@example.com");
        let ok = send(
            &app,
            &[("email", &email)],
            Call {
                client: client.client,
                ..Call::default()
            },
        )
        .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER);
    }
    let fourth = send(&app, &[("email", "r9@example.com")], client).await;
    assert_eq!(fourth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        fourth.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<i64>()
            .unwrap()
            > 3_000
    );
    fourth.assert_has("You have sent many messages in a short time");
    assert_eq!(stored(&app).await, 3);

    // A robot posting as the page loads (the default three seconds).
    let slow = app_with(|_| {}).await;
    let quick = send(&slow, &[], Call::default()).await;
    assert_eq!(quick.status, StatusCode::BAD_REQUEST);
    quick.assert_has("That was quick");
}

#[tokio::test]
async fn a_site_without_a_contact_page_takes_no_messages() {
    let app = contact_app("desk-nopage@news.example").await;
    let token = token(&app).await;
    let contact = app
        .state
        .store
        .all_pages()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.slug == "contact")
        .expect("the demo's contact page");
    app.state.store.delete_page(contact.id).await.unwrap();
    let mut all: Vec<(&str, &str)> = READER.to_vec();
    all.push(("token", &token));
    let page = post(&app, "/contact", &form(&all), Call::default()).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_has("no contact page");
    assert_eq!(stored(&app).await, 0);
}
