//! Under the sea: a reef of corals, some bleached white, with fish and light from above; or the
//! dark deep, where a torn sheet of plastic drifts among glowing microbes.

use super::super::canvas::{
    blob, circle, curve, ellipse, polygon, rect, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reef {
    Coral,
    Deep,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Reef) -> Caption {
    match kind {
        Reef::Coral => coral(c, rng),
        Reef::Deep => deep(c, rng),
    }
}

fn coral(c: &mut Canvas, rng: &mut Rng) -> Caption {
    c.shade(
        rect(0.0, 0.0, W, H),
        vertical(
            0.0,
            H,
            &[
                (0.0, Rgb::hex(0x5fb0c0).color()),
                (0.6, Rgb::hex(0x2a6a8a).color()),
                (1.0, Rgb::hex(0x163a55).color()),
            ],
        ),
    );
    // Shafts of light from the surface.
    for _ in 0..6 {
        let x = rng.range(0.0, W);
        let w = rng.range(40.0, 120.0);
        c.shade(
            polygon(&[
                (x, 0.0),
                (x + w, 0.0),
                (x + w * 3.0 - 200.0, H),
                (x - 200.0, H),
            ]),
            vertical(
                0.0,
                H,
                &[
                    (0.0, Rgb::hex(0xe8f8f4).alpha(0.22)),
                    (1.0, Rgb::hex(0xe8f8f4).alpha(0.0)),
                ],
            ),
        );
    }
    let sand = Rgb::hex(0xc8b48a).mix(Rgb::hex(0x2a6a8a), 0.35);
    let floor: Vec<(f32, f32)> = (0..=16)
        .map(|k| (k as f32 * 100.0, H * 0.8 + rng.range(-20.0, 20.0)))
        .collect();
    c.fill(super::super::canvas::ridge(&floor, H), sand.color());
    let living = [0xd9735f, 0xe29a5a, 0x9a5f8a, 0xd9b25a, 0x5f9a7a];
    for k in 0..14 {
        let x = k as f32 * 120.0 + rng.range(-30.0, 30.0);
        let y = H * 0.82 + rng.range(-10.0, 30.0);
        let bleached = rng.chance(0.35);
        let colour = if bleached {
            Rgb::hex(0xeeeae0)
        } else {
            Rgb::hex(*rng.pick(&living))
        };
        if k % 3 == 0 {
            // Brain coral: a dome with grooves.
            let r = rng.range(50.0, 80.0);
            c.fill(
                ellipse(x, y, r * 1.2, r * 0.8),
                colour.mix(Rgb(0, 0, 0), 0.15).color(),
            );
            for g in 0..4 {
                c.stroke(
                    ellipse(
                        x,
                        y + 6.0,
                        r * (1.0 - g as f32 * 0.22),
                        r * 0.6 * (1.0 - g as f32 * 0.22),
                    ),
                    colour.mix(Rgb(0, 0, 0), 0.35).alpha(0.6),
                    3.0,
                );
            }
        } else {
            // Branching coral: forks rising from one foot.
            let len = rng.range(70.0, 110.0);
            branch(c, rng, colour, (x, y), -90.0, len, 4);
        }
    }
    let fish_colours = [0xf0c25a, 0xe2784a, 0x7ad0e0];
    for colour in fish_colours {
        let (sx, sy) = (rng.range(W * 0.1, W * 0.9), rng.range(H * 0.15, H * 0.55));
        let colour = Rgb::hex(colour);
        for _ in 0..9 {
            let (x, y) = (sx + rng.range(-120.0, 120.0), sy + rng.range(-60.0, 60.0));
            c.fill(ellipse(x, y, 22.0, 10.0), colour.color());
            c.fill(
                polygon(&[(x - 18.0, y), (x - 34.0, y - 10.0), (x - 34.0, y + 10.0)]),
                colour.color(),
            );
            c.fill(circle(x + 12.0, y - 2.0, 2.5), Rgb::hex(0x1a1a1a).color());
        }
    }
    for _ in 0..40 {
        let (x, y) = (rng.range(0.0, W), rng.range(0.0, H * 0.8));
        c.stroke(
            circle(x, y, rng.range(3.0, 9.0)),
            Rgb::hex(0xeaf8fa).alpha(0.5),
            2.0,
        );
    }
    Caption::new(
        "a coral reef under clear blue water, living corals in orange and violet beside patches bleached white, small fish above",
        "شعاب مرجانية تحت مياه زرقاء صافية، مرجان حي برتقالي وبنفسجي بجانب بقع ابيضّت، وأسماك صغيرة فوقها",
    )
}

/// A coral branch from `(x, y)` and its forks, `depth` levels deep.
fn branch(
    c: &mut Canvas,
    rng: &mut Rng,
    colour: Rgb,
    (x, y): (f32, f32),
    angle: f32,
    len: f32,
    depth: usize,
) {
    let a = angle.to_radians();
    let (x2, y2) = (x + len * a.cos(), y + len * a.sin());
    let bend = (
        x + len * 0.5 * a.cos() + rng.range(-12.0, 12.0),
        y + len * 0.5 * a.sin(),
    );
    c.stroke(
        curve(&[(x, y), bend, (x2, y2)]),
        colour.color(),
        6.0 + depth as f32 * 4.0,
    );
    if depth > 1 {
        for turn in [-28.0, 26.0] {
            let angle = angle + turn + rng.range(-8.0, 8.0);
            branch(c, rng, colour, (x2, y2), angle, len * 0.72, depth - 1);
        }
    } else {
        c.fill(
            circle(x2, y2, 8.0),
            colour.mix(Rgb(255, 255, 255), 0.3).color(),
        );
    }
}

fn deep(c: &mut Canvas, rng: &mut Rng) -> Caption {
    c.shade(
        rect(0.0, 0.0, W, H),
        vertical(
            0.0,
            H,
            &[
                (0.0, Rgb::hex(0x0f2a40).color()),
                (1.0, Rgb::hex(0x040a14).color()),
            ],
        ),
    );
    // A lamp's beam from the upper left, as from a submersible.
    c.shade(
        polygon(&[(0.0, 60.0), (0.0, 160.0), (W * 0.9, H * 0.95), (W, H * 0.4)]),
        vertical(
            0.0,
            H,
            &[
                (0.0, Rgb::hex(0x9fd0e0).alpha(0.16)),
                (1.0, Rgb::hex(0x9fd0e0).alpha(0.02)),
            ],
        ),
    );
    for _ in 0..300 {
        let (x, y) = (rng.range(0.0, W), rng.range(0.0, H));
        c.fill(
            circle(x, y, rng.range(1.0, 3.0)),
            Rgb::hex(0xdfe8ea).alpha(rng.range(0.1, 0.4)),
        );
    }
    // The plastic sheet: pale, translucent, folded.
    let (px, py) = (W * rng.range(0.4, 0.6), H * 0.45);
    let sheet = blob(rng, px, py, 220.0, 0.45, 1.6);
    c.fill(sheet.clone(), Rgb::hex(0xd8e4ea).alpha(0.22));
    c.stroke(sheet, Rgb::hex(0xe8f2f6).alpha(0.45), 3.0);
    for k in 0..3 {
        let (fx, fy) = (px + rng.range(-80.0, 80.0), py + rng.range(-50.0, 50.0));
        let fold = blob(rng, fx, fy, 90.0 - k as f32 * 20.0, 0.5, 1.8);
        c.fill(fold, Rgb::hex(0xd8e4ea).alpha(0.15));
    }
    // Colonies of microbes glowing on and around it.
    let glow = Rgb::hex(0x7ff0c8);
    for _ in 0..14 {
        let (cx, cy) = (px + rng.range(-320.0, 320.0), py + rng.range(-180.0, 180.0));
        c.glow(cx, cy, 50.0, glow, 0.35);
        for _ in 0..8 {
            let (x, y) = (cx + rng.range(-24.0, 24.0), cy + rng.range(-24.0, 24.0));
            c.fill(
                ellipse(x, y, rng.range(4.0, 8.0), rng.range(2.5, 4.0)),
                glow.mix(Rgb(255, 255, 255), 0.4).alpha(0.9),
            );
        }
    }
    Caption::new(
        "the dark deep sea, a torn sheet of plastic drifting with colonies of glowing green microbes on it",
        "أعماق بحر مظلمة، ولوح بلاستيكي ممزق ينجرف وعليه مستعمرات من الميكروبات الخضراء المتوهجة",
    )
}
