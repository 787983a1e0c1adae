//! The countryside under a sky: olive groves, maple woods, tea terraces, wheat, wind turbines,
//! dry grassland, a walking path, a shrunken reservoir or river, an open-pit mine, a solar
//! plant by the sea, a lake's mud in section, a night train on a viaduct.
//!
//! Over 400 lines of drawing: one function per scene, shape after shape, read one scene at a
//! time; no logic here is shared with another file.

use super::super::canvas::{
    arc, blob, circle, curve, ellipse, line, polygon, rect, ridge, rounded, turned, vertical,
    Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;
use super::super::scenery::{clouds, haze, hills, profile, sky, stars, sun, Light, TimeOfDay};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Land {
    Olive,
    Maple,
    Tea,
    /// Wheat at harvest, with demining stakes along the field's edge.
    Wheat,
    Turbines,
    DryGrass,
    WalkPath,
    Reservoir,
    River,
    Mine,
    Solar,
    /// A lake with its layers of mud shown in section below.
    Strata,
    NightTrain,
}

pub fn draw(c: &mut Canvas, rng: &mut Rng, kind: Land) -> Caption {
    let time = match kind {
        Land::NightTrain => TimeOfDay::Night,
        Land::DryGrass => TimeOfDay::Dusk,
        Land::Solar | Land::Mine | Land::Reservoir => TimeOfDay::Morning,
        _ => TimeOfDay::daylight(rng),
    };
    let light = time.light();
    let horizon = match kind {
        Land::Strata => H * 0.3,
        Land::Tea | Land::Mine => H * 0.4,
        _ => H * 0.52,
    };
    sky(c, &light, horizon);
    if time == TimeOfDay::Night {
        stars(c, rng, 140, horizon);
    }
    let sun_x = rng.range(W * 0.15, W * 0.85);
    let sun_y = if matches!(time, TimeOfDay::Morning | TimeOfDay::Night) {
        H * 0.14
    } else {
        horizon - H * 0.1
    };
    sun(c, time, sun_x, sun_y.min(horizon - 60.0), 38.0);
    if kind == Land::DryGrass {
        // Smoke on the horizon turns the sky brown.
        clouds(
            c,
            rng,
            Rgb::hex(0x8a6a5a),
            0.45,
            6,
            horizon - 140.0,
            horizon - 20.0,
        );
    } else {
        clouds(
            c,
            rng,
            light.horizon.mix(Rgb::hex(0xffffff), 0.4),
            0.4,
            3,
            H * 0.08,
            horizon * 0.6,
        );
    }
    let green = match kind {
        Land::DryGrass | Land::Reservoir | Land::Solar | Land::Mine => Rgb::hex(0xb89a64),
        Land::Olive => Rgb::hex(0x9a9a62),
        Land::River => Rgb::hex(0x3f6a48),
        _ => Rgb::hex(0x6f9a5a),
    };
    if kind != Land::Strata {
        hills(
            c,
            rng,
            &light,
            green.mix(light.ink, 0.3),
            3,
            horizon - 60.0,
            horizon,
        );
        haze(c, &light, horizon + 20.0, 80.0, 0.35);
    }
    let what = match kind {
        Land::Olive => {
            field(c, &light, horizon, Rgb::hex(0xc2a26a));
            rows_of(c, rng, horizon, 6, |c, rng, x, y, s| {
                tree(
                    c,
                    rng,
                    x,
                    y,
                    70.0 * s,
                    Rgb::hex(0x8a9a6a),
                    Rgb::hex(0x5a4a3a),
                )
            });
            Caption::new(
                "rows of silver-green olive trees on ochre soil, hills behind",
                "صفوف من أشجار الزيتون الفضية الخضراء على تربة مغرة وتلال في الخلفية",
            )
        }
        Land::Maple => {
            field(c, &light, horizon, Rgb::hex(0xe8e4dc));
            let reds = [0xb8483f, 0xd9733f, 0xe2a53f, 0xa83f3f];
            let (shack_x, shack_y) = (W * 0.62, H * 0.8);
            rows_of(c, rng, horizon, 5, |c, rng, x, y, s| {
                let leaf = Rgb::hex(*rng.pick(&reds));
                // Trees nearer than the shack are drawn before it and would be hidden behind
                // it: leave a clearing there instead.
                if y > shack_y - 20.0 && (x - shack_x).abs() < 210.0 {
                    return;
                }
                tree(c, rng, x, y, 80.0 * s, leaf, Rgb::hex(0x4a3a30));
            });
            shack(c, &light, shack_x, shack_y);
            Caption::new("a sugar shack with steam rising among red and orange maples, late snow on the ground", "كوخ لصنع شراب القيقب يتصاعد منه البخار بين أشجار قيقب حمراء وبرتقالية، وبقايا ثلج على الأرض")
        }
        Land::Tea => {
            terraces(c, rng, &light, horizon);
            Caption::new(
                "steep green hills striped with terraced rows of tea bushes",
                "تلال خضراء شديدة الانحدار تغطيها مدرجات من شجيرات الشاي",
            )
        }
        Land::Wheat => {
            wheat(c, rng, &light, horizon);
            Caption::new("golden wheat fields with a combine harvester at work, red-topped stakes marking the cleared ground", "حقول قمح ذهبية تعمل فيها حصادة، وأوتاد حمراء الرؤوس تحدد الأرض المطهَّرة")
        }
        Land::Turbines => {
            field(c, &light, horizon, Rgb::hex(0x7fa062));
            village(c, rng, &light, horizon);
            for k in 0..4 {
                let x = W * (0.15 + 0.24 * k as f32) + rng.range(-40.0, 40.0);
                let s = 0.6 + 0.25 * (k % 2) as f32;
                turbine(
                    c,
                    &light,
                    x,
                    horizon + 10.0,
                    300.0 * s,
                    rng.range(0.0, 120.0),
                );
            }
            Caption::new(
                "white wind turbines on a ridge above a village with a church spire",
                "توربينات رياح بيضاء على تلة فوق قرية ذات برج كنيسة",
            )
        }
        Land::DryGrass => {
            field(c, &light, horizon, Rgb::hex(0xc9a65f));
            grass(c, rng, horizon, Rgb::hex(0xd9b86a));
            for k in 0..3 {
                let x = W * (0.2 + 0.3 * k as f32) + rng.range(-50.0, 50.0);
                tree(
                    c,
                    rng,
                    x,
                    horizon + 40.0 + 30.0 * k as f32,
                    90.0,
                    Rgb::hex(0x7a8a6a),
                    Rgb::hex(0x4a3a30),
                );
            }
            Caption::new("tall dry grass and scattered gum trees under a hazy orange sky, smoke on the horizon", "عشب جاف طويل وأشجار كينا متفرقة تحت سماء برتقالية ضبابية، ودخان في الأفق")
        }
        Land::WalkPath => {
            field(c, &light, horizon, Rgb::hex(0x7fa062));
            walkers(c, rng, &light, horizon);
            Caption::new(
                "a group of walkers on a winding path through green hills",
                "مجموعة من المشاة على درب متعرج بين تلال خضراء",
            )
        }
        Land::Reservoir => {
            reservoir(c, &light, horizon);
            Caption::new("a reservoir shrunk far below its old waterline, pale bands of dry bank above a concrete dam", "خزان مياه انحسر بعيداً عن منسوبه القديم، وأشرطة شاحبة من الضفاف الجافة فوق سد خرساني")
        }
        Land::River => {
            river(c, rng, &light, horizon);
            Caption::new(
                "a shrunken river between rainforest banks, riverboats stranded on pale sandbanks",
                "نهر منحسر بين ضفاف غابة مطيرة، وقوارب نهرية عالقة على ضفاف رملية شاحبة",
            )
        }
        Land::Mine => {
            mine(c, rng, &light, horizon);
            Caption::new(
                "an open-pit copper mine cut in terraces into a desert valley, trucks on its ramps",
                "منجم نحاس مكشوف محفور في مدرجات داخل وادٍ صحراوي، وشاحنات على منحدراته",
            )
        }
        Land::Solar => {
            solar(c, rng, &light, horizon);
            Caption::new("rows of solar panels on desert sand, the white tanks of a desalination plant by the sea", "صفوف من الألواح الشمسية على رمال الصحراء، وخزانات بيضاء لمحطة تحلية على شاطئ البحر")
        }
        Land::Strata => {
            strata(c, rng, &light, horizon);
            Caption::new("a still lake above a cut-away of its bed, layers of mud with one thick pale band, a sediment core drawn up", "بحيرة ساكنة فوق مقطع من قاعها، طبقات من الطين بينها شريط شاحب سميك، وعينة لبّية مسحوبة")
        }
        Land::NightTrain => {
            viaduct(c, rng, &light);
            // The train is a night train: "at night" would say it twice.
            return Caption::new(
                "a night train with lit windows crossing a stone viaduct under a moonlit sky, village lights in the valley below",
                "قطار ليلي بنوافذ مضاءة يعبر جسراً حجرياً تحت سماء مقمرة، وأضواء قرية في الوادي أسفله",
            );
        }
    };
    let when = time.words();
    Caption::new(
        format!("{} {}", what.en, when.en),
        format!("{} {}", what.ar, when.ar),
    )
}

/// The ground from the horizon down, darker towards the viewer.
fn field(c: &mut Canvas, light: &Light, horizon: f32, colour: Rgb) {
    c.shade(
        rect(0.0, horizon, W, H - horizon),
        vertical(
            horizon,
            H,
            &[
                (0.0, colour.mix(light.haze, 0.45).color()),
                (1.0, colour.mix(light.ink, 0.3).color()),
            ],
        ),
    );
}

/// Calls `each` for points on rows receding to the horizon, far rows first; its last argument
/// is the scale at that row.
fn rows_of(
    c: &mut Canvas,
    rng: &mut Rng,
    horizon: f32,
    rows: usize,
    mut each: impl FnMut(&mut Canvas, &mut Rng, f32, f32, f32),
) {
    for r in 0..rows {
        let t = (r + 1) as f32 / rows as f32;
        let y = horizon + (H - horizon) * t.powf(1.5) * 0.95;
        let s = 0.25 + 0.85 * t;
        let gap = 260.0 * s;
        let mut x = -gap / 2.0 + rng.range(0.0, gap * 0.5);
        while x < W + gap {
            each(c, rng, x, y, s);
            x += gap;
        }
    }
}

/// A round-crowned tree standing at `(x, y)`.
fn tree(c: &mut Canvas, rng: &mut Rng, x: f32, y: f32, r: f32, leaf: Rgb, bark: Rgb) {
    c.fill(
        ellipse(x + r * 0.3, y, r * 0.9, r * 0.18),
        Rgb(0, 0, 0).alpha(0.2),
    );
    c.fill(
        polygon(&[
            (x - r * 0.1, y),
            (x + r * 0.1, y),
            (x + r * 0.06, y - r * 1.1),
            (x - r * 0.06, y - r * 1.1),
        ]),
        bark.color(),
    );
    c.fill(
        blob(rng, x, y - r * 1.4, r, 0.15, 1.1),
        leaf.mix(Rgb(0, 0, 0), 0.15).color(),
    );
    c.fill(
        blob(rng, x - r * 0.2, y - r * 1.55, r * 0.65, 0.2, 1.1),
        leaf.color(),
    );
    c.fill(
        ellipse(x - r * 0.35, y - r * 1.8, r * 0.3, r * 0.2),
        leaf.mix(Rgb(255, 255, 255), 0.3).alpha(0.6),
    );
}

fn shack(c: &mut Canvas, light: &Light, x: f32, y: f32) {
    let wall = Rgb::hex(0x8a5a3f).mix(light.ink, 0.2);
    c.fill(rect(x - 130.0, y - 110.0, 260.0, 110.0), wall.color());
    for k in 0..9 {
        c.fill(
            rect(x - 130.0 + k as f32 * 29.0, y - 110.0, 3.0, 110.0),
            wall.mix(Rgb(0, 0, 0), 0.3).color(),
        );
    }
    c.fill(
        polygon(&[
            (x - 150.0, y - 110.0),
            (x + 150.0, y - 110.0),
            (x + 90.0, y - 190.0),
            (x - 90.0, y - 190.0),
        ]),
        Rgb::hex(0x4a4a52).color(),
    );
    c.fill(
        rect(x - 40.0, y - 225.0, 80.0, 40.0),
        Rgb::hex(0x4a4a52).color(),
    );
    for k in 0..5 {
        c.fill(
            circle(
                x - 10.0 + k as f32 * 18.0,
                y - 260.0 - k as f32 * 45.0,
                30.0 + k as f32 * 12.0,
            ),
            Rgb::hex(0xf4f1ea).alpha(0.4 - k as f32 * 0.06),
        );
    }
    c.fill(rect(x - 25.0, y - 70.0, 50.0, 70.0), light.ink.color());
    c.fill(rect(x + 60.0, y - 80.0, 40.0, 34.0), light.lamp.alpha(0.8));
}

fn terraces(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    let tea = Rgb::hex(0x4f8a4f);
    for layer in 0..3 {
        let base = horizon + 60.0 + layer as f32 * 170.0;
        let pts = profile(rng, base, 90.0, 1.2 + layer as f32 * 0.3);
        let shade = tea.mix(light.haze, 0.4 - layer as f32 * 0.18);
        c.fill(ridge(&pts, H), shade.mix(Rgb::hex(0x3a2a20), 0.3).color());
        // Rows follow the hill's own line, each a little lower.
        for row in 0..14 {
            let off = row as f32 * 22.0 * (1.0 + layer as f32 * 0.4);
            let band: Vec<(f32, f32)> = pts.iter().map(|&(x, y)| (x, y + 10.0 + off)).collect();
            c.stroke(
                curve(&band),
                shade.color(),
                14.0 * (1.0 + layer as f32 * 0.35),
            );
        }
    }
}

fn wheat(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    let gold = Rgb::hex(0xd9b25a);
    field(c, light, horizon, gold);
    // Furrows converging on a point beyond the horizon.
    for k in 0..30 {
        let x = -W + k as f32 * W * 3.0 / 30.0;
        c.stroke(
            line(W * 0.5, horizon - 100.0, x, H + 50.0),
            gold.mix(light.ink, 0.3).alpha(0.35),
            3.0,
        );
    }
    c.fill(
        rect(0.0, horizon - 2.0, W, 100.0),
        gold.mix(light.haze, 0.4).alpha(0.6),
    );
    // The combine harvester, its dust behind it.
    let (hx, hy) = (W * rng.range(0.3, 0.55), horizon + 120.0);
    for k in 0..5 {
        c.fill(
            circle(
                hx + 140.0 + k as f32 * 50.0,
                hy - 40.0 - k as f32 * 10.0,
                40.0 + k as f32 * 14.0,
            ),
            gold.mix(Rgb::hex(0xffffff), 0.4).alpha(0.35),
        );
    }
    let body = Rgb::hex(0x4f7a4a).mix(light.ink, 0.2);
    c.fill(
        rounded(hx - 60.0, hy - 110.0, 200.0, 90.0, 10.0),
        body.color(),
    );
    c.fill(
        rounded(hx - 20.0, hy - 170.0, 80.0, 64.0, 8.0),
        body.mix(Rgb(255, 255, 255), 0.1).color(),
    );
    c.fill(
        rect(hx - 10.0, hy - 160.0, 60.0, 30.0),
        light.horizon.mix(light.ink, 0.4).alpha(0.9),
    );
    c.fill(
        rect(hx - 150.0, hy - 40.0, 120.0, 30.0),
        Rgb::hex(0xc9a13a).mix(light.ink, 0.3).color(),
    );
    c.stroke(
        line(hx + 120.0, hy - 100.0, hx + 200.0, hy - 150.0),
        body.color(),
        12.0,
    );
    for wx in [hx - 20.0, hx + 110.0] {
        c.fill(circle(wx, hy - 15.0, 34.0), Rgb::hex(0x2a2a2a).color());
        c.fill(circle(wx, hy - 15.0, 12.0), Rgb::hex(0x9a9a9a).color());
    }
    // Stakes along the field's near edge.
    for k in 0..9 {
        let x = W * 0.06 + k as f32 * W * 0.11 + rng.range(-10.0, 10.0);
        let y = H * 0.86 + rng.range(-10.0, 10.0);
        c.fill(
            rect(x - 4.0, y - 90.0, 8.0, 90.0),
            Rgb::hex(0xe8e2d2).mix(light.ink, 0.2).color(),
        );
        c.fill(
            rect(x - 5.0, y - 95.0, 10.0, 26.0),
            Rgb::hex(0xc8353d).color(),
        );
    }
    grass(c, rng, H * 0.86, gold.mix(Rgb::hex(0xffffff), 0.1));
}

/// Blades of grass standing along the bottom of the picture.
fn grass(c: &mut Canvas, rng: &mut Rng, from: f32, colour: Rgb) {
    for _ in 0..320 {
        let x = rng.range(-10.0, W + 10.0);
        let y = rng.range(from.max(H * 0.8), H + 10.0);
        let h = rng.range(40.0, 110.0);
        c.stroke(
            line(x, y, x + rng.range(-20.0, 20.0), y - h),
            colour.mix(Rgb(0, 0, 0), rng.range(0.0, 0.35)).alpha(0.9),
            3.0,
        );
    }
}

fn village(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    let cx = W * rng.range(0.35, 0.65);
    let wall = Rgb::hex(0xe8e0d0).mix(light.ink, 0.2);
    let roof = Rgb::hex(0xa8563f).mix(light.ink, 0.25);
    for k in 0..7 {
        let x = cx - 260.0 + k as f32 * 75.0;
        let y = horizon + 150.0 + rng.range(-10.0, 10.0);
        c.fill(rect(x, y - 50.0, 60.0, 50.0), wall.color());
        c.fill(
            polygon(&[
                (x - 6.0, y - 50.0),
                (x + 66.0, y - 50.0),
                (x + 30.0, y - 80.0),
            ]),
            roof.color(),
        );
        c.fill(rect(x + 18.0, y - 34.0, 12.0, 14.0), light.ink.alpha(0.5));
    }
    let (sx, sy) = (cx + 20.0, horizon + 150.0);
    c.fill(rect(sx - 22.0, sy - 150.0, 44.0, 150.0), wall.color());
    c.fill(
        ellipse(sx, sy - 160.0, 30.0, 26.0),
        Rgb::hex(0x5a7a5a).color(),
    );
    c.fill(
        polygon(&[
            (sx - 8.0, sy - 180.0),
            (sx + 8.0, sy - 180.0),
            (sx, sy - 240.0),
        ]),
        Rgb::hex(0x5a7a5a).color(),
    );
}

/// A wind turbine standing at `(x, ground)`, `height` tall, its blades turned `turn` degrees.
fn turbine(c: &mut Canvas, light: &Light, x: f32, ground: f32, height: f32, turn: f32) {
    let white = Rgb::hex(0xf2f0ea).mix(light.haze, 0.25);
    let hub_y = ground - height;
    c.fill(
        polygon(&[
            (x - height * 0.03, ground),
            (x + height * 0.03, ground),
            (x + height * 0.012, hub_y),
            (x - height * 0.012, hub_y),
        ]),
        white.color(),
    );
    c.fill(
        rounded(
            x - height * 0.05,
            hub_y - height * 0.025,
            height * 0.12,
            height * 0.05,
            6.0,
        ),
        white.color(),
    );
    for k in 0..3 {
        let blade = polygon(&[
            (x, hub_y - height * 0.02),
            (x + height * 0.03, hub_y - height * 0.1),
            (x + height * 0.01, hub_y - height * 0.5),
            (x - height * 0.01, hub_y - height * 0.08),
        ]);
        c.fill(
            turned(blade, turn + k as f32 * 120.0, x, hub_y),
            white.color(),
        );
    }
    c.fill(
        circle(x, hub_y, height * 0.025),
        white.mix(light.ink, 0.2).color(),
    );
}

fn walkers(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    let path = [
        (W * 0.55, horizon + 10.0),
        (W * 0.42, horizon + 90.0),
        (W * 0.62, horizon + 200.0),
        (W * 0.35, H * 0.85),
        (W * 0.45, H + 40.0),
    ];
    let sand = Rgb::hex(0xd9c9a2).mix(light.haze, 0.2);
    c.stroke(curve(&path), sand.mix(light.ink, 0.2).color(), 90.0);
    c.stroke(curve(&path), sand.color(), 70.0);
    for _ in 0..6 {
        let (x, y) = (rng.range(0.0, W), horizon + rng.range(40.0, 140.0));
        tree(c, rng, x, y, 50.0, Rgb::hex(0x5f8a4f), Rgb::hex(0x4a3a30));
    }
    let coats = [0xc8553d, 0x2f5d8a, 0xe2c35a, 0x5f8a6a, 0x8a5f7d];
    for k in 0..6 {
        let t = 0.55 + k as f32 * 0.07;
        let (x, y) = (
            W * 0.52 - k as f32 * 28.0 + rng.range(-15.0, 15.0),
            horizon + (H - horizon) * t,
        );
        let s = 0.8 + t * 0.6;
        let coat = Rgb::hex(coats[k % coats.len()]).mix(light.ink, 0.15);
        c.fill(
            ellipse(x + 8.0, y + 2.0, 20.0 * s, 5.0 * s),
            Rgb(0, 0, 0).alpha(0.2),
        );
        c.stroke(
            line(x - 6.0 * s, y, x - 2.0 * s, y - 40.0 * s),
            light.ink.color(),
            8.0 * s,
        );
        c.stroke(
            line(x + 6.0 * s, y, x + 2.0 * s, y - 40.0 * s),
            light.ink.color(),
            8.0 * s,
        );
        c.fill(
            rounded(x - 13.0 * s, y - 90.0 * s, 26.0 * s, 54.0 * s, 10.0 * s),
            coat.color(),
        );
        c.fill(
            circle(x, y - 102.0 * s, 11.0 * s),
            Rgb::hex(0xc99a7a).mix(light.ink, 0.2).color(),
        );
        c.stroke(
            line(x + 14.0 * s, y - 80.0 * s, x + 26.0 * s, y),
            Rgb::hex(0x5a4a3a).color(),
            3.0 * s,
        );
    }
}

fn reservoir(c: &mut Canvas, light: &Light, horizon: f32) {
    let earth = Rgb::hex(0xb59a72);
    // The valley's walls, banded where the water used to stand.
    c.fill(
        polygon(&[
            (0.0, horizon),
            (W * 0.3, horizon + 40.0),
            (W * 0.42, H * 0.78),
            (W * 0.58, H * 0.78),
            (W * 0.7, horizon + 40.0),
            (W, horizon),
            (W, H),
            (0.0, H),
        ]),
        earth.mix(light.haze, 0.2).color(),
    );
    for k in 0..6 {
        let t = k as f32 / 6.0;
        let y = horizon + 60.0 + t * (H * 0.78 - horizon - 60.0);
        let inset = W * 0.3 + t * W * 0.12;
        c.fill(
            polygon(&[
                (inset - 60.0, y),
                (W - inset + 60.0, y),
                (W - inset + 50.0, y + 14.0),
                (inset - 50.0, y + 14.0),
            ]),
            Rgb::hex(0xe8dcc4).alpha(0.35),
        );
    }
    c.fill(
        polygon(&[
            (W * 0.42, H * 0.74),
            (W * 0.58, H * 0.74),
            (W * 0.62, H * 0.8),
            (W * 0.38, H * 0.8),
        ]),
        light.water.mix(light.horizon, 0.3).color(),
    );
    // The dam across the near end.
    let concrete = Rgb::hex(0xc9c4b8).mix(light.ink, 0.15);
    c.fill(
        polygon(&[(0.0, H * 0.8), (W, H * 0.8), (W, H), (0.0, H)]),
        concrete.color(),
    );
    c.fill(
        rect(0.0, H * 0.8, W, 14.0),
        concrete.mix(Rgb(255, 255, 255), 0.3).color(),
    );
    for k in 0..20 {
        c.fill(
            rect(k as f32 * 80.0 + 20.0, H * 0.8 - 24.0, 8.0, 24.0),
            concrete.mix(light.ink, 0.3).color(),
        );
    }
    c.fill(
        rect(0.0, H * 0.8 - 26.0, W, 5.0),
        concrete.mix(light.ink, 0.3).color(),
    );
    c.shade(
        rect(0.0, H * 0.83, W, H * 0.17),
        vertical(
            H * 0.83,
            H,
            &[
                (0.0, Rgb(0, 0, 0).alpha(0.0)),
                (1.0, Rgb(0, 0, 0).alpha(0.25)),
            ],
        ),
    );
}

fn river(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    let water = Rgb::hex(0x5a4a3a).mix(light.water, 0.3);
    c.fill(
        polygon(&[
            (W * 0.42, horizon),
            (W * 0.58, horizon),
            (W * 1.2, H),
            (-W * 0.2, H),
        ]),
        water.mix(light.horizon, 0.2).color(),
    );
    let sand = Rgb::hex(0xe0cfa6);
    for k in 0..4 {
        let t = 0.2 + k as f32 * 0.22;
        let y = horizon + (H - horizon) * t;
        let x = W * rng.range(0.25, 0.75);
        c.fill(
            blob(rng, x, y, 40.0 + 160.0 * t, 0.3, 3.5),
            sand.mix(light.haze, 0.4 * (1.0 - t)).color(),
        );
    }
    // Rainforest walls on both banks.
    for side in [0.0, 1.0] {
        let pts: Vec<(f32, f32)> = (0..=12)
            .map(|k| {
                let t = k as f32 / 12.0;
                let x = if side == 0.0 {
                    W * 0.42 * (1.0 - t) - 40.0 * t
                } else {
                    W * 0.58 + W * 0.62 * t
                };
                (x, horizon - 30.0 - 40.0 * t + rng.range(-25.0, 25.0))
            })
            .collect();
        let mut shape = pts.clone();
        let far_x = if side == 0.0 { -W * 0.2 } else { W * 1.2 };
        shape.push((far_x, H));
        shape.push((if side == 0.0 { -W * 0.2 } else { W * 1.2 }, horizon));
        let bank = Rgb::hex(0x2f5a3a).mix(light.haze, 0.2);
        c.fill(
            polygon(&[
                (if side == 0.0 { 0.0 } else { W }, horizon - 60.0),
                (W * (0.42 + 0.16 * side), horizon),
                (if side == 0.0 { -W * 0.2 } else { W * 1.2 }, H),
                (if side == 0.0 { 0.0 } else { W }, H),
            ]),
            bank.color(),
        );
        for &(x, y) in &pts {
            c.fill(
                circle(x, y + 20.0, rng.range(30.0, 60.0)),
                bank.mix(Rgb::hex(0x6f9a5a), rng.range(0.0, 0.4)).color(),
            );
        }
    }
    // Boats stranded on the sand, tilted.
    for k in 0..2 {
        let (x, y) = (W * (0.4 + 0.22 * k as f32), H * (0.72 + 0.1 * k as f32));
        let s = 0.8 + 0.3 * k as f32;
        let hull = polygon(&[
            (x - 150.0 * s, y - 30.0 * s),
            (x + 150.0 * s, y - 40.0 * s),
            (x + 120.0 * s, y + 10.0 * s),
            (x - 130.0 * s, y + 10.0 * s),
        ]);
        c.fill(
            turned(hull, -6.0 + 12.0 * k as f32, x, y),
            Rgb::hex(0xe8e2d6).mix(light.ink, 0.1).color(),
        );
        let cabin = rect(x - 90.0 * s, y - 90.0 * s, 150.0 * s, 55.0 * s);
        c.fill(
            turned(cabin, -6.0 + 12.0 * k as f32, x, y),
            Rgb::hex(0x3f6f8a).mix(light.ink, 0.1).color(),
        );
        let roof = rect(x - 100.0 * s, y - 100.0 * s, 170.0 * s, 12.0 * s);
        c.fill(
            turned(roof, -6.0 + 12.0 * k as f32, x, y),
            Rgb::hex(0xc8553d).color(),
        );
    }
}

fn mine(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    field(c, light, horizon, Rgb::hex(0xc2a275));
    let (cx, cy) = (W * 0.5, horizon + (H - horizon) * 0.55);
    let tones = [
        0xb07a52, 0x9a6a4a, 0xc29a6a, 0x8a6a5a, 0xa87a5a, 0x7a5a4a, 0x6a5a5a,
    ];
    for k in 0..7 {
        let (rx, ry) = (
            W * 0.45 - k as f32 * 85.0,
            (H - horizon) * 0.48 - k as f32 * 32.0,
        );
        let dy = k as f32 * 14.0;
        c.fill(
            ellipse(cx, cy + dy, rx, ry),
            Rgb::hex(tones[k])
                .mix(light.ink, 0.1 + k as f32 * 0.04)
                .color(),
        );
        c.fill(
            ellipse(cx, cy + dy + 10.0, rx - 30.0, ry - 16.0),
            Rgb::hex(tones[(k + 1) % tones.len()])
                .mix(light.sun, 0.1)
                .color(),
        );
    }
    c.fill(
        ellipse(cx, cy + 110.0, 80.0, 24.0),
        Rgb::hex(0x5f8a8a).color(),
    );
    for k in 0..4 {
        let a = rng.range(0.3, 2.8);
        let ring = 1 + k;
        let (rx, ry) = (
            W * 0.45 - ring as f32 * 85.0 - 15.0,
            (H - horizon) * 0.48 - ring as f32 * 32.0 - 8.0,
        );
        let (x, y) = (cx + rx * a.cos(), cy + ring as f32 * 14.0 + ry * a.sin());
        c.fill(
            rounded(x - 22.0, y - 16.0, 44.0, 22.0, 4.0),
            Rgb::hex(0xe2b23a).color(),
        );
        c.fill(circle(x - 12.0, y + 8.0, 7.0), Rgb::hex(0x2a2a2a).color());
        c.fill(circle(x + 12.0, y + 8.0, 7.0), Rgb::hex(0x2a2a2a).color());
    }
}

fn solar(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    // A strip of sea along the horizon, the plant's tanks at its edge.
    c.fill(
        rect(0.0, horizon - 6.0, W, 40.0),
        light.water.mix(light.horizon, 0.3).color(),
    );
    field(c, light, horizon + 34.0, Rgb::hex(0xd9bf8a));
    let tank = Rgb::hex(0xf2efe8).mix(light.haze, 0.2);
    for k in 0..4 {
        let x = W * 0.68 + k as f32 * 70.0;
        c.fill(rect(x, horizon - 50.0, 56.0, 84.0), tank.color());
        c.fill(
            ellipse(x + 28.0, horizon - 50.0, 28.0, 8.0),
            tank.mix(Rgb(255, 255, 255), 0.3).color(),
        );
    }
    c.fill(
        rect(W * 0.6, horizon - 30.0, 90.0, 64.0),
        tank.mix(light.ink, 0.1).color(),
    );
    c.fill(
        rect(W * 0.62, horizon - 90.0, 14.0, 64.0),
        tank.mix(light.ink, 0.2).color(),
    );
    // Rows of panels, tilted to the sun, in perspective.
    let panel = Rgb::hex(0x2f4a6a);
    for r in 0..6 {
        let t = (r + 1) as f32 / 6.0;
        let y = horizon + 40.0 + (H - horizon - 40.0) * t.powf(1.4) * 0.92;
        let s = 0.25 + 0.8 * t;
        let (pw, ph) = (180.0 * s, 70.0 * s);
        let mut x = -rng.range(0.0, pw);
        while x < W {
            c.fill(
                polygon(&[
                    (x, y),
                    (x + pw, y),
                    (x + pw - 14.0 * s, y - ph),
                    (x + 14.0 * s, y - ph),
                ]),
                panel.mix(light.sun, 0.15).color(),
            );
            for k in 1..4 {
                c.fill(
                    rect(x + k as f32 * pw / 4.0, y - ph, 1.5, ph),
                    light.sun.alpha(0.35),
                );
            }
            c.fill(
                rect(x + 10.0 * s, y - ph * 0.5, pw - 20.0 * s, 1.5),
                light.sun.alpha(0.35),
            );
            c.fill(
                polygon(&[
                    (x + 14.0 * s, y - ph),
                    (x + pw * 0.5, y - ph),
                    (x + 20.0 * s, y - ph * 0.5),
                ]),
                light.sun.alpha(0.22),
            );
            c.fill(
                rect(x + pw * 0.45, y, 6.0 * s, 24.0 * s),
                Rgb::hex(0x7a7a7a).color(),
            );
            x += pw + 20.0 * s;
        }
    }
}

fn strata(c: &mut Canvas, rng: &mut Rng, light: &Light, horizon: f32) {
    // Far shore, then water, then the lake bed cut open.
    let shore: Vec<(f32, f32)> = profile(rng, horizon, 30.0, 1.5);
    c.fill(
        ridge(&shore, horizon + 10.0),
        Rgb::hex(0x4f7a5a).mix(light.haze, 0.4).color(),
    );
    let bed = H * 0.48;
    c.shade(
        rect(0.0, horizon, W, bed - horizon),
        vertical(
            horizon,
            bed,
            &[
                (0.0, light.water.mix(light.horizon, 0.4).color()),
                (1.0, light.water.mix(light.ink, 0.3).color()),
            ],
        ),
    );
    for k in 0..12 {
        let x = rng.range(0.0, W);
        c.stroke(
            line(
                x,
                horizon + 4.0 + k as f32 * 3.0,
                x + rng.range(60.0, 160.0),
                horizon + 4.0 + k as f32 * 3.0,
            ),
            light.sun.alpha(0.3),
            2.0,
        );
    }
    let bands = [
        0x6a5240, 0x8a6a4a, 0x5a4a3a, 0x9a7a52, 0x4a3a30, 0xd9c9a2, 0xd0bf98, 0x7a5a42, 0x5a4838,
        0x8a6848,
    ];
    let mut y = bed;
    for (k, &tone) in bands.iter().enumerate() {
        let thick = if k == 5 || k == 6 {
            55.0
        } else {
            rng.range(28.0, 50.0)
        };
        let top: Vec<(f32, f32)> = (0..=16)
            .map(|i| (i as f32 * 100.0, y + rng.range(-6.0, 6.0)))
            .collect();
        c.fill(ridge(&top, H), Rgb::hex(tone).color());
        y += thick;
    }
    // The core, lifted out on the right, showing the same bands.
    let (cx, cw) = (W * 0.78, 90.0);
    c.stroke(
        line(cx + cw / 2.0, 0.0, cx + cw / 2.0, bed - 30.0),
        Rgb::hex(0x2a2a2a).color(),
        5.0,
    );
    c.fill(
        rounded(cx - 6.0, bed - 40.0, cw + 12.0, 460.0, 12.0),
        Rgb::hex(0xdfe4e8).alpha(0.8),
    );
    let mut yy = bed - 30.0;
    for (k, &tone) in bands.iter().enumerate() {
        let thick = if k == 5 || k == 6 { 55.0 } else { 36.0 };
        c.fill(rect(cx, yy, cw, thick), Rgb::hex(tone).color());
        yy += thick;
        if yy > bed + 410.0 {
            break;
        }
    }
    c.stroke(
        arc(cx - 40.0, bed + 140.0, 40.0, -1.2, 1.2),
        Rgb::hex(0xf2efe8).alpha(0.7),
        3.0,
    );
}

fn viaduct(c: &mut Canvas, rng: &mut Rng, light: &Light) {
    let stone = light.ink.mix(light.haze, 0.3);
    let deck = H * 0.58;
    // Stone from the deck down, then the arches cut through it to the dark valley beyond.
    c.fill(rect(0.0, deck, W, H - deck), stone.color());
    let valley = light.ink.mix(light.top, 0.3);
    let span = 230.0;
    let x0 = rng.range(-span, 0.0);
    for k in 0..9 {
        let x = x0 + k as f32 * span + 36.0;
        let w = span - 72.0;
        let spring = deck + 40.0 + w / 2.0;
        let mut arch = tiny_skia::PathBuilder::new();
        arch.move_to(x, H);
        arch.line_to(x, spring);
        arch.quad_to(x, deck + 40.0, x + w / 2.0, deck + 40.0);
        arch.quad_to(x + w, deck + 40.0, x + w, spring);
        arch.line_to(x + w, H);
        arch.close();
        c.shade(
            arch.finish(),
            vertical(deck, H, &[(0.0, valley.color()), (1.0, light.ink.color())]),
        );
        c.fill(rect(x - 36.0, deck + 18.0, 6.0, H), light.ink.alpha(0.3));
    }
    c.fill(
        rect(0.0, deck - 6.0, W, 30.0),
        stone.mix(light.sun, 0.1).color(),
    );
    // Lights of a village far down the valley.
    for _ in 0..14 {
        let (x, y) = (rng.range(0.0, W), rng.range(H * 0.85, H * 0.97));
        c.fill(circle(x, y, 3.0), light.lamp.alpha(0.7));
    }
    // Carriages with lit windows, their light spilling.
    let x0 = rng.range(W * 0.05, W * 0.2);
    for k in 0..6 {
        let x = x0 + k as f32 * 190.0;
        let body = Rgb::hex(0x2f3f5a);
        c.fill(
            rounded(x, deck - 70.0, 180.0, 66.0, if k == 5 { 30.0 } else { 8.0 }),
            body.color(),
        );
        for w in 0..6 {
            c.glow(
                x + 20.0 + w as f32 * 27.0,
                deck - 45.0,
                30.0,
                light.lamp,
                0.35,
            );
            c.fill(
                rounded(x + 12.0 + w as f32 * 27.0, deck - 56.0, 18.0, 20.0, 3.0),
                light.lamp.alpha(rng.range(0.7, 1.0)),
            );
        }
        c.fill(rect(x, deck - 20.0, 180.0, 4.0), Rgb::hex(0xc8553d).color());
    }
    let nose = x0 + 6.0 * 190.0;
    c.glow(nose, deck - 30.0, 120.0, light.lamp, 0.5);
}
