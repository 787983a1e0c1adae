//! The search queries over a real (temporary) store: ranking, prefixes and phrases, Arabic and
//! Latin normalisation, hostile input, filters, the window, the index's word counts. (A file of
//! their own: with them, `search.rs` would be three times its length.)

use super::postgres::Scan;
use super::*;
use crate::server::search::parse;
use crate::server::store::db::{query, query_as};
use crate::server::store::fixtures::{article, store, NOW};
use crate::server::store::NewArticle;

/// Slugs found for what a reader typed, best first.
async fn find(store: &Store, typed: &str) -> Vec<String> {
    let Some(expr) = parse(typed) else {
        return vec![];
    };
    let hits = store
        .search(&expr, &SearchFilter::default(), NOW, 50, 0)
        .await
        .unwrap();
    assert_eq!((hits.total as usize, hits.more), (hits.rows.len(), false));
    hits.rows.into_iter().map(|(r, _)| r.slug).collect()
}

#[tokio::test]
async fn a_title_match_beats_a_body_match_and_newer_wins_ties() {
    let (s, _d) = store().await;
    for a in [
        article(
            "body",
            "Markets rally",
            "Bonds and the harbour were calm today.",
            1,
        ),
        article(
            "title",
            "Harbour reopens",
            "Ships were waiting outside for days.",
            5,
        ),
        article(
            "twin-old",
            "Quiet day",
            "Nothing about ports here at all.",
            9,
        ),
        article(
            "twin-new",
            "Quiet day",
            "Nothing about ports here at all.",
            2,
        ),
    ] {
        s.insert_article(&a).await.unwrap();
    }
    assert_eq!(find(&s, "harbour").await, ["title", "body"]);
    assert_eq!(find(&s, "ports").await, ["twin-new", "twin-old"]);
}

#[tokio::test]
async fn the_last_word_is_a_prefix_and_quotes_make_phrases() {
    let (s, _d) = store().await;
    s.insert_article(&article(
        "a",
        "Lavrov visits Beijing",
        "The foreign minister met Wang Yi.",
        1,
    ))
    .await
    .unwrap();
    s.insert_article(&article(
        "b",
        "Ministers meet",
        "A minister of foreign trade spoke.",
        1,
    ))
    .await
    .unwrap();
    assert_eq!(find(&s, "lavr").await, ["a"]);
    assert_eq!(find(&s, "lavr beij").await, Vec::<String>::new());
    assert_eq!(find(&s, "beijing lavr").await, ["a"]);
    assert_eq!(find(&s, "\"foreign minister\"").await, ["a"]);
    let mut both = find(&s, "foreign minister").await;
    both.sort();
    assert_eq!(both, ["a", "b"]);
    // A quoted word is not a prefix.
    assert_eq!(find(&s, "\"lavr\"").await, Vec::<String>::new());
}

#[tokio::test]
async fn arabic_and_latin_text_is_found_without_diacritics() {
    let (s, _d) = store().await;
    let mut ar = article(
        "bonds",
        "أسعار السَّندات ترتفع",
        "افتتحت مدرسة جديدة في المدينة على شاطئ البحر.",
        1,
    );
    ar.lang = "ar".into();
    s.insert_article(&ar).await.unwrap();
    s.insert_article(&article("cafe", "A café in Zürich", "Crème brûlée.", 1))
        .await
        .unwrap();
    for q in [
        "السندات",
        "السَّندات",
        "اسعار",
        "أسعار",
        "مدرسه",
        "مدرسة",
        "علي",
        "على",
    ] {
        assert_eq!(find(&s, q).await, ["bonds"], "{q}");
    }
    for q in ["cafe", "café", "zurich", "ZÜRICH", "creme brulee"] {
        assert_eq!(find(&s, q).await, ["cafe"], "{q}");
    }
}

#[tokio::test]
async fn hostile_input_never_fails() {
    let (s, _d) = store().await;
    s.insert_article(&article(
        "a",
        "Oil prices",
        "Crude rose (again) by 2% — \"NEAR\" record.",
        1,
    ))
    .await
    .unwrap();
    let long = "oil ".repeat(2_500);
    for q in [
        "\"",
        "\"\"",
        "\"oil",
        "oil\"",
        "a OR b",
        "NOT oil",
        "oil AND",
        "NEAR(oil prices)",
        "title:oil",
        "oil*",
        "*",
        "^oil",
        "-oil",
        "+oil",
        "(",
        ")",
        "\0",
        "oil\0prices",
        "🙂",
        "oil 🙂",
        "",
        "   ",
        "'; DROP TABLE articles; --",
        &long,
    ] {
        let (clean, _) = crate::server::search::clean_query(q);
        find(&s, &clean).await;
    }
    assert_eq!(find(&s, "title:oil").await, Vec::<String>::new());
    assert_eq!(find(&s, "oil*").await, ["a"]);
    assert_eq!(find(&s, "\"oil").await, ["a"]);
}

#[tokio::test]
async fn filters_narrow_by_section_and_language_and_date_sort_ignores_rank() {
    let (s, _d) = store().await;
    let mut europe = article(
        "europe",
        "Rail strike: rail stops",
        "Trains stop. Rail rail rail.",
        3,
    );
    europe.category_path = "world/europe".into();
    let world = article(
        "world",
        "A long day of news about rail and other things",
        "Trains.",
        2,
    );
    let mut biz = article("biz", "Rail shares", "Markets.", 1);
    biz.category_path = "business".into();
    biz.lang = "ar".into();
    for a in [&europe, &world, &biz] {
        s.insert_article(a).await.unwrap();
    }
    let expr = parse("rail").unwrap();
    let slugs = |f: SearchFilter| {
        let s = s.clone();
        let expr = expr.clone();
        async move {
            let hits = s.search(&expr, &f, NOW, 10, 0).await.unwrap();
            assert_eq!(hits.total as usize, hits.rows.len());
            hits.rows
                .into_iter()
                .map(|(r, _)| r.slug)
                .collect::<Vec<_>>()
        }
    };
    let world_only = SearchFilter {
        category: Some("world".into()),
        ..Default::default()
    };
    assert_eq!(slugs(world_only.clone()).await, ["europe", "world"]);
    let by_date = SearchFilter {
        sort: SearchSort::Date,
        ..world_only
    };
    assert_eq!(slugs(by_date).await, ["world", "europe"]);
    let europe_only = SearchFilter {
        category: Some("world/europe".into()),
        ..Default::default()
    };
    assert_eq!(slugs(europe_only).await, ["europe"]);
    let arabic = SearchFilter {
        lang: Some("ar".into()),
        ..Default::default()
    };
    assert_eq!(slugs(arabic).await, ["biz"]);
    // Pages beyond the first.
    let hits = s
        .search(&expr, &SearchFilter::default(), NOW, 1, 2)
        .await
        .unwrap();
    assert_eq!((hits.rows.len(), hits.total), (1, 3));
}

#[tokio::test]
async fn the_commonest_words_rank_and_count_the_newest_matches_only() {
    let (s, _d) = store().await;
    // Added oldest first, as a newsroom adds them; "port" is in all five, "quay" in the
    // oldest only, and the title match is the second oldest.
    for (i, title) in ["Quay", "Port authority", "Rail", "Road", "Canal"]
        .iter()
        .enumerate()
    {
        let slug = format!("a{i}");
        let body = if i == 0 {
            "The port and the quay."
        } else {
            "The port."
        };
        s.insert_article(&article(&slug, title, body, 10 - i as i64))
            .await
            .unwrap();
    }
    let expr = parse("port").unwrap();
    let all = SearchFilter::default();
    let slugs = |h: SearchHits| h.rows.into_iter().map(|(r, _)| r.slug).collect::<Vec<_>>();
    let hits = s.search_window(&expr, &all, NOW, 10, 0, 5).await.unwrap();
    assert_eq!((hits.total, hits.more), (5, false));
    assert_eq!(slugs(hits)[0], "a1", "the title match ranks first");
    // With a window of three, only the three newest are ranked, and the count says "more".
    let hits = s.search_window(&expr, &all, NOW, 10, 0, 3).await.unwrap();
    assert_eq!((hits.total, hits.more), (3, true));
    assert_eq!(slugs(hits), ["a4", "a3", "a2"]);
    // Paging stops at the window; a page past it is empty with the same count.
    let hits = s.search_window(&expr, &all, NOW, 2, 2, 3).await.unwrap();
    assert_eq!(
        (slugs(hits.clone()), hits.total, hits.more),
        (vec!["a2".to_string()], 3, true)
    );
    let hits = s.search_window(&expr, &all, NOW, 2, 4, 3).await.unwrap();
    assert_eq!((hits.rows.len(), hits.total, hits.more), (0, 3, true));
    // A rare word is counted exactly.
    let hits = s
        .search_window(&parse("quay").unwrap(), &all, NOW, 10, 0, 3)
        .await
        .unwrap();
    assert_eq!(
        (slugs(hits.clone()), hits.total, hits.more),
        (vec!["a0".to_string()], 1, false)
    );
}

#[tokio::test]
async fn title_terms_are_offered_for_suggestions() {
    let (s, _d) = store().await;
    s.insert_article(&article("a", "Harbour reopens", "Harbor.", 1))
        .await
        .unwrap();
    s.insert_article(&article("b", "Harbour, harbour and Habit", "x", 1))
        .await
        .unwrap();
    let terms = s.title_terms_starting_with('h', 5, 7).await.unwrap();
    assert_eq!(
        terms,
        [("habit".to_string(), 1), ("harbour".to_string(), 2)]
    );
    assert_eq!(
        s.title_terms_starting_with('h', 6, 7).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn reindex_rebuilds_the_same_index() {
    let (s, _d) = store().await;
    s.insert_article(&article("a", "Café society", "Tea.", 1))
        .await
        .unwrap();
    s.insert_article(&article("b", "Harbour", "Ships.", 1))
        .await
        .unwrap();
    query("DELETE FROM article_search")
        .execute(s.pool())
        .await
        .unwrap();
    assert!(find(&s, "cafe").await.is_empty());
    assert!(s.search_index_missing().await.unwrap());
    assert_eq!(s.reindex_search().await.unwrap(), 2);
    assert_eq!(find(&s, "cafe").await, ["a"]);
    assert_eq!(find(&s, "ships").await, ["b"]);
    assert!(!s.search_index_missing().await.unwrap());
}

async fn term_docs(s: &Store) -> Vec<(String, i64)> {
    query_as("SELECT term, docs FROM search_terms ORDER BY term")
        .fetch_all(s.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn word_counts_and_lengths_follow_the_index() {
    let (s, _d) = store().await;
    s.insert_article(&article("a", "Harbour news", "The harbour reopened.", 1))
        .await
        .unwrap();
    s.insert_articles(&[
        article("b", "Market news", "Harbours and markets.", 1),
        article("c", "Quiet", "Nothing.", 1),
    ])
    .await
    .unwrap();
    let docs = term_docs(&s).await;
    let of = |t: &str| docs.iter().find(|(w, _)| w == t).map(|(_, n)| *n);
    // Each article counts once per word, whatever the column and however often.
    assert_eq!(of("harbour"), Some(1));
    assert_eq!(of("news"), Some(2));
    assert_eq!(of("ann"), Some(3), "the author's name is indexed");
    assert_eq!(of("quiet"), Some(1));
    assert_eq!(of("absent"), None);
    // A rebuild counts the same.
    s.reindex_search().await.unwrap();
    assert_eq!(term_docs(&s).await, docs);
    // The length the store keeps is the one FTS5 counts: the ranking gives the same score
    // with it as with FTS5's own lookup. (PostgreSQL has no lookup of its own.)
    if s.backend() == crate::server::store::db::Backend::Postgres {
        return;
    }
    let scores: Vec<(f64, f64)> = query_as(
        "SELECT timelines_rank(article_search, '2', a.search_length), \
                timelines_rank(article_search, '2') \
         FROM article_search JOIN articles a ON a.id = -article_search.rowid \
         WHERE article_search MATCH 'news'",
    )
    .fetch_all(s.pool())
    .await
    .unwrap();
    assert_eq!(scores.len(), 2);
    for (kept, looked_up) in scores {
        assert!(
            kept < 0.0 && (kept - looked_up).abs() < 1e-9,
            "{kept} {looked_up}"
        );
    }
}

#[tokio::test]
async fn a_prefix_stands_for_its_commonest_completions() {
    let (s, _d) = store().await;
    // 55 words starting "portw", one article each, so that they tie and go in term order.
    let many: Vec<NewArticle> = (0..55)
        .map(|i| article(&format!("p{i}"), "Port", &format!("portw{i}"), 2))
        .collect();
    s.insert_articles(&many).await.unwrap();
    s.insert_article(&article("portside", "Portside", "The portside.", 1))
        .await
        .unwrap();
    let count = |q: &'static str| {
        let s = s.clone();
        async move {
            let q = parse(q).unwrap();
            s.search(&q, &SearchFilter::default(), NOW, 100, 0)
                .await
                .unwrap()
                .total
        }
    };
    // "port" itself is the commonest completion of "por" (in all 56 titles).
    assert_eq!(count("por").await, 56);
    // The first 50 completions of "portw" in term order leave portw54 and portw6 to 9 out,
    assert_eq!(count("portw").await, 50);
    assert_eq!(count("news portw").await, 0);
    // but typed further, each is found.
    assert_eq!(count("portw6").await, 1);
    // A word typed whole is found even when 50 commoner words begin with it.
    s.insert_article(&article("rare", "Rare", "A portw.", 1))
        .await
        .unwrap();
    let many: Vec<NewArticle> = (0..55)
        .map(|i| article(&format!("q{i}"), "More", &format!("portw{i}"), 2))
        .collect();
    s.insert_articles(&many).await.unwrap();
    assert_eq!(count("rare portw").await, 1);
    assert_eq!(find(&s, "portsi").await, ["portside"]);
    // A prefix no counted word begins is left to FTS5's own prefix match.
    query("DELETE FROM search_terms WHERE term LIKE 'portsid%'")
        .execute(s.pool())
        .await
        .unwrap();
    assert_eq!(find(&s, "portsid").await, ["portside"]);
}

#[tokio::test]
async fn both_postgresql_scans_find_and_rank_the_same() {
    let (s, _d) = store().await;
    if s.backend() != Backend::Postgres {
        return; // SQLite has one way: FTS5's index, newest first.
    }
    // Twelve articles, oldest first: "port" in all, "harbour news" in a row in some, "quay"
    // in one, a title match among them, two in Europe and one in Arabic.
    for i in 0..12i64 {
        let title = if i == 7 {
            "Port of call"
        } else {
            "Daily notes"
        };
        let body = match i % 3 {
            0 => "The port: harbour news today.",
            1 => "News of the harbour and the port.",
            _ => "A port, a quay and harbour news.",
        };
        let mut a = article(&format!("a{i}"), title, body, 30 - i);
        if i % 5 == 0 {
            a.category_path = "world/europe".into();
        }
        if i == 4 {
            a.lang = "ar".into();
        }
        s.insert_article(&a).await.unwrap();
    }
    let filters = [
        SearchFilter::default(),
        SearchFilter {
            category: Some("world/europe".into()),
            ..Default::default()
        },
        SearchFilter {
            lang: Some("en".into()),
            sort: SearchSort::Date,
            ..Default::default()
        },
    ];
    for typed in ["port", "\"harbour news\"", "harb", "port quay", "absent"] {
        let plan = s.plan(&parse(typed).unwrap()).await.unwrap();
        for filter in &filters {
            for window in [3, 1_000] {
                let by_relevance = filter.sort == SearchSort::Relevance;
                let walked = s
                    .postgres_ranked_by(Scan::NewestFirst, &plan, filter, NOW, window, by_relevance)
                    .await
                    .unwrap();
                let indexed = s
                    .postgres_ranked_by(Scan::Index, &plan, filter, NOW, window, by_relevance)
                    .await
                    .unwrap();
                assert_eq!(walked, indexed, "{typed} {filter:?} {window}");
                let found = typed != "absent";
                assert_eq!(!walked.ids.is_empty(), found, "{typed} {filter:?}");
            }
        }
    }
    // The title match ranks first either way.
    let plan = s.plan(&parse("port").unwrap()).await.unwrap();
    let ranked = s
        .postgres_ranked_by(Scan::NewestFirst, &plan, &filters[0], NOW, 1_000, true)
        .await
        .unwrap();
    assert_eq!((ranked.ids.len(), ranked.matched), (12, 12));
    let (first,): (String,) = query_as("SELECT slug FROM articles WHERE id = ?1")
        .bind(ranked.ids[0])
        .fetch_one(&s.pool)
        .await
        .unwrap();
    assert_eq!(first, "a7");
}
