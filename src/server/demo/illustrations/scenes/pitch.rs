//! Football: a pitch seen from above with the players in their shapes, or a floodlit stadium
//! from the stands at night.

use super::super::canvas::{
    arc, circle, ellipse, line, polygon, rect, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::stars;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pitch {
    /// From above, mid-match.
    Above,
    /// From the stands, under floodlights.
    Floodlit,
}

const KITS: [(u32, &str, &str); 5] = [
    (0xc8553d, "red", "الأحمر"),
    (0x2f5d8a, "blue", "الأزرق"),
    (0xe2c35a, "yellow", "الأصفر"),
    (0xf2efe6, "white", "الأبيض"),
    (0x8a3f6a, "maroon", "العنابي"),
];

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Pitch) -> Caption {
    let home = rng.below(KITS.len());
    let away = (home + 1 + rng.below(KITS.len() - 2)) % KITS.len();
    let (home_kit, away_kit) = (KITS[home], KITS[away]);
    match kind {
        Pitch::Above => above(c, rng, Rgb::hex(home_kit.0), Rgb::hex(away_kit.0)),
        Pitch::Floodlit => floodlit(c, rng, Rgb::hex(home_kit.0), Rgb::hex(away_kit.0)),
    }
    let (place_en, place_ar) = match kind {
        Pitch::Above => (
            "a football pitch seen from above, mown in stripes",
            "ملعب كرة قدم من الأعلى بعشب مقصوص في خطوط",
        ),
        Pitch::Floodlit => (
            "a floodlit football stadium at night, seen from the stands",
            "ملعب كرة قدم ليلاً تحت الأضواء الكاشفة كما يُرى من المدرجات",
        ),
    };
    Caption::new(
        format!(
            "{place_en}, players in {} and {} spread across the grass",
            home_kit.1, away_kit.1
        ),
        format!(
            "{place_ar}، ولاعبون باللونين {} و{} منتشرون على العشب",
            home_kit.2, away_kit.2
        ),
    )
}

fn above(c: &mut Canvas, rng: &mut Rng, home: Rgb, away: Rgb) {
    // Stands all round, then the grass in stripes, then the lines.
    c.fill(rect(0.0, 0.0, W, H), Rgb::hex(0x2b2f3a).color());
    for k in 0..900 {
        let (x, y) = (rng.range(0.0, W), rng.range(0.0, H));
        let colour = if k % 3 == 0 { home } else { Rgb::hex(0x6d7280) };
        c.fill(rect(x, y, 5.0, 5.0), colour.alpha(0.45));
    }
    let (x0, y0, x1, y1) = (130.0, 90.0, W - 130.0, H - 90.0);
    let (g1, g2) = (Rgb::hex(0x4f8a57), Rgb::hex(0x5d9a63));
    c.fill(
        rect(x0 - 40.0, y0 - 40.0, x1 - x0 + 80.0, y1 - y0 + 80.0),
        g1.color(),
    );
    for k in 0..12 {
        let sx = x0 - 40.0 + k as f32 * (x1 - x0 + 80.0) / 12.0;
        if k % 2 == 1 {
            c.fill(
                rect(sx, y0 - 40.0, (x1 - x0 + 80.0) / 12.0, y1 - y0 + 80.0),
                g2.color(),
            );
        }
    }
    let chalk = Rgb::hex(0xf3f1ea).alpha(0.9);
    let lw = 5.0;
    let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    c.stroke(
        polygon(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]),
        chalk,
        lw,
    );
    c.stroke(line(mx, y0, mx, y1), chalk, lw);
    c.stroke(circle(mx, my, 110.0), chalk, lw);
    c.fill(circle(mx, my, 7.0), chalk);
    for (edge, dir) in [(x0, 1.0), (x1, -1.0)] {
        let box_depth = 200.0 * dir;
        c.stroke(
            polygon(&[
                (edge, my - 250.0),
                (edge + box_depth, my - 250.0),
                (edge + box_depth, my + 250.0),
                (edge, my + 250.0),
            ]),
            chalk,
            lw,
        );
        c.stroke(
            polygon(&[
                (edge, my - 110.0),
                (edge + 70.0 * dir, my - 110.0),
                (edge + 70.0 * dir, my + 110.0),
                (edge, my + 110.0),
            ]),
            chalk,
            lw,
        );
        c.fill(circle(edge + 135.0 * dir, my, 6.0), chalk);
        let a = if dir > 0.0 {
            (-0.93, 0.93)
        } else {
            (std::f32::consts::PI - 0.93, std::f32::consts::PI + 0.93)
        };
        c.stroke(arc(edge + 135.0 * dir, my, 110.0, a.0, a.1), chalk, lw);
        c.fill(
            rect(
                edge - if dir > 0.0 { 18.0 } else { 0.0 },
                my - 45.0,
                18.0,
                90.0,
            ),
            Rgb::hex(0xf3f1ea).alpha(0.5),
        );
    }
    // Two shapes of ten, and the goalkeepers.
    let shape: [(f32, f32); 10] = [
        (0.2, 0.15),
        (0.2, 0.38),
        (0.2, 0.62),
        (0.2, 0.85),
        (0.35, 0.3),
        (0.38, 0.5),
        (0.35, 0.7),
        (0.47, 0.18),
        (0.47, 0.82),
        (0.46, 0.5),
    ];
    let ball = (mx + rng.range(-250.0, 250.0), my + rng.range(-200.0, 200.0));
    for (kit, flip) in [(home, false), (away, true)] {
        for &(fx, fy) in &shape {
            let fx = if flip { 1.0 - fx - 0.06 } else { fx + 0.04 };
            let (px, py) = (
                x0 + (x1 - x0) * fx + rng.range(-40.0, 40.0),
                y0 + (y1 - y0) * fy + rng.range(-30.0, 30.0),
            );
            player(c, kit, px, py);
        }
        let gx = if flip { x1 - 25.0 } else { x0 + 25.0 };
        player(c, Rgb::hex(0x3a3a3a), gx, my + rng.range(-30.0, 30.0));
    }
    c.fill(
        ellipse(ball.0 + 5.0, ball.1 + 5.0, 10.0, 7.0),
        Rgb(0, 0, 0).alpha(0.3),
    );
    c.fill(circle(ball.0, ball.1, 9.0), Rgb::hex(0xfbfaf5).color());
}

fn player(c: &mut Canvas, kit: Rgb, x: f32, y: f32) {
    c.fill(
        ellipse(x + 10.0, y + 12.0, 24.0, 17.0),
        Rgb(0, 0, 0).alpha(0.25),
    );
    c.fill(circle(x, y, 23.0), kit.color());
    c.stroke(circle(x, y, 23.0), kit.mix(Rgb(0, 0, 0), 0.35).color(), 3.0);
    c.fill(circle(x, y, 10.0), Rgb::hex(0x3b2b22).color());
}

fn floodlit(c: &mut Canvas, rng: &mut Rng, home: Rgb, away: Rgb) {
    let (night_top, night_low) = (Rgb::hex(0x0e1628), Rgb::hex(0x263753));
    c.shade(
        rect(0.0, 0.0, W, H),
        vertical(
            0.0,
            H * 0.45,
            &[(0.0, night_top.color()), (1.0, night_low.color())],
        ),
    );
    stars(c, rng, 60, H * 0.3);
    // The far stand, a roof line, and four floodlight masts.
    let far = Rgb::hex(0x1b2438);
    c.fill(
        polygon(&[(0.0, H * 0.28), (W, H * 0.28), (W, H * 0.5), (0.0, H * 0.5)]),
        far.color(),
    );
    for k in 0..1400 {
        let (x, y) = (rng.range(0.0, W), rng.range(H * 0.31, H * 0.47));
        let colour = if k % 2 == 0 { home } else { Rgb::hex(0x8d93a3) };
        c.fill(rect(x, y, 4.0, 4.0), colour.alpha(0.5));
    }
    c.fill(rect(0.0, H * 0.26, W, 16.0), Rgb::hex(0x2d3a52).color());
    let lamp = Rgb::hex(0xfff3d6);
    for &mx in &[W * 0.08, W * 0.36, W * 0.64, W * 0.92] {
        c.fill(rect(mx - 5.0, H * 0.06, 10.0, H * 0.22), far.color());
        c.glow(mx, H * 0.06, 260.0, lamp, 0.35);
        c.fill(rect(mx - 45.0, H * 0.03, 90.0, 36.0), lamp.color());
        for k in 0..4 {
            c.fill(
                rect(mx - 44.0 + k as f32 * 22.0, H * 0.03, 2.0, 36.0),
                far.alpha(0.4),
            );
        }
    }
    // The pitch in perspective: wide at the bottom, narrow at the far touchline.
    let (ft, fb) = (H * 0.5, H * 0.9);
    let (fl, fr, nl, nr) = (W * 0.18, W * 0.82, -W * 0.15, W * 1.15);
    for k in 0..14 {
        let (t0, t1) = (k as f32 / 14.0, (k + 1) as f32 / 14.0);
        let g = if k % 2 == 0 {
            Rgb::hex(0x3f7d4a)
        } else {
            Rgb::hex(0x4a8a55)
        };
        c.fill(
            polygon(&[
                (fl + (fr - fl) * t0, ft),
                (fl + (fr - fl) * t1, ft),
                (nl + (nr - nl) * t1, fb + 200.0),
                (nl + (nr - nl) * t0, fb + 200.0),
            ]),
            g.color(),
        );
    }
    let chalk = Rgb::hex(0xf3f1ea).alpha(0.85);
    c.stroke(line(fl, ft, fr, ft), chalk, 3.0);
    c.stroke(line(W / 2.0, ft, W / 2.0, H), chalk, 4.0);
    c.stroke(ellipse(W / 2.0, H * 0.68, 150.0, 45.0), chalk, 4.0);
    c.glow(W / 2.0, H * 0.6, 700.0, lamp, 0.12);
    for i in 0..16 {
        let kit = if i % 2 == 0 { home } else { away };
        let (px, py) = (rng.range(W * 0.2, W * 0.8), rng.range(H * 0.54, H * 0.8));
        let s = 0.5 + (py - ft) / (fb - ft);
        c.fill(
            ellipse(px + 4.0, py + 2.0, 10.0 * s, 3.0 * s),
            Rgb(0, 0, 0).alpha(0.3),
        );
        c.fill(
            rect(px - 5.0 * s, py - 32.0 * s, 10.0 * s, 22.0 * s),
            kit.color(),
        );
        c.fill(
            rect(px - 4.0 * s, py - 12.0 * s, 8.0 * s, 12.0 * s),
            Rgb::hex(0x2a2a2a).color(),
        );
        c.fill(
            circle(px, py - 38.0 * s, 5.0 * s),
            Rgb::hex(0x6b4a3a).color(),
        );
    }
    // Our stand: dark rows of seats and heads in the foreground.
    let near = Rgb::hex(0x121a2a);
    c.fill(rect(0.0, H * 0.88, W, H * 0.12), near.color());
    for k in 0..60 {
        let x = k as f32 * 28.0 + rng.range(-6.0, 6.0);
        c.fill(
            circle(x, H * 0.88 + rng.range(-4.0, 8.0), rng.range(13.0, 17.0)),
            near.color(),
        );
        c.fill(rect(x - 16.0, H * 0.88 + 6.0, 32.0, 30.0), near.color());
    }
}
