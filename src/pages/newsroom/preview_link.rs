//! Secret preview links: the editor's "Preview link" panel (Share preview, Stop sharing), and
//! the page that shows a new link once (only its digest is kept, so it cannot be shown again).

use leptos::prelude::*;

/// The editor's panel for an unpublished article.
#[derive(Debug, Clone)]
pub struct Share {
    /// Where "Share preview" posts.
    pub create: String,
    /// Where "Stop sharing" posts.
    pub revoke: String,
    pub csrf: String,
    /// "Not shared." or how many links are open and until when.
    pub status: String,
    /// Links are open (Stop sharing is offered).
    pub live: bool,
}

#[component]
pub fn SharePanel(share: Share) -> impl IntoView {
    let Share {
        create,
        revoke,
        csrf,
        status,
        live,
    } = share;
    let stop = live.then(|| {
        let csrf = csrf.clone();
        view! {
            <form method="post" action=revoke>
                <input type="hidden" name="csrf" value=csrf/>
                <button type="submit" class="nr-button nr-button--danger">"Stop sharing"</button>
            </form>
        }
    });
    view! {
        <section class="nr-panel" aria-labelledby="share-heading">
            <h2 id="share-heading">"Preview link"</h2>
            <p>{status}</p>
            <div class="nr-actions">
                <form method="post" action=create>
                    <input type="hidden" name="csrf" value=csrf/>
                    <button type="submit" class="nr-button nr-button--quiet">"Share preview"</button>
                </form>
                {stop}
            </div>
        </section>
    }
}

/// A link just made.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub title: String,
    /// The absolute link.
    pub link: String,
    /// "December 12, 2026, 08:30 UTC".
    pub expires: String,
    pub expires_iso: String,
    pub editor: String,
    pub revoke: String,
    pub csrf: String,
}

#[component]
pub fn PreviewLinkPage(link: NewLink) -> impl IntoView {
    let NewLink {
        title,
        link,
        expires,
        expires_iso,
        editor,
        revoke,
        csrf,
    } = link;
    view! {
        <section class="nr-panel" aria-labelledby="link-heading">
            <h1 id="link-heading">"Preview link"</h1>
            <p>"Anyone with this link can read "<strong dir="auto">{title}</strong>" as it is saved, without signing in, until "<time datetime=expires_iso>{expires}</time>". Search engines are asked not to index it."</p>
            <div class="nr-field">
                <label for="preview-link">"Link to copy"</label>
                <input id="preview-link" type="url" readonly value=link.clone() aria-describedby="preview-link-hint"/>
                <p class="nr-hint" id="preview-link-hint">"It is shown only now: copy it. Share preview again for another."</p>
            </div>
            <div class="nr-actions">
                <a class="nr-button nr-button--quiet" href=link target="_blank" rel="noopener">"Open the preview"<span class="nr-visually-hidden">" (opens in a new tab)"</span></a>
                <a class="nr-button nr-button--quiet" href=editor>"Back to the editor"</a>
                <form method="post" action=revoke>
                    <input type="hidden" name="csrf" value=csrf/>
                    <button type="submit" class="nr-button nr-button--danger">"Stop sharing"</button>
                </form>
            </div>
        </section>
    }
}
