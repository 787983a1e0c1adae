#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) of a made-up news site with N posts, for timing
`timelines import wordpress` (make bench, step 6b). The same N and seed give the same file.

    python3 bench/wxr.py 10000 out.xml [seed]

Posts are about 400 words of block-editor markup in 4-8 paragraphs with a heading, spread over
12 authors, 24 nested categories and 300 tags, one in ten sticky, a few drafts and scheduled
ones; every fiftieth is Arabic with a percent-encoded slug."""

import random
import sys
from urllib.parse import quote

WORDS = (
    "harbour ferry council budget election river port timetable market energy winter grain "
    "shipping strike union minister court school hospital rail bridge storm coast fishing "
    "tariff report village museum festival inflation housing water drought harvest wind solar "
    "station crossing ticket fare quay crane cargo dock island mayor vote reform audit"
).split()
ARABIC = "ميناء سفينة مجلس ميزانية انتخابات نهر جدول سوق طاقة شتاء قمح شحن إضراب وزير محكمة".split()


def sentence(rng, words, n):
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def paragraph(rng, words):
    return " ".join(sentence(rng, words, rng.randint(8, 16)) for _ in range(rng.randint(3, 6)))


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    base = "https://bench.example"
    with open(out, "w", encoding="utf-8") as f:
        w = f.write
        w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
          'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
          'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
          'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n')
        w(f"<title>Bench Timelines</title><link>{base}</link><description>Bench</description>"
          f"<language>en-US</language><wp:wxr_version>1.2</wp:wxr_version>"
          f"<wp:base_site_url>{base}</wp:base_site_url><wp:base_blog_url>{base}</wp:base_blog_url>\n")
        for a in range(12):
            w(f"<wp:author><wp:author_id>{a + 1}</wp:author_id><wp:author_login>{cdata(f'writer{a}')}"
              f"</wp:author_login><wp:author_email>{cdata(f'writer{a}@bench.example')}</wp:author_email>"
              f"<wp:author_display_name>{cdata(f'Writer {a}')}</wp:author_display_name></wp:author>\n")
        cats = []
        for top in range(6):
            slug = f"section-{top}"
            cats.append((slug, ""))
            for sub in range(3):
                cats.append((f"{slug}-desk-{sub}", slug))
        for i, (slug, parent) in enumerate(cats):
            w(f"<wp:category><wp:term_id>{i + 2}</wp:term_id><wp:category_nicename>{cdata(slug)}"
              f"</wp:category_nicename><wp:category_parent>{cdata(parent)}</wp:category_parent>"
              f"<wp:cat_name>{cdata(slug.replace('-', ' ').title())}</wp:cat_name></wp:category>\n")
        tags = [f"{rng.choice(WORDS)}-{t}" for t in range(300)]
        for i, t in enumerate(tags):
            w(f"<wp:tag><wp:term_id>{i + 100}</wp:term_id><wp:tag_slug>{cdata(t)}</wp:tag_slug>"
              f"<wp:tag_name>{cdata(t.replace('-', ' '))}</wp:tag_name></wp:tag>\n")
        for p in range(n):
            pid = 1000 + p
            arabic = p % 50 == 49
            words = ARABIC if arabic else WORDS
            title = sentence(rng, words, rng.randint(5, 10)).rstrip(".")
            slug = "-".join(title.lower().split())[:80].strip("-")
            if arabic:
                slug = quote(slug, safe="-").lower()
            day = 1 + p % 28
            month = 1 + (p // 28) % 12
            date = f"2025-{month:02d}-{day:02d} {8 + p % 10:02d}:{p % 60:02d}:00"
            status = "draft" if p % 97 == 0 else ("future" if p % 89 == 0 else "publish")
            if status == "future":
                date = f"2031-{month:02d}-{day:02d} 08:00:00"
            cat, _ = rng.choice(cats)
            body = []
            for k in range(rng.randint(4, 8)):
                if k == 2:
                    body.append("<!-- wp:heading -->\n<h2>" + sentence(rng, words, 4) + "</h2>\n<!-- /wp:heading -->")
                body.append("<!-- wp:paragraph -->\n<p>" + paragraph(rng, words) + "</p>\n<!-- /wp:paragraph -->")
            content = "\n\n".join(body)
            w("<item>\n")
            w(f"<title>{cdata(title)}</title><link>{base}/{cat}/{slug}/</link>"
              f"<dc:creator>{cdata(f'writer{p % 12}')}</dc:creator>"
              f"<guid isPermaLink=\"false\">{base}/?p={pid}</guid>\n")
            w(f"<content:encoded>{cdata(content)}</content:encoded>\n")
            w(f"<excerpt:encoded>{cdata(sentence(rng, words, 14))}</excerpt:encoded>\n")
            w(f"<wp:post_id>{pid}</wp:post_id><wp:post_date>{cdata(date)}</wp:post_date>"
              f"<wp:post_date_gmt>{cdata(date if status != 'draft' else '0000-00-00 00:00:00')}</wp:post_date_gmt>"
              f"<wp:post_modified_gmt>{cdata(date)}</wp:post_modified_gmt>"
              f"<wp:post_name>{cdata(slug if status != 'draft' else '')}</wp:post_name>"
              f"<wp:status>{cdata(status)}</wp:status><wp:post_parent>0</wp:post_parent>"
              f"<wp:post_type>{cdata('post')}</wp:post_type><wp:post_password>{cdata('')}</wp:post_password>"
              f"<wp:is_sticky>{1 if p % 10 == 0 else 0}</wp:is_sticky>\n")
            w(f"<category domain=\"category\" nicename=\"{cat}\">{cdata(cat)}</category>\n")
            for t in rng.sample(tags, 3):
                w(f"<category domain=\"post_tag\" nicename=\"{t}\">{cdata(t.replace('-', ' '))}</category>\n")
            w("</item>\n")
        w("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
