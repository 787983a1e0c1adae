//! Staff accounts: who may sign in to the newsroom, with which role, writing under which byline.

use super::{Result, Store, StoreError};
use crate::server::newsroom::Role;
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use crate::server::text;

/// A staff account as the newsroom sees it (never its password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub author_id: i64,
    pub author_slug: String,
    pub active: bool,
    pub has_password: bool,
    pub created_at: i64,
}

/// A new account: `email` as typed (it is stored lower-cased), its password already hashed.
pub struct NewStaff<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: Option<&'a str>,
}

/// The columns of [`Record`], for the queries below (`s` is staff, `a` authors).
pub(super) const COLUMNS: &str =
    "s.id, s.email, s.name, s.role, s.author_id, a.slug AS author_slug, (s.active <> 0) AS active, \
                       s.created_at, s.password_hash";

#[derive(sqlx::FromRow)]
pub(super) struct Record {
    id: i64,
    email: String,
    name: String,
    role: String,
    author_id: i64,
    author_slug: String,
    active: bool,
    created_at: i64,
    password_hash: Option<String>,
}

impl Record {
    /// The account and its password hash.
    pub(super) fn split(self) -> Result<(StaffRow, Option<String>)> {
        let role = self
            .role
            .parse()
            .map_err(|e: crate::server::newsroom::role::UnknownRole| {
                StoreError::Invalid(e.to_string())
            })?;
        let row = StaffRow {
            id: self.id,
            email: self.email,
            name: self.name,
            role,
            author_id: self.author_id,
            author_slug: self.author_slug,
            active: self.active,
            has_password: self.password_hash.is_some(),
            created_at: self.created_at,
        };
        Ok((row, self.password_hash))
    }
}

/// An address as it is kept and looked up: trimmed and lower-cased.
pub fn staff_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Store {
    /// Creates an account and its byline (an author with a slug made from the name, numbered
    /// when taken). Refuses an address that already has an account.
    pub async fn create_staff(&self, s: NewStaff<'_>, now: i64) -> Result<StaffRow> {
        let mut tx = self.write_tx().await?;
        let id = insert_staff(&mut tx, &s, now).await?;
        tx.commit().await?;
        self.content_changed();
        self.staff_by_id(id)
            .await?
            .ok_or(StoreError::Db(sqlx::Error::RowNotFound))
    }

    pub async fn staff_by_id(&self, id: i64) -> Result<Option<StaffRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM staff s JOIN authors a ON a.id = s.author_id WHERE s.id = ?1"
        );
        let row: Option<Record> = query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(Record::split).transpose()?.map(|(staff, _)| staff))
    }

    /// The account with `email` (any case) and its password hash, for signing in.
    pub async fn staff_for_sign_in(
        &self,
        email: &str,
    ) -> Result<Option<(StaffRow, Option<String>)>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM staff s JOIN authors a ON a.id = s.author_id WHERE s.email = ?1"
        );
        let row: Option<Record> = query_as(&sql)
            .bind(staff_email(email))
            .fetch_optional(&self.pool)
            .await?;
        row.map(Record::split).transpose()
    }

    pub async fn password_hash(&self, staff_id: i64) -> Result<Option<String>> {
        Ok(
            query_scalar("SELECT password_hash FROM staff WHERE id = ?1")
                .bind(staff_id)
                .fetch_optional(&self.pool)
                .await?
                .flatten(),
        )
    }

    pub async fn set_password(&self, staff_id: i64, hash: &str) -> Result<()> {
        query("UPDATE staff SET password_hash = ?2 WHERE id = ?1")
            .bind(staff_id)
            .bind(hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether an active admin account exists (until one does, the server offers a setup link).
    pub async fn has_admin(&self) -> Result<bool> {
        Ok(
            query_scalar("SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active = 1)")
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

/// Inserts the account and its byline in `tx`.
pub(super) async fn insert_staff(tx: &mut Tx, s: &NewStaff<'_>, now: i64) -> Result<i64> {
    let email = staff_email(s.email);
    let taken: bool = query_scalar("SELECT EXISTS (SELECT 1 FROM staff WHERE email = ?1)")
        .bind(&email)
        .fetch_one(&mut **tx)
        .await?;
    if taken {
        return Err(StoreError::Conflict(
            "An account with that email address already exists.".into(),
        ));
    }
    let base = match text::slugify(s.name) {
        slug if slug.is_empty() => "staff".to_string(),
        slug => slug.chars().take(60).collect(),
    };
    let mut slug = base.clone();
    let mut n = 1;
    loop {
        let used: bool = query_scalar("SELECT EXISTS (SELECT 1 FROM authors WHERE slug = ?1)")
            .bind(&slug)
            .fetch_one(&mut **tx)
            .await?;
        if !used {
            break;
        }
        n += 1;
        slug = format!("{base}-{n}");
    }
    let author_id: i64 =
        query_scalar("INSERT INTO authors (slug, name) VALUES (?1, ?2) RETURNING id")
            .bind(&slug)
            .bind(s.name.trim())
            .fetch_one(&mut **tx)
            .await?;
    let id = query_scalar(
        "INSERT INTO staff (email, name, role, password_hash, author_id, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(&email)
    .bind(s.name.trim())
    .bind(s.role.as_str())
    .bind(s.password_hash)
    .bind(author_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

impl Store {
    /// Every account, active first, then by name.
    pub async fn all_staff(&self) -> Result<Vec<StaffRow>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM staff s JOIN authors a ON a.id = s.author_id ORDER BY s.active DESC, s.name, s.id"
        );
        let rows: Vec<Record> = query_as(&sql).fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|r| r.split().map(|(s, _)| s))
            .collect()
    }

    /// Changes an account's role and whether it is active, refusing to leave the newsroom
    /// without an active admin. A deactivated account's sessions end at once; its articles stay.
    pub async fn set_staff_access(&self, id: i64, role: Role, active: bool) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let other_admins: i64 = query_scalar(
            "SELECT COUNT(*) FROM staff WHERE role = 'admin' AND active = 1 AND id != ?1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if other_admins == 0 && (role != Role::Admin || !active) {
            return Err(StoreError::Conflict(
                "The newsroom needs at least one active admin: make another admin first.".into(),
            ));
        }
        let done = query("UPDATE staff SET role = ?2, active = ?3 WHERE id = ?1")
            .bind(id)
            .bind(role.as_str())
            .bind(active)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Db(sqlx::Error::RowNotFound));
        }
        if !active {
            query("DELETE FROM staff_sessions WHERE staff_id = ?1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
