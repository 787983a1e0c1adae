//! The demo newsroom's category tree.

/// (slug, name, description, children)
pub struct Node(
    pub &'static str,
    pub &'static str,
    pub &'static str,
    pub &'static [Node],
);

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
