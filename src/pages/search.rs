use crate::api::search_articles;
use crate::app::use_site;
use crate::components::seo::{PageMeta, SeoHead};
use crate::components::{ArticleCard, ErrorPage, Loading, Pager, SidebarView};
use crate::model::{SearchPageData, SiteInfo};
use crate::pages::PageLang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("q"), q.get("page"))),
        |(q, page)| search_articles(q, page),
    );
    let site = use_site();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let site = site.await;
                match (data.await, site) {
                    (Ok(d), Ok(site)) => view! { <SearchView data=d site/> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SearchView(data: SearchPageData, site: SiteInfo) -> impl IntoView {
    let title = if data.query.is_empty() {
        "Search".to_string()
    } else {
        format!("Search results for “{}”", data.query)
    };
    let count = match data.pagination.total_items {
        0 => "No results".to_string(),
        1 => "1 result".to_string(),
        n => format!("{n} results"),
    };
    let has_query = !data.query.is_empty();
    let p = &data.pagination;
    let mut head = PageMeta::website(
        &site,
        title.clone(),
        format!("Search the stories of {}.", site.name),
        &p.href(p.page),
    );
    // Result pages are for readers, not for search engines' indexes.
    head.robots = "noindex, follow";
    view! {
        <PageLang lang=site.lang dir=site.dir/>
        <Title text=title.clone()/>
        <SeoHead meta=head/>
        <div class="container layout">
            <div class="layout__main">
                <header class="archive__header">
                    <h1 class="archive__title">{title}</h1>
                    <form class="search-form" action="/search" method="get" role="search">
                        <label for="search-page-q">"Search the site"</label>
                        <input id="search-page-q" type="search" name="q" value=data.query.clone() maxlength="500"/>
                        <button type="submit">"Search"</button>
                    </form>
                    {data.truncated.then(|| {
                        view! { <p class="notice" role="status">"Your search was very long, so only its first 200 characters were used."</p> }
                    })}
                    {has_query.then(|| view! { <p class="archive__count" role="status">{count}</p> })}
                </header>
                {has_query.then(|| view! { <h2 class="visually-hidden">"Results"</h2> })}
                {if has_query && data.hits.is_empty() {
                    view! {
                        <p class="archive__empty">
                            "Nothing matched your search. Try fewer or different words, or check the spelling."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ol class="search-results" role="list">
                            {data
                                .hits
                                .into_iter()
                                .map(|h| {
                                    let (lang, dir) = (h.article.lang.clone(), h.article.dir.clone());
                                    view! {
                                        <li class="search-result">
                                            <ArticleCard article=h.article/>
                                            <p class="search-result__snippet" lang=lang dir=dir inner_html=h.snippet></p>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
                <Pager pagination=data.pagination/>
            </div>
            <SidebarView sidebar=data.sidebar/>
        </div>
    }
}
