//! Every variant of an upload, made in memory: checked, decoded upright, resized to each width
//! (widest first, each narrower one from the one before: the same look at a fraction of the
//! work) and to the share card (from the original), each encoded as WebP and JPEG. Slow work:
//! called on a blocking thread (`worker.rs`) or by `timelines media-bench`.

use super::check::{check, Limits};
use super::decode::decode;
use super::variants::{height_at, resize, share_card_size, widths_for};
use super::{encode, MediaError};
use image::RgbImage;

/// One file of a picture, named as it is stored under the picture's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MadeFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What was made of an upload.
#[derive(Debug, Clone)]
pub struct Made {
    /// The picture's size as shown (upright).
    pub width: u32,
    pub height: u32,
    /// The widths made, narrowest first.
    pub widths: Vec<u32>,
    /// `<width>.webp` and `<width>.jpg` for each width, then `share.jpg`.
    pub files: Vec<MadeFile>,
}

/// The variants of upload `bytes`.
pub fn make(bytes: &[u8], limits: &Limits) -> Result<Made, MediaError> {
    let checked = check(bytes, limits)?;
    let original = decode(bytes, checked.kind, limits)?;
    let (width, height) = original.dimensions();
    let widths = widths_for(width);
    // Widest first, each narrower one from the one before; listed narrowest first.
    let mut pairs: Vec<[MadeFile; 2]> = Vec::with_capacity(widths.len());
    let mut larger: Option<RgbImage> = None;
    for &w in widths.iter().rev() {
        let source = larger.as_ref().unwrap_or(&original);
        let variant = resize(source, w, height_at(width, height, w), None)?;
        pairs.push([
            MadeFile {
                name: format!("{w}.webp"),
                bytes: encode::webp(&variant)?,
            },
            MadeFile {
                name: format!("{w}.jpg"),
                bytes: encode::jpeg(&variant)?,
            },
        ]);
        larger = Some(variant);
    }
    let mut files: Vec<MadeFile> = pairs.into_iter().rev().flatten().collect();
    let (crop, (cw, ch)) = share_card_size(width, height);
    let card = resize(&original, cw, ch, Some(crop))?;
    files.push(MadeFile {
        name: "share.jpg".into(),
        bytes: encode::jpeg(&card)?,
    });
    Ok(Made {
        width,
        height,
        widths,
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::media::samples;

    const LIMITS: Limits = Limits {
        max_bytes: 20_000_000,
        max_pixels: 50_000_000,
    };

    fn size_of(file: &MadeFile) -> (u32, u32) {
        let image = image::load_from_memory(&file.bytes).unwrap();
        (image.width(), image.height())
    }

    fn names(made: &Made) -> Vec<&str> {
        made.files.iter().map(|f| f.name.as_str()).collect()
    }

    #[test]
    fn a_large_photo_gets_every_width_in_webp_and_jpeg_and_a_share_card() {
        let made = make(&samples::jpeg(2000, 1500), &LIMITS).unwrap();
        assert_eq!((made.width, made.height), (2000, 1500));
        assert_eq!(made.widths, vec![320, 480, 768, 1024, 1600]);
        assert_eq!(
            names(&made),
            [
                "320.webp",
                "320.jpg",
                "480.webp",
                "480.jpg",
                "768.webp",
                "768.jpg",
                "1024.webp",
                "1024.jpg",
                "1600.webp",
                "1600.jpg",
                "share.jpg"
            ]
        );
        let expected = [
            (320, 240),
            (480, 360),
            (768, 576),
            (1024, 768),
            (1600, 1200),
        ];
        for (pair, size) in made.files.chunks(2).zip(expected) {
            assert_eq!(size_of(&pair[0]), size, "{}", pair[0].name);
            assert_eq!(size_of(&pair[1]), size, "{}", pair[1].name);
            assert_eq!(&pair[0].bytes[8..12], b"WEBP");
            assert_eq!(&pair[1].bytes[..2], [0xFF, 0xD8]);
        }
        assert_eq!(size_of(made.files.last().unwrap()), (1200, 630));
    }

    #[test]
    fn nothing_is_upscaled() {
        let made = make(&samples::png(700, 500), &LIMITS).unwrap();
        assert_eq!(made.widths, vec![320, 480]);
        assert!(made.files.iter().all(|f| size_of(f).0 <= 700));
        // The card is the largest 1200:630 crop, at the original's own size.
        assert_eq!(size_of(made.files.last().unwrap()), (700, 368));
    }

    #[test]
    fn a_narrow_original_gets_one_variant_at_its_own_width() {
        let made = make(&samples::gif(200, 100), &LIMITS).unwrap();
        assert_eq!(made.widths, vec![200]);
        assert_eq!(names(&made), ["200.webp", "200.jpg", "share.jpg"]);
        assert_eq!(size_of(&made.files[0]), (200, 100));
        assert_eq!(size_of(&made.files[1]), (200, 100));
        assert_eq!(size_of(&made.files[2]), (190, 100));
    }

    #[test]
    fn variants_are_made_upright() {
        let made = make(&samples::jpeg_with_exif(640, 400, 6, false), &LIMITS).unwrap();
        assert_eq!((made.width, made.height), (400, 640));
        assert_eq!(made.widths, vec![320]);
        assert_eq!(size_of(&made.files[1]), (320, 512));
    }

    #[test]
    fn a_photo_with_gps_exif_yields_variants_without_any_metadata() {
        let upload = samples::jpeg_with_exif(800, 600, 1, true);
        assert!(samples::has_exif_or_xmp(&upload), "the sample carries EXIF");
        assert!(samples::contains(&upload, b"GPS-SAMPLE"), "and a GPS IFD");
        let made = make(&upload, &LIMITS).unwrap();
        for file in &made.files {
            assert!(!samples::has_exif_or_xmp(&file.bytes), "{}", file.name);
            assert!(
                !samples::contains(&file.bytes, b"GPS-SAMPLE"),
                "{}",
                file.name
            );
        }
    }

    #[test]
    fn a_refused_upload_makes_nothing() {
        assert_eq!(make(b"", &LIMITS).unwrap_err(), MediaError::Empty);
        let bomb = samples::png_declaring(100_000, 100_000);
        assert!(matches!(
            make(&bomb, &LIMITS),
            Err(MediaError::TooManyPixels { .. })
        ));
    }
}
