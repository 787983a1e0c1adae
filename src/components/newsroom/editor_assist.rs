//! What the editor does with JavaScript on top of its plain form (which works without it):
//! - the Slug follows the Title as it is typed, until the Slug is edited by hand (an article
//!   that has been published keeps its address, so its Slug never follows);
//! - a draft saves itself a few seconds after typing stops ("Saved at 10:42 UTC", announced
//!   politely), through `POST …/autosave` (`server/newsroom/autosave.rs`);
//! - leaving with unsaved changes asks first;
//! - a button pressed while an autosave is on its way waits for it, so the two never collide.
//!
//! The island renders the editor's status line (role `status`: announced politely), which
//! without JavaScript says only what the last button did; the rest attaches to the editor's
//! form (`#editor-form`) once hydrated.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod browser;

/// `autosave_url`: where the form saves itself (None: the article is not a draft, so it only
/// changes when a button is pressed). `follow_slug`: whether the Slug may follow the Title.
/// `notice`: what the last button did ("Draft saved."), the status line's first words.
/// `unsaved`: the form comes back from a save that was refused, so what it holds is not saved.
#[island]
pub fn EditorAssist(
    autosave_url: Option<String>,
    follow_slug: bool,
    notice: Option<String>,
    unsaved: bool,
) -> impl IntoView {
    let status = RwSignal::new(notice.unwrap_or_default());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach(autosave_url.clone(), follow_slug, unsaved, status);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&autosave_url, follow_slug, unsaved);
    });
    view! { <p class="nr-notice" role="status">{move || status.get()}</p> }
}
