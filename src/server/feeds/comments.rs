//! The comment feeds: `/feed/comments` (the newest comments readers see, site-wide) and
//! `/<yyyy>/<mm>/<dd>/<slug>/feed` (one article's), in RSS 2.0 like WordPress's. Each item is a
//! comment: "Comment on <article> by <name>", linking to it under the article, its text as HTML
//! escaped from the plain text (links marked `nofollow ugc`).

use super::channel::{Channel, Item};
use super::document::{respond, xml_error, XmlDoc};
use super::syndication::write_rss;
use super::{FEED_ITEMS, RSS_TYPE};
use crate::error::AppError;
use crate::model::{CommentPiece, NamedRef};
use crate::server::comments::text::paragraphs;
use crate::server::store::comments::CommentOnArticle;
use crate::server::{clock, AppState};
use crate::urls::absolute;
use axum::extract::{Path, State};
use axum::response::Response;

/// `/feed/comments`.
pub async fn site_comments(State(state): State<AppState>) -> Response {
    let doc = state
        .read
        .reading(|| async {
            let now = clock::now().unix_timestamp();
            let rows = state
                .read
                .store()
                .latest_comments(None, now, FEED_ITEMS.into())
                .await?;
            let name = state.site_settings().name;
            let channel = Channel {
                title: format!("Comments for {name}"),
                link: absolute(&state.config.site.public_url, "/"),
                self_url: absolute(&state.config.site.public_url, "/feed/comments"),
                description: format!("The newest readers' comments on {name}."),
                language: state.config.site.language.clone(),
                now,
                items: rows.into_iter().map(|c| item(&state, c)).collect(),
            };
            write(&channel)
        })
        .await;
    respond(doc)
}

/// `/<yyyy>/<mm>/<dd>/<slug>/feed`: one article's comments.
pub async fn article_comments(
    State(state): State<AppState>,
    Path((year, month, day, slug)): Path<(String, String, String, String)>,
) -> Response {
    let doc = state
        .read
        .reading(|| async {
            let now = clock::now().unix_timestamp();
            let store = state.read.store();
            let page = format!("/{year}/{month}/{day}/{slug}");
            let (row, _) = store
                .find_article(&slug, now)
                .await?
                .filter(|(row, _)| crate::urls::article(&row.slug, row.published_at) == page)
                .ok_or(AppError::NotFound)?;
            let rows = store
                .latest_comments(Some(row.id), now, FEED_ITEMS.into())
                .await?;
            let base = &state.config.site.public_url;
            let channel = Channel {
                title: format!("Comments on: {}", row.title),
                link: absolute(base, &page),
                self_url: absolute(base, &format!("{page}/feed")),
                description: format!("Readers' comments on “{}”.", row.title),
                language: row.lang.clone(),
                now,
                items: rows.into_iter().map(|c| item(&state, c)).collect(),
            };
            write(&channel)
        })
        .await;
    respond(doc)
}

fn write(channel: &Channel) -> Result<XmlDoc, AppError> {
    Ok(XmlDoc {
        last_modified: channel.last_modified(),
        body: write_rss(channel).map_err(xml_error)?,
        content_type: RSS_TYPE,
    })
}

fn item(state: &AppState, c: CommentOnArticle) -> Item {
    let page = crate::urls::article(&c.article_slug, c.article_published_at.unwrap_or_default());
    // The anchor after the address is made absolute (which would encode its `#`).
    let url = format!(
        "{}#comment-{}",
        absolute(&state.config.site.public_url, &page),
        c.comment.id
    );
    let text = c.comment.body.clone();
    Item {
        title: format!("Comment on {} by {}", c.article_title, c.comment.name),
        url,
        summary: summary(&text),
        body_html: html(&paragraphs(&text)),
        author: NamedRef {
            slug: String::new(),
            name: c.comment.name,
        },
        author_url: String::new(),
        categories: vec![],
        lang: c.article_lang,
        published: c.comment.created_at,
        updated: c.comment.updated_at,
        image: None,
    }
}

/// The first 300 characters, on one line.
fn summary(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}

/// The comment as HTML: every piece of text escaped, links marked as the reader's.
fn html(paragraphs: &[Vec<CommentPiece>]) -> String {
    let mut out = String::new();
    for pieces in paragraphs {
        out.push_str("<p>");
        for piece in pieces {
            match piece {
                CommentPiece::Text(t) => out.push_str(&html_escape::encode_text(t)),
                CommentPiece::Link { href, text } => {
                    out.push_str("<a href=\"");
                    out.push_str(&html_escape::encode_double_quoted_attribute(href));
                    out.push_str("\" rel=\"nofollow ugc\">");
                    out.push_str(&html_escape::encode_text(text));
                    out.push_str("</a>");
                }
                CommentPiece::Break => out.push_str("<br>"),
            }
        }
        out.push_str("</p>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_html_is_escaped_with_reader_links() {
        let p = paragraphs("<script>x</script> & https://example.com/?a=1&b=\"2\"\nnext");
        // The address ends at the quote, which stays text.
        assert_eq!(
            html(&p),
            "<p>&lt;script&gt;x&lt;/script&gt; &amp; <a href=\"https://example.com/?a=1&amp;b=\" \
             rel=\"nofollow ugc\">https://example.com/?a=1&amp;b=</a>\"2\"<br>next</p>"
        );
        assert_eq!(summary("a\n\nb"), "a b");
        assert_eq!(summary(&"é".repeat(301)).chars().count(), 301);
    }
}
