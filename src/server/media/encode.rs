//! Variants written out: lossy WebP (libwebp) and baseline JPEG (`jpeg-encoder`, which takes half
//! the time of `image`'s own encoder and is the one the demo pictures use too), from RGB pixels
//! alone, so no metadata of the upload can reach them.

use super::MediaError;
use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder};

/// WebP quality (0–100): libwebp's default, where photos keep their detail at about two thirds
/// of the JPEG's bytes.
const WEBP_QUALITY: f32 = 75.0;
/// JPEG quality (1–100).
const JPEG_QUALITY: u8 = 80;

pub fn webp(image: &RgbImage) -> Result<Vec<u8>, MediaError> {
    let (width, height) = image.dimensions();
    webp::Encoder::from_rgb(image.as_raw(), width, height)
        .encode_simple(false, WEBP_QUALITY)
        .map(|memory| memory.to_vec())
        .map_err(|e| MediaError::internal("encoding a WebP variant failed", format!("{e:?}")))
}

pub fn jpeg(image: &RgbImage) -> Result<Vec<u8>, MediaError> {
    let (width, height) = image.dimensions();
    let too_big = || {
        MediaError::internal(
            "encoding a JPEG variant failed",
            "wider or taller than 65,535 pixels",
        )
    };
    let (width, height) = (
        u16::try_from(width).map_err(|_| too_big())?,
        u16::try_from(height).map_err(|_| too_big())?,
    );
    let mut out = Vec::with_capacity(image.as_raw().len() / 8);
    Encoder::new(&mut out, JPEG_QUALITY)
        .encode(image.as_raw(), width, height, ColorType::Rgb)
        .map_err(|e| MediaError::internal("encoding a JPEG variant failed", e))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_encodings_decode_to_the_same_size() {
        let image = RgbImage::from_pixel(33, 17, image::Rgb([200, 100, 50]));
        let webp = webp(&image).unwrap();
        assert_eq!(&webp[..4], b"RIFF");
        assert_eq!(&webp[8..12], b"WEBP");
        let back = image::load_from_memory(&webp).unwrap();
        assert_eq!((back.width(), back.height()), (33, 17));
        let jpeg = jpeg(&image).unwrap();
        assert_eq!(&jpeg[..2], [0xFF, 0xD8]);
        let back = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((back.width(), back.height()), (33, 17));
    }
}
