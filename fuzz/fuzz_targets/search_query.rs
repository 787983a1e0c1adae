//! What a reader types into search: cleaned, parsed into terms, made into the FTS5 expression
//! and cut into a snippet. Nothing may panic, and no term may carry a quote (a quote inside a
//! term would let the reader's text out of FTS5's string into its query syntax).
#![no_main]

use libfuzzer_sys::fuzz_target;
use timelines::server::search::{clean_query, cut_snippet, parse, snippet_html, Term};

fuzz_target!(|input: &str| {
    let (cleaned, _) = clean_query(input);
    let Some(query) = parse(&cleaned) else {
        return;
    };
    let words = query.terms.iter().flat_map(|t| match t {
        Term::Word(w) | Term::Prefix(w) => std::slice::from_ref(w),
        Term::Phrase(ws) => ws.as_slice(),
    });
    for w in words {
        assert!(!w.is_empty(), "an empty term from {input:?}");
        assert!(!w.contains('"'), "a quote in term {w:?} from {input:?}");
    }
    let bare = query.match_expr(None);
    assert_eq!(
        bare.matches('"').count() % 2,
        0,
        "unbalanced quotes in {bare:?}"
    );
    let _ = query.match_expr(Some(&["one".to_string(), "two".to_string()]));
    // The reader's query marks itself in a body made of its own text.
    let html = snippet_html(&cut_snippet(&format!("Before {input} after."), &cleaned));
    assert!(!html.contains("<script"), "{input:?} -> {html}");
});
