//! The search index: each article's row in `article_search` (every column normalised as queries
//! are, `search::normalize`), its length for the ranking, and the word counts in `search_terms`
//! and `title_terms`. Written with each article (`write.rs`), or rebuilt whole.

use crate::server::search::{self, normalize};
use crate::server::store::db::{query, query_as, query_scalar, Backend, Pool, Tx};
use crate::server::store::{Result, Store};
use crate::server::text;
use std::collections::{HashMap, HashSet};

impl Store {
    /// Rebuilds the whole search index from the published articles, in one transaction (readers see
    /// the old index until it commits). Returns the number of articles indexed.
    pub async fn reindex_search(&self) -> Result<u64> {
        const CHUNK: i64 = 2_000;
        let mut tx = self.write_tx().await?;
        query("DELETE FROM article_search")
            .execute(&mut *tx)
            .await?;
        query("DELETE FROM title_terms").execute(&mut *tx).await?;
        query("DELETE FROM search_terms").execute(&mut *tx).await?;
        let mut terms = TermCounts::default();
        let mut after = 0i64;
        let mut n = 0u64;
        loop {
            let sql = format!(
                "SELECT a.id, a.title, a.dek, a.body_md, c.name AS category, au.name AS author, \
                   COALESCE((SELECT {} FROM article_tags at \
                     JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '') AS tags \
                 FROM articles a JOIN categories c ON c.id = a.category_id \
                 JOIN authors au ON au.id = a.author_id \
                 WHERE a.id > ?1 AND a.status = 'published' ORDER BY a.id LIMIT ?2",
                tx.backend().joined("t.name", "' '")
            );
            let rows: Vec<IndexRow> = query_as(&sql)
                .bind(after)
                .bind(CHUNK)
                .fetch_all(&mut *tx)
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for r in &rows {
                index_article(
                    &mut tx,
                    IndexEntry {
                        id: r.id,
                        title: &r.title,
                        dek: &r.dek,
                        body_md: &r.body_md,
                        category: &r.category,
                        tags: &r.tags,
                        author: &r.author,
                    },
                    &mut terms,
                )
                .await?;
                n += 1;
            }
        }
        terms.add_to(&mut tx).await?;
        tx.commit().await?;
        self.content_changed();
        // Rewriting the whole index leaves a write-ahead log the size of the index (over 1 GB at
        // 100,000 articles); fold it into the database now rather than leave it to grow.
        if self.backend() == Backend::Sqlite {
            query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await?;
        }
        // PostgreSQL plans a search by how common its words are: give the planner the new
        // index's statistics now (autovacuum would, later), outside the writers' turn. At
        // 100,000 articles this took the search set's median from 131 to 96 ms.
        if let Pool::Postgres(pool, _) = &self.pool {
            sqlx::query("ANALYZE article_search, articles, search_terms")
                .execute(pool)
                .await?;
        }
        Ok(n)
    }

    /// Whether articles exist but the search index is empty (after migration 0002, or a crash
    /// during an import): then the index needs a rebuild.
    pub(in crate::server::store) async fn search_index_missing(&self) -> Result<bool> {
        Ok(query_scalar(
            "SELECT EXISTS(SELECT 1 FROM articles WHERE status = 'published') AND \
             (NOT EXISTS(SELECT 1 FROM article_search) OR NOT EXISTS(SELECT 1 FROM title_terms) \
              OR NOT EXISTS(SELECT 1 FROM search_terms))",
        )
        .fetch_one(&self.pool)
        .await?)
    }
}

/// What the search index holds for one article, before normalisation.
pub(in crate::server::store) struct IndexEntry<'a> {
    pub(in crate::server::store) id: i64,
    pub(in crate::server::store) title: &'a str,
    pub(in crate::server::store) dek: &'a str,
    pub(in crate::server::store) body_md: &'a str,
    pub(in crate::server::store) category: &'a str,
    pub(in crate::server::store) tags: &'a str,
    pub(in crate::server::store) author: &'a str,
}

#[derive(sqlx::FromRow)]
struct IndexRow {
    id: i64,
    title: String,
    dek: String,
    body_md: String,
    category: String,
    tags: String,
    author: String,
}

/// How many of the articles just indexed hold each word: added to `search_terms` (every
/// column) and `title_terms` (titles) once per batch, one statement per distinct word.
#[derive(Default)]
pub(in crate::server::store) struct TermCounts {
    search: HashMap<String, i64>,
    title: HashMap<String, i64>,
}

impl TermCounts {
    pub(in crate::server::store) async fn add_to(self, tx: &mut Tx) -> Result<()> {
        for (table, counts) in [("search_terms", self.search), ("title_terms", self.title)] {
            let sql = format!(
                "INSERT INTO {table} (term, docs) VALUES (?1, ?2) \
                 ON CONFLICT(term) DO UPDATE SET docs = {table}.docs + excluded.docs"
            );
            let gone = format!("DELETE FROM {table} WHERE term = ?1 AND docs <= 0");
            for (term, n) in counts.into_iter().filter(|(_, n)| *n != 0) {
                query(&sql).bind(&term).bind(n).execute(&mut **tx).await?;
                // A word no article holds any more (counted out by `unindex_article`).
                if n < 0 {
                    query(&gone).bind(&term).execute(&mut **tx).await?;
                }
            }
        }
        Ok(())
    }
}

/// Writes one article's search-index row, under rowid `-id` (newest first; see migration
/// 0006), records its length in words for the ranking, and counts its words into `terms`. Every column is normalised with the same function
/// as the queries (`search::normalize`).
pub(in crate::server::store) async fn index_article(
    tx: &mut Tx,
    e: IndexEntry<'_>,
    terms: &mut TermCounts,
) -> Result<()> {
    let columns = [
        normalize(e.title),
        normalize(e.dek),
        normalize(&text::plain_text(e.body_md)),
        normalize(e.category),
        normalize(e.tags),
        normalize(e.author),
    ];
    let [title, dek, body, category, tags, author] = &columns;
    let mut length = 0i64;
    let words: HashSet<String> = columns
        .iter()
        .flat_map(|c| search::index_words(c))
        .inspect(|_| length += 1)
        .collect();
    let insert = match tx.backend() {
        Backend::Sqlite => query(
            "INSERT INTO article_search (rowid, title, dek, body, category, tags, author) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(-e.id),
        Backend::Postgres => query(
            "INSERT INTO article_search (article_id, title, dek, body, category, tags, author, \
             doc, length) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS tsvector), ?9)",
        )
        .bind(e.id),
    };
    let insert = insert
        .bind(title)
        .bind(dek)
        .bind(body)
        .bind(category)
        .bind(tags)
        .bind(author);
    let insert = match tx.backend() {
        Backend::Sqlite => insert,
        Backend::Postgres => insert
            .bind(super::postgres::tsvector(&columns))
            .bind(length),
    };
    insert.execute(&mut **tx).await?;
    query("UPDATE articles SET search_length = ?1 WHERE id = ?2")
        .bind(length)
        .bind(e.id)
        .execute(&mut **tx)
        .await?;
    for w in words {
        *terms.search.entry(w).or_default() += 1;
    }
    let title_words: HashSet<String> = search::query_words(e.title).into_iter().collect();
    for w in title_words {
        *terms.title.entry(w).or_default() += 1;
    }
    Ok(())
}

/// Takes one article out of the search index (before its row changes, or when it stops being
/// public): deletes its index row and counts its words out of `terms`, the inverse of
/// [`index_article`] (words are read back from the index row, which holds them normalised, and
/// the title from the articles row, which still holds the indexed one).
pub(in crate::server::store) async fn unindex_article(
    tx: &mut Tx,
    id: i64,
    terms: &mut TermCounts,
) -> Result<()> {
    // SQLite's index rows are keyed by minus the article id (newest first).
    let (key_column, key) = match tx.backend() {
        Backend::Sqlite => ("rowid", -id),
        Backend::Postgres => ("article_id", id),
    };
    let sql = format!(
        "SELECT title, dek, body, category, tags, author FROM article_search WHERE {key_column} = ?1"
    );
    let row: Option<(String, String, String, String, String, String)> =
        query_as(&sql).bind(key).fetch_optional(&mut **tx).await?;
    let Some((title, dek, body, category, tags, author)) = row else {
        return Ok(());
    };
    let words: HashSet<String> = [title, dek, body, category, tags, author]
        .iter()
        .flat_map(|c| search::index_words(c))
        .collect();
    for w in words {
        *terms.search.entry(w).or_default() -= 1;
    }
    let title: String = query_scalar("SELECT title FROM articles WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    let title_words: HashSet<String> = search::query_words(&title).into_iter().collect();
    for w in title_words {
        *terms.title.entry(w).or_default() -= 1;
    }
    query(&format!(
        "DELETE FROM article_search WHERE {key_column} = ?1"
    ))
    .bind(key)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
