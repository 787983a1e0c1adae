//! A newsletter issue as one subscriber gets it: the site's name, what the issue is, each
//! article (its section, its title linking to it, its standfirst, its byline and date, in its
//! own language and direction), and the subscriber's own unsubscribe link, in a plain-text
//! part and an HTML part built of tables and inline styles (what mail programs render alike).
//! Every piece of text is escaped.

use super::compose::{attribute, escape, message, ComposeError, Sender};
use crate::server::newsletter::digest::{DigestArticle, Period};

fn text_part(site: &str, intro: &str, articles: &[DigestArticle], unsubscribe_url: &str) -> String {
    let mut text = format!("{site}\n{intro}\n\n");
    for (i, a) in articles.iter().enumerate() {
        text.push_str(&format!("{}. {}\n", i + 1, a.title));
        if !a.dek.is_empty() {
            text.push_str(&format!("   {}\n", a.dek));
        }
        text.push_str(&format!(
            "   {} · By {} · {}\n   {}\n\n",
            a.category, a.author, a.date, a.url
        ));
    }
    text.push_str(&format!(
        "-- \nYou receive this because you subscribed to the {site} newsletter.\n\
         Unsubscribe: {unsubscribe_url}\n"
    ));
    text
}

fn html_article(a: &DigestArticle) -> String {
    let dek = if a.dek.is_empty() {
        String::new()
    } else {
        format!(
            "<p style=\"margin:0.25rem 0;color:#333333\">{}</p>",
            escape(&a.dek)
        )
    };
    format!(
        "<tr><td lang=\"{lang}\" dir=\"{dir}\" style=\"padding:0.9rem 0;border-bottom:1px solid #e2e2e2\">\
         <p style=\"margin:0;font:bold 0.75rem Arial,sans-serif;letter-spacing:0.05em;text-transform:uppercase;color:#b3161e\">{category}</p>\
         <h2 style=\"margin:0.2rem 0;font-size:1.2rem;line-height:1.3\"><a href=\"{url}\" style=\"color:#1b1b1b;text-decoration:none\">{title}</a></h2>\
         {dek}\
         <p style=\"margin:0;font:0.8rem Arial,sans-serif;color:#5b6170\">By {author} · {date}</p>\
         </td></tr>",
        lang = attribute(&a.lang),
        dir = if a.dir == "rtl" { "rtl" } else { "ltr" },
        category = escape(&a.category),
        url = attribute(&a.url),
        title = escape(&a.title),
        author = escape(&a.author),
        date = escape(&a.date),
    )
}

/// Issue `subject` of `period` with `articles`, to `to`.
pub fn digest(
    sender: &Sender,
    to: &str,
    subject: &str,
    period: Period,
    articles: &[DigestArticle],
    unsubscribe_url: &str,
) -> Result<String, ComposeError> {
    let site = &sender.site_name;
    let intro = match period {
        Period::Day => "The most read stories of the last day.",
        Period::Week => "The most read stories of the last week.",
    };
    let text = text_part(site, intro, articles, unsubscribe_url);
    let rows: String = articles.iter().map(html_article).collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title></head>\
         <body style=\"margin:0;background:#f4f4f4\">\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#f4f4f4\"><tr><td align=\"center\" style=\"padding:1rem\">\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:36rem;background:#ffffff;font-family:Georgia,serif;color:#1b1b1b;line-height:1.5\">\
         <tr><td style=\"padding:1rem 1.25rem;border-bottom:4px solid #b3161e\">\
         <p style=\"margin:0;font-size:1.6rem;font-weight:bold\">{site_html}</p>\
         <p style=\"margin:0;color:#5b6170\">{intro}</p></td></tr>\
         <tr><td style=\"padding:0 1.25rem\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\">{rows}</table></td></tr>\
         <tr><td style=\"padding:1rem 1.25rem;font:0.8rem Arial,sans-serif;color:#5b6170\">\
         You receive this because you subscribed to the {site_html} newsletter. \
         <a href=\"{unsubscribe}\" style=\"color:#5b6170\">Unsubscribe</a></td></tr>\
         </table></td></tr></table></body></html>",
        title = escape(subject),
        site_html = escape(site),
        unsubscribe = attribute(unsubscribe_url),
    );
    message(sender, to, subject, text, html, unsubscribe_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_escapes_every_article_and_keeps_each_ones_direction() {
        let sender = Sender {
            from: "West <news@news.example>".parse().unwrap(),
            site_name: "West".into(),
        };
        let articles = vec![
            DigestArticle {
                title: "Rates <script>alert(1)</script> & more".into(),
                url: "https://news.example/2026/12/06/rates/".into(),
                dek: "A \"dek\"".into(),
                category: "Business".into(),
                author: "Ann".into(),
                date: "December 6, 2026".into(),
                lang: "en".into(),
                dir: "ltr".into(),
            },
            DigestArticle {
                title: "الأسواق".into(),
                url: "https://news.example/2026/12/06/souk/".into(),
                dek: String::new(),
                category: "عربي".into(),
                author: "Sami".into(),
                date: "December 6, 2026".into(),
                lang: "ar\" onload=\"x".into(),
                dir: "rtl".into(),
            },
        ];
        let m = digest(
            &sender,
            "reader@example.com",
            "West: the day's top stories",
            Period::Day,
            &articles,
            "https://news.example/subscribe/unsubscribe?token=1.x",
        )
        .unwrap();
        let parsed = mail_parser::MessageParser::default()
            .parse(m.as_bytes())
            .unwrap();
        let html = parsed.body_html(0).unwrap();
        let text = parsed.body_text(0).unwrap();
        assert!(
            html.contains("Rates &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"),
            "{html}"
        );
        assert!(!html.contains("<script>"));
        assert!(html.contains("lang=\"ar&quot; onload=&quot;x\" dir=\"rtl\""));
        assert!(text.contains("1. Rates <script>alert(1)</script> & more"));
        assert!(text.contains("2. الأسواق"));
        assert!(text.contains("Unsubscribe: https://news.example/subscribe/unsubscribe?token=1.x"));
        assert_eq!(
            parsed.header_raw("List-Unsubscribe").map(str::trim),
            Some("<https://news.example/subscribe/unsubscribe?token=1.x>")
        );
    }
}
