use crate::api::get_article;
use crate::components::seo::{PageMeta, SeoHead};
use crate::components::{
    picture_sizes, ArticleList, Breadcrumbs, CommentsBlock, ErrorPage, FeaturedPicture, Icon,
    PictureLoading, ShareBar, SidebarView, TimeAgo,
};
use crate::context::use_site;
use crate::model::{comment_count_label, language_name, ArticlePageData, CommentDraft, SiteInfo};
use crate::pages::{suspended_page, PageLang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The article's picture spans the main column (`style/main.css`: at most 824px from 1248px,
/// the viewport less the sidebar's 26.5rem from 1024px, the viewport less its gutters below).
const HERO_SIZES: &str =
    "(min-width: 1248px) 824px, (min-width: 1024px) calc(100vw - 424px), calc(100vw - 2.5rem)";

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let (reply, held) = query.with(|q| (q.get("reply"), q.get("held")));
            params.with(|p| {
                let get = |k: &str| p.get(k).unwrap_or_default();
                (
                    get("year"),
                    get("month"),
                    get("day"),
                    get("slug"),
                    reply,
                    held,
                )
            })
        },
        |(y, m, d, s, reply, held)| get_article(y, m, d, s, reply, held),
    );
    let site = use_site();
    suspended_page(Box::pin(async move {
        let site = site.await;
        match (data.await, site) {
            (Ok(d), Ok(site)) => view! { <ArticleView data=d site/> }.into_any(),
            (Err(e), _) | (_, Err(e)) => view! { <ErrorPage error=e/> }.into_any(),
        }
    }))
}

/// The article's own meta line speaks the article's language.
struct MetaLabels {
    by: &'static str,
    lang: &'static str,
}

fn meta_labels(lang: &str) -> MetaLabels {
    if lang.starts_with("ar") {
        MetaLabels {
            by: "بقلم ",
            lang: "ar",
        }
    } else {
        MetaLabels {
            by: "By ",
            lang: "en",
        }
    }
}

fn reading_time(minutes: u32, lang: &str) -> String {
    match (lang, minutes) {
        ("ar", 1) => "دقيقة واحدة للقراءة".into(),
        ("ar", 2) => "دقيقتان للقراءة".into(),
        ("ar", 3..=10) => format!("{minutes} دقائق للقراءة"),
        ("ar", _) => format!("{minutes} دقيقة للقراءة"),
        (_, 1) => "1 Min Read".into(),
        _ => format!("{minutes} Mins Read"),
    }
}

fn comments(n: u32, lang: &str) -> String {
    comment_count_label(n, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_reads_like_the_reference_site() {
        assert_eq!(reading_time(4, "en"), "4 Mins Read");
        assert_eq!(reading_time(1, "en"), "1 Min Read");
        assert_eq!(comments(0, "en"), "No Comments");
        assert_eq!(comments(2, "en"), "2 Comments");
        assert_eq!(reading_time(3, "ar"), "3 دقائق للقراءة");
        assert_eq!(comments(0, "ar"), "لا توجد تعليقات");
    }
}

#[component]
fn ArticleView(data: ArticlePageData, site: SiteInfo) -> impl IntoView {
    let ArticlePageData {
        article,
        related,
        sidebar,
        comments: comments_section,
    } = data;
    // What a refused comment left in the form (`server/http/comment_post.rs`), on the server.
    let draft = use_context::<CommentDraft>().unwrap_or_default();
    let comment_count = comments_section.count;
    let s = article.summary.clone();
    let url = article.canonical_url.clone();
    let (frame_lang, frame_dir) = (site.lang.clone(), site.dir.clone());
    let labels = meta_labels(&s.lang);
    let head = PageMeta::article(&article, &site);
    let other_languages: Vec<_> = article
        .translations
        .iter()
        .filter(|t| t.lang != s.lang)
        .cloned()
        .collect();
    view! {
        <PageLang lang=s.lang.clone() dir=s.dir.clone()/>
        <Title text=s.title.clone()/>
        <SeoHead meta=head/>
        // The frame (breadcrumbs, columns, rails) keeps the portal's language and direction;
        // the article itself carries its own.
        <div class="container" lang=site.lang.clone() dir=site.dir.clone()>
            <Breadcrumbs crumbs=article.breadcrumbs.clone()/>
        </div>
        <div class="container layout" lang=site.lang.clone() dir=site.dir.clone()>
            <article class="article layout__main" lang=s.lang.clone() dir=s.dir.clone()>
                <header class="article__header">
                    <a class="article__label" href=s.category.href()>{s.category.name.clone()}</a>
                    <h1 class="article__title">{s.title.clone()}</h1>
                    {(!s.dek.is_empty()).then(|| view! { <p class="article__dek">{s.dek.clone()}</p> })}
                    {(!other_languages.is_empty()).then(|| {
                        view! {
                            <p class="article__translations" lang=site.lang.clone() dir=site.dir.clone()>
                                {other_languages
                                    .into_iter()
                                    .map(|t| {
                                        let name = language_name(&t.lang).to_string();
                                        let lang = t.lang.clone();
                                        view! {
                                            <a href=t.href hreflang=t.lang rel="alternate">
                                                "Read in " <bdi lang=lang>{name}</bdi>
                                            </a>
                                        }
                                    })
                                    .collect_view()}
                            </p>
                        }
                    })}
                    <p class="article__meta">
                        <span class="article__author">
                            {labels.by} <a href=crate::urls::author(&s.author.slug) rel="author">{s.author.name.clone()}</a>
                        </span>
                        <time datetime=s.published.iso.clone()>{s.published.date.clone()}</time>
                        {article
                            .updated
                            .clone()
                            .map(|u| view! { <span class="article__updated">"Updated " <TimeAgo stamp=u/></span> })}
                        <a href="#comments">{comments(comment_count, labels.lang)}</a>
                        <span>{reading_time(s.reading_minutes, labels.lang)}</span>
                    </p>
                    <ShareBar links=article.share.clone() url=url.clone() title=s.title.clone() label="Share this article".to_string()/>
                </header>
                {s.image.clone().map(|picture| {
                    let (caption, credit) = (picture.caption.clone(), picture.credit.clone());
                    let words = (!caption.is_empty() || !credit.is_empty()).then(|| {
                        view! {
                            <figcaption class="article__caption">
                                {(!caption.is_empty()).then(|| view! { <span>{caption}</span> })}
                                {(!credit.is_empty()).then(|| view! { <span class="article__credit">{credit}</span> })}
                            </figcaption>
                        }
                    });
                    view! {
                        <figure class="article__figure">
                            <FeaturedPicture picture class="article__picture" sizes=HERO_SIZES loading=PictureLoading::First/>
                            {words}
                        </figure>
                    }
                })}
                <div class="article__body" inner_html=article.body_html.clone()></div>
                {(!article.tags.is_empty()).then(|| {
                    view! {
                        <ul class="article__tags" role="list" aria-label="Tags">
                            {article
                                .tags
                                .iter()
                                .map(|t| view! { <li><a href=crate::urls::tag(&t.slug) rel="tag">{t.name.clone()}</a></li> })
                                .collect_view()}
                        </ul>
                    }
                })}
                <p class="follow-links" lang=site.lang.clone() dir=site.dir.clone()>
                    <a class="follow-links__link" href=site.google_news_url rel="noopener" target="_blank">"Follow on Google News"</a>
                    <a class="follow-links__link" href=site.flipboard_url rel="noopener" target="_blank">"Follow on Flipboard"</a>
                </p>
                <footer class="article__footer" lang=site.lang.clone() dir=site.dir.clone()>
                    <p class="article__share-label"><Icon name="link"/>" Share."</p>
                    <ShareBar links=article.share url=url title=s.title.clone() label="Share this article (bottom)".to_string()/>
                </footer>
                <div lang=site.lang.clone() dir=site.dir.clone()>
                    <CommentsBlock section=comments_section draft/>
                </div>
                {(!related.is_empty()).then(|| {
                    view! {
                        <section class="related" aria-labelledby="related-title" lang=frame_lang dir=frame_dir>
                            <h2 class="section-title" id="related-title">"You Might Like"</h2>
                            <ArticleList articles=related sizes=picture_sizes::RELATED/>
                        </section>
                    }
                })}
            </article>
            <SidebarView sidebar ad_html=site.ad_html/>
        </div>
    }
}
