//! The newsletter issue store on either database (`TIMELINES_TEST_BACKEND`).

use super::*;
use crate::server::email::canonical;
use crate::server::store::fixtures::{empty_store, NOW};

/// Subscribers: ann confirmed, bob waiting, cy stored before double opt-in, dee gone.
async fn list(store: &Store) -> Vec<i64> {
    let mut ids = vec![];
    for (email, state) in [
        ("ann@example.com", "confirmed"),
        ("bob@example.com", "pending"),
        ("cy@example.com", "legacy"),
        ("dee@example.com", "left"),
    ] {
        let a = canonical(email).unwrap();
        if state == "legacy" {
            store.add_subscriber(&a, NOW).await.unwrap();
        } else {
            store
                .sign_up(&a, NOW, |_, _| Ok("Subject: c\r\n\r\nx".into()))
                .await
                .unwrap();
        }
        let id = store.subscriber_id(&a.key).await.unwrap().unwrap();
        if state == "confirmed" || state == "left" {
            store.confirm_subscriber(id, &a.key, NOW).await.unwrap();
        }
        if state == "left" {
            store.unsubscribe(id, &a.key, NOW).await.unwrap();
        }
        ids.push(id);
    }
    ids
}

fn issue<'a>(key: &'a str, article_count: i64) -> NewIssue<'a> {
    NewIssue {
        key,
        period: "day",
        subject: "West: the day's top stories",
        articles: "[]",
        article_count,
        sent_by: None,
    }
}

#[tokio::test]
async fn an_issue_goes_once_to_each_confirmed_address_only() {
    let (store, _dir) = empty_store().await;
    let ids = list(&store).await;
    assert_eq!(
        store.subscriber_counts().await.unwrap(),
        SubscriberCounts {
            confirmed: 1,
            pending: 1,
            never_asked: 1,
            unsubscribed: 1
        }
    );
    assert_eq!(
        store
            .create_issue(&issue("daily-2026-12-06", 3), NOW)
            .await
            .unwrap(),
        IssueCreated::Queued { recipients: 1 }
    );
    // Another server, or a second click, asks for the same issue: nothing more is queued.
    assert_eq!(
        store
            .create_issue(&issue("daily-2026-12-06", 3), NOW)
            .await
            .unwrap(),
        IssueCreated::Exists
    );
    let mail = store.issue_mail("daily-2026-12-06", 10).await.unwrap();
    assert_eq!(mail.len(), 1);
    assert_eq!(
        (
            mail[0].recipient.as_str(),
            mail[0].subscriber_id,
            mail[0].message.as_str()
        ),
        ("ann@example.com", Some(ids[0]), "")
    );
    // An issue with no article is logged and goes to nobody.
    assert_eq!(
        store
            .create_issue(&issue("daily-2026-12-07", 0), NOW + 86_400)
            .await
            .unwrap(),
        IssueCreated::Queued { recipients: 0 }
    );
    // The log: newest first, with the sending's progress.
    let row = store
        .claim_mail(NOW, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.issue.is_some())
        .unwrap();
    store.mail_sent(&row, NOW + 5).await.unwrap();
    let log = store.issue_log(None, 10).await.unwrap();
    assert_eq!(
        log.iter().map(|p| p.key.as_str()).collect::<Vec<_>>(),
        ["daily-2026-12-07", "daily-2026-12-06"]
    );
    assert_eq!(
        (
            log[1].recipients,
            log[1].sent,
            log[1].waiting,
            log[1].failed
        ),
        (1, 1, 0, 0)
    );
    assert_eq!(log[1].last_sent_at, Some(NOW + 5));
    assert_eq!(log[0].recipients, 0);
    let one = store.issue_log(Some("daily-2026-12-06"), 10).await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(
        store
            .issue("daily-2026-12-06")
            .await
            .unwrap()
            .unwrap()
            .article_count,
        3
    );
    assert!(store.issue("weekly-2026-12-07").await.unwrap().is_none());
}

#[tokio::test]
async fn addresses_stored_before_double_opt_in_are_asked_to_confirm_once() {
    let (store, _dir) = empty_store().await;
    let ids = list(&store).await;
    assert_eq!(store.queue_first_confirmations(NOW).await.unwrap(), 1);
    assert_eq!(store.queue_first_confirmations(NOW + 1).await.unwrap(), 0);
    let asked: Vec<_> = store
        .mail_log(Some("confirm"), 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.message.is_empty())
        .collect();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        (asked[0].recipient.as_str(), asked[0].subscriber_id),
        ("cy@example.com", Some(ids[2]))
    );
    let counts = store.subscriber_counts().await.unwrap();
    assert_eq!((counts.pending, counts.never_asked), (2, 0));
    let cy = store.mail_subscriber(ids[2]).await.unwrap().unwrap();
    assert!(!cy.receives());
    assert!(store
        .mail_subscriber(ids[0])
        .await
        .unwrap()
        .unwrap()
        .receives());
}

#[tokio::test]
async fn a_message_not_needed_any_more_is_counted_apart_from_failures() {
    let (store, _dir) = empty_store().await;
    list(&store).await;
    store
        .create_issue(&issue("weekly-2026-12-07", 2), NOW)
        .await
        .unwrap();
    let row = store
        .claim_mail(NOW, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.issue.is_some())
        .unwrap();
    store
        .mail_skipped(
            &row,
            "Not sent: the address unsubscribed before it went out.",
        )
        .await
        .unwrap();
    let log = store.issue_log(Some("weekly-2026-12-07"), 1).await.unwrap();
    assert_eq!(
        (log[0].sent, log[0].failed, log[0].skipped, log[0].waiting),
        (0, 0, 1, 0)
    );
    let mail = store.issue_mail("weekly-2026-12-07", 10).await.unwrap();
    assert_eq!((mail[0].status.as_str(), mail[0].skipped), ("failed", 1));
}
