//! A city seen from across the water or the street: towers, a parliament's dome, a tree-lined
//! avenue or a terrace of houses, at a time of day.

use super::super::canvas::{ellipse, polygon, radial, rect, rounded, vertical, Canvas, Rgb, H, W};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{clouds, haze, sky, stars, sun, water, Light, TimeOfDay};

/// What stands in front of the skyline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum City {
    /// Towers behind a river.
    Towers,
    /// A domed parliament among the towers.
    Parliament,
    /// An avenue lined with young trees.
    Avenue,
    /// A terrace of houses with pitched roofs.
    Houses,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: City) -> Caption {
    let time = TimeOfDay::any(rng);
    let light = time.light();
    let horizon = H * 0.7;
    sky(c, &light, horizon);
    if time == TimeOfDay::Night {
        stars(c, rng, 120, horizon * 0.7);
    }
    let sun_x = rng.range(W * 0.15, W * 0.85);
    let sun_y = match time {
        TimeOfDay::Morning | TimeOfDay::Night => rng.range(H * 0.14, H * 0.26),
        _ => rng.range(H * 0.42, H * 0.55),
    };
    sun(c, time, sun_x, sun_y, 46.0);
    clouds(
        c,
        rng,
        light.horizon.mix(light.sun, 0.4),
        0.22,
        4,
        H * 0.12,
        H * 0.45,
    );

    // Three rows of buildings, far to near, each fading less into the haze.
    let river = kind == City::Towers;
    let ground = if river { H * 0.72 } else { H * 0.8 };
    skyline_row(
        c,
        rng,
        &light,
        time,
        Row {
            ground,
            heights: (90.0, 240.0),
            fade: 0.75,
            near: false,
        },
    );
    haze(c, &light, ground, 160.0, 0.55);
    if kind == City::Parliament {
        skyline_row(
            c,
            rng,
            &light,
            time,
            Row {
                ground,
                heights: (160.0, 330.0),
                fade: 0.4,
                near: true,
            },
        );
        let lit = matches!(time, TimeOfDay::Dusk | TimeOfDay::Night);
        dome(c, &light, lit, W * rng.range(0.38, 0.62), ground);
    } else {
        skyline_row(
            c,
            rng,
            &light,
            time,
            Row {
                ground,
                heights: (180.0, 400.0),
                fade: 0.4,
                near: true,
            },
        );
    }
    let detail = match kind {
        City::Towers => {
            water(c, rng, &light, ground, sun_x);
            Caption::new("towers above a river", "أبراج تطل على نهر")
        }
        City::Parliament => {
            street(c, &light, ground);
            Caption::new(
                "the dome of a parliament building between office towers",
                "قبة مبنى البرلمان بين الأبراج",
            )
        }
        City::Avenue => {
            street(c, &light, ground);
            trees(c, rng, &light, ground);
            Caption::new(
                "a ring road lined with rows of young trees",
                "طريق دائري تصطف على جانبيه أشجار فتية",
            )
        }
        City::Houses => {
            houses(c, rng, &light, time);
            Caption::new(
                "a terrace of houses with pitched roofs and chimneys in front of the towers",
                "صف من البيوت بأسقف مائلة ومداخن أمام الأبراج",
            )
        }
    };
    let (when, sky_words) = (time.words(), time.sky_words());
    Caption::new(
        format!("a city skyline {}, {} {}", when.en, detail.en, sky_words.en),
        format!("أفق مدينة {}، {} {}", when.ar, detail.ar, sky_words.ar),
    )
}

/// A row of buildings: where it stands, how tall its blocks are, how far (0 to 1) it fades
/// into the haze, and whether it is the near row, with windows.
struct Row {
    ground: f32,
    heights: (f32, f32),
    fade: f32,
    near: bool,
}

fn skyline_row(c: &mut Canvas, rng: &mut Rng, light: &Light, time: TimeOfDay, row: Row) {
    let Row {
        ground,
        heights,
        fade,
        near,
    } = row;
    let base = light.ink.mix(light.haze, fade);
    let mut x = rng.range(-80.0, -10.0);
    while x < W {
        let w = rng.range(60.0, 150.0) - if near { 10.0 } else { 0.0 };
        let h = rng.range(heights.0, heights.1);
        let top = ground - h;
        let face = base.mix(light.top, rng.range(0.0, 0.15));
        c.shade(
            rect(x, top, w, h + 2.0),
            vertical(
                top,
                ground,
                &[
                    (0.0, face.mix(light.horizon, 0.12).color()),
                    (1.0, face.color()),
                ],
            ),
        );
        // The shaded side gives the block depth.
        c.fill(
            rect(x + w * 0.68, top, w * 0.32, h + 2.0),
            face.mix(light.ink, 0.3).alpha(0.6),
        );
        match rng.below(4) {
            0 => c.fill(rect(x + w * 0.45, top - 40.0, 4.0, 40.0), face.color()),
            1 => c.fill(rect(x + w * 0.15, top - 22.0, w * 0.7, 22.0), face.color()),
            2 => c.fill(
                polygon(&[(x, top), (x + w, top), (x + w * 0.5, top - w * 0.35)]),
                face.color(),
            ),
            _ => {}
        }
        if near {
            windows(c, rng, light, time, face, (x, top, w, h));
        }
        x += w + rng.range(-20.0, 18.0);
    }
}

/// A grid of windows on a facade (`x`, `top`, width, height): lit at dusk and night, glinting
/// by day.
fn windows(
    c: &mut Canvas,
    rng: &mut Rng,
    light: &Light,
    time: TimeOfDay,
    face: Rgb,
    facade: (f32, f32, f32, f32),
) {
    let (x, top, w, h) = facade;
    let (cols, rows) = (((w - 16.0) / 18.0) as usize, ((h - 20.0) / 26.0) as usize);
    let lit_share = match time {
        TimeOfDay::Night => 0.45,
        TimeOfDay::Dusk => 0.3,
        _ => 0.0,
    };
    for r in 0..rows {
        for col in 0..cols {
            let (wx, wy) = (x + 10.0 + col as f32 * 18.0, top + 14.0 + r as f32 * 26.0);
            let colour = if rng.chance(lit_share) {
                light.lamp.alpha(rng.range(0.55, 0.9))
            } else {
                face.mix(light.horizon, 0.3).alpha(0.35)
            };
            c.fill(rect(wx, wy, 9.0, 13.0), colour);
        }
    }
}

/// A parliament: a colonnaded front, a drum and a dome with a lantern.
/// When `lit`, floodlights pick the building out of the dark.
fn dome(c: &mut Canvas, light: &Light, lit: bool, cx: f32, ground: f32) {
    let mut stone = light.ink.mix(light.haze, 0.15).mix(light.horizon, 0.12);
    if lit {
        c.glow(cx, ground - 200.0, 420.0, light.lamp, 0.35);
        stone = light.haze.mix(light.lamp, 0.45);
    }
    let shade = stone.mix(light.ink, 0.35);
    let (w, h) = (460.0, 120.0);
    c.fill(rect(cx - w / 2.0, ground - h, w, h), stone.color());
    c.fill(
        polygon(&[
            (cx - 130.0, ground - h),
            (cx + 130.0, ground - h),
            (cx, ground - h - 55.0),
        ]),
        stone.color(),
    );
    for i in 0..9 {
        let x = cx - 150.0 + i as f32 * 37.0;
        c.fill(
            rect(x, ground - h + 18.0, 12.0, h - 26.0),
            shade.alpha(0.55),
        );
    }
    // The drum with its windows, then the dome over it and the lantern on top.
    let drum_top = ground - h - 130.0;
    c.fill(rect(cx - 100.0, drum_top, 200.0, 80.0), stone.color());
    for i in 0..7 {
        c.fill(
            rounded(
                cx - 84.0 + i as f32 * 26.0,
                drum_top + 14.0,
                12.0,
                50.0,
                6.0,
            ),
            shade.alpha(0.55),
        );
    }
    c.fill(
        rect(cx - 112.0, drum_top - 10.0, 224.0, 12.0),
        shade.color(),
    );
    let mut cupola = tiny_skia::PathBuilder::new();
    cupola.move_to(cx - 110.0, drum_top - 8.0);
    cupola.cubic_to(
        cx - 110.0,
        drum_top - 170.0,
        cx + 110.0,
        drum_top - 170.0,
        cx + 110.0,
        drum_top - 8.0,
    );
    cupola.close();
    c.shade(
        cupola.finish(),
        radial(
            cx - 40.0,
            drum_top - 110.0,
            180.0,
            &[
                (0.0, stone.mix(Rgb::hex(0xffffff), 0.15).color()),
                (1.0, shade.color()),
            ],
        ),
    );
    for k in [-60.0, -20.0, 20.0, 60.0] {
        c.stroke(
            super::super::canvas::curve(&[
                (cx + k * 1.6, drum_top - 8.0),
                (cx + k * 1.2, drum_top - 95.0),
                (cx + k * 0.3, drum_top - 128.0),
            ]),
            shade.alpha(0.5),
            3.0,
        );
    }
    c.fill(rect(cx - 14.0, drum_top - 170.0, 28.0, 46.0), stone.color());
    c.fill(
        polygon(&[
            (cx - 18.0, drum_top - 170.0),
            (cx + 18.0, drum_top - 170.0),
            (cx, drum_top - 200.0),
        ]),
        stone.color(),
    );
}

/// A pavement and road in front of the buildings.
fn street(c: &mut Canvas, light: &Light, ground: f32) {
    let road = light.ink.mix(light.haze, 0.25);
    c.fill(rect(0.0, ground, W, H - ground), road.color());
    c.fill(
        rect(0.0, ground, W, 8.0),
        light.horizon.mix(road, 0.6).alpha(0.6),
    );
    for i in 0..12 {
        c.fill(
            rect(i as f32 * 150.0 + 20.0, ground + 70.0, 80.0, 6.0),
            light.horizon.alpha(0.35),
        );
    }
}

/// Rows of round trees along the street, smaller into the distance.
fn trees(c: &mut Canvas, rng: &mut Rng, light: &Light, ground: f32) {
    let leaf = Rgb::hex(0x4f7a5a).mix(light.ink, 0.35);
    for i in 0..11 {
        let x = 40.0 + i as f32 * 155.0 + rng.range(-10.0, 10.0);
        let r = rng.range(48.0, 62.0);
        let y = ground + 10.0;
        c.fill(rect(x - 5.0, y - 30.0, 10.0, 60.0), light.ink.color());
        c.fill(ellipse(x, y - 30.0 - r, r * 0.9, r), leaf.color());
        c.fill(
            ellipse(x - r * 0.3, y - 40.0 - r * 1.2, r * 0.5, r * 0.45),
            leaf.mix(light.sun, 0.25).alpha(0.6),
        );
        c.fill(ellipse(x, y + 32.0, r * 0.9, 8.0), light.ink.alpha(0.3));
    }
}

/// A terrace of houses in calm colours across the foreground.
fn houses(c: &mut Canvas, rng: &mut Rng, light: &Light, time: TimeOfDay) {
    let paints = [0xc9b79c, 0x9fb3b0, 0xb88f7d, 0xd8cfc0, 0x8d9fb8, 0xc2a15f];
    let ground = H * 0.96;
    c.fill(rect(0.0, ground, W, H - ground), light.ink.color());
    let mut x = -30.0;
    while x < W {
        let (w, h) = (rng.range(150.0, 210.0), rng.range(170.0, 230.0));
        let wall = Rgb::hex(*rng.pick(&paints))
            .mix(light.ink, if time == TimeOfDay::Night { 0.6 } else { 0.25 });
        let top = ground - h;
        c.fill(rect(x, top, w, h), wall.color());
        let roof = Rgb::hex(0x5a4a4a).mix(light.ink, 0.4);
        c.fill(
            polygon(&[
                (x - 8.0, top),
                (x + w + 8.0, top),
                (x + w * 0.5, top - 70.0),
            ]),
            roof.color(),
        );
        c.fill(rect(x + w * 0.72, top - 70.0, 18.0, 45.0), roof.color());
        let glass = if time == TimeOfDay::Night || time == TimeOfDay::Dusk {
            light.lamp.alpha(0.8)
        } else {
            light.horizon.mix(light.water, 0.4).alpha(0.9)
        };
        for (dx, dy) in [(0.2, 0.18), (0.6, 0.18), (0.2, 0.58)] {
            c.fill(
                rounded(x + w * dx, top + h * dy, w * 0.22, h * 0.22, 3.0),
                glass,
            );
        }
        c.fill(
            rounded(x + w * 0.6, top + h * 0.55, w * 0.22, h * 0.45, 4.0),
            wall.mix(light.ink, 0.5).color(),
        );
        x += w;
    }
}
