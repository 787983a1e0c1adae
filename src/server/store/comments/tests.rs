//! The comment store on either database (`TIMELINES_TEST_BACKEND`).

use super::*;
use crate::server::email::canonical;
use crate::server::store::fixtures::{article, store, NOW};

const RULES: CommentRules = CommentRules {
    per_address: 3,
    per_client: 5,
    hold_all: false,
};

fn comment<'a>(article_id: i64, email: &'a Address, client: &'a str) -> NewComment<'a> {
    NewComment {
        article_id,
        parent_id: None,
        name: "Reader",
        email,
        body: "A fair point.",
        client,
        staff_id: None,
    }
}

async fn count_of(store: &Store, article_id: i64) -> i64 {
    query_scalar("SELECT comment_count FROM articles WHERE id = ?1")
        .bind(article_id)
        .fetch_one(&store.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_first_comment_is_held_and_once_approved_the_address_is_trusted() {
    let (store, _dir) = store().await;
    let id = store
        .insert_article(&article("a", "A", "x", 1))
        .await
        .unwrap();
    let ann = canonical("Ann@Example.com").unwrap();
    let first = store
        .add_comment(&comment(id, &ann, "192.0.2.1"), RULES, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.status, CommentStatus::Held);
    assert!(store.visible_comments(id).await.unwrap().is_empty());
    assert_eq!(count_of(&store, id).await, 0);

    let version = store.content_version();
    assert!(store
        .set_comment_status(first.id, CommentStatus::Approved, NOW + 5)
        .await
        .unwrap());
    assert!(store.content_version() > version, "pages show the approval");
    assert_eq!(count_of(&store, id).await, 1);

    // The same reader, spelled differently: approved at once.
    let again = canonical("ann@example.com").unwrap();
    let second = store
        .add_comment(&comment(id, &again, "192.0.2.1"), RULES, NOW + 10)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.status, CommentStatus::Approved);
    assert_eq!(count_of(&store, id).await, 2);
    let shown: Vec<i64> = store
        .visible_comments(id)
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(shown, vec![first.id, second.id]);

    // The address under another name is held (anyone may know an address).
    let impostor = NewComment {
        name: "Someone Else",
        ..comment(id, &again, "192.0.2.1")
    };
    let roomy = CommentRules {
        per_address: 10,
        ..RULES
    };
    let held = store
        .add_comment(&impostor, roomy, NOW + 15)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(held.status, CommentStatus::Held);

    // Holding every comment holds even a known address.
    let rules = CommentRules {
        hold_all: true,
        ..roomy
    };
    let third = store
        .add_comment(&comment(id, &again, "192.0.2.1"), rules, NOW + 20)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(third.status, CommentStatus::Held);
}

#[tokio::test]
async fn replies_go_one_level_deep_and_follow_their_parent() {
    let (store, _dir) = store().await;
    let id = store
        .insert_article(&article("a", "A", "x", 1))
        .await
        .unwrap();
    let other = store
        .insert_article(&article("b", "B", "x", 1))
        .await
        .unwrap();
    let ann = canonical("ann@example.com").unwrap();
    let parent = store
        .add_comment(&comment(id, &ann, "192.0.2.1"), RULES, NOW)
        .await
        .unwrap()
        .unwrap();
    let reply_to = |parent_id, article_id| NewComment {
        parent_id: Some(parent_id),
        ..comment(article_id, &ann, "192.0.2.1")
    };
    // A held parent takes no replies.
    assert_eq!(
        store
            .add_comment(&reply_to(parent.id, id), RULES, NOW + 1)
            .await
            .unwrap(),
        Err(CommentRefused::NoParent)
    );
    store
        .set_comment_status(parent.id, CommentStatus::Approved, NOW + 2)
        .await
        .unwrap();
    let reply = store
        .add_comment(&reply_to(parent.id, id), RULES, NOW + 3)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reply.status, CommentStatus::Approved);
    // Not under a reply, and not across articles.
    assert_eq!(
        store
            .add_comment(&reply_to(reply.id, id), RULES, NOW + 4)
            .await
            .unwrap(),
        Err(CommentRefused::NoParent)
    );
    assert_eq!(
        store
            .add_comment(&reply_to(parent.id, other), RULES, NOW + 4)
            .await
            .unwrap(),
        Err(CommentRefused::NoParent)
    );
    assert_eq!(count_of(&store, id).await, 2);
    // The parent binned: its reply goes from the page and the count with it.
    store
        .set_comment_status(parent.id, CommentStatus::Trash, NOW + 5)
        .await
        .unwrap();
    assert!(store.visible_comments(id).await.unwrap().is_empty());
    assert_eq!(count_of(&store, id).await, 0);
    // Deleted for good: the reply goes too.
    assert!(store.delete_comment(parent.id).await.unwrap());
    assert!(store.comment(reply.id).await.unwrap().is_none());
    assert!(!store.delete_comment(reply.id).await.unwrap());
}

#[tokio::test]
async fn closed_unpublished_and_missing_articles_take_no_comments() {
    let (store, _dir) = store().await;
    let id = store
        .insert_article(&article("a", "A", "x", 1))
        .await
        .unwrap();
    let ann = canonical("ann@example.com").unwrap();
    let c = comment(id, &ann, "192.0.2.1");
    assert!(store.set_comments_closed(id, true).await.unwrap());
    assert_eq!(store.comments_closed(id).await.unwrap(), Some(true));
    assert_eq!(
        store.add_comment(&c, RULES, NOW).await.unwrap(),
        Err(CommentRefused::Closed)
    );
    store.set_comments_closed(id, false).await.unwrap();
    assert!(store.add_comment(&c, RULES, NOW).await.unwrap().is_ok());
    // Scheduled for tomorrow: not yet there for readers.
    let later = store
        .insert_article(&article("later", "Later", "x", -1))
        .await
        .unwrap();
    assert_eq!(
        store
            .add_comment(&comment(later, &ann, "192.0.2.1"), RULES, NOW)
            .await
            .unwrap(),
        Err(CommentRefused::NoArticle)
    );
    assert_eq!(
        store
            .add_comment(&comment(9_999, &ann, "192.0.2.1"), RULES, NOW)
            .await
            .unwrap(),
        Err(CommentRefused::NoArticle)
    );
    assert_eq!(store.comments_closed(9_999).await.unwrap(), None);
}

#[tokio::test]
async fn an_address_and_a_client_are_limited_per_hour() {
    let (store, _dir) = store().await;
    let id = store
        .insert_article(&article("a", "A", "x", 1))
        .await
        .unwrap();
    let ann = canonical("ann@example.com").unwrap();
    for i in 0..3 {
        let posted = store
            .add_comment(&comment(id, &ann, "192.0.2.1"), RULES, NOW + i)
            .await
            .unwrap();
        assert!(posted.is_ok(), "comment {i}");
    }
    // The fourth within the hour: refused until the first leaves the window.
    assert_eq!(
        store
            .add_comment(&comment(id, &ann, "192.0.2.9"), RULES, NOW + 100)
            .await
            .unwrap(),
        Err(CommentRefused::TooMany(RATE_WINDOW - 100))
    );
    assert!(store
        .add_comment(&comment(id, &ann, "192.0.2.9"), RULES, NOW + RATE_WINDOW)
        .await
        .unwrap()
        .is_ok());
    // One client, many addresses: five, then refused.
    for i in 0..5 {
        let other = canonical(&format!("r{i}@example.com")).unwrap();
        assert!(store
            .add_comment(&comment(id, &other, "198.51.100.7"), RULES, NOW + i)
            .await
            .unwrap()
            .is_ok());
    }
    let sixth = canonical("r6@example.com").unwrap();
    assert!(matches!(
        store
            .add_comment(&comment(id, &sixth, "198.51.100.7"), RULES, NOW + 10)
            .await
            .unwrap(),
        Err(CommentRefused::TooMany(_))
    ));
}

#[tokio::test]
async fn the_queue_counts_edits_and_feeds() {
    let (store, _dir) = store().await;
    let id = store
        .insert_article(&article("a", "A", "x", 1))
        .await
        .unwrap();
    let ann = canonical("ann@example.com").unwrap();
    let mut ids = vec![];
    for i in 0..3 {
        let posted = store
            .add_comment(&comment(id, &ann, "192.0.2.1"), RULES, NOW + i)
            .await
            .unwrap()
            .unwrap();
        ids.push(posted.id);
    }
    // All held (the address has no approved comment yet).
    assert_eq!(store.comment_counts(None).await.unwrap(), [3, 0, 0, 0]);
    store
        .set_comment_status(ids[0], CommentStatus::Approved, NOW + 5)
        .await
        .unwrap();
    store
        .set_comment_status(ids[1], CommentStatus::Spam, NOW + 5)
        .await
        .unwrap();
    assert_eq!(store.comment_counts(Some(id)).await.unwrap(), [1, 1, 1, 0]);
    let (held, total) = store
        .comment_queue(CommentStatus::Held, None, 0, 10)
        .await
        .unwrap();
    assert_eq!((held.len(), total), (1, 1));
    assert_eq!(held[0].comment.id, ids[2]);
    assert_eq!(held[0].article_title, "A");

    let version = store.content_version();
    assert!(store
        .edit_comment(ids[0], "Ann", "Corrected.", NOW + 6)
        .await
        .unwrap());
    assert!(store.content_version() > version);
    let edited = store.comment(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        (edited.comment.name.as_str(), edited.comment.body.as_str()),
        ("Ann", "Corrected.")
    );
    assert!(!store.edit_comment(9_999, "x", "y", NOW).await.unwrap());

    let feed = store.latest_comments(None, NOW + 10, 10).await.unwrap();
    assert_eq!(feed.len(), 1);
    assert_eq!(feed[0].comment.id, ids[0]);
    assert!(store
        .latest_comments(Some(id + 1), NOW + 10, 10)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_site_secret_is_made_once() {
    let (store, _dir) = store().await;
    let a = store.load_site_secret("signing").await.unwrap();
    let b = store.load_site_secret("signing").await.unwrap();
    assert_eq!(a, b);
    assert_eq!(a.len(), 43);
    assert_ne!(a, store.load_site_secret("other").await.unwrap());
}
