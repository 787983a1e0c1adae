use crate::app::use_site;
use crate::components::{Icon, TimeAgo};
use crate::model::{ArticleSummary, MenuItem, SiteInfo};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

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

#[component]
fn HeaderView(site: SiteInfo) -> impl IntoView {
    let menus = site.menus;
    let (lang, dir) = (site.lang, site.dir);
    // The frame keeps the portal's language and direction whatever the article's.
    view! {
        <Ticker items=site.trending lang=lang.clone() dir=dir.clone()/>
        <header class="site-header" lang=lang.clone() dir=dir.clone()>
        <div class="topbar">
            <div class="topbar__inner container">
                <time class="topbar__date" datetime=site.today_iso>{site.today}</time>
                <SocialLinks links=menus.social/>
                <a class="topbar__search" href="/search" aria-label="Search">
                    <Icon name="search"/>
                    <span class="topbar__search-text">"Search"</span>
                </a>
            </div>
        </div>
        <div class="masthead container">
            <a class="masthead__name" href="/">{site.name}</a>
            <p class="masthead__tagline">{site.tagline}</p>
        </div>
        </header>
        <div class="navbar" lang=lang.clone() dir=dir.clone()>
            <nav class="primary-nav container" aria-label="Main">
                <ul class="menu" role="list">
                    {menus
                        .primary
                        .into_iter()
                        .enumerate()
                        .map(|(i, item)| view! { <MenuEntry item id=format!("menu-{i}")/> })
                        .collect_view()}
                    {(!menus.more.is_empty())
                        .then(|| {
                            let more = MenuItem { label: "More".into(), href: String::new(), children: menus.more };
                            view! { <MenuEntry item=more id="menu-more".to_string()/> }
                        })}
                </ul>
                <a class="subscribe-link" href="/subscribe">"Subscribe"</a>
            </nav>
        </div>
        <nav class="topic-bar" aria-label="Topics" lang=lang dir=dir>
            <ul class="topic-bar__list container" role="list">
                {menus
                    .topics
                    .into_iter()
                    .map(|t| view! { <li><NavLink item=t/></li> })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// A menu link that marks itself as the current page.
#[component]
fn NavLink(item: MenuItem) -> impl IntoView {
    let location = use_location();
    let href = item.href.clone();
    let current = move || (location.pathname.get() == href).then_some("page");
    view! { <a href=item.href aria-current=current>{item.label}</a> }
}

/// A menu item; one with children gets a disclosure button (WAI-ARIA disclosure navigation).
/// Without JavaScript the submenu still opens on hover and keyboard focus (CSS).
#[component]
fn MenuEntry(item: MenuItem, id: String) -> impl IntoView {
    if item.children.is_empty() {
        return view! { <li class="menu__item"><NavLink item/></li> }.into_any();
    }
    let open = RwSignal::new(false);
    let location = use_location();
    // Any navigation closes the menu.
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| open.set(false),
        false,
    );
    let submenu_id = format!("{id}-sub");
    let label = item.label.clone();
    let link = if item.href.is_empty() {
        view! { <span class="menu__label">{item.label.clone()}</span> }.into_any()
    } else {
        view! { <NavLink item=MenuItem { children: vec![], ..item.clone() }/> }.into_any()
    };
    view! {
        <li class="menu__item menu__item--parent" class:is-open=move || open.get()>
            {link}
            <button
                class="menu__toggle"
                type="button"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=submenu_id.clone()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="visually-hidden">{format!("{label} submenu")}</span>
                <Icon name="chevron"/>
            </button>
            <ul class="submenu" id=submenu_id role="list">
                {item
                    .children
                    .into_iter()
                    .enumerate()
                    .map(|(i, child)| view! { <MenuEntry item=child id=format!("{id}-{i}")/> })
                    .collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

/// Trending Now: the most read recent headlines with their relative times.
#[component]
fn Ticker(items: Vec<ArticleSummary>, lang: String, dir: String) -> impl IntoView {
    view! {
        <section class="ticker" aria-label="Trending Now" lang=lang dir=dir>
            <div class="ticker__inner container">
                <h2 class="ticker__label">"Trending Now"</h2>
                <ul class="ticker__list" role="list">
                    {items
                        .into_iter()
                        .map(|a| {
                            view! {
                                <li class="ticker__item" lang=a.lang dir=a.dir>
                                    <a href=a.href>{a.title}</a>
                                    " "
                                    <TimeAgo stamp=a.published/>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        </section>
    }
}
