//! The messages the SMTP test server kept (`scripts/with-smtp.sh` writes each into a Maildir).

use std::time::{Duration, Instant};

/// A kept message, parsed.
pub struct Mail {
    pub raw: Vec<u8>,
}

impl Mail {
    fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    /// A header's value as written (after unfolding), or "".
    pub fn header(&self, name: &str) -> String {
        self.parsed()
            .header_raw(name)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// The first address in the text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        let text = self.text();
        let start = text
            .find(prefix)
            .unwrap_or_else(|| panic!("no {prefix} link in: {text}"));
        text[start..].split_whitespace().next().unwrap().to_string()
    }
}

fn maildir() -> std::path::PathBuf {
    std::env::var("TIMELINES_TEST_MAILDIR")
        .expect("TIMELINES_TEST_MAILDIR: run under scripts/with-smtp.sh")
        .into()
}

/// Every kept message to `to`, oldest first.
pub fn messages_to(to: &str) -> Vec<Mail> {
    let mut found: Vec<(std::time::SystemTime, Mail)> = std::fs::read_dir(maildir().join("new"))
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let raw = std::fs::read(e.path()).ok()?;
                    let mail = Mail { raw };
                    let addressed = mail
                        .parsed()
                        .to()
                        .and_then(|a| a.first())
                        .and_then(|a| a.address())
                        .is_some_and(|a| a.eq_ignore_ascii_case(to));
                    let when = e.metadata().and_then(|m| m.modified()).ok()?;
                    addressed.then_some((when, mail))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|(when, _)| *when);
    found.into_iter().map(|(_, m)| m).collect()
}

/// Waits (up to 15 s) for the `n`-th message to `to`.
pub async fn wait_for(to: &str, n: usize) -> Mail {
    let start = Instant::now();
    loop {
        let mut all = messages_to(to);
        if all.len() >= n {
            return all.swap_remove(n - 1);
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "message {n} to {to} did not arrive (got {})",
            all.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
