//! Category, tag, author and date archives: the same page over different filters.

use crate::api::{get_author, get_category, get_date_archive, get_tag};
use crate::components::seo::{breadcrumb_ld, PageMeta, SeoHead};
use crate::components::{ArticleList, Breadcrumbs, ErrorPage, Pager, SidebarView};
use crate::context::use_site;
use crate::error::AppError;
use crate::model::{ArchiveKind, ArchivePageData, SiteInfo};
use crate::pages::{suspended_page, PageLang};
use crate::urls::absolute_href;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The archive of `kind`, keyed by (route parameter, ?page=). Not generic over the server
/// function, so the three archives share one resource and one view in the wasm bundle.
fn archive_view(kind: ArchiveKind) -> impl IntoView {
    let param = match kind {
        ArchiveKind::Category => "path",
        ArchiveKind::Tag | ArchiveKind::Author => "slug",
        ArchiveKind::Date => "",
    };
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| match kind {
                    // A date archive's key: its path, `2026/04` or `2026/04/06`.
                    ArchiveKind::Date => ["year", "month", "day"]
                        .iter()
                        .filter_map(|k| p.get(k))
                        .collect::<Vec<_>>()
                        .join("/"),
                    _ => p.get(param).unwrap_or_default(),
                }),
                query.with(|q| q.get("page")),
            )
        },
        move |(key, page)| fetch_archive(kind, key, page),
    );
    let site = use_site();
    suspended_page(Box::pin(async move {
        let site = site.await;
        match (data.await, site) {
            (Ok(d), Ok(site)) => view! { <ArchiveView data=d site/> }.into_any(),
            (Err(e), _) | (_, Err(e)) => view! { <ErrorPage error=e/> }.into_any(),
        }
    }))
}

async fn fetch_archive(
    kind: ArchiveKind,
    key: String,
    page: Option<String>,
) -> Result<ArchivePageData, AppError> {
    match kind {
        ArchiveKind::Category => get_category(key, page).await,
        ArchiveKind::Tag => get_tag(key, page).await,
        ArchiveKind::Author => get_author(key, page).await,
        ArchiveKind::Date => get_date_archive(key, page).await,
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    archive_view(ArchiveKind::Category)
}

#[component]
pub fn TagPage() -> impl IntoView {
    archive_view(ArchiveKind::Tag)
}

#[component]
pub fn AuthorPage() -> impl IntoView {
    archive_view(ArchiveKind::Author)
}

/// A month's or a day's stories (`/2026/04`, `/2026/04/06`: WordPress's date archives).
#[component]
pub fn DateArchivePage() -> impl IntoView {
    archive_view(ArchiveKind::Date)
}

#[component]
fn ArchiveView(data: ArchivePageData, site: SiteInfo) -> impl IntoView {
    let p = data.pagination.clone();
    let kind = match data.kind {
        ArchiveKind::Category => "Category",
        ArchiveKind::Tag => "Tag",
        ArchiveKind::Author => "Author",
        ArchiveKind::Date => "Archive",
    };
    let title = if p.page > 1 {
        format!("{} — Page {} of {}", data.title, p.page, p.total_pages)
    } else {
        data.title.clone()
    };
    let description = if data.description.is_empty() {
        format!("The latest from {}.", data.title)
    } else {
        data.description.clone()
    };
    // Each page of an archive is canonical to itself (page 1 at the bare path).
    let mut head = PageMeta::website(&site, title.clone(), description, &p.href(p.page));
    // A month or a day has no feed of its own.
    if data.kind != ArchiveKind::Date {
        head.feeds.push((
            format!("{} » {} (RSS)", site.name, data.title),
            absolute_href(&site.public_url, &crate::urls::feed_of(&p.base)),
        ));
    }
    head.json_ld
        .push(breadcrumb_ld(&data.breadcrumbs, &site.public_url));
    let empty = data.articles.is_empty();
    let ad = site.ad_html;
    view! {
        <PageLang lang=site.lang dir=site.dir/>
        <Title text=title/>
        <SeoHead meta=head/>
        <div class="container">
            <Breadcrumbs crumbs=data.breadcrumbs current_is_last=true/>
        </div>
        <div class="container layout">
            <div class="layout__main">
                <header class="archive__header">
                    <p class="archive__kind">{kind}</p>
                    <h1 class="archive__title">{data.title.clone()}</h1>
                    {(!data.description.is_empty()).then(|| view! { <p class="archive__description">{data.description.clone()}</p> })}
                    <p class="archive__count">
                        {match p.total_items {
                            1 => "1 story".to_string(),
                            n => format!("{n} stories"),
                        }}
                    </p>
                    {(!data.children.is_empty()).then(|| {
                        view! {
                            <nav class="archive__children" aria-label="Sections">
                                <ul role="list">
                                    {data
                                        .children
                                        .iter()
                                        .map(|c| view! { <li><a href=c.href()>{c.name.clone()}</a></li> })
                                        .collect_view()}
                                </ul>
                            </nav>
                        }
                    })}
                </header>
                <h2 class="visually-hidden">"Stories"</h2>
                {if empty {
                    view! { <p class="archive__empty">"No stories here yet. Check back soon."</p> }.into_any()
                } else {
                    view! { <ArticleList articles=data.articles first_picture_first=true/> }.into_any()
                }}
                <Pager pagination=p/>
            </div>
            <SidebarView sidebar=data.sidebar ad_html=ad/>
        </div>
    }
}
