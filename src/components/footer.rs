use crate::components::header::SocialLinks;
use crate::context::use_site;
use crate::model::SiteInfo;
use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let site = use_site();
    view! {
        <footer class="site-footer">
            <Suspense fallback=|| ()>
                // One future, made once: see `pages::suspended_page`.
                {Suspend::new(async move { site.await.ok().map(footer) })}
            </Suspense>
        </footer>
    }
}

/// The footer's contents for `site`. The server renders them once for each site info and
/// reuses the HTML (`server/http/frame.rs`), as it does the header's.
#[cfg(feature = "ssr")]
fn footer(site: SiteInfo) -> AnyView {
    let Some(kept) = with_context::<crate::server::AppState, _>(|s| s.footer.clone()) else {
        return footer_view(site).into_any();
    };
    // What the footer shows of the site info (not the ticker, whose relative dates change).
    let key = (
        site.name.clone(),
        site.lang.clone(),
        site.dir.clone(),
        site.year,
        site.menus.clone(),
    );
    let html = kept.html(&key, || Owner::new().with(|| footer_view(site).to_html()));
    leptos::tachys::html::InertElement::new(html.to_string()).into_any()
}

#[cfg(not(feature = "ssr"))]
fn footer(site: SiteInfo) -> impl IntoView {
    footer_view(site)
}

fn footer_view(s: SiteInfo) -> impl IntoView {
    view! {
        <div class="site-footer__inner container" lang=s.lang.clone() dir=s.dir.clone()>
            <a class="site-footer__name" href="/">{s.name.clone()}</a>
            <SocialLinks links=s.menus.social.clone()/>
            <p class="site-footer__copy">
                {format!("© {} {}. All Rights Reserved.", s.year, s.name)}
            </p>
            <nav aria-label="Footer">
                <ul class="site-footer__links" role="list">
                    {s.menus
                        .footer
                        .iter()
                        .map(|l| view! { <li><a href=l.href.clone()>{l.label.clone()}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        </div>
    }
}
