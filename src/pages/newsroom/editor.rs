//! The article editor (`/newsroom/articles/new`, `/newsroom/articles/<id>`): one form that
//! works without JavaScript. Its buttons are the workflow the account's role allows.
//!
//! Over 400 lines, most of them one `view!`: the form's fields in the order an editor meets
//! them, which reads best whole.

use super::articles::{options, Choice};
use super::preview_link::{Share, SharePanel};
use crate::components::newsroom::{EditorAssist, PreviewPane};
use leptos::prelude::*;

/// The form's fields as typed (kept as they were when the form comes back with a problem).
#[derive(Debug, Clone, Default)]
pub struct EditorFields {
    pub title: String,
    pub dek: String,
    pub slug: String,
    pub body: String,
    pub tags: String,
    pub lang: String,
    pub category: String,
    pub author: String,
    pub featured: bool,
    pub editors_pick: bool,
    pub seo_title: String,
    pub seo_description: String,
    pub canonical_url: String,
    pub publish_at: String,
    /// A new article's form key: a second save with it continues the article the first made.
    pub draft_key: String,
    /// The featured image: the chosen picture's id ("" for none), and its text for this article.
    pub image: String,
    pub image_alt: String,
    pub image_caption: String,
    pub image_credit: String,
}

/// The chosen featured image's thumbnail in the editor.
#[derive(Debug, Clone)]
pub struct ImagePreview {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// Someone saved the article after this form was opened.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub message: String,
    pub their_title: String,
    pub their_dek: String,
    pub their_body: String,
}

/// One line of the revision list.
#[derive(Debug, Clone)]
pub struct RevisionLine {
    pub id: i64,
    /// Its comparison with the article as it is now.
    pub href: String,
    pub date_iso: String,
    pub when: String,
    pub who: String,
    pub what: &'static str,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub heading: String,
    pub action: String,
    pub csrf: String,
    pub version: Option<i64>,
    pub fields: EditorFields,
    pub categories: Vec<Choice>,
    /// None: the account writes under its own name only.
    pub authors: Option<Vec<Choice>>,
    pub languages: Vec<Choice>,
    /// "Draft, last saved by … on …".
    pub status: String,
    pub public_url: Option<String>,
    /// (value, label) of each workflow button, the default first.
    pub buttons: Vec<(&'static str, &'static str)>,
    /// Featured and Editors' pick are offered (editors and admins).
    pub can_feature: bool,
    /// (field id, message) for each problem.
    pub problems: Vec<(&'static str, String)>,
    pub notice: Option<String>,
    pub conflict: Option<Conflict>,
    /// Newest first; empty for a new article.
    pub revisions: Vec<RevisionLine>,
    /// Where the form saves itself with JavaScript (None: not a draft).
    pub autosave_url: Option<String>,
    /// Where the inline preview (with JavaScript) sends the form to be rendered.
    pub preview_url: String,
    /// The Slug follows the Title as it is typed (an article never published).
    pub follow_slug: bool,
    /// The delete confirmation's address, when the account may delete the article.
    pub delete_href: Option<String>,
    /// The preview link panel, for an unpublished article.
    pub share: Option<Share>,
    /// The site's time zone, which "Publish at" is read in.
    pub zone: String,
    /// The Featured image list: "No image", then the library's newest pictures.
    pub images: Vec<Choice>,
    pub image_preview: Option<ImagePreview>,
    /// The account may open the media library (and upload there).
    pub may_upload: bool,
}

#[component]
pub fn EditorPage(editor: Editor) -> impl IntoView {
    let Editor {
        heading,
        action,
        csrf,
        version,
        fields,
        categories,
        authors,
        languages,
        status,
        public_url,
        buttons,
        can_feature,
        problems,
        notice,
        conflict,
        revisions,
        autosave_url,
        preview_url,
        follow_slug,
        delete_href,
        share,
        zone,
        images,
        image_preview,
        may_upload,
    } = editor;
    let unsaved = !problems.is_empty() || conflict.is_some();
    let revisions = (!revisions.is_empty()).then(|| {
        let rows = revisions
            .into_iter()
            .map(|r| {
                view! {
                    <tr>
                        <td><time datetime=r.date_iso>{r.when}</time></td>
                        <td>{r.who}</td>
                        <td>{r.what}</td>
                        <td dir="auto">{r.title}</td>
                        <td><a href=r.href>"Compare with now"<span class="nr-visually-hidden">{format!(" (revision {})", r.id)}</span></a></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="nr-panel" aria-labelledby="revisions-heading">
                <h2 id="revisions-heading">"Revisions"</h2>
                <div class="nr-table-wrap" role="region" aria-label="Revisions" tabindex="0">
                    <table class="nr-table">
                        <thead>
                            <tr>
                                <th scope="col">"When"</th>
                                <th scope="col">"Who"</th>
                                <th scope="col">"What"</th>
                                <th scope="col">"Title then"</th>
                                <th scope="col"><span class="nr-visually-hidden">"Compare"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    let problem_of = {
        let problems = problems.clone();
        move |id: &str| {
            problems
                .iter()
                .find(|(f, _)| *f == id)
                .map(|(_, m)| m.clone())
        }
    };
    // A field's message under it, and the attributes that tie it to the field.
    let field_error = move |id: &'static str| {
        problem_of(id).map(|m| view! { <p class="nr-field-error" id=format!("{id}-error")>{m}</p> })
    };
    let invalid = {
        let problems = problems.clone();
        move |id: &str| problems.iter().any(|(f, _)| *f == id).then_some("true")
    };
    let described = {
        let problems = problems.clone();
        move |id: &'static str| {
            problems
                .iter()
                .any(|(f, _)| *f == id)
                .then(|| format!("{id}-error"))
        }
    };
    let summary = super::problem_summary(&problems, "The article was not saved:");
    let conflict = conflict.map(|c| {
        view! {
            <section class="nr-error nr-conflict" role="alert" aria-labelledby="conflict-heading">
                <h2 id="conflict-heading">"Not saved: someone else saved first"</h2>
                <p>{c.message}</p>
                <details>
                    <summary>"Compare with their version"</summary>
                    <div class="nr-compare">
                        <div>
                            <h3>"Their version"</h3>
                            <p><strong>{c.their_title}</strong></p>
                            <p>{c.their_dek}</p>
                            <pre class="nr-source">{c.their_body}</pre>
                        </div>
                        <div>
                            <h3>"Your version (in the form below)"</h3>
                            <p><strong>{fields.title.clone()}</strong></p>
                            <p>{fields.dek.clone()}</p>
                            <pre class="nr-source">{fields.body.clone()}</pre>
                        </div>
                    </div>
                </details>
                <p>"Save again to replace their version with yours, or open the article afresh to start from theirs."</p>
            </section>
        }
    });
    let author_field = authors.map(|authors| {
        view! {
            <div class="nr-field">
                <label for="author">"Author"</label>
                <select id="author" name="author">{options(authors)}</select>
            </div>
        }
    });
    let feature_fields = can_feature.then(|| {
        view! {
            <fieldset class="nr-field nr-checks">
                <legend>"Placement"</legend>
                <label><input type="checkbox" name="featured" value="on" checked=fields.featured/>" Featured"</label>
                <label><input type="checkbox" name="editors_pick" value="on" checked=fields.editors_pick/>" Editors' pick"</label>
            </fieldset>
        }
    });
    let has_image = !fields.image.trim().is_empty();
    let image_hint = if may_upload {
        "The newest images of the media library, by alt text. Upload new ones there, or use its “Use as featured image”."
    } else {
        "The newest images of the media library, by alt text."
    };
    let image_fields = view! {
        <fieldset class="nr-field nr-image-fields">
            <legend>"Featured image"</legend>
            {image_preview.map(|p| view! {
                <img class="nr-image-fields__preview" src=p.src width=p.width height=p.height alt=p.alt/>
            })}
            <div class="nr-field">
                <label for="image">"Image"</label>
                <select id="image" name="image" aria-invalid=invalid("image")
                    aria-describedby=described("image").map(|d| format!("{d} image-hint")).unwrap_or_else(|| "image-hint".into())>
                    {options(images)}
                </select>
                <p class="nr-hint" id="image-hint">
                    {image_hint}
                    {may_upload.then(|| view! { " "<a href="/newsroom/media">"Open the media library"</a> })}
                </p>
                {field_error("image")}
            </div>
            <div class="nr-field">
                <label for="image_alt">"Alt text"{has_image.then_some(" (required)")}</label>
                <input id="image_alt" name="image_alt" type="text" maxlength="300" value=fields.image_alt.clone() dir="auto"
                    aria-invalid=invalid("image_alt")
                    aria-describedby=described("image_alt").map(|d| format!("{d} image-alt-hint")).unwrap_or_else(|| "image-alt-hint".into())/>
                <p class="nr-hint" id="image-alt-hint">"Required with an image: what it shows, for readers who cannot see it. Left empty, the image's alt text from the library is used."</p>
                {field_error("image_alt")}
            </div>
            <div class="nr-columns">
                <div class="nr-field">
                    <label for="image_caption">"Caption"</label>
                    <input id="image_caption" name="image_caption" type="text" maxlength="1000" value=fields.image_caption.clone() dir="auto"
                        aria-invalid=invalid("image_caption") aria-describedby=described("image_caption")/>
                    {field_error("image_caption")}
                </div>
                <div class="nr-field">
                    <label for="image_credit">"Credit"</label>
                    <input id="image_credit" name="image_credit" type="text" maxlength="200" value=fields.image_credit.clone() dir="auto"
                        aria-invalid=invalid("image_credit") aria-describedby=described("image_credit")/>
                    {field_error("image_credit")}
                </div>
            </div>
            {has_image.then(|| view! {
                <label class="nr-check"><input type="checkbox" name="image_remove" value="on"/>" Remove image"</label>
            })}
        </fieldset>
    };
    let buttons = buttons
        .into_iter()
        .map(|(value, label)| {
            let class = if value == "unpublish" {
                "nr-button nr-button--danger"
            } else {
                "nr-button"
            };
            view! { <button type="submit" name="action" value=value class=class>{label}</button> }
        })
        .collect_view();
    let dir = crate::model::direction_of(&fields.lang);
    view! {
        <div class="nr-title-row">
            <h1>{heading}</h1>
            <p class="nr-status">{status}</p>
        </div>
        // The page's one status line: what was just done, then what autosave does.
        <EditorAssist autosave_url follow_slug notice unsaved/>
        {summary}
        {conflict}
        {public_url.map(|href| view! { <p><a href=href>"View the article on the site"</a></p> })}
        // With JavaScript, the preview pane beside the form (below it on a narrow screen).
        <div class="nr-editor-layout">
        <form method="post" action=action class="nr-form nr-editor" id="editor-form" novalidate>
            <input type="hidden" name="csrf" value=csrf/>
            {version.map(|v| view! { <input type="hidden" id="version" name="version" value=v.to_string()/> })}
            {(!fields.draft_key.is_empty()).then(|| view! { <input type="hidden" name="draft_key" value=fields.draft_key.clone()/> })}
            <div class="nr-field">
                <label for="title">"Title"</label>
                <input id="title" name="title" type="text" required maxlength="300" value=fields.title dir="auto"
                    aria-invalid=invalid("title") aria-describedby=described("title")/>
                {field_error("title")}
            </div>
            <div class="nr-field">
                <label for="dek">"Standfirst"</label>
                <textarea id="dek" name="dek" rows="2" maxlength="600" dir="auto"
                    aria-invalid=invalid("dek") aria-describedby=described("dek")>{super::textarea_text(&fields.dek)}</textarea>
                {field_error("dek")}
            </div>
            <div class="nr-field">
                <label for="slug">"Slug"</label>
                <input id="slug" name="slug" type="text" maxlength="120" value=fields.slug dir="auto"
                    aria-invalid=invalid("slug") aria-describedby=described("slug").unwrap_or_else(|| "slug-hint".into())/>
                <p class="nr-hint" id="slug-hint">"The last part of the article's address. Left empty, it is made from the title."</p>
                {field_error("slug")}
            </div>
            <div class="nr-field">
                <label for="body">"Body"</label>
                <textarea id="body" name="body" rows="18" dir=dir class="nr-body"
                    aria-invalid=invalid("body") aria-describedby=described("body").unwrap_or_else(|| "body-hint".into())>{super::textarea_text(&fields.body)}</textarea>
                <p class="nr-hint" id="body-hint">"Markdown: a blank line between paragraphs, ## for a subheading, [text](https://…) for a link."</p>
                {field_error("body")}
            </div>
            {image_fields}
            <div class="nr-columns">
                <div class="nr-field">
                    <label for="category">"Category"</label>
                    <select id="category" name="category" aria-invalid=invalid("category") aria-describedby=described("category")>
                        {options(categories)}
                    </select>
                    {field_error("category")}
                </div>
                <div class="nr-field">
                    <label for="tags">"Tags"</label>
                    <input id="tags" name="tags" type="text" value=fields.tags dir="auto"
                        aria-invalid=invalid("tags") aria-describedby=described("tags").unwrap_or_else(|| "tags-hint".into())/>
                    <p class="nr-hint" id="tags-hint">"Separated by commas; new tags are made as you save."</p>
                    {field_error("tags")}
                </div>
                <div class="nr-field">
                    <label for="lang">"Language"</label>
                    <select id="lang" name="lang" aria-invalid=invalid("lang") aria-describedby=described("lang")>{options(languages)}</select>
                    {field_error("lang")}
                </div>
                {author_field}
            </div>
            {feature_fields}
            <details class="nr-field">
                <summary>"Search engines and sharing"</summary>
                <div class="nr-field">
                    <label for="seo_title">"SEO title"</label>
                    <input id="seo_title" name="seo_title" type="text" maxlength="120" value=fields.seo_title dir="auto"
                        aria-invalid=invalid("seo_title") aria-describedby=described("seo_title")/>
                    {field_error("seo_title")}
                </div>
                <div class="nr-field">
                    <label for="seo_description">"SEO description"</label>
                    <textarea id="seo_description" name="seo_description" rows="2" maxlength="300" dir="auto"
                        aria-invalid=invalid("seo_description") aria-describedby=described("seo_description")>{super::textarea_text(&fields.seo_description)}</textarea>
                    {field_error("seo_description")}
                </div>
                <div class="nr-field">
                    <label for="canonical_url">"Canonical URL"</label>
                    <input id="canonical_url" name="canonical_url" type="url" maxlength="500" value=fields.canonical_url
                        aria-invalid=invalid("canonical_url") aria-describedby=described("canonical_url")/>
                    {field_error("canonical_url")}
                </div>
            </details>
            <div class="nr-field">
                <label for="publish_at">{format!("Publish at ({zone})")}</label>
                <input id="publish_at" name="publish_at" type="datetime-local" value=fields.publish_at
                    aria-invalid=invalid("publish_at") aria-describedby=described("publish_at").unwrap_or_else(|| "publish-at-hint".into())/>
                <p class="nr-hint" id="publish-at-hint">{format!("For Schedule: the date and time, in {zone}, the article goes live.")}</p>
                {field_error("publish_at")}
            </div>
            <div class="nr-actions">
                {buttons}
                <button type="submit" name="action" value="preview" formaction="/newsroom/preview" formtarget="_blank" class="nr-button nr-button--quiet">
                    "Preview"<span class="nr-visually-hidden">" (opens in a new tab)"</span>
                </button>
            </div>
        </form>
        <PreviewPane preview_url/>
        </div>
        {share.map(|share| view! { <SharePanel share/> })}
        {delete_href.map(|href| view! {
            <form method="get" action=href class="nr-actions nr-delete">
                <button type="submit" class="nr-button nr-button--danger">"Delete"</button>
            </form>
        })}
        {revisions}
    }
}

/// The preview of an unsaved article: its words through the public page's Markdown and
/// sanitiser, in the readers' stylesheet.
#[component]
pub fn PreviewDocument(
    site_name: String,
    css: String,
    title: String,
    dek: String,
    lang: String,
    body_html: String,
    /// What the banner says (default: the editor's preview of an unsaved form).
    #[prop(optional)]
    banner: Option<&'static str>,
) -> impl IntoView {
    let dir = crate::model::direction_of(&lang);
    let doc_title = format!("Preview: {title} — {site_name}");
    view! {
        <!DOCTYPE html>
        <html lang=lang.clone() dir=dir>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <meta name="robots" content="noindex, nofollow"/>
                <meta name="referrer" content="no-referrer"/>
                <title>{doc_title}</title>
                <link rel="stylesheet" href=css/>
            </head>
            <body>
                <p class="preview-banner" role="note">{banner.unwrap_or("Preview: this article is not published. Close this tab to go back to the editor.")}</p>
                <main id="main" class="site-main container">
                    <article class="article">
                        <header class="article__header">
                            <h1 class="article__title">{title}</h1>
                            <p class="article__dek">{dek}</p>
                        </header>
                        <div class="article__body prose" inner_html=body_html></div>
                    </article>
                </main>
            </body>
        </html>
    }
}
