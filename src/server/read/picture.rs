//! A featured image as pages show it: `srcset`s of its WebP and JPEG variants, the fallback
//! JPEG, and the widest variant and share card that search engines and share cards use.

use crate::model::{Image, Picture};
use crate::server::media::{height_at, share_card_size};
use crate::server::store::FeaturedImage;
use crate::urls;

/// The fallback JPEG's width: the widest variant up to this (old browsers, and what a browser
/// shows before it reads `srcset`).
const FALLBACK_WIDTH: u32 = 1024;

pub fn picture(f: FeaturedImage) -> Option<Picture> {
    let widest_w = *f.widths.last()?;
    let file = |w: u32, ext: &str| urls::media_variant(&f.key, w, ext);
    let image = |w: u32| Image {
        src: file(w, "jpg"),
        width: w,
        height: height_at(f.width, f.height, w),
        alt: f.alt.clone(),
    };
    let fallback_w = f
        .widths
        .iter()
        .copied()
        .rfind(|w| *w <= FALLBACK_WIDTH)
        .unwrap_or(widest_w);
    let widest = image(widest_w);
    let (_, (share_w, share_h)) = share_card_size(f.width, f.height);
    Some(Picture {
        // The widest variant's size: the attributes give the proportions, CSS the width.
        fallback: Image {
            src: file(fallback_w, "jpg"),
            width: widest.width,
            height: widest.height,
            alt: f.alt.clone(),
        },
        srcset_webp: urls::media_srcset(&f.key, &f.widths, "webp"),
        srcset_jpeg: urls::media_srcset(&f.key, &f.widths, "jpg"),
        share_card: Image {
            src: urls::media(&f.key, "share.jpg"),
            width: share_w,
            height: share_h,
            alt: f.alt.clone(),
        },
        widest,
        caption: f.caption,
        credit: f.credit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn featured(width: u32, height: u32, widths: &[u32]) -> FeaturedImage {
        FeaturedImage {
            key: "0123456789abcdef0123".into(),
            width,
            height,
            widths: widths.to_vec(),
            alt: "A harbour at dusk".into(),
            caption: "The old port".into(),
            credit: "Photo: the desk".into(),
        }
    }

    #[test]
    fn a_large_picture_gets_every_width_in_both_formats_and_a_full_share_card() {
        let p = picture(featured(4000, 3000, &[320, 480, 768, 1024, 1600])).unwrap();
        let k = "/media/0123456789abcdef0123";
        assert_eq!(
            p.srcset_webp,
            format!("{k}/320.webp 320w, {k}/480.webp 480w, {k}/768.webp 768w, {k}/1024.webp 1024w, {k}/1600.webp 1600w")
        );
        assert!(p.srcset_jpeg.starts_with(&format!("{k}/320.jpg 320w, ")));
        assert_eq!(p.fallback.src, format!("{k}/1024.jpg"));
        assert_eq!((p.fallback.width, p.fallback.height), (1600, 1200));
        assert_eq!(p.widest.src, format!("{k}/1600.jpg"));
        assert_eq!(p.share_card.src, format!("{k}/share.jpg"));
        assert_eq!((p.share_card.width, p.share_card.height), (1200, 630));
        assert_eq!(p.fallback.alt, "A harbour at dusk");
        assert_eq!(
            (p.caption.as_str(), p.credit.as_str()),
            ("The old port", "Photo: the desk")
        );
    }

    #[test]
    fn a_small_picture_keeps_its_own_sizes() {
        let p = picture(featured(300, 200, &[300])).unwrap();
        assert_eq!(p.srcset_jpeg, "/media/0123456789abcdef0123/300.jpg 300w");
        assert_eq!((p.fallback.width, p.fallback.height), (300, 200));
        assert_eq!((p.share_card.width, p.share_card.height), (300, 158));
    }

    #[test]
    fn a_picture_without_variants_is_not_shown() {
        assert_eq!(picture(featured(800, 600, &[])), None);
    }
}
