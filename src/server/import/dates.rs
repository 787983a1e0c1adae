//! WordPress's dates: `YYYY-MM-DD HH:MM:SS`, in UTC for the `_gmt` fields, with
//! `0000-00-00 00:00:00` for "not set" (drafts are never published).

use time::macros::format_description;
use time::PrimitiveDateTime;

/// A date that is neither a date nor WordPress's "not set".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a date (YYYY-MM-DD HH:MM:SS)")]
pub struct DateError {
    pub value: String,
}

/// A `_gmt` date as a Unix time; `None` for an empty one or `0000-00-00 00:00:00`.
pub fn wordpress_gmt(value: &str) -> Result<Option<i64>, DateError> {
    let v = value.trim();
    if v.is_empty() || v.starts_with("0000-00-00") {
        return Ok(None);
    }
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    PrimitiveDateTime::parse(v, format)
        .map(|t| Some(t.assume_utc().unix_timestamp()))
        .map_err(|_| DateError {
            value: value.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_utc_and_the_empty_ones_are_none() {
        assert_eq!(
            wordpress_gmt("2024-04-07 09:30:00"),
            Ok(Some(1_712_482_200))
        );
        assert_eq!(wordpress_gmt("0000-00-00 00:00:00"), Ok(None));
        assert_eq!(wordpress_gmt(""), Ok(None));
        assert_eq!(
            wordpress_gmt("next Tuesday"),
            Err(DateError {
                value: "next Tuesday".into()
            })
        );
        assert!(wordpress_gmt("2024-13-01 00:00:00").is_err());
    }
}
