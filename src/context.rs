//! What every component may ask its surroundings: the site-wide data, whether JavaScript has
//! taken over, the reader's theme and the site's name. Components and pages import these from
//! here, and the app frame (`app.rs`) provides them, so neither side imports the other.

use crate::error::AppError;
use crate::model::SiteInfo;
use leptos::prelude::*;

/// The site-wide data (menus, trending, masthead date), loaded once and shared by every page.
#[derive(Clone, Copy)]
pub struct SiteContext(pub Resource<Result<SiteInfo, AppError>>);

pub fn use_site() -> Resource<Result<SiteInfo, AppError>> {
    expect_context::<SiteContext>().0
}

/// False on the server and while an island hydrates, true right after: controls that need
/// JavaScript (dialogs, the theme toggle, the ticker's button, Copy Link) replace their
/// plain-HTML fallbacks only then, so hydration finds the server's HTML.
pub fn use_js_ready() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    ready
}

/// The theme remembered in the cookie ("light" or "dark"; None follows the system), read from
/// `document.cookie`. The server renders no theme (its shell applies the cookie in the browser
/// before the first paint: `ThemeScript` in `server/shell.rs`), so on the server this is None;
/// islands show theme-dependent controls only once JavaScript runs.
pub fn initial_theme() -> Option<&'static str> {
    #[cfg(feature = "ssr")]
    {
        None
    }
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::wasm_bindgen::JsCast;
        document()
            .dyn_into::<leptos::web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.cookie().ok())
            .and_then(|c| crate::model::theme_from_cookies(&c))
    }
}

/// The site's name for page titles, read once while the frame renders. The title formatter runs
/// inside `leptos_meta`'s head rendering, after the page's reactive owner may be gone: it must
/// not read a resource (issue 11: renders running at once panicked there).
pub fn site_name() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::server::AppState>()
            .map(|s| s.site_name())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}
