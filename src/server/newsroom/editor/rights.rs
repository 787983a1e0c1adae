//! Who may do what with an article: the workflow action a button asks for, and whether the
//! account's role allows it for an article written under a given byline.

use crate::server::newsroom::session::SignedIn;
use crate::server::newsroom::Permission;
use crate::server::store::{ArticleStatus, EditableArticle};

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::server::newsroom) enum Action {
    SaveDraft,
    SubmitForReview,
    Publish,
    Schedule,
    Update,
    Unpublish,
}

impl Action {
    pub(super) fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "save" => Self::SaveDraft,
            "review" => Self::SubmitForReview,
            "publish" => Self::Publish,
            "schedule" => Self::Schedule,
            "update" => Self::Update,
            "unpublish" => Self::Unpublish,
            _ => return None,
        })
    }

    /// Whether it changes what readers see (and so needs the right to publish).
    pub(super) fn publishes(self) -> bool {
        matches!(
            self,
            Self::Publish | Self::Schedule | Self::Update | Self::Unpublish
        )
    }
}

/// Whether the account may work on an article written under `author_id` with `action`
/// (None: open or save without changing what readers see).
pub(in crate::server::newsroom) fn allowed(
    s: &SignedIn,
    author_id: i64,
    published: bool,
    action: Option<Action>,
) -> bool {
    let own = author_id == s.staff.author_id;
    let role = s.staff.role;
    if !own && !role.may(Permission::EditAny) {
        return false;
    }
    // A contributor's article, once published, is the editors' to change.
    if published && !role.may(Permission::PublishOwn) {
        return false;
    }
    match action {
        Some(a) if a.publishes() => role.may(if own {
            Permission::PublishOwn
        } else {
            Permission::EditAny
        }),
        _ => role.may(Permission::WriteOwn),
    }
}

/// Whether the account may open article `a` (`saving` false), or save over it (true: for a
/// published article that changes what readers see, so it needs the right to publish).
pub fn allowed_to_edit(s: &SignedIn, a: &EditableArticle, saving: bool) -> bool {
    let published = a.status == ArticleStatus::Published;
    let action = (saving && published).then_some(Action::Update);
    allowed(s, a.fields.author_id, published, action)
}
