//! The search overlay's suggestions: the best few articles for what is being typed, one light
//! store query per keystroke (`Store::suggest`), where the results page would also count,
//! cut snippets, list the filters' choices, fill the sidebar and try other spellings.

use super::{clean_query, parse, MAX_QUERY_CHARS};
use crate::error::AppError;
use crate::model::{SuggestResponse, SuggestedArticle};
use crate::server::clock;
use crate::server::store::Store;

/// How many articles the overlay lists.
pub const SUGGESTIONS: u32 = 6;

/// Suggestions for `raw`, the text in the search field. Blank text (or text with nothing to
/// search for) gets none. Text longer than a search reads ([`MAX_QUERY_CHARS`]) is refused with
/// a message (a 400): the results page cuts such text and says so, a list of suggestions has no
/// room to.
pub async fn suggest(store: &Store, raw: &str) -> Result<SuggestResponse, AppError> {
    let (query, cut) = clean_query(raw);
    if cut {
        return Err(AppError::Invalid(format!(
            "Suggestions are offered for up to {MAX_QUERY_CHARS} characters; press Enter to search."
        )));
    }
    let Some(parsed) = parse(&query) else {
        return Ok(SuggestResponse {
            query,
            articles: vec![],
        });
    };
    let rows = store
        .suggest(&parsed, clock::now().unix_timestamp(), SUGGESTIONS)
        .await?;
    let articles = rows
        .into_iter()
        .map(|r| SuggestedArticle {
            path: crate::urls::article(&r.slug, r.published_at),
            title: r.title,
            lang: r.lang,
            section: r.category_name,
        })
        .collect();
    Ok(SuggestResponse { query, articles })
}
