//! Film and television: a living room lit by a screen showing a desert road at dusk, or a
//! projector's beam crossing a dark cinema to an old black-and-white film.

use super::super::canvas::{
    circle, ellipse, line, linear, polygon, radial, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Television,
    Cinema,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Screen) -> Caption {
    match kind {
        Screen::Television => television(c, rng),
        Screen::Cinema => cinema(c, rng),
    }
}

fn television(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let wall = Rgb::hex(0x1f2433);
    c.fill(rect(0.0, 0.0, W, H), wall.color());
    let (sx, sy, sw, sh) = (W * 0.3, H * 0.16, W * 0.4, W * 0.4 * 9.0 / 16.0);
    let glow = Rgb::hex(0xe8905a);
    c.glow(sx + sw / 2.0, sy + sh / 2.0, W * 0.55, glow, 0.35);
    // The picture on the screen: a road running into the desert at dusk.
    c.fill(
        rounded(sx - 14.0, sy - 14.0, sw + 28.0, sh + 28.0, 10.0),
        Rgb::hex(0x0c0e14).color(),
    );
    c.shade(
        rect(sx, sy, sw, sh * 0.6),
        vertical(
            sy,
            sy + sh * 0.6,
            &[
                (0.0, Rgb::hex(0x3a3560).color()),
                (1.0, Rgb::hex(0xf0a060).color()),
            ],
        ),
    );
    c.fill(
        circle(sx + sw * 0.7, sy + sh * 0.52, 22.0),
        Rgb::hex(0xffe0a8).color(),
    );
    c.shade(
        rect(sx, sy + sh * 0.6, sw, sh * 0.4),
        vertical(
            sy + sh * 0.6,
            sy + sh,
            &[
                (0.0, Rgb::hex(0xc8885a).color()),
                (1.0, Rgb::hex(0x6a4a3a).color()),
            ],
        ),
    );
    c.fill(
        polygon(&[
            (sx + sw * 0.49, sy + sh * 0.6),
            (sx + sw * 0.51, sy + sh * 0.6),
            (sx + sw * 0.75, sy + sh),
            (sx + sw * 0.25, sy + sh),
        ]),
        Rgb::hex(0x3a3030).color(),
    );
    for k in 0..5 {
        let t = (k as f32 + 0.5) / 5.0;
        let y = sy + sh * (0.6 + 0.4 * t * t);
        c.fill(
            rect(
                sx + sw * 0.5 - 2.0 - 4.0 * t,
                y,
                4.0 + 8.0 * t,
                6.0 + 14.0 * t,
            ),
            Rgb::hex(0xf0e0b0).color(),
        );
    }
    c.fill(rect(sx, sy, sw, sh), Rgb::hex(0xffffff).alpha(0.04));
    // Cabinet, plant and the sofa's back in silhouette.
    let dark = Rgb::hex(0x141824);
    c.fill(
        rect(W * 0.26, sy + sh + 40.0, W * 0.48, 90.0),
        Rgb::hex(0x3a3040).color(),
    );
    c.fill(
        rect(W * 0.26, sy + sh + 40.0, W * 0.48, 6.0),
        glow.alpha(0.5),
    );
    for k in 0..6 {
        let a = -2.4 + k as f32 * 0.35;
        c.fill(
            ellipse(
                W * 0.8 + 60.0 * a.cos(),
                H * 0.5 + 40.0 * a.sin(),
                50.0,
                16.0,
            ),
            Rgb::hex(0x2f4a3a).color(),
        );
    }
    c.fill(
        rect(W * 0.78, H * 0.52, 60.0, 80.0),
        Rgb::hex(0x4a3a3a).color(),
    );
    c.fill(
        rounded(W * 0.05, H * 0.72, W * 0.9, H * 0.4, 60.0),
        dark.color(),
    );
    c.fill(
        rounded(W * 0.05, H * 0.72, W * 0.9, 30.0, 15.0),
        glow.mix(dark, 0.7).color(),
    );
    for k in 0..2 {
        let x = W * (0.38 + 0.2 * k as f32) + rng.range(-20.0, 20.0);
        c.fill(circle(x, H * 0.7, 44.0), Rgb::hex(0x0c0e14).color());
        c.fill(
            rounded(x - 60.0, H * 0.72, 120.0, 120.0, 40.0),
            Rgb::hex(0x0c0e14).color(),
        );
    }
    Caption::new(
        "two viewers on a sofa in a dark living room, the television lighting the room with a desert road at dusk",
        "مشاهدان على أريكة في غرفة معيشة مظلمة، والتلفاز يضيء الغرفة بمشهد طريق صحراوي عند الغروب",
    )
}

fn cinema(c: &mut Canvas, rng: &mut Rng) -> Caption {
    c.fill(rect(0.0, 0.0, W, H), Rgb::hex(0x1a1416).color());
    // Curtains either side of the screen.
    let velvet = Rgb::hex(0x6a2a2f);
    for side in [0.0, 1.0] {
        let x = if side == 0.0 { 0.0 } else { W * 0.82 };
        c.shade(
            rect(x, 0.0, W * 0.18, H * 0.75),
            linear(
                x,
                0.0,
                x + W * 0.18,
                0.0,
                &[
                    (0.0, velvet.mix(Rgb(0, 0, 0), 0.4).color()),
                    (0.5, velvet.color()),
                    (1.0, velvet.mix(Rgb(0, 0, 0), 0.5).color()),
                ],
            ),
        );
        for k in 0..6 {
            c.fill(
                rect(x + k as f32 * W * 0.03, 0.0, 6.0, H * 0.75),
                Rgb(0, 0, 0).alpha(0.25),
            );
        }
    }
    // The screen: an old silent film, a station platform in greys, scratched.
    let (sx, sy, sw, sh) = (W * 0.22, H * 0.08, W * 0.56, H * 0.5);
    c.shade(
        rect(sx, sy, sw, sh),
        radial(
            sx + sw / 2.0,
            sy + sh / 2.0,
            sw * 0.6,
            &[
                (0.0, Rgb::hex(0xdedad0).color()),
                (1.0, Rgb::hex(0x6a6864).color()),
            ],
        ),
    );
    c.fill(
        rect(sx, sy + sh * 0.62, sw, sh * 0.38),
        Rgb::hex(0x8a8882).color(),
    );
    c.fill(
        rect(sx + sw * 0.1, sy + sh * 0.3, sw * 0.5, sh * 0.32),
        Rgb::hex(0x5a5854).color(),
    );
    for k in 0..6 {
        c.fill(
            rect(
                sx + sw * 0.13 + k as f32 * sw * 0.08,
                sy + sh * 0.38,
                sw * 0.05,
                sh * 0.1,
            ),
            Rgb::hex(0xbab6ac).color(),
        );
    }
    c.fill(
        circle(sx + sw * 0.75, sy + sh * 0.45, 16.0),
        Rgb::hex(0x3a3836).color(),
    );
    c.fill(
        rounded(sx + sw * 0.735, sy + sh * 0.48, 34.0, 80.0, 10.0),
        Rgb::hex(0x3a3836).color(),
    );
    c.fill(
        rect(sx + sw * 0.72, sy + sh * 0.37, 46.0, 10.0),
        Rgb::hex(0x2a2826).color(),
    );
    for _ in 0..6 {
        let x = sx + rng.range(0.0, sw);
        c.stroke(
            line(x, sy, x + rng.range(-10.0, 10.0), sy + sh),
            Rgb::hex(0xf4f0e8).alpha(0.3),
            1.5,
        );
    }
    c.fill(rect(sx, sy, sw, sh), Rgb::hex(0x8a6a4a).alpha(0.12));
    // The beam from the projection booth at the back.
    let (px, py) = (W * 0.5, H * 0.98);
    c.shade(
        polygon(&[
            (px - 10.0, py),
            (px + 10.0, py),
            (sx + sw, sy + sh),
            (sx, sy + sh),
        ]),
        vertical(
            sy + sh,
            py,
            &[
                (0.0, Rgb::hex(0xfff4dc).alpha(0.08)),
                (1.0, Rgb::hex(0xfff4dc).alpha(0.35)),
            ],
        ),
    );
    for _ in 0..80 {
        let t = rng.range(0.0, 1.0);
        let spread = (sw / 2.0) * (1.0 - t);
        let (x, y) = (
            px + rng.range(-spread, spread),
            py - (py - sy - sh) * (1.0 - t),
        );
        c.fill(
            circle(x, y, rng.range(1.0, 2.5)),
            Rgb::hex(0xfff4dc).alpha(0.5),
        );
    }
    // Rows of seat backs and heads in silhouette.
    for row in 0..3 {
        let y = H * (0.72 + 0.1 * row as f32);
        let seat = Rgb::hex(0x3a1f24).mix(Rgb(0, 0, 0), row as f32 * 0.2);
        for k in 0..14 {
            let x = k as f32 * 120.0 + if row % 2 == 0 { 0.0 } else { 60.0 } - 20.0;
            c.fill(rounded(x, y, 104.0, 120.0, 30.0), seat.color());
            if rng.chance(0.45) {
                c.fill(circle(x + 52.0, y - 12.0, 30.0), Rgb::hex(0x0c0a0c).color());
            }
        }
    }
    Caption::new(
        "a projector's beam crossing a dark cinema to an old black-and-white film on the screen, red velvet curtains either side",
        "شعاع جهاز العرض يعبر قاعة سينما مظلمة إلى فيلم قديم بالأبيض والأسود على الشاشة، وستائر مخملية حمراء على الجانبين",
    )
}
