//! The waterside: a container port, a ferry crossing a bay, fishing boats at a jetty, oyster
//! tables at low tide, a sea wall with beached pirogues, a lifeboat off a lighthouse.
//!
//! Over 400 lines of drawing: one function per scene, shape after shape, read one scene at a
//! time; no logic here is shared with another file.

use super::super::canvas::{
    blob, ellipse, line, polygon, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{clouds, haze, sky, stars, sun, water, Light, TimeOfDay};

/// What the harbour holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Harbour {
    Containers,
    Ferry,
    FishingBoats,
    Oysters,
    SeaWall,
    Lifeboat,
}

const CONTAINER_PAINTS: [u32; 6] = [0xa85a4a, 0x4f6f8f, 0x4f8a83, 0xc59a4a, 0x7d7f86, 0x8a5f7d];

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Harbour) -> Caption {
    let time = if kind == Harbour::Oysters {
        TimeOfDay::daylight(rng)
    } else {
        TimeOfDay::any(rng)
    };
    let light = time.light();
    let horizon = H * 0.56;
    sky(c, &light, horizon);
    if time == TimeOfDay::Night {
        stars(c, rng, 90, horizon * 0.8);
    }
    let sun_x = rng.range(W * 0.2, W * 0.8);
    let sun_y = match time {
        TimeOfDay::Morning | TimeOfDay::Night => rng.range(H * 0.12, H * 0.22),
        _ => rng.range(H * 0.36, H * 0.46),
    };
    sun(c, time, sun_x, sun_y, 40.0);
    clouds(
        c,
        rng,
        light.horizon.mix(light.sun, 0.4),
        0.35,
        3,
        H * 0.1,
        H * 0.35,
    );
    far_shore(c, rng, &light, time, horizon);
    haze(c, &light, horizon, 60.0, 0.5);
    water(c, rng, &light, horizon, sun_x);
    let what = match kind {
        Harbour::Containers => {
            containers(c, rng, &light);
            Caption::new(
                "a container port, gantry cranes leaning over a ship stacked with coloured boxes",
                "ميناء حاويات، رافعات عملاقة فوق سفينة محمّلة بحاويات ملوّنة",
            )
        }
        Harbour::Ferry => {
            ferry(c, &light, time, rng.range(W * 0.3, W * 0.6), H * 0.72);
            Caption::new(
                "a ferry crossing a wide bay towards the lights of the far shore",
                "عبّارة تعبر خليجاً واسعاً نحو أضواء الضفة المقابلة",
            )
        }
        Harbour::FishingBoats => {
            jetty(c, rng, &light);
            Caption::new(
                "small fishing boats moored at a wooden jetty stacked with lobster traps",
                "قوارب صيد صغيرة راسية عند رصيف خشبي تتكدس عليه أقفاص الكركند",
            )
        }
        Harbour::Oysters => {
            oyster_flats(c, rng, &light);
            Caption::new(
                "rows of oyster tables standing on the sand of a bay at low tide",
                "صفوف من طاولات تربية المحار على رمال خليج عند الجزر",
            )
        }
        Harbour::SeaWall => {
            sea_wall(c, rng, &light);
            Caption::new(
                "a rock sea wall holding back the waves, painted fishing pirogues drawn up behind it",
                "حاجز صخري يصد الأمواج وخلفه قوارب صيد خشبية ملوّنة",
            )
        }
        Harbour::Lifeboat => {
            lifeboat(c, rng, &light, time);
            Caption::new(
                "an orange rescue boat heading for a harbour breakwater and its lighthouse",
                "قارب إنقاذ برتقالي يتجه نحو حاجز الميناء ومنارته",
            )
        }
    };
    let when = time.words();
    Caption::new(
        format!("{} {}", what.en, when.en),
        format!("{} {}", what.ar, when.ar),
    )
}

/// Low hills and a town along the horizon.
fn far_shore(c: &mut Canvas, rng: &mut Rng, light: &Light, time: TimeOfDay, horizon: f32) {
    let hill = light.haze.mix(light.ink, 0.3);
    let mut points = Vec::new();
    for i in 0..=20 {
        points.push((i as f32 * 80.0 - 20.0, horizon - rng.range(10.0, 70.0)));
    }
    c.fill(
        super::super::canvas::ridge(&points, horizon + 2.0),
        hill.color(),
    );
    let town = hill.mix(light.ink, 0.2);
    let mut x = rng.range(0.0, 200.0);
    while x < W {
        let (w, h) = (rng.range(14.0, 40.0), rng.range(10.0, 45.0));
        c.fill(rect(x, horizon - h, w, h + 1.0), town.color());
        if time == TimeOfDay::Night || time == TimeOfDay::Dusk {
            c.fill(
                rect(x + w * 0.3, horizon - h * 0.6, 3.0, 3.0),
                light.lamp.alpha(0.9),
            );
        }
        x += w + rng.range(0.0, 60.0);
    }
}

fn containers(c: &mut Canvas, rng: &mut Rng, light: &Light) {
    let quay_top = H * 0.82;
    let dark = light.ink;
    // The ship along the quay: hull, then rows of containers on deck.
    let (x0, x1, deck) = (W * 0.08, W * 0.78, H * 0.7);
    c.fill(
        polygon(&[
            (x0, deck),
            (x1 + 60.0, deck),
            (x1, quay_top + 10.0),
            (x0 + 40.0, quay_top + 10.0),
        ]),
        Rgb::hex(0x2f3b4c).mix(dark, 0.3).color(),
    );
    c.fill(
        rect(x0 + 10.0, deck + 14.0, x1 - x0 + 30.0, 10.0),
        Rgb::hex(0xa85a4a).mix(dark, 0.3).color(),
    );
    c.fill(
        rect(x1 - 90.0, deck - 150.0, 80.0, 150.0),
        Rgb::hex(0xe6e1d6).mix(dark, 0.25).color(),
    );
    for k in 0..4 {
        c.fill(
            rect(x1 - 80.0, deck - 135.0 + k as f32 * 30.0, 60.0, 9.0),
            dark.alpha(0.5),
        );
    }
    let (bw, bh) = (58.0, 30.0);
    let mut x = x0 + 30.0;
    while x < x1 - 120.0 {
        let tiers = 2 + rng.below(3);
        for t in 0..tiers {
            container(c, rng, light, x, deck - (t + 1) as f32 * bh, bw, bh);
        }
        x += bw + 2.0;
    }
    // Quay and cranes.
    c.fill(
        rect(0.0, quay_top, W, H - quay_top),
        dark.mix(light.haze, 0.2).color(),
    );
    c.fill(rect(0.0, quay_top, W, 6.0), light.horizon.alpha(0.35));
    let steel = Rgb::hex(0x3d5a73).mix(dark, 0.35);
    for i in 0..3 {
        let cx = W * (0.2 + 0.25 * i as f32) + rng.range(-30.0, 30.0);
        crane(c, steel, cx, quay_top, H * 0.18);
    }
    // Stacks on the quay in front.
    let mut x = W * 0.82;
    while x < W {
        for t in 0..3 {
            container(c, rng, light, x, H * 0.95 - (t + 1) as f32 * bh, bw, bh);
        }
        x += bw + 2.0;
    }
}

fn container(c: &mut Canvas, rng: &mut Rng, light: &Light, x: f32, y: f32, w: f32, h: f32) {
    let paint = Rgb::hex(*rng.pick(&CONTAINER_PAINTS)).mix(light.ink, 0.3);
    c.fill(rect(x, y, w, h - 2.0), paint.color());
    for k in 1..6 {
        c.fill(
            rect(x + k as f32 * w / 6.0, y + 3.0, 2.0, h - 8.0),
            light.ink.alpha(0.25),
        );
    }
}

/// A ship-to-shore gantry crane: two legs on the quay and a boom out over the water.
fn crane(c: &mut Canvas, steel: Rgb, x: f32, quay: f32, top: f32) {
    let col = steel.color();
    c.stroke(line(x - 50.0, quay, x - 30.0, top), col, 12.0);
    c.stroke(line(x + 50.0, quay, x + 30.0, top), col, 12.0);
    c.stroke(
        line(x - 45.0, quay - 120.0, x + 45.0, quay - 120.0),
        col,
        10.0,
    );
    c.fill(rect(x - 160.0, top + 20.0, 360.0, 18.0), col);
    c.stroke(line(x - 30.0, top, x + 120.0, top + 22.0), col, 5.0);
    c.stroke(line(x - 30.0, top, x - 150.0, top + 22.0), col, 5.0);
    c.fill(rect(x - 40.0, top - 30.0, 80.0, 34.0), col);
    c.stroke(
        line(x - 110.0, top + 38.0, x - 110.0, top + 150.0),
        steel.alpha(0.8),
        2.0,
    );
    c.fill(rect(x - 125.0, top + 150.0, 30.0, 12.0), col);
}

fn ferry(c: &mut Canvas, light: &Light, time: TimeOfDay, x: f32, y: f32) {
    let hull = Rgb::hex(0xe9e4da).mix(light.ink, 0.25);
    // The wake spreads behind.
    for k in 0..3 {
        let dy = 8.0 + k as f32 * 10.0;
        c.stroke(
            line(x - 20.0, y + 5.0, x - 420.0 - k as f32 * 60.0, y + dy),
            light.sun.alpha(0.35 - k as f32 * 0.08),
            4.0,
        );
    }
    c.fill(
        polygon(&[
            (x - 220.0, y - 40.0),
            (x + 250.0, y - 40.0),
            (x + 210.0, y + 20.0),
            (x - 200.0, y + 20.0),
        ]),
        hull.color(),
    );
    c.fill(
        rect(x - 215.0, y - 8.0, 445.0, 14.0),
        Rgb::hex(0x2f5a7a).mix(light.ink, 0.2).color(),
    );
    c.fill(
        rounded(x - 160.0, y - 100.0, 330.0, 62.0, 10.0),
        hull.mix(light.sun, 0.1).color(),
    );
    c.fill(
        rounded(x - 100.0, y - 145.0, 200.0, 48.0, 10.0),
        hull.color(),
    );
    let glass = if matches!(time, TimeOfDay::Dusk | TimeOfDay::Night) {
        light.lamp.alpha(0.9)
    } else {
        light.ink.alpha(0.55)
    };
    for k in 0..11 {
        c.fill(
            rounded(x - 145.0 + k as f32 * 28.0, y - 85.0, 18.0, 16.0, 3.0),
            glass,
        );
    }
    for k in 0..6 {
        c.fill(
            rounded(x - 85.0 + k as f32 * 29.0, y - 133.0, 18.0, 14.0, 3.0),
            glass,
        );
    }
    c.fill(
        rect(x + 40.0, y - 190.0, 34.0, 50.0),
        Rgb::hex(0xb8574a).mix(light.ink, 0.2).color(),
    );
    c.fill(ellipse(x, y + 26.0, 240.0, 8.0), light.ink.alpha(0.25));
}

fn jetty(c: &mut Canvas, rng: &mut Rng, light: &Light) {
    let wood = Rgb::hex(0x7a5c44).mix(light.ink, 0.35);
    let deck_y = H * 0.8;
    // Boats first, then the jetty in front of them.
    let paints = [0xb85a4a, 0x4f7f9a, 0xd9c9a8, 0x5f8a6a];
    for i in 0..3 {
        let bx = W * (0.15 + 0.3 * i as f32) + rng.range(-40.0, 40.0);
        let by = H * 0.7 + rng.range(-10.0, 10.0);
        let paint = Rgb::hex(paints[(i + rng.below(4)) % 4]).mix(light.ink, 0.25);
        c.fill(
            polygon(&[
                (bx - 130.0, by - 30.0),
                (bx + 150.0, by - 38.0),
                (bx + 110.0, by + 20.0),
                (bx - 110.0, by + 20.0),
            ]),
            paint.color(),
        );
        c.fill(
            rect(bx - 125.0, by - 34.0, 270.0, 8.0),
            Rgb::hex(0xf0ebe0).mix(light.ink, 0.2).color(),
        );
        c.fill(
            rounded(bx - 60.0, by - 95.0, 90.0, 60.0, 6.0),
            Rgb::hex(0xeeeae0).mix(light.ink, 0.2).color(),
        );
        c.fill(rect(bx - 45.0, by - 82.0, 60.0, 18.0), light.ink.alpha(0.5));
        c.stroke(
            line(bx + 60.0, by - 36.0, bx + 60.0, by - 230.0),
            light.ink.color(),
            5.0,
        );
        c.stroke(
            line(bx + 60.0, by - 200.0, bx + 150.0, by - 40.0),
            light.ink.alpha(0.6),
            2.0,
        );
        c.fill(ellipse(bx, by + 26.0, 140.0, 7.0), light.ink.alpha(0.25));
    }
    c.fill(
        rect(0.0, deck_y, W, 24.0),
        wood.mix(light.sun, 0.15).color(),
    );
    c.fill(
        rect(0.0, deck_y + 24.0, W, H - deck_y),
        wood.mix(light.ink, 0.4).color(),
    );
    for k in 0..16 {
        c.fill(
            rect(k as f32 * 104.0, deck_y + 24.0, 22.0, H),
            wood.mix(light.ink, 0.6).color(),
        );
    }
    // Lobster traps: slatted boxes, stacked.
    let mut x = W * 0.55;
    for _ in 0..5 {
        let tiers = 1 + rng.below(3);
        for t in 0..tiers {
            let y = deck_y - (t + 1) as f32 * 46.0;
            let net = Rgb::hex(0x9c7b4f).mix(light.sun, 0.1);
            c.fill(rounded(x, y, 90.0, 44.0, 6.0), net.alpha(0.55));
            for k in 0..5 {
                c.stroke(
                    line(
                        x + 8.0 + k as f32 * 19.0,
                        y + 4.0,
                        x + 8.0 + k as f32 * 19.0,
                        y + 40.0,
                    ),
                    wood.color(),
                    3.0,
                );
            }
            c.stroke(rounded(x, y, 90.0, 44.0, 6.0), wood.color(), 4.0);
        }
        x += 96.0;
    }
}

fn oyster_flats(c: &mut Canvas, rng: &mut Rng, light: &Light) {
    let flat_top = H * 0.62;
    let sand = Rgb::hex(0xc8b48f).mix(light.haze, 0.3);
    c.shade(
        rect(0.0, flat_top, W, H - flat_top),
        vertical(
            flat_top,
            H,
            &[
                (0.0, sand.mix(light.horizon, 0.4).color()),
                (1.0, sand.mix(light.ink, 0.2).color()),
            ],
        ),
    );
    // Pools left by the tide mirror the sky.
    for _ in 0..7 {
        let (x, y) = (rng.range(0.0, W), rng.range(flat_top + 30.0, H * 0.95));
        let s = (y - flat_top) / (H - flat_top);
        c.fill(
            blob(rng, x, y, 30.0 + 90.0 * s, 0.3, 4.0),
            light.horizon.mix(light.water, 0.3).alpha(0.8),
        );
    }
    // Rows of tables on legs, smaller towards the horizon.
    let rack = Rgb::hex(0x3b3a3f).mix(light.ink, 0.3);
    for row in 0..5 {
        let t = row as f32 / 4.0;
        let y = flat_top + 20.0 + (H * 0.32) * t * t + 40.0 * t;
        let scale = 0.3 + 0.9 * t;
        let mut x = -50.0 + rng.range(0.0, 60.0);
        while x < W {
            let (w, h) = (180.0 * scale, 22.0 * scale);
            c.fill(
                rect(x, y - h, w, h),
                rack.mix(light.haze, 0.4 * (1.0 - t)).color(),
            );
            for k in 0..4 {
                c.fill(
                    rect(x + k as f32 * w / 3.0 - 2.0, y, 4.0 * scale, 26.0 * scale),
                    rack.color(),
                );
            }
            for k in 0..6 {
                c.fill(
                    ellipse(
                        x + 15.0 * scale + k as f32 * w / 6.5,
                        y - h - 5.0 * scale,
                        12.0 * scale,
                        7.0 * scale,
                    ),
                    Rgb::hex(0x6d6a5e).mix(light.haze, 0.3 * (1.0 - t)).color(),
                );
            }
            x += w + 60.0 * scale;
        }
    }
}

fn sea_wall(c: &mut Canvas, rng: &mut Rng, light: &Light) {
    // Beach on the right, wall running down the middle, waves breaking on its left face.
    let sand = Rgb::hex(0xd1b98f).mix(light.haze, 0.25);
    c.fill(
        polygon(&[(W * 0.45, H * 0.58), (W, H * 0.56), (W, H), (W * 0.3, H)]),
        sand.color(),
    );
    let stone = Rgb::hex(0x6e6a66).mix(light.ink, 0.3);
    for i in 0..70 {
        let t = i as f32 / 70.0;
        let x = W * 0.47 - t * W * 0.22 + rng.range(-25.0, 25.0);
        let y = H * 0.58 + t * H * 0.42 + rng.range(-10.0, 10.0);
        let r = 18.0 + 48.0 * t;
        c.fill(
            blob(rng, x, y, r, 0.25, 1.3),
            stone.mix(light.sun, rng.range(0.0, 0.2)).color(),
        );
    }
    for i in 0..14 {
        let t = i as f32 / 14.0;
        let x = W * 0.4 - t * W * 0.25;
        let y = H * 0.6 + t * H * 0.38;
        c.fill(
            blob(rng, x, y, 14.0 + 40.0 * t, 0.4, 1.8),
            Rgb::hex(0xf4f1ea).alpha(0.6),
        );
    }
    let paints = [0x2f6f8f, 0xc9a23f, 0xb5523f, 0x3f8a5a];
    for i in 0..4 {
        let (x, y) = (W * (0.58 + 0.1 * i as f32), H * (0.7 + 0.06 * i as f32));
        let len = 110.0 + 30.0 * i as f32;
        let paint = Rgb::hex(paints[i]).mix(light.ink, 0.2);
        c.fill(
            polygon(&[
                (x - len, y - 30.0),
                (x + len, y - 36.0),
                (x + len * 0.8, y),
                (x - len * 0.8, y + 4.0),
            ]),
            paint.color(),
        );
        c.fill(
            rect(x - len * 0.85, y - 24.0, len * 1.7, 6.0),
            Rgb::hex(0xeeeae0).mix(light.ink, 0.1).color(),
        );
        c.fill(
            rect(x - len * 0.8, y - 14.0, len * 1.6, 5.0),
            Rgb::hex(paints[(i + 1) % 4]).mix(light.ink, 0.2).color(),
        );
        c.fill(ellipse(x, y + 8.0, len * 0.8, 6.0), light.ink.alpha(0.2));
    }
}

fn lifeboat(c: &mut Canvas, rng: &mut Rng, light: &Light, time: TimeOfDay) {
    let stone = Rgb::hex(0x5f5d5b).mix(light.ink, 0.35);
    c.fill(
        polygon(&[
            (W * 0.55, H * 0.6),
            (W, H * 0.58),
            (W, H * 0.68),
            (W * 0.55, H * 0.64),
        ]),
        stone.color(),
    );
    let (lx, ly) = (W * 0.62, H * 0.6);
    c.fill(
        polygon(&[
            (lx - 24.0, ly),
            (lx + 24.0, ly),
            (lx + 16.0, ly - 170.0),
            (lx - 16.0, ly - 170.0),
        ]),
        Rgb::hex(0xefeae0).mix(light.ink, 0.15).color(),
    );
    for k in 0..3 {
        c.fill(
            rect(
                lx - 22.0 + k as f32,
                ly - 40.0 - k as f32 * 50.0,
                44.0 - 2.0 * k as f32,
                18.0,
            ),
            Rgb::hex(0xb5483f).mix(light.ink, 0.15).color(),
        );
    }
    c.fill(rect(lx - 20.0, ly - 205.0, 40.0, 35.0), light.ink.color());
    let beam = if matches!(time, TimeOfDay::Night | TimeOfDay::Dusk) {
        0.9
    } else {
        0.5
    };
    c.glow(lx, ly - 190.0, 90.0, light.lamp, beam);
    c.fill(
        polygon(&[
            (lx - 24.0, ly - 210.0),
            (lx + 24.0, ly - 210.0),
            (lx, ly - 232.0),
        ]),
        light.ink.color(),
    );
    // The boat, bow lifted, throwing spray.
    let (bx, by) = (W * 0.3 + rng.range(-40.0, 40.0), H * 0.78);
    c.fill(
        polygon(&[
            (bx - 200.0, by - 30.0),
            (bx + 170.0, by - 60.0),
            (bx + 230.0, by - 80.0),
            (bx + 150.0, by + 20.0),
            (bx - 190.0, by + 20.0),
        ]),
        Rgb::hex(0xd9733f).mix(light.ink, 0.15).color(),
    );
    c.fill(
        rect(bx - 190.0, by - 2.0, 350.0, 12.0),
        light.ink.alpha(0.6),
    );
    c.fill(
        rounded(bx - 110.0, by - 120.0, 170.0, 85.0, 12.0),
        Rgb::hex(0xf0ebe2).mix(light.ink, 0.2).color(),
    );
    for k in 0..4 {
        c.fill(
            rounded(bx - 95.0 + k as f32 * 38.0, by - 105.0, 28.0, 24.0, 4.0),
            light.ink.alpha(0.6),
        );
    }
    c.stroke(
        line(bx - 20.0, by - 120.0, bx - 20.0, by - 180.0),
        light.ink.color(),
        5.0,
    );
    for k in 0..4 {
        let r = 30.0 + k as f32 * 16.0;
        c.fill(
            ellipse(
                bx + 200.0 + k as f32 * 8.0,
                by - 20.0 - k as f32 * 10.0,
                r,
                r * 0.45,
            ),
            Rgb::hex(0xf6f3ec).alpha(0.45 - k as f32 * 0.08),
        );
    }
    c.fill(ellipse(bx, by + 24.0, 220.0, 9.0), light.ink.alpha(0.25));
}
