use crate::components::header::SocialLinks;
use crate::context::use_site;
use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    let site = use_site();
    view! {
        <footer class="site-footer">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    site.await
                        .ok()
                        .map(|s| {
                            view! {
                                <div class="site-footer__inner container" lang=s.lang.clone() dir=s.dir.clone()>
                                    <a class="site-footer__name" href="/">{s.name.clone()}</a>
                                    <SocialLinks links=s.menus.social/>
                                    <p class="site-footer__copy">
                                        {format!("© {} {}. All Rights Reserved.", s.year, s.name)}
                                    </p>
                                    <nav aria-label="Footer">
                                        <ul class="site-footer__links" role="list">
                                            {s.menus
                                                .footer
                                                .into_iter()
                                                .map(|l| view! { <li><a href=l.href>{l.label}</a></li> })
                                                .collect_view()}
                                        </ul>
                                    </nav>
                                </div>
                            }
                        })
                })}
            </Suspense>
        </footer>
    }
}
