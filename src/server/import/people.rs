//! The export's authors: each becomes a staff account with the contributor role and no
//! password (it cannot sign in until an admin sends it a link), writing under its own byline;
//! an author whose address already has an account is joined to that account instead. Old
//! `/author/login` addresses lead to the byline's page.

use super::report::Outcome;
use super::run::{digest, Earlier, ImportError, Importer};
use super::wxr::{plain, Author};
use crate::server::newsroom::Role;
use crate::server::store::NewStaff;

/// The address of an author the export gives none: `.invalid` is reserved for addresses that
/// can never receive mail (RFC 2606), so no message ever leaves for it.
/// Logins that differ only in what an address cannot hold get different addresses: the
/// login's own characters when they all can be, else `author-` and a digest of it.
fn placeholder_email(login: &str) -> String {
    let plain = !login.is_empty()
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if plain {
        format!("{}@imported.invalid", login.to_ascii_lowercase())
    } else {
        format!("author-{}@imported.invalid", &digest(&[login])[..12])
    }
}

/// The addresses WordPress gave an author's page: `/author/` and the login, or its
/// "nicename" (the login lower-cased, with spaces and dots made hyphens).
fn author_paths(login: &str) -> Vec<String> {
    let nicename: String = login
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '.' { '-' } else { c })
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let mut paths = vec![format!("/author/{login}")];
    if !nicename.is_empty() && nicename != login {
        paths.push(format!("/author/{nicename}"));
    }
    paths
}

impl Importer<'_> {
    pub async fn import_authors(&mut self, authors: &[Author]) -> Result<(), ImportError> {
        for a in authors {
            let login = a.login.trim();
            if login.is_empty() {
                continue;
            }
            self.import_author(a).await?;
        }
        Ok(())
    }

    /// Imports one author; returns its byline (author id).
    async fn import_author(&mut self, a: &Author) -> Result<i64, ImportError> {
        let login = a.login.trim().to_string();
        let name = match plain(&a.name()) {
            n if n.is_empty() => login.clone(),
            n => n,
        };
        let email = match a.email.trim() {
            e if e.contains('@') => e.to_string(),
            _ => {
                self.report.note(
                    0,
                    format!("author {login}"),
                    "no e-mail address in the export: the account has a placeholder address until an admin sets one",
                );
                placeholder_email(&login)
            }
        };
        let dg = digest(&[&login, &email, &name]);
        let earlier = self.earlier("author", &login, &dg, "staff").await?;
        let outcome = match earlier {
            // Accounts already made are left as the newsroom keeps them (names, roles).
            Earlier::Same(id) | Earlier::Changed(id) => {
                let byline = self.byline_of(id).await?;
                self.authors.insert(login, byline.0);
                self.report.count("authors", Outcome::Unchanged);
                return Ok(byline.0);
            }
            Earlier::Deleted => {
                self.report.note(
                    0,
                    format!("author {login}"),
                    "its account was removed since the last import: made again",
                );
                Outcome::Created
            }
            Earlier::None => Outcome::Created,
        };
        let existing = self.store.staff_by_email(&email).await?;
        let (staff_id, author_id, author_slug, outcome) = match existing {
            Some(s) => (s.id, s.author_id, s.author_slug, Outcome::Matched),
            None if self.options.dry_run => {
                let id = self.made_up_id();
                (id, id, crate::model::slugify(&name), outcome)
            }
            None => {
                let s = self
                    .store
                    .create_staff(
                        NewStaff {
                            email: &email,
                            name: &name,
                            role: Role::Contributor,
                            password_hash: None,
                        },
                        self.options.now,
                    )
                    .await?;
                (s.id, s.author_id, s.author_slug, outcome)
            }
        };
        self.report.count("authors", outcome);
        let old = author_paths(&login);
        let target = crate::urls::author(&author_slug);
        self.report.old_links += old.iter().filter(|p| **p != target).count();
        if !self.options.dry_run {
            let key = self.key("author", &login, &dg);
            self.store
                .import_record(&key, staff_id, &old, Some(&target))
                .await?;
        }
        self.authors.insert(login, author_id);
        Ok(author_id)
    }

    /// The byline (author id and slug) of account `staff_id`.
    async fn byline_of(&self, staff_id: i64) -> Result<(i64, String), ImportError> {
        let staff =
            self.store
                .staff_by_id(staff_id)
                .await?
                .ok_or(crate::server::store::StoreError::Db(
                    sqlx::Error::RowNotFound,
                ))?;
        Ok((staff.author_id, staff.author_slug))
    }

    /// The byline of the author with `login`: one the export listed, or else (a post by a login
    /// the export's authors do not include) an account made for it, reported.
    pub async fn author_for(&mut self, login: &str, line: u64) -> Result<i64, ImportError> {
        if let Some(id) = self.authors.get(login) {
            return Ok(*id);
        }
        let login = match login.trim() {
            "" => "unknown",
            l => l,
        };
        self.report.note(
            line,
            format!("author {login}"),
            "not among the export's authors: an account was made from the login",
        );
        let a = Author {
            login: login.to_string(),
            ..Author::default()
        };
        self.import_author(&a).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_without_an_address_get_one_that_never_receives_mail() {
        assert_eq!(placeholder_email("Ana.Lima"), "ana.lima@imported.invalid");
        let (a, b) = (placeholder_email("نور"), placeholder_email("سمير"));
        assert!(
            a.starts_with("author-") && a.ends_with("@imported.invalid"),
            "{a}"
        );
        assert_ne!(a, b);
    }

    #[test]
    fn an_authors_old_page_is_known_by_login_and_nicename() {
        assert_eq!(author_paths("mira"), ["/author/mira"]);
        assert_eq!(
            author_paths("Ana Lima"),
            ["/author/Ana Lima", "/author/ana-lima"]
        );
    }
}
