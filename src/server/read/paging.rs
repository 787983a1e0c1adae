//! Page numbers: `?page=` as the pager writes it, and the pager's data.

use crate::error::AppError;
use crate::model::Pagination;

/// Reads `?page=` as the pager writes it: absent (or empty) is page 1, otherwise digits without
/// a leading zero. Any other spelling (`0`, `+1`, `01`, ` 1`, `abc`) is a bad request rather
/// than a second URL for the same page (see `server/canonical.rs`, which also drops `page=1`).
pub fn parse_page(raw: Option<&str>) -> Result<u32, AppError> {
    let s = match raw {
        None | Some("") => return Ok(1),
        Some(s) => s,
    };
    let canonical = s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    match s.parse::<u32>() {
        Ok(n) if canonical => Ok(n),
        _ => Err(AppError::Invalid(
            "The page number must be a whole number from 1 up.".into(),
        )),
    }
}

/// The pager for page `page` of `total` items, `per_page` a page; past the last page is not
/// found.
pub(super) fn paginate(
    page: u32,
    total: u32,
    per_page: u32,
    base: String,
) -> Result<Pagination, AppError> {
    let total_pages = total.div_ceil(per_page).max(1);
    if page > total_pages {
        return Err(AppError::NotFound);
    }
    Ok(Pagination {
        page,
        total_pages,
        total_items: total,
        base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_validated() {
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("3")), Ok(3));
        assert!(matches!(parse_page(Some("0")), Err(AppError::Invalid(_))));
        assert!(matches!(parse_page(Some("-1")), Err(AppError::Invalid(_))));
        assert!(matches!(parse_page(Some("abc")), Err(AppError::Invalid(_))));
        for other_spelling in ["+1", "01", " 1", "1 ", "00", "+0"] {
            assert!(
                matches!(parse_page(Some(other_spelling)), Err(AppError::Invalid(_))),
                "{other_spelling:?}"
            );
        }
        assert!(matches!(
            parse_page(Some("99999999999999")),
            Err(AppError::Invalid(_))
        ));
    }

    #[test]
    fn pages_past_the_end_are_not_found() {
        assert_eq!(paginate(1, 0, 10, "/x".into()).unwrap().total_pages, 1);
        assert_eq!(paginate(2, 11, 10, "/x".into()).unwrap().total_pages, 2);
        assert_eq!(paginate(3, 11, 10, "/x".into()), Err(AppError::NotFound));
    }
}
