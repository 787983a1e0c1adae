//! Power and industry: pylons across a winter field with a repair crew's lift raised, oil tanks
//! against a fire at night, a factory with sawtooth roofs in a green valley.

use super::super::canvas::{
    blob, circle, curve, ellipse, line, polygon, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{clouds, haze, hills, sky, stars, sun, TimeOfDay};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Industry {
    Pylons,
    DepotFire,
    Factory,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Industry) -> Caption {
    match kind {
        Industry::Pylons => pylons(c, rng),
        Industry::DepotFire => depot(c, rng),
        Industry::Factory => factory(c, rng),
    }
}

/// A lattice pylon standing at `(x, ground)`, `h` tall; returns where its three wires hang.
fn pylon(c: &mut Canvas, ink: Rgb, x: f32, ground: f32, h: f32) -> [(f32, f32); 3] {
    let w = h * 0.28;
    let top = ground - h;
    let col = ink.color();
    let lw = (h / 90.0).max(1.5);
    c.stroke(line(x - w / 2.0, ground, x - w * 0.1, top), col, lw * 1.5);
    c.stroke(line(x + w / 2.0, ground, x + w * 0.1, top), col, lw * 1.5);
    for k in 0..6 {
        let (t0, t1) = (k as f32 / 6.0, (k + 1) as f32 / 6.0);
        let half = |t: f32| w / 2.0 - (w / 2.0 - w * 0.1) * t;
        let (y0, y1) = (ground - h * t0, ground - h * t1);
        c.stroke(line(x - half(t0), y0, x + half(t1), y1), col, lw);
        c.stroke(line(x + half(t0), y0, x - half(t1), y1), col, lw);
    }
    let arms = [(top + h * 0.08, w * 0.9), (top + h * 0.28, w * 1.1)];
    for &(y, reach) in &arms {
        c.stroke(line(x - reach, y, x + reach, y), col, lw * 1.4);
    }
    [
        (x - w * 1.1, top + h * 0.28 + 10.0),
        (x, top + h * 0.08 + 10.0),
        (x + w * 1.1, top + h * 0.28 + 10.0),
    ]
}

fn pylons(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let time = if rng.chance(0.5) {
        TimeOfDay::Dusk
    } else {
        TimeOfDay::Dawn
    };
    let light = time.light();
    let horizon = H * 0.62;
    sky(c, &light, horizon);
    sun(c, time, W * rng.range(0.6, 0.85), horizon - 70.0, 36.0);
    hills(
        c,
        rng,
        &light,
        Rgb::hex(0x7a8a9a),
        2,
        horizon - 30.0,
        horizon,
    );
    let snow = Rgb::hex(0xe6ebf0).mix(light.haze, 0.3);
    c.shade(
        rect(0.0, horizon, W, H - horizon),
        vertical(
            horizon,
            H,
            &[
                (0.0, snow.mix(light.horizon, 0.3).color()),
                (1.0, snow.color()),
            ],
        ),
    );
    // Pylons marching away to the left; wires sag between them.
    let mut prev: Option<[(f32, f32); 3]> = None;
    for k in 0..5 {
        let t = k as f32 / 4.0;
        let x = W * (0.08 + 0.62 * (1.0 - t).powf(0.8));
        let h = 80.0 + 420.0 * (1.0 - t).powi(2);
        let ground = horizon + 8.0 + 200.0 * (1.0 - t).powi(2);
        let wires = pylon(c, light.ink, x, ground, h);
        if let Some(p) = prev {
            for i in 0..3 {
                let (a, b) = (p[i], wires[i]);
                let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0 + 30.0 * (1.0 - t));
                c.stroke(curve(&[a, mid, b]), light.ink.alpha(0.8), 2.0);
            }
        }
        prev = Some(wires);
    }
    // The crew's truck and its raised bucket at the nearest pylon.
    let (tx, ty) = (W * 0.82, H * 0.9);
    let yellow = Rgb::hex(0xe2b23a);
    c.fill(
        rounded(tx - 120.0, ty - 80.0, 240.0, 70.0, 8.0),
        yellow.mix(light.ink, 0.2).color(),
    );
    c.fill(
        rounded(tx + 60.0, ty - 120.0, 90.0, 110.0, 10.0),
        yellow.mix(light.ink, 0.15).color(),
    );
    c.fill(
        rect(tx + 80.0, ty - 105.0, 55.0, 40.0),
        light.horizon.mix(light.ink, 0.4).color(),
    );
    for wx in [tx - 70.0, tx + 90.0] {
        c.fill(circle(wx, ty, 30.0), Rgb::hex(0x2a2a2a).color());
    }
    c.stroke(
        line(tx - 40.0, ty - 80.0, tx - 220.0, ty - 380.0),
        yellow.mix(light.ink, 0.1).color(),
        16.0,
    );
    c.fill(
        rounded(tx - 270.0, ty - 430.0, 90.0, 60.0, 6.0),
        yellow.color(),
    );
    c.fill(circle(tx - 225.0, ty - 450.0, 14.0), light.ink.color());
    c.glow(tx - 225.0, ty - 420.0, 140.0, light.lamp, 0.45);
    c.glow(tx + 150.0, ty - 60.0, 80.0, Rgb::hex(0xf0a03a), 0.5);
    Caption::new(
        format!("power pylons striding across a snowy field {}, a repair crew's bucket raised to the lines from a yellow truck", time.words().en),
        format!("أبراج كهرباء تمتد عبر حقل مثلج {}، وسلة فريق الإصلاح مرفوعة نحو الأسلاك من شاحنة صفراء", time.words().ar),
    )
}

fn depot(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let light = TimeOfDay::Night.light();
    let horizon = H * 0.72;
    sky(c, &light, horizon);
    stars(c, rng, 80, H * 0.3);
    let fire_x = W * rng.range(0.4, 0.6);
    c.glow(fire_x, horizon, W * 0.5, Rgb::hex(0xe8603a), 0.55);
    c.glow(fire_x, horizon - 40.0, 300.0, Rgb::hex(0xffb04a), 0.6);
    // Smoke rising and leaning with the wind, lit from below.
    for k in 0..16 {
        let t = k as f32 / 16.0;
        let (x, y) = (
            fire_x + t * 420.0 + rng.range(-30.0, 30.0),
            horizon - 80.0 - t * 620.0,
        );
        let r = 90.0 + t * 160.0;
        let smoke = Rgb::hex(0x5a4a4a).mix(Rgb::hex(0x1a1a22), t);
        c.fill(blob(rng, x, y, r, 0.2, 1.3), smoke.alpha(0.85));
        c.fill(
            blob(rng, x - r * 0.2, y + r * 0.35, r * 0.6, 0.2, 1.2),
            Rgb::hex(0xd9703a).alpha(0.25 * (1.0 - t)),
        );
    }
    // Flames: tongues of fire, orange outside and yellow within.
    for k in 0..7 {
        let x = fire_x - 180.0 + k as f32 * 60.0 + rng.range(-15.0, 15.0);
        let h = rng.range(120.0, 260.0) * (1.0 - (k as f32 - 3.0).abs() / 6.0);
        for (scale, colour) in [
            (1.0, Rgb::hex(0xe8603a)),
            (0.6, Rgb::hex(0xffb04a)),
            (0.3, Rgb::hex(0xfff0b0)),
        ] {
            let (w, hh) = (50.0 * scale, h * scale);
            let mut flame = tiny_skia::PathBuilder::new();
            flame.move_to(x - w, horizon);
            flame.cubic_to(
                x - w,
                horizon - hh * 0.5,
                x + w * 0.2,
                horizon - hh * 0.6,
                x + w * 0.3,
                horizon - hh,
            );
            flame.cubic_to(
                x + w * 1.2,
                horizon - hh * 0.55,
                x + w,
                horizon - hh * 0.3,
                x + w,
                horizon,
            );
            flame.close();
            c.fill(flame.finish(), colour.alpha(0.9));
        }
    }
    // Tanks in silhouette with stairs and pipes.
    let dark = Rgb::hex(0x12141c);
    c.fill(rect(0.0, horizon, W, H - horizon), dark.color());
    for k in 0..6 {
        let x = k as f32 * 290.0 + rng.range(-20.0, 40.0);
        let (w, h) = (rng.range(200.0, 250.0), rng.range(130.0, 190.0));
        c.fill(rect(x, horizon - h, w, h + 2.0), dark.color());
        c.fill(
            ellipse(x + w / 2.0, horizon - h, w / 2.0, 20.0),
            dark.color(),
        );
        c.fill(rect(x, horizon - h, w, 4.0), Rgb::hex(0xe8803a).alpha(0.35));
        c.stroke(
            line(x + 10.0, horizon, x + w * 0.6, horizon - h),
            Rgb::hex(0x2a2a34).color(),
            4.0,
        );
    }
    c.fill(
        rect(0.0, horizon + 40.0, W, 10.0),
        Rgb::hex(0x2a2a34).color(),
    );
    Caption::new(
        "round oil storage tanks in silhouette at night against the orange glow of a fire, a column of smoke leaning across the sky",
        "خزانات نفط مستديرة تظهر ظلالها ليلاً أمام الوهج البرتقالي لحريق، وعمود من الدخان يميل عبر السماء",
    )
}

fn factory(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let time = TimeOfDay::daylight(rng);
    let light = time.light();
    let horizon = H * 0.55;
    sky(c, &light, horizon);
    sun(c, time, W * rng.range(0.15, 0.4), H * 0.2, 36.0);
    clouds(
        c,
        rng,
        light.horizon.mix(Rgb::hex(0xffffff), 0.4),
        0.4,
        3,
        H * 0.08,
        H * 0.3,
    );
    hills(
        c,
        rng,
        &light,
        Rgb::hex(0x4f7a4a),
        3,
        horizon - 160.0,
        horizon + 40.0,
    );
    haze(c, &light, horizon + 40.0, 60.0, 0.3);
    // Sawtooth halls in a row, a chimney, a yard.
    let wall = Rgb::hex(0xd9d0c0).mix(light.ink, 0.15);
    let roof = Rgb::hex(0x6a7a8a).mix(light.ink, 0.2);
    let ground = H * 0.86;
    let (x0, x1) = (W * 0.12, W * 0.88);
    c.fill(rect(x0, ground - 170.0, x1 - x0, 170.0), wall.color());
    let teeth = 9;
    let tw = (x1 - x0) / teeth as f32;
    for k in 0..teeth {
        let x = x0 + k as f32 * tw;
        c.fill(
            polygon(&[
                (x, ground - 170.0),
                (x + tw, ground - 170.0),
                (x + tw, ground - 250.0),
            ]),
            roof.color(),
        );
        c.fill(
            polygon(&[
                (x + tw - 4.0, ground - 250.0),
                (x + tw, ground - 250.0),
                (x + tw, ground - 170.0),
                (x + tw - 4.0, ground - 178.0),
            ]),
            light.horizon.mix(light.sun, 0.4).color(),
        );
    }
    for k in 0..14 {
        c.fill(
            rect(
                x0 + 30.0 + k as f32 * (x1 - x0 - 60.0) / 14.0,
                ground - 130.0,
                40.0,
                60.0,
            ),
            light.horizon.mix(light.ink, 0.45).color(),
        );
    }
    c.fill(
        rect(x0 + 40.0, ground - 60.0, 120.0, 60.0),
        wall.mix(light.ink, 0.45).color(),
    );
    let (cx, ctop) = (x1 - 120.0, ground - 470.0);
    c.fill(
        polygon(&[
            (cx - 30.0, ground - 170.0),
            (cx + 30.0, ground - 170.0),
            (cx + 18.0, ctop),
            (cx - 18.0, ctop),
        ]),
        Rgb::hex(0xa8564a).mix(light.ink, 0.25).color(),
    );
    for k in 0..3 {
        c.fill(
            rect(
                cx - 22.0 + k as f32 * 2.0,
                ctop + 30.0 + k as f32 * 40.0,
                44.0 - k as f32 * 4.0,
                10.0,
            ),
            Rgb::hex(0xeeeae0).alpha(0.7),
        );
    }
    for k in 0..4 {
        c.fill(
            circle(
                cx + 30.0 + k as f32 * 40.0,
                ctop - 30.0 - k as f32 * 26.0,
                22.0 + k as f32 * 10.0,
            ),
            Rgb::hex(0xf4f1ea).alpha(0.4 - k as f32 * 0.08),
        );
    }
    c.fill(
        rect(0.0, ground, W, H - ground),
        Rgb::hex(0x8a8a82).mix(light.ink, 0.2).color(),
    );
    for k in 0..8 {
        c.fill(
            rect(k as f32 * 210.0 + 30.0, ground + 50.0, 110.0, 6.0),
            Rgb::hex(0xf2efe8).alpha(0.6),
        );
    }
    Caption::new(
        format!(
            "a factory with sawtooth roofs and a tall brick chimney in a green valley {}",
            time.words().en
        ),
        format!(
            "مصنع بأسقف منشارية ومدخنة طوب عالية في وادٍ أخضر {}",
            time.words().ar
        ),
    )
}
