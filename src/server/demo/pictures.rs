//! The demo newsroom's pictures put in place at its first start: every demo article's
//! illustration (`illustrations.rs`) goes into the media library as an upload would (checked,
//! kept, its variants made) and becomes the article's featured image, with the illustration's
//! alt text in the article's language and a credit naming who drew it.

use super::illustrations;
use super::{articles, DemoError};
use crate::server::media::{MediaLibrary, Upload, UploadError};
use crate::server::store::{FeaturedText, NewArticle, StoreError};
use std::sync::Arc;

/// The credit under every demo picture, in the article's language.
fn credit(lang: &str) -> &'static str {
    if lang == "ar" {
        "رسم: مكتب تايملاينز"
    } else {
        "Illustration: the Timelines desk"
    }
}

/// Why the demo's pictures could not be put in place.
#[derive(Debug, thiserror::Error)]
pub enum PicturesError {
    #[error(transparent)]
    Demo(#[from] DemoError),
    #[error("a demo picture was refused: {0}")]
    Upload(#[from] UploadError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("drawing the demo pictures stopped: {0}")]
    Drawing(String),
}

/// Draws every demo article's picture, adds each to the library and makes it the article's
/// featured image, then waits until every variant is made. Returns how many articles got one.
pub async fn attach(media: &Arc<MediaLibrary>) -> Result<usize, PicturesError> {
    // The articles' dates play no part in their pictures.
    let all = articles(time::OffsetDateTime::UNIX_EPOCH)?;
    attach_to(media, all).await
}

/// Articles drawn at a time: the pictures of a batch are held as pixels (6 MB each) until
/// encoded, so batches keep that to tens of megabytes while every core draws.
const BATCH: usize = 8;

/// [`attach`] for some of the demo's articles.
pub async fn attach_to(
    media: &Arc<MediaLibrary>,
    articles: Vec<NewArticle>,
) -> Result<usize, PicturesError> {
    let mut attached = 0;
    for batch in articles.chunks(BATCH) {
        let batch = batch.to_vec();
        let drawn = tokio::task::spawn_blocking(move || {
            illustrations::draw_all_then(&batch, |article, picture| Drawn {
                jpeg: illustrations::encode(&picture),
                slug: article.slug.clone(),
                lang: article.lang.clone(),
                alt: picture.alt,
            })
        })
        .await
        .map_err(|e| PicturesError::Drawing(e.to_string()))?;
        attached += attach_drawn(media, drawn).await?;
    }
    media.settled().await;
    Ok(attached)
}

/// An article's picture, drawn and encoded.
struct Drawn {
    slug: String,
    lang: String,
    alt: String,
    jpeg: Vec<u8>,
}

/// Adds drawn pictures to the library as their articles' featured images; returns how many
/// articles got one.
async fn attach_drawn(
    media: &Arc<MediaLibrary>,
    drawn: Vec<Drawn>,
) -> Result<usize, PicturesError> {
    let store = media.store();
    let mut attached = 0;
    for Drawn {
        slug,
        lang,
        alt,
        jpeg,
    } in drawn
    {
        let upload = Upload {
            bytes: jpeg,
            file_name: format!("{slug}.jpg"),
            alt: alt.clone(),
            caption: String::new(),
            credit: credit(&lang).to_string(),
        };
        let accepted = media.accept(upload, None).await?;
        let text = FeaturedText {
            alt,
            caption: String::new(),
            credit: credit(&lang).to_string(),
        };
        if store.set_featured_image(&slug, accepted.id, &text).await? {
            attached += 1;
        }
    }
    Ok(attached)
}
