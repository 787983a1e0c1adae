//! Staff roles and what each may do: the permission matrix of the newsroom, checked on the
//! server by every handler.

use std::fmt;
use std::str::FromStr;

/// A staff member's role, from least to most trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Contributor,
    Author,
    Editor,
    Admin,
}

/// Something a newsroom request asks to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Write and edit one's own drafts, submit them for review.
    WriteOwn,
    /// Publish, schedule and unpublish one's own articles.
    PublishOwn,
    /// Edit, publish or delete anyone's articles.
    EditAny,
    UploadImages,
    /// Categories, tags, menus and static pages.
    RunSite,
    /// Readers' comments (approve, edit, reply, close an article to them) and their messages
    /// from the contact form.
    Moderate,
    /// Send the newsletter, and see its subscribers' numbers and send log.
    SendNewsletter,
    /// Staff accounts, site settings, imports and the audit log.
    Administer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];

    pub fn may(self, p: Permission) -> bool {
        let least = match p {
            Permission::WriteOwn => Role::Contributor,
            Permission::PublishOwn | Permission::UploadImages => Role::Author,
            Permission::EditAny
            | Permission::RunSite
            | Permission::Moderate
            | Permission::SendNewsletter => Role::Editor,
            Permission::Administer => Role::Admin,
        };
        self >= least
    }

    /// Whether the role may delete an article, `own` when it is under the account's byline,
    /// `published` when readers see it or it is scheduled. Deleting follows unpublishing:
    /// every role that writes may delete its own unpublished articles (drafts and those in
    /// review, which no reader has seen; a contributor withdrawing a submission too); an
    /// article that is published or scheduled may be deleted by whoever may unpublish it, its
    /// author from author up; anyone's, by editors and admins ("edit, publish or delete
    /// anyone's"). So a contributor's article, once an editor has published it, is no longer
    /// the contributor's to delete, as it is no longer theirs to edit.
    pub fn may_delete(self, own: bool, published: bool) -> bool {
        match (own, published) {
            (false, _) => self.may(Permission::EditAny),
            (true, true) => self.may(Permission::PublishOwn),
            (true, false) => self.may(Permission::WriteOwn),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Contributor => "contributor",
            Role::Author => "author",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// The role's name as the newsroom shows it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Contributor => "Contributor",
            Role::Author => "Author",
            Role::Editor => "Editor",
            Role::Admin => "Admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown role {0:?}: expected admin, editor, author or contributor")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    /// The matrix of issue 13, row by row: contributor, author, editor, admin.
    #[test]
    fn the_permission_matrix() {
        let rows = [
            (WriteOwn, [true, true, true, true]),
            (PublishOwn, [false, true, true, true]),
            (EditAny, [false, false, true, true]),
            (UploadImages, [false, true, true, true]),
            (RunSite, [false, false, true, true]),
            (Moderate, [false, false, true, true]),
            (Administer, [false, false, false, true]),
        ];
        for (permission, cells) in rows {
            for (role, expected) in Role::ALL.into_iter().zip(cells) {
                assert_eq!(role.may(permission), expected, "{role} {permission:?}");
            }
        }
    }

    /// Deleting, cell by cell: (own, published) for contributor, author, editor, admin.
    #[test]
    fn who_may_delete_what() {
        let rows = [
            ((true, false), [true, true, true, true]),
            ((true, true), [false, true, true, true]),
            ((false, false), [false, false, true, true]),
            ((false, true), [false, false, true, true]),
        ];
        for ((own, published), cells) in rows {
            for (role, expected) in Role::ALL.into_iter().zip(cells) {
                assert_eq!(
                    role.may_delete(own, published),
                    expected,
                    "{role} own={own} published={published}"
                );
            }
        }
    }

    #[test]
    fn roles_read_back_what_they_write() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>().unwrap(), r);
        }
        assert!("owner".parse::<Role>().is_err());
    }
}
