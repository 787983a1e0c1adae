//! A static page (about, terms, privacy…): its Markdown-rendered body.

use super::crumbs::page_crumbs;
use super::ReadModels;
use crate::error::AppError;
use crate::model::StaticPageData;
use crate::server::clock;

impl ReadModels {
    pub async fn static_page(&self, slug: &str) -> Result<StaticPageData, AppError> {
        self.reading(|| self.read_static_page(slug)).await
    }

    async fn read_static_page(&self, slug: &str) -> Result<StaticPageData, AppError> {
        let (title, body_html, updated_at) = self
            .store()
            .find_page(slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = clock::now();
        Ok(StaticPageData {
            slug: slug.to_string(),
            breadcrumbs: page_crumbs(title.clone(), crate::urls::static_page(slug)),
            title,
            body_html,
            updated: clock::stamp(updated_at, now),
            contact_token: (slug == crate::urls::CONTACT_SLUG).then(|| {
                use crate::server::comments::form::{token_for, CONTACT_FORM};
                token_for(
                    self.store().signing_key(),
                    CONTACT_FORM,
                    now.unix_timestamp(),
                )
            }),
        })
    }
}
