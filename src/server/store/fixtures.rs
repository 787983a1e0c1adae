//! Test fixtures for the store's unit tests: a fresh store with a small category tree and one
//! author, and articles to put in it.

use super::{NewArticle, NewCategory, Store};

/// The time the fixtures' articles are dated from.
pub const NOW: i64 = 1_790_000_000;

pub async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}/t.db", dir.path().display()))
        .await
        .unwrap();
    for (parent, slug) in [
        (None, "world"),
        (Some("world"), "europe"),
        (None, "business"),
    ] {
        store
            .insert_category(NewCategory {
                parent_path: parent,
                slug,
                name: slug,
                description: "",
                position: 0,
            })
            .await
            .unwrap();
    }
    store.upsert_author("ann", "Ann Writer", "").await.unwrap();
    (store, dir)
}

pub fn article(slug: &str, title: &str, body: &str, age_days: i64) -> NewArticle {
    NewArticle {
        slug: slug.into(),
        title: title.into(),
        dek: String::new(),
        body_md: body.into(),
        lang: "en".into(),
        category_path: "world".into(),
        author_slug: "ann".into(),
        tags: vec![],
        published_at: NOW - age_days * 86_400,
        updated_at: 0,
        featured: false,
        editors_pick: false,
        views: 0,
        translation_key: None,
    }
}
