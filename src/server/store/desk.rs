//! The newsroom's article list: every article whatever its state, filtered and paged for staff.

use super::{Result, Store};
use crate::server::store::db::{query_as, Backend, QueryBuilder};

/// What the newsroom list shows of an article.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeskRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub lang: String,
    pub dir: String,
    /// None while a draft or in review.
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub status: String,
    pub author_id: i64,
    pub author_name: String,
    pub category_name: String,
}

/// Which articles: by state relative to `now`, author, category (with its subcategories) and
/// words of the title.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskFilter {
    pub state: DeskState,
    pub author_id: Option<i64>,
    pub category_id: Option<i64>,
    pub title: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DeskState {
    #[default]
    Any,
    Draft,
    Review,
    Published,
    Scheduled,
}

impl DeskFilter {
    fn push_where(&self, q: &mut QueryBuilder<'_>, now: i64, backend: Backend) {
        q.push(" WHERE 1 = 1");
        match self.state {
            DeskState::Any => {}
            DeskState::Draft => {
                q.push(" AND a.status = 'draft'");
            }
            DeskState::Review => {
                q.push(" AND a.status = 'review'");
            }
            DeskState::Published => {
                q.push(" AND a.published_at <= ").push_bind(now);
            }
            DeskState::Scheduled => {
                q.push(" AND a.published_at > ").push_bind(now);
            }
        }
        if let Some(id) = self.author_id {
            q.push(" AND a.author_id = ").push_bind(id);
        }
        if let Some(id) = self.category_id {
            q.push(
                " AND a.category_id IN (SELECT d.id FROM categories d, categories p WHERE p.id = ",
            )
            .push_bind(id)
            .push(" AND (d.id = p.id OR d.path LIKE (p.path || '/%')))");
        }
        let title = self.title.trim();
        if !title.is_empty() {
            let escaped = title
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            q.push(format!(" AND a.title {} ", backend.like()))
                .push_bind(format!("%{escaped}%"))
                .push(" ESCAPE '\\'");
        }
    }
}

impl Store {
    /// One page of the list, latest change first, and how many articles match in all.
    pub async fn desk_articles(
        &self,
        filter: &DeskFilter,
        now: i64,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<DeskRow>, i64)> {
        let mut q = QueryBuilder::new(
            "SELECT a.id, a.slug, a.title, a.lang, a.dir, a.published_at, a.updated_at, a.status, \
             a.author_id, au.name AS author_name, c.name AS category_name \
             FROM articles a JOIN authors au ON au.id = a.author_id JOIN categories c ON c.id = a.category_id",
        );
        filter.push_where(&mut q, now, self.backend());
        // The latest change first (`articles_updated` serves it), as Ghost's list does.
        q.push(" ORDER BY a.updated_at DESC, a.id DESC LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
        let rows = q.build_query_as::<DeskRow>().fetch_all(&self.pool).await?;
        let mut count = QueryBuilder::new("SELECT COUNT(*) FROM articles a");
        filter.push_where(&mut count, now, self.backend());
        let total = count
            .build_query_scalar::<i64>()
            .fetch_one(&self.pool)
            .await?;
        Ok((rows, total))
    }

    /// Every author, by name: (id, name).
    pub async fn author_choices(&self) -> Result<Vec<(i64, String)>> {
        Ok(query_as("SELECT id, name FROM authors ORDER BY name, id")
            .fetch_all(&self.pool)
            .await?)
    }
}
