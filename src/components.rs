//! Reusable views. They get their data through props and the site context.

mod article_card;
mod breadcrumbs;
mod comments;
mod contact_form;
mod error_page;
mod footer;
pub(crate) mod header;
mod icons;
mod mobile_menu;
mod modal;
#[cfg(any(feature = "ssr", feature = "newsroom"))]
pub mod newsroom;
mod pager;
mod picture;
mod search_dialog;
pub mod seo;
mod share_bar;
mod sidebar;
mod theme_toggle;
mod ticker;
mod time;

pub use article_card::{picture_sizes, ArticleCard, ArticleList, CardSize};
pub use breadcrumbs::Breadcrumbs;
#[cfg(feature = "ssr")]
pub use comments::comment_html;
pub use comments::{CommentFormAssist, CommentText, CommentsBlock};
pub use contact_form::ContactForm;
pub use error_page::{ErrorPage, Loading};
pub use footer::Footer;
pub use header::Header;
pub use icons::Icon;
pub use mobile_menu::MobileMenu;
pub use pager::Pager;
pub use picture::{FeaturedPicture, Loading as PictureLoading};
pub use search_dialog::SearchDialog;
pub use share_bar::ShareBar;
pub use sidebar::SidebarView;
pub use theme_toggle::ThemeToggle;
pub use ticker::Ticker;
pub use time::TimeAgo;
