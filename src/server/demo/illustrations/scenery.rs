//! What many scenes share: the light of a time of day, skies, sun and moon, clouds, stars,
//! hills and water.

use super::canvas::{circle, radial, rect, ridge, vertical, Canvas, Rgb, H, W};
use super::caption::Caption;
use super::rng::Rng;
use tiny_skia::{PathBuilder, Rect};

/// When an outdoor scene is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeOfDay {
    Dawn,
    Morning,
    Dusk,
    Night,
}

/// The colours of a time of day, chosen calm enough to sit on a light or a dark page.
#[derive(Clone, Copy, Debug)]
pub struct Light {
    /// Sky at the top of the picture.
    pub top: Rgb,
    /// Sky at the horizon.
    pub horizon: Rgb,
    /// Sun or moon.
    pub sun: Rgb,
    /// The air far away: distant shapes fade into it.
    pub haze: Rgb,
    /// Near shapes seen against the light.
    pub ink: Rgb,
    /// Lit windows and lamps.
    pub lamp: Rgb,
    /// Water's own colour.
    pub water: Rgb,
}

impl TimeOfDay {
    /// One of the four, by the dice.
    pub fn any(rng: &mut Rng) -> TimeOfDay {
        *rng.pick(&[
            TimeOfDay::Dawn,
            TimeOfDay::Morning,
            TimeOfDay::Dusk,
            TimeOfDay::Night,
        ])
    }

    /// Dawn, morning or dusk, by the dice (scenes that need daylight).
    pub fn daylight(rng: &mut Rng) -> TimeOfDay {
        *rng.pick(&[TimeOfDay::Dawn, TimeOfDay::Morning, TimeOfDay::Dusk])
    }

    pub fn light(self) -> Light {
        match self {
            TimeOfDay::Dawn => Light {
                top: Rgb::hex(0x34405f),
                horizon: Rgb::hex(0xeebf98),
                sun: Rgb::hex(0xffe2b8),
                haze: Rgb::hex(0xb89ea6),
                ink: Rgb::hex(0x343a55),
                lamp: Rgb::hex(0xffd48a),
                water: Rgb::hex(0x55627e),
            },
            TimeOfDay::Morning => Light {
                top: Rgb::hex(0x5f8fb8),
                horizon: Rgb::hex(0xdde6e6),
                sun: Rgb::hex(0xfff3d2),
                haze: Rgb::hex(0xaec3cf),
                ink: Rgb::hex(0x3f5568),
                lamp: Rgb::hex(0xfff0c8),
                water: Rgb::hex(0x4f7f9c),
            },
            TimeOfDay::Dusk => Light {
                top: Rgb::hex(0x292c50),
                horizon: Rgb::hex(0xec8f62),
                sun: Rgb::hex(0xffc98e),
                haze: Rgb::hex(0xa9737c),
                ink: Rgb::hex(0x2a2944),
                lamp: Rgb::hex(0xffc46e),
                water: Rgb::hex(0x4a4665),
            },
            TimeOfDay::Night => Light {
                top: Rgb::hex(0x0f1a2e),
                horizon: Rgb::hex(0x34496b),
                sun: Rgb::hex(0xf1ecda),
                haze: Rgb::hex(0x3a4c6c),
                ink: Rgb::hex(0x141c2e),
                lamp: Rgb::hex(0xffcf7a),
                water: Rgb::hex(0x1d2b45),
            },
        }
    }

    /// "at dusk" and its Arabic.
    pub fn words(self) -> Caption {
        match self {
            TimeOfDay::Dawn => Caption::new("at dawn", "عند الفجر"),
            TimeOfDay::Morning => Caption::new("in the morning", "في الصباح"),
            TimeOfDay::Dusk => Caption::new("at dusk", "عند الغروب"),
            TimeOfDay::Night => Caption::new("at night", "ليلاً"),
        }
    }

    /// What the sky looks like, as a phrase: "under an orange sky".
    pub fn sky_words(self) -> Caption {
        match self {
            TimeOfDay::Dawn => Caption::new("under a pale pink sky", "تحت سماء وردية شاحبة"),
            TimeOfDay::Morning => Caption::new("under a clear blue sky", "تحت سماء زرقاء صافية"),
            TimeOfDay::Dusk => Caption::new("under an orange evening sky", "تحت سماء برتقالية"),
            TimeOfDay::Night => Caption::new("under a moonlit sky", "تحت سماء مقمرة"),
        }
    }
}

/// Fills the picture with the sky of `light`, fading to the horizon colour at `horizon`.
pub fn sky(c: &mut Canvas, light: &Light, horizon: f32) {
    c.shade(
        rect(0.0, 0.0, W, horizon),
        vertical(
            0.0,
            horizon,
            &[(0.0, light.top.color()), (1.0, light.horizon.color())],
        ),
    );
    // Below the horizon the sky is one colour: a plain fill, far quicker than a gradient.
    c.fill(rect(0.0, horizon, W, H - horizon), light.horizon.color());
}

/// The sun (or, at night, the moon) with its glow.
pub fn sun(c: &mut Canvas, time: TimeOfDay, x: f32, y: f32, r: f32) {
    let light = time.light();
    c.glow(x, y, r * 7.0, light.sun, 0.35);
    c.fill(circle(x, y, r), light.sun.color());
    if time == TimeOfDay::Night {
        // The moon's seas.
        let sea = light.haze.mix(light.sun, 0.55);
        c.fill(circle(x - r * 0.3, y - r * 0.2, r * 0.28), sea.alpha(0.5));
        c.fill(circle(x + r * 0.25, y + r * 0.3, r * 0.2), sea.alpha(0.45));
        c.fill(circle(x + r * 0.35, y - r * 0.35, r * 0.12), sea.alpha(0.4));
    }
}

/// A band of haze rising from `ground` up to `ground - height`: what puts air between rows.
pub fn haze(c: &mut Canvas, light: &Light, ground: f32, height: f32, alpha: f32) {
    c.shade(
        rect(0.0, ground - height, W, height),
        vertical(
            ground - height,
            ground,
            &[(0.0, light.haze.alpha(0.0)), (1.0, light.haze.alpha(alpha))],
        ),
    );
}

/// Darkens the corners a little, as a lens does: it draws the eye to the middle.
pub fn vignette(c: &mut Canvas) {
    // Only the corners darken, so only they are painted: the frame with the clear middle cut
    // out (a full-frame gradient was a sixth of the drawing time).
    let (x, y, clear) = (W / 2.0, H / 2.0, W * 0.62 * 0.7);
    let mut frame = PathBuilder::new();
    if let Some(whole) = Rect::from_xywh(0.0, 0.0, W, H) {
        frame.push_rect(whole);
    }
    frame.push_circle(x, y, clear);
    c.shade_even_odd(
        frame.finish(),
        radial(
            x,
            y,
            W * 0.62,
            &[
                (0.0, Rgb(0, 0, 0).alpha(0.0)),
                (0.7, Rgb(0, 0, 0).alpha(0.0)),
                (1.0, Rgb(0, 0, 0).alpha(0.22)),
            ],
        ),
    );
}

/// Soft clouds between heights `y0` and `y1`, each one shape made of overlapping puffs.
pub fn clouds(
    c: &mut Canvas,
    rng: &mut Rng,
    color: Rgb,
    alpha: f32,
    count: usize,
    y0: f32,
    y1: f32,
) {
    for _ in 0..count {
        let (x, y) = (rng.range(-100.0, W + 100.0), rng.range(y0, y1));
        let size = rng.range(50.0, 110.0);
        let mut puffs = PathBuilder::new();
        for k in 0..5 {
            let off = k as f32 - 2.0;
            let dx = off * size * 0.6 + rng.range(-12.0, 12.0);
            let r = size * (0.62 - off.abs() * 0.13);
            if let Some(oval) = Rect::from_xywh(x + dx - r, y - r * 1.3, 2.0 * r, 2.0 * r) {
                puffs.push_oval(oval);
            }
        }
        // A flat base, as clouds have.
        if let Some(base) = Rect::from_xywh(x - size * 1.1, y - size * 0.3, size * 2.2, size * 0.3)
        {
            puffs.push_rect(base);
        }
        c.shade(
            puffs.finish(),
            vertical(
                y - size * 1.3,
                y,
                &[
                    (0.0, color.mix(Rgb::hex(0xffffff), 0.25).alpha(alpha)),
                    (1.0, color.alpha(alpha * 0.8)),
                ],
            ),
        );
    }
}

/// Small stars above `y_max`.
pub fn stars(c: &mut Canvas, rng: &mut Rng, count: usize, y_max: f32) {
    for _ in 0..count {
        let (x, y) = (rng.range(0.0, W), rng.range(0.0, y_max));
        let a = rng.range(0.25, 0.85);
        c.fill(
            circle(x, y, rng.range(0.8, 2.2)),
            Rgb::hex(0xf4f1e6).alpha(a),
        );
    }
}

/// The outline of a range of hills: a smooth line around `base` that rises and falls by up to
/// `amplitude`, with `waves` large swells across the picture.
pub fn profile(rng: &mut Rng, base: f32, amplitude: f32, waves: f32) -> Vec<(f32, f32)> {
    let phases = [
        rng.range(0.0, 6.3),
        rng.range(0.0, 6.3),
        rng.range(0.0, 6.3),
    ];
    let k = std::f32::consts::TAU * waves / W;
    (0..=42)
        .map(|i| {
            let x = -40.0 + i as f32 * 40.0;
            let y = base
                - amplitude
                    * (0.6 * (x * k + phases[0]).sin()
                        + 0.3 * (x * k * 2.3 + phases[1]).sin()
                        + 0.1 * (x * k * 5.1 + phases[2]).sin());
            (x, y)
        })
        .collect()
}

/// How far a range of hills rises and falls about its base line.
const HILL_SWELL: f32 = 40.0;

/// Layers of hills from far (faded into the haze) to near (`near` colour), between heights
/// `top` and `bottom`.
pub fn hills(
    c: &mut Canvas,
    rng: &mut Rng,
    light: &Light,
    near: Rgb,
    layers: usize,
    top: f32,
    bottom: f32,
) {
    // A far layer only needs to reach down to where the next one is sure to cover it.
    let base_of = |i: usize| {
        let t = if layers == 1 {
            1.0
        } else {
            i as f32 / (layers - 1) as f32
        };
        (t, top + (bottom - top) * t)
    };
    for i in 0..layers {
        let (t, base) = base_of(i);
        let floor = if i + 1 < layers {
            base_of(i + 1).1 + HILL_SWELL + 4.0
        } else {
            H
        };
        let colour = light.haze.mix(near, 0.35 + 0.65 * t);
        let waves = rng.range(1.0, 2.2);
        let points = profile(rng, base, HILL_SWELL - 15.0 * t, waves);
        c.shade(
            ridge(&points, floor),
            vertical(
                base - HILL_SWELL,
                H,
                &[
                    (0.0, colour.color()),
                    (1.0, colour.mix(light.ink, 0.25).color()),
                ],
            ),
        );
    }
}

/// Water from `top` to the bottom of the picture, with the sky's light glinting on it.
pub fn water(c: &mut Canvas, rng: &mut Rng, light: &Light, top: f32, glint_x: f32) {
    c.shade(
        rect(0.0, top, W, H - top),
        vertical(
            top,
            H,
            &[
                (0.0, light.horizon.mix(light.water, 0.55).color()),
                (0.35, light.water.color()),
                (1.0, light.water.mix(light.ink, 0.5).color()),
            ],
        ),
    );
    // Ripples: short light strokes, denser near the glint.
    let mut y = top + 6.0;
    let mut gap = 6.0;
    while y < H {
        for _ in 0..6 {
            let x = glint_x + rng.range(-380.0, 380.0) * (1.0 + (y - top) / 300.0);
            let len = rng.range(20.0, 90.0) * (1.0 + (y - top) / 400.0);
            let a = 0.35 * (1.0 - (x - glint_x).abs() / 900.0).max(0.0);
            c.fill(rect(x, y, len, 2.0 + (y - top) / 200.0), light.sun.alpha(a));
        }
        y += gap;
        gap *= 1.12;
    }
}
