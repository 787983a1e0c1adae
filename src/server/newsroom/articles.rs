//! `/newsroom`: the article list. Every role sees every article (writing and publishing rights
//! are checked where they are used).

use super::failure::unavailable;
use super::page::{frame, render, Answer};
use super::session::SignedIn;
use crate::pages::newsroom::{ArticleLine, ArticleList, ArticlesPage, Choice, Section};
use crate::server::clock;
use crate::server::store::{DeskFilter, DeskState};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use leptos::prelude::*;
use serde::Deserialize;

const PER_PAGE: i64 = 25;

/// The list's query string as a browser sends it: every field may be empty.
#[derive(Debug, Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
    /// What was just done (`deleted`).
    #[serde(default)]
    done: String,
}

pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<ListQuery>,
) -> Answer {
    let filter = DeskFilter {
        state: match q.status.as_str() {
            "draft" => DeskState::Draft,
            "review" => DeskState::Review,
            "published" => DeskState::Published,
            "scheduled" => DeskState::Scheduled,
            _ => DeskState::Any,
        },
        author_id: q.author.parse().ok(),
        category_id: q.category.parse().ok(),
        title: q.q.chars().take(200).collect(),
    };
    let page: i64 = q
        .page
        .parse()
        .ok()
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1);
    let now = clock::now();
    let unix = now.unix_timestamp();
    let found = state
        .store
        .desk_articles(&filter, unix, PER_PAGE, (page - 1) * PER_PAGE)
        .await;
    let (rows, total) = found.map_err(unavailable)?;
    let (authors, categories) = match (
        state.store.author_choices().await,
        state.store.all_categories().await,
    ) {
        (Ok(a), Ok(c)) => (a, c),
        (Err(e), _) | (_, Err(e)) => return Err(unavailable(e)),
    };
    let zone = SiteZone::of(&state.config);
    let lines = rows
        .into_iter()
        .map(|r| {
            let t = time::OffsetDateTime::from_unix_timestamp(r.updated_at).unwrap_or(now);
            let state = match (r.status.as_str(), r.published_at) {
                ("review", _) => "In review",
                (_, Some(at)) if at > unix => "Scheduled",
                (_, Some(_)) => "Published",
                _ => "Draft",
            };
            ArticleLine {
                href: format!("/newsroom/articles/{}", r.id),
                public: r
                    .published_at
                    .filter(|at| *at <= unix)
                    .map(|at| crate::urls::article(&r.slug, at)),
                title: r.title,
                lang: r.lang,
                dir: r.dir,
                author: r.author_name,
                category: r.category_name,
                state,
                date_iso: clock::iso(t),
                date: {
                    let local = zone.local(r.updated_at);
                    format!(
                        "{}, {:02}:{:02}",
                        clock::long_date(local),
                        local.hour(),
                        local.minute()
                    )
                },
            }
        })
        .collect();
    let chosen = |value: &str, current: &str| value == current;
    let mut author_choices: Vec<Choice> =
        vec![(String::new(), "All authors".into(), q.author.is_empty())];
    author_choices.extend(authors.into_iter().map(|(id, name)| {
        let v = id.to_string();
        let c = chosen(&v, &q.author);
        (v, name, c)
    }));
    let mut category_choices: Vec<Choice> = vec![(
        String::new(),
        "All categories".into(),
        q.category.is_empty(),
    )];
    category_choices.extend(categories.into_iter().map(|c| {
        let v = c.id.to_string();
        let depth = c.path.matches('/').count();
        let label = format!("{}{}", "— ".repeat(depth), c.name);
        let ch = chosen(&v, &q.category);
        (v, label, ch)
    }));
    let states: Vec<Choice> = [
        ("", "Any status"),
        ("draft", "Draft"),
        ("review", "In review"),
        ("scheduled", "Scheduled"),
        ("published", "Published"),
    ]
    .into_iter()
    .map(|(v, l)| (v.to_string(), l.to_string(), chosen(v, &q.status)))
    .collect();
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |n: i64| {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &q.status),
            ("author", &q.author),
            ("category", &q.category),
            ("q", &q.q),
        ] {
            if !v.is_empty() {
                s.append_pair(k, v);
            }
        }
        if n > 1 {
            s.append_pair("page", &n.to_string());
        }
        match s.finish() {
            qs if qs.is_empty() => "/newsroom".to_string(),
            qs => format!("/newsroom?{qs}"),
        }
    };
    let list = ArticleList {
        lines,
        total,
        states,
        authors: author_choices,
        categories: category_choices,
        title: q.q.clone(),
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
        page,
        pages,
        notice: (q.done == "deleted").then_some("The article was deleted."),
        zone: zone.name().to_string(),
    };
    Ok(render(
        StatusCode::OK,
        frame(&state, "Articles", Some(&signed_in), Section::Articles),
        move || {
            view! { <ArticlesPage list/> }
        },
    ))
}
