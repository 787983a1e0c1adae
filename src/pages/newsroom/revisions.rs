//! `/newsroom/articles/<id>/revisions/<rev>`: what changed between a revision and another (or
//! the article as it is now), word by word, and "Restore".

use leptos::prelude::*;

/// A run of words: unchanged, only in the newer text, or only in the older.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Added(String),
    Removed(String),
}

/// One compared field.
#[derive(Debug, Clone)]
pub struct FieldDiff {
    pub label: &'static str,
    pub pieces: Vec<Piece>,
    pub changed: bool,
}

#[derive(Debug, Clone)]
pub struct Comparison {
    pub article_id: i64,
    pub older: String,
    pub newer: String,
    pub fields: Vec<FieldDiff>,
    /// Restore the older side (None: not allowed, or it is the article as it is now).
    pub restore: Option<(String, i64, String)>,
}

fn pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Same(t) => view! { <span>{t}</span> }.into_any(),
            Piece::Added(t) => view! { <ins><span class="nr-visually-hidden">"[added: "</span>{t}<span class="nr-visually-hidden">"]"</span></ins> }.into_any(),
            Piece::Removed(t) => view! { <del><span class="nr-visually-hidden">"[removed: "</span>{t}<span class="nr-visually-hidden">"]"</span></del> }.into_any(),
        })
        .collect_view()
}

#[component]
pub fn ComparisonPage(comparison: Comparison) -> impl IntoView {
    let Comparison {
        article_id,
        older,
        newer,
        fields,
        restore,
    } = comparison;
    let unchanged = fields
        .iter()
        .all(|f| !f.changed)
        .then(|| view! { <p role="status">"No differences."</p> });
    let rows = fields
        .into_iter()
        .filter(|f| f.changed)
        .map(|f| {
            view! {
                <section class="nr-panel">
                    <h2>{f.label}</h2>
                    <div class="nr-diff" dir="auto">{pieces(f.pieces)}</div>
                </section>
            }
        })
        .collect_view();
    let restore = restore.map(|(csrf, version, action)| {
        view! {
            <form method="post" action=action>
                <input type="hidden" name="csrf" value=csrf/>
                <input type="hidden" name="version" value=version.to_string()/>
                <button type="submit" class="nr-button">"Restore this revision"</button>
            </form>
        }
    });
    view! {
        <h1>"Compare revisions"</h1>
        <p>"From " <strong>{older}</strong> " to " <strong>{newer}</strong> ". Added words are underlined, removed ones struck through."</p>
        {unchanged}
        {rows}
        {restore}
        <p><a href=format!("/newsroom/articles/{article_id}")>"Back to the article"</a></p>
    }
}
