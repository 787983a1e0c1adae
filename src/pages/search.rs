use crate::api::search_articles;
use crate::components::seo::{PageMeta, SeoHead};
use crate::components::{ArticleCard, ErrorPage, Pager, SidebarView};
use crate::context::use_site;
use crate::model::{FilterOption, SearchPageData, SiteInfo};
use crate::pages::{suspended_page, PageLang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("q"),
                    q.get("page"),
                    q.get("cat"),
                    q.get("lang"),
                    q.get("sort"),
                )
            })
        },
        |(q, page, cat, lang, sort)| search_articles(q, page, cat, lang, sort),
    );
    let site = use_site();
    suspended_page(Box::pin(async move {
        let site = site.await;
        match (data.await, site) {
            (Ok(d), Ok(site)) => view! { <SearchView data=d site/> }.into_any(),
            (Err(e), _) | (_, Err(e)) => view! { <ErrorPage error=e/> }.into_any(),
        }
    }))
}

#[component]
fn SearchView(data: SearchPageData, site: SiteInfo) -> impl IntoView {
    let title = if data.query.is_empty() {
        "Search".to_string()
    } else {
        format!("Search results for “{}”", data.query)
    };
    let count = match (data.pagination.total_items, data.more_results) {
        (n, true) => format!(
            "More than {} results; the {} most recent are shown",
            thousands(n),
            thousands(n)
        ),
        (0, _) => "No results".to_string(),
        (1, _) => "1 result".to_string(),
        (n, _) => format!("{} results", thousands(n)),
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
    // The first result with a picture has the page's largest picture.
    let first_with_picture = data.hits.iter().position(|h| h.article.image.is_some());
    view! {
        <PageLang lang=site.lang dir=site.dir/>
        <Title text=title.clone()/>
        <SeoHead meta=head/>
        <div class="container layout">
            <div class="layout__main">
                <header class="archive__header">
                    <h1 class="archive__title">{title}</h1>
                    <SearchForm data=&data/>
                    {data.truncated.then(|| {
                        view! { <p class="notice" role="status">"Your search was very long, so only its first 200 characters were used."</p> }
                    })}
                    {has_query.then(|| view! { <p class="archive__count" role="status">{count}</p> })}
                </header>
                {has_query.then(|| view! { <h2 class="visually-hidden">"Results"</h2> })}
                {if has_query && data.hits.is_empty() {
                    view! {
                        <div class="archive__empty">
                            <p>"Nothing matched your search. Try fewer or different words, or check the spelling."</p>
                            {(!data.suggestions.is_empty()).then(|| view! {
                                <p class="search-suggestions">
                                    "Did you mean: "
                                    {data.suggestions.iter().enumerate().map(|(i, s)| view! {
                                        {(i > 0).then_some(", ")}
                                        <a href=s.href.clone() dir="auto">{s.text.clone()}</a>
                                    }).collect_view()}
                                    "?"
                                </p>
                            })}
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <ol class="search-results" role="list">
                            {data
                                .hits
                                .into_iter()
                                .enumerate()
                                .map(move |(i, h)| {
                                    let (lang, dir) = (h.article.lang.clone(), h.article.dir.clone());
                                    view! {
                                        <li class="search-result">
                                            <ArticleCard article=h.article first=Some(i) == first_with_picture/>
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

/// The query and its filters as one GET form, so it works without JavaScript and every choice
/// lands in the URL (and so in the pager's links).
#[component]
fn SearchForm<'a>(data: &'a SearchPageData) -> impl IntoView {
    let f = &data.filters;
    let option = |o: &FilterOption, current: &str| {
        view! { <option value=o.value.clone() selected=o.value == current>{o.label.clone()}</option> }
    };
    let categories = data
        .categories
        .iter()
        .map(|o| option(o, &f.category))
        .collect_view();
    let languages = data
        .languages
        .iter()
        .map(|o| option(o, &f.lang))
        .collect_view();
    let by_date = f.sort == "date";
    view! {
        <form class="search-form" action="/search" method="get" role="search">
            <label for="search-page-q">"Search the site"</label>
            <input id="search-page-q" type="search" name="q" value=data.query.clone() maxlength="500"/>
            <button type="submit">"Search"</button>
            <div class="search-filters">
                <div class="search-filters__field">
                    <label for="search-page-cat">"Section"</label>
                    <select id="search-page-cat" name="cat">
                        <option value="" selected=f.category.is_empty()>"All sections"</option>
                        {categories}
                    </select>
                </div>
                <div class="search-filters__field">
                    <label for="search-page-lang">"Language"</label>
                    <select id="search-page-lang" name="lang">
                        <option value="" selected=f.lang.is_empty()>"Any language"</option>
                        {languages}
                    </select>
                </div>
                <div class="search-filters__field">
                    <label for="search-page-sort">"Sort by"</label>
                    <select id="search-page-sort" name="sort">
                        <option value="relevance" selected=!by_date>"Relevance"</option>
                        <option value="date" selected=by_date>"Newest first"</option>
                    </select>
                </div>
            </div>
        </form>
    }
}

/// 12345 -> "12,345" (the newsroom's length limits use it too).
pub(crate) fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(1000), "1,000");
        assert_eq!(super::thousands(1234567), "1,234,567");
    }
}
