//! `timelines media-bench`: how long making every variant of one upload takes, on this machine,
//! in this build (the budget: a 12-megapixel JPEG in 2 s or less). Without a file, a
//! 4000×3000 JPEG is drawn first: gradients, shapes and fine grain, so the encoders meet detail
//! like a photo's (flat colour would flatter them).

use super::{make, Limits, Made, MediaError};
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder, RgbImage};
use std::time::{Duration, Instant};

/// A photo-like JPEG, `width`×`height`, drawn from a seed (the same every time).
pub fn synthetic_photo(width: u32, height: u32) -> Vec<u8> {
    let mut seed: u32 = 0x9E37_79B9;
    let mut grain = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        (seed % 23) as i32 - 11
    };
    let (w, h) = (width as f32, height as f32);
    let image = RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / w, y as f32 / h);
        // Sky to ground, a sun, and ridges of hills.
        let ridge = 0.55 + 0.08 * (fx * 9.0).sin() + 0.04 * (fx * 23.0).cos();
        let sun = ((fx - 0.7).powi(2) + (fy - 0.25).powi(2)).sqrt() < 0.08;
        let base = if sun {
            [250.0, 220.0, 120.0]
        } else if fy < ridge {
            [90.0 + 100.0 * fy, 140.0 + 80.0 * fy, 230.0 - 40.0 * fy]
        } else {
            let stripes = 20.0 * ((fx * 140.0).sin() * (fy * 90.0).cos());
            [60.0 + stripes, 110.0 + 60.0 * fy + stripes, 50.0]
        };
        let n = grain();
        image::Rgb(base.map(|c| (c as i32 + n).clamp(0, 255) as u8))
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(image.as_raw(), width, height, ExtendedColorType::Rgb8)
        .expect("encoding into memory");
    out
}

/// The times of `rounds` runs of [`make`] over `bytes` (after one run to warm up), fastest
/// first, and what the last run made.
pub fn time_make(
    bytes: &[u8],
    limits: &Limits,
    rounds: u32,
) -> Result<(Vec<Duration>, Made), MediaError> {
    let mut made = make(bytes, limits)?;
    let mut times = Vec::with_capacity(rounds as usize);
    for _ in 0..rounds {
        let started = Instant::now();
        made = make(bytes, limits)?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times, made))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_synthetic_photo_is_a_jpeg_of_the_size_asked_and_always_the_same() {
        let a = synthetic_photo(200, 150);
        assert_eq!(&a[..2], [0xFF, 0xD8]);
        let image = image::load_from_memory(&a).unwrap();
        assert_eq!((image.width(), image.height()), (200, 150));
        assert_eq!(a, synthetic_photo(200, 150));
    }

    #[test]
    fn timing_reports_each_round_and_what_was_made() {
        let limits = Limits {
            max_bytes: 20_000_000,
            max_pixels: 50_000_000,
        };
        let (times, made) = time_make(&synthetic_photo(400, 300), &limits, 2).unwrap();
        assert_eq!(times.len(), 2);
        assert!(times[0] <= times[1]);
        assert_eq!(made.widths, vec![320]);
    }
}
