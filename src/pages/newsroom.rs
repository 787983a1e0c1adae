//! The newsroom's pages, as whole HTML documents the server renders from what its handlers
//! (`server/newsroom/`) read: no resources, no islands yet, so every page works without
//! JavaScript. Each file is one page; `layout.rs` is the frame around them.

mod account;
mod articles;
mod audit;
mod comments;
mod delete;
mod editor;
mod import;
mod layout;
mod media;
mod menus;
mod message;
mod messages;
mod newsletter;
mod preview_link;
mod preview_pane;
mod revisions;
mod sections;
mod settings;
mod setup;
mod sign_in;
mod staff;
mod static_pages;
mod tags;

pub use account::{AccountNotice, AccountPage};
pub use articles::{ArticleLine, ArticleList, ArticlesPage, Choice};
pub use audit::{AuditLine, AuditPage};
pub use comments::{CommentPage, CommentsPage, QueueArticle, QueueTab, QueuedComment};
pub use delete::{DeleteConfirmation, DeletePage};
pub use editor::{
    Conflict, Editor, EditorFields, EditorPage, ImagePreview, PreviewDocument, RevisionLine,
};
pub use import::{ImportForm, ImportPage, ImportReportView};
pub use layout::{Frame, NewsroomDocument, Scripts, Section, Viewer};
pub use media::{
    MediaCard, MediaDeletePage, MediaItem, MediaItemPage, MediaLibrary, MediaLibraryPage, Thumb,
    UploadForm, MAX_ALT, MAX_CAPTION, MAX_CREDIT,
};
pub use menus::{MenuForm, MenusPage};
pub use message::MessagePage;
pub use messages::{ContactMessagePage, ContactMessageView, MessageLine, MessagesPage};
pub use newsletter::{
    DigestLine, DigestPreview, IssueLine, IssuePage, NewsletterPage, RecipientLine,
    SubscriberNumbers,
};
pub use preview_link::{NewLink, PreviewLinkPage, Share, SharePanel};
pub use preview_pane::PreviewFragment;
pub use revisions::{Comparison, ComparisonPage, FieldDiff, Piece};
pub use sections::{Said, SectionFields, SectionLine, SectionPage, SectionsPage};
pub use settings::{SettingField, SettingKind, SettingsGroup, SettingsPage};
pub use setup::{SetupForm, SetupPage};
pub use sign_in::SignInPage;
pub use staff::{StaffLine, StaffPage};
pub use static_pages::{
    PageConflict, PageDeletePage, PageEditor, PageEditorPage, PageLine, PagesPage,
};
pub use tags::{TagLine, TagPage, TagsPage};

/// Text for a `<textarea>`: Leptos writes a textarea's children as they are (raw text, as it
/// does a script's), so `</textarea><script>` typed into a field would end the field and run.
/// Escaped here, the browser shows exactly what was typed.
pub(crate) fn textarea_text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// A form's problems above it, each a link to its field (`#<field id>`); nothing when none.
fn problem_summary(
    problems: &[(&'static str, String)],
    heading: &'static str,
) -> Option<impl leptos::prelude::IntoView> {
    use leptos::prelude::*;
    (!problems.is_empty()).then(|| {
        let items = problems
            .iter()
            .map(|(id, m)| view! { <li><a href=format!("#{id}")>{m.clone()}</a></li> })
            .collect_view();
        view! {
            <div class="nr-error" role="alert" id="problems">
                <p>{heading}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}
