//! The demo newsroom "West Timelines": its category tree, menus, staff, static pages and the
//! articles the project wrote for it. Loaded on the first start with an empty database.
//! Article dates given as `hours_ago` are relative to the moment of loading.

mod categories;
mod documents;
pub mod illustrations;
mod menus;
pub mod pictures;

pub use categories::{Node, CATEGORIES};
pub use documents::{articles, parse_documents, DemoError};
pub use menus::{footer_menu, more_menu, primary_menu, topics_menu};

use crate::server::store::{NewCategory, Store, StoreError};
use documents::{AuthorsFile, PageFront, AUTHORS, PAGES};
use time::OffsetDateTime;

/// Loads the whole demo newsroom into an empty store.
pub async fn load(store: &Store, now: OffsetDateTime) -> Result<usize, StoreError> {
    let mut stack: Vec<(Option<String>, &[Node])> = vec![(None, CATEGORIES)];
    while let Some((parent, nodes)) = stack.pop() {
        for (pos, Node(slug, name, description, children)) in nodes.iter().enumerate() {
            store
                .insert_category(NewCategory {
                    parent_path: parent.as_deref(),
                    slug,
                    name,
                    description,
                    position: pos as i64,
                })
                .await?;
            if !children.is_empty() {
                let path = match &parent {
                    Some(p) => format!("{p}/{slug}"),
                    None => slug.to_string(),
                };
                stack.push((Some(path), children));
            }
        }
    }
    let authors: AuthorsFile = toml::from_str(AUTHORS).map_err(|source| {
        invalid(DemoError::Toml {
            file: "authors.toml",
            source,
        })
    })?;
    for a in &authors.author {
        store.upsert_author(&a.slug, &a.name, &a.bio).await?;
    }
    let articles = articles(now).map_err(invalid)?;
    for a in &articles {
        store.insert_article(a).await?;
    }
    for (front, body) in parse_documents("pages.md", PAGES).map_err(invalid)? {
        let p: PageFront = toml::from_str(&front).map_err(|source| {
            invalid(DemoError::Toml {
                file: "pages.md",
                source,
            })
        })?;
        store
            .upsert_page(&p.slug, &p.title, &body, now.unix_timestamp())
            .await?;
    }
    store.replace_menu("primary", &primary_menu()).await?;
    store.replace_menu("more", &more_menu()).await?;
    store.replace_menu("topics", &topics_menu()).await?;
    store.replace_menu("footer", &footer_menu()).await?;
    // The social profiles are site settings (`site_settings.rs`): the social menu starts empty.
    Ok(articles.len())
}

/// A mistake in the demo's files, as the store's refusal of invalid input.
fn invalid(e: DemoError) -> StoreError {
    StoreError::Invalid(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn leaves(nodes: &[Node], prefix: &str, out: &mut Vec<String>) {
        for Node(slug, _, _, children) in nodes {
            let path = if prefix.is_empty() {
                slug.to_string()
            } else {
                format!("{prefix}/{slug}")
            };
            if children.is_empty() {
                out.push(path);
            } else {
                leaves(children, &path, out);
            }
        }
    }

    #[test]
    fn documents_split_on_fences() {
        let docs = parse_documents(
            "test.md",
            "+++\na = 1\n+++\nBody one.\n\n+++\na = 2\n+++\nBody two.\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1], ("a = 2\n".to_string(), "Body two.".to_string()));
        assert!(parse_documents("test.md", "+++\na = 1\n").is_err());
    }

    #[test]
    fn the_demo_newsroom_meets_its_brief() {
        let now = OffsetDateTime::now_utc();
        let all = articles(now).expect("demo articles parse");
        assert!(all.len() >= 60, "only {} articles", all.len());
        let slugs: HashSet<_> = all.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs.len(), all.len(), "duplicate slugs");
        let mut per_leaf: HashMap<&str, usize> = HashMap::new();
        for a in &all {
            *per_leaf.entry(a.category_path.as_str()).or_default() += 1;
        }
        let mut leaf_paths = Vec::new();
        leaves(CATEGORIES, "", &mut leaf_paths);
        for leaf in &leaf_paths {
            assert!(
                per_leaf.get(leaf.as_str()).copied().unwrap_or(0) >= 2,
                "leaf {leaf} has fewer than two articles"
            );
        }
        assert!(all.iter().filter(|a| a.lang == "ar").count() >= 8);
        let recent = all
            .iter()
            .filter(|a| now.unix_timestamp() - a.published_at < 48 * 3600)
            .count();
        assert!(recent >= 3, "only {recent} within 48 hours");
        let eight_months = 8 * 31 * 86_400;
        assert!(all
            .iter()
            .filter(|a| a.slug != "lavrov-to-visit-china-april-8-9")
            .all(|a| now.unix_timestamp() - a.published_at <= eight_months));
        let lavrov = all
            .iter()
            .find(|a| a.slug == "lavrov-to-visit-china-april-8-9")
            .expect("Lavrov story");
        assert_eq!(lavrov.category_path, "world/europe/ukraine");
        for a in &all {
            let words = crate::server::text::word_count(&a.body_md);
            assert!(words >= 150, "{} has only {words} words", a.slug);
            assert!(!a.body_md.to_lowercase().contains("lorem ipsum"));
        }
    }
}
