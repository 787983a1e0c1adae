//! On the road and in the hills: a line of aid lorries waiting at a crossing at dawn, or stone
//! houses on terraced hills where some walls are broken.

use super::super::canvas::{
    blob, circle, ellipse, polygon, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{clouds, haze, hills, sky, sun, Light, TimeOfDay};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Road {
    Convoy,
    Village,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Road) -> Caption {
    let time = if kind == Road::Convoy {
        TimeOfDay::Dawn
    } else {
        TimeOfDay::daylight(rng)
    };
    let light = time.light();
    let horizon = H * 0.55;
    sky(c, &light, horizon);
    sun(c, time, W * rng.range(0.6, 0.8), horizon - 80.0, 40.0);
    clouds(
        c,
        rng,
        light.horizon.mix(light.sun, 0.4),
        0.35,
        3,
        H * 0.08,
        H * 0.35,
    );
    match kind {
        Road::Convoy => {
            convoy(c, rng, &light, horizon);
            Caption::new(
                "a long line of white aid lorries on a desert road at dawn, waiting at a crossing gate",
                "صف طويل من شاحنات المساعدات البيضاء على طريق صحراوي عند الفجر، تنتظر عند بوابة معبر",
            )
        }
        Road::Village => {
            village(c, rng, &light, horizon);
            Caption::new(
                format!("stone houses on terraced hills {}, some with broken walls and roofs, olive trees between them", time.words().en),
                format!("بيوت حجرية على تلال مدرّجة {}، بعضها بجدران وأسقف مهدّمة، وأشجار زيتون بينها", time.words().ar),
            )
        }
    }
}

fn convoy(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    hills(
        c,
        rng,
        light,
        Rgb::hex(0xb89a74),
        2,
        horizon - 40.0,
        horizon,
    );
    let sand = Rgb::hex(0xd9bf94);
    c.shade(
        rect(0.0, horizon, W, H - horizon),
        vertical(
            horizon,
            H,
            &[
                (0.0, sand.mix(light.haze, 0.4).color()),
                (1.0, sand.mix(light.ink, 0.25).color()),
            ],
        ),
    );
    haze(c, light, horizon + 30.0, 60.0, 0.3);
    // The road across the picture, its far end at the gate on the right.
    let road_y = H * 0.76;
    c.fill(
        polygon(&[
            (0.0, road_y - 30.0),
            (W, road_y - 70.0),
            (W, road_y + 40.0),
            (0.0, road_y + 90.0),
        ]),
        Rgb::hex(0x5a5550).mix(light.haze, 0.2).color(),
    );
    let (gx, gy) = (W * 0.86, road_y - 60.0);
    let concrete = Rgb::hex(0xc8c0b0).mix(light.ink, 0.2);
    c.fill(rect(gx - 160.0, gy - 200.0, 320.0, 26.0), concrete.color());
    c.fill(rect(gx - 150.0, gy - 180.0, 24.0, 190.0), concrete.color());
    c.fill(rect(gx + 126.0, gy - 180.0, 24.0, 190.0), concrete.color());
    c.fill(
        rect(gx - 126.0, gy - 60.0, 200.0, 12.0),
        Rgb::hex(0xc8353d).color(),
    );
    for k in 0..4 {
        c.fill(
            rect(gx - 110.0 + k as f32 * 50.0, gy - 60.0, 25.0, 12.0),
            Rgb::hex(0xf2efe8).color(),
        );
    }
    // Lorries queued towards it, smaller with distance.
    for k in 0..5 {
        let t = k as f32 / 5.0;
        let s = 1.05 + t * 0.45;
        let x = gx - 300.0 - k as f32 * 280.0 * (1.0 + t * 0.3);
        let y = road_y - 50.0 + k as f32 * 14.0;
        lorry(c, light, x, y, s);
    }
    for _ in 0..4 {
        let (x, y, r) = (
            rng.range(0.0, W * 0.6),
            road_y + rng.range(-40.0, 20.0),
            rng.range(60.0, 120.0),
        );
        c.fill(
            blob(rng, x, y, r, 0.3, 2.0),
            sand.mix(Rgb(255, 255, 255), 0.3).alpha(0.25),
        );
    }
}

/// A lorry side on, facing right, its wheels on `y`.
fn lorry(c: &mut Canvas, light: &Light, x: f32, y: f32, s: f32) {
    let white = Rgb::hex(0xeeeae2).mix(light.ink, 0.15);
    c.fill(
        ellipse(x + 20.0 * s, y + 6.0 * s, 110.0 * s, 10.0 * s),
        Rgb(0, 0, 0).alpha(0.2),
    );
    c.fill(
        rect(x - 100.0 * s, y - 110.0 * s, 170.0 * s, 95.0 * s),
        white.color(),
    );
    c.fill(
        rect(x - 100.0 * s, y - 60.0 * s, 170.0 * s, 10.0 * s),
        Rgb::hex(0x2f5d8a).mix(light.ink, 0.1).color(),
    );
    c.fill(
        rounded(x + 74.0 * s, y - 80.0 * s, 56.0 * s, 66.0 * s, 8.0 * s),
        white.mix(light.sun, 0.1).color(),
    );
    c.fill(
        rect(x + 96.0 * s, y - 72.0 * s, 26.0 * s, 24.0 * s),
        light.horizon.mix(light.ink, 0.4).color(),
    );
    c.fill(
        rect(x - 100.0 * s, y - 18.0 * s, 230.0 * s, 8.0 * s),
        light.ink.color(),
    );
    for wx in [-70.0, -30.0, 100.0] {
        c.fill(
            circle(x + wx * s, y - 6.0 * s, 16.0 * s),
            Rgb::hex(0x2a2a2a).color(),
        );
    }
    c.glow(x + 130.0 * s, y - 24.0 * s, 26.0 * s, light.lamp, 0.7);
}

fn village(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    hills(
        c,
        rng,
        light,
        Rgb::hex(0x8a9a6a),
        2,
        horizon - 80.0,
        horizon - 20.0,
    );
    let stone = Rgb::hex(0xd9ccb0);
    // Terraces stepping down the hill.
    for k in 0..5 {
        let y = horizon - 20.0 + k as f32 * 90.0;
        let soil = Rgb::hex(0xa8946a).mix(light.haze, 0.3 - k as f32 * 0.05);
        c.fill(rect(0.0, y, W, 90.0), soil.color());
        c.fill(rect(0.0, y, W, 14.0), stone.mix(light.ink, 0.25).color());
    }
    for row in 0..4 {
        let y = horizon - 20.0 + row as f32 * 90.0 + 4.0;
        let s = 0.7 + row as f32 * 0.2;
        let mut x = rng.range(-40.0, 60.0);
        while x < W {
            if rng.chance(0.55) {
                let (w, h) = (rng.range(90.0, 140.0) * s, rng.range(70.0, 100.0) * s);
                let wall = stone.mix(light.ink, 0.1 + rng.range(0.0, 0.1));
                if rng.chance(0.3) {
                    // A broken house: jagged top, an empty window.
                    c.fill(
                        polygon(&[
                            (x, y),
                            (x, y - h),
                            (x + w * 0.3, y - h * 0.7),
                            (x + w * 0.45, y - h * 0.95),
                            (x + w * 0.7, y - h * 0.5),
                            (x + w, y - h * 0.6),
                            (x + w, y),
                        ]),
                        wall.mix(light.ink, 0.15).color(),
                    );
                    c.fill(
                        rect(x + w * 0.2, y - h * 0.45, w * 0.2, h * 0.25),
                        light.ink.alpha(0.7),
                    );
                } else {
                    c.fill(rect(x, y - h, w, h), wall.color());
                    c.fill(
                        rect(x - 4.0, y - h - 8.0, w + 8.0, 10.0),
                        wall.mix(light.ink, 0.2).color(),
                    );
                    c.fill(
                        rect(x + w * 0.2, y - h * 0.6, w * 0.18, h * 0.25),
                        light.ink.alpha(0.55),
                    );
                    c.fill(
                        rect(x + w * 0.6, y - h * 0.55, w * 0.22, h * 0.55),
                        Rgb::hex(0x3f6a8a).mix(light.ink, 0.3).color(),
                    );
                }
            } else {
                let r = 36.0 * s;
                c.fill(
                    rect(x + 40.0 * s, y - r * 1.2, 8.0 * s, r * 1.2),
                    Rgb::hex(0x5a4a3a).color(),
                );
                c.fill(
                    blob(rng, x + 44.0 * s, y - r * 1.7, r, 0.2, 1.3),
                    Rgb::hex(0x7a8a5a).mix(light.ink, 0.1).color(),
                );
            }
            x += rng.range(130.0, 200.0) * s;
        }
    }
}
