//! Share links for an article, built from its absolute canonical URL.

use crate::model::ShareLink;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the URL-safe unreserved characters is encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

pub fn share_links(url: &str, title: &str, image_url: Option<&str>) -> Vec<ShareLink> {
    let (u, t) = (enc(url), enc(title));
    let link = |network: &str, text: &str, label: &str, href: String| ShareLink {
        network: network.into(),
        text: text.into(),
        label: label.into(),
        href,
    };
    let mut pinterest =
        format!("https://www.pinterest.com/pin/create/button/?url={u}&description={t}");
    if let Some(img) = image_url {
        pinterest.push_str(&format!("&media={}", enc(img)));
    }
    vec![
        link(
            "facebook",
            "Facebook",
            "Share on Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        link(
            "x",
            "X",
            "Share on X (Twitter)",
            format!("https://twitter.com/intent/tweet?url={u}&text={t}"),
        ),
        link("pinterest", "Pinterest", "Share on Pinterest", pinterest),
        link(
            "linkedin",
            "LinkedIn",
            "Share on LinkedIn",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ),
        link(
            "telegram",
            "Telegram",
            "Share on Telegram",
            format!("https://t.me/share/url?url={u}&text={t}"),
        ),
        link(
            "email",
            "Email",
            "Share by Email",
            format!(
                "mailto:?subject={t}&body={}",
                enc(&format!("{title}\n\n{url}"))
            ),
        ),
        link(
            "whatsapp",
            "WhatsApp",
            "Share on WhatsApp",
            format!("https://wa.me/?text={}", enc(&format!("{title} {url}"))),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_network_gets_the_encoded_canonical_url() {
        let url = "https://news.example/2024/04/07/lavrov-to-visit-china";
        let links = share_links(url, "Lavrov & Wang: talks?", None);
        assert_eq!(links.len(), 7);
        let encoded = "https%3A%2F%2Fnews.example%2F2024%2F04%2F07%2Flavrov-to-visit-china";
        for l in &links {
            assert!(
                l.href.contains(encoded),
                "{} lacks the URL: {}",
                l.network,
                l.href
            );
            assert!(!l.href.contains(" "), "{}", l.href);
        }
        assert!(links[1]
            .href
            .contains("text=Lavrov%20%26%20Wang%3A%20talks%3F"));
        assert!(links[5].href.starts_with("mailto:?subject="));
    }
}
