//! The demo newsroom's menus: primary (with its nested dropdowns), more, topics and footer.

use crate::model::MenuItem;

fn cat(label: &str, path: &str) -> MenuItem {
    MenuItem {
        label: label.into(),
        href: crate::urls::category(path),
        children: vec![],
    }
}

fn with(mut item: MenuItem, children: Vec<MenuItem>) -> MenuItem {
    item.children = children;
    item
}

/// The primary menu, as the reference site's sticky header orders it.
pub fn primary_menu() -> Vec<MenuItem> {
    vec![
        cat("News", "news"),
        cat("US", "world/north-america/united-states"),
        cat("Elections", "elections"),
        with(
            cat("World", "world"),
            vec![
                with(
                    cat("North America", "world/north-america"),
                    vec![
                        cat("United States", "world/north-america/united-states"),
                        cat("Canada", "world/north-america/canada"),
                    ],
                ),
                with(
                    cat("Europe", "world/europe"),
                    vec![
                        cat("United Kingdom", "world/europe/united-kingdom"),
                        cat("Germany", "world/europe/germany"),
                        cat("France", "world/europe/france"),
                        cat("Italy", "world/europe/italy"),
                        cat("Spain", "world/europe/spain"),
                        cat("Ukraine", "world/europe/ukraine"),
                        cat("Russia", "world/europe/russia"),
                        cat("Turkey", "world/europe/turkey"),
                    ],
                ),
                cat("Asia", "world/asia"),
                cat("Australia", "world/australia"),
                cat("Africa", "world/africa"),
                cat("South America", "world/south-america"),
            ],
        ),
        cat("Politics", "politics"),
        with(
            cat("Business", "business"),
            vec![
                cat("Finance", "business/finance"),
                cat("Investing", "business/investing"),
                cat("Markets", "business/markets"),
                cat("Small Business", "business/small-business"),
                cat("Crypto", "business/crypto"),
            ],
        ),
        with(
            cat("Lifestyle", "lifestyle"),
            vec![
                cat("Astrology", "lifestyle/astrology"),
                cat("Fashion", "lifestyle/fashion"),
                cat("Food & Drink", "lifestyle/food-drink"),
                cat("Travel", "lifestyle/travel"),
            ],
        ),
        cat("Health", "health"),
        with(
            cat("Sports", "sports"),
            vec![cat("Soccer", "sports/soccer")],
        ),
    ]
}

pub fn more_menu() -> Vec<MenuItem> {
    vec![
        cat("Entertainment", "entertainment"),
        cat("Technology", "technology"),
        cat("Science", "science"),
        cat("Viral Trends", "viral-trends"),
        cat("Weird News", "weird-news"),
    ]
}

pub fn topics_menu() -> Vec<MenuItem> {
    let tag = |label: &str, slug: &str| MenuItem {
        label: label.into(),
        href: crate::urls::tag(slug),
        children: vec![],
    };
    vec![
        tag("Israel War", "israel-war"),
        tag("Ukraine War", "ukraine-war"),
        cat("United Kingdom", "world/europe/united-kingdom"),
        cat("Canada", "world/north-america/canada"),
        cat("Germany", "world/europe/germany"),
        cat("France", "world/europe/france"),
        cat("Italy", "world/europe/italy"),
        cat("Russia", "world/europe/russia"),
        cat("Spain", "world/europe/spain"),
        cat("Turkey", "world/europe/turkey"),
        cat("Ukraine", "world/europe/ukraine"),
    ]
}

pub fn footer_menu() -> Vec<MenuItem> {
    let page = |label: &str, slug: &str| MenuItem {
        label: label.into(),
        href: crate::urls::static_page(slug),
        children: vec![],
    };
    vec![
        page("Privacy Policy", "privacy-policy"),
        page("Terms", "terms"),
        page("Contact", "contact"),
    ]
}
