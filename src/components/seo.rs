//! What crawlers, share cards and feed readers read in `<head>`: description, canonical URL,
//! robots, language alternates, feeds, Open Graph, the Twitter card and JSON-LD structured data.
//!
//! Pages describe themselves with a [`PageMeta`] and render [`SeoHead`]; the site-wide tags
//! (feeds, `og:site_name`) come from [`SiteHead`] in the app frame. Every value is built from
//! the page's data, so the server's HTML and the hydrated page agree.

use crate::context::use_site;
use crate::model::{Article, Crumb, Image, SiteInfo};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script};
use serde_json::{json, Value};

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
            canonical: absolute(&site.public_url, path),
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
            .map(|t| (t.lang.clone(), absolute(base, &t.href)))
            .collect();
        if let Some(default) = article
            .translations
            .iter()
            .find(|t| t.lang == site.lang)
            .or(article.translations.first())
        {
            alternates.push(("x-default".into(), absolute(base, &default.href)));
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
                author_url: absolute(base, &format!("/author/{}", s.author.slug)),
                tags: article.tags.iter().map(|t| t.name.clone()).collect(),
            }),
            alternates,
            feeds: vec![],
            json_ld: vec![
                news_article_ld(article, site),
                breadcrumb_ld(&article.breadcrumbs, base),
            ],
        }
    }
}

/// The article's own image (absolute), or the site's default share image.
fn article_image(article: &Article, site: &SiteInfo) -> Image {
    match &article.summary.image {
        Some(img) => Image {
            src: absolute(&site.public_url, &img.src),
            ..img.clone()
        },
        None => site.default_image.clone(),
    }
}

/// `href` made absolute against the public base URL (which has no trailing slash).
pub fn absolute(base: &str, href: &str) -> String {
    if href.starts_with("https://") || href.starts_with("http://") {
        href.to_string()
    } else if href.starts_with('/') {
        format!("{base}{href}")
    } else {
        format!("{base}/{href}")
    }
}

/// `og:locale` for a language tag (`ar` → `ar_AR`), when we know its usual territory.
fn og_locale(lang: &str) -> Option<&'static str> {
    Some(match lang.split('-').next().unwrap_or_default() {
        "en" => "en_US",
        "ar" => "ar_AR",
        "fr" => "fr_FR",
        "de" => "de_DE",
        "es" => "es_ES",
        "uk" => "uk_UA",
        "ru" => "ru_RU",
        _ => return None,
    })
}

/// JSON for an inline `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no
/// string in the data can close the element (`</script>`) or open a comment; the text is still
/// the same JSON to a parser.
pub fn json_ld_text(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The document title as the server writes it into `<title>`: leptos_meta inserts the text as
/// is, so a headline holding `</title><script>` would end the element. Escaped on the server
/// only; in the browser the text goes to `document.title`, which takes it literally.
pub fn title_markup(title: String) -> String {
    if cfg!(feature = "ssr") {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        title
    }
}

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
        "url": absolute(&site.public_url, "/"),
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
        "url": absolute(&site.public_url, "/"),
        "inLanguage": site.lang,
        "publisher": { "@id": organization_id(site) },
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(&site.public_url, "/search?q={search_term_string}"),
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
                "item": absolute(base, &c.href),
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
    let image = article_image(article, site);
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
        "image": [image.src],
        "author": [{
            "@type": "Person",
            "name": s.author.name,
            "url": absolute(base, &format!("/author/{}", s.author.slug)),
        }],
        "publisher": {
            "@type": "Organization",
            "@id": organization_id(site),
            "name": site.name,
            "url": absolute(base, "/"),
            "logo": image_object(&site.logo),
        },
    });
    if !article.tags.is_empty() {
        ld["keywords"] = article.tags.iter().map(|t| t.name.as_str()).collect();
    }
    ld
}

/// The page-specific head tags.
#[component]
pub fn SeoHead(meta: PageMeta) -> impl IntoView {
    let PageMeta {
        title,
        description,
        canonical,
        og_type,
        image,
        robots,
        lang,
        article,
        alternates,
        feeds,
        json_ld,
    } = meta;
    let locale_alternates: Vec<&'static str> = alternates
        .iter()
        .filter(|(l, _)| *l != lang && l != "x-default")
        .filter_map(|(l, _)| og_locale(l))
        .collect();
    view! {
        <Meta name="description" content=description.clone()/>
        <Meta name="robots" content=robots/>
        <Link rel="canonical" href=canonical.clone()/>
        {alternates
            .into_iter()
            .map(|(hreflang, href)| view! { <Link rel="alternate" hreflang=hreflang href=href/> })
            .collect_view()}
        {feeds
            .into_iter()
            .map(|(title, href)| {
                view! { <Link rel="alternate" type_="application/rss+xml" title=title href=href/> }
            })
            .collect_view()}
        <Meta property="og:type" content=og_type/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:image" content=image.src.clone()/>
        <Meta property="og:image:width" content=image.width.to_string()/>
        <Meta property="og:image:height" content=image.height.to_string()/>
        <Meta property="og:image:alt" content=image.alt.clone()/>
        {og_locale(&lang).map(|l| view! { <Meta property="og:locale" content=l/> })}
        {locale_alternates
            .into_iter()
            .map(|l| view! { <Meta property="og:locale:alternate" content=l/> })
            .collect_view()}
        {article.map(|a| {
            view! {
                <Meta property="article:published_time" content=a.published/>
                <Meta property="article:modified_time" content=a.modified/>
                <Meta property="article:section" content=a.section/>
                <Meta property="article:author" content=a.author_url/>
                {a.tags.into_iter().map(|t| view! { <Meta property="article:tag" content=t/> }).collect_view()}
            }
        })}
        <Meta name="twitter:card" content="summary_large_image"/>
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=description/>
        <Meta name="twitter:image" content=image.src/>
        <Meta name="twitter:image:alt" content=image.alt/>
        {json_ld
            .into_iter()
            .map(|v| {
                let text = json_ld_text(&v);
                view! { <Script type_="application/ld+json">{text}</Script> }
            })
            .collect_view()}
    }
}

/// Tags every page carries: the site's RSS and Atom feeds and `og:site_name`. Lives in the app
/// frame, so error pages have them too.
#[component]
pub fn SiteHead() -> impl IntoView {
    let site = use_site();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                site.await
                    .ok()
                    .map(|s| {
                        let rss = absolute(&s.public_url, "/feed");
                        let atom = absolute(&s.public_url, "/feed/atom");
                        view! {
                            <Link rel="alternate" type_="application/rss+xml" title=format!("{} (RSS)", s.name) href=rss/>
                            <Link rel="alternate" type_="application/atom+xml" title=format!("{} (Atom)", s.name) href=atom/>
                            <Meta property="og:site_name" content=s.name/>
                        }
                    })
            })}
        </Suspense>
    }
}

/// Head tags for a page whose content does not wait on data (the sign-up form): only the site
/// information is awaited, then `describe` builds the page's description.
#[component]
pub fn SiteSeoHead(describe: fn(&SiteInfo) -> PageMeta) -> impl IntoView {
    let site = use_site();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                site.await.ok().map(|s| view! { <SeoHead meta=describe(&s)/> })
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn stamp(iso: &str) -> Stamp {
        Stamp {
            iso: iso.into(),
            date: String::new(),
            relative: String::new(),
        }
    }

    fn site() -> SiteInfo {
        let img = |src: &str, width, height| Image {
            src: src.into(),
            width,
            height,
            alt: "West Timelines".into(),
        };
        SiteInfo {
            name: "West Timelines".into(),
            lang: "en".into(),
            dir: "ltr".into(),
            tagline: "News".into(),
            public_url: "https://news.example".into(),
            today: String::new(),
            today_iso: String::new(),
            year: 2026,
            menus: Menus {
                social: vec![MenuItem {
                    label: "X (Twitter)".into(),
                    href: "https://x.com/west".into(),
                    children: vec![],
                }],
                ..Menus::default()
            },
            trending: vec![],
            google_news_url: String::new(),
            flipboard_url: String::new(),
            ad_html: String::new(),
            logo: img("https://news.example/logo.png", 512, 512),
            default_image: img("https://news.example/og-default.png", 1200, 630),
        }
    }

    fn article(title: &str) -> Article {
        Article {
            summary: ArticleSummary {
                slug: "oil".into(),
                href: "/2026/11/27/oil".into(),
                title: title.into(),
                dek: "Brent slipped.".into(),
                lang: "en".into(),
                dir: "ltr".into(),
                category: CategoryRef {
                    slug: "markets".into(),
                    name: "Markets".into(),
                    path: "business/markets".into(),
                },
                author: NamedRef {
                    slug: "priya-raman".into(),
                    name: "Priya Raman".into(),
                },
                published: stamp("2026-11-27T10:00:00Z"),
                image: None,
                reading_minutes: 3,
            },
            body_html: String::new(),
            tags: vec![NamedRef {
                slug: "oil".into(),
                name: "Oil".into(),
            }],
            updated: None,
            comment_count: 0,
            canonical_url: "https://news.example/2026/11/27/oil".into(),
            breadcrumbs: vec![
                Crumb {
                    label: "Home".into(),
                    href: "/".into(),
                },
                Crumb {
                    label: "Business".into(),
                    href: "/category/business".into(),
                },
            ],
            share: vec![],
            modified_iso: "2026-11-27T12:00:00Z".into(),
            translations: vec![
                Translation {
                    lang: "ar".into(),
                    href: "/2026/11/27/naft".into(),
                    title: "النفط".into(),
                },
                Translation {
                    lang: "en".into(),
                    href: "/2026/11/27/oil".into(),
                    title: title.into(),
                },
            ],
        }
    }

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let hostile = "</script><script>alert(1)</script> <!-- & -->";
        let ld = news_article_ld(&article(hostile), &site());
        let text = json_ld_text(&ld);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], hostile);
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn titles_cannot_close_their_element_in_server_html() {
        assert_eq!(
            title_markup("</title><script>x</script> Q&A".into()),
            "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; Q&amp;A"
        );
    }

    #[test]
    fn news_article_has_what_google_news_reads() {
        let ld = news_article_ld(&article("Oil slips"), &site());
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], "Oil slips");
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

    #[test]
    fn urls_are_made_absolute_once() {
        let base = "https://news.example";
        assert_eq!(absolute(base, "/a"), "https://news.example/a");
        assert_eq!(absolute(base, "a"), "https://news.example/a");
        assert_eq!(
            absolute(base, "https://cdn.example/i.jpg"),
            "https://cdn.example/i.jpg"
        );
    }
}
