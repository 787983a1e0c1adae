//! The demo's words: articles and static pages as Markdown files of `+++`-fenced TOML front
//! matter blocks, each followed by its body, and the staff in `authors.toml`.

use crate::server::store::NewArticle;
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The article files, each holding many articles (see `parse_documents`).
const ARTICLE_FILES: &[(&str, &str)] = &[
    ("world.md", include_str!("articles/world.md")),
    (
        "europe_americas_business.md",
        include_str!("articles/europe_americas_business.md"),
    ),
    (
        "culture_science_sport.md",
        include_str!("articles/culture_science_sport.md"),
    ),
];

pub(super) const PAGES: &str = include_str!("pages.md");
pub(super) const AUTHORS: &str = include_str!("authors.toml");

/// What is wrong with a demo file (a mistake in the project's own content, found at load and by
/// the tests).
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{file}: expected +++, found {line:?}")]
    Fence { file: &'static str, line: String },
    #[error("{file}: front matter is not closed")]
    Unclosed { file: &'static str },
    #[error("{file}: {source}")]
    Toml {
        file: &'static str,
        source: toml::de::Error,
    },
    #[error("{file}: {slug}: published: {source}")]
    Date {
        file: &'static str,
        slug: String,
        source: time::error::Parse,
    },
    #[error("{file}: {slug}: needs hours_ago or published")]
    NoDate { file: &'static str, slug: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    #[serde(default)]
    dek: String,
    category: String,
    author: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default = "english")]
    lang: String,
    hours_ago: Option<i64>,
    published: Option<String>,
    updated_hours_ago: Option<i64>,
    #[serde(default)]
    featured: bool,
    #[serde(default)]
    editors_pick: bool,
    #[serde(default)]
    views: i64,
    translation_key: Option<String>,
}

fn english() -> String {
    "en".into()
}

#[derive(Debug, Deserialize)]
pub(super) struct PageFront {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub(super) struct AuthorsFile {
    pub author: Vec<AuthorEntry>,
}

#[derive(Debug, Deserialize)]
pub(super) struct AuthorEntry {
    pub slug: String,
    pub name: String,
    pub bio: String,
}

/// Splits a file of `+++`-fenced TOML front matter blocks, each followed by its Markdown body.
pub fn parse_documents(file: &'static str, text: &str) -> Result<Vec<(String, String)>, DemoError> {
    let mut docs = Vec::new();
    let mut lines = text.lines().peekable();
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    while let Some(line) = lines.next() {
        if line.trim_end() != "+++" {
            return Err(DemoError::Fence {
                file,
                line: line.to_string(),
            });
        }
        let mut front = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            if l.trim_end() == "+++" {
                closed = true;
                break;
            }
            front.push_str(l);
            front.push('\n');
        }
        if !closed {
            return Err(DemoError::Unclosed { file });
        }
        let mut body = String::new();
        while let Some(l) = lines.peek() {
            if l.trim_end() == "+++" {
                break;
            }
            body.push_str(l);
            body.push('\n');
            lines.next();
        }
        docs.push((front, body.trim().to_string()));
    }
    Ok(docs)
}

/// Every demo article, dated relative to `now`.
pub fn articles(now: OffsetDateTime) -> Result<Vec<NewArticle>, DemoError> {
    let mut out = Vec::new();
    for (file, text) in ARTICLE_FILES {
        for (front, body) in parse_documents(file, text)? {
            let f: FrontMatter =
                toml::from_str(&front).map_err(|source| DemoError::Toml { file, source })?;
            let hour = 3600;
            let published_at = match (&f.published, f.hours_ago) {
                (Some(p), _) => OffsetDateTime::parse(p, &Rfc3339)
                    .map_err(|source| DemoError::Date {
                        file,
                        slug: f.slug.clone(),
                        source,
                    })?
                    .unix_timestamp(),
                (None, Some(h)) => now.unix_timestamp() - h * hour,
                (None, None) => {
                    return Err(DemoError::NoDate {
                        file,
                        slug: f.slug.clone(),
                    })
                }
            };
            let updated_at = f
                .updated_hours_ago
                .map_or(published_at, |h| now.unix_timestamp() - h * hour);
            out.push(NewArticle {
                slug: f.slug,
                title: f.title,
                dek: f.dek,
                body_md: body,
                lang: f.lang,
                category_path: f.category,
                author_slug: f.author,
                tags: f.tags,
                published_at,
                updated_at,
                featured: f.featured,
                editors_pick: f.editors_pick,
                views: f.views,
                translation_key: f.translation_key,
            });
        }
    }
    Ok(out)
}
