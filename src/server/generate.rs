//! `timelines generate --articles N`: fills the configured database with synthetic articles in
//! English and Arabic, spread over every category, the authors and two years of dates, for scale
//! work. Deterministic: the same seed and the same starting database give the same articles.

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
    "على",
    "إلى",
    "في",
    "مع",
];
const EN_GLUE: &[&str] = &[
    "the", "a", "of", "in", "and", "to", "for", "with", "after", "over",
];

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
}

fn sentence(rng: &mut Rng, arabic: bool, words: usize) -> String {
    let mut out = Vec::with_capacity(words);
    for i in 0..words {
        let w = if arabic {
            rng.pick(AR)
        } else if i % 3 == 1 {
            rng.pick(EN_GLUE)
        } else {
            rng.pick(EN)
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

/// Article number `n` of the run seeded with `seed`.
fn article(
    rng: &mut Rng,
    seed: u64,
    n: u64,
    now: i64,
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
    let published_at = now - rng.below(730 * 86_400) as i64 - 60;
    NewArticle {
        slug: format!("generated-{seed}-{n}"),
        title: sentence(rng, arabic, title_len),
        dek: sentence(rng, arabic, dek_len) + ".",
        body_md,
        lang: if arabic { "ar" } else { "en" }.into(),
        category_path: categories[rng.below(categories.len())].clone(),
        author_slug: authors[rng.below(authors.len())].clone(),
        tags: (0..rng.below(4))
            .map(|_| rng.pick(if arabic { AR } else { EN }).to_string())
            .collect(),
        published_at,
        updated_at: published_at,
        image: None,
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
            .map(|i| article(&mut rng, seed, start + done + i, now, &categories, &authors))
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
        let a = article(&mut Rng(7), 7, 0, 1_000_000_000, &cats, &authors);
        let b = article(&mut Rng(7), 7, 0, 1_000_000_000, &cats, &authors);
        assert_eq!((a.title.clone(), a.body_md.clone()), (b.title, b.body_md));
        let c = article(&mut Rng(8), 8, 0, 1_000_000_000, &cats, &authors);
        assert_ne!(a.body_md, c.body_md);
    }

    #[tokio::test]
    async fn generated_articles_are_stored_and_searchable_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/g.db", dir.path().display()))
            .await
            .unwrap();
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
            let expr = crate::server::search::to_match(q).unwrap();
            let (_, total) = store
                .search(&expr, &filter, 1_000_000_000, 10, 0)
                .await
                .unwrap();
            assert!(total > 0, "{q}");
        }
    }
}
