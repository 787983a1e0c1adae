//! The kinds of scene a demo article's picture can be: each draws itself on the canvas and says
//! what it drew.

mod ballot;
mod chart;
mod city;
mod clinic;
mod garden;
mod harbour;
mod industry;
mod lab;
mod land;
mod map;
mod pitch;
mod reef;
mod road;
mod screen;
mod shelves;
mod stars;
mod table;
mod textile;
mod weather;

pub use chart::{Chart, Motif, Trend};
pub use city::City;
pub use clinic::Clinic;
pub use garden::Garden;
pub use harbour::Harbour;
pub use industry::Industry;
pub use lab::Lab;
pub use land::Land;
pub use map::Map;
pub use pitch::Pitch;
pub use reef::Reef;
pub use road::Road;
pub use screen::Screen;
pub use shelves::Shelves;
pub use stars::Stars;
pub use table::Table;
pub use textile::Textile;
pub use weather::Weather;

use super::canvas::Canvas;
use super::caption::Caption;
use super::rng::Rng;

/// A kind of scene with its variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scene {
    Ballot,
    Chart(Chart),
    City(City),
    Clinic(Clinic),
    Garden(Garden),
    Harbour(Harbour),
    Industry(Industry),
    Lab(Lab),
    Land(Land),
    Map(Map),
    Pitch(Pitch),
    Reef(Reef),
    Road(Road),
    Screen(Screen),
    Shelves(Shelves),
    Stars(Stars),
    Table(Table),
    Textile(Textile),
    Weather(Weather),
}

impl Scene {
    /// Draws the scene, its details chosen by `rng`, and describes what it drew.
    pub fn draw(self, c: &mut Canvas, rng: &mut Rng) -> Caption {
        match self {
            Scene::Ballot => ballot::draw(c, rng),
            Scene::Chart(kind) => chart::draw(c, rng, kind),
            Scene::City(kind) => city::draw(c, rng, kind),
            Scene::Clinic(kind) => clinic::draw(c, rng, kind),
            Scene::Garden(kind) => garden::draw(c, rng, kind),
            Scene::Harbour(kind) => harbour::draw(c, rng, kind),
            Scene::Industry(kind) => industry::draw(c, rng, kind),
            Scene::Lab(kind) => lab::draw(c, rng, kind),
            Scene::Land(kind) => land::draw(c, rng, kind),
            Scene::Map(kind) => map::draw(c, rng, kind),
            Scene::Pitch(kind) => pitch::draw(c, rng, kind),
            Scene::Reef(kind) => reef::draw(c, rng, kind),
            Scene::Road(kind) => road::draw(c, rng, kind),
            Scene::Screen(kind) => screen::draw(c, rng, kind),
            Scene::Shelves(kind) => shelves::draw(c, rng, kind),
            Scene::Stars(kind) => stars::draw(c, rng, kind),
            Scene::Table(kind) => table::draw(c, rng, kind),
            Scene::Textile(kind) => textile::draw(c, rng, kind),
            Scene::Weather(kind) => weather::draw(c, rng, kind),
        }
    }
}
