#![cfg(feature = "ssr")]
//! Importing a WordPress export (the project's fixture, `fixtures/wordpress/`) into an empty
//! site over the real store and router: what is made and how it reads on the site, the old
//! addresses answering 301, a dry run writing nothing, a second import changing nothing, a
//! newer export updating what changed, and exports refused whole.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::{app_with, TestApp, PUBLIC_URL};
use std::path::Path;
use timelines::server::import::report::Report;
use timelines::server::import::{import, progress::Progress, ImportError, Options, Source};
use timelines::server::media::bench::synthetic_photo;
use timelines::server::store::db;

const FIXTURE: &str = include_str!("fixtures/wordpress/west-timelines.xml");

async fn empty_site() -> TestApp {
    app_with(|c| c.server.load_demo = false).await
}

/// A copy of the old site's uploads with the one picture the export's files hold (the other,
/// `not-there.jpg`, is missing on purpose).
fn uploads() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("2026/04");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("harbour-cranes.jpg"),
        synthetic_photo(1800, 1200),
    )
    .unwrap();
    dir
}

async fn run(
    app: &TestApp,
    export: &str,
    uploads: Option<&Path>,
    dry_run: bool,
) -> Result<Report, ImportError> {
    let options = Options {
        uploads: uploads.map(Path::to_path_buf),
        dry_run,
        now: time::OffsetDateTime::now_utc().unix_timestamp(),
    };
    let source = Source::Bytes(export.as_bytes().to_vec().into());
    let report = import(
        &app.state.store,
        &app.state.media,
        &source,
        &options,
        &mut Progress::Silent,
    )
    .await?;
    app.state.media.settled().await;
    Ok(report)
}

async fn article_count(app: &TestApp) -> i64 {
    db::query_scalar("SELECT COUNT(*) FROM articles")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap()
}

/// Where `uri` answers 301 to (the site's path), failing when it does not.
async fn moved_to(app: &TestApp, uri: &str) -> String {
    let mut uri = uri.to_string();
    // The canonical spelling first (a trailing slash dropped: 308), then the import's 301.
    for _ in 0..3 {
        let page = app.get(&uri).await;
        match page.status.as_u16() {
            308 => uri = page.location().to_string(),
            301 => {
                return page
                    .location()
                    .strip_prefix(PUBLIC_URL)
                    .unwrap_or(page.location())
                    .to_string()
            }
            other => panic!("{uri} answered {other}, not 301"),
        }
    }
    panic!("{uri} redirects in circles")
}

#[tokio::test]
async fn an_export_becomes_the_site_with_its_old_addresses_kept() {
    let app = empty_site().await;
    let uploads = uploads();
    let report = run(&app, FIXTURE, Some(uploads.path()), false)
        .await
        .unwrap();
    let text = report.to_string();

    // Authors, categories (nested, the Arabic one with an ASCII slug), tags, the one picture
    // whose file is there, five articles (two published, the pending and private ones and the
    // draft as drafts, the scheduled one), two pages.
    assert_eq!(report.counts_of("authors").created, 3, "{text}");
    assert_eq!(report.counts_of("categories").created, 5, "{text}");
    assert_eq!(report.counts_of("pictures").created, 1, "{text}");
    assert_eq!(report.counts_of("pictures").skipped, 1, "{text}");
    assert!(
        text.contains("2026/04/not-there.jpg is not in the uploads folder"),
        "{text}"
    );
    assert_eq!(report.counts_of("pages").created, 2, "{text}");
    assert!(text.contains("in WordPress's trash"), "{text}");
    assert!(text.contains("\"last Tuesday\" is not a date"), "{text}");
    assert!(report.other_types.contains_key("nav_menu_item"), "{text}");
    assert!(report.comments > 0, "{text}");
    assert!(
        text.contains("the slug ferries-return-northern-route was taken"),
        "{text}"
    );

    // The sticky post, featured, at its new address with its standfirst, picture and words;
    // nothing that runs script came with it.
    let at = 1_775_467_800; // 2026-04-06 09:30:00 UTC
    let url = timelines::urls::article("ferries-return-northern-route", at);
    let page = app.get(&url).await;
    assert_eq!(page.status, 200, "{url}");
    page.assert_has("Ferries return to the northern route after two winters &amp; a strike");
    page.assert_has("After two winters and a strike, the northern route is running again");
    page.assert_has("carrying 212 passengers");
    page.assert_has("<picture");
    page.assert_has("Two cranes over the container quay at dawn");
    assert!(!page.body.contains("inline script from a plugin"));
    assert!(!page.body.contains("video.example"));
    page.assert_has("Harbours &amp; Coasts");

    // The Arabic post keeps its Arabic slug and reads right to left.
    let arabic = timelines::urls::article("الموانئ-تستعيد-نشاطها", 1_775_469_600);
    let encoded = timelines::urls::absolute("", &arabic);
    let page = app.get(&encoded).await;
    assert_eq!(page.status, 200, "{encoded}");
    page.assert_has("lang=\"ar\"");
    page.assert_has("dir=\"rtl\"");

    // Drafts stay out of view.
    assert_eq!(
        app.get("/?p=45").await.status,
        200,
        "the home page, not the draft"
    );
    let search = app.get("/search?q=timetable+explained").await;
    assert!(!search.body.contains("the new timetable explained"));

    // Old addresses.
    assert_eq!(
        moved_to(&app, "/europe/ferries-return-northern-route/").await,
        url
    );
    assert_eq!(moved_to(&app, "/?p=41").await, url);
    assert_eq!(moved_to(&app, "/about/team/").await, "/team");
    assert_eq!(moved_to(&app, "/?page_id=60").await, "/about");
    assert_eq!(app.get("/about").await.status, 200);
    assert_eq!(moved_to(&app, "/author/mira/").await, "/author/mira-sol");
    let to = moved_to(&app, "/category/%d8%b4%d8%a4%d9%88%d9%86/").await;
    assert!(to.starts_with("/category/category-"), "{to}");
    assert_eq!(app.get(&to).await.status, 200);
    let picture = moved_to(
        &app,
        "/wp-content/uploads/2026/04/harbour-cranes-300x200.jpg",
    )
    .await;
    assert!(
        picture.starts_with("/media/") && picture.ends_with("/1600.jpg"),
        "{picture}"
    );
    assert_eq!(app.get(&picture).await.status, 200);
    assert_eq!(
        moved_to(&app, "/category/%d8%b4%d8%a4%d9%88%d9%86/feed/").await,
        format!("{to}/feed")
    );
    assert_eq!(app.get("/category/world/europe/harbours").await.status, 200);
    assert_eq!(app.get("/no-such-old-page").await.status, 404);

    // WordPress's date archives are the portal's too: a month's and a day's stories.
    let month = app.get("/2026/04").await;
    assert_eq!(month.status, 200);
    month.assert_has("April 2026");
    month.assert_has("Ferries return to the northern route after two winters");
    let day = app.get("/2026/04/08").await;
    assert_eq!(day.status, 200);
    day.assert_has("8 April 2026");
    day.assert_has("1 story");
    assert_eq!(app.get("/2026/04/06/").await.status, 308);
    assert_eq!(app.get("/2026/13").await.status, 404);
    assert_eq!(
        app.get("/2019/01").await.status,
        404,
        "a month with no story"
    );
    assert_eq!(app.get("/2026/02/30").await.status, 404);
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_a_second_import_changes_nothing() {
    let app = empty_site().await;
    let uploads = uploads();
    let dry = run(&app, FIXTURE, Some(uploads.path()), true)
        .await
        .unwrap();
    assert!(dry.to_string().contains("Dry run: nothing was written."));
    assert_eq!(dry.counts_of("pages").created, 2);
    assert_eq!(article_count(&app).await, 0);
    assert_eq!(app.state.store.all_staff().await.unwrap().len(), 0);

    let first = run(&app, FIXTURE, Some(uploads.path()), false)
        .await
        .unwrap();
    let made = article_count(&app).await;
    assert_eq!(first.counts_of("articles").created as i64, made);
    assert_eq!(
        dry.counts_of("articles").created,
        first.counts_of("articles").created
    );

    let again = run(&app, FIXTURE, Some(uploads.path()), false)
        .await
        .unwrap();
    for kind in ["articles", "pages", "categories", "pictures", "authors"] {
        let c = again.counts_of(kind);
        assert_eq!((c.created, c.updated), (0, 0), "{kind}: {again}");
    }
    assert_eq!(article_count(&app).await, made);
    // Without the uploads folder, the pictures taken before are used as they are.
    let without = run(&app, FIXTURE, None, false).await.unwrap();
    assert_eq!(without.counts_of("articles").updated, 0, "{without}");
    assert_eq!(without.counts_of("pictures").unchanged, 1, "{without}");

    // A newer export with one post changed: that one is updated, live at once.
    let newer = FIXTURE.replace("carrying 212 passengers", "carrying 214 passengers");
    let update = run(&app, &newer, Some(uploads.path()), false)
        .await
        .unwrap();
    assert_eq!(update.counts_of("articles").updated, 1, "{update}");
    assert_eq!(update.counts_of("articles").created, 0, "{update}");
    let url = timelines::urls::article("ferries-return-northern-route", 1_775_467_800);
    app.get(&url).await.assert_has("carrying 214 passengers");
    assert_eq!(article_count(&app).await, made);
}

#[tokio::test]
async fn broken_exports_are_refused_whole() {
    let app = empty_site().await;
    let cut = &FIXTURE[..FIXTURE.find("A classic-editor story").unwrap()];
    let err = run(&app, cut, None, false).await.unwrap_err();
    assert!(err.to_string().contains("cut short"), "{err}");
    assert_eq!(article_count(&app).await, 0);
    assert_eq!(app.state.store.all_staff().await.unwrap().len(), 0);

    let doctype = FIXTURE.replacen("<rss", "<!DOCTYPE rss [<!ENTITY x \"boom\">]>\n<rss", 1);
    let err = run(&app, &doctype, None, false).await.unwrap_err();
    assert!(err.to_string().contains("DOCTYPE"), "{err}");

    let err = run(&app, "<html><body>hello</body></html>", None, false)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a WordPress export"), "{err}");
    assert_eq!(article_count(&app).await, 0);
}

#[tokio::test]
async fn without_uploads_pictures_are_reported_and_posts_still_come() {
    let app = empty_site().await;
    let report = run(&app, FIXTURE, None, false).await.unwrap();
    let text = report.to_string();
    assert!(text.contains("no uploads folder was given"), "{text}");
    assert_eq!(report.counts_of("pictures").skipped, 2, "{text}");
    assert!(report.counts_of("articles").created >= 5, "{text}");
    let url = timelines::urls::article("ferries-return-northern-route", 1_775_467_800);
    let page = app.get(&url).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("old.west.example/wp-content"));
}

#[tokio::test]
async fn what_the_newsroom_changed_since_is_kept_and_odd_items_are_reported() {
    use timelines::server::store::{ArticleStatus, SaveAs, Saving};
    let app = empty_site().await;
    run(&app, FIXTURE, None, false).await.unwrap();
    let store = &app.state.store;

    // WordPress's pending post waits for an editor here too.
    let pending = store
        .article_with_slug("fares-for-residents")
        .await
        .unwrap()
        .expect("the pending post");
    let pending = store.editable_article(pending).await.unwrap().unwrap();
    assert_eq!(pending.status, ArticleStatus::Review);

    // An editor retitles the imported article; a newer export changes its words: the
    // editor's version stays, and the report says why.
    let id = store
        .article_with_slug("ferries-return-northern-route")
        .await
        .unwrap()
        .unwrap();
    let article = store.editable_article(id).await.unwrap().unwrap();
    let mut fields = article.fields.clone();
    fields.title = "Ferries are back on the northern route".into();
    let editor = store.all_staff().await.unwrap()[0].id;
    let saving = Saving {
        by: editor,
        at: time::OffsetDateTime::now_utc().unix_timestamp(),
        action: "update",
    };
    store
        .save_article(id, article.version, &fields, SaveAs::Keep, saving)
        .await
        .unwrap();
    let newer = FIXTURE.replace("carrying 212 passengers", "carrying 214 passengers");
    let report = run(&app, &newer, None, false).await.unwrap();
    assert!(
        report
            .to_string()
            .contains("changed in the newsroom since it was imported"),
        "{report}"
    );
    let kept = store.editable_article(id).await.unwrap().unwrap();
    assert_eq!(kept.fields.title, "Ferries are back on the northern route");
    assert!(kept.fields.body_md.contains("212 passengers"));

    // The same post id twice, and none at all: both reported, the first item kept.
    let first_item = FIXTURE.find("<wp:post_id>41</wp:post_id>").unwrap();
    let doubled = FIXTURE.replacen(
        "<wp:post_id>44</wp:post_id>",
        "<wp:post_id>41</wp:post_id>",
        1,
    );
    assert!(first_item > 0);
    let app = empty_site().await;
    let report = run(&app, &doubled, None, false).await.unwrap();
    assert!(
        report
            .to_string()
            .contains("its wp:post_id 41 is that of the item at line"),
        "{report}"
    );
}

/// A pingback before the fixture's first comment.
const PINGBACK: &str = "<wp:comment><wp:comment_id>6</wp:comment_id>\
    <wp:comment_author><![CDATA[Another blog]]></wp:comment_author>\
    <wp:comment_content><![CDATA[Linked from another blog]]></wp:comment_content>\
    <wp:comment_approved>1</wp:comment_approved><wp:comment_type>pingback</wp:comment_type>\
    <wp:comment_parent>0</wp:comment_parent></wp:comment>\n<wp:comment>";

#[tokio::test]
async fn a_posts_comments_come_with_it_once_as_they_were() {
    let app = empty_site().await;
    let export = FIXTURE.replacen("<wp:comment>", PINGBACK, 1).replacen(
        "<wp:comment_parent>7</wp:comment_parent>",
        "<wp:comment_parent>7</wp:comment_parent><wp:comment_user_id>3</wp:comment_user_id>",
        1,
    );
    let first = run(&app, &export, None, false).await.unwrap();
    assert_eq!(
        (
            first.comments,
            first.comments_imported,
            first.comments_left_out
        ),
        (4, 3, 1),
        "{first}"
    );
    assert!(
        first.to_string().contains(
            "Comments: 4 in the export; 3 imported, 1 pingbacks and trackbacks left out."
        ),
        "{first}"
    );
    // Approved ones are on the article, the reply under the comment it answers; the spam is
    // not, and the count says two.
    let url = timelines::urls::article("ferries-return-northern-route", 1_775_467_800);
    let page = app.get(&url).await;
    page.assert_has("2 Comments");
    page.assert_has("Jonas from the quay");
    page.assert_has("The band was out of tune &amp; proud of it.");
    page.assert_has("It was meant to be.");
    assert!(!page.body.contains("Buy now") && !page.body.contains("Linked from another blog"));
    let doc = scraper::Html::parse_document(&page.body);
    let replies = scraper::Selector::parse("#comments .comments--replies .comment").unwrap();
    assert!(
        doc.select(&replies)
            .any(|r| r.text().collect::<String>().contains("It was meant to be.")),
        "the reply is under the comment it answers"
    );
    let counts = app.state.store.comment_counts(None).await.unwrap();
    assert_eq!(counts, [0, 2, 1, 0], "held, approved, spam, trash");

    // The site's own account's comment (Mira's reply, wp:comment_user_id 3) keeps a key of its
    // own: a reader posting with her name and address is not approved on its strength.
    let keys: Vec<(String, String)> =
        db::query_as("SELECT name, email_key FROM comments ORDER BY id")
            .fetch_all(app.state.store.pool())
            .await
            .unwrap();
    let key_of = |who: &str| keys.iter().find(|(n, _)| n == who).unwrap().1.clone();
    assert_eq!(key_of("Jonas from the quay"), "jonas@example.com");
    assert!(key_of("Mira Sol").starts_with("wordpress:"), "{keys:?}");

    // Again: nothing doubles.
    let again = run(&app, &export, None, false).await.unwrap();
    assert_eq!(
        (again.comments_imported, again.comments_unchanged),
        (0, 3),
        "{again}"
    );
    assert_eq!(app.state.store.comment_counts(None).await.unwrap(), counts);
    app.get(&url).await.assert_has("2 Comments");

    // The spam deleted for good in the newsroom stays deleted through the next import.
    let spam: i64 = db::query_scalar("SELECT id FROM comments WHERE status = 'spam'")
        .fetch_one(app.state.store.pool())
        .await
        .unwrap();
    assert!(app.state.store.delete_comment(spam).await.unwrap());
    let third = run(&app, &export, None, false).await.unwrap();
    assert_eq!(
        (
            third.comments_imported,
            third.comments_unchanged,
            third.comments_deleted
        ),
        (0, 2, 1),
        "{third}"
    );
    assert!(third
        .to_string()
        .contains("1 deleted in the newsroom since, not made again"));
    assert_eq!(
        app.state.store.comment_counts(None).await.unwrap(),
        [0, 2, 0, 0]
    );
}
