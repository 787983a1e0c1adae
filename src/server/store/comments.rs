//! Readers' comments: posting one (with the article's, the parent's and the rate limit's checks
//! and the moderation rule in the same transaction), what readers see, the newsroom's queue and
//! its actions. `articles.comment_count` is kept equal to the comments a reader sees: approved,
//! and, for a reply, under an approved comment. A change to that set is a change pages show
//! (counts on cards, the list under the article).
//!
//! Over 400 lines: posting, reading and moderating all keep `comment_count` to that rule, so
//! every write to the set a reader sees is in this one file.

use super::{Result, Store};
use crate::server::email::Address;
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use sqlx::FromRow;

/// A comment's place in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStatus {
    /// Waiting for an editor; only its author's browser sees it.
    Held,
    Approved,
    Spam,
    Trash,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 4] = [Self::Held, Self::Approved, Self::Spam, Self::Trash];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Approved => "approved",
            Self::Spam => "spam",
            Self::Trash => "trash",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A comment as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub body: String,
    pub status: String,
    pub staff_id: Option<i64>,
    pub client: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl CommentRow {
    pub fn status(&self) -> CommentStatus {
        CommentStatus::parse(&self.status).unwrap_or(CommentStatus::Held)
    }
}

/// A comment with the article it is on (the newsroom's queue, the comment feeds).
#[derive(Debug, Clone, FromRow)]
pub struct CommentOnArticle {
    #[sqlx(flatten)]
    pub comment: CommentRow,
    pub article_title: String,
    pub article_slug: String,
    pub article_published_at: Option<i64>,
    pub article_lang: String,
    pub comments_closed: i64,
}

/// A comment to store.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a Address,
    pub body: &'a str,
    /// The client address (`newsroom::client_address`).
    pub client: &'a str,
    /// Written in the newsroom by this account: approved at once, whatever the article's state.
    pub staff_id: Option<i64>,
}

/// How many comments one address and one client may post in [`RATE_WINDOW`] seconds, and
/// whether every reader's comment waits for an editor.
#[derive(Debug, Clone, Copy)]
pub struct CommentRules {
    pub per_address: i64,
    pub per_client: i64,
    /// Hold every comment, not only an address's first.
    pub hold_all: bool,
}

/// The window the rate limits count over, in seconds.
pub const RATE_WINDOW: i64 = 3_600;

/// Why a comment was not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentRefused {
    /// No published article with that id (or not yet published).
    NoArticle,
    /// The article takes no more comments.
    Closed,
    /// The comment answered is not an approved comment of this article without a parent.
    NoParent,
    /// Too many comments from this address or client: the next may come in this many seconds.
    TooMany(i64),
}

/// What became of a stored comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posted {
    pub id: i64,
    pub status: CommentStatus,
}

const COMMENT_COLUMNS: &str = "c.id, c.article_id, c.parent_id, c.name, c.email, c.body, \
     c.status, c.staff_id, c.client, c.created_at, c.updated_at";

/// Comments a reader sees, as a condition on `c` (joined to its parent as `p`).
const VISIBLE: &str = "c.status = 'approved' AND (c.parent_id IS NULL OR p.status = 'approved')";

impl Store {
    /// Stores a comment, or says why not. The article must be published (at `now`) and open,
    /// the parent an approved comment of it without a parent of its own, and the address and
    /// client under their limits. A reader's comment is approved at once when a reader's
    /// comment with the same name and address was approved before (unless `rules.hold_all`),
    /// else held.
    pub async fn add_comment(
        &self,
        c: &NewComment<'_>,
        rules: CommentRules,
        now: i64,
    ) -> Result<std::result::Result<Posted, CommentRefused>> {
        let mut tx = self.write_tx().await?;
        let article: Option<(Option<i64>, i64)> =
            query_as("SELECT published_at, comments_closed FROM articles WHERE id = ?1")
                .bind(c.article_id)
                .fetch_optional(&mut *tx)
                .await?;
        match article {
            Some((Some(published), _)) if published > now => {
                return Ok(Err(CommentRefused::NoArticle))
            }
            None | Some((None, _)) => return Ok(Err(CommentRefused::NoArticle)),
            Some((_, closed)) if closed != 0 && c.staff_id.is_none() => {
                return Ok(Err(CommentRefused::Closed))
            }
            Some(_) => {}
        }
        if let Some(parent) = c.parent_id {
            let ok: Option<i64> = query_scalar(
                "SELECT id FROM comments WHERE id = ?1 AND article_id = ?2 \
                 AND parent_id IS NULL AND status = 'approved'",
            )
            .bind(parent)
            .bind(c.article_id)
            .fetch_optional(&mut *tx)
            .await?;
            if ok.is_none() {
                return Ok(Err(CommentRefused::NoParent));
            }
        }
        let status = if c.staff_id.is_some() {
            CommentStatus::Approved
        } else {
            if let Some(wait) = over_limit(&mut tx, c, rules, now).await? {
                return Ok(Err(CommentRefused::TooMany(wait)));
            }
            // WordPress's rule: the same name and address as an approved comment of a reader
            // (never a staff reply's address, which anyone may know).
            let known: Option<i64> = query_scalar(
                "SELECT id FROM comments WHERE email_key = ?1 AND name = ?2 \
                 AND status = 'approved' AND staff_id IS NULL LIMIT 1",
            )
            .bind(&c.email.key)
            .bind(c.name)
            .fetch_optional(&mut *tx)
            .await?;
            if known.is_some() && !rules.hold_all {
                CommentStatus::Approved
            } else {
                CommentStatus::Held
            }
        };
        let id: i64 = query_scalar(
            "INSERT INTO comments (article_id, parent_id, name, email, email_key, body, status, \
             staff_id, client, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
        )
        .bind(c.article_id)
        .bind(c.parent_id)
        .bind(c.name)
        .bind(&c.email.email)
        .bind(&c.email.key)
        .bind(c.body)
        .bind(status.as_str())
        .bind(c.staff_id)
        .bind(c.client)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        if status == CommentStatus::Approved {
            recount(&mut tx, c.article_id).await?;
        }
        tx.commit().await?;
        if status == CommentStatus::Approved {
            self.content_changed();
        }
        Ok(Ok(Posted { id, status }))
    }

    /// The comments readers see under an article, oldest first (replies after their parent
    /// when the caller nests them).
    pub async fn visible_comments(&self, article_id: i64) -> Result<Vec<CommentRow>> {
        let sql = format!(
            "SELECT {COMMENT_COLUMNS} FROM comments c LEFT JOIN comments p ON p.id = c.parent_id \
             WHERE c.article_id = ?1 AND {VISIBLE} ORDER BY c.created_at, c.id"
        );
        Ok(query_as(&sql)
            .bind(article_id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// One comment, whatever its state.
    pub async fn comment(&self, id: i64) -> Result<Option<CommentOnArticle>> {
        let sql = format!("{} WHERE c.id = ?1", on_article_select());
        Ok(query_as(&sql).bind(id).fetch_optional(&self.pool).await?)
    }

    /// The newsroom's queue: comments in `status` (of one article, when given), newest first,
    /// and how many there are in all.
    pub async fn comment_queue(
        &self,
        status: CommentStatus,
        article: Option<i64>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<CommentOnArticle>, i64)> {
        let filter = "c.status = ?1 AND (?2 = 0 OR c.article_id = ?2)";
        let sql = format!(
            "{} WHERE {filter} ORDER BY c.created_at DESC, c.id DESC LIMIT ?3 OFFSET ?4",
            on_article_select()
        );
        let rows = query_as(&sql)
            .bind(status.as_str())
            .bind(article.unwrap_or(0))
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let total = query_scalar(&format!("SELECT COUNT(*) FROM comments c WHERE {filter}"))
            .bind(status.as_str())
            .bind(article.unwrap_or(0))
            .fetch_one(&self.pool)
            .await?;
        Ok((rows, total))
    }

    /// How many comments are in each state (of one article, when given), in
    /// [`CommentStatus::ALL`]'s order.
    pub async fn comment_counts(&self, article: Option<i64>) -> Result<[i64; 4]> {
        let rows: Vec<(String, i64)> = query_as(
            "SELECT status, COUNT(*) FROM comments WHERE ?1 = 0 OR article_id = ?1 GROUP BY status",
        )
        .bind(article.unwrap_or(0))
        .fetch_all(&self.pool)
        .await?;
        let mut counts = [0; 4];
        for (status, n) in rows {
            if let Some(i) = CommentStatus::ALL.iter().position(|s| s.as_str() == status) {
                counts[i] = n;
            }
        }
        Ok(counts)
    }

    /// Moves a comment to `status`. Returns false when there is no such comment.
    pub async fn set_comment_status(
        &self,
        id: i64,
        status: CommentStatus,
        now: i64,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let Some((article_id, before)): Option<(i64, String)> =
            query_as("SELECT article_id, status FROM comments WHERE id = ?1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
        else {
            return Ok(false);
        };
        query("UPDATE comments SET status = ?1, updated_at = ?2 WHERE id = ?3")
            .bind(status.as_str())
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let shown = before == "approved" || status == CommentStatus::Approved;
        if shown {
            recount(&mut tx, article_id).await?;
        }
        tx.commit().await?;
        if shown && before != status.as_str() {
            self.content_changed();
        }
        Ok(true)
    }

    /// Changes what a comment says and who it says wrote it. False when there is no such comment.
    pub async fn edit_comment(&self, id: i64, name: &str, body: &str, now: i64) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let status: Option<String> = query_scalar("SELECT status FROM comments WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(status) = status else {
            return Ok(false);
        };
        query("UPDATE comments SET name = ?1, body = ?2, updated_at = ?3 WHERE id = ?4")
            .bind(name)
            .bind(body)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        if status == "approved" {
            self.content_changed();
        }
        Ok(true)
    }

    /// Deletes a comment for good (and its replies). Only spam and trash may go: false for a
    /// comment in another state, or none.
    pub async fn delete_comment(&self, id: i64) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let article: Option<i64> = query_scalar(
            "SELECT article_id FROM comments WHERE id = ?1 AND status IN ('spam', 'trash')",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(article_id) = article else {
            return Ok(false);
        };
        query("DELETE FROM comments WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let before = article_comment_count(&mut tx, article_id).await?;
        let after = recount(&mut tx, article_id).await?;
        tx.commit().await?;
        if before != after {
            self.content_changed();
        }
        Ok(true)
    }

    /// Opens or closes an article to comments. False when there is no such article.
    pub async fn set_comments_closed(&self, article_id: i64, closed: bool) -> Result<bool> {
        let done = query("UPDATE articles SET comments_closed = ?1 WHERE id = ?2")
            .bind(i64::from(closed))
            .bind(article_id)
            .execute(&self.pool)
            .await?;
        let found = done.rows_affected() == 1;
        if found {
            self.content_changed();
        }
        Ok(found)
    }

    /// The slug and time of publication of an article readers see at `now`, for its address.
    pub async fn article_address(
        &self,
        article_id: i64,
        now: i64,
    ) -> Result<Option<(String, i64)>> {
        Ok(
            query_as(
                "SELECT slug, published_at FROM articles WHERE id = ?1 AND published_at <= ?2",
            )
            .bind(article_id)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?,
        )
    }

    /// An article's title, published or not (None: no such article).
    pub async fn article_title(&self, article_id: i64) -> Result<Option<String>> {
        Ok(query_scalar("SELECT title FROM articles WHERE id = ?1")
            .bind(article_id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Whether an article takes comments (None: no such article).
    pub async fn comments_closed(&self, article_id: i64) -> Result<Option<bool>> {
        let closed: Option<i64> =
            query_scalar("SELECT comments_closed FROM articles WHERE id = ?1")
                .bind(article_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(closed.map(|c| c != 0))
    }

    /// The newest comments readers see, on articles published by `now` (of one article, when
    /// given), newest first: the comment feeds.
    pub async fn latest_comments(
        &self,
        article: Option<i64>,
        now: i64,
        limit: i64,
    ) -> Result<Vec<CommentOnArticle>> {
        let sql = format!(
            "{} LEFT JOIN comments p ON p.id = c.parent_id \
             WHERE {VISIBLE} AND a.published_at <= ?1 AND (?2 = 0 OR c.article_id = ?2) \
             ORDER BY c.created_at DESC, c.id DESC LIMIT ?3",
            on_article_select()
        );
        Ok(query_as(&sql)
            .bind(now)
            .bind(article.unwrap_or(0))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }
}

fn on_article_select() -> String {
    format!(
        "SELECT {COMMENT_COLUMNS}, a.title AS article_title, a.slug AS article_slug, \
         a.published_at AS article_published_at, a.lang AS article_lang, a.comments_closed \
         FROM comments c JOIN articles a ON a.id = c.article_id"
    )
}

/// The seconds until the next comment may come, when the address or the client has posted its
/// limit within the window (spam and trash count too: a flood stays a flood once binned).
async fn over_limit(
    tx: &mut Tx,
    c: &NewComment<'_>,
    rules: CommentRules,
    now: i64,
) -> Result<Option<i64>> {
    rate_wait(
        tx,
        "comments",
        [
            (&c.email.key, rules.per_address),
            (c.client, rules.per_client),
        ],
        now,
    )
    .await
}

/// The seconds until `table` (comments, contact messages) may take one more row from an
/// address key and a client, when either has its limit of rows within the window.
pub(super) async fn rate_wait(
    tx: &mut Tx,
    table: &str,
    [(email_key, per_address), (client, per_client)]: [(&str, i64); 2],
    now: i64,
) -> Result<Option<i64>> {
    let since = now - RATE_WINDOW;
    for (column, value, limit) in [
        ("email_key", email_key, per_address),
        ("client", client, per_client),
    ] {
        // The limit-th newest row in the window: once it leaves the window, one more may come.
        let sql = format!(
            "SELECT created_at FROM {table} WHERE {column} = ?1 AND created_at > ?2 \
             ORDER BY created_at DESC LIMIT 1 OFFSET ?3"
        );
        let oldest: Option<i64> = query_scalar(&sql)
            .bind(value)
            .bind(since)
            .bind(limit - 1)
            .fetch_optional(&mut **tx)
            .await?;
        if let Some(at) = oldest {
            return Ok(Some((at + RATE_WINDOW - now).max(1)));
        }
    }
    Ok(None)
}

async fn article_comment_count(tx: &mut Tx, article_id: i64) -> Result<i64> {
    Ok(
        query_scalar("SELECT comment_count FROM articles WHERE id = ?1")
            .bind(article_id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Sets the article's count to the comments readers see; returns it.
pub(super) async fn recount(tx: &mut Tx, article_id: i64) -> Result<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM comments c LEFT JOIN comments p ON p.id = c.parent_id \
         WHERE c.article_id = ?1 AND {VISIBLE}"
    );
    let n: i64 = query_scalar(&sql)
        .bind(article_id)
        .fetch_one(&mut **tx)
        .await?;
    query("UPDATE articles SET comment_count = ?1 WHERE id = ?2")
        .bind(n)
        .bind(article_id)
        .execute(&mut **tx)
        .await?;
    Ok(n)
}

pub mod imported;

#[cfg(test)]
mod tests;
