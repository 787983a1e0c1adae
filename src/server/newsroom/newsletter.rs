//! `/newsroom/newsletter` (editors and admins, `Permission::SendNewsletter`): the subscribers'
//! numbers, a confirmation for those stored before double opt-in, the digest that would go out
//! now with "Send newsletter", and the send log with each issue's page. Sending is idempotent:
//! the form carries a random key for its issue, so a double click or a resent form sends one
//! issue, and each address gets it once (`store/newsletter_issues.rs`).

use super::failure::unavailable;
use super::page::{frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::{token, ClientAddress, Permission};
use crate::pages::newsroom::{
    DigestLine, DigestPreview, IssueLine, IssuePage, NewsletterPage, RecipientLine, Said, Section,
    SubscriberNumbers,
};
use crate::server::newsletter::digest::{self, DigestArticle, Period};
use crate::server::newsletter::Schedule;
use crate::server::store::newsletter_issues::{IssueCreated, IssueProgress};
use crate::server::store::outbox::MailRow;
use crate::server::zone::SiteZone;
use crate::server::{clock, AppState};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

/// Issues the send log shows.
const LOG_LENGTH: i64 = 50;
/// Addresses an issue's page lists.
const LISTED: i64 = 500;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    period: String,
    #[serde(default)]
    done: String,
    /// How many confirmations went (read leniently: a mangled number shows no notice).
    #[serde(default)]
    n: String,
}

fn lines(articles: Vec<DigestArticle>) -> Vec<DigestLine> {
    articles
        .into_iter()
        .map(|a| DigestLine {
            title: a.title,
            href: a.url,
            category: a.category,
            lang: a.lang,
            dir: a.dir,
        })
        .collect()
}

fn issue_line(p: IssueProgress, zone: &SiteZone) -> IssueLine {
    IssueLine {
        href: format!("/newsroom/newsletter/issues/{}", p.key),
        subject: p.subject,
        when: zone.describe(p.created_at),
        by: match (p.sent_by_name, p.key.starts_with("sent-")) {
            (Some(name), _) => name,
            (None, true) => "a removed account".into(),
            (None, false) => "the schedule".into(),
        },
        articles: p.article_count,
        recipients: p.recipients,
        sent: p.sent,
        waiting: p.waiting,
        failed: p.failed,
        skipped: p.skipped,
    }
}

/// `GET /newsroom/newsletter`.
pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<PageQuery>,
) -> Answer {
    s.require(Permission::SendNewsletter)?;
    let period = Period::parse(&q.period).unwrap_or(Period::Day);
    let notice = match q.done.as_str() {
        "asked" => q.n.parse::<u64>().ok().map(|n| match n {
            0 => "Every address had been asked already: no confirmation was sent.".to_string(),
            1 => "A confirmation is on its way to 1 address.".to_string(),
            n => format!("Confirmations are on their way to {n} addresses."),
        }),
        _ => None,
    };
    page(&state, &s, period, StatusCode::OK, Said::notice(notice)).await
}

async fn page(
    state: &AppState,
    s: &SignedIn,
    period: Period,
    status: StatusCode,
    said: Said,
) -> Answer {
    let now = clock::now().unix_timestamp();
    let (counts, digest, log) = tokio::try_join!(
        state.store.subscriber_counts(),
        digest::gather(state, period, (now - period.seconds(), now)),
        state.store.issue_log(None, LOG_LENGTH),
    )
    .map_err(unavailable)?;
    let zone = SiteZone::of(&state.config);
    let schedule = Schedule::from_config(&state.config.newsletter)
        .ok()
        .and_then(|s| s.describe(&zone));
    let numbers = SubscriberNumbers {
        confirmed: counts.confirmed,
        pending: counts.pending,
        never_asked: counts.never_asked,
        unsubscribed: counts.unsubscribed,
    };
    let preview = DigestPreview {
        period: period.as_str(),
        subject: digest.subject,
        articles: lines(digest.articles),
    };
    let log = log.into_iter().map(|p| issue_line(p, &zone)).collect();
    let nonce = token::random();
    let csrf = s.csrf.clone();
    Ok(render(
        status,
        frame(state, "Newsletter", Some(s), Section::Newsletter),
        move || view! { <NewsletterPage numbers schedule preview nonce csrf log said/> },
    ))
}

#[derive(Deserialize, Default)]
pub struct SendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    nonce: String,
}

/// Whether a form's key is one this page made (43 URL-safe characters).
fn nonce_ok(nonce: &str) -> bool {
    nonce.len() == 43
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `POST /newsroom/newsletter/send`: makes the issue and queues it; then its page.
pub async fn send(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<SendForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::SendNewsletter)?;
    let (Some(period), true) = (Period::parse(&f.period), nonce_ok(&f.nonce)) else {
        return Err(Refused(
            StatusCode::BAD_REQUEST,
            "This form is not one the newsletter page made. Open the newsletter page and send from there.",
        )
        .into_response());
    };
    let key = format!("sent-{}", f.nonce);
    let now = clock::now().unix_timestamp();
    let span = (now - period.seconds(), now);
    let done = match digest::send(&state, period, &key, span, Some(s.staff.id)).await {
        Ok(IssueCreated::Exists) => "exists",
        Ok(IssueCreated::Queued { .. }) => {
            s.audit(&state, "newsletter sent", &format!("issue {key}"), &address)
                .await;
            "sent"
        }
        Err(e) => return Err(unavailable(e)),
    };
    see_other(&format!("/newsroom/newsletter/issues/{key}?done={done}"))
}

#[derive(Deserialize, Default)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /newsroom/newsletter/confirmations`: asks every address stored before double opt-in,
/// and never asked, to confirm.
pub async fn ask_to_confirm(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<CsrfForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::SendNewsletter)?;
    let now = clock::now().unix_timestamp();
    let n = state
        .store
        .queue_first_confirmations(now)
        .await
        .map_err(unavailable)?;
    if n > 0 {
        state.mailer.wake();
        s.audit(
            &state,
            "newsletter confirmations sent",
            &format!("{n} addresses"),
            &address,
        )
        .await;
    }
    see_other(&format!("/newsroom/newsletter?done=asked&n={n}"))
}

fn recipient(m: MailRow, zone: &SiteZone) -> RecipientLine {
    let (state, detail) = match m.status.as_str() {
        "sent" => (
            "Sent",
            m.sent_at.map(|t| zone.describe(t)).unwrap_or_default(),
        ),
        "failed" if m.skipped == 1 => ("Not sent", m.last_error),
        "failed" => ("Failed", m.last_error),
        _ if m.last_error.is_empty() => ("Waiting", String::new()),
        _ => (
            "Waiting",
            format!(
                "Trying again {} after: {}",
                zone.describe(m.next_attempt_at),
                m.last_error
            ),
        ),
    };
    RecipientLine {
        address: m.recipient,
        state,
        tries: m.attempts,
        detail,
    }
}

/// `GET /newsroom/newsletter/issues/<key>`.
pub async fn issue(
    State(state): State<AppState>,
    s: SignedIn,
    Path(key): Path<String>,
    Query(q): Query<PageQuery>,
) -> Answer {
    s.require(Permission::SendNewsletter)?;
    // Subscribers' addresses are personal data: admins see them, editors the numbers.
    let addresses_hidden = !s.staff.role.may(Permission::Administer);
    let listed = if addresses_hidden { 0 } else { LISTED };
    let (row, progress, mail) = tokio::try_join!(
        state.store.issue(&key),
        state.store.issue_log(Some(&key), 1),
        state.store.issue_mail(&key, listed),
    )
    .map_err(unavailable)?;
    let (Some(row), Some(progress)) = (row, progress.into_iter().next()) else {
        return Err(Refused(StatusCode::NOT_FOUND, "There is no such newsletter.").into_response());
    };
    let zone = SiteZone::of(&state.config);
    let line = issue_line(progress, &zone);
    let more = if addresses_hidden {
        0
    } else {
        (line.recipients - mail.len() as i64).max(0)
    };
    let recipients = mail.into_iter().map(|m| recipient(m, &zone)).collect();
    let articles = lines(digest::stored_articles(&row.articles));
    let notice = match q.done.as_str() {
        "sent" if line.recipients > 0 => Some(format!(
            "The newsletter is on its way to {} {}.",
            line.recipients,
            if line.recipients == 1 {
                "address"
            } else {
                "addresses"
            }
        )),
        "sent" => Some("Nothing was sent: see why below.".to_string()),
        "exists" => {
            Some("This newsletter had been sent already: it was not sent again.".to_string())
        }
        _ => None,
    };
    let period = row.period;
    let title = line.subject.clone();
    Ok(render(
        StatusCode::OK,
        frame(&state, &title, Some(&s), Section::Newsletter),
        move || {
            view! {
                <IssuePage line period articles recipients more addresses_hidden said=Said::notice(notice)/>
            }
        },
    ))
}
