use crate::components::{ArticleList, CardSize};
use crate::model::Sidebar;
use leptos::prelude::*;

/// Editors' Picks, Latest News and the reserved advertisement box.
#[component]
pub fn SidebarView(sidebar: Sidebar, #[prop(optional)] ad_html: String) -> impl IntoView {
    let ad = if ad_html.trim().is_empty() {
        view! { <div class="ad-slot__placeholder">"Advertisement"</div> }.into_any()
    } else {
        view! { <div class="ad-slot__content" inner_html=ad_html></div> }.into_any()
    };
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
            <aside class="ad-slot" aria-label="Advertisement">{ad}</aside>
        </aside>
    }
}
