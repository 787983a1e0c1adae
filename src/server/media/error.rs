//! Why an upload is refused, or why its variants could not be made: each message is written for
//! the person uploading and safe to show; each refusal has its HTTP status.

use axum::http::StatusCode;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    #[error("The file is empty. Choose an image file to upload.")]
    Empty,
    #[error("The file is over {max_megabytes} MB, the largest upload the newsroom takes. Make it smaller and upload it again.")]
    TooLarge { max_megabytes: u64 },
    #[error("SVG images are not accepted: they can carry scripts. Upload a JPEG, PNG, WebP or GIF instead.")]
    Svg,
    #[error("{0} images are not accepted. Upload a JPEG, PNG, WebP or GIF.")]
    Unsupported(&'static str),
    #[error(
        "This file is not an image (whatever its name says). Upload a JPEG, PNG, WebP or GIF."
    )]
    NotAnImage,
    #[error("The image is {width}×{height} pixels, over the {max_megapixels} megapixels the newsroom takes. Make it smaller and upload it again.")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_megapixels: u64,
    },
    #[error("The image could not be read: the file is damaged or incomplete. Export it again and upload the new file.")]
    Damaged,
    /// Writing or encoding failed on our side (the detail is logged, not shown).
    #[error("The image could not be stored. Please try again.")]
    Internal,
}

impl MediaError {
    /// The status a refused upload is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Svg | Self::Unsupported(_) | Self::NotAnImage => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            Self::Empty | Self::TooManyPixels { .. } | Self::Damaged => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs `detail` (a library's error, never shown) and answers [`MediaError::Internal`].
    pub fn internal(what: &str, detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "{what}");
        Self::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_client_errors_and_only_our_failure_is_500() {
        let refusals = [
            MediaError::Empty,
            MediaError::TooLarge { max_megabytes: 20 },
            MediaError::Svg,
            MediaError::Unsupported("BMP"),
            MediaError::NotAnImage,
            MediaError::TooManyPixels {
                width: 1,
                height: 1,
                max_megapixels: 1,
            },
            MediaError::Damaged,
        ];
        for e in refusals {
            assert!(e.status().is_client_error(), "{e:?}");
        }
        assert_eq!(
            MediaError::Internal.status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
