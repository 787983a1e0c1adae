use crate::components::{FeaturedPicture, PictureLoading, TimeAgo};
use crate::model::{comment_count_label, ArticleSummary};
use leptos::prelude::*;

/// How wide a card's picture is shown (`sizes`), from the layout in `style/main.css`: the
/// container is at most 78rem with gutters of up to 1.5rem, and from 1024px the main column
/// leaves 20.5rem and a 3rem gap to the sidebar (so the main column is at most 824px).
pub mod picture_sizes {
    /// A standard card in a list: a 14rem picture beside the words once the card is at least
    /// 551px wide (the words keep 55% of it), which a list in the main column is from a
    /// viewport of 600px; below that the picture takes the card's whole width.
    pub const LIST: &str = "(min-width: 600px) 224px, calc(100vw - 2.5rem)";
    /// The home page's lead: five eighths of the main column from 768px.
    pub const LEAD: &str = "(min-width: 1248px) 495px, (min-width: 1024px) calc(62.5vw - 285px), \
         (min-width: 768px) calc(62.5vw - 50px), calc(100vw - 2.5rem)";
    /// The first card of a home page section: three fifths of the main column from 768px,
    /// where the card is too narrow (under 551px) to put its picture beside the words, except
    /// from 1000px to 1023px; one column from 600px to 767px, wide enough for it.
    pub const SECTION_LEAD: &str = "(min-width: 1248px) 475px, (min-width: 1024px) calc(60vw - 274px), \
         (min-width: 1000px) 224px, (min-width: 768px) calc(60vw - 48px), (min-width: 600px) 224px, \
         calc(100vw - 2.5rem)";
    /// "You Might Like" under an article: a grid of columns at least 15rem wide, too narrow
    /// for the picture to sit beside the words (253px from 1248px, at most about 400px between).
    pub const RELATED: &str =
        "(min-width: 1248px) 253px, (min-width: 600px) 400px, calc(100vw - 2.5rem)";
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CardSize {
    /// The home page's lead story.
    Lead,
    /// A standard card with its standfirst.
    Standard,
    /// Headline and time only, for rails and lists.
    Compact,
}

/// One story as a card. The card carries the article's own language and direction, so an
/// Arabic story sits right-to-left among English ones.
#[component]
pub fn ArticleCard(
    article: ArticleSummary,
    #[prop(default = CardSize::Standard)] size: CardSize,
    /// The picture's `sizes`: [`picture_sizes::LEAD`] for the lead, else [`picture_sizes::LIST`].
    #[prop(default = None)]
    sizes: Option<&'static str>,
    /// Whether the picture is the page's largest, to be loaded first.
    #[prop(optional)]
    first: bool,
) -> impl IntoView {
    let a = article;
    let sizes = sizes.unwrap_or(if size == CardSize::Lead {
        picture_sizes::LEAD
    } else {
        picture_sizes::LIST
    });
    let loading = if first {
        PictureLoading::First
    } else {
        PictureLoading::Lazy
    };
    let class = match size {
        CardSize::Lead => "card card--lead",
        CardSize::Standard => "card",
        CardSize::Compact => "card card--compact",
    };
    let heading = match size {
        CardSize::Lead => {
            view! { <h2 class="card__title"><a href=a.href.clone()>{a.title.clone()}</a></h2> }
                .into_any()
        }
        _ => view! { <h3 class="card__title"><a href=a.href.clone()>{a.title.clone()}</a></h3> }
            .into_any(),
    };
    let image = (size != CardSize::Compact).then(|| {
        a.image.clone().map(|picture| {
            view! { <FeaturedPicture picture class="card__image" sizes loading/> }
        })
    });
    let dek = (size != CardSize::Compact && !a.dek.is_empty())
        .then(|| view! { <p class="card__dek">{a.dek.clone()}</p> });
    let label = (size != CardSize::Compact).then(|| {
        view! { <a class="card__label" href=a.category.href()>{a.category.name.clone()}</a> }
    });
    let byline = (size != CardSize::Compact).then(|| {
        view! {
            <a class="card__author" href=crate::urls::author(&a.author.slug)>{a.author.name.clone()}</a>
            <span aria-hidden="true">" · "</span>
        }
    });
    view! {
        <article class=class lang=a.lang.clone() dir=a.dir.clone()>
            {image}
            <div class="card__body">
                {label}
                {heading}
                {dek}
                <p class="card__meta">
                    {byline} <TimeAgo stamp=a.published.clone()/>
                    {(size != CardSize::Compact).then(|| view! {
                        <span aria-hidden="true">" · "</span>
                        <a class="card__comments" href=format!("{}#comments", a.href)>
                            {comment_count_label(a.comment_count, &a.lang)}
                        </a>
                    })}
                </p>
            </div>
        </article>
    }
}

/// A list of cards.
#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    #[prop(default = CardSize::Standard)] size: CardSize,
    /// Whether the first picture of the list is the page's largest, to be loaded first.
    #[prop(optional)]
    first_picture_first: bool,
    /// The pictures' `sizes` when not the card's own (see [`picture_sizes`]).
    #[prop(optional)]
    sizes: Option<&'static str>,
) -> impl IntoView {
    let class = if size == CardSize::Compact {
        "article-list article-list--compact"
    } else {
        "article-list"
    };
    // The first card that has a picture: the page's largest picture.
    let first_with_picture = articles.iter().position(|a| a.image.is_some());
    view! {
        <ul class=class role="list">
            {articles
                .into_iter()
                .enumerate()
                .map(|(i, a)| {
                    let first = first_picture_first && Some(i) == first_with_picture;
                    view! { <li><ArticleCard article=a size first sizes/></li> }
                })
                .collect_view()}
        </ul>
    }
}
