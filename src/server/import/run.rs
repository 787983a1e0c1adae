//! An import from start to end. The export is read twice, as a stream both times: first whole,
//! keeping only the small things (the site, its authors and terms, its pictures' records), so a
//! file that is not an export, is cut short or breaks a limit is refused before anything is
//! written; then item by item, each post and page written in its own transaction with the
//! record of what it became (`store/importing.rs`). What an earlier import made is compared by
//! digest: unchanged things are left alone, changed ones updated, so importing again changes
//! nothing and an interrupted import finishes when it is run again.
//!
//! Over 400 lines (its tests are in `tests/import_wordpress.rs` and `tests/newsroom_import.rs`):
//! both passes, and the record of what earlier imports made (`Prior`, `Earlier`) that every
//! kind of item (posts, people, sections, pictures) consults.

use super::classify::{classify, Becomes};
use super::progress::Progress;
use super::report::{Outcome, Report};
use super::wxr::{Author, Entry, Item, Site, Term, WxrError, WxrReader};
use crate::server::media::MediaLibrary;
use crate::server::store::{ImportKey, Store, StoreError};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the export comes from: a file (the command line) or bytes (an upload, shared, not
/// copied, by both readings).
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Bytes(axum::body::Bytes),
}

impl Source {
    fn open(&self) -> Result<Box<dyn BufRead + Send>, ImportError> {
        Ok(match self {
            Source::File(path) => Box::new(std::io::BufReader::with_capacity(
                256 * 1024,
                std::fs::File::open(path).map_err(|e| ImportError::Open(path.clone(), e))?,
            )),
            Source::Bytes(bytes) => Box::new(std::io::Cursor::new(bytes.clone())),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot open {0}: {1}")]
    Open(PathBuf, std::io::Error),
    #[error(transparent)]
    Export(#[from] WxrError),
    #[error("not a WordPress export: it names no site (no wp:base_blog_url and no <link>)")]
    NoSite,
    #[error("the uploads folder {0} is not a folder")]
    Uploads(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A copy of the old site's `wp-content/uploads`, where its pictures are taken from.
    pub uploads: Option<PathBuf>,
    /// Only say what would be done.
    pub dry_run: bool,
    /// The time the import runs at (Unix seconds): posts dated later are scheduled.
    pub now: i64,
}

/// What the first reading keeps: everything but the posts' and pages' bodies.
#[derive(Debug, Default)]
pub(super) struct Survey {
    pub site: Site,
    pub authors: Vec<Author>,
    pub terms: Vec<Term>,
    pub pictures: Vec<Item>,
    /// Posts and pages, for the progress bar.
    pub writings: u64,
}

/// Reads the whole export once (refusing it whole when it cannot be read to its end).
fn survey(source: &Source, report: &mut Report, now: i64) -> Result<Survey, ImportError> {
    let mut reader = WxrReader::new(source.open()?);
    let mut s = Survey::default();
    while let Some(entry) = reader.next_entry()? {
        match entry {
            Entry::Site(site) => s.site = site,
            Entry::Author(a) => s.authors.push(a),
            Entry::Term(t) => s.terms.push(t),
            Entry::Item(item) => match classify(&item, now) {
                Becomes::Picture => {
                    // Only what the picture step reads is kept (an attachment's words and
                    // comments could be megabytes each).
                    let mut item = *item;
                    item.content = String::new();
                    item.comments = Vec::new();
                    item.title = shortened(&item.title, 300);
                    item.excerpt = shortened(&item.excerpt, 2_000);
                    item.meta.retain(|(k, _)| {
                        matches!(
                            k.as_str(),
                            "_wp_attached_file"
                                | "_wp_attachment_image_alt"
                                | "_timelines_credit"
                                | "_timelines_file_name"
                        )
                    });
                    s.pictures.push(item)
                }
                Becomes::Article { .. } | Becomes::Page => s.writings += 1,
                Becomes::Nothing(super::classify::Skip::Type(t)) => {
                    let kinds = report.other_types.len();
                    let t = shortened(&t, 40);
                    if kinds < 50 || report.other_types.contains_key(&t) {
                        *report.other_types.entry(t).or_default() += 1
                    } else {
                        *report.other_types.entry("(others)".into()).or_default() += 1
                    }
                }
                Becomes::Nothing(_) => {}
            },
        }
    }
    Ok(s)
}

/// An imported picture as bodies and featured images use it.
#[derive(Debug, Clone)]
pub(super) struct PictureMade {
    pub media_id: i64,
    /// Its address in bodies: a JPEG variant about as wide as a column.
    pub src: String,
    pub alt: String,
    pub caption: String,
}

/// The import at work: where it writes, and what it has made so far (WordPress's keys to the
/// portal's ids; in a dry run, made-up negative ids for what would be created).
pub(super) struct Importer<'a> {
    pub store: &'a Store,
    pub library: &'a Arc<MediaLibrary>,
    pub options: &'a Options,
    /// The export's site: the key of everything it made.
    pub site: String,
    pub base: String,
    /// The site's language (`en`, `ar`), for articles.
    pub lang: String,
    pub report: Report,
    /// Author logins to author (byline) ids.
    pub authors: HashMap<String, i64>,
    /// Category slugs as the export writes them, to category ids.
    pub categories: HashMap<String, i64>,
    /// Tag slugs as the export writes them, to their names.
    pub tags: HashMap<String, String>,
    pub pictures: super::pictures::PictureIndex,
    /// Article and page slugs taken in this import.
    pub article_slugs: HashSet<String>,
    pub page_slugs: HashSet<String>,
    /// The post ids met so far, with their lines: an id given twice is refused the second time.
    pub post_ids: HashMap<i64, u64>,
    /// The category paths this import made (a second category landing on one is numbered).
    pub category_paths: HashSet<String>,
    next_made_up: i64,
}

impl Importer<'_> {
    /// A made-up id for what a dry run would create.
    pub fn made_up_id(&mut self) -> i64 {
        self.next_made_up -= 1;
        self.next_made_up
    }

    /// The record key of `kind` thing `wp_key` with `digest`.
    pub fn key<'k>(&'k self, kind: &'k str, wp_key: &'k str, digest: &'k str) -> ImportKey<'k> {
        ImportKey {
            site: &self.site,
            kind,
            wp_key,
            digest,
        }
    }

    /// What an earlier import made of `kind` thing `wp_key`, if it is still in `table`, and
    /// whether `digest` says nothing changed since.
    pub async fn earlier(
        &mut self,
        kind: &str,
        wp_key: &str,
        digest: &str,
        table: &str,
    ) -> Result<Earlier, ImportError> {
        Ok(self.prior(kind, wp_key, table).await?.judge(digest))
    }

    /// What an earlier import made of `kind` thing `wp_key`, looked up in `table`.
    pub async fn prior(
        &mut self,
        kind: &str,
        wp_key: &str,
        table: &str,
    ) -> Result<Prior, ImportError> {
        let Some(made) = self.store.imported(&self.site, kind, wp_key).await? else {
            return Ok(Prior::None);
        };
        if !self.store.still_there(table, made.local_id).await? {
            return Ok(Prior::Deleted);
        }
        Ok(Prior::Made(made.local_id, made.digest))
    }

    /// The old addresses of an item: its permalink and WordPress's `?p=`/`?page_id=` form.
    pub fn old_paths(&self, item: &Item, query: &str) -> Vec<String> {
        let mut paths: Vec<String> = super::old_links::link_key(&item.link, &self.base)
            .into_iter()
            .collect();
        if item.post_id > 0 {
            paths.push(format!("/?{query}={}", item.post_id));
        }
        paths.dedup();
        paths
    }
}

/// What an earlier import made of a thing, before the digests are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Prior {
    None,
    /// Made, then deleted in the newsroom: it is not made again.
    Deleted,
    /// Its id, and the digest of what was imported.
    Made(i64, String),
}

impl Prior {
    /// The id of what was made, if it is still there.
    pub fn id(&self) -> Option<i64> {
        match self {
            Prior::Made(id, _) => Some(*id),
            _ => None,
        }
    }

    pub fn judge(self, digest: &str) -> Earlier {
        match self {
            Prior::None => Earlier::None,
            Prior::Deleted => Earlier::Deleted,
            Prior::Made(id, d) if d == digest => Earlier::Same(id),
            Prior::Made(id, _) => Earlier::Changed(id),
        }
    }
}

/// What an earlier import made of a thing, compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Earlier {
    None,
    Same(i64),
    Changed(i64),
    Deleted,
}

impl Earlier {
    pub fn outcome(self) -> Outcome {
        match self {
            Earlier::None => Outcome::Created,
            Earlier::Same(_) => Outcome::Unchanged,
            Earlier::Changed(_) => Outcome::Updated,
            Earlier::Deleted => Outcome::Skipped,
        }
    }
}

/// The digest of the fields imported (`parts`, in a fixed order).
pub(super) fn digest(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    // The importer's own version: a change in how things are imported updates them all.
    h.update(b"timelines-import-1");
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The portal's language code for WordPress's `en-US`, `ar`.
fn language(site: &Site) -> String {
    let primary = site
        .language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        primary
    } else {
        "en".to_string()
    }
}

/// Imports the export at `source` into `store` (pictures through `library`), or with
/// `options.dry_run` says what it would do. Returns the report.
pub async fn import(
    store: &Store,
    library: &Arc<MediaLibrary>,
    source: &Source,
    options: &Options,
    progress: &mut Progress,
) -> Result<Report, ImportError> {
    let started = std::time::Instant::now();
    if let Some(dir) = &options.uploads {
        if !dir.is_dir() {
            return Err(ImportError::Uploads(dir.clone()));
        }
    }
    let mut report = Report {
        dry_run: options.dry_run,
        ..Report::default()
    };
    progress.phase("Reading the export");
    let survey = {
        let source = source.clone();
        let now = options.now;
        tokio::task::spawn_blocking(move || {
            let mut report = Report::default();
            survey(&source, &mut report, now).map(|s| (s, report.other_types))
        })
        .await
        .map_err(|e| ImportError::Store(StoreError::Invalid(e.to_string())))??
    };
    let (survey, other_types) = survey;
    report.other_types = other_types;
    // The blog's own address: on WordPress.com and in a multisite network, `base_site_url`
    // is the network's, shared by every blog of it.
    let base = [
        &survey.site.base_blog_url,
        &survey.site.link,
        &survey.site.base_site_url,
    ]
    .into_iter()
    .map(|u| u.trim())
    .find(|u| !u.is_empty())
    .unwrap_or_default()
    .to_string();
    let site = site_key(&base);
    if site.is_empty() {
        return Err(ImportError::NoSite);
    }
    report.site = base.clone();
    report.title = super::wxr::plain(&survey.site.title);
    let mut im = Importer {
        store,
        library,
        options,
        site,
        base,
        lang: language(&survey.site),
        report,
        authors: HashMap::new(),
        categories: HashMap::new(),
        tags: HashMap::new(),
        pictures: Default::default(),
        article_slugs: HashSet::new(),
        page_slugs: HashSet::new(),
        post_ids: HashMap::new(),
        category_paths: HashSet::new(),
        next_made_up: 0,
    };
    progress.phase("Authors, categories and tags");
    im.import_authors(&survey.authors).await?;
    im.import_categories(&survey.terms).await?;
    im.import_tags(&survey.terms).await?;
    progress.phase("Pictures");
    im.import_pictures(&survey.pictures, progress).await?;
    progress.phase("Posts and pages");
    progress.start(survey.writings);
    let mut reader = WxrReader::new(source.open()?);
    while let Some(entry) = reader.next_entry()? {
        let Entry::Item(item) = entry else { continue };
        let becomes = classify(&item, options.now);
        if matches!(becomes, Becomes::Article { .. } | Becomes::Page) {
            progress.advance();
            if !im.first_time(&item) {
                continue;
            }
        }
        let done = match becomes {
            Becomes::Article {
                status,
                published_at,
            } => im.import_post(&item, status, published_at).await,
            Becomes::Page => im.import_page(&item).await,
            Becomes::Nothing(skip) => {
                im.skipped(&item, skip);
                Ok(())
            }
            Becomes::Picture => Ok(()),
        };
        match done {
            // What the store refuses of one item (a featured picture that failed, say) leaves
            // that item out, reported; the rest goes on. Anything else stops the import, to be
            // run again once it is fixed.
            Err(ImportError::Store(StoreError::Invalid(why) | StoreError::Conflict(why))) => {
                let kind = if item.post_type == "page" {
                    "pages"
                } else {
                    "articles"
                };
                im.report.skip(kind, item.line, describe(&item), why);
            }
            other => other?,
        }
    }
    progress.finish();
    im.report.seconds = started.elapsed().as_secs_f64();
    Ok(im.report)
}

impl Importer<'_> {
    /// Whether post or page `item` is the first with its id in the export (an id WordPress
    /// never gives, 0, or one given twice, is reported and the item left out).
    fn first_time(&mut self, item: &Item) -> bool {
        let kind = if item.post_type == "page" {
            "pages"
        } else {
            "articles"
        };
        if item.post_id <= 0 {
            self.report
                .skip(kind, item.line, describe(item), "it has no wp:post_id");
            return false;
        }
        if let Some(line) = self.post_ids.get(&item.post_id) {
            let why = format!(
                "its wp:post_id {} is that of the item at line {line}",
                item.post_id
            );
            self.report.skip(kind, item.line, describe(item), why);
            return false;
        }
        self.post_ids.insert(item.post_id, item.line);
        true
    }

    /// Reports an item left out (items of other types are only counted, by type).
    fn skipped(&mut self, item: &Item, skip: super::classify::Skip) {
        use super::classify::Skip;
        let kind = match item.post_type.as_str() {
            "page" => "pages",
            "attachment" => "pictures",
            _ => "articles",
        };
        if !matches!(skip, Skip::Type(_)) {
            let what = describe(item);
            self.report.skip(kind, item.line, what, skip);
        }
    }
}

/// `s` cut to `max` characters (with an ellipsis when cut), control characters made spaces:
/// what goes into a report stays short and cannot move a terminal's cursor.
pub(super) fn shortened(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// The key an export's site is known by: its address without the scheme, in lower case, with
/// no trailing slash (a site that moved to https is the same site).
fn site_key(base: &str) -> String {
    base.trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_lowercase()
}

/// "post “Title”" for the report.
pub(super) fn describe(item: &Item) -> String {
    let title = shortened(&super::wxr::plain(&item.title), 120);
    let title = if title.is_empty() {
        format!("#{}", item.post_id)
    } else {
        format!("“{title}”")
    };
    format!("{} {title}", item.post_type)
}

/// Whether `rel` (a path inside the uploads folder, from the export) stays inside it.
pub(super) fn inside(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && p.components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}
