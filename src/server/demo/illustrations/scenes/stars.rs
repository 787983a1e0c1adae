//! The night sky for astrology: a zodiac wheel of twelve constellations, or a folded newspaper
//! whose horoscope column is a small starry panel.

use super::super::canvas::{
    circle, line, linear, polygon, radial, rect, rounded, turned, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::stars as scatter_stars;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stars {
    Wheel,
    Newspaper,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Stars) -> Caption {
    match kind {
        Stars::Wheel => {
            night(c, rng, W * 0.5, H * 0.5);
            wheel(c, rng, W * 0.5, H * 0.5, 360.0);
            Caption::new(
                "a zodiac wheel of twelve gold constellations on a deep indigo night sky, a crescent moon at its centre",
                "دائرة الأبراج باثنتي عشرة كوكبة ذهبية على سماء ليلية نيلية، وهلال في وسطها",
            )
        }
        Stars::Newspaper => {
            let desk = Rgb::hex(0x5a6a7a);
            c.shade(
                rect(0.0, 0.0, W, H),
                radial(
                    W * 0.4,
                    H * 0.3,
                    W,
                    &[
                        (0.0, desk.color()),
                        (1.0, desk.mix(Rgb(0, 0, 0), 0.45).color()),
                    ],
                ),
            );
            newspaper(c, rng);
            Caption::new(
                "a folded newspaper page of grey columns, its horoscope box a small panel of stars and a crescent moon",
                "صفحة جريدة مطوية بأعمدة رمادية، وركن الأبراج فيها لوحة صغيرة من النجوم وهلال",
            )
        }
    }
}

fn night(c: &mut Canvas, rng: &mut Rng, x: f32, y: f32) {
    let indigo = Rgb::hex(0x1f2350);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            x,
            y,
            W * 0.7,
            &[
                (0.0, indigo.mix(Rgb::hex(0x4a3f7a), 0.5).color()),
                (1.0, Rgb::hex(0x0c0e22).color()),
            ],
        ),
    );
    // The Milky Way: a soft band across the diagonal, brightest along its middle.
    let (x0, y0, x1, y1) = (0.0, H * 0.9, W, H * 0.1);
    let len = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).sqrt();
    let (nx, ny) = (-(y1 - y0) / len * 200.0, (x1 - x0) / len * 200.0);
    let milk = Rgb::hex(0xb8b0e0);
    c.shade(
        polygon(&[
            (x0 - nx, y0 - ny),
            (x1 - nx, y1 - ny),
            (x1 + nx, y1 + ny),
            (x0 + nx, y0 + ny),
        ]),
        linear(
            W / 2.0 - nx,
            H / 2.0 - ny,
            W / 2.0 + nx,
            H / 2.0 + ny,
            &[
                (0.0, milk.alpha(0.0)),
                (0.5, milk.alpha(0.16)),
                (1.0, milk.alpha(0.0)),
            ],
        ),
    );
    scatter_stars(c, rng, 420, H);
}

fn wheel(c: &mut Canvas, rng: &mut Rng, x: f32, y: f32, r: f32) {
    let gold = Rgb::hex(0xe2c27a);
    c.stroke(circle(x, y, r), gold.alpha(0.8), 3.0);
    c.stroke(circle(x, y, r * 0.62), gold.alpha(0.6), 2.0);
    c.stroke(circle(x, y, r * 1.06), gold.alpha(0.35), 1.5);
    for k in 0..12 {
        let a = (k as f32 * 30.0).to_radians();
        c.stroke(
            line(
                x + r * 0.62 * a.cos(),
                y + r * 0.62 * a.sin(),
                x + r * a.cos(),
                y + r * a.sin(),
            ),
            gold.alpha(0.5),
            2.0,
        );
        // A constellation in each house: a few stars joined.
        let mid = a + 15f32.to_radians();
        let (hx, hy) = (x + r * 0.81 * mid.cos(), y + r * 0.81 * mid.sin());
        let mut prev: Option<(f32, f32)> = None;
        for _ in 0..(3 + rng.below(3)) {
            let (sx, sy) = (hx + rng.range(-38.0, 38.0), hy + rng.range(-38.0, 38.0));
            if let Some((px, py)) = prev {
                c.stroke(line(px, py, sx, sy), gold.alpha(0.55), 2.0);
            }
            c.glow(sx, sy, 16.0, gold, 0.6);
            c.fill(circle(sx, sy, 4.5), Rgb::hex(0xfff4d8).color());
            prev = Some((sx, sy));
        }
    }
    c.glow(x, y, 200.0, gold, 0.25);
    c.fill(circle(x, y, 80.0), Rgb::hex(0xf6eccc).color());
    c.fill(circle(x + 36.0, y - 20.0, 72.0), Rgb::hex(0x2a2a5a).color());
}

fn newspaper(c: &mut Canvas, rng: &mut Rng) {
    let (x, y, w, h) = (W * 0.16, H * 0.1, W * 0.68, H * 0.86);
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let angle = rng.range(-6.0, -2.0);
    let paper = Rgb::hex(0xeeeadf);
    c.fill(
        turned(rect(x + 18.0, y + 24.0, w, h), angle, cx, cy),
        Rgb(0, 0, 0).alpha(0.3),
    );
    c.fill(turned(rect(x, y, w, h), angle, cx, cy), paper.color());
    c.fill(
        turned(rect(x + w / 2.0 - 2.0, y, 4.0, h), angle, cx, cy),
        Rgb(0, 0, 0).alpha(0.08),
    );
    // Masthead rule and headline bars.
    c.fill(
        turned(rect(x + 40.0, y + 40.0, w - 80.0, 36.0), angle, cx, cy),
        Rgb::hex(0x3a3a3a).color(),
    );
    c.fill(
        turned(rect(x + 40.0, y + 90.0, w - 80.0, 4.0), angle, cx, cy),
        Rgb::hex(0x3a3a3a).color(),
    );
    let cols = 4;
    let col_w = (w - 80.0 - (cols - 1) as f32 * 24.0) / cols as f32;
    for col in 0..cols {
        let lx = x + 40.0 + col as f32 * (col_w + 24.0);
        let mut ly = y + 120.0;
        if col == 0 {
            c.fill(
                turned(rect(lx, ly, col_w * 2.0 + 24.0, 26.0), angle, cx, cy),
                Rgb::hex(0x4a4a4a).color(),
            );
            ly += 44.0;
        }
        while ly < y + h - 40.0 {
            let len = if rng.chance(0.15) {
                col_w * rng.range(0.3, 0.7)
            } else {
                col_w
            };
            c.fill(
                turned(rect(lx, ly, len, 7.0), angle, cx, cy),
                Rgb::hex(0x9a9890).color(),
            );
            ly += 17.0;
        }
    }
    // The horoscope box over the last column.
    let (bx, by, bw, bh) = (
        x + 40.0 + 3.0 * (col_w + 24.0) - 8.0,
        y + h * 0.45,
        col_w + 16.0,
        h * 0.42,
    );
    let night = Rgb::hex(0x22275a);
    c.fill(
        turned(rounded(bx, by, bw, bh, 6.0), angle, cx, cy),
        night.color(),
    );
    for _ in 0..40 {
        let (sx, sy) = (
            bx + rng.range(10.0, bw - 10.0),
            by + rng.range(10.0, bh - 10.0),
        );
        c.fill(
            turned(circle(sx, sy, rng.range(1.5, 3.5)), angle, cx, cy),
            Rgb::hex(0xfff2cc).alpha(rng.range(0.5, 1.0)),
        );
    }
    let (mx, my) = (bx + bw / 2.0, by + bh * 0.35);
    c.fill(
        turned(circle(mx, my, 40.0), angle, cx, cy),
        Rgb::hex(0xf6eccc).color(),
    );
    c.fill(
        turned(circle(mx + 18.0, my - 10.0, 36.0), angle, cx, cy),
        night.color(),
    );
    for k in 0..5 {
        c.fill(
            turned(
                rect(bx + 16.0, by + bh * 0.62 + k as f32 * 17.0, bw - 32.0, 6.0),
                angle,
                cx,
                cy,
            ),
            Rgb::hex(0xc8c4e0).alpha(0.7),
        );
    }
}
