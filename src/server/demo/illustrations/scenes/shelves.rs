//! Books and shops: a wall of bookshelves under a warm lamp, or a street of small shopfronts.

use super::super::canvas::{
    circle, polygon, radial, rect, rounded, turned, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{sky, TimeOfDay};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shelves {
    Books,
    Shopfronts,
}

const SPINES: [u32; 10] = [
    0x8a3f3a, 0x2f4f6f, 0x4f7a5a, 0xc59a4a, 0x6a4a6a, 0xd9cbb0, 0x3a5a6a, 0xb0683f, 0x2f3a4a,
    0x7a8a5a,
];

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Shelves) -> Caption {
    match kind {
        Shelves::Books => books(c, rng),
        Shelves::Shopfronts => shops(c, rng),
    }
}

fn books(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let wood = Rgb::hex(0x6a4a36);
    c.fill(rect(0.0, 0.0, W, H), wood.mix(Rgb(0, 0, 0), 0.45).color());
    let shelf_h = H / 3.0;
    for s in 0..3 {
        let base = (s + 1) as f32 * shelf_h - 24.0;
        let back = wood.mix(Rgb(0, 0, 0), 0.55);
        c.fill(
            rect(0.0, base - shelf_h + 24.0, W, shelf_h - 24.0),
            back.color(),
        );
        let mut x = 30.0;
        while x < W - 40.0 {
            let spine = Rgb::hex(*rng.pick(&SPINES));
            let (w, h) = (
                rng.range(26.0, 58.0),
                rng.range(shelf_h * 0.55, shelf_h * 0.85),
            );
            if rng.chance(0.06) {
                // A book leaning on its neighbour.
                let path = rect(x + 10.0, base - h, w, h);
                c.fill(turned(path, 14.0, x + 10.0 + w, base), spine.color());
                x += h * 0.3 + w;
                continue;
            }
            if rng.chance(0.05) {
                // A small stack lying flat.
                for k in 0..4 {
                    let tone = Rgb::hex(*rng.pick(&SPINES));
                    c.fill(
                        rect(
                            x,
                            base - (k + 1) as f32 * 22.0,
                            150.0 - k as f32 * 8.0,
                            21.0,
                        ),
                        tone.color(),
                    );
                }
                x += 160.0;
                continue;
            }
            c.shade(
                rect(x, base - h, w, h),
                super::super::canvas::linear(
                    x,
                    0.0,
                    x + w,
                    0.0,
                    &[
                        (0.0, spine.mix(Rgb(0, 0, 0), 0.25).color()),
                        (0.35, spine.mix(Rgb(255, 255, 255), 0.12).color()),
                        (1.0, spine.mix(Rgb(0, 0, 0), 0.3).color()),
                    ],
                ),
            );
            for band in [0.12, 0.8] {
                c.fill(
                    rect(x + 3.0, base - h + h * band, w - 6.0, 5.0),
                    Rgb::hex(0xe2c27a).alpha(0.55),
                );
            }
            c.fill(
                rect(x + w * 0.25, base - h + h * 0.3, w * 0.5, h * 0.3),
                Rgb::hex(0xffffff).alpha(0.1),
            );
            x += w + 2.0;
        }
        c.fill(rect(0.0, base, W, 24.0), wood.color());
        c.fill(
            rect(0.0, base, W, 5.0),
            wood.mix(Rgb(255, 255, 255), 0.2).color(),
        );
    }
    // The lamp's warm pool of light, and dark edges.
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * rng.range(0.3, 0.7),
            H * 0.3,
            W * 0.7,
            &[
                (0.0, Rgb::hex(0xffd9a0).alpha(0.22)),
                (0.6, Rgb(0, 0, 0).alpha(0.0)),
                (1.0, Rgb(0, 0, 0).alpha(0.35)),
            ],
        ),
    );
    Caption::new(
        "floor-to-ceiling shelves of books in many colours, some leaning and some stacked, in warm lamplight",
        "رفوف كتب من الأرض حتى السقف بألوان كثيرة، بعضها مائل وبعضها مكدّس، تحت ضوء مصباح دافئ",
    )
}

fn shops(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let time = TimeOfDay::daylight(rng);
    let light = time.light();
    sky(c, &light, H * 0.3);
    let paints = [0x2f4f6f, 0x7a3f3a, 0x3f6a5a, 0xc59a4a, 0x5a4a6a, 0xd9cbb0];
    let awnings = [0xc8553d, 0x2f6f8f, 0x4f8a5a, 0xd9a03f];
    let ground = H * 0.88;
    let mut x = -40.0;
    while x < W {
        let w = rng.range(300.0, 380.0);
        let wall = Rgb::hex(*rng.pick(&paints)).mix(light.ink, 0.15);
        let top = rng.range(H * 0.05, H * 0.2);
        c.fill(
            rect(x, top, w, ground - top),
            wall.mix(Rgb::hex(0xe8e0d0), 0.5).color(),
        );
        for k in 0..2 {
            c.fill(
                rounded(
                    x + w * (0.18 + 0.4 * k as f32),
                    top + 40.0,
                    w * 0.24,
                    110.0,
                    6.0,
                ),
                light.horizon.mix(light.ink, 0.3).color(),
            );
        }
        // Shop front: fascia, window, door, awning.
        let front = H * 0.42;
        c.fill(rect(x, front, w, ground - front), wall.color());
        c.fill(
            rect(x + 20.0, front + 20.0, w - 40.0, 50.0),
            wall.mix(Rgb(0, 0, 0), 0.3).color(),
        );
        c.fill(
            rect(x + 40.0, front + 38.0, w * 0.5, 14.0),
            Rgb::hex(0xe2c27a).alpha(0.8),
        );
        let (wx, wy, ww, wh) = (x + 24.0, front + 150.0, w * 0.58, ground - front - 170.0);
        c.shade(
            rect(wx, wy, ww, wh),
            vertical(
                wy,
                wy + wh,
                &[
                    (0.0, Rgb::hex(0xffe2b0).color()),
                    (1.0, Rgb::hex(0xd9a870).color()),
                ],
            ),
        );
        for k in 0..4 {
            let tone = Rgb::hex(SPINES[(k + rng.below(10)) % 10]);
            c.fill(
                rect(
                    wx + 20.0 + k as f32 * ww * 0.22,
                    wy + wh - 80.0 - k as f32 * 6.0,
                    ww * 0.16,
                    80.0 + k as f32 * 6.0,
                ),
                tone.color(),
            );
        }
        c.fill(
            rect(wx, wy + wh - 18.0, ww, 18.0),
            wall.mix(Rgb(0, 0, 0), 0.4).color(),
        );
        c.fill(
            rect(x + w * 0.7, wy - 20.0, w * 0.2, wh + 20.0),
            wall.mix(Rgb(0, 0, 0), 0.45).color(),
        );
        c.fill(
            circle(x + w * 0.73, wy + wh * 0.55, 5.0),
            Rgb::hex(0xe2c27a).color(),
        );
        let awning = Rgb::hex(*rng.pick(&awnings));
        let stripes = 8;
        for k in 0..stripes {
            let sx = x + 10.0 + k as f32 * (w - 20.0) / stripes as f32;
            let sw = (w - 20.0) / stripes as f32;
            let tone = if k % 2 == 0 {
                awning
            } else {
                Rgb::hex(0xf2ede2)
            };
            c.fill(
                polygon(&[
                    (sx, front + 80.0),
                    (sx + sw, front + 80.0),
                    (sx + sw + 6.0, front + 140.0),
                    (sx + 6.0, front + 140.0),
                ]),
                tone.color(),
            );
        }
        x += w;
    }
    c.fill(
        rect(0.0, ground, W, H - ground),
        Rgb::hex(0x9a948a).mix(light.ink, 0.2).color(),
    );
    c.fill(rect(0.0, ground, W, 8.0), Rgb::hex(0xc8c2b6).color());
    Caption::new(
        format!(
            "a street of small independent shops with striped awnings and warmly lit windows {}",
            time.words().en
        ),
        format!(
            "شارع من المتاجر الصغيرة المستقلة بمظلات مخططة ونوافذ مضاءة بدفء {}",
            time.words().ar
        ),
    )
}
