//! The frame of every newsroom page: its own stylesheet (readers' CSS is not loaded, nor theirs
//! this), the newsroom's navigation with the current section marked, who is signed in, and
//! "Sign out".

use leptos::prelude::*;

/// Who is looking, for the frame.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub name: String,
    pub role: &'static str,
    pub csrf: String,
    pub admin: bool,
    /// May manage categories, tags, menus and pages (editors and admins).
    pub runs_site: bool,
    /// May upload images and open the media library (authors and up).
    pub uploads: bool,
}

/// The section of the newsroom a page belongs to (its navigation link is marked current).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Articles,
    Media,
    Sections,
    Tags,
    Comments,
    Messages,
    Newsletter,
    Menus,
    Account,
    Audit,
    Staff,
    Pages,
    Settings,
    Import,
    /// Pages outside the navigation (sign-in, setup, messages).
    None,
}

/// What the frame needs besides the page: the site, the page title, the viewer.
#[derive(Debug, Clone)]
pub struct Frame {
    pub site_name: String,
    pub lang: String,
    pub css: String,
    pub title: String,
    pub viewer: Option<Viewer>,
    pub section: Section,
    /// The newsroom's islands, on pages that have some (None: the page needs no script).
    pub scripts: Option<Scripts>,
}

/// The newsroom bundle a page loads, and the nonce its inline loader carries.
#[derive(Debug, Clone)]
pub struct Scripts {
    pub js: String,
    pub wasm: String,
    pub nonce: String,
}

#[component]
pub fn NewsroomDocument(frame: Frame, children: Children) -> impl IntoView {
    let Frame {
        site_name,
        lang,
        css,
        title,
        viewer,
        section,
        scripts,
    } = frame;
    // The readers' island loader (src/islands.js), without their client-side navigation.
    let scripts = scripts.map(|Scripts { js, wasm, nonce }| {
        let loader = format!(
            "{}({js:?}, {wasm:?}, false);",
            include_str!("../../islands.js")
        );
        view! { <script type="module" nonce=nonce>{loader}</script> }
    });
    let dir = crate::model::direction_of(&lang);
    let full_title = format!("{title} — {site_name} Newsroom");
    let current = move |s: Section| (s == section).then_some("page");
    let nav = viewer.map(|v| {
        view! {
            <nav class="nr-nav" aria-label="Newsroom">
                <ul>
                    <li><a href="/newsroom" aria-current=current(Section::Articles)>"Articles"</a></li>
                    {v.uploads.then(|| view! {
                        <li><a href="/newsroom/media" aria-current=current(Section::Media)>"Media"</a></li>
                    })}
                    {v.runs_site.then(|| view! {
                        <li><a href="/newsroom/sections" aria-current=current(Section::Sections)>"Categories"</a></li>
                        <li><a href="/newsroom/tags" aria-current=current(Section::Tags)>"Tags"</a></li>
                        <li><a href="/newsroom/comments" aria-current=current(Section::Comments)>"Comments"</a></li>
                        <li><a href="/newsroom/messages" aria-current=current(Section::Messages)>"Messages"</a></li>
                        <li><a href="/newsroom/newsletter" aria-current=current(Section::Newsletter)>"Newsletter"</a></li>
                        <li><a href="/newsroom/menus" aria-current=current(Section::Menus)>"Menus"</a></li>
                        <li><a href="/newsroom/pages" aria-current=current(Section::Pages)>"Pages"</a></li>
                    })}
                    {v.admin.then(|| view! {
                        <li><a href="/newsroom/staff" aria-current=current(Section::Staff)>"Staff"</a></li>
                        <li><a href="/newsroom/audit" aria-current=current(Section::Audit)>"Audit log"</a></li>
                        <li><a href="/newsroom/settings" aria-current=current(Section::Settings)>"Settings"</a></li>
                        <li><a href="/newsroom/import" aria-current=current(Section::Import)>"Import"</a></li>
                    })}
                    <li><a href="/newsroom/account" aria-current=current(Section::Account)>"Account"</a></li>
                </ul>
            </nav>
            <div class="nr-who">
                <span>{v.name}</span>
                <span class="nr-role">{v.role}</span>
                <form method="post" action="/newsroom/sign-out">
                    <input type="hidden" name="csrf" value=v.csrf/>
                    <button type="submit" class="nr-button nr-button--quiet">"Sign out"</button>
                </form>
            </div>
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang=lang dir=dir>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="robots" content="noindex, nofollow"/>
                <title>{full_title}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href=css/>
                {scripts}
            </head>
            <body class="nr">
                <a class="nr-skip" href="#main">"Skip to content"</a>
                <header class="nr-header">
                    <a class="nr-brand" href="/newsroom">{format!("{site_name} Newsroom")}</a>
                    {nav}
                    <a class="nr-site-link" href="/">"View site"</a>
                </header>
                <main id="main" class="nr-main" tabindex="-1">{children()}</main>
            </body>
        </html>
    }
}
