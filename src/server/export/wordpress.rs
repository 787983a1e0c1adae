//! The site as a WordPress export (WXR 1.2, the file Tools → Export writes), which WordPress's
//! importer accepts and `timelines import wordpress` reads back into the same site:
//! - authors (`wp:author`: the byline's slug as the login, the account's address when it has
//!   one), categories with their parents (a slug used twice in the tree is written with its
//!   path, `europe-ports`, since WordPress's category slugs are unique), tags;
//! - pictures as attachments: the URL of their widest JPEG (WordPress's importer downloads
//!   it) and `_wp_attached_file` `<key>/<width>.jpg`, the same file in the media folder (so
//!   `--uploads` pointed at the media folder brings them back, from their originals where the
//!   folder keeps them);
//! - articles as posts (`publish`, `future` for scheduled, `pending` for review, `draft`), their
//!   HTML with the site's own addresses made absolute, the standfirst as the excerpt, featured
//!   as sticky, the featured picture as `_thumbnail_id` (with the article's own alt text,
//!   caption and credit for it as `_timelines_image_*`), the language, the editors' pick and
//!   the search engine fields as post meta (`_timelines_lang`, `_timelines_editors_pick`,
//!   Yoast's `_yoast_wpseo_*`);
//! - static pages as pages.
//!
//! Post ids are the article ids; pages and pictures are numbered apart ([`PAGE_IDS`],
//! [`MEDIA_IDS`]), so exporting again gives every item the same id and importing it again
//! updates rather than duplicates.

use super::{ExportError, Exported, Site};
use crate::server::feeds::xml::xml_text;
use crate::server::store::{ExportArticle, MediaRow};
use crate::server::zone::SiteZone;
use quick_xml::events::{BytesCData, BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::collections::HashMap;
use std::io::Write;

/// Pages' post ids: this plus the page's id.
pub const PAGE_IDS: i64 = 500_000_000;
/// Pictures' post ids: this plus the picture's id.
pub const MEDIA_IDS: i64 = 900_000_000;

type W<O> = Writer<O>;

/// Every value is written without the characters XML 1.0 cannot hold (a form feed pasted from
/// a word processor would make the whole file unreadable).
fn text<O: Write>(w: &mut W<O>, name: &str, value: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

/// An element whose text is CDATA (split where it holds `]]>`).
fn cdata<O: Write>(w: &mut W<O>, name: &str, value: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    for part in BytesCData::escaped(&xml_text(value)) {
        w.write_event(Event::CData(part))?;
    }
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

fn meta<O: Write>(w: &mut W<O>, key: &str, value: &str) -> std::io::Result<()> {
    w.create_element("wp:postmeta").write_inner_content(|w| {
        cdata(w, "wp:meta_key", key)?;
        cdata(w, "wp:meta_value", value)
    })?;
    Ok(())
}

/// WordPress's date form, in UTC.
fn wp_date(t: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    wp_form(t)
}

fn wp_form(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    t.format(&f).unwrap_or_default()
}

/// Dates of an item as WordPress writes them: `post_date` and `post_modified` in the site's
/// time zone, their `_gmt` twins in UTC (a draft's `post_date_gmt` is WordPress's "not set").
fn dates<O: Write>(
    w: &mut W<O>,
    zone: &SiteZone,
    posted: Option<i64>,
    modified: i64,
) -> std::io::Result<()> {
    let (local, gmt) = match posted {
        Some(t) => (wp_form(zone.local(t)), wp_date(t)),
        None => (
            wp_form(zone.local(modified)),
            "0000-00-00 00:00:00".to_string(),
        ),
    };
    cdata(w, "wp:post_date", &local)?;
    cdata(w, "wp:post_date_gmt", &gmt)?;
    cdata(w, "wp:post_modified", &wp_form(zone.local(modified)))?;
    cdata(w, "wp:post_modified_gmt", &wp_date(modified))
}

/// The fields WordPress writes for every item after its dates.
fn common<O: Write>(w: &mut W<O>, name: &str, status: &str) -> std::io::Result<()> {
    cdata(w, "wp:comment_status", "closed")?;
    cdata(w, "wp:ping_status", "closed")?;
    cdata(w, "wp:post_name", name)?;
    cdata(w, "wp:status", status)?;
    text(w, "wp:post_parent", "0")?;
    text(w, "wp:menu_order", "0")
}

fn rfc2822(t: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(t).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(&time::format_description::well_known::Rfc2822)
        .unwrap_or_default()
}

/// A slug as WordPress keeps it: non-ASCII bytes percent-encoded in lower case.
fn wp_slug(slug: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_');
    percent_encoding::utf8_percent_encode(slug, KEEP)
        .to_string()
        .to_lowercase()
}

/// The site's own addresses in a body (`/media/…`, `/2026/…`) made absolute.
fn absolute_links(html: &str, base: &str) -> String {
    html.replace("src=\"/", &format!("src=\"{base}/"))
        .replace("href=\"/", &format!("href=\"{base}/"))
        .replace(&format!("=\"{base}//"), "=\"//")
}

/// Each category's WordPress slug (nicename): its own slug, or its path with hyphens when
/// another category of the tree has the same slug.
fn nicenames(categories: &[crate::server::store::CategoryRow]) -> HashMap<i64, String> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for c in categories {
        *count.entry(c.slug.as_str()).or_default() += 1;
    }
    categories
        .iter()
        .map(|c| {
            let name = if count[c.slug.as_str()] > 1 {
                c.path.replace('/', "-")
            } else {
                c.slug.clone()
            };
            (c.id, name)
        })
        .collect()
}

/// The widest JPEG made of a picture, as a file name.
fn widest_jpeg(m: &MediaRow) -> String {
    let w = m.widths.last().copied().unwrap_or_else(|| {
        *crate::server::media::widths_for(m.width)
            .last()
            .unwrap_or(&m.width)
    });
    format!("{w}.jpg")
}

/// Writes the whole site to `out`.
pub async fn export<O: Write>(site: &Site<'_>, out: O) -> Result<Exported, ExportError> {
    let store = site.store;
    let base = site.base().to_string();
    let now = crate::server::clock::now().unix_timestamp();
    let zone = SiteZone::of(site.config);
    let mut done = Exported::default();
    let mut w = Writer::new_with_indent(out, b'\t', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let rss = BytesStart::new("rss").with_attributes([
        ("version", "2.0"),
        ("xmlns:excerpt", "http://wordpress.org/export/1.2/excerpt/"),
        ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
        ("xmlns:wfw", "http://wellformedweb.org/CommentAPI/"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:wp", "http://wordpress.org/export/1.2/"),
    ]);
    w.write_event(Event::Start(rss))?;
    w.write_event(Event::Start(BytesStart::new("channel")))?;
    text(&mut w, "title", &site.settings.name)?;
    text(&mut w, "link", &base)?;
    text(&mut w, "description", &site.settings.tagline)?;
    text(&mut w, "pubDate", &rfc2822(now))?;
    text(&mut w, "language", &site.config.site.language)?;
    text(&mut w, "wp:wxr_version", "1.2")?;
    text(&mut w, "wp:base_site_url", &base)?;
    text(&mut w, "wp:base_blog_url", &base)?;

    for a in store.export_authors().await? {
        w.create_element("wp:author").write_inner_content(|w| {
            text(w, "wp:author_id", &a.id.to_string())?;
            cdata(w, "wp:author_login", &a.slug)?;
            cdata(w, "wp:author_email", a.email.as_deref().unwrap_or_default())?;
            cdata(w, "wp:author_display_name", &a.name)?;
            cdata(w, "wp:author_first_name", "")?;
            cdata(w, "wp:author_last_name", "")
        })?;
        done.authors += 1;
    }
    // Parents before their children, as WordPress writes them (its importer looks a parent up
    // when it meets the child).
    let mut categories = store.all_categories().await?;
    categories.sort_by_key(|c| (c.path.matches('/').count(), c.position, c.id));
    let nicename = nicenames(&categories);
    let by_path: HashMap<&str, &str> = categories
        .iter()
        .map(|c| (c.path.as_str(), nicename[&c.id].as_str()))
        .collect();
    for c in &categories {
        let parent = c
            .parent_id
            .and_then(|p| nicename.get(&p))
            .cloned()
            .unwrap_or_default();
        w.create_element("wp:category").write_inner_content(|w| {
            text(w, "wp:term_id", &c.id.to_string())?;
            cdata(w, "wp:category_nicename", &nicename[&c.id])?;
            cdata(w, "wp:category_parent", &parent)?;
            cdata(w, "wp:cat_name", &c.name)?;
            cdata(w, "wp:category_description", &c.description)
        })?;
        done.categories += 1;
    }
    for (i, (slug, name)) in store.export_tags().await?.iter().enumerate() {
        w.create_element("wp:tag").write_inner_content(|w| {
            text(w, "wp:term_id", &(1_000_000 + i).to_string())?;
            cdata(w, "wp:tag_slug", &wp_slug(slug))?;
            cdata(w, "wp:tag_name", name)
        })?;
        done.tags += 1;
    }

    for m in store.export_media().await? {
        let file = widest_jpeg(&m);
        let url = format!("{base}{}", crate::urls::media(&m.key, &file));
        let id = MEDIA_IDS + m.id;
        w.create_element("item").write_inner_content(|w| {
            cdata(w, "title", &m.file_name)?;
            text(w, "link", &url)?;
            text(w, "pubDate", &rfc2822(m.created_at))?;
            cdata(w, "dc:creator", "")?;
            w.create_element("guid")
                .with_attribute(("isPermaLink", "false"))
                .write_text_content(BytesText::new(&url))?;
            cdata(w, "content:encoded", "")?;
            cdata(w, "excerpt:encoded", &m.caption)?;
            text(w, "wp:post_id", &id.to_string())?;
            dates(w, &zone, Some(m.created_at), m.created_at)?;
            common(w, &wp_slug(&m.key), "inherit")?;
            cdata(w, "wp:post_type", "attachment")?;
            cdata(w, "wp:post_password", "")?;
            text(w, "wp:is_sticky", "0")?;
            cdata(w, "wp:attachment_url", &url)?;
            meta(w, "_wp_attached_file", &format!("{}/{file}", m.key))?;
            meta(w, "_wp_attachment_image_alt", &m.alt)?;
            meta(w, "_timelines_credit", &m.credit)?;
            meta(w, "_timelines_file_name", &m.file_name)
        })?;
        done.pictures += 1;
    }

    let write_article = |w: &mut W<O>, a: &ExportArticle| -> std::io::Result<()> {
        let status = match (a.status.as_str(), a.published_at) {
            ("published", Some(t)) if t > now => "future",
            ("published", Some(_)) => "publish",
            ("review", _) => "pending",
            _ => "draft",
        };
        let link = match a.published_at.filter(|_| status == "publish") {
            Some(t) => format!("{base}{}", crate::urls::article(&a.slug, t)),
            None => format!("{base}/?p={}", a.id),
        };
        w.create_element("item").write_inner_content(|w| {
            cdata(w, "title", &a.title)?;
            text(w, "link", &link)?;
            text(
                w,
                "pubDate",
                &rfc2822(a.published_at.unwrap_or(a.created_at)),
            )?;
            cdata(w, "dc:creator", &a.author_slug)?;
            w.create_element("guid")
                .with_attribute(("isPermaLink", "false"))
                .write_text_content(BytesText::new(&format!("{base}/?p={}", a.id)))?;
            text(w, "description", "")?;
            cdata(w, "content:encoded", &absolute_links(&a.body_html, &base))?;
            cdata(w, "excerpt:encoded", &a.dek)?;
            text(w, "wp:post_id", &a.id.to_string())?;
            dates(w, &zone, a.published_at, a.updated_at)?;
            common(w, &wp_slug(&a.slug), status)?;
            cdata(w, "wp:post_type", "post")?;
            cdata(w, "wp:post_password", "")?;
            text(w, "wp:is_sticky", if a.featured { "1" } else { "0" })?;
            let nice = by_path
                .get(a.category_path.as_str())
                .copied()
                .unwrap_or_default();
            w.create_element("category")
                .with_attributes([("domain", "category"), ("nicename", nice)])
                .write_text_content(BytesText::new(&xml_text(
                    categories
                        .iter()
                        .find(|c| c.path == a.category_path)
                        .map(|c| c.name.as_str())
                        .unwrap_or_default(),
                )))?;
            for tag in a.tag_names() {
                let slug = wp_slug(&crate::model::slugify(tag));
                w.create_element("category")
                    .with_attributes([("domain", "post_tag"), ("nicename", slug.as_str())])
                    .write_text_content(BytesText::new(&xml_text(tag)))?;
            }
            meta(w, "_timelines_lang", &a.lang)?;
            if let Some(key) = &a.translation_key {
                meta(w, "_timelines_translation_key", key)?;
            }
            if a.editors_pick {
                meta(w, "_timelines_editors_pick", "1")?;
            }
            if let Some(media) = a.image_media_id {
                meta(w, "_thumbnail_id", &(MEDIA_IDS + media).to_string())?;
                // The article's own words for its picture (WordPress keeps them on the
                // attachment, shared by every post).
                meta(
                    w,
                    "_timelines_image_alt",
                    a.image_alt.as_deref().unwrap_or_default(),
                )?;
                meta(w, "_timelines_image_caption", &a.image_caption)?;
                meta(w, "_timelines_image_credit", &a.image_credit)?;
            }
            for (key, value) in [
                ("_yoast_wpseo_title", &a.seo_title),
                ("_yoast_wpseo_metadesc", &a.seo_description),
                ("_yoast_wpseo_canonical", &a.canonical_url),
            ] {
                if !value.is_empty() {
                    meta(w, key, value)?;
                }
            }
            Ok(())
        })?;
        Ok(())
    };
    done.articles = site
        .each_article(|a| write_article(&mut w, a).map_err(ExportError::from))
        .await?;

    for p in store.export_pages().await? {
        let link = format!("{base}{}", crate::urls::static_page(&p.slug));
        w.create_element("item").write_inner_content(|w| {
            cdata(w, "title", &p.title)?;
            text(w, "link", &link)?;
            text(w, "pubDate", &rfc2822(p.updated_at))?;
            cdata(w, "dc:creator", "")?;
            w.create_element("guid")
                .with_attribute(("isPermaLink", "false"))
                .write_text_content(BytesText::new(&format!(
                    "{base}/?page_id={}",
                    PAGE_IDS + p.id
                )))?;
            cdata(w, "content:encoded", &absolute_links(&p.body_html, &base))?;
            cdata(w, "excerpt:encoded", "")?;
            text(w, "wp:post_id", &(PAGE_IDS + p.id).to_string())?;
            dates(w, &zone, Some(p.updated_at), p.updated_at)?;
            common(w, &p.slug, "publish")?;
            cdata(w, "wp:post_type", "page")?;
            cdata(w, "wp:post_password", "")?;
            text(w, "wp:is_sticky", "0")
        })?;
        done.pages += 1;
    }
    w.write_event(Event::End(BytesEnd::new("channel")))?;
    w.write_event(Event::End(BytesEnd::new("rss")))?;
    w.into_inner().flush()?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_kept_as_wordpress_keeps_them() {
        assert_eq!(wp_slug("ferries-return"), "ferries-return");
        assert_eq!(wp_slug("غزة"), "%d8%ba%d8%b2%d8%a9");
    }

    #[test]
    fn the_sites_own_addresses_become_absolute() {
        let html = r#"<img src="/media/k/768.jpg"><a href="/2026/04/06/x">x</a><a href="https://a.example/">a</a><a href="//cdn.example/y">y</a>"#;
        assert_eq!(
            absolute_links(html, "https://news.example"),
            r#"<img src="https://news.example/media/k/768.jpg"><a href="https://news.example/2026/04/06/x">x</a><a href="https://a.example/">a</a><a href="//cdn.example/y">y</a>"#
        );
    }
}
