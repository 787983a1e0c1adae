//! What a page says about itself in `<head>`: [`PageMeta`], built from the page's data.

use super::json_ld::{breadcrumb_ld, news_article_ld};
use crate::model::{Article, Image, SiteInfo};
use crate::urls::absolute_href;
use serde_json::Value;

/// The `robots` value of a page search engines may index: full-size image previews allowed.
pub const INDEXABLE: &str = "max-image-preview:large";

/// What a page says about itself in `<head>`.
#[derive(Debug, Clone, PartialEq)]
pub struct PageMeta {
    /// The page's own title, without the site name (`og:title`, `twitter:title`).
    pub title: String,
    pub description: String,
    /// Absolute canonical URL, also `og:url`.
    pub canonical: String,
    /// `og:type`: `article` or `website`.
    pub og_type: &'static str,
    /// The share image, with an absolute URL.
    pub image: Image,
    /// `robots`: [`INDEXABLE`], or a `noindex` value for pages kept out of search.
    pub robots: &'static str,
    /// The page's language, for `og:locale`.
    pub lang: String,
    /// Article facts for `article:*` tags, on article pages only.
    pub article: Option<ArticleFacts>,
    /// Language versions: (`hreflang`, absolute URL), `x-default` included.
    pub alternates: Vec<(String, String)>,
    /// Feeds of this page beyond the site feeds: (title, absolute URL), RSS 2.0.
    pub feeds: Vec<(String, String)>,
    /// Structured data, one `<script type="application/ld+json">` each.
    pub json_ld: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleFacts {
    pub published: String,
    pub modified: String,
    pub section: String,
    pub author_url: String,
    pub tags: Vec<String>,
}

impl PageMeta {
    /// A plain page of the site (`og:type` website) with the default share image.
    pub fn website(
        site: &SiteInfo,
        title: impl Into<String>,
        description: impl Into<String>,
        path: &str,
    ) -> Self {
        Self {
            title: title.into(),
            description: description.into(),
            canonical: absolute_href(&site.public_url, path),
            og_type: "website",
            image: site.default_image.clone(),
            robots: INDEXABLE,
            lang: site.lang.clone(),
            article: None,
            alternates: vec![],
            feeds: vec![],
            json_ld: vec![],
        }
    }

    /// An article page: `og:type` article, its image or the default one, hreflang alternates,
    /// NewsArticle and BreadcrumbList structured data.
    pub fn article(article: &Article, site: &SiteInfo) -> Self {
        let s = &article.summary;
        let base = &site.public_url;
        let mut alternates: Vec<(String, String)> = article
            .translations
            .iter()
            .map(|t| (t.lang.clone(), absolute_href(base, &t.href)))
            .collect();
        if let Some(default) = article
            .translations
            .iter()
            .find(|t| t.lang == site.lang)
            .or(article.translations.first())
        {
            alternates.push(("x-default".into(), absolute_href(base, &default.href)));
        }
        Self {
            title: s.title.clone(),
            description: s.dek.clone(),
            canonical: article.canonical_url.clone(),
            og_type: "article",
            image: article_image(article, site),
            robots: INDEXABLE,
            lang: s.lang.clone(),
            article: Some(ArticleFacts {
                published: s.published.iso.clone(),
                modified: article.modified_iso.clone(),
                section: s.category.name.clone(),
                author_url: absolute_href(base, &crate::urls::author(&s.author.slug)),
                tags: article.tags.iter().map(|t| t.name.clone()).collect(),
            }),
            alternates,
            // Its comments' feed (`server/feeds/comments.rs`).
            feeds: vec![(
                format!("Comments on: {}", s.title),
                absolute_href(base, &format!("{}/feed", s.href)),
            )],
            json_ld: vec![
                news_article_ld(article, site),
                breadcrumb_ld(&article.breadcrumbs, base),
            ],
        }
    }
}

/// The article's share card (absolute), or the site's default share image.
pub(super) fn article_image(article: &Article, site: &SiteInfo) -> Image {
    match &article.summary.image {
        Some(p) => Image {
            src: absolute_href(&site.public_url, &p.share_card.src),
            ..p.share_card.clone()
        },
        None => site.default_image.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::seo::fixtures::{article, site};

    #[test]
    fn article_alternates_are_absolute_with_an_english_default() {
        let meta = PageMeta::article(&article("Oil slips"), &site());
        assert_eq!(
            meta.alternates,
            vec![
                ("ar".into(), "https://news.example/2026/11/27/naft".into()),
                ("en".into(), "https://news.example/2026/11/27/oil".into()),
                (
                    "x-default".into(),
                    "https://news.example/2026/11/27/oil".into()
                ),
            ]
        );
    }
}
