use crate::components::Icon;
use crate::context::use_js_ready;
use crate::model::ShareLink;
use leptos::html::Input;
use leptos::prelude::*;

fn icon_for(network: &str) -> &'static str {
    match network {
        "facebook" => "facebook",
        "x" => "x",
        "pinterest" => "pinterest",
        "linkedin" => "linkedin",
        "telegram" => "telegram",
        "email" => "email",
        "whatsapp" => "whatsapp",
        _ => "link",
    }
}

/// Share links (real links to each network's share page, in a new tab), then the actions only
/// a script can take ([`ShareActions`]). The links are rendered here on the server and never
/// travel as island props: they are most of the bar's bytes, and a link needs no script.
#[component]
pub fn ShareBar(links: Vec<ShareLink>, url: String, title: String, label: String) -> impl IntoView {
    view! {
        <div class="share-bar" role="group" aria-label=label>
            <ul class="share-bar__list" role="list">
                {links
                    .into_iter()
                    .map(|l| {
                        let class = format!("share-bar__link share-bar__link--{}", l.network);
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
                                    <Icon name=icon_for(&l.network)/>
                                    <span class="share-bar__text">{l.text}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ShareActions url title/>
        </div>
    }
}

/// Copy Link (Clipboard API, with a select-and-copy fallback where it is refused, announced in
/// a live region) and, where the Web Share API exists, the system share sheet. An island: its
/// props (the article's URL and title) travel in the page's HTML.
#[island]
pub fn ShareActions(url: String, title: String) -> impl IntoView {
    let js = use_js_ready();
    let status = RwSignal::new(String::new());
    let show_fallback = RwSignal::new(false);
    let fallback_input = NodeRef::<Input>::new();
    let can_share = RwSignal::new(false);
    Effect::new(move |_| {
        let nav = window().navigator();
        can_share
            .set(leptos::web_sys::js_sys::Reflect::has(&nav, &"share".into()).unwrap_or(false));
    });

    // Select the fallback field and try the legacy copy command; if that fails too, the reader
    // copies the selected link by hand.
    let copy_by_selection = move || {
        show_fallback.set(true);
        request_animation_frame(move || {
            let Some(input) = fallback_input.get_untracked() else {
                return;
            };
            let _ = input.focus();
            input.select();
            use leptos::wasm_bindgen::JsCast;
            let copied = document()
                .dyn_into::<leptos::web_sys::HtmlDocument>()
                .ok()
                .and_then(|d| d.exec_command("copy").ok())
                .unwrap_or(false);
            status.set(if copied {
                "Link copied".into()
            } else {
                "Press Ctrl+C to copy the selected link".into()
            });
        });
    };
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            status.set(String::new());
            let clipboard = window().navigator().clipboard();
            leptos::task::spawn_local(async move {
                let promise = clipboard.write_text(&url);
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => status.set("Link copied".into()),
                    Err(_) => copy_by_selection(),
                }
            });
        }
    };
    let share = {
        let (url, title) = (url.clone(), title.clone());
        move |_| {
            let data = leptos::web_sys::ShareData::new();
            data.set_title(&title);
            data.set_url(&url);
            let _ = window().navigator().share_with_data(&data);
        }
    };
    view! {
        <Show when=move || js.get()>
            <ul class="share-bar__list share-bar__actions" role="list">
                <li>
                    <button type="button" class="share-bar__link share-bar__copy" on:click=copy.clone()>
                        <Icon name="link"/>
                        <span class="share-bar__text">"Copy Link"</span>
                    </button>
                </li>
                {
                    let share = share.clone();
                    move || {
                        can_share
                            .get()
                            .then(|| {
                                view! {
                                    <li>
                                        <button type="button" class="share-bar__link share-bar__native" on:click=share.clone()>
                                            <span class="share-bar__text">"Share…"</span>
                                        </button>
                                    </li>
                                }
                            })
                    }
                }
            </ul>
        </Show>
        <Show when=move || show_fallback.get()>
            <label class="share-bar__fallback">
                <span>"Article link"</span>
                <input type="text" readonly value=url.clone() node_ref=fallback_input/>
            </label>
        </Show>
        <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
    }
}
