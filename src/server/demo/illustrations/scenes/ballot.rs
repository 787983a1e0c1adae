//! Voting: a clear ballot box on a table in front of curtained booths, papers going in.

use super::super::canvas::{
    line, linear, polygon, radial, rect, rounded, turned, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

const CURTAINS: [(u32, &str, &str); 3] = [
    (0x2f5d8a, "blue", "زرقاء"),
    (0x8a3f4a, "maroon", "عنابية"),
    (0x3f7a5f, "green", "خضراء"),
];

pub fn draw(c: &mut Canvas, rng: &mut Rng) -> Caption {
    let (curtain, name_en, name_ar) = *rng.pick(&CURTAINS);
    let curtain = Rgb::hex(curtain);
    // A school hall: pale wall, wooden floor.
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.5,
            H * 0.3,
            W * 0.8,
            &[
                (0.0, Rgb::hex(0xe8e2d4).color()),
                (1.0, Rgb::hex(0xa8a090).color()),
            ],
        ),
    );
    c.fill(rect(0.0, H * 0.68, W, H * 0.32), Rgb::hex(0x9a7a5a).color());
    for k in 0..12 {
        c.fill(
            rect(0.0, H * 0.68 + k as f32 * 26.0, W, 2.0),
            Rgb(0, 0, 0).alpha(0.12),
        );
    }
    // Booths with curtains along the back wall.
    for k in 0..4 {
        let x = W * (0.04 + 0.25 * k as f32);
        let (w, top, bottom) = (W * 0.2, H * 0.12, H * 0.68);
        c.fill(rect(x, top - 12.0, w, 12.0), Rgb::hex(0x5a5a5a).color());
        c.shade(
            rect(x, top, w, bottom - top - 40.0),
            linear(
                x,
                0.0,
                x + w,
                0.0,
                &[
                    (0.0, curtain.mix(Rgb(0, 0, 0), 0.3).color()),
                    (0.5, curtain.color()),
                    (1.0, curtain.mix(Rgb(0, 0, 0), 0.3).color()),
                ],
            ),
        );
        for f in 0..8 {
            c.fill(
                rect(x + f as f32 * w / 8.0, top, 4.0, bottom - top - 40.0),
                Rgb(0, 0, 0).alpha(0.2),
            );
        }
        c.fill(
            rect(x + 10.0, bottom - 40.0, 8.0, 40.0),
            Rgb::hex(0x5a5a5a).color(),
        );
        c.fill(
            rect(x + w - 18.0, bottom - 40.0, 8.0, 40.0),
            Rgb::hex(0x5a5a5a).color(),
        );
    }
    // The table and the clear box, papers visible inside.
    c.fill(
        rect(W * 0.22, H * 0.62, W * 0.56, 30.0),
        Rgb::hex(0x6a4a36).color(),
    );
    let cloth = curtain.mix(Rgb::hex(0xe8e2d4), 0.55);
    c.shade(
        rect(W * 0.22, H * 0.62 + 30.0, W * 0.56, H * 0.3),
        linear(
            W * 0.22,
            0.0,
            W * 0.78,
            0.0,
            &[
                (0.0, cloth.mix(Rgb(0, 0, 0), 0.15).color()),
                (0.5, cloth.color()),
                (1.0, cloth.mix(Rgb(0, 0, 0), 0.2).color()),
            ],
        ),
    );
    for f in 0..9 {
        c.fill(
            rect(
                W * 0.22 + 30.0 + f as f32 * W * 0.06,
                H * 0.62 + 30.0,
                3.0,
                H * 0.3,
            ),
            Rgb(0, 0, 0).alpha(0.08),
        );
    }
    c.fill(
        rect(W * 0.22, H * 0.62 + 30.0, W * 0.56, 10.0),
        Rgb(0, 0, 0).alpha(0.15),
    );
    let (bx, by, bw, bh) = (W * 0.36, H * 0.28, W * 0.28, H * 0.34);
    for _ in 0..14 {
        let (px, py) = (
            bx + rng.range(20.0, bw - 140.0),
            by + bh - rng.range(30.0, bh * 0.55),
        );
        let angle = rng.range(-30.0, 30.0);
        let paper = turned(rect(px, py, 90.0, 56.0), angle, px + 45.0, py + 28.0);
        c.fill(paper.clone(), Rgb::hex(0xf6f3ea).color());
        c.stroke(paper, Rgb::hex(0x8a887e).color(), 2.0);
    }
    c.fill(rect(bx, by, bw, bh), Rgb::hex(0xd8e8ee).alpha(0.35));
    c.stroke(rect(bx, by, bw, bh), Rgb::hex(0xffffff).alpha(0.8), 5.0);
    c.fill(
        polygon(&[
            (bx, by),
            (bx + bw, by),
            (bx + bw - 30.0, by - 40.0),
            (bx + 30.0, by - 40.0),
        ]),
        Rgb::hex(0xd8e8ee).alpha(0.5),
    );
    c.fill(
        rect(bx + bw / 2.0 - 70.0, by - 24.0, 140.0, 10.0),
        Rgb::hex(0x2a2a2a).color(),
    );
    c.fill(
        rect(bx + 20.0, by + 20.0, 14.0, bh - 40.0),
        Rgb::hex(0xffffff).alpha(0.35),
    );
    // A folded paper half into the slot, its cross showing.
    let (px, py) = (bx + bw / 2.0 - 50.0, by - 150.0);
    c.fill(
        rounded(px, py, 100.0, 140.0, 3.0),
        Rgb::hex(0xfbf9f2).color(),
    );
    c.fill(
        rect(px + 14.0, py + 20.0, 70.0, 6.0),
        Rgb::hex(0x9a9890).color(),
    );
    c.fill(
        rect(px + 14.0, py + 40.0, 50.0, 6.0),
        Rgb::hex(0x9a9890).color(),
    );
    c.stroke(
        rect(px + 16.0, py + 70.0, 28.0, 28.0),
        Rgb::hex(0x4a4a4a).color(),
        3.0,
    );
    c.stroke(
        line(px + 20.0, py + 74.0, px + 40.0, py + 94.0),
        Rgb::hex(0x2f4f8a).color(),
        4.0,
    );
    c.stroke(
        line(px + 40.0, py + 74.0, px + 20.0, py + 94.0),
        Rgb::hex(0x2f4f8a).color(),
        4.0,
    );
    Caption::new(
        format!("a clear ballot box filling with folded papers on a table in a hall, {name_en}-curtained voting booths behind"),
        format!("صندوق اقتراع شفاف تتجمع فيه الأوراق المطوية على طاولة في قاعة، وخلفه معازل تصويت بستائر {name_ar}"),
    )
}
