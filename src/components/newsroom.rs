//! The newsroom's islands. They are rendered by the server into newsroom pages and hydrated by
//! the newsroom's own wasm bundle (features `hydrate` + `newsroom`, built by
//! `make newsroom-bundle`); the readers' bundle is built without them, so readers never
//! download the newsroom (issue 13).

mod editor_assist;
mod preview_pane;
#[cfg(feature = "hydrate")]
mod request;

pub use editor_assist::EditorAssist;
pub use preview_pane::PreviewPane;
