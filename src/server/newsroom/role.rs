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
    /// Staff accounts, site settings, imports and the audit log.
    Administer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];

    pub fn may(self, p: Permission) -> bool {
        let least = match p {
            Permission::WriteOwn => Role::Contributor,
            Permission::PublishOwn | Permission::UploadImages => Role::Author,
            Permission::EditAny | Permission::RunSite => Role::Editor,
            Permission::Administer => Role::Admin,
        };
        self >= least
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
            (Administer, [false, false, false, true]),
        ];
        for (permission, cells) in rows {
            for (role, expected) in Role::ALL.into_iter().zip(cells) {
                assert_eq!(role.may(permission), expected, "{role} {permission:?}");
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
