//! The sitemap index and its child sitemaps: every URL of one kind (articles, categories,
//! tags, authors, pages), at most [`SITEMAP_URLS`] to a file.

use super::xml::{new_document, rfc3339, text, NS_IMAGE, NS_SITEMAP};
use super::SITEMAP_URLS;
use crate::error::AppError;
use crate::server::clock;
use crate::server::store::SitemapKind;
use crate::server::AppState;
use crate::urls::{self, absolute};
use std::io;

/// One `<url>` of a urlset or one `<sitemap>` of an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Loc {
    pub(super) url: String,
    pub(super) lastmod: i64,
    /// An article's featured picture (absolute), for Google's image sitemap extension.
    pub(super) image: Option<String>,
}

/// `articles-3.xml` → (articles, 3). Page numbers start at 1 and carry no sign or zeros in
/// front, so every sitemap has exactly one name.
pub(super) fn parse_sitemap_file(file: &str) -> Option<(SitemapKind, u32)> {
    let (kind, page) = file.strip_suffix(".xml")?.rsplit_once('-')?;
    if page.starts_with('0') || !page.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let page: u32 = page.parse().ok().filter(|&n| n >= 1)?;
    Some((SitemapKind::from_name(kind)?, page))
}

/// The newest change on each child sitemap of `kind`, one entry per page.
pub(super) async fn child_lastmods(
    state: &AppState,
    kind: SitemapKind,
    now: i64,
) -> Result<Vec<i64>, AppError> {
    if kind == SitemapKind::Pages {
        let urls = page_urls(state, now).await?;
        return Ok(urls
            .chunks(SITEMAP_URLS as usize)
            .filter_map(|c| c.iter().map(|u| u.lastmod).max())
            .collect());
    }
    Ok(state
        .read
        .store()
        .sitemap_page_lastmods(kind, now, SITEMAP_URLS)
        .await?)
}

/// Page `page` (from 1) of the URLs of `kind`; empty past the end.
pub(super) async fn sitemap_urls(
    state: &AppState,
    kind: SitemapKind,
    page: u32,
) -> Result<Vec<Loc>, AppError> {
    let now = clock::now().unix_timestamp();
    let offset = (page - 1).saturating_mul(SITEMAP_URLS);
    if kind == SitemapKind::Pages {
        let urls = page_urls(state, now).await?;
        return Ok(urls
            .into_iter()
            .skip(offset as usize)
            .take(SITEMAP_URLS as usize)
            .collect());
    }
    let base = &state.config.site.public_url;
    let rows = state
        .read
        .store()
        .sitemap_rows(kind, now, SITEMAP_URLS, offset)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let path = match kind {
                SitemapKind::Articles => crate::urls::article(&r.key, r.published_at),
                SitemapKind::Categories => crate::urls::category(&r.key),
                SitemapKind::Tags => urls::tag(&r.key),
                SitemapKind::Authors => urls::author(&r.key),
                SitemapKind::Pages => urls::static_page(&r.key),
            };
            Loc {
                url: absolute(base, &path),
                lastmod: r.lastmod,
                image: r.image_path().map(|p| absolute(base, &p)),
            }
        })
        .collect())
}

/// The home page (changed whenever any article did) and the static pages. There are only a
/// handful, so they are listed in memory.
pub(super) async fn page_urls(state: &AppState, now: i64) -> Result<Vec<Loc>, AppError> {
    let store = state.read.store();
    let base = &state.config.site.public_url;
    let pages = store
        .sitemap_rows(SitemapKind::Pages, now, u32::MAX, 0)
        .await?;
    let newest_article = store.articles_lastmod(now).await?;
    let home = newest_article
        .or_else(|| pages.iter().map(|p| p.lastmod).max())
        .unwrap_or(now);
    let mut urls = vec![Loc {
        url: absolute(base, "/"),
        lastmod: home,
        image: None,
    }];
    urls.extend(pages.into_iter().map(|p| Loc {
        url: absolute(base, &urls::static_page(&p.key)),
        lastmod: p.lastmod,
        image: None,
    }));
    Ok(urls)
}

/// A sitemap index (`sitemapindex` of `sitemap`) or a sitemap (`urlset` of `url`): the same
/// list of locations with their last change, under different element names.
fn write_locs(root: &str, entry: &str, locs: &[Loc]) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    let mut namespaces = vec![("xmlns", NS_SITEMAP)];
    if locs.iter().any(|l| l.image.is_some()) {
        namespaces.push(("xmlns:image", NS_IMAGE));
    }
    w.create_element(root)
        .with_attributes(namespaces)
        .write_inner_content(|w| {
            for l in locs {
                w.create_element(entry).write_inner_content(|w| {
                    text(w, "loc", &l.url)?;
                    text(w, "lastmod", &rfc3339(l.lastmod))?;
                    if let Some(image) = &l.image {
                        w.create_element("image:image")
                            .write_inner_content(|w| text(w, "image:loc", image))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

pub(super) fn write_sitemap_index(children: &[Loc]) -> io::Result<Vec<u8>> {
    write_locs("sitemapindex", "sitemap", children)
}

pub(super) fn write_urlset(urls: &[Loc]) -> io::Result<Vec<u8>> {
    write_locs("urlset", "url", urls)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MAX_SLUG_CHARS;
    use crate::server::http::page_cache::MAX_PAGE_BYTES;

    #[test]
    fn a_full_sitemap_of_the_longest_urls_is_small_enough_to_be_kept() {
        // The longest slug in a script of three-byte letters (nine characters each once
        // percent-encoded), on a long site address, each with a picture: the worst case a
        // newsroom can make.
        let base = "https://news.an-example-of-a-rather-long-publisher-domain.example";
        let slug = "新".repeat(MAX_SLUG_CHARS);
        let urls: Vec<Loc> = (0..SITEMAP_URLS)
            .map(|i| Loc {
                url: absolute(base, &format!("/2026/12/31/{slug}{i}")),
                lastmod: 1_790_000_000 + i64::from(i),
                image: Some(absolute(
                    base,
                    "/media/0123456789abcdef0123456789abcdef/2400.jpg",
                )),
            })
            .collect();
        assert!(urls[0].url.len() > 1_000, "{}", urls[0].url);
        let size = write_urlset(&urls).unwrap().len();
        assert!(
            size < MAX_PAGE_BYTES,
            "{SITEMAP_URLS} URLs make {size} bytes, over the page cache's {MAX_PAGE_BYTES}"
        );
    }

    #[test]
    fn sitemap_file_names_have_one_spelling() {
        assert_eq!(
            parse_sitemap_file("articles-1.xml"),
            Some((SitemapKind::Articles, 1))
        );
        assert_eq!(
            parse_sitemap_file("pages-12.xml"),
            Some((SitemapKind::Pages, 12))
        );
        for bad in [
            "articles-0.xml",
            "articles-01.xml",
            "articles-+1.xml",
            "articles-1",
            "articles.xml",
            "bogus-1.xml",
            "articles-99999999999.xml",
            "articles-.xml",
        ] {
            assert_eq!(parse_sitemap_file(bad), None, "{bad}");
        }
    }
}
