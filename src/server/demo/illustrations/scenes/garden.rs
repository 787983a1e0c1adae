//! Odd news from the garden: a tortoise asleep among a greenhouse's pots, or a giant pumpkin on
//! a platform scale under show-tent bunting.

use super::super::canvas::{
    arc, circle, ellipse, line, polygon, radial, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Garden {
    Greenhouse,
    Pumpkin,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Garden) -> Caption {
    match kind {
        Garden::Greenhouse => greenhouse(c, rng),
        Garden::Pumpkin => pumpkin(c, rng),
    }
}

fn greenhouse(c: &mut Canvas, rng: &mut Rng) -> Caption {
    // Glass walls: pale green-blue light through panes, white glazing bars.
    c.shade(
        rect(0.0, 0.0, W, H),
        vertical(
            0.0,
            H * 0.7,
            &[
                (0.0, Rgb::hex(0xcfe4dc).color()),
                (1.0, Rgb::hex(0x9fc0b0).color()),
            ],
        ),
    );
    c.glow(W * 0.3, H * 0.1, 600.0, Rgb::hex(0xfff6dc), 0.5);
    for k in 0..9 {
        c.fill(
            rect(k as f32 * 200.0, 0.0, 10.0, H * 0.7),
            Rgb::hex(0xf4f6f2).color(),
        );
    }
    c.fill(rect(0.0, H * 0.33, W, 8.0), Rgb::hex(0xf4f6f2).color());
    c.fill(rect(0.0, H * 0.62, W, H * 0.38), Rgb::hex(0x8a7a6a).color());
    for k in 0..30 {
        c.fill(
            rect(k as f32 * 60.0, H * 0.62, 2.0, H),
            Rgb(0, 0, 0).alpha(0.1),
        );
    }
    // A bench of pots with tomato plants.
    c.fill(rect(0.0, H * 0.5, W, 18.0), Rgb::hex(0x7a5a42).color());
    let mut x = 60.0;
    while x < W {
        let terracotta = Rgb::hex(0xc0704a);
        c.fill(
            polygon(&[
                (x - 40.0, H * 0.5 - 70.0),
                (x + 40.0, H * 0.5 - 70.0),
                (x + 30.0, H * 0.5),
                (x - 30.0, H * 0.5),
            ]),
            terracotta.color(),
        );
        c.fill(
            rect(x - 44.0, H * 0.5 - 80.0, 88.0, 14.0),
            terracotta.mix(Rgb(255, 255, 255), 0.1).color(),
        );
        c.stroke(
            line(x, H * 0.5 - 80.0, x + rng.range(-10.0, 10.0), H * 0.12),
            Rgb::hex(0x4f7a3a).color(),
            6.0,
        );
        for _ in 0..5 {
            let (lx, ly) = (x + rng.range(-60.0, 60.0), rng.range(H * 0.12, H * 0.4));
            c.fill(ellipse(lx, ly, 34.0, 18.0), Rgb::hex(0x5f8a45).color());
        }
        for _ in 0..3 {
            let (tx, ty) = (x + rng.range(-40.0, 40.0), rng.range(H * 0.2, H * 0.42));
            c.fill(circle(tx, ty, 14.0), Rgb::hex(0xd0453d).color());
            c.fill(
                circle(tx - 4.0, ty - 4.0, 4.0),
                Rgb::hex(0xffffff).alpha(0.4),
            );
        }
        x += 190.0;
    }
    // On the floor in front of the bench, the tortoise asleep: a high shell of plates, stubby
    // legs, its head resting on the ground with the eye closed.
    let (tx, ground) = (W * rng.range(0.4, 0.58), H * 0.9);
    let (rx, ry) = (250.0, 170.0);
    let skin = Rgb::hex(0x9a8a62);
    c.fill(
        ellipse(tx + 30.0, ground + 8.0, rx + 80.0, 26.0),
        Rgb(0, 0, 0).alpha(0.25),
    );
    for lx in [-170.0, -60.0, 70.0, 170.0] {
        c.fill(
            rounded(tx + lx - 32.0, ground - 70.0, 64.0, 72.0, 26.0),
            skin.mix(Rgb(0, 0, 0), 0.1).color(),
        );
    }
    let mut neck = tiny_skia::PathBuilder::new();
    neck.move_to(tx + rx - 40.0, ground - 80.0);
    neck.quad_to(tx + rx + 60.0, ground - 90.0, tx + rx + 90.0, ground - 40.0);
    neck.line_to(tx + rx + 70.0, ground - 8.0);
    neck.quad_to(tx + rx + 20.0, ground - 30.0, tx + rx - 40.0, ground - 30.0);
    neck.close();
    c.fill(neck.finish(), skin.color());
    c.fill(
        ellipse(tx + rx + 105.0, ground - 32.0, 56.0, 34.0),
        skin.color(),
    );
    c.stroke(
        arc(tx + rx + 118.0, ground - 44.0, 12.0, 0.4, 2.7),
        Rgb::hex(0x2a2a2a).color(),
        3.0,
    );
    c.fill(
        circle(tx + rx + 150.0, ground - 28.0, 3.0),
        Rgb::hex(0x2a2a2a).color(),
    );
    // The shell: the upper half of an ellipse, lit from the window above.
    let mut dome = tiny_skia::PathBuilder::new();
    dome.move_to(tx - rx, ground - 50.0);
    dome.cubic_to(
        tx - rx,
        ground - 50.0 - ry * 1.3,
        tx + rx,
        ground - 50.0 - ry * 1.3,
        tx + rx,
        ground - 50.0,
    );
    dome.close();
    c.shade(
        dome.finish(),
        radial(
            tx - 60.0,
            ground - ry,
            rx * 1.2,
            &[
                (0.0, Rgb::hex(0xc09a58).color()),
                (1.0, Rgb::hex(0x5a4228).color()),
            ],
        ),
    );
    c.fill(
        rounded(tx - rx - 6.0, ground - 62.0, 2.0 * rx + 12.0, 26.0, 12.0),
        Rgb::hex(0x4a3a24).color(),
    );
    for (px, py, r) in [
        (0.0, -160.0, 46.0),
        (-110.0, -120.0, 40.0),
        (110.0, -120.0, 40.0),
        (-190.0, -82.0, 26.0),
        (190.0, -82.0, 26.0),
        (-50.0, -92.0, 30.0),
        (55.0, -92.0, 30.0),
    ] {
        c.stroke(
            polygon(&hexagon(tx + px, ground + py, r)),
            Rgb::hex(0x3f2f1a).alpha(0.7),
            4.0,
        );
        c.fill(
            polygon(&hexagon(tx + px, ground + py, r * 0.55)),
            Rgb::hex(0xd9b87a).alpha(0.35),
        );
    }
    Caption::new(
        "inside a sunlit greenhouse, a tortoise asleep on the floor in front of a bench of tomato plants in clay pots",
        "داخل دفيئة مشمسة، سلحفاة نائمة على الأرض أمام رف من نباتات الطماطم في أصص فخارية",
    )
}

fn hexagon(x: f32, y: f32, r: f32) -> [(f32, f32); 6] {
    let mut points = [(0.0, 0.0); 6];
    for (k, p) in points.iter_mut().enumerate() {
        let a = (k as f32 * 60.0 + 30.0).to_radians();
        *p = (x + r * a.cos(), y + r * a.sin() * 0.7);
    }
    points
}

fn pumpkin(c: &mut Canvas, rng: &mut Rng) -> Caption {
    // Inside a show tent: striped canvas, bunting across the top.
    let canvas_colour = Rgb::hex(0xf0ebe0);
    c.fill(rect(0.0, 0.0, W, H), canvas_colour.color());
    for k in 0..10 {
        if k % 2 == 0 {
            c.fill(
                rect(k as f32 * 160.0, 0.0, 160.0, H * 0.72),
                Rgb::hex(0x3f6a5a).alpha(0.85),
            );
        }
    }
    let flags = [0xc8553d, 0xe2c35a, 0x2f5d8a, 0xf2efe8, 0x4f8a5a];
    for row in 0..2 {
        let y0 = 40.0 + row as f32 * 90.0;
        let pts: Vec<(f32, f32)> = (0..=20)
            .map(|k| {
                let x = k as f32 * 80.0;
                (
                    x,
                    y0 + 40.0 * ((k as f32 / 20.0) * std::f32::consts::PI * 2.0).sin().abs(),
                )
            })
            .collect();
        c.stroke(
            super::super::canvas::polyline(&pts),
            Rgb::hex(0x5a5a5a).color(),
            2.0,
        );
        for (k, w) in pts.windows(2).enumerate() {
            let (a, b) = (w[0], w[1]);
            c.fill(
                polygon(&[
                    (a.0 + 8.0, a.1),
                    (b.0 - 8.0, b.1),
                    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0 + 60.0),
                ]),
                Rgb::hex(flags[(k + row) % flags.len()]).color(),
            );
        }
    }
    c.fill(rect(0.0, H * 0.72, W, H * 0.28), Rgb::hex(0x6f9a55).color());
    for _ in 0..300 {
        let (x, y) = (rng.range(0.0, W), rng.range(H * 0.73, H));
        c.stroke(
            line(x, y, x + rng.range(-6.0, 6.0), y - 18.0),
            Rgb::hex(0x4f7a3f).alpha(0.6),
            2.0,
        );
    }
    // The platform scale and its dial, needle hard against the stop.
    let (cx, base) = (W * 0.42, H * 0.88);
    c.fill(
        rounded(cx - 330.0, base - 50.0, 660.0, 50.0, 6.0),
        Rgb::hex(0x7a8088).color(),
    );
    c.fill(
        rect(cx - 330.0, base - 50.0, 660.0, 10.0),
        Rgb::hex(0xa8b0b8).color(),
    );
    let (dx, dy) = (W * 0.8, H * 0.5);
    c.fill(
        rect(dx - 12.0, dy, 24.0, base - dy),
        Rgb::hex(0x5a6068).color(),
    );
    c.fill(circle(dx, dy, 110.0), Rgb::hex(0x3a4048).color());
    c.fill(circle(dx, dy, 92.0), Rgb::hex(0xf4f1e8).color());
    for k in 0..12 {
        let a = (-220.0 + k as f32 * 24.0f32).to_radians();
        c.stroke(
            line(
                dx + 74.0 * a.cos(),
                dy + 74.0 * a.sin(),
                dx + 88.0 * a.cos(),
                dy + 88.0 * a.sin(),
            ),
            Rgb::hex(0x3a3a3a).color(),
            3.0,
        );
    }
    let needle = (rng.range(30.0, 60.0f32)).to_radians();
    c.stroke(
        line(dx, dy, dx + 80.0 * needle.cos(), dy + 80.0 * needle.sin()),
        Rgb::hex(0xc8353d).color(),
        5.0,
    );
    c.fill(circle(dx, dy, 10.0), Rgb::hex(0x3a3a3a).color());
    // The pumpkin: ribbed, huge, a little lopsided.
    let (px, py, rx, ry) = (cx, base - 230.0, 300.0, 200.0);
    let orange = Rgb::hex(0xe0843a);
    c.fill(
        ellipse(px, base - 46.0, rx * 0.9, 20.0),
        Rgb(0, 0, 0).alpha(0.25),
    );
    for k in 0..7 {
        let off = (k as f32 - 3.0) / 3.0;
        let tone = orange.mix(
            if off.abs() > 0.6 {
                Rgb(0, 0, 0)
            } else {
                Rgb(255, 255, 255)
            },
            0.08 + off.abs() * 0.12,
        );
        c.fill(
            ellipse(px + off * rx * 0.62, py, rx * (0.42 - off.abs() * 0.06), ry),
            tone.color(),
        );
    }
    c.shade(
        ellipse(px, py, rx, ry),
        radial(
            px - rx * 0.3,
            py - ry * 0.4,
            rx * 1.2,
            &[
                (0.0, Rgb::hex(0xffffff).alpha(0.12)),
                (1.0, Rgb(0, 0, 0).alpha(0.22)),
            ],
        ),
    );
    c.fill(
        rounded(px - 22.0, py - ry - 50.0, 44.0, 70.0, 12.0),
        Rgb::hex(0x6a7a3a).color(),
    );
    Caption::new(
        "a giant orange pumpkin on a platform scale in a striped show tent, bunting overhead and the scale's needle hard against its stop",
        "يقطينة برتقالية عملاقة على ميزان في خيمة معرض مخططة، ورايات ملونة فوقها، وإبرة الميزان عالقة عند حدها",
    )
}
