//! The sizes made of a picture and the resizing that makes them (`fast_image_resize`, Lanczos3,
//! SIMD): widths for `srcset`, never wider than the original, and the 1200×630 share card,
//! centre-cropped, never upscaled.

use super::MediaError;
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;

/// The widths a picture is made in, narrowest first.
pub const WIDTHS: [u32; 5] = [320, 480, 768, 1024, 1600];

/// The share card's size (Open Graph and Twitter's large card: 1.91:1).
pub const SHARE_CARD: (u32, u32) = (1200, 630);

/// The widths made of an original `width` pixels wide: those of [`WIDTHS`] not wider than it,
/// or, for an original narrower than them all, its own width alone.
pub fn widths_for(width: u32) -> Vec<u32> {
    let fitting: Vec<u32> = WIDTHS.into_iter().filter(|w| *w <= width).collect();
    if fitting.is_empty() {
        vec![width]
    } else {
        fitting
    }
}

/// The height of a variant `to_width` wide of an original `width`×`height`: proportional,
/// rounded, at least 1.
pub fn height_at(width: u32, height: u32, to_width: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to_width) + u64::from(width) / 2) / u64::from(width);
    h.max(1) as u32
}

/// A centred crop of an image: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crop {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

/// The share card of an original `width`×`height`: the largest centred crop in the card's
/// proportions, and the card's size (1200×630, or the crop's own size when it is smaller).
pub fn share_card_size(width: u32, height: u32) -> (Crop, (u32, u32)) {
    let (cw, ch) = (u64::from(SHARE_CARD.0), u64::from(SHARE_CARD.1));
    let (w, h) = (u64::from(width), u64::from(height));
    // As wide as the height allows in the card's proportions, or the whole width.
    let crop_w = ((h * cw + ch / 2) / ch).clamp(1, w);
    let crop_h = ((crop_w * ch + cw / 2) / cw).clamp(1, h);
    let crop = Crop {
        left: ((w - crop_w) / 2) as u32,
        top: ((h - crop_h) / 2) as u32,
        width: crop_w as u32,
        height: crop_h as u32,
    };
    let size = if crop_w >= cw {
        SHARE_CARD
    } else {
        (crop.width, crop.height)
    };
    (crop, size)
}

/// `image` resized to `width`×`height` (the part `crop` of it, when given).
pub fn resize(
    image: &RgbImage,
    width: u32,
    height: u32,
    crop: Option<Crop>,
) -> Result<RgbImage, MediaError> {
    let (sw, sh) = image.dimensions();
    let whole = Crop {
        left: 0,
        top: 0,
        width: sw,
        height: sh,
    };
    let crop = crop.unwrap_or(whole);
    if (width, height) == (crop.width, crop.height) && crop == whole {
        return Ok(image.clone());
    }
    let src = ImageRef::new(sw, sh, image.as_raw(), PixelType::U8x3)
        .map_err(|e| MediaError::internal("reading pixels to resize failed", e))?;
    let mut dst = Image::new(width, height, PixelType::U8x3);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .crop(
            f64::from(crop.left),
            f64::from(crop.top),
            f64::from(crop.width),
            f64::from(crop.height),
        );
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| MediaError::internal("resizing a picture failed", e))?;
    RgbImage::from_raw(width, height, dst.into_vec())
        .ok_or_else(|| MediaError::internal("resizing a picture failed", "buffer size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_widths_not_wider_than_the_original_are_made() {
        assert_eq!(widths_for(4000), vec![320, 480, 768, 1024, 1600]);
        assert_eq!(widths_for(1600), vec![320, 480, 768, 1024, 1600]);
        assert_eq!(widths_for(1599), vec![320, 480, 768, 1024]);
        assert_eq!(widths_for(800), vec![320, 480, 768]);
        assert_eq!(widths_for(320), vec![320]);
    }

    #[test]
    fn an_original_narrower_than_320_gets_one_variant_at_its_own_width() {
        assert_eq!(widths_for(319), vec![319]);
        assert_eq!(widths_for(1), vec![1]);
    }

    #[test]
    fn heights_keep_the_proportions() {
        assert_eq!(height_at(4000, 3000, 1600), 1200);
        assert_eq!(height_at(4000, 3000, 320), 240);
        assert_eq!(height_at(1000, 333, 320), 107);
        assert_eq!(height_at(5000, 1, 320), 1);
    }

    #[test]
    fn the_share_card_is_1200_by_630_from_a_centred_crop() {
        let (crop, size) = share_card_size(4000, 3000);
        assert_eq!(size, (1200, 630));
        assert_eq!((crop.width, crop.height), (4000, 2100));
        assert_eq!((crop.left, crop.top), (0, 450));
        // A tall original: the full width, the middle band.
        let (crop, size) = share_card_size(1500, 3000);
        assert_eq!(size, (1200, 630));
        assert_eq!((crop.width, crop.height, crop.top), (1500, 788, 1106));
        // A wide panorama: the full height, the middle.
        let (crop, _) = share_card_size(6000, 1000);
        assert_eq!((crop.width, crop.height, crop.left), (1905, 1000, 2047));
    }

    #[test]
    fn a_small_original_gives_a_smaller_card_never_upscaled() {
        let (crop, size) = share_card_size(800, 600);
        assert_eq!((crop.width, crop.height), (800, 420));
        assert_eq!(size, (800, 420));
        let (_, size) = share_card_size(1000, 300);
        assert_eq!(size, (571, 300));
    }

    #[test]
    fn resizing_gives_the_size_asked_for() {
        let image = RgbImage::from_pixel(400, 300, image::Rgb([10, 200, 30]));
        let small = resize(&image, 320, 240, None).unwrap();
        assert_eq!(small.dimensions(), (320, 240));
        let p = small.get_pixel(160, 120);
        assert!((i32::from(p[1]) - 200).abs() <= 2, "{p:?}");
        let (crop, (w, h)) = share_card_size(400, 300);
        let card = resize(&image, w, h, Some(crop)).unwrap();
        assert_eq!(card.dimensions(), (400, 210));
    }
}
