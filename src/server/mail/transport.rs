//! How messages leave: over SMTP (`mail.smtp_url`), or, with no SMTP server configured, as
//! `.eml` files in `mail.dir` (lettre's file transport), so a development site's mail can be
//! read without a mail server.

use super::compose::Sender;
use crate::server::config::Config;
use lettre::address::Envelope;
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use tokio::sync::Notify;

#[derive(Debug)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Sends stored messages; `wake` tells the worker one was queued.
#[derive(Debug)]
pub struct Mailer {
    transport: Transport,
    pub sender: Sender,
    wake: Notify,
}

/// A failed send: whether trying again can help (a refused address cannot).
#[derive(Debug)]
pub struct SendFailure {
    pub permanent: bool,
    pub text: String,
}

/// The sender `mail.from` names, or the site's name at `newsletter@` the public host.
pub fn sender(config: &Config, site_name: &str) -> Result<Sender, String> {
    let from = if config.mail.from.trim().is_empty() {
        let host = config
            .site
            .public_url
            .split("://")
            .nth(1)
            .unwrap_or("localhost")
            .split(['/', ':'])
            .next()
            .filter(|h| !h.is_empty())
            .unwrap_or("localhost");
        let address = format!("newsletter@{host}")
            .parse()
            .map_err(|e| format!("mail.from: newsletter@{host}: {e}"))?;
        Mailbox::new(Some(site_name.to_string()), address)
    } else {
        config
            .mail
            .from
            .parse()
            .map_err(|e| format!("mail.from {:?}: {e}", config.mail.from))?
    };
    Ok(Sender {
        from,
        site_name: site_name.to_string(),
    })
}

impl Mailer {
    pub fn new(config: &Config, site_name: &str) -> Result<Self, String> {
        let transport = match config.mail.smtp_url.trim() {
            "" => {
                std::fs::create_dir_all(&config.mail.dir)
                    .map_err(|e| format!("mail.dir {:?}: {e}", config.mail.dir))?;
                Transport::Files(AsyncFileTransport::new(&config.mail.dir))
            }
            url => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("mail.smtp_url: {e}"))?
                    // Each SMTP command; a claim outlasts a batch (`store/outbox.rs`).
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build(),
            ),
        };
        Ok(Self {
            transport,
            sender: sender(config, site_name)?,
            wake: Notify::new(),
        })
    }

    /// Tells the worker a message is waiting.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Completes when [`Self::wake`] is called.
    pub async fn woken(&self) {
        self.wake.notified().await
    }

    /// Sends one stored message to `to`.
    pub async fn send(&self, to: &str, message: &str) -> Result<(), SendFailure> {
        let envelope = Envelope::new(
            Some(self.sender.from.email.clone()),
            vec![to.parse().map_err(|e| SendFailure {
                permanent: true,
                text: format!("the address {to:?}: {e}"),
            })?],
        )
        .map_err(|e| SendFailure {
            permanent: true,
            text: e.to_string(),
        })?;
        match &self.transport {
            Transport::Smtp(t) => t
                .send_raw(&envelope, message.as_bytes())
                .await
                .map(|_| ())
                .map_err(|e| SendFailure {
                    permanent: e.is_permanent(),
                    text: e.to_string(),
                }),
            Transport::Files(t) => t
                .send_raw(&envelope, message.as_bytes())
                .await
                .map(|_| ())
                .map_err(|e| SendFailure {
                    permanent: false,
                    text: e.to_string(),
                }),
        }
    }
}
