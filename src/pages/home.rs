use crate::api::get_home;
use crate::components::seo::{organization_ld, website_ld, PageMeta, SeoHead};
use crate::components::{
    picture_sizes, ArticleCard, ArticleList, CardSize, ErrorPage, SidebarView,
};
use crate::context::use_site;
use crate::model::{HomePageData, SiteInfo};
use crate::pages::{suspended_page, PageLang};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_home());
    let site = use_site();
    suspended_page(Box::pin(async move {
        let site = site.await;
        match (data.await, site) {
            (Ok(d), Ok(site)) => view! { <HomeView data=d site/> }.into_any(),
            (Err(e), _) | (_, Err(e)) => view! { <ErrorPage error=e/> }.into_any(),
        }
    }))
}

#[component]
fn HomeView(data: HomePageData, site: SiteInfo) -> impl IntoView {
    let mut head = PageMeta::website(
        &site,
        site.name.clone(),
        "The latest news, analysis and features from around the world.",
        "/",
    );
    head.json_ld = vec![website_ld(&site), organization_ld(&site)];
    let ad = site.ad_html;
    view! {
        <PageLang lang=site.lang dir=site.dir/>
        <Title text=""/>
        <SeoHead meta=head/>
        <h1 class="visually-hidden">"Front page"</h1>
        <div class="container layout">
            <div class="layout__main">
                <section class="top-stories" aria-label="Top stories">
                    {data.lead.map(|a| view! { <ArticleCard article=a size=CardSize::Lead first=true/> })}
                    <ArticleList articles=data.secondary/>
                </section>
                {data
                    .blocks
                    .into_iter()
                    .map(|b| {
                        let id = format!("block-{}", b.category.slug);
                        let mut articles = b.articles.into_iter();
                        let first = articles.next();
                        let href = b.category.href();
                        let labelledby = id.clone();
                        view! {
                            <section class="category-block" aria-labelledby=labelledby>
                                <h2 class="section-title" id=id>
                                    <a href=href>{b.category.name}</a>
                                </h2>
                                <div class="category-block__grid">
                                    {first.map(|a| view! { <ArticleCard article=a sizes=Some(picture_sizes::SECTION_LEAD)/> })}
                                    <ArticleList articles=articles.collect() size=CardSize::Compact/>
                                </div>
                            </section>
                        }
                    })
                    .collect_view()}
                <section class="category-block" aria-labelledby="block-trending">
                    <h2 class="section-title" id="block-trending">"Trending"</h2>
                    <ol class="trending-list">
                        {data
                            .trending
                            .into_iter()
                            .map(|a| view! { <li><ArticleCard article=a size=CardSize::Compact/></li> })
                            .collect_view()}
                    </ol>
                </section>
            </div>
            <SidebarView sidebar=data.sidebar ad_html=ad/>
        </div>
    }
}
