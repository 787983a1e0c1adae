//! The demo newsroom's pictures, drawn by the project itself: every demo article gets a 16:9
//! illustration of its subject (a skyline for politics, a chart for the markets, a pitch for
//! football, …) with alt text that says what it shows, in the article's language.
//!
//! Drawing is deterministic: the article's slug seeds every choice, so the same article always
//! gets the same pixels, and different articles get different pictures. Nothing is downloaded
//! and no font is used: the scenes are made of shapes and gradients (tiny-skia).

mod canvas;
mod caption;
mod rng;
mod scenery;
mod scenes;
mod subject;

pub use canvas::{HEIGHT, WIDTH};

use super::documents::{articles, DemoError};
use crate::server::store::NewArticle;
use caption::Lang;
use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder};

/// The media type of [`encode`]'s bytes.
pub const MEDIA_TYPE: &str = "image/jpeg";

/// JPEG quality of [`encode`]: high enough that flat colours and gradients show no blocks (and,
/// from 90 up, colour is kept at full resolution, so coloured edges stay sharp).
const JPEG_QUALITY: u8 = 90;

/// One article's picture and the words that describe it.
#[derive(Clone, Debug)]
pub struct Illustration {
    /// [`WIDTH`] × [`HEIGHT`] pixels.
    pub image: RgbImage,
    /// What the picture shows, in the article's language ("Illustration: …").
    pub alt: String,
}

/// Draws the picture for `article`, chosen from its category, tags and slug, seeded by its slug.
pub fn draw(article: &NewArticle) -> Illustration {
    let mut rng = rng::Rng::from_text(&article.slug);
    let scene = subject::scene_for(article);
    let mut canvas = canvas::Canvas::new();
    let caption = scene.draw(&mut canvas, &mut rng);
    scenery::vignette(&mut canvas);
    Illustration {
        image: canvas.into_image(),
        alt: caption.alt(Lang::of(&article.lang)),
    }
}

/// The picture as JPEG bytes (of [`MEDIA_TYPE`]), ready for the media library's ingest.
pub fn encode(illustration: &Illustration) -> Vec<u8> {
    let mut bytes = Vec::new();
    Encoder::new(&mut bytes, JPEG_QUALITY)
        .encode(
            illustration.image.as_raw(),
            WIDTH as u16,
            HEIGHT as u16,
            ColorType::Rgb,
        )
        .expect("a 1600×900 RGB buffer in memory always encodes as JPEG");
    bytes
}

/// Every demo article's slug with its picture, in the order the loader inserts the articles.
pub fn for_demo_articles() -> Result<Vec<(String, Illustration)>, DemoError> {
    // The articles' dates play no part in their pictures.
    let all = articles(time::OffsetDateTime::UNIX_EPOCH)?;
    Ok(draw_all(&all))
}

/// Each article's slug with its picture, in the articles' order, drawn on all the machine's
/// cores (each picture is drawn alone, so the pictures are the same however many there are).
pub fn draw_all(articles: &[NewArticle]) -> Vec<(String, Illustration)> {
    draw_all_then(articles, |a, picture| (a.slug.clone(), picture))
}

/// [`draw_all`], each picture passed to `finish` on the thread that drew it (to encode it
/// there: its pixels are then freed where they were made, and each thread gives the memory it
/// used back to the system before it ends, `media/memory.rs`).
pub fn draw_all_then<T: Send>(
    articles: &[NewArticle],
    finish: impl Fn(&NewArticle, Illustration) -> T + Sync,
) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = articles.len().div_ceil(threads).max(1);
    let finish = &finish;
    std::thread::scope(|scope| {
        let workers: Vec<_> = articles
            .chunks(share)
            .map(|part| {
                scope.spawn(move || {
                    let done = part.iter().map(|a| finish(a, draw(a))).collect::<Vec<_>>();
                    crate::server::media::memory::give_back_freed();
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};
    use std::sync::OnceLock;

    /// Every demo article's picture, drawn once for all the tests below.
    fn all() -> &'static [(String, Illustration)] {
        static ALL: OnceLock<Vec<(String, Illustration)>> = OnceLock::new();
        ALL.get_or_init(|| for_demo_articles().expect("the demo articles parse"))
    }

    fn demo_articles() -> Vec<NewArticle> {
        articles(time::OffsetDateTime::UNIX_EPOCH).expect("the demo articles parse")
    }

    fn is_arabic(ch: char) -> bool {
        ('\u{0600}'..='\u{06FF}').contains(&ch)
    }

    #[test]
    fn the_same_article_is_drawn_to_the_same_bytes() {
        let article = &demo_articles()[0];
        let (a, b) = (draw(article), draw(article));
        assert_eq!(a.alt, b.alt);
        assert!(a.image == b.image, "the pixels differ between two drawings");
        assert_eq!(encode(&a), encode(&b));
    }

    #[test]
    fn drawing_on_all_cores_gives_each_article_its_own_picture_in_order() {
        let some: Vec<NewArticle> = demo_articles().into_iter().step_by(9).collect();
        let together = draw_all(&some);
        assert_eq!(together.len(), some.len());
        for ((slug, ill), article) in together.iter().zip(&some) {
            assert_eq!(slug, &article.slug);
            assert!(ill.image == draw(article).image, "{slug} differs");
        }
    }

    #[test]
    fn every_demo_article_gets_a_picture_of_the_documented_size() {
        let slugs: Vec<String> = demo_articles().into_iter().map(|a| a.slug).collect();
        let drawn: Vec<&String> = all().iter().map(|(slug, _)| slug).collect();
        assert_eq!(drawn, slugs.iter().collect::<Vec<_>>());
        assert_eq!((WIDTH, HEIGHT), (1600, 900));
        for (slug, ill) in all() {
            assert_eq!(ill.image.dimensions(), (WIDTH, HEIGHT), "{slug}");
        }
    }

    #[test]
    fn different_articles_get_different_pictures() {
        let mut seen: HashMap<u64, &str> = HashMap::new();
        for (slug, ill) in all() {
            let print = xxhash_rust::xxh3::xxh3_64(ill.image.as_raw());
            if let Some(other) = seen.insert(print, slug) {
                panic!("{slug} and {other} have the same picture");
            }
        }
    }

    #[test]
    fn pictures_are_drawn_not_blank() {
        // A scene fills the frame with many colours, not a flat ground with a shape or two.
        for (slug, ill) in all() {
            let colours: HashSet<[u8; 3]> = ill.image.pixels().step_by(97).map(|p| p.0).collect();
            assert!(colours.len() > 50, "{slug}: only {} colours", colours.len());
        }
    }

    #[test]
    fn alt_texts_say_what_the_picture_shows_and_no_two_are_alike() {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (slug, ill) in all() {
            let alt = ill.alt.as_str();
            let lower = alt.to_lowercase();
            assert!(
                alt.starts_with("Illustration: ") || alt.starts_with("رسم توضيحي: "),
                "{slug}: {alt}"
            );
            for generic in [
                "image of",
                "picture of",
                "photo of",
                ".jpg",
                ".png",
                "illustration for",
            ] {
                assert!(!lower.contains(generic), "{slug}: {alt}");
            }
            assert!(
                !lower.contains(slug.as_str()),
                "{slug}: the alt text names the file"
            );
            assert!(
                alt.split_whitespace().count() >= 10,
                "{slug}: too short to say much: {alt}"
            );
            if let Some(other) = seen.insert(alt, slug) {
                panic!("{slug} and {other} share the alt text {alt:?}");
            }
        }
    }

    #[test]
    fn arabic_articles_get_arabic_alt_text_and_others_english() {
        let langs: HashMap<String, String> = demo_articles()
            .into_iter()
            .map(|a| (a.slug, a.lang))
            .collect();
        let mut arabic = 0;
        for (slug, ill) in all() {
            if langs[slug] == "ar" {
                arabic += 1;
                assert!(ill.alt.chars().any(is_arabic), "{slug}: {}", ill.alt);
                assert!(
                    !ill.alt.chars().any(|c| c.is_ascii_alphabetic()),
                    "{slug}: Latin letters in {}",
                    ill.alt
                );
            } else {
                assert!(!ill.alt.chars().any(is_arabic), "{slug}: {}", ill.alt);
            }
        }
        assert!(arabic >= 8, "only {arabic} Arabic articles");
    }

    #[test]
    fn the_encoded_bytes_are_a_jpeg_of_the_whole_picture() {
        let ill = &all()[0].1;
        let bytes = encode(ill);
        assert_eq!(
            image::guess_format(&bytes).ok(),
            Some(image::ImageFormat::Jpeg)
        );
        assert_eq!(MEDIA_TYPE, "image/jpeg");
        let back = image::load_from_memory(&bytes).expect("the JPEG decodes");
        assert_eq!((back.width(), back.height()), (WIDTH, HEIGHT));
    }

    #[test]
    fn pictures_fit_their_subject() {
        let alt_of = |slug: &str| {
            all()
                .iter()
                .find(|(s, _)| s == slug)
                .map(|(_, i)| i.alt.clone())
                .unwrap()
        };
        assert!(alt_of("part-time-ashby-vale-stun-corham-rovers-in-cup").contains("football pitch"));
        assert!(
            alt_of("oil-heads-for-second-weekly-loss-as-stockpiles-build").contains("oil barrels")
        );
        assert!(
            alt_of("hamburg-port-container-volumes-rise-as-asia-trade-recovers")
                .contains("container port")
        );
        assert!(
            alt_of("kenya-electoral-body-extends-voter-registration-drive").contains("ballot box")
        );
        assert!(
            alt_of("typhoon-forces-evacuations-across-eastern-philippines").contains("typhoon")
        );
        assert!(alt_of("al-naft-yattajih-ila-khasara-usbuiya-thaniya").contains("براميل نفط"));
    }
}
