//! Which scene fits an article: its slug, tags and category read as words, matched against a
//! list of subjects (first match wins), then the category's own scene.

use super::scenes::{
    Chart, City, Clinic, Garden, Harbour, Industry, Lab, Land, Map, Motif, Pitch, Reef, Road,
    Scene, Screen, Shelves, Stars, Table, Textile, Trend, Weather,
};
use crate::server::store::NewArticle;
use std::collections::HashSet;

const fn chart(trend: Trend, motif: Motif) -> Scene {
    Scene::Chart(Chart { trend, motif })
}

/// Subjects by the words that name them, most specific first.
const SUBJECTS: &[(&[&str], Scene)] = &[
    (&["typhoon"], Scene::Weather(Weather::Typhoon)),
    (&["snowstorm"], Scene::Weather(Weather::Snow)),
    (&["gales", "flooding"], Scene::Weather(Weather::Flood)),
    (&["bushfires", "grassfire"], Scene::Land(Land::DryGrass)),
    (&["depot"], Scene::Industry(Industry::DepotFire)),
    (&["wind"], Scene::Land(Land::Turbines)),
    (&["power"], Scene::Industry(Industry::Pylons)),
    (&["solar", "desalination"], Scene::Land(Land::Solar)),
    (&["copper", "mining"], Scene::Land(Land::Mine)),
    (&["olive"], Scene::Land(Land::Olive)),
    (&["maple"], Scene::Land(Land::Maple)),
    (&["tea"], Scene::Land(Land::Tea)),
    (&["demining"], Scene::Land(Land::Wheat)),
    (&["amazon"], Scene::Land(Land::River)),
    (&["reservoirs"], Scene::Land(Land::Reservoir)),
    (&["sediment", "archaeology"], Scene::Land(Land::Strata)),
    (&["sleeper"], Scene::Land(Land::NightTrain)),
    (&["walking"], Scene::Land(Land::WalkPath)),
    (&["coral", "reef"], Scene::Reef(Reef::Coral)),
    (&["plastic", "plastics"], Scene::Reef(Reef::Deep)),
    (&["oil", "naft"], chart(Trend::Falling, Motif::Barrels)),
    (
        &["stablecoin", "stablecoins"],
        chart(Trend::Rising, Motif::Coins),
    ),
    (&["crypto"], chart(Trend::Falling, Motif::Coins)),
    (
        &["mortgage", "mortgages"],
        chart(Trend::Falling, Motif::Houses),
    ),
    (&["etfs"], chart(Trend::Rising, Motif::Candles)),
    (
        &["pension", "pensions", "sukuk"],
        chart(Trend::Rising, Motif::Plain),
    ),
    (&["deficits"], chart(Trend::Falling, Motif::Plain)),
    (
        &["shipping", "containers"],
        Scene::Harbour(Harbour::Containers),
    ),
    (&["ferries", "ferry"], Scene::Harbour(Harbour::Ferry)),
    (
        &["lobster", "fisheries"],
        Scene::Harbour(Harbour::FishingBoats),
    ),
    (&["oyster", "seafood"], Scene::Harbour(Harbour::Oysters)),
    (&["erosion"], Scene::Harbour(Harbour::SeaWall)),
    (
        &["migrants", "lampedusa"],
        Scene::Harbour(Harbour::Lifeboat),
    ),
    (&["cable"], Scene::Map(Map::Cable)),
    (&["fiber", "fibre", "broadband"], Scene::Map(Map::Network)),
    (&["aegean", "island", "islands"], Scene::Map(Map::Islands)),
    (&["trabzon", "tourism"], Scene::Map(Map::Coast)),
    (
        &["passwords", "passkeys", "cybersecurity"],
        Scene::Lab(Lab::Circuit),
    ),
    (&["batteries", "lithium"], Scene::Lab(Lab::Battery)),
    (&["eye", "diabetics"], Scene::Clinic(Clinic::Retina)),
    (&["coffee", "roasteries"], Scene::Table(Table::Coffee)),
    (&["recipe"], Scene::Table(Table::RecipeCards)),
    (&["cider", "apple"], Scene::Table(Table::Cider)),
    (&["trucks", "humanitarian"], Scene::Road(Road::Convoy)),
    (&["return", "reconstruction"], Scene::Road(Road::Village)),
    (&["diplomacy"], Scene::Table(Table::Conference)),
    (&["referendum", "voter", "elections"], Scene::Ballot),
    (&["parliament"], Scene::City(City::Parliament)),
    (&["housing", "homes", "rent"], Scene::City(City::Houses)),
    (&["trees", "urban"], Scene::City(City::Avenue)),
    (&["reading"], Scene::Table(Table::Reading)),
    (&["bookshops", "books"], Scene::Shelves(Shelves::Books)),
    (&["tailors", "mending"], Scene::Textile(Textile::Mending)),
    (&["wool", "textiles"], Scene::Textile(Textile::Wool)),
    (&["film"], Scene::Screen(Screen::Cinema)),
    (
        &["television", "streaming"],
        Scene::Screen(Screen::Television),
    ),
    (&["horoscope"], Scene::Stars(Stars::Newspaper)),
    (&["tortoise"], Scene::Garden(Garden::Greenhouse)),
    (&["pumpkin"], Scene::Garden(Garden::Pumpkin)),
    (&["stadiums", "penalties"], Scene::Pitch(Pitch::Floodlit)),
    (
        &["manufacturing", "labour"],
        Scene::Industry(Industry::Factory),
    ),
    (
        &["agriculture", "harvest", "farming"],
        Scene::Land(Land::Wheat),
    ),
];

/// Each category's own scene, for an article no subject names; checked from the leaf up.
const CATEGORIES: &[(&str, Scene)] = &[
    ("soccer", Scene::Pitch(Pitch::Above)),
    ("sports", Scene::Pitch(Pitch::Above)),
    ("crypto", chart(Trend::Rising, Motif::Coins)),
    ("small-business", Scene::Shelves(Shelves::Shopfronts)),
    ("business", chart(Trend::Rising, Motif::Candles)),
    ("science", Scene::Lab(Lab::Atom)),
    ("technology", Scene::Lab(Lab::Circuit)),
    ("health", Scene::Clinic(Clinic::Pulse)),
    ("fashion", Scene::Textile(Textile::Mending)),
    ("food-drink", Scene::Table(Table::Meal)),
    ("travel", Scene::Map(Map::Islands)),
    ("astrology", Scene::Stars(Stars::Wheel)),
    ("weird-news", Scene::Garden(Garden::Pumpkin)),
    ("viral-trends", Scene::Shelves(Shelves::Books)),
    ("entertainment", Scene::Screen(Screen::Television)),
    ("elections", Scene::Ballot),
    ("politics", Scene::City(City::Parliament)),
];

/// The scene for `article`.
pub fn scene_for(article: &NewArticle) -> Scene {
    let words = words_of(article);
    for (names, scene) in SUBJECTS {
        if names.iter().any(|n| words.contains(*n)) {
            return *scene;
        }
    }
    for segment in article.category_path.rsplit('/') {
        if let Some((_, scene)) = CATEGORIES.iter().find(|(c, _)| *c == segment) {
            return *scene;
        }
    }
    Scene::City(City::Towers)
}

/// The article's slug and tags as lower-case words.
fn words_of(article: &NewArticle) -> HashSet<String> {
    let mut words: HashSet<String> = article.slug.split('-').map(str::to_string).collect();
    for tag in &article.tags {
        words.extend(
            tag.split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, category: &str, tags: &[&str]) -> NewArticle {
        NewArticle {
            slug: slug.into(),
            title: String::new(),
            dek: String::new(),
            body_md: String::new(),
            lang: "en".into(),
            category_path: category.into(),
            author_slug: String::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            published_at: 0,
            updated_at: 0,
            featured: false,
            editors_pick: false,
            views: 0,
            translation_key: None,
        }
    }

    #[test]
    fn a_subject_named_in_the_tags_wins_over_the_category() {
        let a = article("some-story", "world/europe/germany", &["Wind Power"]);
        assert_eq!(scene_for(&a), Scene::Land(Land::Turbines));
    }

    #[test]
    fn a_story_no_subject_names_gets_its_nearest_categorys_scene() {
        let a = article("cup-upset", "sports/soccer", &["Football"]);
        assert_eq!(scene_for(&a), Scene::Pitch(Pitch::Above));
        let b = article("a-quiet-day", "business/investing", &[]);
        assert_eq!(scene_for(&b), chart(Trend::Rising, Motif::Candles));
    }

    #[test]
    fn a_story_nothing_names_gets_a_city_skyline() {
        let a = article("something-happened", "news", &["Nothing"]);
        assert_eq!(scene_for(&a), Scene::City(City::Towers));
    }

    #[test]
    fn words_match_whole_not_inside_other_words() {
        // "lithuania" must not read as "lithium", nor "steam" as "tea".
        let a = article(
            "lithuania-fines-exchange",
            "business/crypto",
            &["Regulation"],
        );
        assert_eq!(scene_for(&a), chart(Trend::Rising, Motif::Coins));
        let b = article("steam-rises", "news", &[]);
        assert_eq!(scene_for(&b), Scene::City(City::Towers));
    }
}
