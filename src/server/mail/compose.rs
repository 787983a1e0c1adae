//! The messages the site sends, as whole RFC 5322 texts ready for the outbox: a plain-text
//! part and an HTML part (every piece of text escaped), the sender, and on every message the
//! unsubscribe link in the body and in `List-Unsubscribe` with `List-Unsubscribe-Post`
//! (RFC 8058: mail providers' one-click button posts to it).

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

/// Who sends, and the site it speaks for.
#[derive(Debug, Clone)]
pub struct Sender {
    pub from: Mailbox,
    pub site_name: String,
}

/// Why a message could not be made (an address lettre will not take).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ComposeError(String);

impl ComposeError {
    pub(super) fn new(text: String) -> Self {
        Self(text)
    }
}

const LIST_UNSUBSCRIBE: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe");
const LIST_UNSUBSCRIBE_POST: HeaderName = HeaderName::new_from_ascii_str("List-Unsubscribe-Post");

pub(super) fn escape(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

pub(super) fn attribute(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// A message from `sender` to `to` with both parts and the unsubscribe headers.
pub(super) fn message(
    sender: &Sender,
    to: &str,
    subject: &str,
    text: String,
    html: String,
    unsubscribe_url: &str,
) -> Result<String, ComposeError> {
    let to: Mailbox = to
        .parse()
        .map_err(|e| ComposeError(format!("the address {to:?}: {e}")))?;
    let message = Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(subject)
        .raw_header(HeaderValue::new(
            LIST_UNSUBSCRIBE,
            format!("<{unsubscribe_url}>"),
        ))
        .raw_header(HeaderValue::new(
            LIST_UNSUBSCRIBE_POST,
            "List-Unsubscribe=One-Click".into(),
        ))
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| ComposeError(e.to_string()))?;
    String::from_utf8(message.formatted()).map_err(|e| ComposeError(e.to_string()))
}

/// The double opt-in message: the link that confirms a sign-up.
pub fn confirmation(
    sender: &Sender,
    to: &str,
    confirm_url: &str,
    unsubscribe_url: &str,
) -> Result<String, ComposeError> {
    let site = &sender.site_name;
    let subject = format!("Confirm your subscription to {site}");
    let text = format!(
        "Hello,\n\n\
         Someone, we hope you, asked for the {site} newsletter to be sent to this address.\n\
         To start receiving it, confirm your subscription by opening this link:\n\n\
         {confirm_url}\n\n\
         The link works for 7 days. If you did not ask for the newsletter, ignore this message:\n\
         nothing more will be sent to you.\n\n\
         -- \n{site}\n\
         Not for you? Remove this address: {unsubscribe_url}\n"
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:Georgia,serif;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:auto;padding:1rem\">\
         <p>Hello,</p>\
         <p>Someone, we hope you, asked for the {site_html} newsletter to be sent to this address.</p>\
         <p><a href=\"{confirm}\" style=\"display:inline-block;padding:0.6rem 1.2rem;background:#b3161e;color:#ffffff;text-decoration:none;font-weight:bold;border-radius:4px\">Confirm my subscription</a></p>\
         <p>The link works for 7 days. If you did not ask for the newsletter, ignore this message: nothing more will be sent to you.</p>\
         <hr><p style=\"font-size:0.85rem;color:#5b6170\">{site_html} · <a href=\"{unsubscribe}\" style=\"color:#5b6170\">Remove this address</a></p>\
         </body></html>",
        title = escape(&subject),
        site_html = escape(site),
        confirm = attribute(confirm_url),
        unsubscribe = attribute(unsubscribe_url),
    );
    message(sender, to, &subject, text, html, unsubscribe_url)
}

/// The note to an address that signed up while subscribed already (the sign-up page says the
/// same to everyone, so that it does not tell who is on the list).
pub fn already_subscribed(
    sender: &Sender,
    to: &str,
    unsubscribe_url: &str,
) -> Result<String, ComposeError> {
    let site = &sender.site_name;
    let subject = format!("You're already subscribed to {site}");
    let text = format!(
        "Hello,\n\n\
         Someone, we hope you, asked again for the {site} newsletter to be sent to this address.\n\
         It already is: nothing more to do.\n\n\
         -- \n{site}\n\
         To stop receiving it: {unsubscribe_url}\n"
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:Georgia,serif;line-height:1.5;color:#1b1b1b;max-width:36rem;margin:auto;padding:1rem\">\
         <p>Hello,</p>\
         <p>Someone, we hope you, asked again for the {site_html} newsletter to be sent to this address. It already is: nothing more to do.</p>\
         <hr><p style=\"font-size:0.85rem;color:#5b6170\">{site_html} · <a href=\"{unsubscribe}\" style=\"color:#5b6170\">Unsubscribe</a></p>\
         </body></html>",
        title = escape(&subject),
        site_html = escape(site),
        unsubscribe = attribute(unsubscribe_url),
    );
    message(sender, to, &subject, text, html, unsubscribe_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_has_both_parts_the_link_and_the_unsubscribe_headers() {
        let sender = Sender {
            from: "West <news@news.example>".parse().unwrap(),
            site_name: "West <Times> & Co".into(),
        };
        let m = confirmation(
            &sender,
            "ann@xn--bcher-kva.de",
            "https://news.example/subscribe/confirm?token=1.2.abc",
            "https://news.example/subscribe/unsubscribe?token=1.def",
        )
        .unwrap();
        assert!(m.contains("To: ann@xn--bcher-kva.de"), "{m}");
        assert!(m.contains(
            "List-Unsubscribe: <https://news.example/subscribe/unsubscribe?token=1.def>"
        ));
        assert!(m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(m.contains("multipart/alternative"));
        assert!(m.contains("text/plain") && m.contains("text/html"));
        // A header cannot be smuggled in through the recipient.
        assert!(confirmation(&sender, "a@b.example\r\nBcc: x@y.example", "u", "v").is_err());
    }
}
