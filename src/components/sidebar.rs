use crate::components::{ArticleList, CardSize};
use crate::model::Sidebar;
use leptos::prelude::*;

/// Editors' Picks, Latest News and the reserved advertisement box. The server renders it once
/// for each sidebar and reuses the HTML (`server/http/frame.rs`): most pages show the same.
#[component]
pub fn SidebarView(sidebar: Sidebar, #[prop(optional)] ad_html: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(kept) = with_context::<crate::server::AppState, _>(|s| s.sidebar.clone()) {
        let key = (sidebar, ad_html);
        let html = kept.html(&key, || {
            let (sidebar, ad_html) = key.clone();
            Owner::new().with(|| sidebar_view(sidebar, ad_html).to_html())
        });
        return leptos::tachys::html::InertElement::new(html.to_string()).into_any();
    }
    sidebar_view(sidebar, ad_html).into_any()
}

fn sidebar_view(sidebar: Sidebar, ad_html: String) -> impl IntoView {
    let ad = (!ad_html.trim().is_empty())
        .then(|| view! { <div class="ad-slot__content" inner_html=ad_html></div> });
    view! {
        <aside class="sidebar" aria-label="More stories">
            <section class="rail" aria-labelledby="rail-picks">
                <h2 class="rail__title" id="rail-picks">"Editors' Picks"</h2>
                <ArticleList articles=sidebar.editors_picks.to_vec() size=CardSize::Compact/>
            </section>
            <section class="rail" aria-labelledby="rail-latest">
                <h2 class="rail__title" id="rail-latest">"Latest News"</h2>
                <ArticleList articles=sidebar.latest.to_vec() size=CardSize::Compact/>
            </section>
            <div class="ad-slot" role="region" aria-label="Advertisement">
                <p class="ad-slot__label">"Advertisement"</p>
                {ad}
            </div>
        </aside>
    }
}
