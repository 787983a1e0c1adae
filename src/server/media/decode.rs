//! An accepted upload decoded whole, turned upright by its EXIF orientation, and flattened to
//! 8-bit RGB (transparent parts over white, as a page's background shows them): what every
//! variant is made from. Nothing of the file's metadata (EXIF, GPS, XMP, colour profile) comes
//! along: only pixels leave this module.

use super::check::{open, Kind, Limits};
use super::MediaError;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, RgbImage};

/// The upright RGB pixels of an upload already checked as `kind`.
pub fn decode(bytes: &[u8], kind: Kind, limits: &Limits) -> Result<RgbImage, MediaError> {
    let (mut decoder, _, _) = open(bytes, kind, limits)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => MediaError::TooManyPixels {
            width: 0,
            height: 0,
            max_megapixels: limits.max_pixels / 1_000_000,
        },
        _ => MediaError::Damaged,
    })?;
    image.apply_orientation(orientation);
    Ok(flatten(image))
}

/// 8-bit RGB: colour with alpha is laid over white.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = RgbImage::new(width, height);
    for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
        let alpha = u16::from(from[3]);
        for c in 0..3 {
            let over_white = (u16::from(from[c]) * alpha + 255 * (255 - alpha) + 127) / 255;
            to[c] = over_white as u8;
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::media::samples;

    const LIMITS: Limits = Limits {
        max_bytes: 20_000_000,
        max_pixels: 50_000_000,
    };

    #[test]
    fn exif_orientation_6_turns_the_picture_a_quarter_clockwise() {
        // Stored 64×48: its left half red, its right half blue. Orientation 6 shows it turned a
        // quarter clockwise, so the stored left (red) becomes the top.
        let jpeg = samples::jpeg_with_exif(64, 48, 6, false);
        let upright = decode(&jpeg, Kind::Jpeg, &LIMITS).unwrap();
        assert_eq!(upright.dimensions(), (48, 64));
        let top = upright.get_pixel(24, 8);
        let bottom = upright.get_pixel(24, 56);
        assert!(top[0] > 200 && top[2] < 60, "top is red: {top:?}");
        assert!(
            bottom[2] > 200 && bottom[0] < 60,
            "bottom is blue: {bottom:?}"
        );
    }

    #[test]
    fn without_orientation_the_picture_is_as_stored() {
        let jpeg = samples::jpeg(64, 48);
        let image = decode(&jpeg, Kind::Jpeg, &LIMITS).unwrap();
        assert_eq!(image.dimensions(), (64, 48));
        let left = image.get_pixel(8, 24);
        assert!(left[0] > 200 && left[2] < 60, "left is red: {left:?}");
    }

    #[test]
    fn transparency_is_laid_over_white() {
        let png = samples::transparent_png(8, 8);
        let image = decode(&png, Kind::Png, &LIMITS).unwrap();
        assert_eq!(image.get_pixel(0, 0).0, [255, 255, 255]);
    }

    #[test]
    fn a_gif_gives_its_first_frame() {
        let gif = samples::gif(64, 48);
        let image = decode(&gif, Kind::Gif, &LIMITS).unwrap();
        assert_eq!(image.dimensions(), (64, 48));
        let left = image.get_pixel(8, 24);
        assert!(left[0] > 200 && left[2] < 60, "left is red: {left:?}");
    }

    #[test]
    fn a_png_cut_short_cannot_be_decoded() {
        let whole = samples::png(256, 192);
        let cut = &whole[..whole.len() - 40];
        assert_eq!(
            decode(cut, Kind::Png, &LIMITS).unwrap_err(),
            MediaError::Damaged
        );
    }
}
