//! Science and technology: an atom's orbits, a circuit board round a padlock, battery cells in a
//! recycling loop; drawn as glowing lines on a deep blue ground.

use super::super::canvas::{
    arc, circle, ellipse, line, polygon, polyline, radial, rect, rounded, turned, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lab {
    Atom,
    Circuit,
    Battery,
}

/// A ground and its glowing ink.
const GROUNDS: [(u32, u32, u32, &str, &str); 3] = [
    (0x1d3550, 0x0f1b2c, 0x7fd1c7, "deep blue", "أزرق داكن"),
    (0x243a3a, 0x111d1f, 0xa8e0a0, "dark teal", "أخضر مزرق داكن"),
    (
        0x2f2a4a,
        0x15132a,
        0xf0c27a,
        "midnight violet",
        "بنفسجي داكن",
    ),
];

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Lab) -> Caption {
    let (inner, outer, ink, name_en, name_ar) = *rng.pick(&GROUNDS);
    let (inner, outer, ink) = (Rgb::hex(inner), Rgb::hex(outer), Rgb::hex(ink));
    let (cx, cy) = (W * rng.range(0.42, 0.58), H * 0.5);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            cx,
            cy,
            W * 0.75,
            &[(0.0, inner.color()), (1.0, outer.color())],
        ),
    );
    // A faint dot grid, like graph paper under glass.
    for gx in 0..40 {
        for gy in 0..23 {
            c.fill(
                circle(20.0 + gx as f32 * 40.0, 10.0 + gy as f32 * 40.0, 1.6),
                ink.alpha(0.12),
            );
        }
    }
    let what = match kind {
        Lab::Atom => {
            atom(c, rng, ink, cx, cy);
            Caption::new(
                "an atom: electrons glowing on three crossed orbits round a bright nucleus",
                "ذرة: إلكترونات متوهجة على ثلاثة مدارات متقاطعة حول نواة ساطعة",
            )
        }
        Lab::Circuit => {
            circuit(c, rng, ink, cx, cy);
            Caption::new(
                "a closed padlock on a chip at the centre of glowing circuit-board traces",
                "قفل مغلق على شريحة في وسط مسارات دائرة إلكترونية متوهجة",
            )
        }
        Lab::Battery => {
            battery(c, rng, ink, cx, cy);
            Caption::new(
                "a row of battery cells inside a circling recycling arrow",
                "صف من خلايا البطاريات داخل سهم تدوير دائري",
            )
        }
    };
    Caption::new(
        format!("{} on a {name_en} ground", what.en),
        format!("{} على خلفية بلون {name_ar}", what.ar),
    )
}

fn atom(c: &mut Canvas, rng: &mut Rng, ink: Rgb, cx: f32, cy: f32) {
    let spin = rng.range(0.0, 60.0);
    for k in 0..3 {
        let angle = spin + k as f32 * 60.0;
        c.stroke(
            turned(ellipse(cx, cy, 360.0, 120.0), angle, cx, cy),
            ink.alpha(0.25),
            14.0,
        );
        c.stroke(
            turned(ellipse(cx, cy, 360.0, 120.0), angle, cx, cy),
            ink.alpha(0.9),
            4.0,
        );
        let t = rng.range(0.0, std::f32::consts::TAU);
        let (ex, ey) = (360.0 * t.cos(), 120.0 * t.sin());
        let a = angle.to_radians();
        let (x, y) = (
            cx + ex * a.cos() - ey * a.sin(),
            cy + ex * a.sin() + ey * a.cos(),
        );
        c.glow(x, y, 70.0, ink, 0.6);
        c.fill(circle(x, y, 16.0), ink.mix(Rgb::hex(0xffffff), 0.5).color());
    }
    c.glow(cx, cy, 220.0, ink, 0.45);
    let nucleus = [
        (0.0, 0.0),
        (-26.0, -14.0),
        (24.0, -18.0),
        (-14.0, 24.0),
        (22.0, 20.0),
        (0.0, -32.0),
        (-32.0, 10.0),
    ];
    for (i, &(dx, dy)) in nucleus.iter().enumerate() {
        let colour = if i % 2 == 0 {
            Rgb::hex(0xe9876a)
        } else {
            Rgb::hex(0xf1e6d0)
        };
        c.fill(circle(cx + dx, cy + dy, 24.0), colour.color());
        c.fill(
            circle(cx + dx - 7.0, cy + dy - 7.0, 8.0),
            Rgb::hex(0xffffff).alpha(0.35),
        );
    }
}

fn circuit(c: &mut Canvas, rng: &mut Rng, ink: Rgb, cx: f32, cy: f32) {
    let chip = 260.0;
    // Traces leave the chip's four sides, bend once at 45 degrees and run to the edge.
    for side in 0..4 {
        for k in 0..7 {
            let off = -chip / 2.0 + 25.0 + k as f32 * (chip - 50.0) / 6.0;
            let bend = rng.range(60.0, 220.0);
            let jog = rng.range(-1.0, 1.0) * 120.0;
            let run = 900.0;
            let pts: Vec<(f32, f32)> = match side {
                0 => vec![
                    (cx + off, cy - chip / 2.0),
                    (cx + off, cy - chip / 2.0 - bend),
                    (cx + off + jog, cy - chip / 2.0 - bend - jog.abs()),
                    (cx + off + jog, cy - run),
                ],
                1 => vec![
                    (cx + off, cy + chip / 2.0),
                    (cx + off, cy + chip / 2.0 + bend),
                    (cx + off + jog, cy + chip / 2.0 + bend + jog.abs()),
                    (cx + off + jog, cy + run),
                ],
                2 => vec![
                    (cx - chip / 2.0, cy + off),
                    (cx - chip / 2.0 - bend, cy + off),
                    (cx - chip / 2.0 - bend - jog.abs(), cy + off + jog),
                    (cx - run * 1.4, cy + off + jog),
                ],
                _ => vec![
                    (cx + chip / 2.0, cy + off),
                    (cx + chip / 2.0 + bend, cy + off),
                    (cx + chip / 2.0 + bend + jog.abs(), cy + off + jog),
                    (cx + run * 1.4, cy + off + jog),
                ],
            };
            c.stroke(polyline(&pts), ink.alpha(0.15), 12.0);
            c.stroke(polyline(&pts), ink.alpha(0.75), 4.0);
            if rng.chance(0.4) {
                let (px, py) = pts[2];
                c.fill(circle(px, py, 10.0), ink.color());
                c.fill(circle(px, py, 4.0), Rgb::hex(0x10161f).color());
            }
        }
    }
    c.glow(cx, cy, 300.0, ink, 0.35);
    c.fill(
        rounded(cx - chip / 2.0, cy - chip / 2.0, chip, chip, 18.0),
        Rgb::hex(0x1a2230).color(),
    );
    c.stroke(
        rounded(cx - chip / 2.0, cy - chip / 2.0, chip, chip, 18.0),
        ink.color(),
        4.0,
    );
    // The padlock.
    let steel = ink.mix(Rgb::hex(0xffffff), 0.35);
    c.stroke(
        arc(
            cx,
            cy - 20.0,
            50.0,
            std::f32::consts::PI,
            std::f32::consts::TAU,
        ),
        steel.color(),
        18.0,
    );
    c.stroke(
        line(cx - 50.0, cy - 20.0, cx - 50.0, cy + 5.0),
        steel.color(),
        18.0,
    );
    c.stroke(
        line(cx + 50.0, cy - 20.0, cx + 50.0, cy + 5.0),
        steel.color(),
        18.0,
    );
    c.fill(rounded(cx - 80.0, cy, 160.0, 110.0, 14.0), steel.color());
    c.fill(circle(cx, cy + 45.0, 14.0), Rgb::hex(0x1a2230).color());
    c.fill(
        rect(cx - 5.0, cy + 50.0, 10.0, 30.0),
        Rgb::hex(0x1a2230).color(),
    );
}

fn battery(c: &mut Canvas, rng: &mut Rng, ink: Rgb, cx: f32, cy: f32) {
    // The loop: a circling arrow round the cells.
    let r = 340.0;
    c.stroke(arc(cx, cy, r, -1.2, 4.3), ink.alpha(0.2), 34.0);
    c.stroke(arc(cx, cy, r, -1.2, 4.3), ink.alpha(0.85), 12.0);
    let a = 4.3f32;
    let (tx, ty) = (cx + r * a.cos(), cy + r * a.sin());
    let (dx, dy) = (-a.sin(), a.cos());
    let (nx, ny) = (a.cos(), a.sin());
    c.fill(
        polygon(&[
            (tx + nx * 40.0, ty + ny * 40.0),
            (tx - nx * 40.0, ty - ny * 40.0),
            (tx + dx * 60.0, ty + dy * 60.0),
        ]),
        ink.color(),
    );
    let cells = 5;
    let charge_colours = [0x6fbf8a, 0xe2c35a, 0xd0745e];
    for k in 0..cells {
        let x = cx - 230.0 + k as f32 * 100.0;
        let (w, h) = (70.0, 240.0);
        let body = Rgb::hex(0x3a4a5e);
        c.fill(
            rounded(x - 4.0, cy - h / 2.0 + 6.0, w + 8.0, h, 14.0),
            Rgb(0, 0, 0).alpha(0.25),
        );
        c.shade(
            rounded(x, cy - h / 2.0, w, h, 12.0),
            super::super::canvas::linear(
                x,
                0.0,
                x + w,
                0.0,
                &[
                    (0.0, body.mix(Rgb(0, 0, 0), 0.3).color()),
                    (0.4, body.mix(Rgb(255, 255, 255), 0.25).color()),
                    (1.0, body.mix(Rgb(0, 0, 0), 0.4).color()),
                ],
            ),
        );
        c.fill(
            rect(x + w / 2.0 - 14.0, cy - h / 2.0 - 14.0, 28.0, 16.0),
            Rgb::hex(0xb8c0c8).color(),
        );
        let level = rng.range(0.2, 0.9);
        let colour = Rgb::hex(
            charge_colours[if level > 0.6 {
                0
            } else if level > 0.35 {
                1
            } else {
                2
            }],
        );
        let fill_h = (h - 40.0) * level;
        c.fill(
            rounded(
                x + 12.0,
                cy + h / 2.0 - 20.0 - fill_h,
                w - 24.0,
                fill_h,
                6.0,
            ),
            colour.alpha(0.85),
        );
        c.glow(
            x + w / 2.0,
            cy + h / 2.0 - 20.0 - fill_h / 2.0,
            60.0,
            colour,
            0.25,
        );
    }
}
