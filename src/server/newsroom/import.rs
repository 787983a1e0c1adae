//! `/newsroom/import` (admins, `Permission::Administer`): a WordPress export uploaded from the
//! browser (multipart, a body limit of its own: `http/request_body.rs`) is imported, or only
//! tried (a dry run), by the same importer as `timelines import wordpress`, and the page shows
//! its report. Pictures are left to the command line, which can read a copy of the old site's
//! uploads folder. An import is audited.

use super::media::fields::one_line;
use super::page::{frame, render, Answer};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{ImportForm, ImportPage, ImportReportView, Section};
use crate::server::http::request_body::MAX_IMPORT_BYTES;
use crate::server::import::progress::Progress;
use crate::server::import::report::{Report, KINDS};
use crate::server::import::{import, ImportError, Options, Source};
use crate::server::store::StoreError;
use crate::server::{clock, AppState};
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

fn page(
    state: &AppState,
    s: &SignedIn,
    problem: Option<String>,
    report: Option<ImportReportView>,
    status: StatusCode,
) -> Response {
    let form = ImportForm {
        csrf: s.csrf.clone(),
        max_megabytes: MAX_IMPORT_BYTES / (1024 * 1024),
        problem,
        report,
    };
    render(
        status,
        frame(state, "Import from WordPress", Some(s), Section::Import),
        move || view! { <ImportPage form/> },
    )
}

/// `GET /newsroom/import`.
pub async fn show(State(state): State<AppState>, s: SignedIn) -> Answer {
    s.require(Permission::Administer)?;
    Ok(page(&state, &s, None, None, StatusCode::OK))
}

/// The upload form, read whole.
#[derive(Default)]
struct Sent {
    csrf: String,
    dry_run: bool,
    file: axum::body::Bytes,
}

async fn read_form(mut multipart: Multipart) -> Option<Sent> {
    let mut sent = Sent::default();
    while let Some(field) = multipart.next_field().await.ok()? {
        match field.name().unwrap_or_default() {
            "export" => sent.file = field.bytes().await.ok()?,
            "csrf" => sent.csrf = field.text().await.ok()?,
            "dry_run" => sent.dry_run = !field.text().await.ok()?.is_empty(),
            _ => {}
        }
    }
    Some(sent)
}

/// The report for the page.
fn report_view(r: &Report) -> ImportReportView {
    let mut facts = r.facts();
    facts.extend(r.took());
    ImportReportView {
        dry_run: r.dry_run,
        site: r.site.clone(),
        rows: KINDS
            .iter()
            .map(|k| {
                let c = r.counts_of(k);
                (
                    *k,
                    [c.created, c.updated, c.matched, c.unchanged, c.skipped],
                )
            })
            .collect(),
        facts,
        skipped: r.skipped.iter().map(|n| n.to_string()).collect(),
        notes: r.notes.iter().map(|n| n.to_string()).collect(),
    }
}

/// `POST /newsroom/import`: the export, and whether only to try it.
pub async fn upload(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    // A body that is not a well-formed multipart form carries no form token: refused as any
    // form without one is.
    let sent = match multipart {
        Ok(m) => read_form(m).await.unwrap_or_default(),
        Err(_) => Sent::default(),
    };
    s.may_post(&sent.csrf, Permission::Administer)?;
    if sent.file.is_empty() {
        let problem = "Choose the export file (.xml) to import.".to_string();
        return Ok(page(
            &state,
            &s,
            Some(problem),
            None,
            StatusCode::BAD_REQUEST,
        ));
    }
    let options = Options {
        uploads: None,
        dry_run: sent.dry_run,
        now: clock::now().unix_timestamp(),
    };
    // One import at a time (a second click, a proxy's retry): both would make the same things.
    // The lock is the site's, not the process's: two sites in one process (the tests) import
    // side by side.
    let Ok(_running) = state.importing.try_lock() else {
        let problem = "Another import is running. Wait for it to finish, then look at the site or import again (an import of the same file changes nothing)."
            .to_string();
        return Ok(page(&state, &s, Some(problem), None, StatusCode::CONFLICT));
    };
    let source = Source::Bytes(sent.file);
    let result = import(
        &state.store,
        &state.media,
        &source,
        &options,
        &mut Progress::Silent,
    )
    .await;
    match result {
        Ok(report) => {
            if !report.dry_run {
                let made = report.counts_of("articles");
                let subject = format!(
                    "{}: {} articles created, {} updated",
                    one_line(&report.site),
                    made.created,
                    made.updated
                );
                s.audit(&state, "site imported", &subject, &address).await;
            }
            Ok(page(
                &state,
                &s,
                None,
                Some(report_view(&report)),
                StatusCode::OK,
            ))
        }
        // The file is not an export, or breaks a limit: said by the field, nothing written.
        Err(e @ (ImportError::Export(_) | ImportError::NoSite)) => Ok(page(
            &state,
            &s,
            Some(format!("Nothing was imported: {e}.")),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )),
        Err(e) => {
            tracing::error!(error = %e, "an import from the newsroom failed");
            // 503 only for a database fault that passes: importing again will then work.
            let status = match &e {
                ImportError::Store(s) if s.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            let problem = match e {
                ImportError::Store(StoreError::Db(_)) => {
                    "The import stopped: the database could not be written. What was imported \
                     so far is kept; import the same file again to finish."
                        .to_string()
                }
                other => {
                    format!("The import stopped: {other}. Import the same file again to finish.")
                }
            };
            Ok(page(&state, &s, Some(problem), None, status))
        }
    }
}
