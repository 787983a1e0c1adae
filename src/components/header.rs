//! The site header: ticker, top bar, masthead, primary navigation (WAI-ARIA disclosure
//! navigation), topic bar, and the dialogs the header opens.

use crate::components::{Icon, MobileMenu, SearchDialog, ThemeToggle, Ticker};
use crate::context::{use_js_ready, use_site};
use crate::model::{Headline, MenuItem, SiteInfo};
use crate::nav::use_current_path;
use leptos::html::{Button, Nav};
use leptos::prelude::*;
use std::time::Duration;

/// Network key for an icon from a social link's label.
pub fn network_of(label: &str) -> &'static str {
    match label {
        "Facebook" => "facebook",
        "Instagram" => "instagram",
        "TikTok" => "tiktok",
        "Threads" => "threads",
        l if l.starts_with('X') => "x",
        _ => "link",
    }
}

/// Open/closed state of the two header dialogs. Their buttons and the dialogs are islands of
/// their own, so in the browser the state is one for the page's lifetime, shared by them all.
#[derive(Clone, Copy)]
pub struct DialogState {
    pub menu: RwSignal<bool>,
    pub search: RwSignal<bool>,
}

pub fn dialog_state() -> DialogState {
    fn make() -> DialogState {
        DialogState {
            menu: RwSignal::new(false),
            search: RwSignal::new(false),
        }
    }
    #[cfg(feature = "hydrate")]
    {
        thread_local! {
            // Owned by a root of its own, so that no island's lifetime bounds it.
            static DIALOGS: DialogState = {
                let owner = Owner::new_root(None);
                let state = owner.with(make);
                std::mem::forget(owner);
                state
            };
        }
        DIALOGS.with(|d| *d)
    }
    // The server renders every dialog closed.
    #[cfg(not(feature = "hydrate"))]
    make()
}

/// Social profile links, icons with accessible names.
#[component]
pub fn SocialLinks(links: Vec<MenuItem>) -> impl IntoView {
    view! {
        <ul class="social" role="list">
            {links
                .into_iter()
                .map(|l| {
                    view! {
                        <li>
                            <a href=l.href aria-label=l.label.clone() title=l.label.clone() rel="noopener" target="_blank">
                                <Icon name=network_of(&l.label)/>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let site = use_site();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move { site.await.ok().map(|s| view! { <HeaderView site=s/> }) })}
        </Suspense>
    }
}

/// Everything above the page's content. It stays on screen, with the state of its islands,
/// while client-side navigation swaps the content below it; `data-frame` tells the navigation
/// when a page's frame differs (new menus, a new day, a new trending list), and then loads that
/// page instead. Each interactive part is an island of its own, so that the browser hydrates them one
/// at a time.
#[component]
fn HeaderView(site: SiteInfo) -> impl IntoView {
    let SiteInfo {
        name,
        lang,
        dir,
        tagline,
        today,
        today_iso,
        menus,
        trending,
        ..
    } = site;
    let trending: Vec<Headline> = trending.iter().map(Headline::from).collect();
    // Not the relative times ("5 minutes ago"): they change from one render to the next.
    let headlines: Vec<(&str, &str)> = trending
        .iter()
        .map(|h| (h.href.as_str(), h.title.as_str()))
        .collect();
    let frame = frame_key(&(&today_iso, &menus, &headlines));
    let all_sections: Vec<MenuItem> = menus
        .primary
        .iter()
        .cloned()
        .chain((!menus.more.is_empty()).then(|| more_item(menus.more.clone())))
        .collect();
    // The frame keeps the portal's language and direction whatever the article's.
    view! {
        <Ticker items=trending lang=lang.clone() dir=dir.clone()/>
        <header class="site-header" lang=lang.clone() dir=dir.clone() data-frame=frame>
            <div class="topbar">
                <div class="topbar__inner container">
                    <time class="topbar__date" datetime=today_iso>{today}</time>
                    <SocialLinks links=menus.social/>
                    <ThemeToggle/>
                    <SearchButton/>
                </div>
            </div>
            <div class="masthead container">
                <MenuButton/>
                <a class="masthead__name" href="/">{name.clone()}</a>
                <p class="masthead__tagline">{tagline}</p>
            </div>
        </header>
        <Navbar primary=menus.primary more=menus.more brand=name.clone() lang=lang.clone() dir=dir.clone()/>
        <TopicBar topics=menus.topics lang=lang.clone() dir=dir.clone()/>
        <MobileMenu sections=all_sections site_name=name lang dir/>
        <SearchDialog/>
    }
}

/// A short fingerprint of what the frame shows.
fn frame_key(parts: &impl serde::Serialize) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(parts)
        .unwrap_or_default()
        .hash(&mut h);
    format!("{:016x}", h.finish())
}

/// "Search" in the top bar.
#[island]
fn SearchButton() -> impl IntoView {
    view! {
        <DialogControl
            label="Search"
            icon="search"
            class="search-toggle"
            id="search-button"
            controls="search-dialog"
            fallback_href="/search"
            open=dialog_state().search
        />
    }
}

/// "Menu" in the masthead (narrow screens).
#[island]
fn MenuButton() -> impl IntoView {
    view! {
        <DialogControl
            label="Menu"
            icon="menu"
            class="menu-button"
            id="menu-button"
            controls="site-menu"
            fallback_href="#site-menu"
            open=dialog_state().menu
        />
    }
}

/// The sticky navigation bar with the primary menu. It shows a compact brand once the masthead
/// has scrolled away; its height never changes, so nothing below it moves.
#[island]
fn Navbar(
    primary: Vec<MenuItem>,
    more: Vec<MenuItem>,
    brand: String,
    lang: String,
    dir: String,
) -> impl IntoView {
    let condensed = RwSignal::new(false);
    let scroll = window_event_listener(leptos::ev::scroll, move |_| {
        condensed.set(window().scroll_y().unwrap_or(0.0) > 160.0);
    });
    on_cleanup(move || scroll.remove());
    view! {
        <div class="navbar" class:is-condensed=move || condensed.get() lang=lang dir=dir>
            <PrimaryNav primary more brand/>
        </div>
    }
}

/// The topic bar: links that mark the page shown as current.
#[island]
fn TopicBar(topics: Vec<MenuItem>, lang: String, dir: String) -> impl IntoView {
    view! {
        <nav class="topic-bar" aria-label="Topics" lang=lang dir=dir>
            <ul class="topic-bar__list container" role="list">
                {topics.into_iter().map(|t| view! { <li><NavLink item=t/></li> }).collect_view()}
            </ul>
        </nav>
    }
}

fn more_item(children: Vec<MenuItem>) -> MenuItem {
    MenuItem {
        label: "More".into(),
        href: String::new(),
        children,
    }
}

/// A header control that opens a modal dialog once the page is hydrated, and is a plain link
/// (`fallback_href`) before and without JavaScript: "Search" (to the search page) and "Menu"
/// (below 1024 px, to the menu at the foot of the page).
#[component]
fn DialogControl(
    /// Visible text; also names the icon's control.
    label: &'static str,
    icon: &'static str,
    /// Class of the control; its text gets `{class}__text`.
    class: &'static str,
    /// Id of the button, where focus returns when the dialog closes.
    id: &'static str,
    /// Id of the dialog it opens.
    controls: &'static str,
    fallback_href: &'static str,
    open: RwSignal<bool>,
) -> impl IntoView {
    let js = use_js_ready();
    let inner = move || {
        view! {
            <Icon name=icon/>
            <span class=format!("{class}__text")>{label}</span>
        }
    };
    view! {
        <Show
            when=move || js.get()
            fallback=move || view! { <a class=class href=fallback_href>{inner()}</a> }
        >
            <button
                class=class
                id=id
                type="button"
                aria-haspopup="dialog"
                aria-controls=controls
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.set(true)
            >
                {inner()}
            </button>
        </Show>
    }
}

/// The primary menu in `<nav aria-label="Main">`: one submenu open at a time; Esc, a click
/// outside, focus leaving the menu or a navigation closes it.
#[component]
fn PrimaryNav(primary: Vec<MenuItem>, more: Vec<MenuItem>, brand: String) -> impl IntoView {
    let open: RwSignal<Option<String>> = RwSignal::new(None);
    let nav = NodeRef::<Nav>::new();
    let path = use_current_path();
    Effect::watch(move || path.get(), move |_, _, _| open.set(None), false);
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        use leptos::wasm_bindgen::JsCast;
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Node>().ok());
        if let (Some(nav), Some(target)) = (nav.get_untracked(), target) {
            if !nav.contains(Some(&target)) && open.get_untracked().is_some() {
                open.set(None);
            }
        }
    });
    on_cleanup(move || outside.remove());
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        use leptos::wasm_bindgen::JsCast;
        let next = ev
            .related_target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Node>().ok());
        if let Some(nav) = nav.get_untracked() {
            if !next.is_some_and(|n| nav.contains(Some(&n))) {
                open.set(None);
            }
        }
    };
    view! {
        <nav class="primary-nav container" aria-label="Main" node_ref=nav on:focusout=on_focusout>
            <a class="navbar__brand" href="/" tabindex="-1" aria-hidden="true">{brand}</a>
            <ul class="menu" role="list">
                {primary
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| view! { <MenuEntry item id=format!("menu-{i}") siblings_open=open hover=true/> })
                    .collect_view()}
                {(!more.is_empty()).then(|| view! { <MenuEntry item=more_item(more) id="menu-more".to_string() siblings_open=open hover=true/> })}
            </ul>
            <a class="subscribe-link" href="/subscribe">"Subscribe"</a>
        </nav>
    }
}

/// A menu link that marks itself as the current page.
#[component]
pub fn NavLink(item: MenuItem) -> impl IntoView {
    let path = use_current_path();
    let href = item.href.clone();
    let current = move || path.with(|p| *p == href).then_some("page");
    view! { <a href=item.href aria-current=current>{item.label}</a> }
}

/// A menu item; one with children gets a disclosure button. `siblings_open` holds the id of
/// the open item at this level, so opening one closes its siblings. With `hover`, pointer
/// devices open it on hover, with a grace delay before closing.
#[component]
pub fn MenuEntry(
    item: MenuItem,
    id: String,
    siblings_open: RwSignal<Option<String>>,
    hover: bool,
) -> impl IntoView {
    if item.children.is_empty() {
        return view! { <li class="menu__item"><NavLink item/></li> }.into_any();
    }
    let children_open: RwSignal<Option<String>> = RwSignal::new(None);
    let my_id = id.clone();
    let is_open =
        Signal::derive(move || siblings_open.with(|o| o.as_deref() == Some(my_id.as_str())));
    Effect::watch(
        move || is_open.get(),
        move |open, _, _| {
            if !open {
                children_open.set(None)
            }
        },
        false,
    );
    let toggle_ref = NodeRef::<Button>::new();
    // When the pointer has just opened the submenu by hovering, the click that follows on
    // its toggle confirms it rather than closing it again.
    let hover_opened_at: StoredValue<f64> = StoredValue::new(f64::NEG_INFINITY);
    let close_timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let cancel_close = move || {
        if let Some(h) = close_timer.try_update_value(|t| t.take()).flatten() {
            h.clear();
        }
    };
    let open_me = {
        let id = id.clone();
        move || siblings_open.set(Some(id.clone()))
    };
    let close_me = move || {
        if is_open.get_untracked() {
            siblings_open.set(None);
        }
    };
    let fine_pointer = move || {
        hover
            && window()
                .match_media("(hover: hover) and (pointer: fine)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches())
    };
    let on_enter = {
        let open_me = open_me.clone();
        move |_| {
            if fine_pointer() {
                cancel_close();
                if !is_open.get_untracked() {
                    hover_opened_at.set_value(leptos::web_sys::js_sys::Date::now());
                }
                open_me();
            }
        }
    };
    let on_leave = move |_| {
        if fine_pointer() {
            cancel_close();
            let handle = set_timeout_with_handle(close_me, Duration::from_millis(300)).ok();
            close_timer.set_value(handle);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && is_open.get_untracked() {
            ev.stop_propagation();
            close_me();
            if let Some(b) = toggle_ref.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let on_toggle = move |_| {
        cancel_close();
        let just_hovered =
            leptos::web_sys::js_sys::Date::now() - hover_opened_at.get_value() < 600.0;
        hover_opened_at.set_value(f64::NEG_INFINITY);
        if is_open.get_untracked() && just_hovered {
            return;
        }
        if is_open.get_untracked() {
            close_me();
        } else {
            open_me();
        }
    };
    let submenu_id = format!("{id}-sub");
    let label = item.label.clone();
    let link = if item.href.is_empty() {
        view! { <span class="menu__label">{item.label.clone()}</span> }.into_any()
    } else {
        view! { <NavLink item=MenuItem { children: vec![], ..item.clone() }/> }.into_any()
    };
    view! {
        <li
            class="menu__item menu__item--parent"
            class:is-open=move || is_open.get()
            on:mouseenter=on_enter
            on:mouseleave=on_leave
            on:keydown=on_keydown
        >
            {link}
            <button
                class="menu__toggle"
                type="button"
                node_ref=toggle_ref
                aria-expanded=move || if is_open.get() { "true" } else { "false" }
                aria-controls=submenu_id.clone()
                on:click=on_toggle
            >
                <span class="visually-hidden">{format!("{label} submenu")}</span>
                <Icon name="chevron"/>
            </button>
            <ul class="submenu" id=submenu_id role="list">
                {item
                    .children
                    .into_iter()
                    .enumerate()
                    .map(|(i, child)| view! { <MenuEntry item=child id=format!("{id}-{i}") siblings_open=children_open hover/> })
                    .collect_view()}
            </ul>
        </li>
    }
    .into_any()
}
