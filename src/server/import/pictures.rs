//! The export's pictures (attachments), taken from a copy of the old site's
//! `wp-content/uploads` (`--uploads`) into the media library, which checks them and makes their
//! variants like any upload. Nothing is fetched from the internet: a picture whose file is not
//! there is reported and left out, and bodies then show its alt text. Bodies and featured
//! images find the library's copy by the old URL (any of WordPress's sizes of it) or the
//! attachment id; the old URLs lead to the new variants.

use super::content::Pictures;
use super::old_links::upload_key;
use super::progress::Progress;
use super::report::Outcome;
use super::run::{
    describe, digest, inside, shortened, Earlier, ImportError, Importer, PictureMade, Prior,
};
use super::wxr::{plain, Item};
use crate::server::media::files::media_path;
use crate::server::media::key::is_key;
use crate::server::media::{check, widths_for, Upload, UploadError};
use std::collections::HashMap;

/// The imported pictures, by attachment id and by upload key.
#[derive(Debug, Default)]
pub struct PictureIndex {
    by_id: HashMap<i64, PictureMade>,
    by_file: HashMap<String, i64>,
    /// Pictures of a Timelines export (`_wp_attached_file` `<key>/<file>`), by media key, for
    /// bodies that show them at `/media/<key>/<file>`.
    by_key: HashMap<String, i64>,
}

impl PictureIndex {
    pub fn get(&self, id: i64) -> Option<&PictureMade> {
        self.by_id.get(&id)
    }
}

impl Pictures for PictureIndex {
    fn picture_for_url(&self, url: &str) -> Option<String> {
        let id = match url.split_once("/wp-content/uploads/") {
            Some((_, rel)) => self.by_file.get(&upload_key(rel))?,
            None => {
                let (_, path) = url.split_once("/media/")?;
                let path = format!("/media/{path}");
                let (key, _) = media_path(&path)?;
                self.by_key.get(key)?
            }
        };
        self.by_id.get(id).map(|p| p.src.clone())
    }

    fn picture_for_id(&self, id: i64) -> Option<(String, String)> {
        self.by_id.get(&id).map(|p| (p.src.clone(), p.alt.clone()))
    }
}

/// The file of an attachment inside the uploads folder, as the export names it.
fn attached_file(item: &Item) -> Option<String> {
    let rel = match item.meta("_wp_attached_file") {
        Some(f) if !f.trim().is_empty() => f.trim().to_string(),
        _ => item
            .attachment_url
            .split_once("/wp-content/uploads/")?
            .1
            .to_string(),
    };
    let rel = super::wxr::decoded(rel.split(['?', '#']).next().unwrap_or_default());
    inside(&rel).then_some(rel)
}

/// For a Timelines export read with `--uploads` at the old site's media folder
/// (`_wp_attached_file` `<key>/1600.jpg`): the picture's original there, kept whole, when it is.
fn original_in(dir: &std::path::Path, rel: &str) -> Option<std::path::PathBuf> {
    let (key, _) = rel.split_once('/').filter(|(k, _)| is_key(k))?;
    let original = crate::server::media::MediaDir::new(dir).original(key);
    original.is_file().then_some(original)
}

/// The variant bodies show a picture `width` wide in: the widest made up to 1024 pixels.
fn body_width(width: u32) -> u32 {
    let widths = widths_for(width);
    widths
        .iter()
        .copied()
        .filter(|w| *w <= 1024)
        .max()
        .unwrap_or(widths[0])
}

impl Importer<'_> {
    pub async fn import_pictures(
        &mut self,
        items: &[Item],
        progress: &mut Progress,
    ) -> Result<(), ImportError> {
        if items.is_empty() {
            return Ok(());
        }
        progress.start(items.len() as u64);
        let mut left_out = 0;
        for item in items {
            if !self.import_picture(item).await? {
                left_out += 1;
            }
            progress.advance();
        }
        progress.finish();
        if self.options.uploads.is_none() && left_out > 0 {
            self.report.note(
                0,
                format!("{left_out} pictures"),
                "not imported: no uploads folder was given (--uploads, a copy of wp-content/uploads)",
            );
        }
        Ok(())
    }

    /// Imports one picture; false when it is left out for want of an uploads folder.
    async fn import_picture(&mut self, item: &Item) -> Result<bool, ImportError> {
        let what = describe(item);
        let wp_key = item.post_id.to_string();
        let Some(rel) = attached_file(item) else {
            self.report.skip(
                "pictures",
                item.line,
                what,
                "its file is not named inside wp-content/uploads",
            );
            return Ok(true);
        };
        let prior = self.prior("attachment", &wp_key, "media").await?;
        if prior == Prior::Deleted {
            self.report.skip(
                "pictures",
                item.line,
                what,
                "deleted from the media library since it was imported: not taken again",
            );
            return Ok(true);
        }
        let Some(dir) = self.options.uploads.clone() else {
            // Without the files, what an earlier import took is used as it is.
            return Ok(match prior.id() {
                Some(id) => {
                    self.report.count("pictures", Outcome::Unchanged);
                    self.index_picture(item, &rel, id).await?;
                    true
                }
                None => {
                    self.report.count("pictures", Outcome::Skipped);
                    false
                }
            });
        };
        let path = original_in(&dir, &rel).unwrap_or_else(|| dir.join(&rel));
        let size = match tokio::fs::metadata(&path).await {
            Ok(m) if m.is_file() => m.len(),
            _ => {
                self.report.skip(
                    "pictures",
                    item.line,
                    what,
                    format!("{rel} is not in the uploads folder"),
                );
                return Ok(true);
            }
        };
        let limits = self.library.limits();
        if size > limits.max_bytes {
            let why = format!(
                "{rel} is over {} MB, the most a picture may weigh",
                limits.max_megabytes()
            );
            self.report.skip("pictures", item.line, what, why);
            return Ok(true);
        }
        let alt = plain(item.meta("_wp_attachment_image_alt").unwrap_or_default());
        let caption = plain(&item.excerpt);
        let alt = if alt.is_empty() {
            plain(&item.title)
        } else {
            alt
        };
        // A Timelines export's own: the credit, and the name the file was uploaded under.
        let credit = shortened(
            &plain(item.meta("_timelines_credit").unwrap_or_default()),
            300,
        );
        let file_name = match item
            .meta("_timelines_file_name")
            .map(|f| shortened(&plain(f), 200))
        {
            Some(f) if !f.trim().is_empty() => f,
            _ => rel.rsplit('/').next().unwrap_or_default().to_string(),
        };
        let dg = digest(&[&rel, &size.to_string(), &alt, &caption, &credit, &file_name]);
        let earlier = prior.judge(&dg);
        let media_id = match earlier {
            Earlier::Same(id) => id,
            _ => {
                let bytes = tokio::fs::read(&path)
                    .await
                    .map_err(|e| ImportError::Open(path.clone(), e))?;
                if self.options.dry_run {
                    if let Err(e) = check(&bytes, limits) {
                        self.report.skip("pictures", item.line, what, e);
                        return Ok(true);
                    }
                    match earlier {
                        Earlier::Changed(id) => id,
                        _ => self.made_up_id(),
                    }
                } else {
                    // The same bytes are the same picture (its text updated); other bytes a
                    // new one, which the articles using it now show.
                    let upload = Upload {
                        bytes,
                        file_name,
                        alt: alt.clone(),
                        caption: caption.clone(),
                        credit: credit.clone(),
                    };
                    let id = match self.library.accept(upload, None).await {
                        Ok(accepted) => accepted.id,
                        Err(UploadError::Refused(e)) => {
                            self.report.skip("pictures", item.line, what, e);
                            return Ok(true);
                        }
                        Err(UploadError::Store(e)) => return Err(e.into()),
                    };
                    self.store
                        .save_media_text(id, &alt, &caption, &credit)
                        .await?;
                    id
                }
            }
        };
        self.report.count("pictures", earlier.outcome());
        if !matches!(earlier, Earlier::Same(_)) {
            self.report.old_links += 1;
            if !self.options.dry_run {
                let row = self.media_row(media_id).await?;
                let widest = *widths_for(row.width).last().unwrap_or(&row.width);
                let target = crate::urls::media_variant(&row.key, widest, "jpg");
                let key = self.key("attachment", &wp_key, &dg);
                let old = [format!("/wp-content/uploads/{}", upload_key(&rel))];
                self.store
                    .import_record(&key, media_id, &old, Some(&target))
                    .await?;
            }
        }
        self.index_picture(item, &rel, media_id).await?;
        Ok(true)
    }

    async fn media_row(&self, id: i64) -> Result<crate::server::store::MediaRow, ImportError> {
        Ok(self
            .store
            .media_by_id(id)
            .await?
            .ok_or(crate::server::store::StoreError::Db(
                sqlx::Error::RowNotFound,
            ))?)
    }

    /// Makes picture `media_id` (attachment `item`, file `rel`) findable by bodies and posts.
    async fn index_picture(
        &mut self,
        item: &Item,
        rel: &str,
        media_id: i64,
    ) -> Result<(), ImportError> {
        let (src, alt, caption) = if media_id < 0 {
            // A dry run's picture to be: any library address does for the conversion.
            let alt = plain(item.meta("_wp_attachment_image_alt").unwrap_or_default());
            let src = format!("/media/{}/1024.jpg", "0".repeat(20));
            (src, alt, plain(&item.excerpt))
        } else {
            let row = self.media_row(media_id).await?;
            let src = crate::urls::media_variant(&row.key, body_width(row.width), "jpg");
            (src, row.alt, row.caption)
        };
        self.pictures.by_file.insert(upload_key(rel), item.post_id);
        if let Some((key, _)) = rel.split_once('/').filter(|(k, _)| is_key(k)) {
            self.pictures.by_key.insert(key.to_string(), item.post_id);
        }
        self.pictures.by_id.insert(
            item.post_id,
            PictureMade {
                media_id,
                src,
                alt,
                caption,
            },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_show_a_column_wide_variant() {
        assert_eq!(body_width(4000), 1024);
        assert_eq!(body_width(900), 768);
        assert_eq!(body_width(200), 200);
    }

    #[test]
    fn attachments_name_files_inside_the_uploads_folder_only() {
        let item = |file: &str, url: &str| Item {
            meta: vec![("_wp_attached_file".into(), file.into())],
            attachment_url: url.into(),
            ..Item::default()
        };
        assert_eq!(
            attached_file(&item("2026/04/ferry.jpg", "")).as_deref(),
            Some("2026/04/ferry.jpg")
        );
        assert_eq!(
            attached_file(&item(
                "",
                "https://old.example/wp-content/uploads/2026/04/caf%C3%A9.jpg"
            ))
            .as_deref(),
            Some("2026/04/café.jpg")
        );
        assert_eq!(attached_file(&item("../../etc/passwd.jpg", "")), None);
        assert_eq!(attached_file(&item("/etc/x.jpg", "")), None);
    }
}
