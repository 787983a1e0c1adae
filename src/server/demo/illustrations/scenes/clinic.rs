//! Health: the retina as an eye-screening camera sees it, or a pulse line on a calm monitor.

use super::super::canvas::{circle, curve, polyline, radial, rect, rounded, Canvas, Rgb, H, W};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clinic {
    Retina,
    Pulse,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Clinic) -> Caption {
    match kind {
        Clinic::Retina => retina(c, rng),
        Clinic::Pulse => pulse(c, rng),
    }
}

fn retina(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let ground = Rgb::hex(0x16202c);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W / 2.0,
            H / 2.0,
            W * 0.6,
            &[
                (0.0, ground.mix(Rgb(255, 255, 255), 0.06).color()),
                (1.0, ground.mix(Rgb(0, 0, 0), 0.3).color()),
            ],
        ),
    );
    let (cx, cy, r) = (W * 0.5, H * 0.5, H * 0.42);
    // The camera's ring and its scale.
    c.stroke(circle(cx, cy, r + 40.0), Rgb::hex(0x5a7a8a).alpha(0.5), 3.0);
    for k in 0..72 {
        let a = (k as f32 * 5.0).to_radians();
        let (r0, r1) = (r + 48.0, r + if k % 6 == 0 { 72.0 } else { 58.0 });
        c.stroke(
            polyline(&[
                (cx + r0 * a.cos(), cy + r0 * a.sin()),
                (cx + r1 * a.cos(), cy + r1 * a.sin()),
            ]),
            Rgb::hex(0x7fa0b0).alpha(0.6),
            2.0,
        );
    }
    // The fundus: orange-red, darker at its rim, with the pale disc where the vessels leave.
    c.shade(
        circle(cx, cy, r),
        radial(
            cx,
            cy,
            r,
            &[
                (0.0, Rgb::hex(0xe07a4a).color()),
                (0.75, Rgb::hex(0xc0503a).color()),
                (1.0, Rgb::hex(0x6a2a24).color()),
            ],
        ),
    );
    let (dx, dy) = (cx - r * 0.38, cy - r * 0.05);
    c.fill(
        circle(cx + r * 0.22, cy + r * 0.05, r * 0.16),
        Rgb::hex(0x8a3a2a).alpha(0.5),
    );
    let vessel = Rgb::hex(0x8a2a24);
    for k in 0..8 {
        let a = -2.6 + k as f32 * 0.75 + rng.range(-0.15, 0.15);
        let mut pts = vec![(dx, dy)];
        let (mut x, mut y, mut dir) = (dx, dy, a);
        for _ in 0..7 {
            dir += rng.range(-0.35, 0.35);
            x += 70.0 * dir.cos();
            y += 70.0 * dir.sin();
            pts.push((x, y));
        }
        let width = if k % 2 == 0 { 9.0 } else { 6.0 };
        c.stroke(curve(&pts), vessel.color(), width);
        let (bx, by) = pts[3];
        let fork: Vec<(f32, f32)> = (0..4)
            .map(|i| {
                (
                    bx + i as f32 * 50.0 * (dir + 0.8).cos(),
                    by + i as f32 * 50.0 * (dir + 0.8).sin() + rng.range(-10.0, 10.0),
                )
            })
            .collect();
        c.stroke(curve(&fork), vessel.color(), width * 0.6);
    }
    c.glow(dx, dy, 90.0, Rgb::hex(0xfff0c0), 0.6);
    c.fill(circle(dx, dy, 46.0), Rgb::hex(0xf4d89a).color());
    c.fill(circle(dx + 6.0, dy, 20.0), Rgb::hex(0xfff4d8).color());
    // Outside the circle: the camera's dark mask.
    Caption::new(
        "the retina as an eye-screening camera sees it, red blood vessels branching from the pale optic disc inside a measuring ring",
        "شبكية العين كما تراها كاميرا الفحص، أوعية دموية حمراء تتفرع من القرص البصري الشاحب داخل حلقة قياس",
    )
}

fn pulse(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let ground = Rgb::hex(0x1f3a44);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.5,
            H * 0.45,
            W * 0.7,
            &[
                (0.0, ground.mix(Rgb(255, 255, 255), 0.1).color()),
                (1.0, ground.mix(Rgb(0, 0, 0), 0.35).color()),
            ],
        ),
    );
    let (x, y, w, h) = (W * 0.1, H * 0.18, W * 0.8, H * 0.64);
    c.fill(
        rounded(x + 10.0, y + 16.0, w, h, 30.0),
        Rgb(0, 0, 0).alpha(0.3),
    );
    c.fill(rounded(x, y, w, h, 30.0), Rgb::hex(0x0f1c22).color());
    for k in 0..12 {
        c.fill(
            rect(x + k as f32 * w / 12.0, y, 1.5, h),
            Rgb::hex(0x7fd1c7).alpha(0.08),
        );
    }
    for k in 0..7 {
        c.fill(
            rect(x, y + k as f32 * h / 7.0, w, 1.5),
            Rgb::hex(0x7fd1c7).alpha(0.08),
        );
    }
    let mid = y + h * 0.55;
    let mut pts = vec![(x + 20.0, mid)];
    let mut px = x + 20.0;
    while px < x + w - 120.0 {
        let beat = rng.range(150.0, 190.0);
        pts.extend_from_slice(&[
            (px + beat * 0.4, mid),
            (px + beat * 0.48, mid - 20.0),
            (px + beat * 0.54, mid),
            (px + beat * 0.6, mid + 30.0),
            (px + beat * 0.66, mid - 190.0),
            (px + beat * 0.72, mid + 60.0),
            (px + beat * 0.78, mid),
            (px + beat, mid),
        ]);
        px += beat;
    }
    let ink = Rgb::hex(0x7ff0c8);
    c.stroke(polyline(&pts), ink.alpha(0.2), 16.0);
    c.stroke(polyline(&pts), ink.color(), 5.0);
    let (lx, ly) = *pts.last().unwrap_or(&(x, mid));
    c.glow(lx, ly, 60.0, ink, 0.7);
    // A heart, drawn as two circles and a point.
    let (hx, hy) = (x + w - 90.0, y + 80.0);
    c.fill(circle(hx - 18.0, hy, 22.0), Rgb::hex(0xe0705a).color());
    c.fill(circle(hx + 18.0, hy, 22.0), Rgb::hex(0xe0705a).color());
    c.fill(
        super::super::canvas::polygon(&[
            (hx - 39.0, hy + 8.0),
            (hx + 39.0, hy + 8.0),
            (hx, hy + 50.0),
        ]),
        Rgb::hex(0xe0705a).color(),
    );
    Caption::new(
        "a heart-rate trace glowing green across a dark monitor, a small red heart in its corner",
        "خط نبض القلب يتوهج بالأخضر على شاشة داكنة، وقلب أحمر صغير في زاويتها",
    )
}
