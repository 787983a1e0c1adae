//! A chart of the sea and its coasts: islands joined by a ferry route, an undersea cable with
//! its break, a coast with its harbour town; or a town's street grid threaded with fibre.

use super::super::canvas::{blob, circle, curve, line, polygon, radial, rect, Canvas, Rgb, H, W};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Map {
    /// Islands and a dashed ferry route between their ports.
    Islands,
    /// An undersea cable from the mainland to islands, broken in one place.
    Cable,
    /// A coastline with mountains behind and a harbour town.
    Coast,
    /// A town's streets with fibre lines glowing along them.
    Network,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Map) -> Caption {
    match kind {
        Map::Islands => {
            sea(c);
            let ports = islands(c, rng, 5);
            let route: Vec<(f32, f32)> = ports.iter().map(|p| (p.0, p.1)).collect();
            c.dashed(curve(&route), Rgb::hex(0xc8553d).color(), 5.0, 18.0, 12.0);
            for &(x, y) in &route {
                port(c, x, y);
            }
            compass(c, W * 0.9, H * 0.14);
            Caption::new(
                "a sea chart of scattered islands joined by a dashed red ferry route",
                "خريطة بحرية لجزر متناثرة يربط بينها خط عبّارات أحمر متقطع",
            )
        }
        Map::Cable => {
            sea(c);
            land(
                c,
                polygon(&[
                    (0.0, 0.0),
                    (W * 0.22, 0.0),
                    (W * 0.18, H * 0.3),
                    (W * 0.26, H * 0.55),
                    (W * 0.14, H),
                    (0.0, H),
                ]),
            );
            let ports = islands(c, rng, 3);
            let start = (W * 0.22, H * 0.5);
            let mut route = vec![start];
            route.extend(ports.iter().copied());
            c.stroke(curve(&route), Rgb::hex(0x263445).color(), 7.0);
            c.stroke(curve(&route), Rgb::hex(0xe2c35a).alpha(0.9), 3.0);
            // The break: a red ring where the line stops.
            let (a, b) = (route[1], route[2]);
            let (bx, by) = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            c.fill(circle(bx, by, 36.0), Rgb::hex(0x6f9fb0).color());
            c.glow(bx, by, 90.0, Rgb::hex(0xd0453d), 0.5);
            c.stroke(circle(bx, by, 36.0), Rgb::hex(0xc8353d).color(), 6.0);
            c.stroke(
                line(bx - 14.0, by - 14.0, bx + 14.0, by + 14.0),
                Rgb::hex(0xc8353d).color(),
                6.0,
            );
            c.stroke(
                line(bx - 14.0, by + 14.0, bx + 14.0, by - 14.0),
                Rgb::hex(0xc8353d).color(),
                6.0,
            );
            port(c, start.0, start.1);
            for &(x, y) in &ports {
                port(c, x, y);
            }
            compass(c, W * 0.9, H * 0.14);
            Caption::new("a sea chart of an undersea cable running from the mainland to three islands, its break ringed in red", "خريطة بحرية لكابل بحري يمتد من البر إلى ثلاث جزر، وموضع انقطاعه محاط بدائرة حمراء")
        }
        Map::Coast => {
            sea(c);
            land(
                c,
                polygon(&[
                    (0.0, 0.0),
                    (W, 0.0),
                    (W, H * 0.32),
                    (W * 0.8, H * 0.4),
                    (W * 0.62, H * 0.34),
                    (W * 0.45, H * 0.46),
                    (W * 0.28, H * 0.4),
                    (W * 0.1, H * 0.48),
                    (0.0, H * 0.44),
                ]),
            );
            // Mountains inland, drawn as rings of height.
            for k in 0..3 {
                let (mx, my) = (
                    W * (0.2 + 0.3 * k as f32) + rng.range(-60.0, 60.0),
                    H * 0.16,
                );
                for ring in 0..4 {
                    c.stroke(
                        blob(rng, mx, my, 120.0 - ring as f32 * 28.0, 0.15, 1.5),
                        Rgb::hex(0x7a6a4a).alpha(0.5),
                        2.5,
                    );
                }
            }
            let (tx, ty) = (W * 0.45, H * 0.44);
            port(c, tx, ty);
            c.dashed(
                curve(&[
                    (tx, ty + 20.0),
                    (W * 0.5, H * 0.7),
                    (W * 0.75, H * 0.85),
                    (W * 1.05, H * 0.9),
                ]),
                Rgb::hex(0xc8553d).color(),
                5.0,
                18.0,
                12.0,
            );
            compass(c, W * 0.1, H * 0.8);
            Caption::new("a chart of a mountainous coast with a harbour town, a dashed sea route leading to it", "خريطة لساحل جبلي ومدينة ميناء يقود إليها خط بحري متقطع")
        }
        Map::Network => {
            network(c, rng);
            Caption::new(
                "a town's street grid seen from above, glowing fibre lines running from a hub to every block",
                "شبكة شوارع بلدة من الأعلى تمتد فيها خطوط ألياف متوهجة من مركز إلى كل حي",
            )
        }
    }
}

/// Open sea with lines of latitude and longitude, and a compass rose.
fn sea(c: &mut Canvas) {
    let sea = Rgb::hex(0x6f9fb0);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.5,
            H * 0.5,
            W * 0.7,
            &[
                (0.0, sea.color()),
                (1.0, sea.mix(Rgb::hex(0x20364a), 0.55).color()),
            ],
        ),
    );
    // Lines of latitude and longitude.
    for k in 1..8 {
        c.fill(
            rect(k as f32 * W / 8.0, 0.0, 1.5, H),
            Rgb::hex(0xffffff).alpha(0.12),
        );
    }
    for k in 1..5 {
        c.fill(
            rect(0.0, k as f32 * H / 5.0, W, 1.5),
            Rgb::hex(0xffffff).alpha(0.12),
        );
    }
}

/// Fills a land shape with its shore rings.
fn land(c: &mut Canvas, shape: Option<tiny_skia::Path>) {
    let Some(shape) = shape else { return };
    let sand = Rgb::hex(0xe4d6b4);
    for (width, alpha) in [(70.0, 0.12), (40.0, 0.2), (16.0, 0.35)] {
        c.stroke(Some(shape.clone()), Rgb::hex(0xdff0ef).alpha(alpha), width);
    }
    c.fill(Some(shape.clone()), sand.color());
    c.stroke(Some(shape), Rgb::hex(0x8a7a5a).color(), 3.0);
}

/// A few islands spread across the sea; returns a port on each, left to right.
fn islands(c: &mut Canvas, rng: &mut Rng, count: usize) -> Vec<(f32, f32)> {
    let mut ports = Vec::new();
    for k in 0..count {
        let x = W * (0.3 + 0.6 * (k as f32 + 0.5) / count as f32) + rng.range(-40.0, 40.0);
        let y = H * rng.range(0.3, 0.72);
        let r = rng.range(50.0, 110.0);
        let stretch = rng.range(1.0, 1.8);
        let shape = blob(rng, x, y, r, 0.35, stretch);
        for (width, alpha) in [(60.0, 0.12), (34.0, 0.2), (14.0, 0.35)] {
            c.stroke(shape.clone(), Rgb::hex(0xdff0ef).alpha(alpha), width);
        }
        c.fill(shape.clone(), Rgb::hex(0xe4d6b4).color());
        c.fill(
            blob(rng, x, y, r * 0.5, 0.3, 1.3),
            Rgb::hex(0x9fb07a).alpha(0.8),
        );
        c.stroke(shape, Rgb::hex(0x8a7a5a).color(), 3.0);
        ports.push((x + rng.range(-r * 0.4, r * 0.4), y + r * 0.6));
    }
    ports
}

fn port(c: &mut Canvas, x: f32, y: f32) {
    c.fill(circle(x, y, 13.0), Rgb::hex(0xf6f2ea).color());
    c.stroke(circle(x, y, 13.0), Rgb::hex(0x263445).color(), 5.0);
}

/// A compass rose: a four-pointed star with north filled.
fn compass(c: &mut Canvas, x: f32, y: f32) {
    let ink = Rgb::hex(0x263445);
    c.stroke(circle(x, y, 70.0), ink.alpha(0.7), 3.0);
    let (l, s) = (95.0, 16.0);
    c.fill(
        polygon(&[(x, y - l), (x + s, y), (x, y + l), (x - s, y)]),
        Rgb::hex(0xf6f2ea).color(),
    );
    c.fill(
        polygon(&[(x - l, y), (x, y - s), (x + l, y), (x, y + s)]),
        Rgb::hex(0xf6f2ea).color(),
    );
    c.fill(
        polygon(&[(x, y - l), (x + s, y), (x - s, y)]),
        Rgb::hex(0xc8553d).color(),
    );
    c.stroke(
        polygon(&[(x, y - l), (x + s, y), (x, y + l), (x - s, y)]),
        ink.color(),
        2.0,
    );
}

fn network(c: &mut Canvas, rng: &mut Rng) {
    let ground = Rgb::hex(0x1f2a36);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.5,
            H * 0.5,
            W * 0.7,
            &[
                (0.0, ground.mix(Rgb(255, 255, 255), 0.08).color()),
                (1.0, ground.mix(Rgb(0, 0, 0), 0.3).color()),
            ],
        ),
    );
    // Blocks between streets, with a river running through.
    let (cols, rows) = (16, 9);
    let (bw, bh) = (W / cols as f32, H / rows as f32);
    for i in 0..cols {
        for j in 0..rows {
            let tone =
                Rgb::hex(0x34465a).mix(Rgb::hex(0x4a5a48), if rng.chance(0.2) { 1.0 } else { 0.0 });
            c.fill(
                super::super::canvas::rounded(
                    i as f32 * bw + 8.0,
                    j as f32 * bh + 8.0,
                    bw - 16.0,
                    bh - 16.0,
                    6.0,
                ),
                tone.color(),
            );
        }
    }
    let river: Vec<(f32, f32)> = (0..=8)
        .map(|k| (k as f32 * W / 8.0, H * 0.75 + rng.range(-60.0, 60.0)))
        .collect();
    c.stroke(curve(&river), Rgb::hex(0x3f6f8a).color(), 46.0);
    let hub = (W * 0.5, H * 0.45);
    let ink = Rgb::hex(0x7fd1c7);
    for _ in 0..14 {
        let (tx, ty) = (
            ((rng.below(cols) as f32) + 0.5) * bw,
            ((rng.below(rows) as f32) + 0.5) * bh,
        );
        // Along the streets: across, then down.
        let path = [(hub.0, hub.1), (tx, hub.1), (tx, ty)];
        c.stroke(super::super::canvas::polyline(&path), ink.alpha(0.2), 14.0);
        c.stroke(super::super::canvas::polyline(&path), ink.color(), 4.0);
        c.glow(tx, ty, 40.0, ink, 0.6);
        c.fill(circle(tx, ty, 8.0), Rgb::hex(0xf6f2ea).color());
    }
    c.glow(hub.0, hub.1, 160.0, ink, 0.6);
    c.fill(circle(hub.0, hub.1, 26.0), Rgb::hex(0xf6f2ea).color());
    c.stroke(circle(hub.0, hub.1, 26.0), ink.color(), 6.0);
}
