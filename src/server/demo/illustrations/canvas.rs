//! The drawing surface: a 1600×900 tiny-skia pixmap and the few shapes and gradients the scenes
//! are made of.

use super::rng::Rng;
use image::RgbImage;
use tiny_skia::{
    Color, FillRule, GradientStop, LineCap, LineJoin, LinearGradient, Paint, Path, PathBuilder,
    Pixmap, Point, RadialGradient, Rect, Shader, SpreadMode, Stroke, StrokeDash, Transform,
};

/// The picture's width in pixels.
pub const WIDTH: u32 = 1600;
/// The picture's height in pixels (16:9).
pub const HEIGHT: u32 = 900;
/// [`WIDTH`] as a coordinate.
pub const W: f32 = WIDTH as f32;
/// [`HEIGHT`] as a coordinate.
pub const H: f32 = HEIGHT as f32;

/// An opaque colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The colour written `0xRRGGBB`.
    pub const fn hex(v: u32) -> Rgb {
        Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    /// This colour moved `t` (0 to 1) of the way to `other`.
    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }

    /// This colour as a paint colour, `alpha` (0 to 1) opaque.
    pub fn alpha(self, alpha: f32) -> Color {
        Color::from_rgba8(
            self.0,
            self.1,
            self.2,
            (alpha.clamp(0.0, 1.0) * 255.0).round() as u8,
        )
    }

    /// This colour as an opaque paint colour.
    pub fn color(self) -> Color {
        Color::from_rgba8(self.0, self.1, self.2, 255)
    }
}

/// The picture being drawn.
pub struct Canvas(Pixmap);

impl Canvas {
    /// A blank picture of [`WIDTH`] × [`HEIGHT`].
    pub fn new() -> Canvas {
        Canvas(Pixmap::new(WIDTH, HEIGHT).expect("a 1600×900 pixmap has a valid size"))
    }

    /// Fills `path` with one colour; a degenerate shape (`None`) draws nothing.
    pub fn fill(&mut self, path: Option<Path>, color: Color) {
        self.shade(path, Some(Shader::SolidColor(color)));
    }

    /// Fills `path` with a gradient; a degenerate shape or gradient draws nothing.
    pub fn shade(&mut self, path: Option<Path>, shader: Option<Shader>) {
        self.paint(path, shader, FillRule::Winding);
    }

    /// Fills where `path` overlaps itself an odd number of times: a shape with holes cut by
    /// the shapes inside it.
    pub fn shade_even_odd(&mut self, path: Option<Path>, shader: Option<Shader>) {
        self.paint(path, shader, FillRule::EvenOdd);
    }

    fn paint(&mut self, path: Option<Path>, shader: Option<Shader>, rule: FillRule) {
        if let (Some(path), Some(shader)) = (path, shader) {
            let paint = Paint {
                shader,
                anti_alias: true,
                ..Paint::default()
            };
            self.0
                .fill_path(&path, &paint, rule, Transform::identity(), None);
        }
    }

    /// Strokes `path` with round ends, `width` pixels wide.
    pub fn stroke(&mut self, path: Option<Path>, color: Color, width: f32) {
        self.stroke_with(path, color, width, None);
    }

    /// Strokes `path` in dashes of `on` and `off` pixels.
    pub fn dashed(&mut self, path: Option<Path>, color: Color, width: f32, on: f32, off: f32) {
        self.stroke_with(path, color, width, StrokeDash::new(vec![on, off], 0.0));
    }

    fn stroke_with(
        &mut self,
        path: Option<Path>,
        color: Color,
        width: f32,
        dash: Option<StrokeDash>,
    ) {
        if let Some(path) = path {
            let paint = Paint {
                shader: Shader::SolidColor(color),
                anti_alias: true,
                ..Paint::default()
            };
            let stroke = Stroke {
                width,
                line_cap: LineCap::Round,
                line_join: LineJoin::Round,
                dash,
                ..Stroke::default()
            };
            self.0
                .stroke_path(&path, &paint, &stroke, Transform::identity(), None);
        }
    }

    /// A soft round glow of `color`, `alpha` opaque at its centre and clear at `radius`.
    pub fn glow(&mut self, x: f32, y: f32, radius: f32, color: Rgb, alpha: f32) {
        // Two evenly spaced stops: tiny-skia's quickest gradient, and glows are many and large.
        self.shade(
            circle(x, y, radius),
            radial(
                x,
                y,
                radius,
                &[(0.0, color.alpha(alpha * 0.8)), (1.0, color.alpha(0.0))],
            ),
        );
    }

    /// The finished picture, without its (fully opaque) alpha channel.
    pub fn into_image(self) -> RgbImage {
        let mut rgb = Vec::with_capacity(WIDTH as usize * HEIGHT as usize * 3);
        for pixel in self.0.data().chunks_exact(4) {
            rgb.extend_from_slice(&pixel[..3]);
        }
        RgbImage::from_raw(WIDTH, HEIGHT, rgb).expect("the buffer holds WIDTH × HEIGHT pixels")
    }
}

fn stops(stops: &[(f32, Color)]) -> Vec<GradientStop> {
    stops
        .iter()
        .map(|&(t, c)| GradientStop::new(t, c))
        .collect()
}

/// A gradient along the line from `(x0, y0)` to `(x1, y1)`.
pub fn linear(x0: f32, y0: f32, x1: f32, y1: f32, at: &[(f32, Color)]) -> Option<Shader<'static>> {
    LinearGradient::new(
        Point::from_xy(x0, y0),
        Point::from_xy(x1, y1),
        stops(at),
        SpreadMode::Pad,
        Transform::identity(),
    )
}

/// A gradient from top (`y0`) to bottom (`y1`).
pub fn vertical(y0: f32, y1: f32, at: &[(f32, Color)]) -> Option<Shader<'static>> {
    linear(0.0, y0, 0.0, y1, at)
}

/// A round gradient from the centre `(x, y)` out to `radius`.
pub fn radial(x: f32, y: f32, radius: f32, at: &[(f32, Color)]) -> Option<Shader<'static>> {
    let c = Point::from_xy(x, y);
    RadialGradient::new(
        c,
        c,
        radius,
        stops(at),
        SpreadMode::Pad,
        Transform::identity(),
    )
}

/// A rectangle.
pub fn rect(x: f32, y: f32, w: f32, h: f32) -> Option<Path> {
    Rect::from_xywh(x, y, w, h).map(PathBuilder::from_rect)
}

/// A rectangle with corners rounded to `r`.
pub fn rounded(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<Path> {
    let r = r.min(w / 2.0).min(h / 2.0);
    let k = 0.447_715 * r; // (1 - 0.5523) of the radius: a cubic's best quarter circle
    let mut p = PathBuilder::new();
    p.move_to(x + r, y);
    p.line_to(x + w - r, y);
    p.cubic_to(x + w - k, y, x + w, y + k, x + w, y + r);
    p.line_to(x + w, y + h - r);
    p.cubic_to(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
    p.line_to(x + r, y + h);
    p.cubic_to(x + k, y + h, x, y + h - k, x, y + h - r);
    p.line_to(x, y + r);
    p.cubic_to(x, y + k, x + k, y, x + r, y);
    p.close();
    p.finish()
}

/// A circle.
pub fn circle(x: f32, y: f32, r: f32) -> Option<Path> {
    PathBuilder::from_circle(x, y, r)
}

/// An ellipse centred on `(x, y)`.
pub fn ellipse(x: f32, y: f32, rx: f32, ry: f32) -> Option<Path> {
    Rect::from_xywh(x - rx, y - ry, 2.0 * rx, 2.0 * ry).and_then(PathBuilder::from_oval)
}

/// A closed polygon through `points`.
pub fn polygon(points: &[(f32, f32)]) -> Option<Path> {
    let mut p = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    p.move_to(first.0, first.1);
    for &(x, y) in rest {
        p.line_to(x, y);
    }
    p.close();
    p.finish()
}

/// An open line through `points`.
pub fn polyline(points: &[(f32, f32)]) -> Option<Path> {
    let mut p = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    p.move_to(first.0, first.1);
    for &(x, y) in rest {
        p.line_to(x, y);
    }
    p.finish()
}

/// A straight line.
pub fn line(x0: f32, y0: f32, x1: f32, y1: f32) -> Option<Path> {
    polyline(&[(x0, y0), (x1, y1)])
}

/// A smooth open curve through `points` (quadratic curves between their midpoints).
pub fn curve(points: &[(f32, f32)]) -> Option<Path> {
    let mut p = PathBuilder::new();
    trace_smooth(&mut p, points, true);
    p.finish()
}

/// The area under a smooth ridge through `points` (left to right), down to `floor`.
pub fn ridge(points: &[(f32, f32)], floor: f32) -> Option<Path> {
    let (first, last) = (points.first()?, points.last()?);
    let mut p = PathBuilder::new();
    p.move_to(first.0, floor);
    trace_smooth(&mut p, points, false);
    p.line_to(last.0, floor);
    p.close();
    p.finish()
}

fn trace_smooth(p: &mut PathBuilder, points: &[(f32, f32)], start: bool) {
    let Some(&(x0, y0)) = points.first() else {
        return;
    };
    if start {
        p.move_to(x0, y0);
    } else {
        p.line_to(x0, y0);
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        p.quad_to(a.0, a.1, (a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    }
    if let Some(&(x, y)) = points.last() {
        p.line_to(x, y);
    }
}

/// An arc of the circle about `(x, y)` from angle `a0` to `a1` (radians, clockwise from east).
pub fn arc(x: f32, y: f32, r: f32, a0: f32, a1: f32) -> Option<Path> {
    let steps = ((a1 - a0).abs() * r / 6.0).clamp(8.0, 400.0) as usize;
    let points: Vec<(f32, f32)> = (0..=steps)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f32 / steps as f32;
            (x + r * a.cos(), y + r * a.sin())
        })
        .collect();
    polyline(&points)
}

/// A rounded, irregular blob about `(x, y)`: radius `r` varied by up to `wobble` of itself,
/// stretched `stretch` times wider than tall. Islands, stones, food on a plate.
pub fn blob(rng: &mut Rng, x: f32, y: f32, r: f32, wobble: f32, stretch: f32) -> Option<Path> {
    let phases = [
        rng.range(0.0, 6.3),
        rng.range(0.0, 6.3),
        rng.range(0.0, 6.3),
    ];
    let points: Vec<(f32, f32)> = (0..48)
        .map(|i| {
            let a = i as f32 / 48.0 * std::f32::consts::TAU;
            let k = 1.0
                + wobble
                    * (0.55 * (2.0 * a + phases[0]).sin()
                        + 0.3 * (3.0 * a + phases[1]).sin()
                        + 0.15 * (5.0 * a + phases[2]).sin());
            (x + r * k * stretch * a.cos(), y + r * k * a.sin())
        })
        .collect();
    let mut p = PathBuilder::new();
    let n = points.len();
    let mid = |a: (f32, f32), b: (f32, f32)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let start = mid(points[n - 1], points[0]);
    p.move_to(start.0, start.1);
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        let m = mid(a, b);
        p.quad_to(a.0, a.1, m.0, m.1);
    }
    p.close();
    p.finish()
}

/// A path turned `degrees` clockwise about `(x, y)`.
pub fn turned(path: Option<Path>, degrees: f32, x: f32, y: f32) -> Option<Path> {
    path?.transform(Transform::from_rotate_at(degrees, x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixing_goes_from_one_colour_to_the_other() {
        let (a, b) = (Rgb::hex(0x000000), Rgb::hex(0x00fe_8020));
        assert_eq!(a.mix(b, 0.0), a);
        assert_eq!(a.mix(b, 1.0), b);
        assert_eq!(a.mix(b, 0.5), Rgb(127, 64, 16));
        assert_eq!(Rgb::hex(0x102030), Rgb(0x10, 0x20, 0x30));
    }

    #[test]
    fn a_filled_shape_colours_its_pixels_and_no_others() {
        let mut c = Canvas::new();
        c.fill(rect(0.0, 0.0, W, H), Rgb(10, 20, 30).color());
        c.fill(rect(100.0, 100.0, 50.0, 50.0), Rgb(200, 100, 0).color());
        let img = c.into_image();
        assert_eq!(img.dimensions(), (WIDTH, HEIGHT));
        assert_eq!(img.get_pixel(120, 120).0, [200, 100, 0]);
        assert_eq!(img.get_pixel(10, 10).0, [10, 20, 30]);
    }
}
