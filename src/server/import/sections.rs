//! The export's categories (with their nesting: `category_parent` is the parent's slug) and
//! tags. A category lands at the same path as on the old site where it can (its slug made
//! ASCII when it is not, reported), is joined to a category the portal already has at that
//! path, and its old address (`/category/a/b`, decoded) leads to the new one when they differ.
//! Tags are made as posts use them; an old tag address whose slug differs leads to the new one.

use super::report::Outcome;
use super::run::{digest, Earlier, ImportError, Importer};
use super::slugs::ascii_slug;
use super::wxr::{decoded, plain, Term};
use crate::server::store::CategoryEdit;
use std::collections::HashMap;

/// The category terms in an order where each parent comes before its children (WordPress
/// writes them so, but a hand-made export need not); a term whose parent is missing or in a
/// cycle comes last and is put at the top.
fn parents_first(terms: &[Term]) -> Vec<&Term> {
    let cats: Vec<&Term> = terms.iter().filter(|t| t.taxonomy == "category").collect();
    let mut placed: std::collections::HashSet<&str> = Default::default();
    let mut out = Vec::with_capacity(cats.len());
    loop {
        let before = out.len();
        for t in &cats {
            if placed.contains(t.slug.as_str()) {
                continue;
            }
            if t.parent_slug.is_empty() || placed.contains(t.parent_slug.as_str()) {
                placed.insert(t.slug.as_str());
                out.push(*t);
            }
        }
        if out.len() == before {
            break;
        }
    }
    for t in &cats {
        if !placed.contains(t.slug.as_str()) {
            placed.insert(t.slug.as_str());
            out.push(*t);
        }
    }
    out
}

impl Importer<'_> {
    pub async fn import_categories(&mut self, terms: &[Term]) -> Result<(), ImportError> {
        // The old site's path of each category slug (decoded), and the new one's.
        let mut old_paths: HashMap<String, String> = HashMap::new();
        let mut new_paths: HashMap<String, String> = HashMap::new();
        for t in parents_first(terms) {
            let name = match plain(&t.name) {
                n if n.is_empty() => decoded(&t.slug),
                n => n,
            };
            let wp_slug = decoded(&t.slug);
            let id_part =
                t.id.map(|i| i.to_string())
                    .unwrap_or_else(|| t.slug.clone());
            let slug = ascii_slug(&wp_slug, &format!("category-{id_part}"));
            if slug != wp_slug {
                self.report.note(
                    0,
                    format!("category “{name}”"),
                    format!("category addresses are ASCII here: its slug {wp_slug} is {slug}"),
                );
            }
            let parent = if t.parent_slug.is_empty() {
                None
            } else {
                match self.categories.get(&t.parent_slug) {
                    Some(id) => Some((*id, t.parent_slug.clone())),
                    None => {
                        self.report.note(
                            0,
                            format!("category “{name}”"),
                            format!(
                                "its parent {} is not in the export: it is put at the top",
                                decoded(&t.parent_slug)
                            ),
                        );
                        None
                    }
                }
            };
            let under =
                |p: &Option<(i64, String)>, paths: &HashMap<String, String>, s: &str| match p {
                    Some((_, p)) => format!("{}/{s}", paths[p]),
                    None => s.to_string(),
                };
            let old_path = under(&parent, &old_paths, &wp_slug);
            // Two categories of the export whose slugs are the same once made ASCII (café and
            // caf, two Arabic ones): the second is numbered, not merged with the first.
            let mut slug = slug;
            let wanted = slug.clone();
            let mut n = 1;
            while self
                .category_paths
                .contains(&under(&parent, &new_paths, &slug))
            {
                n += 1;
                slug = format!("{wanted}-{n}");
            }
            if n > 1 {
                self.report.note(
                    0,
                    format!("category “{name}”"),
                    format!("another category of the export has the slug {wanted}: it is {slug}"),
                );
            }
            let path = under(&parent, &new_paths, &slug);
            self.category_paths.insert(path.clone());
            old_paths.insert(t.slug.clone(), old_path.clone());
            new_paths.insert(t.slug.clone(), path.clone());
            let description = plain(&t.description);
            let parent_id = parent.map(|(id, _)| id);
            let dg = digest(&[&path, &name, &description]);
            let earlier = self
                .earlier("category", &id_part, &dg, "categories")
                .await?;
            let existing_here = match earlier {
                Earlier::None | Earlier::Deleted => self.store.find_category(&path).await?,
                _ => None,
            };
            let outcome = match (earlier, &existing_here) {
                (Earlier::None | Earlier::Deleted, Some(_)) => Outcome::Matched,
                (e, _) => e.outcome(),
            };
            let outcome = outcome.or_created();
            self.report.count("categories", outcome);
            let old = vec![crate::urls::category(&old_path)];
            if old_path != path && !matches!(earlier, Earlier::Same(_)) {
                self.report.old_links += 1;
            }
            let id = match (earlier, existing_here) {
                (Earlier::Same(id) | Earlier::Changed(id), _) if self.options.dry_run => id,
                (Earlier::Same(id), _) => id,
                (_, _) if self.options.dry_run => self.made_up_id(),
                (Earlier::Changed(id), _) => {
                    // Renamed or moved in WordPress: moved here the way an editor moves one
                    // (its articles and subcategories follow, its old path answers 301).
                    let edit = CategoryEdit {
                        name: &name,
                        slug: &slug,
                        parent_id,
                        description: &description,
                    };
                    self.store
                        .edit_category(id, &edit, self.options.now)
                        .await?;
                    let key = self.key("category", &id_part, &dg);
                    let target = crate::urls::category(&path);
                    self.store
                        .import_record(&key, id, &old, Some(&target))
                        .await?;
                    id
                }
                (_, Some(found)) => {
                    let key = self.key("category", &id_part, &dg);
                    let target = crate::urls::category(&found.path);
                    self.store
                        .import_record(&key, found.id, &old, Some(&target))
                        .await?;
                    found.id
                }
                (_, None) => {
                    let edit = CategoryEdit {
                        name: &name,
                        slug: &slug,
                        parent_id,
                        description: &description,
                    };
                    let key = self.key("category", &id_part, &dg);
                    self.store.import_category(&edit, &key, &old).await?
                }
            };
            self.categories.insert(t.slug.clone(), id);
        }
        Ok(())
    }

    /// The category for posts that have none: the export's `uncategorized` when it has one,
    /// else one made for them.
    pub async fn fallback_category(&mut self) -> Result<i64, ImportError> {
        if let Some(id) = self.categories.get("uncategorized") {
            return Ok(*id);
        }
        let t = Term {
            taxonomy: "category".into(),
            slug: "uncategorized".into(),
            name: "Uncategorized".into(),
            ..Term::default()
        };
        self.import_categories(std::slice::from_ref(&t)).await?;
        Ok(self.categories["uncategorized"])
    }

    /// Tags: their names kept for posts (a post's `<category domain="post_tag">` carries the
    /// name too), and their old addresses led to the new ones where the slug differs.
    pub async fn import_tags(&mut self, terms: &[Term]) -> Result<(), ImportError> {
        for t in terms.iter().filter(|t| t.taxonomy == "post_tag") {
            let name = match plain(&t.name) {
                n if n.is_empty() => decoded(&t.slug),
                n => n,
            };
            let slug = crate::model::slugify(&name);
            if slug.is_empty() {
                self.report.skip(
                    "tags",
                    0,
                    format!("tag “{name}”"),
                    "its name has no letter or digit",
                );
                continue;
            }
            let exists = self.store.find_tag(&slug).await?.is_some();
            self.report.count(
                "tags",
                if exists {
                    Outcome::Unchanged
                } else {
                    Outcome::Created
                },
            );
            let old_slug = decoded(&t.slug);
            if old_slug != slug {
                if !exists {
                    self.report.old_links += 1;
                }
                if !self.options.dry_run {
                    let wp_key =
                        t.id.map(|i| i.to_string())
                            .unwrap_or_else(|| t.slug.clone());
                    let dg = digest(&[&slug]);
                    let key = self.key("tag", &wp_key, &dg);
                    let target = crate::urls::tag(&slug);
                    self.store
                        .import_record(&key, 0, &[crate::urls::tag(&old_slug)], Some(&target))
                        .await?;
                }
            }
            self.tags.insert(t.slug.clone(), name);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(slug: &str, parent: &str) -> Term {
        Term {
            taxonomy: "category".into(),
            slug: slug.into(),
            parent_slug: parent.into(),
            ..Term::default()
        }
    }

    #[test]
    fn parents_come_before_their_children() {
        let terms = [
            term("ukraine", "europe"),
            term("europe", "world"),
            term("world", ""),
            term("orphan", "missing"),
        ];
        let order: Vec<&str> = parents_first(&terms)
            .iter()
            .map(|t| t.slug.as_str())
            .collect();
        assert_eq!(order, ["world", "europe", "ukraine", "orphan"]);
    }
}
