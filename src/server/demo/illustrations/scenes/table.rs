//! A table seen from above: a meal, Arabic coffee, apples and cider, handwritten recipe cards,
//! or a conference table laid for talks.
//!
//! Over 400 lines of drawing: one function per scene, shape after shape, read one scene at a
//! time; no logic here is shared with another file.

use super::super::canvas::{
    blob, circle, curve, ellipse, line, radial, rect, rounded, turned, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Meal,
    Coffee,
    Cider,
    RecipeCards,
    /// Open books, tea and a phone turned face down.
    Reading,
    Conference,
}

const WOODS: [(u32, &str, &str); 3] = [
    (0x8a6548, "a walnut table", "طاولة من خشب الجوز"),
    (0xb08a62, "an oak table", "طاولة من خشب البلوط"),
    (0x5f4a3d, "a dark wooden table", "طاولة خشبية داكنة"),
];

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Table) -> Caption {
    let (wood, wood_en, wood_ar) = *rng.pick(&WOODS);
    let wood = Rgb::hex(wood);
    if kind != Table::Conference {
        planks(c, rng, wood);
    }
    let what = match kind {
        Table::Meal => {
            meal(c, rng);
            Caption::new(
                "plates of food, glasses and cutlery laid out on",
                "أطباق طعام وكؤوس وأدوات مائدة على",
            )
        }
        Table::Coffee => {
            coffee(c, rng);
            Caption::new("a brass tray with small cups of Arabic coffee round a bowl of dates, roasted beans scattered on", "صينية نحاسية عليها فناجين قهوة عربية صغيرة حول صحن تمر، وحبوب بن محمّصة منثورة على")
        }
        Table::Cider => {
            cider(c, rng);
            Caption::new(
                "red and green apples beside two glasses of golden cider on",
                "تفاح أحمر وأخضر بجانب كأسين من عصير التفاح الذهبي على",
            )
        }
        Table::RecipeCards => {
            recipe_cards(c, rng);
            Caption::new(
                "handwritten recipe cards, an egg and a wooden spoon dusted with flour on",
                "بطاقات وصفات مكتوبة بخط اليد وبيضة وملعقة خشبية عليها دقيق على",
            )
        }
        Table::Reading => {
            reading(c, rng);
            Caption::new(
                "open books, cups of tea, reading glasses and a phone turned face down on",
                "كتب مفتوحة وأكواب شاي ونظارة قراءة وهاتف مقلوب على وجهه على",
            )
        }
        Table::Conference => {
            conference(c, rng);
            return Caption::new(
                "a long conference table seen from above, chairs on both sides, papers, microphones and water glasses laid at each place",
                "طاولة مؤتمرات طويلة من الأعلى، مقاعد على الجانبين وأوراق وميكروفونات وكؤوس ماء أمام كل مقعد",
            );
        }
    };
    Caption::new(
        format!("{} {wood_en}, seen from above", what.en),
        format!("{} {wood_ar}، من الأعلى", what.ar),
    )
}

/// Wooden boards across the picture, with seams and a little grain, lit from one corner.
fn planks(c: &mut Canvas, rng: &mut Rng, wood: Rgb) {
    c.fill(rect(0.0, 0.0, W, H), wood.color());
    let board = 150.0;
    for k in 0..7 {
        let y = k as f32 * board;
        let tone = wood.mix(
            if k % 2 == 0 {
                Rgb(0, 0, 0)
            } else {
                Rgb(255, 255, 255)
            },
            rng.range(0.02, 0.08),
        );
        c.fill(rect(0.0, y, W, board), tone.color());
        for _ in 0..6 {
            let gy = y + rng.range(10.0, board - 10.0);
            let pts: Vec<(f32, f32)> = (0..9)
                .map(|i| (i as f32 * 200.0, gy + rng.range(-6.0, 6.0)))
                .collect();
            c.stroke(
                curve(&pts),
                wood.mix(Rgb(0, 0, 0), 0.25).alpha(0.25),
                rng.range(1.0, 3.0),
            );
        }
        c.fill(
            rect(0.0, y - 2.0, W, 4.0),
            wood.mix(Rgb(0, 0, 0), 0.45).alpha(0.7),
        );
    }
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.3,
            H * 0.2,
            W,
            &[
                (0.0, Rgb::hex(0xfff4e0).alpha(0.18)),
                (1.0, Rgb(0, 0, 0).alpha(0.25)),
            ],
        ),
    );
}

/// A round thing's shadow, falling down and right.
fn shadow(c: &mut Canvas, x: f32, y: f32, r: f32) {
    c.fill(
        circle(x + r * 0.12, y + r * 0.16, r * 1.02),
        Rgb(0, 0, 0).alpha(0.22),
    );
}

fn plate(c: &mut Canvas, x: f32, y: f32, r: f32, china: Rgb) {
    shadow(c, x, y, r);
    c.fill(circle(x, y, r), china.color());
    c.fill(
        circle(x, y, r * 0.72),
        china.mix(Rgb(0, 0, 0), 0.06).color(),
    );
    c.stroke(
        circle(x, y, r * 0.72),
        china.mix(Rgb(0, 0, 0), 0.12).alpha(0.6),
        3.0,
    );
}

fn glass(c: &mut Canvas, x: f32, y: f32, r: f32, drink: Rgb) {
    c.fill(circle(x + 10.0, y + 14.0, r), Rgb(0, 0, 0).alpha(0.15));
    c.fill(circle(x, y, r), drink.alpha(0.55));
    c.stroke(circle(x, y, r), Rgb::hex(0xffffff).alpha(0.6), 4.0);
    c.fill(
        ellipse(x - r * 0.35, y - r * 0.35, r * 0.25, r * 0.15),
        Rgb::hex(0xffffff).alpha(0.5),
    );
}

fn meal(c: &mut Canvas, rng: &mut Rng) {
    let china = Rgb::hex(0xf1ede4);
    let foods = [0xc8553d, 0x6f9a4a, 0xe0b24f, 0x9a5a3a, 0xd98a4a];
    let places = [
        (W * 0.3, H * 0.38),
        (W * 0.68, H * 0.62),
        (W * 0.5, H * 0.45),
    ];
    for (i, &(x, y)) in places.iter().enumerate() {
        let r = if i == 2 { 120.0 } else { 150.0 };
        plate(c, x, y, r, china);
        for _ in 0..4 {
            let f = Rgb::hex(*rng.pick(&foods));
            let (fx, fy, r) = (
                x + rng.range(-45.0, 45.0),
                y + rng.range(-45.0, 45.0),
                rng.range(25.0, 45.0),
            );
            c.fill(blob(rng, fx, fy, r, 0.3, 1.2), f.color());
        }
        c.fill(
            rounded(x + r + 20.0, y - 90.0, 16.0, 180.0, 8.0),
            Rgb::hex(0xc9ccd0).color(),
        );
        c.fill(
            rounded(x - r - 36.0, y - 90.0, 16.0, 180.0, 8.0),
            Rgb::hex(0xc9ccd0).color(),
        );
    }
    glass(c, W * 0.82, H * 0.22, 55.0, Rgb::hex(0x9a2f3f));
    glass(c, W * 0.15, H * 0.78, 50.0, Rgb::hex(0xd8e6ea));
    c.fill(
        turned(
            rounded(W * 0.78, H * 0.78, 200.0, 130.0, 8.0),
            12.0,
            W * 0.8,
            H * 0.8,
        ),
        Rgb::hex(0x7a9ab0).color(),
    );
}

fn coffee(c: &mut Canvas, rng: &mut Rng) {
    let bean = Rgb::hex(0x4a2e1f);
    for _ in 0..70 {
        let (x, y) = (rng.range(0.0, W), rng.range(0.0, H));
        let angle = rng.range(0.0, 180.0);
        c.fill(
            turned(ellipse(x, y, 16.0, 11.0), angle, x, y),
            bean.mix(Rgb::hex(0x7a4a2f), rng.range(0.0, 0.6)).color(),
        );
        c.stroke(
            turned(line(x - 12.0, y, x + 12.0, y), angle, x, y),
            Rgb::hex(0x2a1a12).color(),
            2.0,
        );
    }
    let (tx, ty, tr) = (W * 0.48, H * 0.5, 320.0);
    shadow(c, tx, ty, tr);
    let brass = Rgb::hex(0xc8a04f);
    c.shade(
        circle(tx, ty, tr),
        radial(
            tx - 80.0,
            ty - 80.0,
            tr * 1.4,
            &[
                (0.0, brass.mix(Rgb(255, 255, 255), 0.3).color()),
                (1.0, brass.mix(Rgb(0, 0, 0), 0.3).color()),
            ],
        ),
    );
    c.stroke(
        circle(tx, ty, tr * 0.9),
        brass.mix(Rgb(0, 0, 0), 0.35).alpha(0.6),
        5.0,
    );
    // A bowl of dates in the middle.
    c.fill(circle(tx + 10.0, ty + 14.0, 120.0), Rgb(0, 0, 0).alpha(0.2));
    c.fill(circle(tx, ty, 120.0), Rgb::hex(0xe8e0d0).color());
    c.fill(circle(tx, ty, 100.0), Rgb::hex(0xd8cdb8).color());
    for _ in 0..16 {
        let (dx, dy) = (tx + rng.range(-70.0, 70.0), ty + rng.range(-70.0, 70.0));
        let angle = rng.range(0.0, 180.0);
        let date = Rgb::hex(0x6a3a22).mix(Rgb::hex(0x9a5a2f), rng.range(0.0, 0.7));
        c.fill(
            turned(ellipse(dx, dy, 30.0, 15.0), angle, dx, dy),
            date.color(),
        );
        c.fill(
            turned(ellipse(dx - 8.0, dy - 4.0, 10.0, 4.0), angle, dx, dy),
            Rgb::hex(0xffffff).alpha(0.25),
        );
    }
    // Small handleless cups round it, filled with pale Arabic coffee.
    let china = Rgb::hex(0xf2ede2);
    for k in 0..6 {
        let a = k as f32 * std::f32::consts::TAU / 6.0 + 0.3;
        let (x, y) = (tx + 225.0 * a.cos(), ty + 225.0 * a.sin());
        c.fill(circle(x + 6.0, y + 9.0, 58.0), Rgb(0, 0, 0).alpha(0.2));
        c.fill(circle(x, y, 58.0), china.color());
        c.stroke(circle(x, y, 50.0), Rgb::hex(0x2f6f5a).color(), 5.0);
        c.fill(circle(x, y, 44.0), Rgb::hex(0xb8925a).color());
        c.fill(
            ellipse(x - 14.0, y - 14.0, 13.0, 7.0),
            Rgb::hex(0xffffff).alpha(0.35),
        );
    }
}

fn cider(c: &mut Canvas, rng: &mut Rng) {
    let apples = [0xb8483f, 0x9fb04f, 0xc9623f, 0xd1a14a];
    for _ in 0..9 {
        let (x, y) = (rng.range(W * 0.1, W * 0.6), rng.range(H * 0.2, H * 0.85));
        let r = rng.range(60.0, 78.0);
        let skin = Rgb::hex(*rng.pick(&apples));
        shadow(c, x, y, r);
        c.shade(
            circle(x, y, r),
            radial(
                x - r * 0.3,
                y - r * 0.3,
                r * 1.4,
                &[
                    (0.0, skin.mix(Rgb(255, 255, 255), 0.25).color()),
                    (1.0, skin.mix(Rgb(0, 0, 0), 0.3).color()),
                ],
            ),
        );
        c.fill(circle(x, y, r * 0.12), skin.mix(Rgb(0, 0, 0), 0.5).color());
        c.stroke(
            line(x, y, x + r * 0.2, y - r * 0.25),
            Rgb::hex(0x4a3020).color(),
            5.0,
        );
        c.fill(
            turned(
                ellipse(x + r * 0.35, y - r * 0.3, r * 0.28, r * 0.12),
                -35.0,
                x + r * 0.35,
                y - r * 0.3,
            ),
            Rgb::hex(0x5f8a3f).color(),
        );
    }
    for &(x, y) in &[(W * 0.74, H * 0.34), (W * 0.84, H * 0.62)] {
        c.fill(circle(x + 14.0, y + 18.0, 88.0), Rgb(0, 0, 0).alpha(0.18));
        c.fill(circle(x, y, 88.0), Rgb::hex(0xe0a84a).alpha(0.8));
        c.fill(circle(x, y, 70.0), Rgb::hex(0xf0c86a).alpha(0.7));
        for _ in 0..10 {
            c.fill(
                circle(
                    x + rng.range(-50.0, 50.0),
                    y + rng.range(-50.0, 50.0),
                    rng.range(2.0, 5.0),
                ),
                Rgb::hex(0xfff4d0).alpha(0.7),
            );
        }
        c.stroke(circle(x, y, 88.0), Rgb::hex(0xffffff).alpha(0.55), 5.0);
    }
}

fn recipe_cards(c: &mut Canvas, rng: &mut Rng) {
    for _ in 0..260 {
        c.fill(
            circle(
                rng.range(W * 0.05, W * 0.6),
                rng.range(H * 0.1, H * 0.9),
                rng.range(1.5, 5.0),
            ),
            Rgb::hex(0xf6f2ea).alpha(rng.range(0.3, 0.8)),
        );
    }
    let paper = Rgb::hex(0xf1e9d6);
    let inks = [0x2f4a7a, 0x3a3a3a, 0x6a2f3a];
    for k in 0..4 {
        let (x, y) = (
            W * (0.12 + 0.19 * k as f32) + rng.range(-20.0, 20.0),
            H * rng.range(0.15, 0.35),
        );
        let angle = rng.range(-14.0, 14.0);
        let (w, h) = (420.0, 280.0);
        let (cx, cy) = (x + w / 2.0, y + h / 2.0);
        c.fill(
            turned(rect(x + 10.0, y + 14.0, w, h), angle, cx, cy),
            Rgb(0, 0, 0).alpha(0.2),
        );
        c.fill(
            turned(rect(x, y, w, h), angle, cx, cy),
            paper.mix(Rgb::hex(0xe0d0b0), rng.range(0.0, 0.5)).color(),
        );
        c.fill(
            turned(rect(x, y + 52.0, w, 3.0), angle, cx, cy),
            Rgb::hex(0xc0605a).alpha(0.6),
        );
        let ink = Rgb::hex(*rng.pick(&inks));
        // Handwriting: a title, then wavy lines of script.
        let title: Vec<(f32, f32)> = (0..12)
            .map(|i| (x + 30.0 + i as f32 * 16.0, y + 32.0 + rng.range(-7.0, 7.0)))
            .collect();
        c.stroke(turned(curve(&title), angle, cx, cy), ink.color(), 4.0);
        for row in 0..5 {
            let ly = y + 85.0 + row as f32 * 36.0;
            let len = rng.range(0.5, 0.9) * (w - 60.0);
            let pts: Vec<(f32, f32)> = (0..(len / 11.0) as usize)
                .map(|i| (x + 30.0 + i as f32 * 11.0, ly + rng.range(-6.0, 6.0)))
                .collect();
            c.stroke(turned(curve(&pts), angle, cx, cy), ink.alpha(0.8), 2.5);
            c.fill(
                turned(rect(x + 20.0, ly + 14.0, w - 40.0, 1.5), angle, cx, cy),
                Rgb::hex(0x8ab0c8).alpha(0.5),
            );
        }
    }
    let (ex, ey) = (W * 0.72, H * 0.78);
    c.fill(
        ellipse(ex + 10.0, ey + 14.0, 70.0, 54.0),
        Rgb(0, 0, 0).alpha(0.2),
    );
    c.shade(
        ellipse(ex, ey, 70.0, 54.0),
        radial(
            ex - 20.0,
            ey - 20.0,
            90.0,
            &[
                (0.0, Rgb::hex(0xf4e2c8).color()),
                (1.0, Rgb::hex(0xc99a6a).color()),
            ],
        ),
    );
    let spoon = Rgb::hex(0xc9a06a);
    c.stroke(
        turned(
            line(W * 0.3, H * 0.82, W * 0.55, H * 0.82),
            -8.0,
            W * 0.42,
            H * 0.82,
        ),
        spoon.mix(Rgb(0, 0, 0), 0.2).color(),
        22.0,
    );
    c.fill(
        turned(
            ellipse(W * 0.27, H * 0.82, 70.0, 42.0),
            -8.0,
            W * 0.42,
            H * 0.82,
        ),
        spoon.color(),
    );
}

fn reading(c: &mut Canvas, rng: &mut Rng) {
    let paper = Rgb::hex(0xf4efe2);
    let covers = [0x8a3f3a, 0x2f4f6f, 0x4f7a5a, 0xc59a4a];
    for k in 0..3 {
        let (x, y) = (
            W * (0.1 + 0.3 * k as f32) + rng.range(-20.0, 20.0),
            H * rng.range(0.15, 0.45),
        );
        let angle = rng.range(-15.0, 15.0);
        let (w, h) = (440.0, 300.0);
        let (cx, cy) = (x + w / 2.0, y + h / 2.0);
        let cover = Rgb::hex(covers[(k + rng.below(4)) % 4]);
        c.fill(
            turned(rect(x + 10.0, y + 16.0, w, h), angle, cx, cy),
            Rgb(0, 0, 0).alpha(0.25),
        );
        c.fill(
            turned(
                rounded(x - 10.0, y - 8.0, w + 20.0, h + 16.0, 6.0),
                angle,
                cx,
                cy,
            ),
            cover.color(),
        );
        c.fill(turned(rect(x, y, w, h), angle, cx, cy), paper.color());
        c.shade(
            turned(rect(x + w / 2.0 - 30.0, y, 60.0, h), angle, cx, cy),
            super::super::canvas::linear(
                x + w / 2.0 - 30.0,
                0.0,
                x + w / 2.0 + 30.0,
                0.0,
                &[
                    (0.0, Rgb(0, 0, 0).alpha(0.0)),
                    (0.5, Rgb(0, 0, 0).alpha(0.2)),
                    (1.0, Rgb(0, 0, 0).alpha(0.0)),
                ],
            ),
        );
        for page in [0.0, 1.0] {
            for row in 0..11 {
                let lx = x + 24.0 + page * w / 2.0;
                let len = if row == 10 { 90.0 } else { w / 2.0 - 50.0 };
                c.fill(
                    turned(
                        rect(lx, y + 30.0 + row as f32 * 23.0, len, 5.0),
                        angle,
                        cx,
                        cy,
                    ),
                    Rgb::hex(0x9a968c).color(),
                );
            }
        }
    }
    for &(x, y) in &[(W * 0.2, H * 0.8), (W * 0.56, H * 0.82)] {
        c.fill(circle(x + 8.0, y + 12.0, 62.0), Rgb(0, 0, 0).alpha(0.2));
        c.fill(circle(x, y, 62.0), Rgb::hex(0xf2ede2).color());
        c.fill(circle(x, y, 48.0), Rgb::hex(0xa8683a).color());
        c.fill(
            ellipse(x - 16.0, y - 16.0, 14.0, 8.0),
            Rgb::hex(0xffffff).alpha(0.3),
        );
        c.stroke(
            super::super::canvas::arc(x + 62.0, y, 26.0, -1.2, 1.2),
            Rgb::hex(0xf2ede2).color(),
            10.0,
        );
    }
    // The phone, face down, and a pair of reading glasses.
    let (px, py) = (W * 0.8, H * 0.74);
    c.fill(
        turned(
            rounded(px + 8.0, py + 12.0, 150.0, 300.0, 24.0),
            18.0,
            px + 75.0,
            py + 150.0,
        ),
        Rgb(0, 0, 0).alpha(0.25),
    );
    c.fill(
        turned(
            rounded(px, py, 150.0, 300.0, 24.0),
            18.0,
            px + 75.0,
            py + 150.0,
        ),
        Rgb::hex(0x2a2e36).color(),
    );
    c.fill(
        turned(
            rounded(px + 18.0, py + 18.0, 50.0, 50.0, 12.0),
            18.0,
            px + 75.0,
            py + 150.0,
        ),
        Rgb::hex(0x3a404a).color(),
    );
    let (gx, gy) = (W * 0.4, H * 0.9);
    for dx in [-55.0, 55.0] {
        c.stroke(circle(gx + dx, gy, 42.0), Rgb::hex(0x3a2a22).color(), 6.0);
        c.fill(circle(gx + dx, gy, 38.0), Rgb::hex(0xdfeaf0).alpha(0.25));
    }
    c.stroke(
        super::super::canvas::arc(gx, gy + 6.0, 16.0, 3.6, 5.8),
        Rgb::hex(0x3a2a22).color(),
        6.0,
    );
}

/// A long table for talks, both delegations' places laid.
fn conference(c: &mut Canvas, rng: &mut Rng) {
    let carpet = Rgb::hex(0x3f4a5c);
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W / 2.0,
            H / 2.0,
            W * 0.7,
            &[
                (0.0, carpet.mix(Rgb(255, 255, 255), 0.1).color()),
                (1.0, carpet.mix(Rgb(0, 0, 0), 0.35).color()),
            ],
        ),
    );
    let (x, y, w, h) = (W * 0.1, H * 0.34, W * 0.8, H * 0.32);
    let chair = Rgb::hex(0x26303e);
    let seats = 7;
    for k in 0..seats {
        let sx = x + 60.0 + k as f32 * (w - 120.0) / (seats - 1) as f32;
        for (sy, back) in [(y - 60.0, y - 95.0), (y + h + 60.0, y + h + 75.0)] {
            c.fill(
                rounded(sx - 42.0, sy - 40.0, 84.0, 80.0, 18.0),
                chair.color(),
            );
            c.fill(
                rounded(sx - 46.0, back - 10.0, 92.0, 22.0, 10.0),
                chair.mix(Rgb(0, 0, 0), 0.3).color(),
            );
        }
    }
    c.fill(
        rounded(x + 12.0, y + 18.0, w, h, 60.0),
        Rgb(0, 0, 0).alpha(0.3),
    );
    let top = Rgb::hex(0x6a4a36);
    c.shade(
        rounded(x, y, w, h, 60.0),
        radial(
            W * 0.4,
            H * 0.4,
            W * 0.6,
            &[
                (0.0, top.mix(Rgb(255, 255, 255), 0.15).color()),
                (1.0, top.mix(Rgb(0, 0, 0), 0.2).color()),
            ],
        ),
    );
    c.fill(
        rounded(x + w * 0.3, y + h * 0.42, w * 0.4, h * 0.16, 20.0),
        Rgb::hex(0x3f5a48).color(),
    );
    for k in 0..5 {
        let px = x + w * 0.36 + k as f32 * w * 0.07;
        c.fill(circle(px, y + h * 0.5, 18.0), Rgb::hex(0xe8e2d2).color());
        c.fill(circle(px, y + h * 0.5, 10.0), Rgb::hex(0xc8553d).color());
    }
    for k in 0..seats {
        let sx = x + 60.0 + k as f32 * (w - 120.0) / (seats - 1) as f32;
        for (py, dir) in [(y + 24.0, 1.0), (y + h - 24.0, -1.0)] {
            let angle = rng.range(-6.0, 6.0);
            c.fill(
                turned(
                    rect(
                        sx - 45.0,
                        py + if dir > 0.0 { 0.0 } else { -80.0 },
                        90.0,
                        80.0,
                    ),
                    angle,
                    sx,
                    py,
                ),
                Rgb::hex(0xf4f1ea).color(),
            );
            for l in 0..4 {
                let ly = py + dir * (16.0 + l as f32 * 16.0);
                c.fill(
                    turned(
                        rect(sx - 35.0, ly, 70.0 - l as f32 * 8.0, 3.0),
                        angle,
                        sx,
                        py,
                    ),
                    Rgb::hex(0x9a9a9a).color(),
                );
            }
            c.stroke(
                line(sx + 55.0, py + dir * 10.0, sx + 55.0, py + dir * 70.0),
                Rgb::hex(0x1a1a1a).color(),
                4.0,
            );
            c.fill(
                circle(sx + 55.0, py + dir * 10.0, 9.0),
                Rgb::hex(0x1a1a1a).color(),
            );
            c.fill(
                circle(sx - 65.0, py + dir * 40.0, 16.0),
                Rgb::hex(0xd8e6ea).alpha(0.6),
            );
            c.stroke(
                circle(sx - 65.0, py + dir * 40.0, 16.0),
                Rgb::hex(0xffffff).alpha(0.6),
                3.0,
            );
        }
    }
}
