//! A newsletter issue: the top articles (most read first) published in the day or the week
//! before it goes out, frozen when the issue is made so every subscriber gets the same one
//! however long the sending takes, and queued to every confirmed address in one transaction
//! (`store/newsletter_issues.rs`). The message each address gets is written as it is sent
//! (`mail/for_subscriber.rs`, `mail/digest.rs`).

use crate::server::clock;
use crate::server::store::newsletter_issues::{IssueCreated, NewIssue};
use crate::server::store::{ArticleRow, StoreError};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use crate::urls;
use serde::{Deserialize, Serialize};

/// What an issue covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
}

impl Period {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "day" => Some(Period::Day),
            "week" => Some(Period::Week),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
        }
    }

    pub fn seconds(self) -> i64 {
        match self {
            Period::Day => 86_400,
            Period::Week => 7 * 86_400,
        }
    }

    /// "the day's", "the week's".
    pub fn possessive(self) -> &'static str {
        match self {
            Period::Day => "the day's",
            Period::Week => "the week's",
        }
    }
}

/// One article of an issue, as its message shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestArticle {
    pub title: String,
    /// Its absolute address.
    pub url: String,
    pub dek: String,
    pub category: String,
    pub author: String,
    /// "December 6, 2026".
    pub date: String,
    pub lang: String,
    pub dir: String,
}

/// An issue's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub period: Period,
    pub subject: String,
    pub articles: Vec<DigestArticle>,
}

fn article(base: &str, zone: &SiteZone, a: ArticleRow) -> DigestArticle {
    DigestArticle {
        url: urls::absolute(base, &urls::article(&a.slug, a.published_at)),
        date: clock::long_date(zone.local(a.published_at)),
        title: a.title,
        dek: a.dek,
        category: a.category_name,
        author: a.author_name,
        lang: a.lang,
        dir: a.dir,
    }
}

/// The issue of `period` that covers `[from, until)`: its top articles.
pub async fn gather(
    state: &AppState,
    period: Period,
    (from, until): (i64, i64),
) -> Result<Digest, StoreError> {
    let limit = state.config.newsletter.articles as i64;
    let rows = state.store.top_articles(from, until, limit).await?;
    let zone = SiteZone::of(&state.config);
    let base = &state.config.site.public_url;
    let date = clock::long_date(zone.local(until));
    Ok(Digest {
        period,
        subject: format!(
            "{}: {} top stories, {date}",
            state.site_name(),
            period.possessive()
        ),
        articles: rows.into_iter().map(|a| article(base, &zone, a)).collect(),
    })
}

/// Makes issue `key` of `period`, covering `[from, until)`, and queues it to every confirmed
/// address;
/// `sent_by` is the staff account that sent it (None: the schedule). An issue with no article
/// is stored (so the log says why nothing went) and sent to nobody.
pub async fn send(
    state: &AppState,
    period: Period,
    key: &str,
    span: (i64, i64),
    sent_by: Option<i64>,
) -> Result<IssueCreated, StoreError> {
    if state.store.issue(key).await?.is_some() {
        return Ok(IssueCreated::Exists);
    }
    let digest = gather(state, period, span).await?;
    let articles =
        serde_json::to_string(&digest.articles).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let now = clock::now().unix_timestamp();
    let created = state
        .store
        .create_issue(
            &NewIssue {
                key,
                period: period.as_str(),
                subject: &digest.subject,
                articles: &articles,
                article_count: digest.articles.len() as i64,
                sent_by,
            },
            now,
        )
        .await?;
    if matches!(created, IssueCreated::Queued { recipients } if recipients > 0) {
        tracing::info!(key, ?created, "newsletter issue queued");
        state.mailer.wake();
    }
    Ok(created)
}

/// An issue's articles as stored.
pub fn stored_articles(json: &str) -> Vec<DigestArticle> {
    serde_json::from_str(json).unwrap_or_default()
}
