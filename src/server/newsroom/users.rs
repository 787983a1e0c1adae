//! `timelines user add`: a staff account made from the command line, its password read from a
//! file or standard input (never an argument, which other users of the machine can see).

use super::{password, Role};
use crate::server::clock;
use crate::server::store::{NewStaff, StaffRow, Store};
use std::io::Read;
use std::path::Path;

/// Reads the password: the first line of `file`, or of standard input.
pub fn read_password(file: Option<&Path>) -> Result<String, String> {
    let mut text = String::new();
    match file {
        Some(path) => {
            text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        }
        None => {
            std::io::stdin()
                .take(64 * 1024)
                .read_to_string(&mut text)
                .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        }
    }
    let line = text.lines().next().unwrap_or_default().to_string();
    if line.is_empty() {
        return Err("no password given: write it on standard input or in --password-file".into());
    }
    Ok(line)
}

/// Creates the account, checking the password as the newsroom's forms do.
pub async fn add(
    store: &Store,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<StaffRow, String> {
    let form = super::setup::AccountForm {
        token: String::new(),
        name: name.to_string(),
        email: email.to_string(),
        password: password.to_string(),
        confirm: password.to_string(),
    };
    if let Some(problem) = super::setup::account_problem(&form) {
        return Err(problem);
    }
    let hash = password::hash(password).await.map_err(|e| e.to_string())?;
    let now = clock::now().unix_timestamp();
    let account = NewStaff {
        email,
        name,
        role,
        password_hash: Some(&hash),
    };
    let staff = store
        .create_staff(account, now)
        .await
        .map_err(|e| e.to_string())?;
    store
        .audit(
            None,
            "account created",
            &format!("{} ({}), from the command line", staff.email, staff.role),
            "",
            now,
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(staff)
}
