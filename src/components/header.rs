//! The site header: ticker, top bar, masthead, primary navigation (WAI-ARIA disclosure
//! navigation), topic bar, and the dialogs the header opens.
//!
//! Over the page's content sit the frame ([`Header`]) and its islands: the buttons that open
//! the dialogs (`dialogs.rs`), the sticky navigation bar and the topic bar (their menus are in
//! `menu.rs`), and the social links (`social.rs`, shared with the footer).

mod dialogs;
mod menu;
mod social;

pub use dialogs::dialog_state;
pub use menu::{MenuEntry, NavLink};
pub use social::SocialLinks;

use crate::components::{MobileMenu, SearchDialog, ThemeToggle, Ticker};
use crate::context::use_site;
use crate::model::{Headline, MenuItem, SiteInfo};
use dialogs::DialogControl;
use leptos::prelude::*;
use menu::{more_item, PrimaryNav};

#[component]
pub fn Header() -> impl IntoView {
    let site = use_site();
    view! {
        <Suspense fallback=|| ()>
            // One future, made once: see `pages::suspended_page`.
            {Suspend::new(async move { site.await.ok().map(frame) })}
        </Suspense>
    }
}

/// The frame for `site`. The server renders it once for each site info and reuses the HTML
/// (`server/http/frame.rs`): it is the same for most pages.
#[cfg(feature = "ssr")]
fn frame(site: SiteInfo) -> AnyView {
    let Some(cache) = with_context::<crate::server::AppState, _>(|s| s.frame.clone()) else {
        return view! { <HeaderView site/> }.into_any();
    };
    let path = crate::nav::use_current_path().get_untracked();
    let html = cache.html(&site, &path, || {
        let site = site.clone();
        Owner::new().with(|| view! { <HeaderView site/> }.to_html())
    });
    leptos::tachys::html::InertElement::new(html.to_string()).into_any()
}

#[cfg(not(feature = "ssr"))]
fn frame(site: SiteInfo) -> impl IntoView {
    view! { <HeaderView site/> }
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
                    <SocialLinks links=menus.social.clone()/>
                    <ThemeToggle/>
                    <SearchButton/>
                </div>
            </div>
            <div class="masthead container">
                <MenuButton/>
                <a class="masthead__name" href="/">{name.clone()}</a>
                <p class="masthead__tagline">{tagline}</p>
                // On a phone with JavaScript, where the menu row is the off-canvas panel.
                <a class="subscribe-link masthead__subscribe" href="/subscribe">"Subscribe"</a>
            </div>
        </header>
        <Navbar primary=menus.primary.clone() more=menus.more.clone() brand=name.clone() lang=lang.clone() dir=dir.clone()/>
        <TopicBar topics=menus.topics.clone() lang=lang.clone() dir=dir.clone()/>
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
