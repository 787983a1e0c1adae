//! Pictures made in the tests, never downloaded: small JPEGs, PNGs, WebPs and GIFs whose left
//! half is red and right half blue (so a turn or a flip shows), a JPEG with EXIF orientation
//! and GPS tags, and a PNG whose header declares a size it does not hold (a decompression bomb).

use image::codecs::gif::GifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{Delay, DynamicImage, Frame, ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};

const RED: Rgb<u8> = Rgb([230, 20, 20]);
const BLUE: Rgb<u8> = Rgb([20, 20, 230]);

/// Left half red, right half blue.
pub fn halves(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, _| if x < width / 2 { RED } else { BLUE })
}

fn red_and_blue(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(halves(width, height))
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    red_and_blue(width, height)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        .unwrap();
    out
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    red_and_blue(width, height)
        .write_with_encoder(PngEncoder::new(&mut out))
        .unwrap();
    out
}

/// A PNG whose top-left corner is fully transparent.
pub fn transparent_png(width: u32, height: u32) -> Vec<u8> {
    let image = RgbaImage::from_fn(width, height, |x, y| {
        if x == 0 && y == 0 {
            Rgba([0, 0, 0, 0])
        } else {
            Rgba([0, 0, 0, 255])
        }
    });
    let mut out = Vec::new();
    DynamicImage::ImageRgba8(image)
        .write_with_encoder(PngEncoder::new(&mut out))
        .unwrap();
    out
}

pub fn webp(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    red_and_blue(width, height)
        .write_with_encoder(WebPEncoder::new_lossless(&mut out))
        .unwrap();
    out
}

/// An animated GIF: the first frame red and blue halves, the second all green.
pub fn gif(width: u32, height: u32) -> Vec<u8> {
    let first = red_and_blue(width, height).into_rgba8();
    let second = RgbaImage::from_pixel(width, height, Rgba([20, 230, 20, 255]));
    let mut out = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut out);
        let delay = Delay::from_numer_denom_ms(100, 1);
        encoder
            .encode_frames([
                Frame::from_parts(first, 0, 0, delay),
                Frame::from_parts(second, 0, 0, delay),
            ])
            .unwrap();
    }
    out
}

/// A PNG of one IHDR declaring `width`×`height`, one tiny IDAT and IEND: a few dozen bytes
/// that would unpack to gigabytes.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    // 8 bits a channel, RGB, deflate, no filter method, no interlace.
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    // A zlib stream of an empty stored block.
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A JPEG (red and blue halves as stored) with an EXIF block holding `orientation` and, when
/// `gps`, a GPS IFD whose map datum reads `GPS-SAMPLE`.
pub fn jpeg_with_exif(width: u32, height: u32, orientation: u16, gps: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, 90);
    encoder.set_exif_metadata(exif(orientation, gps)).unwrap();
    red_and_blue(width, height)
        .write_with_encoder(encoder)
        .unwrap();
    out
}

/// A big-endian TIFF block: IFD0 with Orientation (and the GPS IFD's offset), then the GPS IFD
/// with GPSLatitudeRef "N" and GPSMapDatum "GPS-SAMPLE".
fn exif(orientation: u16, gps: bool) -> Vec<u8> {
    fn entry(out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]) {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&kind.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        out.extend_from_slice(&value);
    }
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    let mut out = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    let entries: u16 = if gps { 2 } else { 1 };
    out.extend_from_slice(&entries.to_be_bytes());
    let o = orientation.to_be_bytes();
    entry(&mut out, 0x0112, SHORT, 1, [o[0], o[1], 0, 0]);
    let gps_ifd = 8 + 2 + 12 * u32::from(entries) + 4;
    if gps {
        entry(&mut out, 0x8825, LONG, 1, gps_ifd.to_be_bytes());
    }
    out.extend_from_slice(&0u32.to_be_bytes());
    if gps {
        assert_eq!(out.len() as u32, gps_ifd);
        let datum = b"GPS-SAMPLE\0";
        let datum_at = gps_ifd + 2 + 12 * 2 + 4;
        out.extend_from_slice(&2u16.to_be_bytes());
        entry(&mut out, 0x0001, ASCII, 2, *b"N\0\0\0");
        entry(
            &mut out,
            0x0012,
            ASCII,
            datum.len() as u32,
            datum_at.to_be_bytes(),
        );
        out.extend_from_slice(&0u32.to_be_bytes());
        out.extend_from_slice(datum);
    }
    out
}

/// Whether `bytes` contain `needle` anywhere.
pub fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// Whether a JPEG has an EXIF or XMP segment (APP1), or a WebP an `EXIF` or `XMP ` chunk, read
/// from the file's structure.
pub fn has_exif_or_xmp(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"RIFF") {
        let mut at = 12;
        while at + 8 <= bytes.len() {
            let kind = &bytes[at..at + 4];
            if kind == b"EXIF" || kind == b"XMP " {
                return true;
            }
            let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
            at += 8 + len + (len & 1);
        }
        return false;
    }
    assert_eq!(&bytes[..2], [0xFF, 0xD8], "a JPEG");
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xDA {
            return false;
        }
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        if marker == 0xE1 {
            return true;
        }
        at += 2 + len;
    }
    false
}
