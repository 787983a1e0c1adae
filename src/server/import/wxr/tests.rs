use super::*;

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>West &amp; East</title>
	<link>https://west.example</link>
	<description>News</description>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://west.example</wp:base_site_url>
	<wp:base_blog_url>https://west.example</wp:base_blog_url>
"#;
const TAIL: &str = "</channel>\n</rss>\n";

fn export(body: &str) -> String {
    format!("{HEAD}{body}{TAIL}")
}

fn read(xml: &str) -> Result<Vec<Entry>, WxrError> {
    read_all(xml.as_bytes())
}

fn items(entries: &[Entry]) -> Vec<&Item> {
    entries
        .iter()
        .filter_map(|e| match e {
            Entry::Item(i) => Some(i.as_ref()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_site_comes_first_then_authors_terms_and_items_in_order() {
    let xml = export(
        r#"	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[anna]]></wp:author_login><wp:author_email><![CDATA[anna@west.example]]></wp:author_email><wp:author_display_name><![CDATA[Anna Koval]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
	<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename><![CDATA[europe]]></wp:category_nicename><wp:category_parent><![CDATA[world]]></wp:category_parent><wp:cat_name><![CDATA[Europe]]></wp:cat_name></wp:category>
	<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug><![CDATA[%d8%ba%d8%b2%d8%a9]]></wp:tag_slug><wp:tag_name><![CDATA[غزة]]></wp:tag_name></wp:tag>
	<wp:term><wp:term_id>11</wp:term_id><wp:term_taxonomy><![CDATA[nav_menu]]></wp:term_taxonomy><wp:term_slug><![CDATA[main]]></wp:term_slug><wp:term_parent><![CDATA[]]></wp:term_parent><wp:term_name><![CDATA[Main]]></wp:term_name></wp:term>
	<item>
		<title><![CDATA[Tom &amp; Jerry&#8217;s]]> &amp; friends&#x2019;</title>
		<link>https://west.example/2024/04/07/hello/</link>
		<dc:creator><![CDATA[anna]]></dc:creator>
		<guid isPermaLink="false">https://west.example/?p=12</guid>
		<content:encoded><![CDATA[<p>A ]]]]><![CDATA[> B</p>]]></content:encoded>
		<excerpt:encoded><![CDATA[Short.]]></excerpt:encoded>
		<wp:post_id>12</wp:post_id>
		<wp:post_date><![CDATA[2024-04-07 12:30:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2024-04-07 09:30:00]]></wp:post_date_gmt>
		<wp:post_modified_gmt><![CDATA[2024-04-08 09:30:00]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[%d9%85%d8%b1%d8%ad%d8%a8%d8%a7]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>1</wp:is_sticky>
		<category domain="category" nicename="europe"><![CDATA[Europe]]></category>
		<category domain="post_tag" nicename="%d8%ba%d8%b2%d8%a9"><![CDATA[غزة]]></category>
		<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[40]]></wp:meta_value></wp:postmeta>
		<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author><![CDATA[Reader]]></wp:comment_author><wp:comment_author_email><![CDATA[r@example.com]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP><wp:comment_date_gmt><![CDATA[2024-04-07 10:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Nice <b>piece</b>]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[]]></wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
	</item>
"#,
    );
    let all = read(&xml).unwrap();
    assert_eq!(all.len(), 6, "{all:#?}");
    let Entry::Site(site) = &all[0] else {
        panic!("the site first: {:?}", all[0])
    };
    assert_eq!(site.title, "West & East");
    assert_eq!(site.wxr_version, "1.2");
    assert_eq!(site.base_site_url, "https://west.example");
    let Entry::Author(a) = &all[1] else { panic!() };
    assert_eq!(
        (a.id, a.login.as_str(), a.name()),
        (Some(2), "anna", "Anna Koval".into())
    );
    let Entry::Term(europe) = &all[2] else {
        panic!()
    };
    assert_eq!(
        (
            europe.taxonomy.as_str(),
            europe.slug.as_str(),
            europe.parent_slug.as_str(),
            europe.name.as_str()
        ),
        ("category", "europe", "world", "Europe")
    );
    let Entry::Term(gaza) = &all[3] else { panic!() };
    assert_eq!(
        (gaza.taxonomy.as_str(), decoded(&gaza.slug)),
        ("post_tag", "غزة".into())
    );
    let Entry::Term(menu) = &all[4] else { panic!() };
    assert_eq!(menu.taxonomy, "nav_menu");
    let item = items(&all)[0];
    assert_eq!(item.title, "Tom & Jerry\u{2019}s & friends\u{2019}");
    assert_eq!(item.content, "<p>A ]]> B</p>");
    assert_eq!(item.excerpt, "Short.");
    assert_eq!(item.creator, "anna");
    assert_eq!(item.post_id, 12);
    assert_eq!(item.slug(), "مرحبا");
    assert_eq!(item.published_gmt(), Ok(Some(1_712_482_200)));
    assert_eq!(item.modified_gmt(), Ok(Some(1_712_568_600)));
    assert!(item.is_sticky);
    assert_eq!(
        item.terms_of("category")
            .map(|t| t.slug.as_str())
            .collect::<Vec<_>>(),
        ["europe"]
    );
    assert_eq!(
        item.terms_of("post_tag")
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["غزة"]
    );
    assert_eq!(item.meta("_thumbnail_id"), Some("40"));
    assert_eq!(item.comments.len(), 1);
    assert_eq!(item.comments[0].content, "Nice <b>piece</b>");
    assert_eq!(item.comments[0].approved, "1");
    assert!(item.line > 10, "{}", item.line);
}

#[test]
fn an_export_without_items_still_gives_its_site() {
    let all = read(&export("")).unwrap();
    assert!(matches!(&all[..], [Entry::Site(s)] if s.title == "West & East"));
}

#[test]
fn a_doctype_is_refused_before_its_entities_are_read() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n<rss><channel><title>&lol2;</title></channel></rss>";
    assert!(
        matches!(read(xml), Err(WxrError::DocType { line: 2 })),
        "{:?}",
        read(xml)
    );
}

#[test]
fn an_undeclared_entity_is_refused() {
    let xml = export("<item><title>&nbsp;</title></item>");
    match read(&xml) {
        Err(WxrError::UnknownEntity { name, .. }) => assert_eq!(name, "nbsp"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_cut_short_names_the_line_and_the_open_element() {
    let xml = export("<item><title>Cut</title><content:encoded><![CDATA[<p>half");
    let cut = &xml[..xml.find("half").unwrap() + 4];
    match read(cut) {
        Err(e @ WxrError::Truncated { .. }) => {
            assert!(e.to_string().contains("content:encoded"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let cut = &xml[..xml.find("<content:encoded>").unwrap()];
    match read(cut) {
        Err(e @ WxrError::Truncated { .. }) => {
            let text = e.to_string();
            assert!(text.contains("line 17"), "{text}");
            assert!(text.contains("<item>"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn what_is_not_an_export_says_so() {
    for (xml, says) in [
        ("Hello, world", "not well-formed XML"),
        ("", "no element"),
        ("<html><body/></html>", "root element is <html>"),
        (
            "<rss><channel><title>Blog</title><item><title>x</title></item></channel></rss>",
            "no wp:wxr_version",
        ),
        (
            "<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>x</title></item>",
            "cut short",
        ),
        (
            "<rss><channel><item><title>x</wrong></item></channel></rss>",
            "not well-formed XML",
        ),
    ] {
        let err = read(xml).expect_err(xml).to_string();
        assert!(err.contains(says), "{xml:?}: {err}");
    }
}

#[test]
fn items_are_bounded_in_depth() {
    let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
    let xml = export(&format!("<item>{deep}</item>"));
    assert!(matches!(read(&xml), Err(WxrError::TooDeep { .. })));
}

#[test]
fn items_are_bounded_in_elements() {
    let many = "<x/>".repeat(MAX_ITEM_ELEMENTS + 1);
    let xml = export(&format!("<item>{many}</item>"));
    assert!(matches!(read(&xml), Err(WxrError::TooLarge { .. })));
}

#[test]
fn items_are_bounded_in_size() {
    let big = "x".repeat(1024 * 1024);
    let body = format!(
        "<item><content:encoded>{}</content:encoded></item>",
        big.repeat(33)
    );
    let xml = export(&body);
    assert!(matches!(read(&xml), Err(WxrError::TooLarge { .. })));
}

#[test]
fn the_project_fixture_reads_whole() {
    let xml = include_str!("../../../../tests/fixtures/wordpress/west-timelines.xml");
    let all = read(xml).unwrap();
    let Entry::Site(site) = &all[0] else { panic!() };
    assert_eq!(site.title, "West Timelines \u{2013} Archive");
    let authors = all.iter().filter(|e| matches!(e, Entry::Author(_))).count();
    let terms: Vec<&Term> = all
        .iter()
        .filter_map(|e| match e {
            Entry::Term(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(authors, 3);
    assert_eq!(terms.len(), 8);
    let harbours = terms.iter().find(|t| t.slug == "harbours").unwrap();
    assert_eq!(
        (harbours.name.as_str(), harbours.parent_slug.as_str()),
        ("Harbours & Coasts", "europe")
    );
    let items = items(&all);
    let types: Vec<&str> = items.iter().map(|i| i.post_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "attachment",
            "attachment",
            "post",
            "post",
            "post",
            "post",
            "post",
            "post",
            "post",
            "post",
            "post",
            "post",
            "page",
            "page",
            "nav_menu_item",
            "product",
            "wp_block"
        ]
    );
    let ferries = items.iter().find(|i| i.post_id == 41).unwrap();
    assert!(ferries
        .content
        .contains("Unknown markers ]]> stay as text."));
    assert!(
        ferries.content.contains("&lt;and fares&gt;"),
        "entities inside CDATA stay as written"
    );
    assert_eq!(ferries.comments.len(), 3);
    assert_eq!(ferries.comments[2].parent, 7);
    let arabic = items.iter().find(|i| i.post_id == 44).unwrap();
    assert_eq!(arabic.slug(), "الموانئ-تستعيد-نشاطها");
    assert_eq!(
        decoded(&arabic.link),
        "https://old.west.example/شؤون/الموانئ-تستعيد-نشاطها/"
    );
    let broken = items.iter().find(|i| i.post_id == 51).unwrap();
    assert!(broken.published_gmt().is_err());
    let draft = items.iter().find(|i| i.post_id == 45).unwrap();
    assert_eq!(draft.published_gmt(), Ok(None));
}
