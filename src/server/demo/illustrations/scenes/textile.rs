//! Cloth and thread: spools, skeins of wool and fabric swatches on a cutting table, with a
//! tailor's scissors, tape and needle.

use super::super::canvas::{
    circle, curve, ellipse, line, linear, rect, rounded, turned, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Textile {
    /// A mill's wool: skeins and cones of yarn with swatches.
    Wool,
    /// A tailor's mending: a patched sleeve, scissors, tape and needle.
    Mending,
}

const DYES: [u32; 7] = [
    0xb8483f, 0x2f5d8a, 0xd9a23f, 0x4f8a6a, 0x8a5f8a, 0xd9c9a8, 0x3a4a5a,
];

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Textile) -> Caption {
    // A cutting table's green mat with its grid.
    let mat = Rgb::hex(0x3f5a4f);
    c.fill(rect(0.0, 0.0, W, H), mat.color());
    for k in 0..40 {
        c.fill(
            rect(k as f32 * 40.0, 0.0, 1.5, H),
            Rgb::hex(0xe8eee8).alpha(if k % 5 == 0 { 0.25 } else { 0.1 }),
        );
    }
    for k in 0..23 {
        c.fill(
            rect(0.0, k as f32 * 40.0, W, 1.5),
            Rgb::hex(0xe8eee8).alpha(if k % 5 == 0 { 0.25 } else { 0.1 }),
        );
    }
    swatches(c, rng);
    match kind {
        Textile::Wool => {
            for k in 0..5 {
                let (x, y) = (W * (0.14 + 0.17 * k as f32), H * rng.range(0.68, 0.8));
                let dye = Rgb::hex(DYES[(k * 2 + rng.below(3)) % DYES.len()]);
                skein(c, rng, dye, x, y, 95.0);
            }
            for k in 0..3 {
                spool(
                    c,
                    Rgb::hex(*rng.pick(&DYES)),
                    W * (0.74 + 0.09 * k as f32),
                    H * 0.3,
                    60.0,
                );
            }
            Caption::new(
                "balls of freshly dyed wool, cones of yarn and woven swatches on a green cutting mat",
                "كبب من الصوف المصبوغ حديثاً وبكرات غزل وعينات أقمشة منسوجة على سطح قص أخضر",
            )
        }
        Textile::Mending => {
            sleeve(c, rng);
            scissors(c, W * 0.78, H * 0.7);
            for k in 0..3 {
                spool(
                    c,
                    Rgb::hex(*rng.pick(&DYES)),
                    W * (0.72 + 0.08 * k as f32),
                    H * 0.25,
                    50.0,
                );
            }
            tape(c, rng);
            Caption::new(
                "a denim sleeve with a bright patch half stitched on, a needle and thread, scissors, spools and a tape measure on a cutting mat",
                "كمّ من الجينز عليه رقعة زاهية نصف مخيطة، وإبرة وخيط ومقص وبكرات خيوط وشريط قياس على سطح قص",
            )
        }
    }
}

fn swatches(c: &mut Canvas, rng: &mut Rng) {
    for k in 0..4 {
        let (x, y) = (
            W * (0.06 + 0.14 * k as f32) + rng.range(-20.0, 20.0),
            H * rng.range(0.08, 0.2),
        );
        let angle = rng.range(-12.0, 12.0);
        let (w, h) = (230.0, 190.0);
        let base = Rgb::hex(*rng.pick(&DYES));
        let (cx, cy) = (x + w / 2.0, y + h / 2.0);
        c.fill(
            turned(rect(x + 8.0, y + 10.0, w, h), angle, cx, cy),
            Rgb(0, 0, 0).alpha(0.25),
        );
        c.fill(turned(rect(x, y, w, h), angle, cx, cy), base.color());
        match k % 3 {
            0 => {
                for s in 0..6 {
                    c.fill(
                        turned(rect(x + s as f32 * 40.0 + 8.0, y, 14.0, h), angle, cx, cy),
                        base.mix(Rgb(255, 255, 255), 0.35).alpha(0.7),
                    );
                }
            }
            1 => {
                for s in 0..6 {
                    c.fill(
                        turned(rect(x + s as f32 * 40.0 + 8.0, y, 16.0, h), angle, cx, cy),
                        Rgb(0, 0, 0).alpha(0.18),
                    );
                    c.fill(
                        turned(rect(x, y + s as f32 * 34.0 + 8.0, w, 16.0), angle, cx, cy),
                        Rgb(0, 0, 0).alpha(0.18),
                    );
                }
            }
            _ => {
                for i in 0..5 {
                    for j in 0..4 {
                        c.fill(
                            turned(
                                circle(x + 25.0 + i as f32 * 45.0, y + 25.0 + j as f32 * 45.0, 8.0),
                                angle,
                                cx,
                                cy,
                            ),
                            Rgb::hex(0xf2ede2).alpha(0.8),
                        );
                    }
                }
            }
        }
        // Pinked edge: a darker rim.
        c.stroke(
            turned(rect(x, y, w, h), angle, cx, cy),
            base.mix(Rgb(0, 0, 0), 0.3).color(),
            4.0,
        );
    }
}

/// A ball of wool: a sphere wound with visible strands.
fn skein(c: &mut Canvas, rng: &mut Rng, dye: Rgb, x: f32, y: f32, r: f32) {
    c.fill(
        ellipse(x + 14.0, y + r * 0.9, r, r * 0.2),
        Rgb(0, 0, 0).alpha(0.25),
    );
    c.shade(
        circle(x, y, r),
        super::super::canvas::radial(
            x - r * 0.3,
            y - r * 0.3,
            r * 1.4,
            &[
                (0.0, dye.mix(Rgb(255, 255, 255), 0.25).color()),
                (1.0, dye.mix(Rgb(0, 0, 0), 0.35).color()),
            ],
        ),
    );
    for k in 0..9 {
        let angle = rng.range(0.0, 180.0);
        let ry = r * (0.3 + 0.07 * k as f32).min(0.95);
        c.stroke(
            turned(ellipse(x, y, r * 0.95, ry), angle, x, y),
            dye.mix(Rgb(255, 255, 255), 0.15).alpha(0.5),
            3.0,
        );
    }
    let tail = [
        (x + r * 0.7, y + r * 0.6),
        (x + r * 1.3, y + r * 0.9),
        (x + r * 1.1, y + r * 1.2),
    ];
    c.stroke(curve(&tail), dye.color(), 4.0);
}

/// A spool of thread seen from the side.
fn spool(c: &mut Canvas, thread: Rgb, x: f32, y: f32, r: f32) {
    let wood = Rgb::hex(0xd9b88a);
    let (w, h) = (r * 1.4, r * 2.6);
    c.fill(
        rounded(x - w / 2.0 - 10.0, y - h / 2.0, w + 20.0, 22.0, 8.0),
        wood.color(),
    );
    c.fill(
        rounded(x - w / 2.0 - 10.0, y + h / 2.0 - 22.0, w + 20.0, 22.0, 8.0),
        wood.mix(Rgb(0, 0, 0), 0.15).color(),
    );
    c.shade(
        rect(x - w / 2.0, y - h / 2.0 + 22.0, w, h - 44.0),
        linear(
            x - w / 2.0,
            0.0,
            x + w / 2.0,
            0.0,
            &[
                (0.0, thread.mix(Rgb(0, 0, 0), 0.3).color()),
                (0.4, thread.mix(Rgb(255, 255, 255), 0.2).color()),
                (1.0, thread.mix(Rgb(0, 0, 0), 0.4).color()),
            ],
        ),
    );
    for k in 0..10 {
        let yy = y - h / 2.0 + 26.0 + k as f32 * (h - 52.0) / 10.0;
        c.fill(rect(x - w / 2.0, yy, w, 1.5), Rgb(0, 0, 0).alpha(0.15));
    }
}

fn sleeve(c: &mut Canvas, rng: &mut Rng) {
    let denim = Rgb::hex(0x3f5a80);
    let (x, y, w, h) = (W * 0.18, H * 0.42, W * 0.5, H * 0.42);
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let angle = rng.range(-8.0, -3.0);
    c.fill(
        turned(rounded(x + 10.0, y + 14.0, w, h, 60.0), angle, cx, cy),
        Rgb(0, 0, 0).alpha(0.25),
    );
    c.fill(
        turned(rounded(x, y, w, h, 60.0), angle, cx, cy),
        denim.color(),
    );
    for k in 0..40 {
        c.fill(
            turned(rect(x + k as f32 * w / 40.0, y, 2.0, h), angle, cx, cy),
            Rgb::hex(0xffffff).alpha(0.06),
        );
    }
    c.fill(
        turned(rect(x + w - 80.0, y, 40.0, h), angle, cx, cy),
        denim.mix(Rgb(0, 0, 0), 0.25).color(),
    );
    let patch = Rgb::hex(*rng.pick(&[0xd9a23f, 0xb8483f, 0x4f8a6a]));
    let (px, py, pw, ph) = (x + w * 0.3, y + h * 0.25, 220.0, 170.0);
    c.fill(turned(rect(px, py, pw, ph), angle, cx, cy), patch.color());
    // Stitches done along three sides; the needle trails its thread from the fourth.
    let stitch = Rgb::hex(0xf4efe4);
    for k in 0..10 {
        let sx = px + 10.0 + k as f32 * 21.0;
        c.stroke(
            turned(line(sx, py - 8.0, sx + 10.0, py + 8.0), angle, cx, cy),
            stitch.color(),
            3.0,
        );
        let sy = py + 10.0 + k as f32 * 15.0;
        c.stroke(
            turned(line(px - 8.0, sy, px + 8.0, sy + 8.0), angle, cx, cy),
            stitch.color(),
            3.0,
        );
    }
    for k in 0..5 {
        let sx = px + 10.0 + k as f32 * 21.0;
        c.stroke(
            turned(
                line(sx, py + ph - 8.0, sx + 10.0, py + ph + 8.0),
                angle,
                cx,
                cy,
            ),
            stitch.color(),
            3.0,
        );
    }
    let (nx, ny) = (px + pw * 0.55, py + ph + 6.0);
    c.stroke(
        turned(
            curve(&[
                (nx, ny),
                (nx + 80.0, ny + 90.0),
                (nx + 260.0, ny + 40.0),
                (nx + 320.0, ny - 60.0),
            ]),
            angle,
            cx,
            cy,
        ),
        stitch.color(),
        2.5,
    );
    c.stroke(
        turned(
            line(nx + 300.0, ny - 130.0, nx + 340.0, ny + 10.0),
            angle,
            cx,
            cy,
        ),
        Rgb::hex(0xc8ccd0).color(),
        5.0,
    );
}

fn scissors(c: &mut Canvas, x: f32, y: f32) {
    let steel = Rgb::hex(0xc8ccd0);
    let handle = Rgb::hex(0x2a2a2a);
    c.stroke(line(x, y, x + 260.0, y - 180.0), steel.color(), 16.0);
    c.stroke(
        line(x, y, x + 290.0, y - 110.0),
        steel.mix(Rgb(0, 0, 0), 0.1).color(),
        16.0,
    );
    c.fill(circle(x, y, 10.0), Rgb::hex(0x6a6a6a).color());
    c.stroke(
        ellipse(x - 70.0, y + 40.0, 48.0, 34.0),
        handle.color(),
        16.0,
    );
    c.stroke(
        ellipse(x - 40.0, y + 90.0, 48.0, 34.0),
        handle.color(),
        16.0,
    );
}

fn tape(c: &mut Canvas, rng: &mut Rng) {
    let yellow = Rgb::hex(0xe8c86a);
    let (x, y) = (W * 0.08, H * 0.95);
    let pts: Vec<(f32, f32)> = (0..=8)
        .map(|k| {
            (
                x + k as f32 * 90.0,
                y - 40.0 * (k as f32 * 0.8).sin() - rng.range(0.0, 10.0),
            )
        })
        .collect();
    c.stroke(curve(&pts), yellow.mix(Rgb(0, 0, 0), 0.2).color(), 46.0);
    c.stroke(curve(&pts), yellow.color(), 40.0);
}
