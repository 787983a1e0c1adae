use crate::components::{ArticleList, CardSize};
use crate::model::Sidebar;
use leptos::prelude::*;

/// Editors' Picks, Latest News and the reserved advertisement box.
#[component]
pub fn SidebarView(sidebar: Sidebar, #[prop(optional)] ad_html: String) -> impl IntoView {
    let ad = (!ad_html.trim().is_empty())
        .then(|| view! { <div class="ad-slot__content" inner_html=ad_html></div> });
    view! {
        <aside class="sidebar" aria-label="More stories">
            <section class="rail" aria-labelledby="rail-picks">
                <h2 class="rail__title" id="rail-picks">"Editors' Picks"</h2>
                <ArticleList articles=sidebar.editors_picks size=CardSize::Compact/>
            </section>
            <section class="rail" aria-labelledby="rail-latest">
                <h2 class="rail__title" id="rail-latest">"Latest News"</h2>
                <ArticleList articles=sidebar.latest size=CardSize::Compact/>
            </section>
            <div class="ad-slot" role="region" aria-label="Advertisement">
                <p class="ad-slot__label">"Advertisement"</p>
                {ad}
            </div>
        </aside>
    }
}
