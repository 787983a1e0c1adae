//! Posts become articles and published pages static pages: the title and excerpt as plain text
//! (the excerpt is the standfirst), the body converted (`content.rs`), the slug decoded (Arabic
//! slugs stay Arabic; a taken one is numbered and reported), the first category as the
//! article's section and any others as tags, sticky posts featured, `_thumbnail_id` the
//! featured image. Each is written with its old addresses in one transaction; an article or
//! page deleted in the newsroom since an earlier import is not made again.
//!
//! Over 400 lines: articles and static pages are imported alike (title, slug, body, old
//! addresses, the earlier import's record), with helpers they share.

use super::classify::Status;
use super::content::convert;
use super::run::{describe, digest, shortened, Earlier, ImportError, Importer, Prior};
use super::slugs::ascii_slug;
use super::wxr::{plain, Item};
use crate::model::{article_slug, MAX_SLUG_CHARS};
use crate::server::newsroom::page_slug_problem as slug_problem;
use crate::server::newsroom::web_address::is_web_url;
use crate::server::store::{
    ArticleFields, ArticleImage, ArticleStatus, ImportedArticle, PageFields,
};

/// Whether `c` is a letter of the Arabic script.
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The language of a post: WordPress has none per post, so the site's, unless the title is
/// written in the other script (an Arabic post on an English site, or the reverse).
fn language_of(title: &str, site: &str) -> String {
    let letters = title.chars().filter(|c| c.is_alphabetic());
    let (arabic, other) = letters.fold(
        (0, 0),
        |(a, o), c| {
            if is_arabic(c) {
                (a + 1, o)
            } else {
                (a, o + 1)
            }
        },
    );
    if arabic > other {
        "ar".to_string()
    } else if site == "ar" && other > arabic {
        "en".to_string()
    } else {
        site.to_string()
    }
}

/// A language code as the portal keeps them: `en`, `ar`, `pt-br`.
fn is_language(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// How many pictures a converted body still takes from the old site (not in the uploads
/// folder): the sanitiser drops them and shows their alt text.
fn missing_pictures(html: &str) -> usize {
    html.split("src=\"")
        .skip(1)
        .filter(|rest| {
            rest.split('"')
                .next()
                .is_some_and(|v| v.contains("/wp-content/uploads/"))
        })
        .count()
}

impl Importer<'_> {
    /// The body of `item`, converted, with its shortcodes and missing pictures reported.
    fn body(&mut self, item: &Item) -> String {
        let converted = convert(&item.content, &self.pictures);
        self.report.shortcodes(&converted.shortcodes);
        let missing = missing_pictures(&converted.html);
        if missing > 0 && self.options.uploads.is_some() {
            self.report.note(
                item.line,
                describe(item),
                format!("{missing} picture(s) in its body are not in the uploads folder: their alt text is shown"),
            );
        }
        converted.html
    }

    fn title(&mut self, item: &Item) -> String {
        let title = plain(&item.title);
        if title.is_empty() {
            self.report.note(
                item.line,
                describe(item),
                "it has no title: it is called “Untitled”",
            );
            "Untitled".to_string()
        } else {
            title
        }
    }

    /// A free article slug from `wanted`, `existing` being the article the import already made.
    async fn free_article_slug(
        &mut self,
        wanted: &str,
        existing: Option<i64>,
    ) -> Result<String, ImportError> {
        // Room for a number at the end of a slug of the longest length.
        let stem: String = wanted.chars().take(MAX_SLUG_CHARS - 8).collect();
        let stem = stem.trim_end_matches('-');
        let mut n = 1;
        loop {
            let slug = if n == 1 {
                wanted.to_string()
            } else {
                format!("{stem}-{n}")
            };
            let owner = self.store.article_with_slug(&slug).await?;
            let free = owner.is_none_or(|id| Some(id) == existing);
            if free && !self.article_slugs.contains(&slug) {
                self.article_slugs.insert(slug.clone());
                return Ok(slug);
            }
            n += 1;
        }
    }

    /// Whether what an earlier import made of `item` is to be left alone: deleted in the
    /// newsroom since (not made again), or `edited` there since (kept as the newsroom has it);
    /// reported either way.
    /// Counts an item of `kind` as `earlier` judges it, and its `old_links` (old addresses)
    /// unless it is unchanged; then says what to write: `None`, nothing (it is unchanged, or
    /// this is a dry run); else `Some` of the row it is written over (`None`: a new row).
    fn tally(
        &mut self,
        kind: &'static str,
        earlier: Earlier,
        old_links: usize,
    ) -> Option<Option<i64>> {
        if !matches!(earlier, Earlier::Same(_)) {
            self.report.old_links += old_links;
        }
        self.report.count(kind, earlier.outcome());
        let existing = match earlier {
            Earlier::Same(_) => return None,
            Earlier::Changed(id) => Some(id),
            Earlier::None | Earlier::Deleted => None,
        };
        (!self.options.dry_run).then_some(existing)
    }

    fn left_alone(&mut self, kind: &'static str, item: &Item, prior: &Prior, edited: bool) -> bool {
        let why = match prior {
            Prior::Deleted => "deleted in the newsroom since it was imported: not made again",
            _ if edited => {
                "changed in the newsroom since it was imported: left as the newsroom has it"
            }
            _ => return false,
        };
        self.report.skip(kind, item.line, describe(item), why);
        true
    }

    /// Imports post `item` as an article, then its comments (`comments.rs`).
    pub async fn import_post(
        &mut self,
        item: &Item,
        status: Status,
        published_at: Option<i64>,
    ) -> Result<(), ImportError> {
        self.report.comments += item.comments.len();
        self.import_article(item, status, published_at).await?;
        self.import_comments(item).await
    }

    async fn import_article(
        &mut self,
        item: &Item,
        status: Status,
        published_at: Option<i64>,
    ) -> Result<(), ImportError> {
        let wp_key = item.post_id.to_string();
        let prior = self.prior("post", &wp_key, "articles").await?;
        let edited = match prior.id() {
            Some(id) => self.store.edited_since_import(id).await?,
            None => false,
        };
        if self.left_alone("articles", item, &prior, edited) {
            return Ok(());
        }
        let title = self.title(item);
        let wanted = match article_slug(&item.slug()) {
            s if !s.is_empty() => s,
            _ => match article_slug(&title) {
                s if !s.is_empty() => s,
                _ => format!("post-{}", item.post_id),
            },
        };
        let slug = self.free_article_slug(&wanted, prior.id()).await?;
        if slug != wanted {
            self.report.note(
                item.line,
                describe(item),
                format!("the slug {wanted} was taken: it is {slug}"),
            );
        }
        let mut categories = item
            .terms_of("category")
            .filter_map(|t| self.categories.get(&t.slug).map(|id| (*id, plain(&t.name))));
        let category_id = match categories.next() {
            Some((id, _)) => id,
            None => self.fallback_category().await?,
        };
        // A post in several categories: its first is its section, the others its tags.
        let mut tags: Vec<String> = item
            .terms_of("category")
            .filter(|t| self.categories.get(&t.slug) != Some(&category_id))
            .map(|t| plain(&t.name))
            .collect();
        tags.extend(item.terms_of("post_tag").map(|t| match plain(&t.name) {
            n if n.is_empty() => self.tags.get(&t.slug).cloned().unwrap_or_default(),
            n => n,
        }));
        tags.retain(|t| !t.is_empty());
        tags.sort();
        tags.dedup();
        let author_id = self.author_for(&item.creator, item.line).await?;
        let image = match item
            .meta("_thumbnail_id")
            .and_then(|v| v.trim().parse().ok())
        {
            None => None,
            Some(id) => match self.pictures.get(id) {
                Some(p) if !p.alt.trim().is_empty() => {
                    // A Timelines export gives the article's own words for its picture.
                    let own = |key: &str, shared: &str| match item.meta(key) {
                        Some(v) if !v.trim().is_empty() => plain(v),
                        _ => shared.to_string(),
                    };
                    Some(ArticleImage {
                        media_id: p.media_id,
                        alt: own("_timelines_image_alt", &p.alt),
                        caption: own("_timelines_image_caption", &p.caption),
                        credit: own("_timelines_image_credit", ""),
                    })
                }
                Some(_) => {
                    self.report.note(
                        item.line,
                        describe(item),
                        "its featured picture has no alt text or title: it is left off (add it in the editor)",
                    );
                    None
                }
                None => {
                    self.report.note(
                        item.line,
                        describe(item),
                        format!("its featured picture (attachment {id}) was not imported"),
                    );
                    None
                }
            },
        };
        // What the newsroom sets and WordPress does not have (search engine fields, the
        // editors' pick) stays as it is on an update.
        let kept = match prior.id() {
            Some(id) => self.store.editable_article(id).await?.map(|a| a.fields),
            None => None,
        }
        .unwrap_or_default();
        // A Timelines export carries them as post meta (Yoast's for the search engine fields),
        // held to the editor's rules: Yoast's templates (`%%title%%`), an overlong value or a
        // canonical address that is not a web address are left out, reported.
        let mut refused = Vec::new();
        let mut meta_or = |key: &'static str, kept: String, max: usize| match item.meta(key) {
            Some(v) => {
                let v = plain(v).replace(['\n', '\t'], " ");
                let web = key != "_yoast_wpseo_canonical" || v.is_empty() || is_web_url(&v);
                if v.contains("%%") || v.chars().count() > max || !web {
                    refused.push(key);
                    kept
                } else {
                    v
                }
            }
            None => kept,
        };
        let seo_title = meta_or("_yoast_wpseo_title", kept.seo_title, 120);
        let seo_description = meta_or("_yoast_wpseo_metadesc", kept.seo_description, 300);
        let canonical_url = meta_or("_yoast_wpseo_canonical", kept.canonical_url, 500);
        if !refused.is_empty() {
            self.report.note(
                item.line,
                describe(item),
                format!("left out, not usable as they are: {}", refused.join(", ")),
            );
        }
        let lang = match item.meta("_timelines_lang").map(str::trim) {
            Some(l) if is_language(l) => l.to_string(),
            _ => language_of(&title, &self.lang),
        };
        let fields = ArticleFields {
            seo_title,
            seo_description,
            canonical_url,
            editors_pick: item
                .meta("_timelines_editors_pick")
                .map_or(kept.editors_pick, |v| v.trim() == "1"),
            lang,
            title,
            dek: plain(&item.excerpt),
            slug,
            body_md: self.body(item),
            category_id,
            author_id,
            tags,
            featured: item.is_sticky,
            image,
        };
        let (status, published_at) = match status {
            Status::Draft => (ArticleStatus::Draft, None),
            Status::Review => (ArticleStatus::Review, None),
            Status::Published | Status::Scheduled => (ArticleStatus::Published, published_at),
        };
        // When the export dates none (a draft), the import's own time, left out of the digest.
        let dated = item.modified_gmt().ok().flatten().or(published_at);
        let updated_at = dated.unwrap_or(self.options.now);
        let dg = digest(&[
            &format!("{fields:?}"),
            status.as_str(),
            &format!("{published_at:?} {dated:?}"),
            item.meta("_timelines_translation_key").unwrap_or_default(),
        ]);
        let earlier = prior.judge(&dg);
        let old = if published_at.is_some() {
            self.old_paths(item, "p")
        } else {
            Vec::new()
        };
        let Some(existing) = self.tally("articles", earlier, old.len()) else {
            return Ok(());
        };
        let translation_key = item
            .meta("_timelines_translation_key")
            .map(|k| shortened(k.trim(), 200))
            .filter(|k| !k.is_empty());
        let article = ImportedArticle {
            fields,
            status,
            published_at,
            updated_at,
            translation_key,
        };
        let key = self.key("post", &wp_key, &dg);
        self.store
            .import_article(existing, &article, &key, &old, self.options.now)
            .await?;
        Ok(())
    }

    pub async fn import_page(&mut self, item: &Item) -> Result<(), ImportError> {
        self.report.comments += item.comments.len();
        let wp_key = item.post_id.to_string();
        let prior = self.prior("page", &wp_key, "pages").await?;
        let edited = match prior.id() {
            Some(id) => self
                .store
                .page_by_id(id)
                .await?
                .is_some_and(|p| p.saved_by.is_some()),
            None => false,
        };
        if self.left_alone("pages", item, &prior, edited) {
            return Ok(());
        }
        let title = self.title(item);
        let wp_slug = item.slug();
        let fallback = format!("page-{}", item.post_id);
        let mut wanted = ascii_slug(&wp_slug, &fallback);
        if slug_problem(&wanted).is_some() {
            wanted = format!("{wanted}-page");
        }
        if slug_problem(&wanted).is_some() {
            wanted = fallback;
        }
        let mut slug = wanted.clone();
        let mut n = 1;
        loop {
            let owner = self.store.page_with_slug(&slug).await?;
            if owner.is_none_or(|id| Some(id) == prior.id()) && !self.page_slugs.contains(&slug) {
                break;
            }
            n += 1;
            slug = format!("{wanted}-{n}");
        }
        self.page_slugs.insert(slug.clone());
        if slug != wp_slug {
            self.report.note(
                item.line,
                describe(item),
                format!("page addresses are ASCII and unique here: {wp_slug} is /{slug}"),
            );
        }
        let fields = PageFields {
            slug,
            title,
            body_md: self.body(item),
        };
        let dated = item
            .modified_gmt()
            .ok()
            .flatten()
            .or(item.published_gmt().ok().flatten());
        let updated_at = dated.unwrap_or(self.options.now);
        let dg = digest(&[
            &fields.slug,
            &fields.title,
            &fields.body_md,
            &format!("{dated:?}"),
        ]);
        let earlier = prior.judge(&dg);
        let old = self.old_paths(item, "page_id");
        let Some(existing) = self.tally("pages", earlier, old.len()) else {
            return Ok(());
        };
        let key = self.key("page", &wp_key, &dg);
        self.store
            .import_page(existing, &fields, updated_at, &key, &old)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_in_the_other_script_takes_its_language() {
        assert_eq!(language_of("Ferries return to the islands", "en"), "en");
        assert_eq!(language_of("عودة العبارات إلى الجزر", "en"), "ar");
        assert_eq!(language_of("Port report", "ar"), "en");
        assert_eq!(language_of("2026", "fr"), "fr");
    }

    #[test]
    fn pictures_left_on_the_old_site_are_counted() {
        let html = r#"<p><img src="/media/abc/768.jpg"><img src="https://old.example/wp-content/uploads/2026/04/a.jpg"></p><a href="https://old.example/wp-content/uploads/x.pdf">x</a>"#;
        assert_eq!(missing_pictures(html), 1);
    }
}
