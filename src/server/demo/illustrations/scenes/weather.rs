//! Bad weather: driving rain over a flooded railway, snow on an airport apron, a typhoon's
//! spiral seen from space.

use super::super::canvas::{
    arc, blob, circle, ellipse, line, polygon, radial, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{hills, Light, TimeOfDay};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weather {
    /// Gales and rain over a flooded railway line.
    Flood,
    /// Snow falling on airliners at their gates.
    Snow,
    /// A typhoon seen from orbit.
    Typhoon,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Weather) -> Caption {
    match kind {
        Weather::Flood => flood(c, rng),
        Weather::Snow => snow(c, rng),
        Weather::Typhoon => typhoon(c, rng),
    }
}

/// A low, heavy sky: layers of slate cloud.
fn storm_sky(c: &mut Canvas, rng: &mut Rng, top: Rgb, low: Rgb, horizon: f32) {
    c.shade(
        rect(0.0, 0.0, W, H),
        vertical(0.0, horizon, &[(0.0, top.color()), (1.0, low.color())]),
    );
    for layer in 0..4 {
        let y = 40.0 + layer as f32 * horizon * 0.16;
        let tone = top.mix(low, layer as f32 / 4.0).mix(Rgb(0, 0, 0), 0.12);
        for _ in 0..7 {
            let (x, r) = (rng.range(-100.0, W + 100.0), rng.range(60.0, 120.0));
            c.fill(blob(rng, x, y, r, 0.25, 3.0), tone.alpha(0.75));
        }
    }
}

fn rain(c: &mut Canvas, rng: &mut Rng, count: usize, slant: f32) {
    for _ in 0..count {
        let (x, y) = (rng.range(-200.0, W + 100.0), rng.range(-50.0, H));
        let len = rng.range(30.0, 70.0);
        c.stroke(
            line(x, y, x + slant * len, y + len),
            Rgb::hex(0xdde6ee).alpha(rng.range(0.15, 0.4)),
            2.0,
        );
    }
}

fn flood(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let time = TimeOfDay::Morning;
    let mut light: Light = time.light();
    light.haze = Rgb::hex(0x8a96a0);
    light.ink = Rgb::hex(0x2f3a44);
    let horizon = H * 0.5;
    storm_sky(c, rng, Rgb::hex(0x3f4a58), Rgb::hex(0x9aa4ac), horizon);
    hills(
        c,
        rng,
        &light,
        Rgb::hex(0x4a6050),
        2,
        horizon - 40.0,
        horizon + 10.0,
    );
    // Floodwater over the fields, the line's embankment just above it.
    let water = Rgb::hex(0x7a8a90);
    c.shade(
        rect(0.0, horizon + 20.0, W, H),
        vertical(
            horizon,
            H,
            &[
                (0.0, water.mix(Rgb::hex(0xc0c8cc), 0.4).color()),
                (1.0, water.mix(Rgb(0, 0, 0), 0.3).color()),
            ],
        ),
    );
    let vx = W * 0.55;
    c.fill(
        polygon(&[
            (vx - 12.0, horizon + 20.0),
            (vx + 12.0, horizon + 20.0),
            (W * 0.95, H),
            (W * 0.1, H),
        ]),
        Rgb::hex(0x5a5048).color(),
    );
    for k in 0..18 {
        let t = (k as f32 / 18.0).powf(1.8);
        let y = horizon + 20.0 + (H - horizon - 20.0) * t;
        let half = 12.0 + (W * 0.35) * t;
        c.fill(
            rect(vx - half * 0.75, y, half * 1.5, 3.0 + 10.0 * t),
            Rgb::hex(0x3a3028).color(),
        );
    }
    for side in [-1.0, 1.0] {
        c.stroke(
            line(vx + side * 6.0, horizon + 20.0, vx + side * W * 0.26, H),
            Rgb::hex(0xb8bcc0).color(),
            6.0,
        );
    }
    // Water across the tracks in the middle distance.
    c.fill(
        ellipse(vx + 40.0, horizon + 120.0, 260.0, 26.0),
        water.mix(Rgb::hex(0xc0c8cc), 0.3).alpha(0.9),
    );
    // A signal, red, and poles bent by the wind.
    c.fill(
        rect(W * 0.78, horizon - 60.0, 10.0, 200.0),
        Rgb::hex(0x2a2a2a).color(),
    );
    c.fill(
        rounded(W * 0.78 - 18.0, horizon - 110.0, 46.0, 70.0, 8.0),
        Rgb::hex(0x2a2a2a).color(),
    );
    c.glow(
        W * 0.78 + 5.0,
        horizon - 90.0,
        50.0,
        Rgb::hex(0xe04a3d),
        0.7,
    );
    c.fill(
        circle(W * 0.78 + 5.0, horizon - 90.0, 12.0),
        Rgb::hex(0xff6a5a).color(),
    );
    for k in 0..5 {
        let x = W * (0.08 + 0.09 * k as f32);
        c.stroke(
            line(
                x,
                horizon + 30.0 + k as f32 * 25.0,
                x + 30.0,
                horizon - 120.0 + k as f32 * 30.0,
            ),
            Rgb::hex(0x3a3028).color(),
            7.0,
        );
    }
    rain(c, rng, 420, -0.45);
    Caption::new(
        "driving rain and dark storm clouds over a railway line, floodwater across the tracks and a red signal",
        "أمطار غزيرة وغيوم عاصفة داكنة فوق سكة حديد، ومياه الفيضان تغمر القضبان وإشارة حمراء",
    )
}

fn snow(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let horizon = H * 0.55;
    c.shade(
        rect(0.0, 0.0, W, H),
        vertical(
            0.0,
            horizon,
            &[
                (0.0, Rgb::hex(0x1f2a3e).color()),
                (1.0, Rgb::hex(0x5a6a82).color()),
            ],
        ),
    );
    // The terminal, lit.
    c.fill(
        rect(0.0, horizon - 120.0, W, 120.0),
        Rgb::hex(0x2a3448).color(),
    );
    for k in 0..40 {
        c.fill(
            rect(k as f32 * 40.0 + 6.0, horizon - 100.0, 28.0, 60.0),
            Rgb::hex(0xffd08a).alpha(0.55),
        );
    }
    c.fill(
        rect(0.0, horizon - 128.0, W, 12.0),
        Rgb::hex(0xe8eef4).color(),
    );
    // The apron under snow.
    c.shade(
        rect(0.0, horizon, W, H - horizon),
        vertical(
            horizon,
            H,
            &[
                (0.0, Rgb::hex(0xc8d2dc).color()),
                (1.0, Rgb::hex(0xe8eef4).color()),
            ],
        ),
    );
    for k in 0..3 {
        let (x, y) = (
            W * (0.18 + 0.34 * k as f32),
            horizon + 90.0 + 40.0 * k as f32,
        );
        let s = 0.8 + 0.25 * k as f32;
        plane(c, x, y, s);
    }
    // Blue taxiway lights in a row.
    for k in 0..16 {
        let x = k as f32 * 105.0 + 20.0;
        c.glow(x, H * 0.92, 30.0, Rgb::hex(0x6aa0ff), 0.7);
        c.fill(circle(x, H * 0.92, 6.0), Rgb::hex(0xbcd4ff).color());
    }
    for _ in 0..550 {
        let (x, y) = (rng.range(0.0, W), rng.range(0.0, H));
        c.fill(
            circle(x, y, rng.range(1.5, 4.5)),
            Rgb::hex(0xffffff).alpha(rng.range(0.4, 0.9)),
        );
    }
    Caption::new(
        "airliners capped with snow at a terminal at night, heavy snow falling past blue taxiway lights",
        "طائرات يكسوها الثلج عند مبنى المطار ليلاً، والثلج يتساقط بكثافة أمام أضواء المدرج الزرقاء",
    )
}

/// An airliner side on, nose to the right.
fn plane(c: &mut Canvas, x: f32, y: f32, s: f32) {
    let body = Rgb::hex(0xe8ecf0);
    c.fill(
        ellipse(x, y + 50.0 * s, 200.0 * s, 12.0 * s),
        Rgb(0, 0, 0).alpha(0.15),
    );
    c.fill(
        rounded(x - 200.0 * s, y - 30.0 * s, 380.0 * s, 60.0 * s, 30.0 * s),
        body.color(),
    );
    c.fill(
        polygon(&[
            (x - 190.0 * s, y - 20.0 * s),
            (x - 150.0 * s, y - 20.0 * s),
            (x - 200.0 * s, y - 120.0 * s),
            (x - 230.0 * s, y - 120.0 * s),
        ]),
        Rgb::hex(0x2f5d8a).color(),
    );
    c.fill(
        polygon(&[
            (x - 40.0 * s, y + 10.0 * s),
            (x + 40.0 * s, y + 10.0 * s),
            (x - 60.0 * s, y + 40.0 * s),
            (x - 120.0 * s, y + 40.0 * s),
        ]),
        body.mix(Rgb(0, 0, 0), 0.15).color(),
    );
    c.fill(
        rounded(x - 60.0 * s, y + 22.0 * s, 70.0 * s, 26.0 * s, 12.0 * s),
        body.mix(Rgb(0, 0, 0), 0.25).color(),
    );
    for k in 0..12 {
        c.fill(
            rounded(
                x - 150.0 * s + k as f32 * 24.0 * s,
                y - 10.0 * s,
                12.0 * s,
                12.0 * s,
                4.0 * s,
            ),
            Rgb::hex(0x3a4a5e).color(),
        );
    }
    c.fill(
        rounded(x + 140.0 * s, y - 18.0 * s, 26.0 * s, 14.0 * s, 4.0 * s),
        Rgb::hex(0x3a4a5e).color(),
    );
    c.fill(
        rounded(x - 190.0 * s, y - 42.0 * s, 360.0 * s, 18.0 * s, 9.0 * s),
        Rgb::hex(0xffffff).color(),
    );
    c.fill(
        rect(x - 5.0 * s, y + 30.0 * s, 6.0 * s, 22.0 * s),
        Rgb::hex(0x3a3a3a).color(),
    );
    c.fill(
        rect(x + 130.0 * s, y + 26.0 * s, 6.0 * s, 26.0 * s),
        Rgb::hex(0x3a3a3a).color(),
    );
}

fn typhoon(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let ocean = Rgb::hex(0x1f4a6a);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.5,
            H * 0.5,
            W * 0.8,
            &[
                (0.0, ocean.color()),
                (1.0, ocean.mix(Rgb(0, 0, 0), 0.5).color()),
            ],
        ),
    );
    // Green islands to the west, under the storm's edge.
    for k in 0..4 {
        let (x, y) = (W * rng.range(0.05, 0.3), H * (0.15 + 0.22 * k as f32));
        let r = rng.range(50.0, 110.0);
        c.fill(blob(rng, x, y, r, 0.4, 1.6), Rgb::hex(0x4f7a4a).color());
    }
    let (cx, cy) = (W * rng.range(0.55, 0.65), H * 0.5);
    // Spiral arms: arcs whose radius grows as they turn.
    for arm in 0..5 {
        let start = arm as f32 * std::f32::consts::TAU / 5.0;
        for k in 0..60 {
            let t = k as f32 / 60.0;
            let a = start + t * 5.0;
            let r = 60.0 + t * 520.0;
            let (x, y) = (cx + r * a.cos(), cy + r * a.sin() * 0.85);
            let size = 30.0 + 60.0 * (1.0 - (t - 0.35).abs());
            c.fill(
                circle(x, y, size),
                Rgb::hex(0xf2f4f6).alpha(0.16 * (1.0 - t * 0.6)),
            );
        }
    }
    c.glow(cx, cy, 260.0, Rgb::hex(0xf2f4f6), 0.55);
    c.stroke(
        arc(cx, cy, 60.0, 0.0, std::f32::consts::TAU),
        Rgb::hex(0xffffff).alpha(0.6),
        30.0,
    );
    c.fill(circle(cx, cy, 36.0), ocean.mix(Rgb(0, 0, 0), 0.2).color());
    Caption::new(
        "a typhoon seen from space, white spiral arms of cloud wheeling round a clear eye east of green islands",
        "إعصار كما يُرى من الفضاء، أذرع حلزونية بيضاء من السحب تدور حول عين صافية شرقي جزر خضراء",
    )
}
