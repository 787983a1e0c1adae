#![cfg(feature = "ssr")]
//! The newsletter's double opt-in over the real router, a real database and a real SMTP server
//! (aiosmtpd, `scripts/with-smtp.sh`): signing up sends a confirmation message, whose link
//! (followed as a reader follows it) confirms the address; every message carries the unsubscribe
//! link and RFC 8058's headers, and the one-click unsubscription works; altered, replayed and
//! expired links get a clear answer; a failing SMTP server leaves the message queued for a retry.
//! The digest: an editor sends it from the newsroom (or the schedule does), each confirmed
//! address gets it once with its own unsubscribe link, and addresses stored before double
//! opt-in can be asked to confirm.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::mail::{messages_to, wait_for};
use common::metrics;
use common::newsroom::{desk, form, get, post, Call, Desk};
use common::{app, app_with, new_article, Page, TestApp, PUBLIC_URL};
use timelines::server::mail::links;
use timelines::server::metrics::MAIL;
use timelines::server::newsroom::Role;
use timelines::server::store::NewArticle;

fn unique(name: &str) -> String {
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{name}-{n}@example.com")
}

async fn sign_up(app: &TestApp, email: &str) -> Page {
    post(
        app,
        "/subscribe",
        &form(&[("email", email)]),
        Call::default(),
    )
    .await
}

/// The path and query of one of the site's absolute links.
fn local(link: &str) -> String {
    link.strip_prefix(PUBLIC_URL)
        .unwrap_or_else(|| panic!("{link} is not on {PUBLIC_URL}"))
        .to_string()
}

/// Follows a link from a message as a reader does: opens it (a page with a button), then
/// presses the button.
async fn follow(app: &TestApp, link: &str) -> String {
    let opened = app.get(&local(link)).await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{link}");
    let page = app.get(opened.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.headers["cache-control"], "private, no-store",
        "a token's page is the reader's"
    );
    let doc = scraper::Html::parse_document(&page.body);
    let form_sel = scraper::Selector::parse(".subscribe__link form").unwrap();
    let form_el = doc.select(&form_sel).next().expect("a button form");
    let action = form_el.value().attr("action").unwrap().to_string();
    let token_sel = scraper::Selector::parse("input[name=token]").unwrap();
    let token = form_el
        .select(&token_sel)
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let done = post(app, &action, &form(&[("token", &token)]), Call::default()).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    done.location().to_string()
}

async fn confirmed(app: &TestApp, email: &str) -> bool {
    app.state
        .store
        .confirmed_subscribers()
        .await
        .unwrap()
        .iter()
        .any(|(_, e, _)| e == email)
}

#[tokio::test]
async fn sign_up_confirm_by_mail_and_leave_with_one_click() {
    let app = app().await;
    let email = unique("ann");
    let sent = [("kind", "confirm"), ("outcome", "sent")];
    let sent_before = metrics::now(&app.state, MAIL, &sent);
    let page = sign_up(&app, &email).await;
    assert_eq!(page.location(), "/subscribe?result=subscribed");
    app.get(page.location())
        .await
        .assert_has("we've sent you an email");
    assert!(!confirmed(&app, &email).await, "not before the link");

    let mail = wait_for(&email, 1).await;
    metrics::rises(&app.state, MAIL, &sent, sent_before).await;
    assert_eq!(
        mail.subject(),
        "Confirm your subscription to West Timelines"
    );
    assert!(
        mail.header("From").contains("newsletter@news.example"),
        "{}",
        mail.header("From")
    );
    let unsubscribe = mail.header("List-Unsubscribe");
    assert!(
        unsubscribe.starts_with(&format!("<{PUBLIC_URL}/subscribe/unsubscribe?token=")),
        "{unsubscribe}"
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert!(mail.html().contains("Confirm my subscription"));
    assert!(mail.text().contains("The link works for 7 days."));

    let confirm = mail.link(&format!("{PUBLIC_URL}/subscribe/confirm?token="));
    assert_eq!(follow(&app, &confirm).await, "/subscribe?result=confirmed");
    assert!(confirmed(&app, &email).await);
    app.get("/subscribe?result=confirmed")
        .await
        .assert_has("your subscription is confirmed");
    // Followed again: still confirmed, nothing else happens.
    assert_eq!(follow(&app, &confirm).await, "/subscribe?result=confirmed");
    // Signing up again: the page answers as for anyone (it does not tell who is on the list);
    // the address is told by mail that it is subscribed already.
    let again = sign_up(&app, &email.to_uppercase()).await;
    assert_eq!(again.location(), "/subscribe?result=subscribed");

    // The mail provider's one-click button (RFC 8058): a POST to the header's address, here
    // in multipart/form-data, from no page of the site.
    let one_click = local(unsubscribe.trim_start_matches('<').trim_end_matches('>'));
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--{boundary}--\r\n"
    );
    let req = axum::http::Request::post(&one_click)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .unwrap();
    let left = app.request(req).await;
    assert_eq!(left.status, StatusCode::OK, "{}", left.body);
    left.assert_has("You're unsubscribed");
    assert!(!confirmed(&app, &email).await);
    // Within ten minutes of the last message, nothing more was sent.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(messages_to(&email).len(), 1, "one message in all");
}

#[tokio::test]
async fn a_subscribed_address_signing_up_again_is_told_so_by_mail() {
    let app = app().await;
    let email = unique("fay");
    sign_up(&app, &email).await;
    let confirm = wait_for(&email, 1)
        .await
        .link(&format!("{PUBLIC_URL}/subscribe/confirm?token="));
    follow(&app, &confirm).await;
    // Eleven minutes later (the store is given the time; the message really goes out).
    let later = time::OffsetDateTime::now_utc().unix_timestamp()
        + timelines::server::store::CONFIRM_AGAIN_AFTER
        + 60;
    let address = timelines::server::email::canonical(&email).unwrap();
    let sender = app.state.mail_sender();
    let done = app
        .state
        .store
        .sign_up(&address, later, |_, confirmed| {
            assert!(confirmed, "the store knows it is confirmed");
            Ok(timelines::server::mail::compose::already_subscribed(
                &sender,
                &email,
                "https://news.example/u",
            )
            .unwrap())
        })
        .await
        .unwrap();
    assert_eq!(
        done,
        timelines::server::store::SignUp::Confirmed { mailed: true }
    );
    // Queued as of eleven minutes from now, so sent here rather than by the worker.
    let queued = app.state.store.claim_mail(later, 50).await.unwrap();
    let row = queued
        .iter()
        .find(|r| r.recipient == email)
        .expect("the note is queued");
    assert_eq!(row.kind, "notice");
    app.state
        .mailer
        .send(&row.recipient, &row.message)
        .await
        .unwrap();
    let note = wait_for(&email, 2).await;
    assert_eq!(
        note.subject(),
        "You're already subscribed to West Timelines"
    );
    assert!(confirmed(&app, &email).await, "still subscribed");
}

#[tokio::test]
async fn altered_expired_and_foreign_links_are_refused() {
    let app = app().await;
    let email = unique("bob");
    sign_up(&app, &email).await;
    let mail = wait_for(&email, 1).await;
    let confirm = mail.link(&format!("{PUBLIC_URL}/subscribe/confirm?token="));
    let token = confirm.rsplit_once("token=").unwrap().1.to_string();

    let press = |token: String| {
        let app = &app;
        async move {
            post(
                app,
                "/subscribe/confirm",
                &form(&[("token", &token)]),
                Call::default(),
            )
            .await
            .location()
            .to_string()
        }
    };
    let mut altered = token.clone();
    let last = altered.pop().unwrap();
    altered.push(if last == 'A' { 'B' } else { 'A' });
    assert_eq!(press(altered).await, "/subscribe?result=link-invalid");
    assert_eq!(
        press("garbage".into()).await,
        "/subscribe?result=link-invalid"
    );
    assert_eq!(press(String::new()).await, "/subscribe?result=link-invalid");
    // Another subscriber's id under this signature.
    let (id, rest) = token.split_once('.').unwrap();
    let other = format!("{}.{rest}", id.parse::<i64>().unwrap() + 1);
    assert_eq!(press(other).await, "/subscribe?result=link-invalid");
    // A link made eight days ago.
    let key = app.state.store.signing_key();
    let subscriber: i64 = id.parse().unwrap();
    let week_ago = time::OffsetDateTime::now_utc().unix_timestamp() - 8 * 86_400;
    let old = links::confirm_token(key, subscriber, &email, week_ago);
    assert_eq!(press(old).await, "/subscribe?result=link-expired");
    app.get("/subscribe?result=link-expired")
        .await
        .assert_has("That confirmation link has expired");
    assert!(!confirmed(&app, &email).await);
    // The real one still works.
    assert_eq!(press(token).await, "/subscribe?result=confirmed");
}

#[tokio::test]
async fn signing_up_twice_sends_one_message_and_leaving_then_returning_asks_again() {
    let app = app().await;
    let email = unique("cat");
    sign_up(&app, &email).await;
    let again = sign_up(&app, &email).await;
    assert_eq!(again.location(), "/subscribe?result=subscribed");
    let first = wait_for(&email, 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(
        messages_to(&email).len(),
        1,
        "no second message within ten minutes"
    );

    let unsubscribe = first.header("List-Unsubscribe");
    let link = unsubscribe.trim_start_matches('<').trim_end_matches('>');
    // A reader's click opens the page with its button.
    assert_eq!(follow(&app, link).await, "/subscribe?result=unsubscribed");
    app.get("/subscribe?result=unsubscribed")
        .await
        .assert_has("You're unsubscribed");
    // Back again: unconfirmed until a link is followed (no new message within ten minutes of
    // the last, so that nobody can fill another's inbox with them).
    let back = sign_up(&app, &email).await;
    assert_eq!(back.location(), "/subscribe?result=subscribed");
    assert!(!confirmed(&app, &email).await);
}

#[tokio::test]
async fn a_failing_smtp_server_leaves_the_message_queued_for_a_retry() {
    // Nothing listens on port 1.
    let app = app_with(|c| c.mail.smtp_url = "smtp://127.0.0.1:1".into()).await;
    let email = unique("dan");
    let retry = [("kind", "confirm"), ("outcome", "retry")];
    let retries_before = metrics::now(&app.state, MAIL, &retry);
    assert_eq!(
        sign_up(&app, &email).await.location(),
        "/subscribe?result=subscribed"
    );
    let start = std::time::Instant::now();
    let row = loop {
        let log = app.state.store.mail_log(Some("confirm"), 10).await.unwrap();
        if let Some(row) = log
            .into_iter()
            .find(|r| r.recipient == email && r.attempts > 0 && !r.last_error.is_empty())
        {
            break row;
        }
        assert!(start.elapsed().as_secs() < 15, "the worker never tried");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(row.status, "queued", "due again after the back-off");
    assert!(row.next_attempt_at > time::OffsetDateTime::now_utc().unix_timestamp());
    metrics::rises(&app.state, MAIL, &retry, retries_before).await;
}

#[tokio::test]
async fn subscribers_from_before_are_unconfirmed() {
    let app = app().await;
    let address = timelines::server::email::canonical(&unique("eve")).unwrap();
    app.state.store.add_subscriber(&address, 1).await.unwrap();
    assert!(!confirmed(&app, &address.email).await);
}

/// Signs `email` up and follows its confirmation link.
async fn subscribed(app: &TestApp, email: &str) {
    sign_up(app, email).await;
    let confirm = wait_for(email, 1)
        .await
        .link(&format!("{PUBLIC_URL}/subscribe/confirm?token="));
    assert_eq!(follow(app, &confirm).await, "/subscribe?result=confirmed");
}

/// Stores an article published at `at` with `views` (millions: above the demo's articles).
async fn story(app: &TestApp, slug: &str, title: &str, at: i64, views: i64) {
    let a = NewArticle {
        title: title.into(),
        published_at: at,
        updated_at: at,
        views,
        ..new_article(slug)
    };
    app.state.store.insert_article(&a).await.unwrap();
}

/// The value of the field `name` in the form posting to `action` on `page`.
fn field(page: &Page, action: &str, name: &str) -> String {
    let doc = scraper::Html::parse_document(&page.body);
    let sel =
        scraper::Selector::parse(&format!("form[action='{action}'] input[name={name}]")).unwrap();
    doc.select(&sel)
        .next()
        .unwrap_or_else(|| panic!("no {name} in the form to {action}: {}", page.body))
        .value()
        .attr("value")
        .unwrap()
        .to_string()
}

async fn newsletter_page(app: &TestApp, d: &Desk, query: &str) -> Page {
    let page = get(
        app,
        &format!("/newsroom/newsletter{query}"),
        Some(&d.cookie),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers["cache-control"], "private, no-store");
    page
}

async fn send_form(app: &TestApp, d: &Desk, period: &str, nonce: &str) -> Page {
    post(
        app,
        "/newsroom/newsletter/send",
        &form(&[("csrf", &d.csrf), ("period", period), ("nonce", nonce)]),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

#[tokio::test]
async fn an_editor_sends_the_digest_and_each_confirmed_reader_gets_it_once() {
    let app = app().await;
    let (ann, bob, cat) = (unique("ann"), unique("bob"), unique("cat"));
    subscribed(&app, &ann).await;
    subscribed(&app, &bob).await;
    sign_up(&app, &cat).await; // never confirms
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    story(
        &app,
        "digest-second",
        "Harbour <b>reopens</b> & ferries return",
        now - 7_200,
        5_000_000,
    )
    .await;
    story(
        &app,
        "digest-first",
        "Council votes on the river bridge",
        now - 3_600,
        9_000_000,
    )
    .await;
    story(
        &app,
        "digest-old",
        "Last week's storm, counted",
        now - 3 * 86_400,
        90_000_000,
    )
    .await;

    let editor = desk(&app, "ed@news.example", Role::Editor).await;
    let page = newsletter_page(&app, &editor, "").await;
    page.assert_has("2 confirmed addresses receive");
    page.assert_has("1 address waits");
    page.assert_has("Send newsletter to 2 subscribers");
    page.assert_has("Harbour &lt;b&gt;reopens&lt;/b&gt; &amp; ferries return");
    assert!(
        !page.body.contains("counted"),
        "three days old: not in the day's digest"
    );
    let week = newsletter_page(&app, &editor, "?period=week").await;
    week.assert_has("storm, counted");
    let nonce = field(&page, "/newsroom/newsletter/send", "nonce");

    let sent = send_form(&app, &editor, "day", &nonce).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let issue = sent.location().split('?').next().unwrap().to_string();
    assert_eq!(sent.location(), format!("{issue}?done=sent"));
    // The same form again (a double click, a resent form): nothing more goes out.
    let again = send_form(&app, &editor, "day", &nonce).await;
    assert_eq!(again.location(), format!("{issue}?done=exists"));

    let digest = wait_for(&ann, 2).await;
    assert!(
        digest
            .subject()
            .starts_with("West Timelines: the day's top stories, "),
        "{}",
        digest.subject()
    );
    let html = digest.html();
    let first = html
        .find("Council votes on the river bridge")
        .expect("the most read");
    let second = html
        .find("Harbour &lt;b&gt;reopens&lt;/b&gt; &amp; ferries return")
        .expect("escaped");
    assert!(first < second, "most read first");
    assert!(!html.contains("counted"));
    assert!(digest
        .text()
        .contains("1. Council votes on the river bridge"));
    assert!(
        digest.text().contains(&format!("{PUBLIC_URL}/20")),
        "article links"
    );
    assert_eq!(
        digest.header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    let bob_digest = wait_for(&bob, 2).await;
    assert_ne!(
        digest.header("List-Unsubscribe"),
        bob_digest.header("List-Unsubscribe"),
        "each address its own link"
    );
    // The issue's page: both delivered.
    // Editors see the numbers, admins the addresses too.
    let admin = desk(&app, "admin@news.example", Role::Admin).await;
    let start = std::time::Instant::now();
    loop {
        let page = get(&app, &issue, Some(&editor.cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        if page
            .body
            .contains("Queued to 2 addresses: 2 delivered, 0 waiting, 0 failed.")
        {
            assert!(
                !page.body.contains(&ann),
                "subscribers' addresses: admins only"
            );
            page.assert_has("shown to admins only");
            let page = get(&app, &issue, Some(&admin.cookie)).await;
            assert!(page.body.contains(&ann) && page.body.contains(&bob));
            assert!(!page.body.contains(&cat));
            break;
        }
        assert!(start.elapsed().as_secs() < 15, "{}", page.body);
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let log = newsletter_page(&app, &editor, "").await;
    log.assert_has("Send log");
    log.assert_has(&issue);

    // The digest's unsubscribe link works; the next issue does not go to that address.
    let leave = digest.link(&format!("{PUBLIC_URL}/subscribe/unsubscribe?token="));
    assert_eq!(follow(&app, &leave).await, "/subscribe?result=unsubscribed");
    let next = newsletter_page(&app, &editor, "").await;
    next.assert_has("Send newsletter to 1 subscriber");
    let nonce = field(&next, "/newsroom/newsletter/send", "nonce");
    assert_eq!(
        send_form(&app, &editor, "week", &nonce).await.status,
        StatusCode::SEE_OTHER
    );
    wait_for(&bob, 3).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(messages_to(&ann).len(), 2, "confirmation and one digest");
    assert_eq!(messages_to(&cat).len(), 1, "only its confirmation");
}

#[tokio::test]
async fn only_editors_and_admins_send_and_a_forged_form_is_refused() {
    let app = app().await;
    let author = desk(&app, "au@news.example", Role::Author).await;
    let page = get(&app, "/newsroom/newsletter", Some(&author.cookie)).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("href=\"/newsroom/newsletter\""));
    let nonce = "A".repeat(43);
    assert_eq!(
        send_form(&app, &author, "day", &nonce).await.status,
        StatusCode::FORBIDDEN
    );
    let editor = desk(&app, "ed@news.example", Role::Editor).await;
    for (period, nonce) in [
        ("month", nonce.as_str()),
        ("day", "short"),
        ("day", "<script>"),
    ] {
        let refused = send_form(&app, &editor, period, nonce).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{period} {nonce}");
        assert!(refused
            .body
            .contains("This form is not one the newsletter page made"));
    }
    // Without the form token, or from another site.
    let no_token = post(
        &app,
        "/newsroom/newsletter/send",
        &form(&[("period", "day"), ("nonce", &nonce)]),
        Call {
            cookie: Some(&editor.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    let cross = post(
        &app,
        "/newsroom/newsletter/send",
        &form(&[("csrf", &editor.csrf), ("period", "day"), ("nonce", &nonce)]),
        Call {
            cookie: Some(&editor.cookie),
            same_origin: false,
            ..Call::default()
        },
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(app
        .state
        .store
        .issue_log(None, 10)
        .await
        .unwrap()
        .is_empty());
    let missing = get(
        &app,
        "/newsroom/newsletter/issues/sent-nothing",
        Some(&editor.cookie),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn subscribers_from_before_double_opt_in_are_asked_to_confirm_when_an_editor_says() {
    let app = app().await;
    let email = unique("gus");
    let address = timelines::server::email::canonical(&email).unwrap();
    app.state.store.add_subscriber(&address, 1).await.unwrap();
    let editor = desk(&app, "ed@news.example", Role::Editor).await;
    let page = newsletter_page(&app, &editor, "").await;
    page.assert_has("Send a confirmation to 1 address");
    let asked = post(
        &app,
        "/newsroom/newsletter/confirmations",
        &form(&[("csrf", &editor.csrf)]),
        Call {
            cookie: Some(&editor.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(asked.location(), "/newsroom/newsletter?done=asked&n=1");
    newsletter_page(&app, &editor, "?done=asked&n=1")
        .await
        .assert_has("A confirmation is on its way to 1 address.");
    let mail = wait_for(&email, 1).await;
    assert_eq!(
        mail.subject(),
        "Confirm your subscription to West Timelines"
    );
    let confirm = mail.link(&format!("{PUBLIC_URL}/subscribe/confirm?token="));
    assert_eq!(follow(&app, &confirm).await, "/subscribe?result=confirmed");
    assert!(confirmed(&app, &email).await);
    // Asked once: pressing again sends nothing.
    let again = post(
        &app,
        "/newsroom/newsletter/confirmations",
        &form(&[("csrf", &editor.csrf)]),
        Call {
            cookie: Some(&editor.cookie),
            ..Call::default()
        },
    )
    .await;
    assert_eq!(again.location(), "/newsroom/newsletter?done=asked&n=0");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(messages_to(&email).len(), 1);
}

#[tokio::test]
async fn the_schedule_sends_the_digest_by_itself_once_with_two_servers_running() {
    // The first server, with no schedule, holds the readers and the articles.
    let first = app().await;
    let email = unique("hal");
    subscribed(&first, &email).await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let hour_start = now - now % 3_600;
    story(
        &first,
        "scheduled-story",
        "Morning markets open calm",
        hour_start - 1_800,
        9_000_000,
    )
    .await;
    // Two more on the same database, sending daily at this hour (UTC): it is due now.
    let url = first.state.config.server.database_url.clone();
    let hour = ((now % 86_400) / 3_600) as u32;
    let scheduled = |url: String| {
        app_with(move |c| {
            c.server.database_url = url;
            c.server.load_demo = false;
            c.newsletter.schedule = "daily".into();
            c.newsletter.hour = hour;
        })
    };
    let (_second, _third) = tokio::join!(scheduled(url.clone()), scheduled(url));
    let digest = wait_for(&email, 2).await;
    assert!(
        digest.subject().contains("the day's top stories"),
        "{}",
        digest.subject()
    );
    assert!(digest.html().contains("Morning markets open calm"));
    let log = first.state.store.issue_log(None, 10).await.unwrap();
    assert_eq!(log.len(), 1, "one issue however many servers look");
    let day = time::OffsetDateTime::from_unix_timestamp(now)
        .unwrap()
        .date();
    assert_eq!(log[0].key, format!("daily-{day}"));
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(messages_to(&email).len(), 2, "sent once");
}
