//! `/newsroom/newsletter` (editors and admins): how many read the newsletter, a confirmation for
//! those stored before double opt-in, the digest that would go out now (the last day's or the
//! last week's top articles) with "Send newsletter", when the schedule sends it, and the send
//! log; one issue's page with each address's state.

use super::sections::Said;
use leptos::prelude::*;

/// How many subscribers are in each state.
#[derive(Debug, Clone, Copy, Default)]
pub struct SubscriberNumbers {
    pub confirmed: i64,
    pub pending: i64,
    pub never_asked: i64,
    pub unsubscribed: i64,
}

/// An article in a digest.
#[derive(Debug, Clone)]
pub struct DigestLine {
    pub title: String,
    pub href: String,
    pub category: String,
    pub lang: String,
    pub dir: String,
}

/// The digest that would go out now.
#[derive(Debug, Clone)]
pub struct DigestPreview {
    /// `day` or `week`.
    pub period: &'static str,
    pub subject: String,
    pub articles: Vec<DigestLine>,
}

/// An issue in the send log.
#[derive(Debug, Clone)]
pub struct IssueLine {
    pub href: String,
    pub subject: String,
    /// When it was made, in the newsroom's time zone.
    pub when: String,
    /// Who sent it ("the schedule" for a scheduled one).
    pub by: String,
    pub articles: i64,
    pub recipients: i64,
    pub sent: i64,
    pub waiting: i64,
    pub failed: i64,
    /// Not sent because the address left (or confirmed) before it went.
    pub skipped: i64,
}

/// One address of an issue.
#[derive(Debug, Clone)]
pub struct RecipientLine {
    pub address: String,
    /// "Sent", "Waiting", "Failed", "Not sent".
    pub state: &'static str,
    pub tries: i64,
    /// When it went, or why it did not (the last error).
    pub detail: String,
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[component]
fn Notices(said: Said) -> impl IntoView {
    view! {
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {said.problem.map(|p| view! { <p class="nr-error" role="alert">{p}</p> })}
    }
}

#[component]
fn ArticleList(articles: Vec<DigestLine>) -> impl IntoView {
    let items = articles
        .into_iter()
        .map(|a| {
            view! {
                <li lang=a.lang dir=a.dir>
                    <a href=a.href>{a.title}</a>
                    <span class="nr-hint">" · " {a.category}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="nr-digest">{items}</ol> }
}

#[component]
pub fn NewsletterPage(
    numbers: SubscriberNumbers,
    /// "every day at 07:00 (UTC)", when the schedule sends it.
    schedule: Option<String>,
    preview: DigestPreview,
    /// Makes this form's issue key: the same form sent twice sends one issue.
    nonce: String,
    csrf: String,
    log: Vec<IssueLine>,
    said: Said,
) -> impl IntoView {
    let n = numbers;
    let ask =
        (n.never_asked > 0).then(|| {
            let words =
                format!(
            "{} stored before sign-ups needed confirming {} never been asked to confirm, and \
             {} no newsletter until {}.",
            plural(n.never_asked, "address", "addresses"),
            if n.never_asked == 1 { "has" } else { "have" },
            if n.never_asked == 1 { "gets" } else { "get" },
            if n.never_asked == 1 { "it does" } else { "they do" },
        );
            let button = format!(
                "Send a confirmation to {}",
                plural(n.never_asked, "address", "addresses")
            );
            view! {
                <form method="post" action="/newsroom/newsletter/confirmations" class="nr-form">
                    <p>{words}</p>
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <button type="submit" class="nr-button">{button}</button>
                </form>
            }
        });
    let schedule = match schedule {
        Some(s) => format!("The digest also goes out by itself {s} (newsletter.schedule in the configuration)."),
        None => "The digest goes out only when sent from here (newsletter.schedule is off in the configuration).".to_string(),
    };
    let period = preview.period;
    let count = preview.articles.len() as i64;
    let span = if period == "week" { "week" } else { "day" };
    let send = if count == 0 {
        view! { <p>{format!("Nothing was published in the last {span}: there is nothing to send.")}</p> }.into_any()
    } else if n.confirmed == 0 {
        view! { <p>"No address has confirmed its subscription yet: there is nobody to send to."</p> }.into_any()
    } else {
        let button = format!(
            "Send newsletter to {}",
            plural(n.confirmed, "subscriber", "subscribers")
        );
        view! {
            <form method="post" action="/newsroom/newsletter/send" class="nr-form">
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="period" value=period/>
                <input type="hidden" name="nonce" value=nonce/>
                <button type="submit" class="nr-button">{button}</button>
            </form>
        }
        .into_any()
    };
    let summary = format!(
        "{} the last {span}, most read first:",
        plural(count, "article from", "articles from")
    );
    let rows = log
        .iter()
        .cloned()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.when}</td>
                    <td><a href=l.href>{l.subject}</a></td>
                    <td>{l.by}</td>
                    <td>{l.articles}</td>
                    <td>{l.recipients}</td>
                    <td>{l.sent}</td>
                    <td>{l.waiting}</td>
                    <td>{l.failed}</td>
                </tr>
            }
        })
        .collect_view();
    let log_view = if log.is_empty() {
        view! { <p>"No newsletter has been sent yet."</p> }.into_any()
    } else {
        view! {
            <div class="nr-table-wrap" role="region" aria-labelledby="log-heading" tabindex="0">
                <table class="nr-table">
                    <caption class="nr-visually-hidden">"Newsletters sent, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"When"</th>
                            <th scope="col">"Subject"</th>
                            <th scope="col">"Sent by"</th>
                            <th scope="col">"Articles"</th>
                            <th scope="col">"Addresses"</th>
                            <th scope="col">"Delivered"</th>
                            <th scope="col">"Waiting"</th>
                            <th scope="col">"Failed"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <h1>"Newsletter"</h1>
        <Notices said/>
        <section class="nr-panel" aria-labelledby="readers-heading">
            <h2 id="readers-heading">"Subscribers"</h2>
            <ul>
                <li>{plural(n.confirmed, "confirmed address receives", "confirmed addresses receive")} " the newsletter."</li>
                <li>{plural(n.pending, "address waits", "addresses wait")} " for its owner to confirm."</li>
                <li>{plural(n.unsubscribed, "address", "addresses")} " unsubscribed."</li>
            </ul>
            {ask}
        </section>
        <section class="nr-panel" aria-labelledby="send-heading">
            <h2 id="send-heading">"Send newsletter"</h2>
            <p>{schedule}</p>
            <form method="get" action="/newsroom/newsletter" class="nr-form nr-form--inline">
                <fieldset class="nr-field nr-checks">
                    <legend>"Digest of"</legend>
                    <label><input type="radio" name="period" value="day" checked=period == "day"/>" The last day"</label>
                    <label><input type="radio" name="period" value="week" checked=period == "week"/>" The last week"</label>
                </fieldset>
                <button type="submit" class="nr-button">"Show this digest"</button>
            </form>
            <p>"Subject: " <strong>{preview.subject}</strong></p>
            <p>{summary}</p>
            <ArticleList articles=preview.articles/>
            {send}
        </section>
        <section class="nr-panel" aria-labelledby="log-heading">
            <h2 id="log-heading">"Send log"</h2>
            {log_view}
        </section>
    }
}

/// One issue: what it held, and each address's state.
#[component]
pub fn IssuePage(
    line: IssueLine,
    /// `day` or `week`.
    period: String,
    articles: Vec<DigestLine>,
    recipients: Vec<RecipientLine>,
    /// Addresses beyond those listed.
    more: i64,
    /// The addresses are shown to admins only (subscribers' addresses are personal data).
    addresses_hidden: bool,
    said: Said,
) -> impl IntoView {
    let span = if period == "week" { "week" } else { "day" };
    let state = if line.articles == 0 {
        format!("Nothing was published in the {span} before it: it went to nobody.")
    } else if line.recipients == 0 {
        "No address had confirmed its subscription: it went to nobody.".to_string()
    } else {
        let skipped = match line.skipped {
            0 => String::new(),
            n => format!(" {n} not sent: the address left before it went."),
        };
        format!(
            "Queued to {}: {} delivered, {} waiting, {} failed.{skipped}",
            plural(line.recipients, "address", "addresses"),
            line.sent,
            line.waiting,
            line.failed
        )
    };
    let rows = recipients
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.address}</td>
                    <td>{r.state}</td>
                    <td>{r.tries}</td>
                    <td>{r.detail}</td>
                </tr>
            }
        })
        .collect_view();
    let more = (more > 0).then(|| view! { <p>{format!("And {} more.", more)}</p> });
    let hidden = (addresses_hidden && line.recipients > 0)
        .then(|| view! { <p>"Each address's state is shown to admins only."</p> });
    let table = (line.recipients > 0 && !addresses_hidden).then(|| {
        view! {
            <div class="nr-table-wrap" role="region" aria-label="Addresses" tabindex="0">
                <table class="nr-table">
                    <caption class="nr-visually-hidden">"Each address, failures first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Address"</th>
                            <th scope="col">"State"</th>
                            <th scope="col">"Tries"</th>
                            <th scope="col">"Sent, or why not"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <h1>{line.subject}</h1>
        <Notices said/>
        <p><a href="/newsroom/newsletter">"Newsletter"</a></p>
        <p>{format!("Made {} by {}.", line.when, line.by)}</p>
        <p role="status">{state}</p>
        <section class="nr-panel" aria-labelledby="articles-heading">
            <h2 id="articles-heading">"Articles"</h2>
            <ArticleList articles/>
        </section>
        <section class="nr-panel" aria-labelledby="addresses-heading">
            <h2 id="addresses-heading">"Addresses"</h2>
            {hidden}
            {table}
            {more}
        </section>
    }
}
