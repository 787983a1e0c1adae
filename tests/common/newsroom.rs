//! Newsroom helpers: accounts, signing in, and requests made as a browser on the site makes them.

use super::{Page, TestApp, PUBLIC_URL};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use std::net::SocketAddr;
use timelines::server::newsroom::{users, Role};
use timelines::server::store::StaffRow;

pub const PASSWORD: &str = "a long enough password";

/// A staff account with [`PASSWORD`].
pub async fn staff(app: &TestApp, email: &str, role: Role) -> StaffRow {
    let name = email.split('@').next().unwrap().replace('.', " ");
    users::add(&app.state.store, email, &name, role, PASSWORD)
        .await
        .expect("account created")
}

/// A form body from pairs, percent-encoded.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// A request as a page of the site sends it: `Origin` and `Sec-Fetch-Site: same-origin`, the
/// session cookie when given, from the client address `client` (default 192.0.2.1).
pub struct Call<'a> {
    pub cookie: Option<&'a str>,
    pub client: &'a str,
    pub same_origin: bool,
}

impl Default for Call<'_> {
    fn default() -> Self {
        Self {
            cookie: None,
            client: "192.0.2.1:5000",
            same_origin: true,
        }
    }
}

pub async fn post(app: &TestApp, uri: &str, body: &str, call: Call<'_>) -> Page {
    let mut req =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if call.same_origin {
        req = req
            .header(header::ORIGIN, PUBLIC_URL)
            .header("sec-fetch-site", "same-origin");
    }
    if let Some(c) = call.cookie {
        req = req.header(header::COOKIE, c);
    }
    let mut req = req.body(Body::from(body.to_string())).unwrap();
    let addr: SocketAddr = call.client.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    app.request(req).await
}

pub async fn get(app: &TestApp, uri: &str, cookie: Option<&str>) -> Page {
    let mut req = Request::get(uri);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.request(req.body(Body::empty()).unwrap()).await
}

/// The `name=value` the response's `Set-Cookie` stores (for a `Cookie` header).
pub fn cookie_of(page: &Page) -> Option<String> {
    let set = page.headers.get(header::SET_COOKIE)?.to_str().ok()?;
    Some(set.split(';').next()?.to_string())
}

/// Signs in and returns the session cookie, asserting it worked.
pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> String {
    let page = post(
        app,
        "/newsroom/sign-in",
        &form(&[("email", email), ("password", password)]),
        Call::default(),
    )
    .await;
    assert_eq!(page.status, 303, "sign-in of {email}: {}", page.body);
    cookie_of(&page).expect("a session cookie")
}

/// The session's form token, read from a page's sign-out form.
pub async fn csrf(app: &TestApp, cookie: &str) -> String {
    let page = get(app, "/newsroom/account", Some(cookie)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    csrf_in(&page.body)
}

/// The form token a newsroom page's HTML carries.
pub fn csrf_in(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("input[name=csrf]").unwrap();
    doc.select(&sel)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("a csrf field")
        .to_string()
}

/// A signed-in account: its cookie and form token.
pub struct Desk {
    pub cookie: String,
    pub csrf: String,
}

pub async fn desk(app: &TestApp, email: &str, role: Role) -> Desk {
    staff(app, email, role).await;
    let cookie = sign_in(app, email, PASSWORD).await;
    let csrf = csrf(app, &cookie).await;
    Desk { cookie, csrf }
}

/// The id of a category, by path.
pub async fn category(app: &TestApp, path: &str) -> String {
    app.state
        .store
        .find_category(path)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

/// Posts the editor's form with `fields` over these defaults.
pub async fn submit(
    app: &TestApp,
    d: &Desk,
    uri: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Page {
    let base = [
        ("action", action),
        ("title", "Harbour cranes return to Port Elan"),
        ("dek", "The port reopens its northern quay."),
        ("body", "The cranes are back.\n\nWork starts on Monday."),
        ("lang", "en"),
        ("tags", "Ports, Shipping"),
    ];
    send_editor_form(app, d, uri, &base, fields).await
}

/// Posts the article editor's form to `uri` as `d`'s browser does: the form token, the World
/// category, the `base` fields, then `fields` over them.
pub async fn send_editor_form(
    app: &TestApp,
    d: &Desk,
    uri: &str,
    base: &[(&str, &str)],
    fields: &[(&str, &str)],
) -> Page {
    let world = category(app, "world").await;
    let mut pairs: Vec<(&str, &str)> = vec![("csrf", &d.csrf), ("category", &world)];
    pairs.extend_from_slice(base);
    for (k, v) in fields {
        pairs.retain(|(name, _)| name != k);
        pairs.push((k, v));
    }
    post(
        app,
        uri,
        &form(&pairs),
        Call {
            cookie: Some(&d.cookie),
            ..Call::default()
        },
    )
    .await
}

/// The article id a save redirected to.
pub fn saved_id(page: &Page) -> i64 {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let loc = page.location();
    loc.trim_start_matches("/newsroom/articles/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .expect(loc)
}

/// The version the editor's form carries for article `id`.
pub async fn version(app: &TestApp, id: i64) -> String {
    app.state
        .store
        .editable_article(id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

pub async fn public_path(app: &TestApp, id: i64) -> Option<String> {
    let a = app.state.store.editable_article(id).await.unwrap().unwrap();
    a.published_at
        .map(|at| timelines::urls::article(&a.fields.slug, at))
}

/// One part of a multipart form: a text field, or a file with its name and bytes.
pub enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

/// A `multipart/form-data` body of `parts`, as a browser sends a form with a file input, and
/// its content type.
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "----timelines-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                );
                body.extend_from_slice(value.as_bytes());
            }
            Part::File(name, file_name, bytes) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// Posts a multipart form as a page of the site does.
pub async fn post_multipart(app: &TestApp, uri: &str, parts: &[Part<'_>], call: Call<'_>) -> Page {
    let (content_type, body) = multipart(parts);
    let mut req = Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_LENGTH, body.len());
    if call.same_origin {
        req = req
            .header(header::ORIGIN, PUBLIC_URL)
            .header("sec-fetch-site", "same-origin");
    }
    if let Some(c) = call.cookie {
        req = req.header(header::COOKIE, c);
    }
    let mut req = req.body(Body::from(body)).unwrap();
    let addr: SocketAddr = call.client.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    app.request(req).await
}

/// Uploads an image to the library as `d`, with its alt text.
pub async fn upload(app: &TestApp, d: &Desk, file_name: &str, bytes: &[u8], alt: &str) -> Page {
    let parts = [
        Part::Text("csrf", &d.csrf),
        Part::File("file", file_name, bytes),
        Part::Text("alt", alt),
        Part::Text("caption", ""),
        Part::Text("credit", ""),
    ];
    let call = Call {
        cookie: Some(&d.cookie),
        ..Call::default()
    };
    post_multipart(app, "/newsroom/media", &parts, call).await
}
