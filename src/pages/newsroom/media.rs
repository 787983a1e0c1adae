//! `/newsroom/media` (authors and up): the media library: an upload form, a search, a grid of
//! thumbnails with pages; each picture's page with its sizes, the articles using it, its alt
//! text, caption and credit to edit, and Delete. Plain forms that work without JavaScript.

use leptos::prelude::*;

/// The longest alt text, caption and credit, in characters (the server checks the same).
pub const MAX_ALT: usize = 300;
pub const MAX_CAPTION: usize = 1_000;
pub const MAX_CREDIT: usize = 200;

/// A thumbnail (or the reason there is none yet).
#[derive(Debug, Clone)]
pub enum Thumb {
    Ready {
        src: String,
        width: u32,
        height: u32,
    },
    Processing,
    Failed(String),
}

/// One picture of the grid.
#[derive(Debug, Clone)]
pub struct MediaCard {
    pub href: String,
    pub file_name: String,
    pub alt: String,
    pub thumb: Thumb,
    /// "1600 × 1200".
    pub size: String,
}

/// What the upload form holds and says.
#[derive(Debug, Clone, Default)]
pub struct UploadForm {
    pub csrf: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// (field id, message)
    pub problems: Vec<(&'static str, String)>,
    /// The largest upload, in megabytes.
    pub max_megabytes: u64,
}

#[derive(Debug, Clone)]
pub struct MediaLibrary {
    pub cards: Vec<MediaCard>,
    pub query: String,
    pub total: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub notice: Option<String>,
    pub upload: UploadForm,
}

fn thumb_view(thumb: Thumb, alt: String) -> AnyView {
    match thumb {
        Thumb::Ready { src, width, height } => view! {
            <img src=src width=width height=height alt=alt loading="lazy" decoding="async"/>
        }
        .into_any(),
        Thumb::Processing => {
            view! { <span class="nr-media-thumb__wait">"Being prepared…"</span> }.into_any()
        }
        Thumb::Failed(why) => view! {
            <span class="nr-media-thumb__wait nr-field-error">{format!("Could not be prepared: {why}")}</span>
        }
        .into_any(),
    }
}

/// A text field of the picture forms: (id, name, label, value, maximum length, required).
fn text_field(
    id: &'static str,
    label: &'static str,
    value: String,
    max: usize,
    required: bool,
    problems: &[(&'static str, String)],
    hint: Option<&'static str>,
) -> impl IntoView {
    let problem = problems
        .iter()
        .find(|(f, _)| *f == id)
        .map(|(_, m)| m.clone());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        problem.as_ref().map(|_| error_id.clone()),
        hint.map(|_| hint_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    view! {
        <div class="nr-field">
            <label for=id>{label}{required.then_some(" (required)")}</label>
            <input id=id name=id type="text" value=value maxlength=max.to_string() dir="auto"
                required=required aria-invalid=problem.as_ref().map(|_| "true")
                aria-describedby=(!described.is_empty()).then_some(described)/>
            {hint.map(|h| view! { <p class="nr-hint" id=hint_id>{h}</p> })}
            {problem.map(|m| view! { <p class="nr-field-error" id=error_id>{m}</p> })}
        </div>
    }
}

#[component]
pub fn MediaLibraryPage(library: MediaLibrary) -> impl IntoView {
    let MediaLibrary {
        cards,
        query,
        total,
        prev,
        next,
        notice,
        upload,
    } = library;
    let UploadForm {
        csrf,
        alt,
        caption,
        credit,
        problems,
        max_megabytes,
    } = upload;
    let file_problem = problems
        .iter()
        .find(|(f, _)| *f == "file")
        .map(|(_, m)| m.clone());
    let summary = super::problem_summary(&problems, "The image was not uploaded:");
    let empty = cards.is_empty();
    let cards = cards
        .into_iter()
        .map(|c| {
            view! {
                <li class="nr-media-card">
                    <a href=c.href class="nr-media-card__link">
                        <span class="nr-media-thumb">{thumb_view(c.thumb, c.alt.clone())}</span>
                        <span class="nr-media-card__name" dir="auto">{c.file_name}</span>
                    </a>
                    <span class="nr-hint">{c.size}</span>
                    {(!c.alt.is_empty()).then(|| view! { <span class="nr-media-card__alt" dir="auto">{c.alt}</span> })}
                </li>
            }
        })
        .collect_view();
    let shown = if query.trim().is_empty() {
        format!("{total} image{}", if total == 1 { "" } else { "s" })
    } else {
        format!(
            "{total} image{} whose alt text or file name has “{}”",
            if total == 1 { "" } else { "s" },
            query.trim()
        )
    };
    let file_hint = format!(
        "JPEG, PNG, WebP or GIF (its first frame), up to {max_megabytes} MB. Sizes for every screen are made from it; its location and camera data are not kept."
    );
    view! {
        <h1>"Media library"</h1>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {summary}
        <section class="nr-panel" aria-labelledby="upload-heading">
            <h2 id="upload-heading">"Upload an image"</h2>
            <form method="post" action="/newsroom/media" enctype="multipart/form-data" class="nr-form" novalidate>
                <input type="hidden" name="csrf" value=csrf/>
                <div class="nr-field">
                    <label for="file">"Image file (required)"</label>
                    <input id="file" name="file" type="file" required
                        accept="image/jpeg,image/png,image/webp,image/gif"
                        aria-invalid=file_problem.as_ref().map(|_| "true")
                        aria-describedby=if file_problem.is_some() { "file-error file-hint" } else { "file-hint" }/>
                    <p class="nr-hint" id="file-hint">{file_hint}</p>
                    {file_problem.map(|m| view! { <p class="nr-field-error" id="file-error">{m}</p> })}
                </div>
                {text_field("alt", "Alt text", alt, MAX_ALT, true, &problems,
                    Some("What the image shows, for readers who cannot see it. Offered again wherever the image is used."))}
                {text_field("caption", "Caption", caption, MAX_CAPTION, false, &problems, None)}
                {text_field("credit", "Credit", credit, MAX_CREDIT, false, &problems,
                    Some("Who made it, such as “Photo: Jane Doe / West Timelines”."))}
                <button type="submit" class="nr-button">"Upload"</button>
            </form>
        </section>
        <form method="get" action="/newsroom/media" class="nr-filters" role="search">
            <div class="nr-field">
                <label for="media-q">"Search by alt text or file name"</label>
                <input id="media-q" name="q" type="search" value=query dir="auto"/>
            </div>
            <button type="submit" class="nr-button">"Search"</button>
        </form>
        <p>{shown}</p>
        {empty.then(|| view! { <p>"No images here yet."</p> })}
        <ul class="nr-media-grid" aria-label="Images">{cards}</ul>
        <nav class="nr-pager" aria-label="Pages of images">
            {prev.map(|h| view! { <a href=h rel="prev">"Previous"</a> })}
            {next.map(|h| view! { <a href=h rel="next">"Next"</a> })}
        </nav>
    }
}

/// One picture's page.
#[derive(Debug, Clone)]
pub struct MediaItem {
    pub id: i64,
    pub file_name: String,
    pub thumb: Thumb,
    /// (term, description) lines: size, file, uploaded, state.
    pub facts: Vec<(&'static str, String)>,
    /// (label, href) of each file made.
    pub files: Vec<(String, String)>,
    /// (title, state, editor href) of the articles using it.
    pub used_by: Vec<(String, &'static str, String)>,
    pub csrf: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub problems: Vec<(&'static str, String)>,
    pub notice: Option<String>,
    /// A refusal to show above the page (a delete refused while the image is used).
    pub refusal: Option<String>,
    /// The picture can be chosen as a featured image (it is not failed).
    pub usable: bool,
}

#[component]
pub fn MediaItemPage(item: MediaItem) -> impl IntoView {
    let MediaItem {
        id,
        file_name,
        thumb,
        facts,
        files,
        used_by,
        csrf,
        alt,
        caption,
        credit,
        problems,
        notice,
        refusal,
        usable,
    } = item;
    let summary = super::problem_summary(&problems, "The image's text was not saved:");
    let facts = facts
        .into_iter()
        .map(|(term, text)| view! { <dt>{term}</dt><dd dir="auto">{text}</dd> })
        .collect_view();
    let files = (!files.is_empty()).then(|| {
        let items = files
            .into_iter()
            .map(|(label, href)| view! { <li><a href=href>{label}</a></li> })
            .collect_view();
        view! {
            <section aria-labelledby="files-heading">
                <h2 id="files-heading">"Sizes made"</h2>
                <ul class="nr-media-files">{items}</ul>
            </section>
        }
    });
    let used = if used_by.is_empty() {
        view! { <p>"No article uses it."</p> }.into_any()
    } else {
        let items = used_by
            .into_iter()
            .map(|(title, state, href)| {
                view! { <li><a href=href dir="auto">{title}</a>{format!(" ({state})")}</li> }
            })
            .collect_view();
        view! { <ul>{items}</ul> }.into_any()
    };
    let preview_alt = alt.clone();
    view! {
        <div class="nr-title-row">
            <h1 dir="auto">{file_name}</h1>
            <p><a href="/newsroom/media">"Media library"</a></p>
        </div>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {refusal.map(|r| view! { <p class="nr-error" role="alert">{r}</p> })}
        {summary}
        <div class="nr-media-item">
            <div class="nr-media-item__preview">{thumb_view(thumb, preview_alt)}</div>
            <dl class="nr-facts">{facts}</dl>
        </div>
        {usable.then(|| view! {
            <p><a href=format!("/newsroom/articles/new?image={id}") class="nr-button">"Use as featured image"<span class="nr-visually-hidden">" of a new article"</span></a></p>
        })}
        {files}
        <section aria-labelledby="used-heading">
            <h2 id="used-heading">"Used by"</h2>
            {used}
        </section>
        <section class="nr-panel" aria-labelledby="text-heading">
            <h2 id="text-heading">"Alt text, caption and credit"</h2>
            <p class="nr-hint">"Offered whenever the image is chosen for an article; an article keeps its own copy."</p>
            <form method="post" action=format!("/newsroom/media/{id}") class="nr-form" novalidate>
                <input type="hidden" name="csrf" value=csrf/>
                {text_field("alt", "Alt text", alt, MAX_ALT, true, &problems, None)}
                {text_field("caption", "Caption", caption, MAX_CAPTION, false, &problems, None)}
                {text_field("credit", "Credit", credit, MAX_CREDIT, false, &problems, None)}
                <button type="submit" class="nr-button">"Save"</button>
            </form>
        </section>
        <form method="get" action=format!("/newsroom/media/{id}/delete") class="nr-actions nr-delete">
            <button type="submit" class="nr-button nr-button--danger">"Delete"</button>
        </form>
    }
}

/// "Delete this image?": Delete and Cancel.
#[component]
pub fn MediaDeletePage(id: i64, file_name: String, csrf: String) -> impl IntoView {
    view! {
        <section class="nr-panel nr-panel--narrow" aria-labelledby="delete-heading">
            <h1 id="delete-heading">"Delete this image?"</h1>
            <p><strong dir="auto">{file_name}</strong></p>
            <p>"Its files go at once, every size of it; an article's body that shows it would show nothing. This cannot be undone."</p>
            <form method="post" action=format!("/newsroom/media/{id}/delete") class="nr-actions">
                <input type="hidden" name="csrf" value=csrf/>
                <button type="submit" class="nr-button nr-button--danger">"Delete"</button>
                <a href=format!("/newsroom/media/{id}") class="nr-button nr-button--quiet">"Cancel"</a>
            </form>
        </section>
    }
}
