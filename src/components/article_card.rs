use crate::components::TimeAgo;
use crate::model::ArticleSummary;
use leptos::prelude::*;

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
) -> impl IntoView {
    let a = article;
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
        a.image.clone().map(|img| {
            view! {
                <img class="card__image" src=img.src alt=img.alt width=img.width height=img.height loading="lazy" decoding="async"/>
            }
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
                <p class="card__meta">{byline} <TimeAgo stamp=a.published.clone()/></p>
            </div>
        </article>
    }
}

/// A list of cards.
#[component]
pub fn ArticleList(
    articles: Vec<ArticleSummary>,
    #[prop(default = CardSize::Standard)] size: CardSize,
) -> impl IntoView {
    let class = if size == CardSize::Compact {
        "article-list article-list--compact"
    } else {
        "article-list"
    };
    view! {
        <ul class=class role="list">
            {articles.into_iter().map(|a| view! { <li><ArticleCard article=a size/></li> }).collect_view()}
        </ul>
    }
}
