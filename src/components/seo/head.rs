//! The components that write the head tags: [`SeoHead`] for a page's own, [`SiteHead`] for the
//! site-wide ones in the app frame, [`SiteSeoHead`] for pages that wait on the site data only.

use super::escape::json_ld_text;
use super::meta::PageMeta;
use crate::context::use_site;
use crate::model::SiteInfo;
use crate::urls::absolute_href;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script};

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
            {Suspend::new(async move {
                site.await
                    .ok()
                    .map(|s| {
                        let rss = absolute_href(&s.public_url, &crate::urls::feed_of("/"));
                        let atom = absolute_href(&s.public_url, "/feed/atom");
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
            {Suspend::new(async move {
                site.await.ok().map(|s| view! { <SeoHead meta=describe(&s)/> })
            })}
        </Suspense>
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
