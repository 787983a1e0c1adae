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
use super::run::{describe, digest, inside, Earlier, ImportError, Importer, PictureMade};
use super::wxr::{plain, Item};
use crate::server::media::{check, widths_for, Upload, UploadError};
use std::collections::HashMap;

/// The imported pictures, by attachment id and by upload key.
#[derive(Debug, Default)]
pub struct PictureIndex {
    by_id: HashMap<i64, PictureMade>,
    by_file: HashMap<String, i64>,
}

impl PictureIndex {
    pub fn get(&self, id: i64) -> Option<&PictureMade> {
        self.by_id.get(&id)
    }
}

impl Pictures for PictureIndex {
    fn picture_for_url(&self, url: &str) -> Option<String> {
        let rel = url.split_once("/wp-content/uploads/")?.1;
        let id = self.by_file.get(&upload_key(rel))?;
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
        if !items.is_empty() && self.options.uploads.is_none() {
            for _ in items {
                self.report.count("pictures", Outcome::Skipped);
            }
            self.report.note(
                0,
                format!("{} pictures", items.len()),
                "not imported: no uploads folder was given (--uploads, a copy of wp-content/uploads)",
            );
            return Ok(());
        }
        progress.start(items.len() as u64);
        for item in items {
            self.import_picture(item).await?;
            progress.advance();
        }
        progress.finish();
        Ok(())
    }

    async fn import_picture(&mut self, item: &Item) -> Result<(), ImportError> {
        let Some(dir) = self.options.uploads.clone() else {
            return Ok(());
        };
        let what = describe(item);
        let Some(rel) = attached_file(item) else {
            self.report.skip(
                "pictures",
                item.line,
                what,
                "its file is not named inside wp-content/uploads",
            );
            return Ok(());
        };
        let path = dir.join(&rel);
        let Ok(bytes) = tokio::fs::read(&path).await else {
            self.report.skip(
                "pictures",
                item.line,
                what,
                format!("{rel} is not in the uploads folder"),
            );
            return Ok(());
        };
        let alt = plain(item.meta("_wp_attachment_image_alt").unwrap_or_default());
        let caption = plain(&item.excerpt);
        let title = plain(&item.title);
        let alt = if alt.is_empty() { title } else { alt };
        let size = bytes.len().to_string();
        let dg = digest(&[&rel, &size, &alt, &caption]);
        let wp_key = item.post_id.to_string();
        let earlier = self.earlier("attachment", &wp_key, &dg, "media").await?;
        let media_id = match earlier {
            Earlier::Same(id) => id,
            _ if self.options.dry_run => match check(&bytes, self.library.limits()) {
                Ok(_) => self.made_up_id(),
                Err(e) => {
                    self.report.skip("pictures", item.line, what, e);
                    return Ok(());
                }
            },
            Earlier::Changed(id) => {
                self.store.save_media_text(id, &alt, &caption, "").await?;
                id
            }
            Earlier::None | Earlier::Deleted => {
                let upload = Upload {
                    bytes,
                    file_name: rel.rsplit('/').next().unwrap_or_default().to_string(),
                    alt: alt.clone(),
                    caption: caption.clone(),
                    credit: String::new(),
                };
                match self.library.accept(upload, None).await {
                    Ok(accepted) => accepted.id,
                    Err(UploadError::Refused(e)) => {
                        self.report.skip("pictures", item.line, what, e);
                        return Ok(());
                    }
                    Err(UploadError::Store(e)) => return Err(e.into()),
                }
            }
        };
        self.report
            .count("pictures", earlier.outcome().or_created());
        if !matches!(earlier, Earlier::Same(_)) {
            self.report.old_links += 1;
        }
        let src = if self.options.dry_run && media_id < 0 {
            format!("/media/{}/{}.jpg", "0".repeat(20), 1024)
        } else {
            let row = self.store.media_by_id(media_id).await?.ok_or(
                crate::server::store::StoreError::Db(sqlx::Error::RowNotFound),
            )?;
            let widest = *widths_for(row.width).last().unwrap_or(&row.width);
            let target = crate::urls::media(&row.key, &format!("{widest}.jpg"));
            if !matches!(earlier, Earlier::Same(_)) {
                let key = self.key("attachment", &wp_key, &dg);
                let old = [format!("/wp-content/uploads/{}", upload_key(&rel))];
                self.store
                    .import_record(&key, media_id, &old, Some(&target))
                    .await?;
            }
            crate::urls::media(&row.key, &format!("{}.jpg", body_width(row.width)))
        };
        self.pictures.by_file.insert(upload_key(&rel), item.post_id);
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

impl Outcome {
    /// A thing deleted here since the last import is made again: created.
    pub fn or_created(self) -> Outcome {
        if self == Outcome::Skipped {
            Outcome::Created
        } else {
            self
        }
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
