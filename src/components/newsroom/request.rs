//! Sending the editor's form from an island: its fields as the browser would send them, and one
//! `fetch` through web-sys (no HTTP crate in the bundle).

use leptos::prelude::window;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{FormData, Headers, HtmlFormElement, RequestInit, Response, UrlSearchParams};
use wasm_bindgen_futures::JsFuture;

/// The form's fields, as its own submission would send them.
pub fn form_params(form: &HtmlFormElement) -> Option<UrlSearchParams> {
    let data = FormData::new_with_form(form).ok()?;
    UrlSearchParams::new_with_str_sequence_sequence(&data).ok()
}

/// POSTs `body` (`application/x-www-form-urlencoded`) to `url`, asking for `accept`. What came
/// back: the status code and body, or None when nothing did (no connection).
pub async fn post_form(url: &str, body: &str, accept: &str) -> Option<(u16, String)> {
    let headers = Headers::new().ok()?;
    headers
        .set("Content-Type", "application/x-www-form-urlencoded")
        .ok()?;
    headers.set("Accept", accept).ok()?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    let res: Response = JsFuture::from(window().fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let text = JsFuture::from(res.text().ok()?).await.ok()?.as_string()?;
    Some((res.status(), text))
}
