//! A post's comments, brought in with it: after the article the post became, each of its
//! comments in WordPress's order (replies after what they answer), as it was (approved, held,
//! spam or trash; its date, author, address and client address), once: a second import leaves
//! the ones it made alone. The thread is one level deep here, so a reply to a reply goes under
//! the comment that started it. Pingbacks and trackbacks (other sites' notices, not readers'
//! words) are left out, and counted. WordPress keeps comments as HTML; ours are plain text,
//! so their markup is read as text: paragraphs and line breaks kept, tags dropped, entities
//! decoded (a link keeps its words; its address is shown after them when it differs).

use super::dates::wordpress_gmt;
use super::run::{ImportError, Importer};
use super::wxr::{Comment, Item};
use crate::server::comments::text::normalized;
use crate::server::email;
use crate::server::store::comments::imported::ImportedComment;
use crate::server::store::comments::CommentStatus;
use std::collections::HashMap;

/// The longest name kept (the comment form's cap).
const MAX_NAME_CHARS: usize = 80;

/// A comment's status as WordPress writes it (`1`, `0`, `spam`, `trash`).
fn status(approved: &str) -> CommentStatus {
    match approved.trim() {
        "1" | "approve" => CommentStatus::Approved,
        "spam" => CommentStatus::Spam,
        "trash" | "post-trashed" => CommentStatus::Trash,
        _ => CommentStatus::Held,
    }
}

/// A comment's HTML as plain text.
pub fn plain_text(html: &str) -> String {
    let breaks = marked_breaks(html);
    let cleaned = ammonia::Builder::empty().clean(&breaks).to_string();
    let text = normalized(&html_escape::decode_html_entities(&cleaned));
    // One blank line between paragraphs at most.
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        if line.trim().is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Line breaks for `<br>` and paragraph ends, and each link's address after its words (when
/// they are not the address itself), before the tags go.
fn marked_breaks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let tag = &rest[start..start + end + 1];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<br") {
            out.push('\n');
        } else if lower.starts_with("</p") {
            out.push_str("\n\n");
        } else if lower.starts_with("<a ") {
            // Kept as a marker the cleaner leaves alone; the address follows the link's words.
            if let Some(href) = attribute(tag, "href") {
                let close = rest[start + end + 1..].to_ascii_lowercase().find("</a");
                let words = close.map(|c| &rest[start + end + 1..start + end + 1 + c]);
                out.push_str(tag);
                if let Some(words) = words {
                    out.push_str(words);
                    out.push_str("</a>");
                    if words.trim() != href {
                        out.push_str(&format!(" ({href})"));
                    }
                    rest = &rest[start + end + 1 + words.len()..];
                    // Skip the closing tag.
                    if let Some(close_end) = rest.find('>') {
                        rest = &rest[close_end + 1..];
                    }
                    continue;
                }
            }
            out.push_str(tag);
        } else {
            out.push_str(tag);
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// The value of `name="…"` (or `'…'`) in a tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let quote = tag[at..].chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let value = &tag[at + 1..];
    Some(&value[..value.find(quote)?])
}

/// A name as the comment form would keep it: one line, no control or invisible characters,
/// at most 80 characters; "Anonymous" when nothing is left.
fn name(raw: &str) -> String {
    let cleaned: String = html_escape::decode_html_entities(raw)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !crate::server::comments::post::is_invisible_format(*c))
        .collect();
    let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    match trimmed.chars().take(MAX_NAME_CHARS).collect::<String>() {
        n if n.is_empty() => "Anonymous".to_string(),
        n => n,
    }
}

/// What became of the post the comments are under.
#[derive(Debug, Clone, Copy)]
enum Article {
    There(i64),
    /// Deleted in the newsroom since an earlier import made it.
    Deleted,
    /// Not made: a dry run would make it; a real run refused it.
    ToMake,
}

impl Importer<'_> {
    /// Brings in `item`'s comments, under the article it became (see the module).
    pub async fn import_comments(&mut self, item: &Item) -> Result<(), ImportError> {
        if item.comments.is_empty() {
            return Ok(());
        }
        let article = match self
            .store
            .imported(&self.site, "post", &item.post_id.to_string())
            .await?
        {
            Some(made) if self.store.still_there("articles", made.local_id).await? => {
                Article::There(made.local_id)
            }
            Some(_) => Article::Deleted,
            // Not made (a dry run, or the post was refused).
            None => Article::ToMake,
        };
        let mut comments: Vec<&Comment> = item.comments.iter().collect();
        comments.sort_by_key(|c| (c.id, c.parent));
        // WordPress's comment ids to ours, and to the comment that started their thread.
        let mut made: HashMap<i64, (i64, i64)> = HashMap::new();
        for c in comments {
            if !matches!(c.kind.trim(), "" | "comment") {
                self.report.comments_left_out += 1;
                continue;
            }
            if c.id <= 0 {
                self.report.note(
                    item.line,
                    format!("a comment by {}", name(&c.author)),
                    "it has no wp:comment_id: left out",
                );
                continue;
            }
            let wp_key = format!("comment-{}", c.id);
            if let Some(earlier) = self.store.imported(&self.site, "comment", &wp_key).await? {
                if self.store.still_there("comments", earlier.local_id).await? {
                    let top = made
                        .get(&c.parent)
                        .map_or(earlier.local_id, |(_, top)| *top);
                    made.insert(c.id, (earlier.local_id, top));
                    self.report.comments_unchanged += 1;
                } else {
                    // Deleted in the newsroom since: not made again.
                    self.report.comments_deleted += 1;
                }
                continue;
            }
            let article_id = match article {
                Article::There(id) if !self.options.dry_run => id,
                // A dry run: it would be imported with its post.
                Article::There(_) | Article::ToMake if self.options.dry_run => {
                    self.report.comments_imported += 1;
                    continue;
                }
                // The post was deleted in the newsroom since, or refused: neither are its
                // comments brought in.
                _ => continue,
            };
            let parent_id = made.get(&c.parent).map(|(_, top)| *top);
            let created_at = wordpress_gmt(&c.date_gmt)
                .ok()
                .flatten()
                .unwrap_or(self.options.now);
            // A key of its own, so that no reader's comment is ever approved at once on its
            // strength, for a comment by the site's staff (anyone may know their address) and
            // for one without an address mail could reach.
            let own_key = format!("wordpress:{}:{}", self.site, c.id);
            let (address, key) = match email::canonical(&c.author_email) {
                Ok(a) if c.user_id == 0 => (a.email, a.key),
                Ok(a) => (a.email, own_key),
                Err(_) => (String::new(), own_key),
            };
            let body = plain_text(&c.content);
            let comment = ImportedComment {
                article_id,
                parent_id,
                name: &name(&c.author),
                email: &address,
                email_key: &key,
                body: if body.is_empty() { "…" } else { &body },
                status: status(&c.approved),
                client: c.author_ip.trim(),
                created_at,
            };
            let key = self.key("comment", &wp_key, "");
            let id = self.store.import_comment(&comment, &key).await?;
            made.insert(c.id, (id, parent_id.unwrap_or(id)));
            self.report.comments_imported += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_html_is_read_as_text() {
        assert_eq!(
            plain_text("<p>Nice <b>piece</b> &amp; thanks</p>\n<p>Second<br />line</p>"),
            "Nice piece & thanks\n\nSecond\nline"
        );
        assert_eq!(
            plain_text(r#"See <a href="https://a.example/x" rel="nofollow">the report</a>."#),
            "See the report (https://a.example/x)."
        );
        assert_eq!(
            plain_text(r#"<a href="https://a.example/">https://a.example/</a>"#),
            "https://a.example/"
        );
        assert_eq!(plain_text("<script>alert(1)</script>ok"), "ok");
        assert_eq!(plain_text("1 &lt; 2"), "1 < 2");
    }

    #[test]
    fn names_are_one_short_line() {
        assert_eq!(name("  Ann\r\nBcc: x "), "Ann Bcc: x");
        assert_eq!(name(""), "Anonymous");
        assert_eq!(name("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(name(&"a".repeat(100)).len(), 80);
    }

    #[test]
    fn statuses_follow_wordpress() {
        assert_eq!(status("1"), CommentStatus::Approved);
        assert_eq!(status("0"), CommentStatus::Held);
        assert_eq!(status("spam"), CommentStatus::Spam);
        assert_eq!(status("trash"), CommentStatus::Trash);
    }
}
