//! A featured picture: WebP for the browsers that take it, JPEG for the rest, each in every
//! width made, chosen by the browser from `sizes` (the room the layout gives the picture), with
//! `width` and `height` so its room is kept before it loads.

use crate::model::Picture;
use leptos::prelude::*;

/// How the picture loads: lazily (most pictures), or at once and first (the page's largest
/// picture, which is what readers wait for).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Loading {
    Lazy,
    First,
}

#[component]
pub fn FeaturedPicture(
    picture: Picture,
    /// The class of the `<picture>` element.
    class: &'static str,
    /// The picture's displayed width in each layout, as `sizes` says it.
    sizes: &'static str,
    #[prop(default = Loading::Lazy)] loading: Loading,
) -> impl IntoView {
    let p = picture;
    let first = loading == Loading::First;
    view! {
        <picture class=class>
            <source type="image/webp" srcset=p.srcset_webp sizes=sizes/>
            <img
                src=p.fallback.src
                srcset=p.srcset_jpeg
                sizes=sizes
                alt=p.fallback.alt
                width=p.fallback.width
                height=p.fallback.height
                loading=(!first).then_some("lazy")
                fetchpriority=first.then_some("high")
                decoding=if first { "sync" } else { "async" }
            />
        </picture>
    }
}
