//! Pictures uploaded in the newsroom: checked from their bytes, kept as originals, and made into
//! the sizes readers fetch.
//!
//! An upload is checked on the request path (`check.rs`: what it is from its bytes, never its
//! name; its size, and its pixel count from the header before anything is decoded), kept under
//! its content key (`key.rs`), and answered at once; its variants are made in the background
//! (`library.rs`: one picture at a time on a blocking thread; `decode.rs`, `variants.rs`,
//! `encode.rs`, assembled by `make.rs`) and written beside it (`files.rs`); the memory a job
//! used goes back to the system at its end (`memory.rs`). `bench.rs` times
//! it (`timelines media-bench`). AVIF is not made: rav1e (through `ravif`) took 1.3 s for the
//! 1600-wide variant alone here at its fastest speed with its assembly, 2.8 s without, against
//! a budget of 2 s for every variant of a 12-megapixel photo.
//!
//! # For reader pages
//!
//! `ArticleRow::featured_image()` (read in the same query as the article rows reader pages
//! list; `Store::featured_image(article_id)` for one article) gives an article's featured image
//! once its variants are made: the key, the picture's width and
//! height, the widths made (narrowest first), and the article's alt text, caption and credit.
//! Build `srcset` from the widths (`/media/<key>/<w>.webp` and `.jpg`, each `<w>w`), each
//! variant's height being `height_at(width, height, w)`; the share card's size is
//! `share_card_size(width, height).1`.
//!
//! # Files and URLs
//!
//! A picture's key is the first 20 hexadecimal digits of the SHA-256 of the uploaded bytes, so
//! the same upload always has the same key and a changed picture has a new one: its files can be
//! cached for good. Under the media folder (`[media] dir`):
//!
//! | file | URL | what |
//! | --- | --- | --- |
//! | `<key>/<width>.webp` | `/media/<key>/<width>.webp` | lossy WebP, `width` one of [`WIDTHS`] |
//! | `<key>/<width>.jpg` | `/media/<key>/<width>.jpg` | baseline JPEG, the same widths |
//! | `<key>/share.jpg` | `/media/<key>/share.jpg` | the 1200×630 share card (Open Graph) |
//! | `originals/<key>` | never served | the upload as it came, to make variants again |
//!
//! The widths made for a picture are those of [`WIDTHS`] not wider than the original (an
//! original narrower than the smallest gets one variant at its own width); each variant keeps
//! the original's proportions, its height rounded. Nothing is upscaled: the share card of an
//! original smaller than 1200×630 is the largest 1200:630 crop of it at its own size. Every file
//! is answered with `Cache-Control: public, max-age=31536000, immutable`.

pub mod bench;
mod check;
mod decode;
mod encode;
mod error;
pub mod files;
pub mod key;
mod library;
mod make;
pub mod memory;
mod variants;

pub use check::{check, Checked, Kind, Limits};
pub use error::MediaError;
pub use files::MediaDir;
pub use library::{Accepted, MediaLibrary, Upload, UploadError};
pub use make::{make, Made, MadeFile};
pub use variants::{height_at, share_card_size, widths_for, SHARE_CARD, WIDTHS};

#[cfg(test)]
pub(crate) mod samples;
