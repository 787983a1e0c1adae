use crate::components::Icon;
use crate::model::ShareLink;
use leptos::prelude::*;

/// Share links (real links to each network's share page) and Copy Link.
#[component]
pub fn ShareBar(links: Vec<ShareLink>, url: String, #[prop(into)] label: String) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let done = web_sys::window()
                .map(|w| w.navigator().clipboard())
                .map(|c| {
                    let _ = c.write_text(&url);
                })
                .is_some();
            status.set(if done {
                "Link copied".into()
            } else {
                "Copy failed: select the address bar to copy".into()
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &url;
    };
    view! {
        <div class="share-bar" role="group" aria-label=label>
            <ul class="share-bar__list" role="list">
                {links
                    .into_iter()
                    .map(|l| {
                        let class = format!("share-bar__link share-bar__link--{}", l.network);
                        let network: &'static str = match l.network.as_str() {
                            "facebook" => "facebook",
                            "x" => "x",
                            "pinterest" => "pinterest",
                            "linkedin" => "linkedin",
                            "telegram" => "telegram",
                            "email" => "email",
                            "whatsapp" => "whatsapp",
                            _ => "link",
                        };
                        let external = l.network != "email";
                        view! {
                            <li>
                                <a
                                    class=class
                                    href=l.href
                                    aria-label=l.label
                                    target=external.then_some("_blank")
                                    rel=external.then_some("noopener noreferrer")
                                >
                                    <Icon name=network/>
                                    <span class="share-bar__text">{l.text}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
                <li>
                    <button type="button" class="share-bar__link share-bar__copy" on:click=copy>
                        <Icon name="link"/>
                        <span class="share-bar__text">"Copy Link"</span>
                    </button>
                </li>
            </ul>
            <p class="visually-hidden" aria-live="polite">{move || status.get()}</p>
        </div>
    }
}
