//! Data-driven menus.

use super::{Result, Store};
use crate::model::{MenuItem, Menus};
use crate::server::store::db::{query, query_as, query_scalar};

impl Store {
    /// One menu as a tree, ordered by position.
    pub async fn menu(&self, name: &str) -> Result<Vec<MenuItem>> {
        let rows: Vec<(i64, Option<i64>, String, String)> = query_as(
            "SELECT id, parent_id, label, href FROM menu_items WHERE menu = ?1 ORDER BY position, id",
        )
        .bind(name)
        .fetch_all(&self.pool)
        .await?;
        Ok(build_tree(&rows, None))
    }

    pub async fn menus(&self) -> Result<Menus> {
        Ok(Menus {
            primary: self.menu("primary").await?,
            more: self.menu("more").await?,
            topics: self.menu("topics").await?,
            footer: self.menu("footer").await?,
            social: self.menu("social").await?,
        })
    }

    /// Replaces a whole menu.
    pub async fn replace_menu(&self, name: &str, items: &[MenuItem]) -> Result<()> {
        let mut tx = self.write_tx().await?;
        query("DELETE FROM menu_items WHERE menu = ?1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        let mut stack: Vec<(Option<i64>, &[MenuItem])> = vec![(None, items)];
        while let Some((parent, level)) = stack.pop() {
            for (pos, item) in level.iter().enumerate() {
                let id: i64 = query_scalar(
                    "INSERT INTO menu_items (menu, parent_id, position, label, href) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                )
                .bind(name)
                .bind(parent)
                .bind(pos as i64)
                .bind(&item.label)
                .bind(&item.href)
                .fetch_one(&mut *tx)
                .await?;
                if !item.children.is_empty() {
                    stack.push((Some(id), &item.children));
                }
            }
        }
        tx.commit().await?;
        self.content_changed();
        Ok(())
    }
}

fn build_tree(rows: &[(i64, Option<i64>, String, String)], parent: Option<i64>) -> Vec<MenuItem> {
    rows.iter()
        .filter(|(_, p, _, _)| *p == parent)
        .map(|(id, _, label, href)| MenuItem {
            label: label.clone(),
            href: href.clone(),
            children: build_tree(rows, Some(*id)),
        })
        .collect()
}
