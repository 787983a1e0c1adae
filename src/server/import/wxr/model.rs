//! What a WordPress export holds, as read from it: the site, its authors, its terms and its
//! items (posts, pages, attachments and the rest), text as it was written (entities resolved,
//! CDATA joined), nothing decided yet.

use super::super::dates::{wordpress_gmt, DateError};

/// The channel's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub title: String,
    pub link: String,
    pub description: String,
    pub language: String,
    pub wxr_version: String,
    pub base_site_url: String,
    pub base_blog_url: String,
}

/// `wp:author`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    pub id: Option<i64>,
    pub login: String,
    pub email: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

impl Author {
    /// The name to sign with: the display name, else first and last, else the login.
    pub fn name(&self) -> String {
        let full = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = [self.display_name.trim(), full.trim(), self.login.trim()]
            .into_iter()
            .find(|n| !n.is_empty())
            .map(str::to_string)
            .unwrap_or_default();
        name
    }
}

/// `wp:category`, `wp:tag` or `wp:term`: a term of a taxonomy (`category`, `post_tag`, or
/// another such as `nav_menu` or `post_format`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Term {
    pub id: Option<i64>,
    pub taxonomy: String,
    /// As written (percent-encoded when the site's slug is not ASCII).
    pub slug: String,
    /// The parent's slug (not its id); empty at the top.
    pub parent_slug: String,
    pub name: String,
    pub description: String,
}

/// `<category domain=".." nicename="..">Name</category>` on an item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemTerm {
    pub domain: String,
    pub slug: String,
    pub name: String,
}

/// `wp:comment`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub author: String,
    pub author_email: String,
    pub author_url: String,
    pub author_ip: String,
    pub date_gmt: String,
    pub content: String,
    /// `1`, `0`, `spam` or `trash`.
    pub approved: String,
    /// Empty for a comment, `pingback` or `trackback`.
    pub kind: String,
    pub parent: i64,
    /// The site's account that wrote it (0: a reader).
    pub user_id: i64,
}

/// One `<item>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    /// The line of the file where the item starts, for reports.
    pub line: u64,
    pub title: String,
    /// The original permalink.
    pub link: String,
    pub guid: String,
    pub content: String,
    pub excerpt: String,
    /// The author's login.
    pub creator: String,
    pub post_id: i64,
    pub post_date: String,
    pub post_date_gmt: String,
    pub post_modified_gmt: String,
    pub comment_status: String,
    /// As written (percent-encoded when not ASCII).
    pub post_name: String,
    pub status: String,
    pub post_parent: i64,
    pub menu_order: i64,
    pub post_type: String,
    pub post_password: String,
    pub is_sticky: bool,
    pub terms: Vec<ItemTerm>,
    pub meta: Vec<(String, String)>,
    pub attachment_url: String,
    pub comments: Vec<Comment>,
}

impl Item {
    /// The first value of post meta `key`.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The slug, percent-decoded (so an Arabic slug is Arabic again); invalid UTF-8 after
    /// decoding keeps the slug as written.
    pub fn slug(&self) -> String {
        decoded(&self.post_name)
    }

    /// The terms of `domain` (`category`, `post_tag`).
    pub fn terms_of<'a>(&'a self, domain: &'a str) -> impl Iterator<Item = &'a ItemTerm> + 'a {
        self.terms.iter().filter(move |t| t.domain == domain)
    }

    /// When it was published (UTC): `post_date_gmt`, or for the drafts WordPress leaves at
    /// `0000-00-00 00:00:00`, none.
    pub fn published_gmt(&self) -> Result<Option<i64>, DateError> {
        wordpress_gmt(&self.post_date_gmt)
    }

    pub fn modified_gmt(&self) -> Result<Option<i64>, DateError> {
        wordpress_gmt(&self.post_modified_gmt)
    }
}

/// A title or name as plain text: WordPress keeps them as HTML (entities such as `&amp;` and
/// `&#8217;`, and now and then a tag), the portal as text.
pub fn plain(s: &str) -> String {
    let text = if s.contains('<') {
        ammonia::Builder::empty().clean(s).to_string()
    } else {
        s.to_string()
    };
    html_escape::decode_html_entities(text.trim()).into_owned()
}

/// A slug or path percent-decoded, or as written when that is not UTF-8.
pub fn decoded(s: &str) -> String {
    percent_encoding::percent_decode_str(s.trim())
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.trim().to_string())
}

/// One thing read from the export, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The channel's fields: given once, before anything else.
    Site(Site),
    Author(Author),
    Term(Term),
    Item(Box<Item>),
}
