//! The social profile links of the top bar and the footer.

use crate::components::Icon;
use crate::model::MenuItem;
use leptos::prelude::*;

/// Network key for an icon from a social link's label.
pub fn network_of(label: &str) -> &'static str {
    match label {
        "Facebook" => "facebook",
        "Instagram" => "instagram",
        "TikTok" => "tiktok",
        "Threads" => "threads",
        l if l.starts_with('X') => "x",
        _ => "link",
    }
}

/// Social profile links, icons with accessible names.
#[component]
pub fn SocialLinks(links: Vec<MenuItem>) -> impl IntoView {
    view! {
        <ul class="social" role="list">
            {links
                .into_iter()
                .map(|l| {
                    view! {
                        <li>
                            <a href=l.href aria-label=l.label.clone() title=l.label.clone() rel="noopener" target="_blank">
                                <Icon name=network_of(&l.label)/>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
