#![cfg(feature = "ssr")]
//! Featured pictures on reader pages over the real router: the article's `<picture>` with WebP
//! and JPEG `srcset`s, its size, caption and credit, loaded first; cards' pictures lazy except
//! the page's first; every `<img>` with its size and alt text; the share card in the head and
//! the widest variant in JSON-LD, RSS and the sitemap; and the demo newsroom's own pictures.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::{app, new_article, Page, TestApp, PUBLIC_URL};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::media::Upload;
use timelines::server::store::FeaturedText;

/// Publishes an article with a 2000×1500 featured picture; returns its URL and picture key.
async fn article_with_picture(app: &TestApp, slug: &str) -> (String, String) {
    let article = new_article(slug);
    let url = timelines::urls::article(slug, article.published_at);
    app.state.store.insert_article(&article).await.unwrap();
    let accepted = app
        .state
        .media
        .accept(
            Upload {
                bytes: synthetic_photo(2000, 1500),
                file_name: "harbour.jpg".into(),
                alt: "Library alt".into(),
                ..Upload::default()
            },
            None,
        )
        .await
        .unwrap();
    let text = FeaturedText {
        alt: "Lanterns along the harbour wall at night".into(),
        caption: "The harbour reopened on Monday.".into(),
        credit: "Photo: Ana Petrova".into(),
    };
    assert!(app
        .state
        .store
        .set_featured_image(slug, accepted.id, &text)
        .await
        .unwrap());
    app.state.media.settled().await;
    let key = app
        .state
        .store
        .media_by_id(accepted.id)
        .await
        .unwrap()
        .unwrap()
        .key;
    (url, key)
}

/// The text of the first element that starts with `start`, up to `end` included.
fn segment<'a>(page: &'a Page, start: &str, end: &str) -> &'a str {
    let from = page
        .body
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let len = page.body[from..].find(end).expect("the element ends") + end.len();
    &page.body[from..from + len]
}

/// Every `<img …>` tag of the page.
fn images(page: &Page) -> Vec<&str> {
    page.body
        .match_indices("<img ")
        .map(|(i, _)| {
            let end = page.body[i..].find('>').unwrap();
            &page.body[i..=i + end]
        })
        .collect()
}

#[tokio::test]
async fn the_article_page_shows_its_picture_responsive_sized_and_first() {
    let app = app().await;
    // A story beside it in World with the same picture, among the related stories.
    article_with_picture(&app, "harbour-tides").await;
    let (url, key) = article_with_picture(&app, "harbour-lights").await;
    let page = app.get(&url).await;
    assert_eq!(page.status, 200);
    let m = format!("/media/{key}");
    let picture = segment(&page, r#"<picture class="article__picture">"#, "</picture>");
    assert!(
        picture.contains(&format!(
            r#"<source type="image/webp" srcset="{m}/320.webp 320w, {m}/480.webp 480w, {m}/768.webp 768w, {m}/1024.webp 1024w, {m}/1600.webp 1600w" sizes="(min-width: 1248px) 824px, (min-width: 1024px) calc(100vw - 424px), calc(100vw - 2.5rem)">"#
        )),
        "{picture}"
    );
    for expected in [
        format!(r#"src="{m}/1024.jpg""#),
        format!(r#"srcset="{m}/320.jpg 320w, {m}/480.jpg 480w, "#),
        r#"alt="Lanterns along the harbour wall at night""#.into(),
        r#"width="1600""#.into(),
        r#"height="1200""#.into(),
        r#"fetchpriority="high""#.into(),
    ] {
        assert!(picture.contains(&expected), "{expected} not in {picture}");
    }
    assert!(!picture.contains("loading="), "{picture}");
    let caption = segment(
        &page,
        r#"<figcaption class="article__caption">"#,
        "</figcaption>",
    );
    assert!(
        caption.contains("The harbour reopened on Monday."),
        "{caption}"
    );
    assert!(caption.contains("Photo: Ana Petrova"), "{caption}");
    // The share card in the head, the widest variant and the card in JSON-LD.
    let abs = format!("{PUBLIC_URL}{m}");
    page.assert_has(&format!(
        r#"<meta property="og:image" content="{abs}/share.jpg">"#
    ));
    page.assert_has(r#"<meta property="og:image:width" content="1200">"#);
    page.assert_has(r#"<meta property="og:image:height" content="630">"#);
    page.assert_has(
        r#"<meta property="og:image:alt" content="Lanterns along the harbour wall at night">"#,
    );
    page.assert_has(&format!(
        r#"<meta name="twitter:image" content="{abs}/share.jpg">"#
    ));
    page.assert_has(&format!(r#""image":["{abs}/1600.jpg","{abs}/share.jpg"]"#));
    // Every picture of the page has its size and alt text; all but the article's wait.
    let imgs = images(&page);
    assert!(imgs.len() > 1, "{imgs:?}");
    for img in &imgs {
        for attr in ["width=\"", "height=\"", "alt=\""] {
            assert!(img.contains(attr), "{attr} missing: {img}");
        }
        assert!(
            img.contains("fetchpriority=\"high\"") != img.contains("loading=\"lazy\""),
            "{img}"
        );
    }
    assert_eq!(
        imgs.iter().filter(|i| i.contains("fetchpriority")).count(),
        1,
        "{imgs:?}"
    );
}

#[tokio::test]
async fn cards_show_the_picture_and_the_first_loads_first() {
    let app = app().await;
    let (_, key) = article_with_picture(&app, "harbour-lights").await;
    // A newer story without a picture comes first; the first picture is still loaded first.
    app.state
        .store
        .insert_article(&new_article("no-picture-yet"))
        .await
        .unwrap();
    let page = app.get("/category/world").await;
    // (Attribute order differs between debug and release renders: found by class alone.)
    let list = &page.body[page.body.find(r#"class="article-list""#).expect("a list")..];
    let first_card = &list[..list.find("</article>").expect("a card")];
    assert!(
        first_card.contains("/no-picture-yet\"") && !first_card.contains("<picture"),
        "{first_card}"
    );
    assert_eq!(page.status, 200);
    let card = segment(&page, r#"<picture class="card__image">"#, "</picture>");
    assert!(
        card.contains(&format!(
            r#"srcset="/media/{key}/320.webp 320w, /media/{key}/480.webp 480w, "#
        )),
        "{card}"
    );
    assert!(
        card.contains(r#"sizes="(min-width: 600px) 224px, calc(100vw - 2.5rem)""#),
        "{card}"
    );
    assert!(card.contains(r#"fetchpriority="high""#), "{card}");
    assert!(
        card.contains(r#"alt="Lanterns along the harbour wall at night""#),
        "{card}"
    );
    // The other pictures of the page wait.
    for img in images(&page).iter().skip(1) {
        assert!(img.contains(r#"loading="lazy""#), "{img}");
    }
}

#[tokio::test]
async fn feeds_and_the_sitemap_carry_the_widest_variant() {
    let app = app().await;
    let (url, key) = article_with_picture(&app, "harbour-lights").await;
    let abs = format!("{PUBLIC_URL}/media/{key}");
    let rss = app.get("/feed").await;
    assert_eq!(rss.status, 200);
    rss.assert_has(r#"xmlns:media="http://search.yahoo.com/mrss/""#);
    rss.assert_has(&format!(
        r#"<media:content url="{abs}/1600.jpg" type="image/jpeg" medium="image" width="1600" height="1200">"#
    ));
    rss.assert_has(
        r#"<media:description type="plain">Lanterns along the harbour wall at night</media:description>"#,
    );
    rss.assert_has("<media:credit>Photo: Ana Petrova</media:credit>");
    let sitemap = app.get("/sitemaps/articles-1.xml").await;
    assert_eq!(sitemap.status, 200);
    sitemap.assert_has(r#"xmlns:image="http://www.google.com/schemas/sitemap-image/1.1""#);
    let entry = segment(&sitemap, &format!("<loc>{PUBLIC_URL}{url}</loc>"), "</url>");
    assert!(
        entry.contains(&format!("<image:loc>{abs}/1600.jpg</image:loc>")),
        "{entry}"
    );
    assert!(entry.contains("<image:image>"), "{entry}");
}

/// The demo's pictures for a few of its articles (all of them are drawn at a real first start,
/// which the Playwright suite's server makes; here, unoptimised, that would take minutes).
#[tokio::test]
async fn demo_articles_get_their_drawn_pictures_with_alt_text_in_their_language() {
    let app = app().await;
    let all = timelines::server::demo::articles(time::OffsetDateTime::UNIX_EPOCH).unwrap();
    let english = all.iter().find(|a| a.lang == "en").unwrap().clone();
    let arabic = all.iter().find(|a| a.lang == "ar").unwrap().clone();
    let n = timelines::server::demo::pictures::attach_to(
        &app.state.media,
        vec![english.clone(), arabic.clone()],
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for (a, described, credit) in [
        (
            &english,
            "Illustration: ",
            "Illustration: the Timelines desk",
        ),
        (&arabic, "رسم توضيحي: ", "رسم: مكتب تايملاينز"),
    ] {
        let (row, _) = app
            .state
            .store
            .find_article(&a.slug, now)
            .await
            .unwrap()
            .unwrap();
        let page = app
            .get(&timelines::urls::article(&row.slug, row.published_at))
            .await;
        assert_eq!(page.status, 200);
        let figure = segment(&page, r#"<figure class="article__figure">"#, "</figure>");
        assert!(figure.contains(&format!(r#"alt="{described}"#)), "{figure}");
        assert!(figure.contains(r#"width="1600" height="900""#), "{figure}");
        assert!(figure.contains(credit), "{figure}");
    }
}
