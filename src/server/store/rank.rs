//! `timelines_rank(article_search, docs[, length])`: the search ranking, an FTS5 auxiliary
//! function.
//!
//! It scores a row as FTS5's own `bm25()` does (Okapi BM25, k1 = 1.2, b = 0.75, each match
//! weighted by its column: title highest), with one difference: the number of articles holding
//! each phrase of the query is given by the caller (`docs`: one count per phrase, in FTS5's
//! phrase order, space separated) instead of being counted at the start of every query.
//! `bm25()` counts it by running each phrase as a query of its own over the whole index, which
//! at 100,000 articles took most of a search's time for common words (they are in tens of
//! thousands of articles); the store keeps these counts in `search_terms` as it indexes.
//! `length`, when given, is the row's length in tokens (the store keeps it beside the article,
//! in the index the search reads anyway); without it FTS5 looks it up, one statement per row.
//!
//! The function is registered on every connection the store opens (`register`).

use libsqlite3_sys as ffi;
use std::ffi::{c_int, c_void, CStr};
use std::ptr;

/// Weight of a match in each column of `article_search`: title, dek, body, category, tags,
/// author. Four values, as PostgreSQL's tsvector has four weight labels to tell columns apart
/// (`search/postgres.rs`): the two backends rank alike.
pub const WEIGHTS: [f64; 6] = [10.0, 4.0, 1.0, 2.0, 2.0, 2.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The SQL name of the function.
pub const NAME: &CStr = c"timelines_rank";

/// Why the ranking function could not be registered (the SQLite build lacks FTS5, or refused).
#[derive(Debug, thiserror::Error)]
pub enum RankError {
    #[error("SELECT fts5(?1) failed to prepare (code {0}): FTS5 missing?")]
    NoFts5(i32),
    #[error("FTS5 API unavailable")]
    NoApi,
    #[error("FTS5 offers no xCreateFunction")]
    NoCreateFunction,
    #[error("registering timelines_rank failed with code {0}")]
    Refused(i32),
}

/// Registers `timelines_rank` on the connection `db`.
///
/// # Safety
/// `db` must be an open connection that nothing else uses during the call.
pub unsafe fn register(db: *mut ffi::sqlite3) -> Result<(), RankError> {
    let api = fts5_api(db)?;
    let create = (*api).xCreateFunction.ok_or(RankError::NoCreateFunction)?;
    let rc = create(api, NAME.as_ptr(), ptr::null_mut(), Some(rank), None);
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(RankError::Refused(rc))
    }
}

/// The connection's FTS5 API, fetched the documented way (`SELECT fts5(?1)` with a pointer
/// bound to the parameter).
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> Result<*mut ffi::fts5_api, RankError> {
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    let rc = ffi::sqlite3_prepare_v2(
        db,
        c"SELECT fts5(?1)".as_ptr(),
        -1,
        &mut stmt,
        ptr::null_mut(),
    );
    if rc != ffi::SQLITE_OK {
        return Err(RankError::NoFts5(rc));
    }
    let mut api: *mut ffi::fts5_api = ptr::null_mut();
    ffi::sqlite3_bind_pointer(
        stmt,
        1,
        (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
        c"fts5_api_ptr".as_ptr(),
        None,
    );
    ffi::sqlite3_step(stmt);
    ffi::sqlite3_finalize(stmt);
    if api.is_null() || (*api).iVersion < 2 {
        return Err(RankError::NoApi);
    }
    Ok(api)
}

unsafe extern "C" fn rank(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_val: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) {
    let arg = |i: c_int| (n_val > i && !vals.is_null()).then(|| *vals.offset(i as isize));
    let docs = match arg(0).map(|v| ffi::sqlite3_value_text(v)) {
        Some(text) if !text.is_null() => CStr::from_ptr(text.cast()).to_str().unwrap_or(""),
        _ => "",
    };
    let length = arg(1)
        .filter(|&v| ffi::sqlite3_value_type(v) == ffi::SQLITE_INTEGER)
        .map(|v| ffi::sqlite3_value_int(v));
    match score(&*api, fts, docs, length) {
        Ok(s) => ffi::sqlite3_result_double(ctx, s),
        Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
    }
}

/// Calls one of the FTS5 extension functions, turning a missing one or an error into a code.
macro_rules! call {
    ($api:expr, $f:ident ( $($arg:expr),* )) => {{
        let f = $api.$f.ok_or(ffi::SQLITE_MISUSE)?;
        let rc = f($($arg),*);
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
    }};
}

/// What every row of a query shares, worked out at its first row and kept by FTS5 for the
/// query (auxiliary data): the inverse document frequency of each phrase and the average row
/// length.
pub(in crate::server::store) struct QueryData {
    idf: Vec<f64>,
    avgdl: f64,
}

impl QueryData {
    /// For a query of `phrases` phrases, `docs` the articles holding each (space separated),
    /// over an index of `rows` rows and `tokens` words in all.
    pub(in crate::server::store) fn new(
        phrases: usize,
        docs: &str,
        rows: i64,
        tokens: i64,
    ) -> Self {
        let n = rows.max(1) as f64;
        let mut counts = docs
            .split_ascii_whitespace()
            .map(|c| c.parse::<f64>().unwrap_or(1.0));
        let idf = (0..phrases)
            .map(|_| {
                let hits = counts.next().unwrap_or(1.0).clamp(0.0, n);
                // As FTS5: a phrase in more than half the rows still counts a little.
                ((n - hits + 0.5) / (hits + 0.5)).ln().max(1e-6)
            })
            .collect();
        QueryData {
            idf,
            avgdl: (tokens as f64 / n).max(1.0),
        }
    }

    /// BM25 of a row with weighted phrase frequencies `freq` and length `size` in tokens.
    pub(in crate::server::store) fn bm25(&self, freq: &[f64], size: c_int) -> f64 {
        let d = f64::from(size);
        freq.iter()
            .zip(&self.idf)
            .map(|(&f, idf)| idf * (f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * d / self.avgdl)))
            .sum()
    }
}

unsafe extern "C" fn drop_query_data(p: *mut c_void) {
    drop(Box::from_raw(p.cast::<QueryData>()));
}

/// The row's score: minus its BM25, so that the best rows sort first (as with `bm25()`).
unsafe fn score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    docs: &str,
    length: Option<c_int>,
) -> Result<f64, c_int> {
    let get = api.xGetAuxdata.ok_or(ffi::SQLITE_MISUSE)?;
    let mut data = get(fts, 0).cast::<QueryData>();
    if data.is_null() {
        let phrases = api.xPhraseCount.ok_or(ffi::SQLITE_MISUSE)?(fts).max(0) as usize;
        let (mut rows, mut tokens) = (0i64, 0i64);
        call!(api, xRowCount(fts, &mut rows));
        call!(api, xColumnTotalSize(fts, -1, &mut tokens));
        data = Box::into_raw(Box::new(QueryData::new(phrases, docs, rows, tokens)));
        // FTS5 owns it from here and drops it (drop_query_data) when the query ends.
        call!(api, xSetAuxdata(fts, data.cast(), Some(drop_query_data)));
    }
    let data = &*data;
    let (mut size, mut insts): (c_int, c_int) = (0, 0);
    match length {
        Some(n) => size = n,
        None => call!(api, xColumnSize(fts, -1, &mut size)),
    }
    call!(api, xInstCount(fts, &mut insts));
    // A query has at most a few dozen phrases (twelve terms, the prefix's completions).
    let mut freq = vec![0f64; data.idf.len()];
    for i in 0..insts {
        let (mut phrase, mut col, mut off) = (0, 0, 0);
        call!(api, xInst(fts, i, &mut phrase, &mut col, &mut off));
        if let Some(f) = freq.get_mut(phrase as usize) {
            *f += WEIGHTS.get(col as usize).copied().unwrap_or(1.0);
        }
    }
    Ok(-data.bm25(&freq, size))
}

#[cfg(test)]
mod tests {
    use super::QueryData;

    fn bm25(freq: &[f64], docs: &str, rows: i64, tokens: i64, size: i32) -> f64 {
        QueryData::new(freq.len(), docs, rows, tokens).bm25(freq, size)
    }

    #[test]
    fn rarer_phrases_and_more_matches_score_higher() {
        let (rows, tokens) = (1_000, 300_000);
        // One phrase, found twice in an average-length row.
        let common = bm25(&[2.0], "600", rows, tokens, 300);
        let rare = bm25(&[2.0], "3", rows, tokens, 300);
        assert!(rare > common && common > 0.0);
        assert!(bm25(&[10.0], "3", rows, tokens, 300) > rare);
        // Longer rows weigh the same matches less.
        assert!(bm25(&[2.0], "3", rows, tokens, 3_000) < rare);
        // No match, no score; unparsable or missing counts count as one article.
        assert_eq!(bm25(&[0.0, 0.0], "3 4", rows, tokens, 300), 0.0);
        assert_eq!(
            bm25(&[2.0], "x", rows, tokens, 300),
            bm25(&[2.0], "1", rows, tokens, 300)
        );
        assert_eq!(
            bm25(&[2.0], "", rows, tokens, 300),
            bm25(&[2.0], "1", rows, tokens, 300)
        );
    }
}
