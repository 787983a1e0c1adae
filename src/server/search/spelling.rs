//! Spelling suggestions for a query that matched nothing ("did you mean"): close title words by
//! edit distance.

use crate::error::AppError;
use crate::server::store::Store;

/// At most this many rewrites are offered.
const REWRITES: usize = 3;

/// Up to three rewrites of a query that matched nothing, each word replaced by a close title
/// word (by edit distance, among title words sharing its first letter, so it stays cheap).
pub async fn rewrites(store: &Store, query: &str) -> Result<Vec<String>, AppError> {
    let words = super::query_words(query);
    let mut options: Vec<Vec<String>> = Vec::with_capacity(words.len());
    let mut any = false;
    for w in words.iter().take(6) {
        let Some(first) = w.chars().next() else {
            continue;
        };
        // closest_terms allows one edit for words up to four letters, two beyond.
        let len = w.chars().count();
        let slack = if len <= 4 { 1 } else { 2 };
        let candidates = store
            .title_terms_starting_with(first, len.saturating_sub(slack), len + slack)
            .await?;
        let near = closest_terms(w, &candidates, REWRITES);
        any |= !near.is_empty();
        options.push(if near.is_empty() {
            vec![w.clone()]
        } else {
            near
        });
    }
    if !any {
        return Ok(vec![]);
    }
    let mut out: Vec<String> = Vec::new();
    for k in 0..REWRITES {
        let text = options
            .iter()
            .map(|o| o.get(k).unwrap_or(&o[0]).as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !out.contains(&text) {
            out.push(text);
        }
    }
    Ok(out)
}

/// Edit distance (insertions, deletions, substitutions) between two words, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest spellings of `word` among `candidates` (term, number of articles): at most one
/// edit away for words up to four letters, two for longer ones; nearest first, then the most
/// common. The word itself is never suggested.
pub fn closest_terms(word: &str, candidates: &[(String, i64)], n: usize) -> Vec<String> {
    let len = word.chars().count();
    let max = if len <= 4 { 1 } else { 2 };
    let mut near: Vec<(usize, i64, &str)> = candidates
        .iter()
        .filter(|(t, _)| t.chars().count().abs_diff(len) <= max)
        .map(|(t, docs)| (edit_distance(word, t), *docs, t.as_str()))
        .filter(|(d, _, _)| (1..=max).contains(d))
        .collect();
    near.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    near.into_iter()
        .take(n)
        .map(|(_, _, t)| t.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::search::query_words;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("اسعار", "اسعار"), 0);
        assert_eq!(edit_distance("السندت", "السندات"), 1);
    }

    #[test]
    fn closest_terms_prefer_near_then_common_words() {
        let c: Vec<(String, i64)> = [
            ("harbour", 3),
            ("harbor", 9),
            ("hardware", 50),
            ("harbours", 1),
        ]
        .iter()
        .map(|(t, n)| (t.to_string(), *n))
        .collect();
        assert_eq!(
            closest_terms("harbur", &c, 3),
            ["harbor", "harbour", "harbours"]
        );
        assert_eq!(closest_terms("harbour", &c, 3), ["harbor", "harbours"]);
        assert!(closest_terms("xyz", &c, 3).is_empty());
        assert_eq!(query_words("Café \"SÃO\" paulo"), ["cafe", "sao", "paulo"]);
    }
}
