//! The site as one JSON document (`timelines export json OUT.json`), for other tools and for
//! keeping: everything but passwords and sessions. Its shape (format `timelines-export`,
//! version 1; times are RFC 3339 in UTC, null when not set):
//!
//! ```text
//! { "format": "timelines-export", "version": 1, "exported_at": "…",
//!   "site": { "name", "tagline", "public_url", "language" },
//!   "authors": [ { "slug", "name", "bio", "url",
//!                  "account": null | { "email", "role", "active" } } ],
//!   "categories": [ { "path", "slug", "name", "description", "parent_path", "position", "url" } ],
//!   "tags": [ { "slug", "name", "url" } ],
//!   "media": [ { "key", "file_name", "mime", "width", "height", "bytes", "alt", "caption",
//!                "credit", "status", "created_at", "files": [ "/media/<key>/<file>", … ] } ],
//!   "articles": [ { "id", "slug", "url", "title", "dek", "body_markdown", "body_html", "lang",
//!                   "status": "draft" | "review" | "published" | "scheduled",
//!                   "published_at", "updated_at", "created_at", "author", "category", "tags",
//!                   "featured", "editors_pick", "seo_title", "seo_description", "canonical_url",
//!                   "image": null | { "media_key", "alt", "caption", "credit" },
//!                   "translation_key": null | "…" (shared by an article and its translations) } ],
//!   "pages": [ { "slug", "url", "title", "body_markdown", "body_html", "updated_at" } ] }
//! ```
//!
//! `url` is absolute (the site's public address); an unpublished article's is null. Articles
//! are written as they are read, a batch at a time. Members come in alphabetical order.

use super::{ExportError, Exported, Site};
use crate::server::store::ExportArticle;
use serde_json::{json, Value};
use std::io::Write;

fn time(t: i64) -> Value {
    match time::OffsetDateTime::from_unix_timestamp(t) {
        Ok(t) => Value::String(crate::server::clock::iso(t)),
        Err(_) => Value::Null,
    }
}

fn article(a: &ExportArticle, base: &str, now: i64) -> Value {
    let status = match (a.status.as_str(), a.published_at) {
        ("published", Some(t)) if t > now => "scheduled",
        (s, _) => s,
    };
    let url = a
        .published_at
        .filter(|_| status == "published")
        .map(|t| format!("{base}{}", crate::urls::article(&a.slug, t)));
    let image = a.image_key.as_ref().map(|key| {
        json!({
            "media_key": key,
            "alt": a.image_alt.clone().unwrap_or_default(),
            "caption": a.image_caption,
            "credit": a.image_credit,
        })
    });
    json!({
        "id": a.id,
        "slug": a.slug,
        "url": url,
        "title": a.title,
        "dek": a.dek,
        "body_markdown": a.body_md,
        "body_html": a.body_html,
        "lang": a.lang,
        "status": status,
        "published_at": a.published_at.map(time),
        "updated_at": time(a.updated_at),
        "created_at": time(a.created_at),
        "author": a.author_slug,
        "category": a.category_path,
        "tags": a.tag_names(),
        "featured": a.featured,
        "editors_pick": a.editors_pick,
        "seo_title": a.seo_title,
        "seo_description": a.seo_description,
        "canonical_url": a.canonical_url,
        "image": image,
        "translation_key": a.translation_key,
    })
}

/// Writes the whole site to `out`.
pub async fn export<O: Write>(site: &Site<'_>, mut out: O) -> Result<Exported, ExportError> {
    let store = site.store;
    let base = site.base().to_string();
    let now = crate::server::clock::now().unix_timestamp();
    let mut done = Exported::default();
    let authors: Vec<Value> = store
        .export_authors()
        .await?
        .into_iter()
        .map(|a| {
            let account = a.email.as_ref().map(|email| {
                json!({ "email": email, "role": a.role, "active": a.active.unwrap_or(true) })
            });
            json!({
                "slug": a.slug,
                "name": a.name,
                "bio": a.bio,
                "url": format!("{base}{}", crate::urls::author(&a.slug)),
                "account": account,
            })
        })
        .collect();
    done.authors = authors.len();
    let all = store.all_categories().await?;
    let path_of = |id: Option<i64>| {
        id.and_then(|id| all.iter().find(|c| c.id == id))
            .map(|c| c.path.clone())
    };
    let categories: Vec<Value> = all
        .iter()
        .map(|c| {
            json!({
                "path": c.path,
                "slug": c.slug,
                "name": c.name,
                "description": c.description,
                "parent_path": path_of(c.parent_id),
                "position": c.position,
                "url": format!("{base}{}", crate::urls::category(&c.path)),
            })
        })
        .collect();
    done.categories = categories.len();
    let tags: Vec<Value> = store
        .export_tags()
        .await?
        .into_iter()
        .map(|(slug, name)| {
            json!({ "url": format!("{base}{}", crate::urls::tag(&slug)), "slug": slug, "name": name })
        })
        .collect();
    done.tags = tags.len();
    let media: Vec<Value> = store
        .export_media()
        .await?
        .into_iter()
        .map(|m| {
            let mut files: Vec<String> = m
                .widths
                .iter()
                .flat_map(|w| {
                    [
                        crate::urls::media_variant(&m.key, *w, "webp"),
                        crate::urls::media_variant(&m.key, *w, "jpg"),
                    ]
                })
                .collect();
            if !m.widths.is_empty() {
                files.push(crate::urls::media(&m.key, "share.jpg"));
            }
            json!({
                "key": m.key,
                "file_name": m.file_name,
                "mime": m.mime,
                "width": m.width,
                "height": m.height,
                "bytes": m.bytes,
                "alt": m.alt,
                "caption": m.caption,
                "credit": m.credit,
                "status": m.status.as_str(),
                "created_at": time(m.created_at),
                "files": files,
            })
        })
        .collect();
    done.pictures = media.len();
    let head = json!({
        "format": "timelines-export",
        "version": 1,
        "exported_at": time(now),
        "site": {
            "name": site.settings.name,
            "tagline": site.settings.tagline,
            "public_url": base,
            "language": site.config.site.language,
        },
        "authors": authors,
        "categories": categories,
        "tags": tags,
        "media": media,
    });
    // The head's members, then the articles as they are read, then the pages.
    let head = serde_json::to_string(&head).map_err(std::io::Error::other)?;
    out.write_all(head.strip_suffix('}').unwrap_or(&head).as_bytes())?;
    out.write_all(b",\"articles\":[")?;
    let mut first = true;
    done.articles = site
        .each_article(|a| {
            if !std::mem::take(&mut first) {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut out, &article(a, &base, now))
                .map_err(std::io::Error::other)?;
            Ok(())
        })
        .await?;
    let pages: Vec<Value> = store
        .export_pages()
        .await?
        .into_iter()
        .map(|p| {
            json!({
                "url": format!("{base}{}", crate::urls::static_page(&p.slug)),
                "slug": p.slug,
                "title": p.title,
                "body_markdown": p.body_md,
                "body_html": p.body_html,
                "updated_at": time(p.updated_at),
            })
        })
        .collect();
    done.pages = pages.len();
    out.write_all(b"],\"pages\":")?;
    serde_json::to_writer(&mut out, &pages).map_err(std::io::Error::other)?;
    out.write_all(b"}\n")?;
    out.flush()?;
    Ok(done)
}
