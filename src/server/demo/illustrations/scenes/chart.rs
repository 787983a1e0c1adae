//! The markets: bars and a line over a quiet grid, with what the story trades in beside them:
//! oil barrels, coins, little houses for mortgages.

use super::super::canvas::{
    circle, curve, ellipse, line, polygon, radial, rect, rounded, vertical, Canvas, Rgb, H, W,
};
use super::super::caption::Caption;
use super::super::rng::Rng;

/// Which way the numbers go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Falling,
}

/// What stands in front of the chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motif {
    /// Bars and a line, nothing else.
    Plain,
    /// Candlesticks instead of bars.
    Candles,
    /// Oil barrels.
    Barrels,
    /// A stack of coins.
    Coins,
    /// The bars are houses.
    Houses,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chart {
    pub trend: Trend,
    pub motif: Motif,
}

/// A chart's paper and inks: a dark slate or a warm sand ground.
struct Inks {
    ground: (Rgb, Rgb),
    grid: Rgb,
    up: Rgb,
    down: Rgb,
    line: Rgb,
    dark: bool,
}

const SLATE: Inks = Inks {
    ground: (Rgb::hex(0x2d3b50), Rgb::hex(0x1b2434)),
    grid: Rgb::hex(0x8aa0b8),
    up: Rgb::hex(0x5fa38a),
    down: Rgb::hex(0xd0745e),
    line: Rgb::hex(0xf0c76e),
    dark: true,
};

const SAND: Inks = Inks {
    ground: (Rgb::hex(0xe7ddca), Rgb::hex(0xcfc0a5)),
    grid: Rgb::hex(0x7d705c),
    up: Rgb::hex(0x3f7f6a),
    down: Rgb::hex(0xb4533f),
    line: Rgb::hex(0x2c3d57),
    dark: false,
};

pub fn draw(c: &mut Canvas, rng: &mut Rng, chart: Chart) -> Caption {
    let inks = if rng.chance(0.5) { &SLATE } else { &SAND };
    c.shade(
        rect(0.0, 0.0, W, H),
        radial(
            W * 0.35,
            H * 0.3,
            W * 0.9,
            &[(0.0, inks.ground.0.color()), (1.0, inks.ground.1.color())],
        ),
    );
    let (left, right, top, bottom) = (W * 0.08, W * 0.92, H * 0.14, H * 0.84);
    for k in 0..=6 {
        let y = top + (bottom - top) * k as f32 / 6.0;
        c.fill(
            rect(left, y, right - left, 2.0),
            inks.grid.alpha(if k == 6 { 0.5 } else { 0.18 }),
        );
    }
    for k in 0..=12 {
        let x = left + (right - left) * k as f32 / 12.0;
        c.fill(rect(x, bottom, 2.0, 10.0), inks.grid.alpha(0.45));
    }
    // A walk with a drift: up or down over the period, with noise.
    let n = 24;
    let drift = match chart.trend {
        Trend::Rising => 1.0,
        Trend::Falling => -1.0,
    };
    let mut v = 0.5 - 0.22 * drift;
    let values: Vec<f32> = (0..n)
        .map(|_| {
            v = (v + drift * 0.018 + rng.range(-0.05, 0.05)).clamp(0.08, 0.95);
            v
        })
        .collect();
    let step = (right - left) / n as f32;
    let y_of = |v: f32| bottom - (bottom - top) * v;
    let bars_to = if matches!(chart.motif, Motif::Barrels | Motif::Coins) {
        n * 2 / 3
    } else {
        n
    };
    for (i, &v) in values.iter().enumerate().take(bars_to) {
        let x = left + i as f32 * step + step * 0.18;
        let w = step * 0.64;
        let rising = i == 0 || v >= values[i - 1];
        let ink = if rising { inks.up } else { inks.down };
        match chart.motif {
            Motif::Candles => {
                // Bodies and wicks drawn larger than the walk's small steps, so a candle
                // still reads at card size.
                let open = if i == 0 { v } else { values[i - 1] };
                let mid = (v + open) / 2.0;
                let half = ((v - open).abs() * 1.5).max(0.03);
                let (top_v, bottom_v) = (mid + half, mid - half);
                let (hi, lo) = (
                    top_v + rng.range(0.02, 0.07),
                    bottom_v - rng.range(0.02, 0.07),
                );
                c.fill(
                    rect(x + w / 2.0 - 3.0, y_of(hi), 6.0, y_of(lo) - y_of(hi)),
                    ink.color(),
                );
                let (a, b) = (y_of(top_v), y_of(bottom_v));
                c.fill(rounded(x, a, w, b - a, 4.0), ink.color());
            }
            Motif::Houses => {
                let y = y_of(v * 0.8);
                let wall = ink.mix(inks.ground.0, 0.2);
                c.shade(
                    rect(x, y, w, bottom - y),
                    vertical(y, bottom, &[(0.0, wall.color()), (1.0, wall.alpha(0.55))]),
                );
                c.fill(
                    polygon(&[(x - 6.0, y), (x + w + 6.0, y), (x + w / 2.0, y - w * 0.55)]),
                    wall.mix(inks.grid, 0.3).color(),
                );
                c.fill(
                    rect(x + w * 0.35, bottom - w * 0.6, w * 0.3, w * 0.6),
                    inks.ground.1.alpha(0.6),
                );
            }
            _ => {
                let y = y_of(v * 0.8);
                c.shade(
                    rect(x, y, w, bottom - y),
                    vertical(y, bottom, &[(0.0, ink.alpha(0.9)), (1.0, ink.alpha(0.35))]),
                );
            }
        }
    }
    // The line, with a soft area under it and its last point lit.
    let points: Vec<(f32, f32)> = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (left + (i as f32 + 0.5) * step, y_of(v)))
        .collect();
    let mut area = points.clone();
    area.push((points[n - 1].0, bottom));
    area.push((points[0].0, bottom));
    c.shade(
        polygon(&area),
        vertical(
            top,
            bottom,
            &[(0.0, inks.line.alpha(0.28)), (1.0, inks.line.alpha(0.0))],
        ),
    );
    c.stroke(curve(&points), inks.line.color(), 7.0);
    let (lx, ly) = points[n - 1];
    c.glow(lx, ly, 60.0, inks.line, 0.5);
    c.fill(circle(lx, ly, 12.0), inks.line.color());
    c.fill(circle(lx, ly, 5.0), inks.ground.1.color());
    let what = match chart.motif {
        Motif::Barrels => {
            barrels(c);
            Caption::new(
                "oil barrels in front of a price line",
                "براميل نفط أمام خط سعر",
            )
        }
        Motif::Coins => {
            coins(c, rng);
            Caption::new(
                "a stack of coins beside a price line",
                "كومة من العملات المعدنية بجانب خط سعر",
            )
        }
        Motif::Houses => Caption::new(
            "a bar chart whose bars are little houses, with a line",
            "مخطط أعمدته بيوت صغيرة يعلوه خط",
        ),
        Motif::Candles => Caption::new(
            "a candlestick chart with a line",
            "مخطط شموع يابانية يعلوه خط",
        ),
        Motif::Plain => Caption::new("a bar chart with a line", "مخطط أعمدة يعلوه خط"),
    };
    let (ground_en, ground_ar) = if inks.dark {
        ("on a dark slate ground", "على خلفية داكنة")
    } else {
        ("on a warm sand-coloured ground", "على خلفية بلون الرمل")
    };
    let (trend_en, trend_ar) = match chart.trend {
        Trend::Rising => ("climbing to the right", "يصعد نحو اليمين"),
        Trend::Falling => ("sliding down to the right", "ينحدر نحو اليمين"),
    };
    Caption::new(
        format!("{} {}, {}", what.en, trend_en, ground_en),
        format!("{} {}، {}", what.ar, trend_ar, ground_ar),
    )
}

/// Three steel drums in the lower right, one lying on its side.
fn barrels(c: &mut Canvas) {
    let paints = [0x3d5f7f, 0xa8563f, 0x3f6f5a];
    for (i, &(x, y)) in [(W * 0.74, H * 0.92), (W * 0.86, H * 0.94)]
        .iter()
        .enumerate()
    {
        let paint = Rgb::hex(paints[i]);
        let (w, h) = (150.0, 230.0);
        c.shade(
            rect(x - w / 2.0, y - h, w, h),
            super::super::canvas::linear(
                x - w / 2.0,
                0.0,
                x + w / 2.0,
                0.0,
                &[
                    (0.0, paint.mix(Rgb(0, 0, 0), 0.35).color()),
                    (0.35, paint.mix(Rgb(255, 255, 255), 0.15).color()),
                    (1.0, paint.mix(Rgb(0, 0, 0), 0.45).color()),
                ],
            ),
        );
        for k in [0.3, 0.65] {
            c.stroke(
                line(x - w / 2.0, y - h * k, x + w / 2.0, y - h * k),
                paint.mix(Rgb(0, 0, 0), 0.5).color(),
                5.0,
            );
        }
        c.fill(
            ellipse(x, y - h, w / 2.0, 18.0),
            paint.mix(Rgb(255, 255, 255), 0.25).color(),
        );
        c.fill(
            ellipse(x, y - h, w / 2.0 - 12.0, 12.0),
            paint.mix(Rgb(0, 0, 0), 0.2).color(),
        );
        c.fill(
            ellipse(x, y, w / 2.0, 18.0),
            paint.mix(Rgb(0, 0, 0), 0.4).color(),
        );
        c.fill(
            circle(x + 30.0, y - h - 2.0, 8.0),
            paint.mix(Rgb(0, 0, 0), 0.5).color(),
        );
    }
}

/// A stack of coins and two loose ones, lit from the upper left.
fn coins(c: &mut Canvas, rng: &mut Rng) {
    let gold = Rgb::hex(0xd9b25f);
    let (x, base) = (W * 0.8, H * 0.9);
    let (rx, ry, t) = (120.0, 34.0, 16.0);
    let count = 7 + rng.below(4);
    for k in 0..count {
        let y = base - k as f32 * t;
        let dx = rng.range(-6.0, 6.0);
        c.fill(
            ellipse(x + dx, y, rx, ry),
            gold.mix(Rgb(0, 0, 0), 0.35).color(),
        );
        c.fill(
            rect(x + dx - rx, y - t, 2.0 * rx, t),
            gold.mix(Rgb(0, 0, 0), 0.25).color(),
        );
        c.fill(ellipse(x + dx, y - t, rx, ry), gold.color());
        c.fill(
            ellipse(x + dx, y - t, rx * 0.72, ry * 0.72),
            gold.mix(Rgb(255, 255, 255), 0.2).alpha(0.6),
        );
    }
    for (cx, cy) in [(W * 0.64, H * 0.93), (W * 0.93, H * 0.78)] {
        c.fill(
            ellipse(cx, cy + 6.0, rx * 0.8, ry * 0.8),
            gold.mix(Rgb(0, 0, 0), 0.35).color(),
        );
        c.fill(ellipse(cx, cy, rx * 0.8, ry * 0.8), gold.color());
        c.fill(
            ellipse(cx, cy, rx * 0.55, ry * 0.55),
            gold.mix(Rgb(255, 255, 255), 0.2).alpha(0.6),
        );
    }
}
