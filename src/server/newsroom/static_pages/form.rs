//! The page editor's form as the browser sends it, and its checks: title, slug (the page's
//! address: never one the site already answers) and body.

use crate::server::store::PageFields;
use serde::Deserialize;

pub const MAX_TITLE: usize = 200;
pub const MAX_BODY: usize = 100_000;
const MAX_SLUG: usize = 80;

/// First path segments the reader site, the newsroom or the server already answer (see
/// `app.rs` and `http/router.rs`), and a few kept for later: no page may take them.
pub const RESERVED: &[&str] = &[
    "api",
    "author",
    "category",
    "feed",
    "feeds",
    "healthz",
    "newsroom",
    "newsroom-pkg",
    "news-sitemap",
    "pkg",
    "preview",
    "robots",
    "search",
    "sitemap",
    "sitemaps",
    "subscribe",
    "tag",
    "static",
    "assets",
];

#[derive(Debug, Deserialize, Default)]
pub struct PageForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub body: String,
}

/// Why `slug` cannot be a page's address, if it cannot.
pub fn slug_problem(slug: &str) -> Option<String> {
    if slug.is_empty() {
        return Some("Give the page a slug: its address on the site, such as about-us.".into());
    }
    if slug.chars().count() > MAX_SLUG {
        return Some(format!(
            "The slug is over {MAX_SLUG} characters; shorten it."
        ));
    }
    if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Some(
            "The slug may only have lowercase letters a–z, digits and hyphens (-).".into(),
        );
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("The slug cannot start or end with a hyphen.".into());
    }
    if slug.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            "A slug of digits alone would look like a year in the site's article addresses; add a word."
                .into(),
        );
    }
    if RESERVED.contains(&slug) {
        return Some(format!(
            "The address /{slug} belongs to another part of the site; choose another slug."
        ));
    }
    None
}

/// The typed form, checked: the page's fields, or each problem by field.
pub fn checked(f: &PageForm) -> Result<PageFields, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let title: String = f
        .title
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if title.is_empty() {
        problems.push(("title", "Give the page a title.".to_string()));
    } else if title.chars().count() > MAX_TITLE {
        problems.push((
            "title",
            format!("The title is over {MAX_TITLE} characters; shorten it."),
        ));
    }
    let slug = f.slug.trim().to_string();
    if let Some(p) = slug_problem(&slug) {
        problems.push(("slug", p));
    }
    let body = f.body.replace("\r\n", "\n");
    if body.chars().count() > MAX_BODY {
        problems.push((
            "body",
            "The body is over 100,000 characters; shorten it or split it into several pages."
                .to_string(),
        ));
    }
    if problems.is_empty() {
        Ok(PageFields {
            slug,
            title,
            body_md: body,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_that_readers_routes_or_years_own_are_refused() {
        for ok in ["about", "privacy-policy", "contact-2026", "a1"] {
            assert_eq!(slug_problem(ok), None, "{ok}");
        }
        for bad in [
            "",
            "category",
            "tag",
            "author",
            "search",
            "feed",
            "newsroom",
            "api",
            "pkg",
            "newsroom-pkg",
            "preview",
            "subscribe",
            "healthz",
            "sitemaps",
            "2026",
            "1999",
            "About",
            "über",
            "a b",
            "a/b",
            "-about",
            "about-",
            "sitemap.xml",
            "robots.txt",
        ] {
            assert!(slug_problem(bad).is_some(), "{bad}");
        }
        assert!(slug_problem(&"a".repeat(81)).is_some());
    }

    #[test]
    fn overlong_fields_are_refused_with_a_message() {
        let f = PageForm {
            title: "t".repeat(MAX_TITLE + 1),
            slug: "about".into(),
            body: "b".repeat(MAX_BODY + 1),
            ..PageForm::default()
        };
        let problems = checked(&f).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].1.contains("over 200 characters"));
        assert!(problems[1].1.contains("100,000"));
    }
}
