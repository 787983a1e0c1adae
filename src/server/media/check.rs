//! What an upload is, decided from its bytes and never from its name: JPEG, PNG, WebP or GIF
//! (whose first frame is used), each recognised by its signature and opened by its decoder.
//! Refused before anything is decoded: an empty file, one over the size cap, one whose header
//! declares more pixels than the pixel cap (a decompression bomb is never unpacked), SVG (it can
//! carry scripts), other formats, and files that are no image. A JPEG must also end with its
//! end-of-image marker, so a truncated upload is refused at once rather than stored.

use super::MediaError;
use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;

/// What an upload may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_pixels: u64,
}

impl Limits {
    pub fn of(config: &crate::server::config::MediaConfig) -> Self {
        Self {
            max_bytes: u64::from(config.max_upload_megabytes) * 1_000_000,
            max_pixels: u64::from(config.max_megapixels) * 1_000_000,
        }
    }

    pub fn max_megabytes(&self) -> u64 {
        self.max_bytes / 1_000_000
    }

    /// What the decoder may allocate: the largest image allowed at 16 bits a channel with
    /// alpha (8 bytes a pixel), which no image within the pixel cap needs more than.
    pub(super) fn decoder_limits(&self) -> image::Limits {
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(self.max_pixels.saturating_mul(8).max(64 * 1024 * 1024));
        limits
    }
}

/// The formats accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl Kind {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    pub(super) fn format(self) -> ImageFormat {
        match self {
            Self::Jpeg => ImageFormat::Jpeg,
            Self::Png => ImageFormat::Png,
            Self::Webp => ImageFormat::WebP,
            Self::Gif => ImageFormat::Gif,
        }
    }
}

/// An upload that passed the checks: its format and its size as shown (after its EXIF
/// orientation: a portrait photo stored sideways is portrait here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
}

/// Checks an upload without decoding its pixels.
pub fn check(bytes: &[u8], limits: &Limits) -> Result<Checked, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if bytes.len() as u64 > limits.max_bytes {
        return Err(MediaError::TooLarge {
            max_megabytes: limits.max_megabytes(),
        });
    }
    let kind = sniff(bytes)?;
    let (mut decoder, width, height) = open(bytes, kind, limits)?;
    if kind == Kind::Jpeg && !ends_with_end_of_image(bytes) {
        return Err(MediaError::Damaged);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = if turns_sideways(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Checked {
        kind,
        width,
        height,
    })
}

/// The decoder of an upload already sniffed as `kind`, with its stored size, after the pixel
/// cap: the header is read, no pixel is. The decoder's own allocation limit is set only once
/// the size is known to be within the cap, so a bomb is refused with its size named.
pub(super) fn open<'a>(
    bytes: &'a [u8],
    kind: Kind,
    limits: &Limits,
) -> Result<(impl ImageDecoder + 'a, u32, u32), MediaError> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
    reader.no_limits();
    let mut decoder = reader.into_decoder().map_err(|_| MediaError::Damaged)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(MediaError::Damaged);
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            max_megapixels: limits.max_pixels / 1_000_000,
        });
    }
    decoder
        .set_limits(limits.decoder_limits())
        .map_err(|_| MediaError::TooManyPixels {
            width,
            height,
            max_megapixels: limits.max_pixels / 1_000_000,
        })?;
    Ok((decoder, width, height))
}

/// The format an upload's first bytes announce.
fn sniff(bytes: &[u8]) -> Result<Kind, MediaError> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Ok(Kind::Jpeg),
        Ok(ImageFormat::Png) => Ok(Kind::Png),
        Ok(ImageFormat::WebP) => Ok(Kind::Webp),
        Ok(ImageFormat::Gif) => Ok(Kind::Gif),
        Ok(other) => Err(MediaError::Unsupported(
            other.extensions_str().first().map_or("These", |e| {
                // The format's usual name: its first extension in capitals.
                match *e {
                    "avif" => "AVIF",
                    "bmp" => "BMP",
                    "tiff" | "tif" => "TIFF",
                    "ico" => "ICO",
                    "hdr" => "HDR",
                    "exr" => "OpenEXR",
                    "qoi" => "QOI",
                    "tga" => "TGA",
                    "dds" => "DDS",
                    _ => "These",
                }
            }),
        )),
        Err(_) if looks_like_svg(bytes) => Err(MediaError::Svg),
        Err(_) => Err(MediaError::NotAnImage),
    }
}

/// An SVG document (or SVG behind an XML declaration, a byte-order mark or a comment): the
/// start of the file names an `<svg` element.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    text.contains("<svg")
}

/// Whether a JPEG ends with its end-of-image marker (`FF D9`), allowing trailing zero padding
/// or data some cameras append after it: the marker must appear within the file's last 64 KiB
/// after its last scan began. A file cut short ends inside its compressed data, where `FF` is
/// always followed by `00` or a restart marker, never by `D9`.
fn ends_with_end_of_image(bytes: &[u8]) -> bool {
    let last_scan = bytes
        .windows(2)
        .rposition(|w| w == [0xFF, 0xDA])
        .unwrap_or(0);
    let tail_start = last_scan.max(bytes.len().saturating_sub(64 * 1024));
    bytes[tail_start..].windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Whether an orientation swaps width and height (a quarter turn, with or without a flip).
pub(super) fn turns_sideways(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
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
    fn jpeg_png_webp_and_gif_are_recognised_from_their_bytes() {
        let cases = [
            (samples::jpeg(64, 48), Kind::Jpeg),
            (samples::png(64, 48), Kind::Png),
            (samples::webp(64, 48), Kind::Webp),
            (samples::gif(64, 48), Kind::Gif),
        ];
        for (bytes, kind) in cases {
            let c = check(&bytes, &LIMITS).unwrap();
            assert_eq!((c.kind, c.width, c.height), (kind, 64, 48), "{kind:?}");
        }
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert_eq!(check(b"", &LIMITS), Err(MediaError::Empty));
    }

    #[test]
    fn a_file_over_the_size_cap_is_refused_before_it_is_read() {
        let small = Limits {
            max_bytes: 1_000_000,
            ..LIMITS
        };
        let bytes = vec![0xFF; 1_000_001];
        assert_eq!(
            check(&bytes, &small),
            Err(MediaError::TooLarge { max_megabytes: 1 })
        );
        assert_eq!(
            check(&bytes, &small).unwrap_err().status(),
            axum::http::StatusCode::PAYLOAD_TOO_LARGE
        );
    }

    #[test]
    fn text_named_jpg_is_not_an_image() {
        let text = b"Dear editor, here is the picture you asked for.\n";
        assert_eq!(check(text, &LIMITS), Err(MediaError::NotAnImage));
    }

    #[test]
    fn svg_is_refused_with_its_own_reason() {
        let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(check(svg, &LIMITS), Err(MediaError::Svg));
        let bare = b"\xEF\xBB\xBF  <SVG width='10' height='10'></SVG>";
        assert_eq!(check(bare, &LIMITS), Err(MediaError::Svg));
    }

    #[test]
    fn other_image_formats_are_refused_by_name() {
        let bmp = [b"BM".as_slice(), &[0; 60]].concat();
        assert_eq!(check(&bmp, &LIMITS), Err(MediaError::Unsupported("BMP")));
    }

    #[test]
    fn a_truncated_jpeg_is_refused() {
        let whole = samples::jpeg(256, 192);
        let cut = &whole[..whole.len() / 2];
        assert_eq!(check(cut, &LIMITS), Err(MediaError::Damaged));
        // Only its first bytes: the header itself is cut.
        assert_eq!(check(&whole[..40], &LIMITS), Err(MediaError::Damaged));
    }

    #[test]
    fn a_png_bomb_is_refused_from_its_header_without_being_unpacked() {
        // 100,000 × 100,000 pixels declared (10 gigapixels, 30 GB as RGB) in a file of 60 bytes.
        let bomb = samples::png_declaring(100_000, 100_000);
        assert!(bomb.len() < 100);
        assert_eq!(
            check(&bomb, &LIMITS),
            Err(MediaError::TooManyPixels {
                width: 100_000,
                height: 100_000,
                max_megapixels: 50
            })
        );
        // Just over the cap is refused too; the message names both.
        let over = samples::png_declaring(10_000, 5_001);
        let e = check(&over, &LIMITS).unwrap_err();
        assert!(e.to_string().contains("10000×5001"), "{e}");
        assert!(e.to_string().contains("50 megapixels"), "{e}");
    }

    #[test]
    fn a_sideways_photo_is_measured_as_it_is_shown() {
        // Stored 64 wide and 48 high, with EXIF orientation 6 (turn a quarter clockwise).
        let jpeg = samples::jpeg_with_exif(64, 48, 6, false);
        let c = check(&jpeg, &LIMITS).unwrap();
        assert_eq!((c.width, c.height), (48, 64));
    }
}
