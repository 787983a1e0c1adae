//! The menus: the primary navigation (a WAI-ARIA disclosure navigation with submenus), its
//! entries, and the links that mark the page shown as current.

use crate::components::Icon;
use crate::model::MenuItem;
use crate::nav::use_current_path;
use leptos::html::{Button, Nav};
use leptos::prelude::*;
use std::time::Duration;

pub(super) fn more_item(children: Vec<MenuItem>) -> MenuItem {
    MenuItem {
        label: "More".into(),
        href: String::new(),
        children,
    }
}

/// The primary menu in `<nav aria-label="Main">`: one submenu open at a time; Esc, a click
/// outside, focus leaving the menu or a navigation closes it.
#[component]
pub(super) fn PrimaryNav(
    primary: Vec<MenuItem>,
    more: Vec<MenuItem>,
    brand: String,
) -> impl IntoView {
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
