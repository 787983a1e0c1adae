//! Structured data (schema.org JSON-LD) for search engines: the publisher, the site with its
//! search box, breadcrumb trails and news articles. Pages put these into
//! [`PageMeta::json_ld`](super::PageMeta); [`SeoHead`](super::SeoHead) writes them out.

use super::meta::article_image;
use crate::model::{Article, Crumb, Image, SiteInfo};
use crate::urls::absolute_href;
use serde_json::{json, Value};

fn image_object(img: &Image) -> Value {
    json!({
        "@type": "ImageObject",
        "url": img.src,
        "width": img.width,
        "height": img.height,
    })
}

fn organization_id(site: &SiteInfo) -> String {
    format!("{}/#organization", site.public_url)
}

/// The publisher: name, home page and logo.
pub fn organization_ld(site: &SiteInfo) -> Value {
    let same_as: Vec<&str> = site
        .menus
        .social
        .iter()
        .map(|m| m.href.as_str())
        .filter(|h| h.starts_with("https://"))
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": organization_id(site),
        "name": site.name,
        "url": absolute_href(&site.public_url, "/"),
        "logo": image_object(&site.logo),
        "sameAs": same_as,
    })
}

/// The site itself, with the search box search engines may show for it.
pub fn website_ld(site: &SiteInfo) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site.name,
        "description": site.tagline,
        "url": absolute_href(&site.public_url, "/"),
        "inLanguage": site.lang,
        "publisher": { "@id": organization_id(site) },
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_href(&site.public_url, "/search?q={search_term_string}"),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

/// The visible breadcrumb trail, as a BreadcrumbList with absolute item URLs.
pub fn breadcrumb_ld(crumbs: &[Crumb], base: &str) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": c.label,
                "item": absolute_href(base, &c.href),
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
}

/// An article as Google News reads it.
pub fn news_article_ld(article: &Article, site: &SiteInfo) -> Value {
    let s = &article.summary;
    let base = &site.public_url;
    // The widest variant (Google wants 1200 px wide or more) and the share card, or the site's
    // default image.
    let images: Vec<String> = match &s.image {
        Some(p) => [&p.widest.src, &p.share_card.src]
            .into_iter()
            .map(|src| absolute_href(base, src))
            .collect(),
        None => vec![article_image(article, site).src],
    };
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "description": s.dek,
        "url": article.canonical_url,
        "mainEntityOfPage": { "@type": "WebPage", "@id": article.canonical_url },
        "datePublished": s.published.iso,
        "dateModified": article.modified_iso,
        "inLanguage": s.lang,
        "articleSection": s.category.name,
        "commentCount": s.comment_count,
        "image": images,
        "author": [{
            "@type": "Person",
            "name": s.author.name,
            "url": absolute_href(base, &crate::urls::author(&s.author.slug)),
        }],
        "publisher": {
            "@type": "Organization",
            "@id": organization_id(site),
            "name": site.name,
            "url": absolute_href(base, "/"),
            "logo": image_object(&site.logo),
        },
    });
    if !article.tags.is_empty() {
        ld["keywords"] = article.tags.iter().map(|t| t.name.as_str()).collect();
    }
    ld
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::seo::fixtures::{article, site};

    #[test]
    fn news_article_has_what_google_news_reads() {
        let ld = news_article_ld(&article("Oil slips"), &site());
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], "Oil slips");
        assert_eq!(ld["commentCount"], 0);
        assert_eq!(ld["datePublished"], "2026-11-27T10:00:00Z");
        assert_eq!(ld["dateModified"], "2026-11-27T12:00:00Z");
        assert_eq!(
            ld["author"][0]["url"],
            "https://news.example/author/priya-raman"
        );
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            "https://news.example/logo.png"
        );
        assert_eq!(ld["image"][0], "https://news.example/og-default.png");
        assert_eq!(ld["articleSection"], "Markets");
        assert_eq!(ld["keywords"][0], "Oil");
    }

    #[test]
    fn breadcrumbs_become_a_numbered_list_of_absolute_urls() {
        let ld = breadcrumb_ld(&article("x").breadcrumbs, "https://news.example");
        assert_eq!(ld["itemListElement"][0]["item"], "https://news.example/");
        assert_eq!(ld["itemListElement"][1]["position"], 2);
        assert_eq!(
            ld["itemListElement"][1]["item"],
            "https://news.example/category/business"
        );
    }
}
