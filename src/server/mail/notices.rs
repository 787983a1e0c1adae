//! Notices to the newsroom (`mail.notify`), queued by [`notify`]: a reader's contact message
//! (answerable: its `Reply-To` is the reader), and a comment held for moderation. Plain text, every field
//! already refused line breaks and control characters where a header takes it (names,
//! subjects); lettre encodes the headers.

use super::compose::{ComposeError, Sender};
use crate::server::store::outbox::NewMail;
use crate::server::{clock, AppState};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::Message;

fn notice(
    sender: &Sender,
    to: &str,
    reply_to: Option<Mailbox>,
    subject: &str,
    text: String,
) -> Result<String, ComposeError> {
    let to: Mailbox = to
        .parse()
        .map_err(|e| ComposeError::new(format!("mail.notify {to:?}: {e}")))?;
    let mut builder = Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(subject);
    if let Some(reply_to) = reply_to {
        builder = builder.reply_to(reply_to);
    }
    let message = builder
        .header(ContentType::TEXT_PLAIN)
        .body(text)
        .map_err(|e| ComposeError::new(e.to_string()))?;
    String::from_utf8(message.formatted()).map_err(|e| ComposeError::new(e.to_string()))
}

/// A reader's message from the contact form.
pub struct ContactNotice<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// The message's page in the newsroom (absolute).
    pub newsroom_url: &'a str,
}

pub fn contact(sender: &Sender, to: &str, m: &ContactNotice<'_>) -> Result<String, ComposeError> {
    // The reader's address as Reply-To, when lettre takes it (it may not take every address
    // the site does: then the newsroom's page has it).
    let reply_to = m
        .email
        .parse()
        .ok()
        .map(|address| Mailbox::new(Some(m.name.to_string()), address));
    let text = format!(
        "{name} <{email}> wrote through the contact form of {site}:\n\n\
         Subject: {subject}\n\n{body}\n\n-- \nIn the newsroom: {url}\n",
        name = m.name,
        email = m.email,
        site = sender.site_name,
        subject = m.subject,
        body = m.body,
        url = m.newsroom_url,
    );
    notice(
        sender,
        to,
        reply_to,
        &format!("Contact form: {}", m.subject),
        text,
    )
}

/// A comment held for moderation.
pub struct HeldNotice<'a> {
    pub name: &'a str,
    pub article_title: &'a str,
    pub body: &'a str,
    /// The comment's page in the newsroom (absolute).
    pub newsroom_url: &'a str,
}

pub fn held_comment(sender: &Sender, to: &str, c: &HeldNotice<'_>) -> Result<String, ComposeError> {
    let text = format!(
        "A comment by {name} on \"{title}\" awaits moderation:\n\n{body}\n\n-- \n\
         Approve, edit or reply: {url}\n",
        name = c.name,
        title = c.article_title,
        body = c.body,
        url = c.newsroom_url,
    );
    notice(
        sender,
        to,
        None,
        &format!("Comment awaiting moderation: {}", c.article_title),
        text,
    )
}

/// Queues a notice to `mail.notify`, when it names an address. A notice that cannot be queued
/// is logged: what it tells of is stored, and the newsroom lists it either way.
pub async fn notify(
    state: &AppState,
    make: impl FnOnce(&Sender, &str) -> Result<String, ComposeError>,
) {
    let to = state.config.mail.notify.trim();
    if to.is_empty() {
        return;
    }
    let message = match make(&state.mail_sender(), to) {
        Ok(m) => m,
        Err(e) => {
            tracing::warn!(error = %e, "a notice to the newsroom could not be written");
            return;
        }
    };
    let mail = NewMail {
        kind: "notice",
        recipient: to,
        message: &message,
        issue: None,
    };
    match state
        .store
        .queue_mail(&mail, clock::now().unix_timestamp())
        .await
    {
        Ok(_) => state.mailer.wake(),
        Err(e) => tracing::warn!(error = %e, "a notice to the newsroom could not be queued"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_notice_answers_the_reader_and_keeps_their_words_as_text() {
        let sender = Sender {
            from: "West <news@news.example>".parse().unwrap(),
            site_name: "West".into(),
        };
        let m = contact(
            &sender,
            "desk@news.example",
            &ContactNotice {
                name: "Ann \"the\" Reader",
                email: "ann@example.com",
                subject: "Tip: <script>alert(1)</script>",
                body: "Look at\nthe harbour.",
                newsroom_url: "https://news.example/newsroom/messages/7",
            },
        )
        .unwrap();
        let parsed = mail_parser::MessageParser::default()
            .parse(m.as_bytes())
            .unwrap();
        assert_eq!(
            parsed.subject(),
            Some("Contact form: Tip: <script>alert(1)</script>")
        );
        let reply = parsed.reply_to().unwrap().first().unwrap();
        assert_eq!(reply.address(), Some("ann@example.com"));
        assert_eq!(reply.name(), Some("Ann \"the\" Reader"));
        let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
        assert!(text.contains("Look at\nthe harbour."));
        assert!(text.contains("https://news.example/newsroom/messages/7"));
        assert!(parsed.body_html(0).is_none_or(|h| !h.contains("<script>")));
    }
}
