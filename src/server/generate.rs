//! `timelines generate --articles N`: fills the configured database with synthetic articles in
//! English and Arabic, spread over every category, the authors and two years of dates, for scale
//! work. Deterministic: the same seed and the same starting database give the same articles.
//!
//! Text follows the shape of real news copy closely enough for search benchmarks to mean
//! something: a few function words in every sentence, a small set of topic words that each turn
//! up in a good share of the archive, and a long tail of rarer words drawn with a Zipf-like
//! (log-uniform) distribution from a vocabulary of [`TAIL_WORDS`] made-up words per language.
//! Articles are added oldest first, as a newsroom adds them.
//!
//! Over 400 lines with its tests (about 350 without): most of the code is the word lists.

use crate::server::store::{NewArticle, Result, Store, StoreError};

const EN: &[&str] = &[
    "government",
    "minister",
    "election",
    "market",
    "prices",
    "energy",
    "climate",
    "harbour",
    "talks",
    "summit",
    "budget",
    "inflation",
    "bank",
    "rates",
    "trade",
    "exports",
    "strike",
    "union",
    "court",
    "ruling",
    "police",
    "border",
    "refugees",
    "aid",
    "drought",
    "harvest",
    "wheat",
    "oil",
    "gas",
    "pipeline",
    "railway",
    "airport",
    "school",
    "hospital",
    "vaccine",
    "research",
    "university",
    "museum",
    "festival",
    "film",
    "novel",
    "football",
    "league",
    "coach",
    "stadium",
    "record",
    "village",
    "city",
    "river",
    "coast",
    "storm",
    "floods",
    "wildfire",
    "satellite",
    "rocket",
    "software",
    "startup",
    "factory",
    "workers",
    "wages",
    "housing",
    "rent",
    "mortgage",
    "tourism",
    "hotel",
    "ceasefire",
    "parliament",
    "reform",
    "protest",
    "mayor",
    "council",
    "café",
    "naïve",
    "résumé",
    "Zürich",
    "São",
    "Paulo",
];
const AR: &[&str] = &[
    "الحكومة",
    "الوزير",
    "الانتخابات",
    "السوق",
    "أسعار",
    "الطاقة",
    "المناخ",
    "الميناء",
    "المحادثات",
    "القمة",
    "الميزانية",
    "التضخم",
    "البنك",
    "الفائدة",
    "التجارة",
    "الصادرات",
    "الإضراب",
    "النقابة",
    "المحكمة",
    "الشرطة",
    "الحدود",
    "اللاجئين",
    "المساعدات",
    "الجفاف",
    "الحصاد",
    "القمح",
    "النفط",
    "الغاز",
    "السكك",
    "المطار",
    "مدرسة",
    "المستشفى",
    "اللقاح",
    "البحث",
    "الجامعة",
    "المتحف",
    "المهرجان",
    "الفيلم",
    "الرواية",
    "كرة",
    "القدم",
    "الدوري",
    "المدرب",
    "الملعب",
    "القرية",
    "المدينة",
    "النهر",
    "الساحل",
    "العاصفة",
    "الفيضانات",
    "السَّندات",
    "الصكوك",
    "المدخرين",
    "إصلاح",
    "البرلمان",
    "احتجاج",
];
const AR_GLUE: &[&str] = &["على", "إلى", "في", "مع", "من", "بعد", "عن"];
const EN_GLUE: &[&str] = &[
    "the", "a", "of", "in", "and", "to", "for", "with", "after", "over",
];

/// Size of each language's long-tail vocabulary.
pub const TAIL_WORDS: usize = 20_000;
const EN_SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "sa",
    "te", "vi", "wo", "za", "bel", "car", "den", "fir", "gor", "hal", "lin", "mar", "nor", "pol",
    "ran", "sel", "tor", "val", "wen", "ast", "ell", "ing", "ost", "und", "yth",
];
const AR_LETTERS: &[char] = &[
    'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ر', 'ز', 'س', 'ش', 'ص', 'ط', 'ع', 'غ', 'ف', 'ق', 'ك', 'ل',
    'م', 'ن', 'ه', 'و', 'ي', 'ا',
];

/// Long-tail word number `i` (0-based, unique per `i`): syllables (English) or letters
/// (Arabic) spelling `i` in their base, at least three units long.
fn tail_word(i: usize, arabic: bool) -> String {
    let base = if arabic {
        AR_LETTERS.len()
    } else {
        EN_SYLLABLES.len()
    };
    let mut digits = Vec::new();
    let mut n = i;
    loop {
        digits.push(n % base);
        n /= base;
        if n == 0 {
            break;
        }
    }
    // The length marks words apart that would otherwise share digits (7 vs 007).
    while digits.len() < 3 {
        digits.push(0);
    }
    digits.push(digits.len() % base);
    digits
        .iter()
        .map(|&d| {
            if arabic {
                AR_LETTERS[d].to_string()
            } else {
                EN_SYLLABLES[d].to_string()
            }
        })
        .collect()
}

/// splitmix64: small, fast and reproducible across platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    /// A rank in 0..n, log-uniformly: rank r about 1/(r+1) as likely as rank 0 (Zipf, s = 1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64 + 1.0).powf(u) as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

/// A content word: a topic word one time in three, else one from the long tail.
fn content_word(rng: &mut Rng, arabic: bool) -> String {
    if rng.below(3) == 0 {
        rng.pick(if arabic { AR } else { EN }).to_string()
    } else {
        tail_word(rng.zipf(TAIL_WORDS), arabic)
    }
}

fn sentence(rng: &mut Rng, arabic: bool, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for i in 0..words {
        let w = if i % 3 == 1 {
            rng.pick(if arabic { AR_GLUE } else { EN_GLUE }).to_string()
        } else {
            content_word(rng, arabic)
        };
        out.push(w);
    }
    let mut s = out.join(" ");
    if !arabic {
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
    }
    s
}

/// Dates span the two years before `now`.
const SPAN_SECONDS: i64 = 730 * 86_400;

/// Article number `n` of the run seeded with `seed`, published about `age` seconds before `now`.
fn article(
    rng: &mut Rng,
    seed: u64,
    n: u64,
    now: i64,
    age: i64,
    categories: &[String],
    authors: &[String],
) -> NewArticle {
    let arabic = rng.below(3) == 0;
    let paragraphs = 3 + rng.below(5);
    let body_md = (0..paragraphs)
        .map(|_| {
            (0..2 + rng.below(4))
                .map(|_| {
                    let len = 8 + rng.below(14);
                    sentence(rng, arabic, len) + "."
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let title_len = 4 + rng.below(6);
    let dek_len = 12 + rng.below(10);
    let published_at = now - age - rng.below(3_600) as i64 - 60;
    NewArticle {
        slug: format!("generated-{seed}-{n}"),
        title: sentence(rng, arabic, title_len),
        dek: sentence(rng, arabic, dek_len) + ".",
        body_md,
        lang: if arabic { "ar" } else { "en" }.into(),
        category_path: categories[rng.below(categories.len())].clone(),
        author_slug: authors[rng.below(authors.len())].clone(),
        tags: (0..rng.below(4))
            .map(|_| content_word(rng, arabic))
            .collect(),
        published_at,
        updated_at: published_at,
        featured: false,
        editors_pick: false,
        views: rng.below(50_000) as i64,
        translation_key: None,
    }
}

/// Adds `count` generated articles in batches of one transaction each; returns how many.
pub async fn generate(store: &Store, count: u64, seed: u64, now: i64) -> Result<u64> {
    const BATCH: u64 = 1_000;
    let (categories, authors) = store.generator_targets().await?;
    if categories.is_empty() || authors.is_empty() {
        return Err(StoreError::Invalid(
            "the database has no categories or authors yet: start the server once with \
             load_demo on, or load the demo, before generating articles"
                .into(),
        ));
    }
    // Continue numbering after earlier runs, so slugs stay unique.
    let start = store.article_count().await?.max(0) as u64;
    let mut rng = Rng(seed ^ start.wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        let batch: Vec<NewArticle> = (0..n)
            .map(|i| {
                // Oldest first: the run's first article is two years old, its last a minute.
                let age = SPAN_SECONDS - SPAN_SECONDS * (done + i) as i64 / count as i64;
                article(
                    &mut rng,
                    seed,
                    start + done + i,
                    now,
                    age,
                    &categories,
                    &authors,
                )
            })
            .collect();
        store.insert_articles(&batch).await?;
        done += n;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let cats = vec!["world".to_string(), "business".to_string()];
        let authors = vec!["ann".to_string()];
        let a = article(&mut Rng(7), 7, 0, 1_000_000_000, 0, &cats, &authors);
        let b = article(&mut Rng(7), 7, 0, 1_000_000_000, 0, &cats, &authors);
        assert_eq!((a.title.clone(), a.body_md.clone()), (b.title, b.body_md));
        let c = article(&mut Rng(8), 8, 0, 1_000_000_000, 0, &cats, &authors);
        assert_ne!(a.body_md, c.body_md);
    }

    #[test]
    fn the_long_tail_has_distinct_words_and_favours_low_ranks() {
        for arabic in [false, true] {
            let words: std::collections::HashSet<String> =
                (0..TAIL_WORDS).map(|i| tail_word(i, arabic)).collect();
            assert_eq!(words.len(), TAIL_WORDS);
        }
        let mut rng = Rng(3);
        let draws: Vec<usize> = (0..10_000).map(|_| rng.zipf(TAIL_WORDS)).collect();
        assert!(draws.iter().all(|&r| r < TAIL_WORDS));
        let top = draws.iter().filter(|&&r| r < 10).count();
        let tail = draws.iter().filter(|&&r| r >= TAIL_WORDS - 10).count();
        assert!(top > 1_000 && tail < 10, "top {top}, tail {tail}");
    }

    #[tokio::test]
    async fn generated_articles_are_stored_and_searchable_in_both_languages() {
        let (store, _dir) = crate::server::store::fixtures::empty_store().await;
        assert!(generate(&store, 5, 1, 1_000_000_000).await.is_err());
        store
            .insert_category(crate::server::store::NewCategory {
                parent_path: None,
                slug: "world",
                name: "World",
                description: "",
                position: 0,
            })
            .await
            .unwrap();
        store.upsert_author("ann", "Ann", "").await.unwrap();
        assert_eq!(
            generate(&store, 1_500, 1, 1_000_000_000).await.unwrap(),
            1_500
        );
        assert_eq!(generate(&store, 10, 1, 1_000_000_000).await.unwrap(), 10);
        assert_eq!(store.article_count().await.unwrap(), 1_510);
        let filter = crate::server::store::SearchFilter::default();
        for q in ["harbour", "السندات", "مدرسه", "cafe"] {
            let expr = crate::server::search::parse(q).unwrap();
            let hits = store
                .search(&expr, &filter, 1_000_000_000, 10, 0)
                .await
                .unwrap();
            assert!(hits.total > 0, "{q}");
        }
    }
}
