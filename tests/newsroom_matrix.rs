#![cfg(feature = "ssr")]
//! The newsroom's permission matrix, as the issue writes it, observed cell by cell over the real
//! router: each row is probed for each role by the requests that row allows, and the table of
//! what the server answered must read exactly as the one below. Every probe of a row must agree
//! (all allowed or all refused with 403), or the test says which one did not.
//! (Importing gets its row with issue 15.)

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, form, get, post, saved_id, submit, upload, version, Call, Desk};
use common::{app, Page, TestApp};
use timelines::server::newsroom::Role;

const MATRIX: &str = "\
| | contributor | author | editor | admin |
|---|---|---|---|---|
| write and edit own drafts, submit for review | yes | yes | yes | yes |
| publish, schedule, unpublish own articles | no | yes | yes | yes |
| edit, publish or delete anyone's | no | no | yes | yes |
| upload images, the media library | no | yes | yes | yes |
| categories, tags, menus, static pages | no | no | yes | yes |
| staff accounts, site settings, import | no | no | no | yes |
";

/// Whether a probe was allowed: a success or a redirect after a save, or 403.
fn allowed(what: &str, res: &Page) -> bool {
    match res.status {
        StatusCode::OK | StatusCode::SEE_OTHER => true,
        StatusCode::FORBIDDEN => false,
        other => panic!("{what}: {other} {}", res.body),
    }
}

/// The one answer all probes of a row gave.
fn agreed(row: &str, role: Role, probes: Vec<(String, bool)>) -> &'static str {
    let first = probes[0].1;
    for (what, ok) in &probes {
        assert_eq!(
            *ok, first,
            "{row}, {role}: {what} disagrees with {}",
            probes[0].0
        );
    }
    if first {
        "yes"
    } else {
        "no"
    }
}

async fn delete(app: &TestApp, d: &Desk, id: i64) -> Page {
    let call = Call {
        cookie: Some(&d.cookie),
        ..Call::default()
    };
    let uri = format!("/newsroom/articles/{id}/delete");
    post(app, &uri, &form(&[("csrf", &d.csrf)]), call).await
}

/// Sends `action` on the editor form of article `uri` (a new one: `/newsroom/articles`) with the
/// article's own slug, at its current version.
async fn act(app: &TestApp, d: &Desk, id: Option<i64>, slug: &str, action: &str) -> Page {
    let Some(id) = id else {
        return submit(app, d, "/newsroom/articles", action, &[("slug", slug)]).await;
    };
    let v = version(app, id).await;
    let fields = [
        ("slug", slug),
        ("version", v.as_str()),
        ("publish_at", "2099-01-01T09:00"),
    ];
    submit(app, d, &format!("/newsroom/articles/{id}"), action, &fields).await
}

async fn own_drafts(app: &TestApp, d: &Desk, n: usize) -> Vec<(String, bool)> {
    let slug = format!("own-draft-{n}");
    let res = act(app, d, None, &slug, "save").await;
    let saved = ("save a new draft".to_string(), allowed("save", &res));
    let id = Some(saved_id(&res));
    let edit = act(app, d, id, &slug, "save").await;
    let review = act(app, d, id, &slug, "review").await;
    vec![
        saved,
        ("save it again".into(), allowed("edit", &edit)),
        ("submit it for review".into(), allowed("review", &review)),
    ]
}

async fn publish_own(app: &TestApp, d: &Desk, n: usize) -> Vec<(String, bool)> {
    let (a, b) = (format!("own-published-{n}"), format!("own-scheduled-{n}"));
    let first = Some(saved_id(&act(app, d, None, &a, "save").await));
    let second = Some(saved_id(&act(app, d, None, &b, "save").await));
    let published = allowed("publish", &act(app, d, first, &a, "publish").await);
    let scheduled = allowed("schedule", &act(app, d, second, &b, "schedule").await);
    let mut probes = vec![
        ("publish own".to_string(), published),
        ("schedule own".to_string(), scheduled),
    ];
    if published {
        let res = act(app, d, first, &a, "unpublish").await;
        probes.push(("unpublish own".into(), allowed("unpublish", &res)));
    }
    probes
}

async fn anyones(app: &TestApp, d: &Desk, other: &Desk, n: usize) -> Vec<(String, bool)> {
    let slug = format!("someone-elses-{n}");
    let id = saved_id(&act(app, other, None, &slug, "save").await);
    let uri = format!("/newsroom/articles/{id}");
    let open = allowed("open", &get(app, &uri, Some(&d.cookie)).await);
    let edit = act(app, d, Some(id), &slug, "save").await;
    let publish = act(app, d, Some(id), &slug, "publish").await;
    let gone = delete(app, d, id).await;
    vec![
        ("open someone else's article".into(), open),
        ("edit it".into(), allowed("edit", &edit)),
        ("publish it".into(), allowed("publish", &publish)),
        ("delete it".into(), allowed("delete", &gone)),
    ]
}

async fn images(app: &TestApp, d: &Desk, n: usize) -> Vec<(String, bool)> {
    let photo = timelines::server::media::bench::synthetic_photo(64 + n as u32, 48);
    let res = upload(app, d, "photo.jpg", &photo, "A test photo").await;
    let mut probes = vec![("upload an image".to_string(), allowed("upload", &res))];
    probes.extend(pages(app, d, &["/newsroom/media"]).await);
    probes
}

async fn pages(app: &TestApp, d: &Desk, uris: &[&str]) -> Vec<(String, bool)> {
    let mut probes = Vec::new();
    for uri in uris {
        let res = get(app, uri, Some(&d.cookie)).await;
        probes.push((uri.to_string(), allowed(uri, &res)));
    }
    probes
}

#[tokio::test]
async fn the_permission_matrix_reads_as_the_issue_writes_it() {
    let app = app().await;
    let zed = desk(&app, "zed@example.com", Role::Author).await;
    let mut desks = Vec::new();
    for role in Role::ALL {
        desks.push((role, desk(&app, &format!("{role}@example.com"), role).await));
    }
    let mut rows: Vec<(&str, Vec<&str>)> = vec![
        ("write and edit own drafts, submit for review", vec![]),
        ("publish, schedule, unpublish own articles", vec![]),
        ("edit, publish or delete anyone's", vec![]),
        ("upload images, the media library", vec![]),
        ("categories, tags, menus, static pages", vec![]),
        ("staff accounts, site settings, import", vec![]),
    ];
    for (n, (role, d)) in desks.iter().enumerate() {
        let role = *role;
        let probes = [
            own_drafts(&app, d, n).await,
            publish_own(&app, d, n).await,
            anyones(&app, d, &zed, n).await,
            images(&app, d, n).await,
            pages(
                &app,
                d,
                &[
                    "/newsroom/sections",
                    "/newsroom/tags",
                    "/newsroom/menus",
                    "/newsroom/pages",
                ],
            )
            .await,
            pages(
                &app,
                d,
                &["/newsroom/staff", "/newsroom/settings", "/newsroom/audit"],
            )
            .await,
        ];
        for ((row, cells), probes) in rows.iter_mut().zip(probes) {
            cells.push(agreed(row, role, probes));
        }
    }
    let mut observed =
        String::from("| | contributor | author | editor | admin |\n|---|---|---|---|---|\n");
    for (row, cells) in rows {
        observed.push_str(&format!("| {row} | {} |\n", cells.join(" | ")));
    }
    assert_eq!(observed, MATRIX);
}
