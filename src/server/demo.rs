//! The demo newsroom "West Timelines": its category tree, menus, staff, static pages and the
//! articles the project wrote for it. Loaded on the first start with an empty database.
//! Article dates given as `hours_ago` are relative to the moment of loading.

use crate::model::MenuItem;
use crate::server::config::Config;
use crate::server::store::{NewArticle, NewCategory, Store, StoreError};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The article files, each holding many articles (see `parse_documents`).
const ARTICLE_FILES: &[(&str, &str)] = &[
    ("world.md", include_str!("demo/articles/world.md")),
    (
        "europe_americas_business.md",
        include_str!("demo/articles/europe_americas_business.md"),
    ),
    (
        "culture_science_sport.md",
        include_str!("demo/articles/culture_science_sport.md"),
    ),
];
const PAGES: &str = include_str!("demo/pages.md");
const AUTHORS: &str = include_str!("demo/authors.toml");

/// (slug, name, description, children)
pub struct Node(&'static str, &'static str, &'static str, &'static [Node]);

pub const CATEGORIES: &[Node] = &[
    Node(
        "news",
        "News",
        "The day's essential stories, as they develop.",
        &[],
    ),
    Node(
        "politics",
        "Politics",
        "Parliaments, parties, policy and power.",
        &[],
    ),
    Node(
        "world",
        "World",
        "Reporting from every continent.",
        &[
            Node("africa", "Africa", "News from across Africa.", &[]),
            Node("asia", "Asia", "News from Asia and the Middle East.", &[]),
            Node(
                "australia",
                "Australia",
                "News from Australia and the Pacific.",
                &[],
            ),
            Node(
                "europe",
                "Europe",
                "News from across Europe.",
                &[
                    Node(
                        "united-kingdom",
                        "United Kingdom",
                        "News from the United Kingdom.",
                        &[],
                    ),
                    Node("germany", "Germany", "News from Germany.", &[]),
                    Node("france", "France", "News from France.", &[]),
                    Node("italy", "Italy", "News from Italy.", &[]),
                    Node("russia", "Russia", "News from Russia.", &[]),
                    Node("spain", "Spain", "News from Spain.", &[]),
                    Node("turkey", "Turkey", "News from Turkey.", &[]),
                    Node("ukraine", "Ukraine", "News from Ukraine and the war.", &[]),
                ],
            ),
            Node(
                "north-america",
                "North America",
                "News from North America.",
                &[
                    Node(
                        "united-states",
                        "United States",
                        "News from the United States.",
                        &[],
                    ),
                    Node("canada", "Canada", "News from Canada.", &[]),
                ],
            ),
            Node(
                "south-america",
                "South America",
                "News from South America.",
                &[],
            ),
        ],
    ),
    Node(
        "business",
        "Business",
        "Companies, markets and the economy.",
        &[
            Node(
                "finance",
                "Finance",
                "Banks, rates and personal finance.",
                &[],
            ),
            Node(
                "markets",
                "Markets",
                "Stocks, bonds, currencies and commodities.",
                &[],
            ),
            Node(
                "investing",
                "Investing",
                "Ideas and analysis for investors.",
                &[],
            ),
            Node(
                "small-business",
                "Small Business",
                "Founders, shops and the people who run them.",
                &[],
            ),
            Node(
                "crypto",
                "Crypto",
                "Digital assets and the rules around them.",
                &[],
            ),
        ],
    ),
    Node(
        "elections",
        "Elections",
        "Campaigns, polls and results.",
        &[],
    ),
    Node(
        "entertainment",
        "Entertainment",
        "Film, television, music and the arts.",
        &[],
    ),
    Node(
        "health",
        "Health",
        "Medicine, wellbeing and public health.",
        &[],
    ),
    Node(
        "lifestyle",
        "Lifestyle",
        "How we live: style, food, travel and more.",
        &[
            Node(
                "fashion",
                "Fashion",
                "Style, designers and the business of clothes.",
                &[],
            ),
            Node(
                "food-drink",
                "Food & Drink",
                "Kitchens, restaurants and what we eat.",
                &[],
            ),
            Node(
                "travel",
                "Travel",
                "Destinations, journeys and travel news.",
                &[],
            ),
            Node(
                "astrology",
                "Astrology",
                "The stars, the apps and the people who follow them.",
                &[],
            ),
        ],
    ),
    Node(
        "weird-news",
        "Weird News",
        "Odd, surprising and delightful stories.",
        &[],
    ),
    Node(
        "science",
        "Science",
        "Discoveries, research and the natural world.",
        &[],
    ),
    Node(
        "sports",
        "Sports",
        "Results, analysis and the stories behind the games.",
        &[Node(
            "soccer",
            "Soccer",
            "Football from the grassroots to the World Cup.",
            &[],
        )],
    ),
    Node(
        "technology",
        "Technology",
        "Gadgets, software, AI and the companies behind them.",
        &[],
    ),
    Node(
        "viral-trends",
        "Viral Trends",
        "What the internet is talking about.",
        &[],
    ),
];

fn cat(label: &str, path: &str) -> MenuItem {
    MenuItem {
        label: label.into(),
        href: format!("/category/{path}"),
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
        href: format!("/tag/{slug}"),
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
        href: format!("/{slug}"),
        children: vec![],
    };
    vec![
        page("Privacy Policy", "privacy-policy"),
        page("Terms", "terms"),
        page("Contact", "contact"),
    ]
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: String,
    title: String,
    #[serde(default)]
    dek: String,
    category: String,
    author: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default = "english")]
    lang: String,
    hours_ago: Option<i64>,
    published: Option<String>,
    updated_hours_ago: Option<i64>,
    #[serde(default)]
    featured: bool,
    #[serde(default)]
    editors_pick: bool,
    #[serde(default)]
    views: i64,
    translation_key: Option<String>,
}

fn english() -> String {
    "en".into()
}

#[derive(Debug, Deserialize)]
struct PageFront {
    slug: String,
    title: String,
}

#[derive(Debug, Deserialize)]
struct AuthorsFile {
    author: Vec<AuthorEntry>,
}

#[derive(Debug, Deserialize)]
struct AuthorEntry {
    slug: String,
    name: String,
    bio: String,
}

/// Splits a file of `+++`-fenced TOML front matter blocks, each followed by its Markdown body.
pub fn parse_documents(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut docs = Vec::new();
    let mut lines = text.lines().peekable();
    while lines.peek().is_some_and(|l| l.trim().is_empty()) {
        lines.next();
    }
    while let Some(line) = lines.next() {
        if line.trim_end() != "+++" {
            return Err(format!("expected +++, found {line:?}"));
        }
        let mut front = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            if l.trim_end() == "+++" {
                closed = true;
                break;
            }
            front.push_str(l);
            front.push('\n');
        }
        if !closed {
            return Err("front matter is not closed".into());
        }
        let mut body = String::new();
        while let Some(l) = lines.peek() {
            if l.trim_end() == "+++" {
                break;
            }
            body.push_str(l);
            body.push('\n');
            lines.next();
        }
        docs.push((front, body.trim().to_string()));
    }
    Ok(docs)
}

/// Every demo article, dated relative to `now`.
pub fn articles(now: OffsetDateTime) -> Result<Vec<NewArticle>, String> {
    let mut out = Vec::new();
    for (file, text) in ARTICLE_FILES {
        for (front, body) in parse_documents(text).map_err(|e| format!("{file}: {e}"))? {
            let f: FrontMatter = toml::from_str(&front).map_err(|e| format!("{file}: {e}"))?;
            let hour = 3600;
            let published_at = match (&f.published, f.hours_ago) {
                (Some(p), _) => OffsetDateTime::parse(p, &Rfc3339)
                    .map_err(|e| format!("{file}: {}: published: {e}", f.slug))?
                    .unix_timestamp(),
                (None, Some(h)) => now.unix_timestamp() - h * hour,
                (None, None) => {
                    return Err(format!("{file}: {}: needs hours_ago or published", f.slug))
                }
            };
            let updated_at = f
                .updated_hours_ago
                .map_or(published_at, |h| now.unix_timestamp() - h * hour);
            out.push(NewArticle {
                slug: f.slug,
                title: f.title,
                dek: f.dek,
                body_md: body,
                lang: f.lang,
                category_path: f.category,
                author_slug: f.author,
                tags: f.tags,
                published_at,
                updated_at,
                image: None,
                featured: f.featured,
                editors_pick: f.editors_pick,
                views: f.views,
                translation_key: f.translation_key,
            });
        }
    }
    Ok(out)
}

/// Loads the whole demo newsroom into an empty store.
pub async fn load(
    store: &Store,
    config: &Config,
    now: OffsetDateTime,
) -> Result<usize, StoreError> {
    let mut stack: Vec<(Option<String>, &[Node])> = vec![(None, CATEGORIES)];
    while let Some((parent, nodes)) = stack.pop() {
        for (pos, Node(slug, name, description, children)) in nodes.iter().enumerate() {
            store
                .insert_category(NewCategory {
                    parent_path: parent.as_deref(),
                    slug,
                    name,
                    description,
                    position: pos as i64,
                })
                .await?;
            if !children.is_empty() {
                let path = match &parent {
                    Some(p) => format!("{p}/{slug}"),
                    None => slug.to_string(),
                };
                stack.push((Some(path), children));
            }
        }
    }
    let authors: AuthorsFile =
        toml::from_str(AUTHORS).map_err(|e| StoreError::Invalid(format!("authors.toml: {e}")))?;
    for a in &authors.author {
        store.upsert_author(&a.slug, &a.name, &a.bio).await?;
    }
    let articles = articles(now).map_err(StoreError::Invalid)?;
    for a in &articles {
        store.insert_article(a).await?;
    }
    for (front, body) in parse_documents(PAGES).map_err(StoreError::Invalid)? {
        let p: PageFront =
            toml::from_str(&front).map_err(|e| StoreError::Invalid(format!("pages.md: {e}")))?;
        store
            .upsert_page(&p.slug, &p.title, &body, now.unix_timestamp())
            .await?;
    }
    store.replace_menu("primary", &primary_menu()).await?;
    store.replace_menu("more", &more_menu()).await?;
    store.replace_menu("topics", &topics_menu()).await?;
    store.replace_menu("footer", &footer_menu()).await?;
    let social: Vec<MenuItem> = config
        .social
        .links()
        .into_iter()
        .map(|(label, url)| MenuItem {
            label: label.into(),
            href: url.into(),
            children: vec![],
        })
        .collect();
    store.replace_menu("social", &social).await?;
    Ok(articles.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn leaves(nodes: &[Node], prefix: &str, out: &mut Vec<String>) {
        for Node(slug, _, _, children) in nodes {
            let path = if prefix.is_empty() {
                slug.to_string()
            } else {
                format!("{prefix}/{slug}")
            };
            if children.is_empty() {
                out.push(path);
            } else {
                leaves(children, &path, out);
            }
        }
    }

    #[test]
    fn documents_split_on_fences() {
        let docs =
            parse_documents("+++\na = 1\n+++\nBody one.\n\n+++\na = 2\n+++\nBody two.\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1], ("a = 2\n".to_string(), "Body two.".to_string()));
        assert!(parse_documents("+++\na = 1\n").is_err());
    }

    #[test]
    fn the_demo_newsroom_meets_its_brief() {
        let now = OffsetDateTime::now_utc();
        let all = articles(now).expect("demo articles parse");
        assert!(all.len() >= 60, "only {} articles", all.len());
        let slugs: HashSet<_> = all.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs.len(), all.len(), "duplicate slugs");
        let mut per_leaf: HashMap<&str, usize> = HashMap::new();
        for a in &all {
            *per_leaf.entry(a.category_path.as_str()).or_default() += 1;
        }
        let mut leaf_paths = Vec::new();
        leaves(CATEGORIES, "", &mut leaf_paths);
        for leaf in &leaf_paths {
            assert!(
                per_leaf.get(leaf.as_str()).copied().unwrap_or(0) >= 2,
                "leaf {leaf} has fewer than two articles"
            );
        }
        assert!(all.iter().filter(|a| a.lang == "ar").count() >= 8);
        let recent = all
            .iter()
            .filter(|a| now.unix_timestamp() - a.published_at < 48 * 3600)
            .count();
        assert!(recent >= 3, "only {recent} within 48 hours");
        let eight_months = 8 * 31 * 86_400;
        assert!(all
            .iter()
            .filter(|a| a.slug != "lavrov-to-visit-china-april-8-9")
            .all(|a| now.unix_timestamp() - a.published_at <= eight_months));
        let lavrov = all
            .iter()
            .find(|a| a.slug == "lavrov-to-visit-china-april-8-9")
            .expect("Lavrov story");
        assert_eq!(lavrov.category_path, "world/europe/ukraine");
        for a in &all {
            let words = crate::server::text::word_count(&a.body_md);
            assert!(words >= 150, "{} has only {words} words", a.slug);
            assert!(!a.body_md.to_lowercase().contains("lorem ipsum"));
        }
    }
}
