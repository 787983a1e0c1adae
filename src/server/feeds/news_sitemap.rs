//! The Google News sitemap: articles of the last 48 hours.

use super::xml::{new_document, rfc3339, text, NS_NEWS, NS_SITEMAP};
use std::io;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NewsItem {
    pub(super) url: String,
    pub(super) title: String,
    pub(super) language: String,
    pub(super) published: i64,
    pub(super) updated: i64,
}

pub(super) fn write_news_sitemap(publication: &str, items: &[NewsItem]) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element("urlset")
        .with_attributes([("xmlns", NS_SITEMAP), ("xmlns:news", NS_NEWS)])
        .write_inner_content(|w| {
            for i in items {
                w.create_element("url").write_inner_content(|w| {
                    text(w, "loc", &i.url)?;
                    w.create_element("news:news").write_inner_content(|w| {
                        w.create_element("news:publication")
                            .write_inner_content(|w| {
                                text(w, "news:name", publication)?;
                                text(w, "news:language", &i.language)
                            })?;
                        text(w, "news:publication_date", &rfc3339(i.published))?;
                        text(w, "news:title", &i.title)
                    })?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}
