//! A site and an article for the tests of this module.

use crate::model::*;

fn stamp(iso: &str) -> Stamp {
    Stamp {
        iso: iso.into(),
        date: String::new(),
        relative: String::new(),
    }
}

pub fn site() -> SiteInfo {
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
        }
        .into(),
        trending: vec![].into(),
        google_news_url: String::new(),
        flipboard_url: String::new(),
        ad_html: String::new(),
        logo: img("https://news.example/logo.png", 512, 512),
        default_image: img("https://news.example/og-default.png", 1200, 630),
    }
}

pub fn article(title: &str) -> Article {
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
            comment_count: 0,
        },
        body_html: String::new(),
        tags: vec![NamedRef {
            slug: "oil".into(),
            name: "Oil".into(),
        }],
        updated: None,
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
