//! The two charts of a report, drawn with plotters to SVG and PNG.
//!
//! - timeline: a time axis, one lane per subject (platform or regulator),
//!   a marker per milestone shaped and coloured by status, labels packed
//!   into rows so that none overlaps another.
//! - capabilities: one row per capability, bars of its status over time;
//!   the current status runs on past the report's date, marked by a line.
//!
//! Each chart is laid out once into a list of shapes in CSS pixels, then
//! painted twice: SVG at scale 1, PNG at [`PNG_SCALE`] for sharp text on
//! high-density screens. Text widths come from a per-character estimate,
//! not from the font found on this machine, so the layout (and every SVG
//! byte) is the same wherever the report is built.

use super::fonts::{self, FontError, FONT_STACK};
use super::report::{Marker, Report};
use chrono::{Datelike, Months, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_width::UnicodeWidthChar;

/// PNG pixels per SVG pixel.
pub const PNG_SCALE: f64 = 2.0;
/// Width of both charts in SVG pixels.
pub const WIDTH: f64 = 1400.0;

const INK: RGBColor = RGBColor(0x21, 0x21, 0x21);
const MUTED: RGBColor = RGBColor(0x61, 0x61, 0x61);
const ARROW: RGBColor = RGBColor(0x9e, 0x9e, 0x9e);
const GRID: RGBColor = RGBColor(0xe0, 0xe0, 0xe0);
const LANE_A: RGBColor = RGBColor(0xfa, 0xfa, 0xfa);
const LANE_B: RGBColor = RGBColor(0xf1, 0xf3, 0xf5);

/// A chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("drawing the {chart} chart: {what}")]
    Draw { chart: &'static str, what: String },
}

/// Where a text label was drawn, in the pixels of one output.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelBox {
    pub text: String,
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

/// A drawn chart.
#[derive(Debug, Clone)]
pub struct Chart {
    pub svg: String,
    pub png: Vec<u8>,
    /// Size of the SVG in pixels.
    pub svg_size: (u32, u32),
    /// Size of the PNG in pixels.
    pub png_size: (u32, u32),
    /// The dark-on-light labels, in PNG pixels: the places that must hold
    /// ink once the glyphs are drawn.
    pub png_labels: Vec<LabelBox>,
}

#[derive(Clone)]
enum Shape {
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: RGBAColor,
    },
    Line {
        points: Vec<(f64, f64)>,
        color: RGBAColor,
        width: f64,
    },
    Poly {
        points: Vec<(f64, f64)>,
        color: RGBAColor,
    },
    Marker {
        x: f64,
        y: f64,
        r: f64,
        marker: Marker,
        color: RGBColor,
    },
    Text {
        x: f64,
        /// Vertical centre of the line.
        y: f64,
        text: String,
        size: f64,
        color: RGBColor,
        h: HPos,
        bold: bool,
        /// Dark text on a light ground, checked for ink by the tests.
        record: bool,
    },
}

/// A laid-out chart: its size and shapes, in SVG pixels.
struct Layout {
    name: &'static str,
    w: f64,
    h: f64,
    shapes: Vec<Shape>,
}

/// Estimated width of `text` at `size` pixels: East Asian wide characters
/// take a full em in every CJK font; narrow ones are given a generous
/// Latin average so that estimates err wide and labels never collide.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c.width() {
            Some(2) => 1.0,
            Some(0) | None => 0.0,
            _ if c == ' ' => 0.3,
            _ => 0.62,
        })
        .sum();
    em * size
}

/// `text`, cut short with `…` where it is wider than `max_w`.
fn fit(text: &str, size: f64, max_w: f64) -> String {
    if text_width(text, size) <= max_w {
        return text.to_string();
    }
    let mut out = String::new();
    let budget = max_w - text_width("…", size);
    for c in text.chars() {
        out.push(c);
        if text_width(&out, size) > budget {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

fn rgb((r, g, b): (u8, u8, u8)) -> RGBColor {
    RGBColor(r, g, b)
}

/// Maps days to x pixels.
#[derive(Clone, Copy)]
struct TimeScale {
    d0: NaiveDate,
    d1: NaiveDate,
    x0: f64,
    x1: f64,
}

impl TimeScale {
    fn x(&self, d: NaiveDate) -> f64 {
        let span = (self.d1 - self.d0).num_days().max(1) as f64;
        let t = (d - self.d0).num_days() as f64 / span;
        self.x0 + t * (self.x1 - self.x0)
    }

    /// Tick dates: month starts, thinned to quarters or years on long spans.
    fn ticks(&self) -> Vec<(NaiveDate, String)> {
        // Spans of a couple of months get weekly ticks (Mondays).
        if (self.d1 - self.d0).num_days() <= 70 {
            let mut d = self.d0;
            let mut out = Vec::new();
            while d <= self.d1 {
                if d.weekday() == chrono::Weekday::Mon {
                    out.push((d, d.format("%Y-%m-%d").to_string()));
                }
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
            return out;
        }
        let months = (self.d1.year() - self.d0.year()) * 12 + self.d1.month() as i32
            - self.d0.month() as i32;
        let step = match months {
            ..=18 => 1,
            19..=48 => 3,
            49..=120 => 12,
            _ => 24,
        };
        let Some(mut d) = NaiveDate::from_ymd_opt(self.d0.year(), self.d0.month(), 1) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        while d <= self.d1 {
            let m0 = d.month0() as i32;
            let keep = match step {
                1 => true,
                3 => m0 % 3 == 0,
                12 => m0 == 0,
                _ => m0 == 0 && d.year() % 2 == 0,
            };
            if keep && d >= self.d0 {
                let label = if step >= 12 {
                    format!("{}", d.year())
                } else {
                    format!("{}-{:02}", d.year(), d.month())
                };
                out.push((d, label));
            }
            match d.checked_add_months(Months::new(1)) {
                Some(n) => d = n,
                None => break,
            }
        }
        out
    }

    /// Grid lines and tick labels below `y_top..y_bottom`.
    fn draw_axis(&self, shapes: &mut Vec<Shape>, y_top: f64, y_bottom: f64) {
        for (d, label) in self.ticks() {
            let x = self.x(d);
            shapes.push(Shape::Line {
                points: vec![(x, y_top), (x, y_bottom)],
                color: GRID.to_rgba(),
                width: 1.0,
            });
            shapes.push(Shape::Text {
                x,
                y: y_bottom + 14.0,
                text: label,
                size: 12.0,
                color: MUTED,
                h: HPos::Center,
                bold: false,
                record: false,
            });
        }
    }
}

/// The range of days a chart shows: the report's dates with some margin.
fn date_range(report: &Report) -> (NaiveDate, NaiveDate) {
    let fallback = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let start = report.start.or(report.as_of).unwrap_or(fallback);
    let end = report.as_of.unwrap_or(start).max(start);
    let span = (end - start).num_days();
    let before = (span / 30).clamp(7, 60);
    // Room after the last date for the bars of the current statuses.
    let after = (span * 12 / 100).clamp(21, 400);
    (
        start - chrono::Days::new(before as u64),
        end + chrono::Days::new(after as u64),
    )
}

fn title_and_legend(report: &Report, title: &str, shapes: &mut Vec<Shape>) {
    shapes.push(Shape::Text {
        x: 24.0,
        y: 26.0,
        text: title.to_string(),
        size: 20.0,
        color: INK,
        h: HPos::Left,
        bold: true,
        record: true,
    });
    let subtitle = match report.span_text() {
        Some((a, b)) => format!(
            "{a} 至 {b} · {} 条里程碑 · {} 篇来源",
            report.milestones.len(),
            report.sources.len()
        ),
        _ => "没有带日期的里程碑".to_string(),
    };
    shapes.push(Shape::Text {
        x: 24.0,
        y: 52.0,
        text: subtitle,
        size: 13.0,
        color: MUTED,
        h: HPos::Left,
        bold: false,
        record: false,
    });
    // Legend, right-aligned on the title line.
    let items: Vec<_> = report.statuses_used();
    let item_w = |s: &str| 22.0 + text_width(s, 13.0) + 18.0;
    let total: f64 = items.iter().map(|s| item_w(&s.label)).sum();
    let mut x = WIDTH - 24.0 - total;
    for s in items {
        shapes.push(Shape::Marker {
            x: x + 7.0,
            y: 28.0,
            r: 6.0,
            marker: s.marker,
            color: rgb(s.rgb()),
        });
        shapes.push(Shape::Text {
            x: x + 18.0,
            y: 28.0,
            text: s.label.clone(),
            size: 13.0,
            color: INK,
            h: HPos::Left,
            bold: false,
            record: true,
        });
        x += item_w(&s.label);
    }
}

/// Lay out the timeline chart.
fn timeline_layout(report: &Report) -> Layout {
    const LANE_NAME_W: f64 = 120.0;
    const ROW_H: f64 = 26.0;
    const LANE_PAD: f64 = 10.0;
    const LABEL_SIZE: f64 = 13.0;
    const TOP: f64 = 76.0;
    let mut shapes = Vec::new();
    title_and_legend(report, "互联互通时间线", &mut shapes);

    let (d0, d1) = date_range(report);
    let label_of = |m: &super::report::Milestone| {
        let text = format!(
            "{} · {}",
            report.lane_label(&m.key),
            report.status_label(&m.status)
        );
        fit(&text, LABEL_SIZE, WIDTH * 0.4)
    };
    // Shrink the axis so that the latest labels fit to the right of their
    // markers, but never by more than 40%: past that, labels flip left.
    let x0 = LANE_NAME_W + 16.0;
    let full = WIDTH - 24.0;
    let mut x1 = full;
    let probe = TimeScale {
        d0,
        d1,
        x0,
        x1: full,
    };
    for m in &report.milestones {
        let t = (probe.x(m.period.start) - x0) / (full - x0);
        let w = text_width(&label_of(m), LABEL_SIZE);
        if t > 0.0 {
            x1 = x1.min(x0 + (WIDTH - 18.0 - w - x0) / t);
        }
    }
    let scale = TimeScale {
        d0,
        d1,
        x0,
        x1: x1.max(x0 + 0.6 * (full - x0)),
    };

    // Pack each lane's labels into rows: a label goes in the row of the
    // same capability's previous milestone when that is free (so a status
    // change reads along one line), else in the first free row; it flips to
    // the marker's left when it would run off the chart.
    struct Placed {
        row: usize,
        x: f64,
        label_x: f64,
        label_left: bool,
        text: String,
        idx: usize,
        /// Where the same capability's previous label on this row ends.
        from_prev: Option<f64>,
    }
    let mut lanes: Vec<(String, Vec<Placed>, usize)> = Vec::new();
    for subject in &report.subjects {
        let mut row_ends: Vec<f64> = Vec::new();
        let mut placed: Vec<Placed> = Vec::new();
        for (idx, m) in report.milestones.iter().enumerate() {
            if m.key.subject != *subject {
                continue;
            }
            let x = scale.x(m.period.start);
            let text = label_of(m);
            let w = text_width(&text, LABEL_SIZE);
            let left = x + 10.0 + w > WIDTH - 8.0;
            let (from, to) = if left {
                (x - 10.0 - w, x + 8.0)
            } else {
                (x - 8.0, x + 10.0 + w)
            };
            let prev = placed
                .iter()
                .rev()
                .find(|p| report.milestones.get(p.idx).is_some_and(|q| q.key == m.key));
            let prev_end = prev.map(|p| {
                let w = text_width(&p.text, LABEL_SIZE);
                (
                    p.row,
                    if p.label_left {
                        p.x + 8.0
                    } else {
                        p.label_x + w
                    },
                )
            });
            let free = |r: usize| row_ends.get(r).is_some_and(|&end| end + 6.0 <= from);
            let preferred = prev_end.map(|(r, _)| r).filter(|&r| free(r) && !left);
            let row = match preferred.or_else(|| (0..row_ends.len()).find(|&r| free(r))) {
                Some(r) => r,
                None => {
                    row_ends.push(f64::MIN);
                    row_ends.len() - 1
                }
            };
            if let Some(end) = row_ends.get_mut(row) {
                *end = to;
            }
            let from_prev = prev_end
                .filter(|&(r, end)| r == row && !left && end + 24.0 < x)
                .map(|(_, end)| end);
            placed.push(Placed {
                row,
                x,
                label_x: if left { x - 10.0 } else { x + 10.0 },
                label_left: left,
                text,
                idx,
                from_prev,
            });
        }
        lanes.push((subject.clone(), placed, row_ends.len().max(1)));
    }

    let mut y = TOP;
    let lanes_top = y;
    for (i, (subject, _, rows)) in lanes.iter().enumerate() {
        let h = *rows as f64 * ROW_H + 2.0 * LANE_PAD;
        shapes.push(Shape::Rect {
            x0: 0.0,
            y0: y,
            x1: WIDTH,
            y1: y + h,
            fill: if i % 2 == 0 { LANE_A } else { LANE_B }.to_rgba(),
        });
        shapes.push(Shape::Text {
            x: 24.0,
            y: y + LANE_PAD + ROW_H / 2.0,
            text: fit(report.labels.entity(subject), 15.0, LANE_NAME_W - 28.0),
            size: 15.0,
            color: INK,
            h: HPos::Left,
            bold: true,
            record: true,
        });
        y += h;
    }
    let lanes_bottom = y;
    scale.draw_axis(&mut shapes, lanes_top, lanes_bottom);

    // Markers and labels above the grid.
    let mut y = TOP;
    for (_, placed, rows) in &lanes {
        for p in placed {
            let Some(m) = report.milestones.get(p.idx) else {
                continue;
            };
            let style = report.labels.status(&m.status);
            let color = rgb(style.rgb());
            let cy = y + LANE_PAD + p.row as f64 * ROW_H + ROW_H / 2.0;
            // A month, quarter or year is a span, not a day: shade it.
            if m.period.end > m.period.start {
                let x_end = scale.x(m.period.end + chrono::Days::new(1));
                shapes.push(Shape::Rect {
                    x0: p.x,
                    y0: cy + 7.0,
                    x1: x_end.max(p.x + 2.0),
                    y1: cy + 10.0,
                    fill: color.mix(0.35),
                });
            }
            // A status change of one capability: an arrow from the old
            // label to the new marker.
            if let Some(from) = p.from_prev {
                let to = p.x - 11.0;
                shapes.push(Shape::Line {
                    points: vec![(from + 6.0, cy), (to - 6.0, cy)],
                    color: ARROW.to_rgba(),
                    width: 1.5,
                });
                shapes.push(Shape::Poly {
                    points: vec![(to, cy), (to - 8.0, cy - 4.5), (to - 8.0, cy + 4.5)],
                    color: ARROW.to_rgba(),
                });
            }
            shapes.push(Shape::Marker {
                x: p.x,
                y: cy,
                r: 6.5,
                marker: style.marker,
                color,
            });
            shapes.push(Shape::Text {
                x: p.label_x,
                y: cy,
                text: p.text.clone(),
                size: LABEL_SIZE,
                color: INK,
                h: if p.label_left {
                    HPos::Right
                } else {
                    HPos::Left
                },
                bold: false,
                record: true,
            });
        }
        y += *rows as f64 * ROW_H + 2.0 * LANE_PAD;
    }
    if lanes.is_empty() {
        shapes.push(Shape::Text {
            x: WIDTH / 2.0,
            y: TOP + 30.0,
            text: "没有可画的里程碑".to_string(),
            size: 15.0,
            color: MUTED,
            h: HPos::Center,
            bold: false,
            record: true,
        });
    }
    let h = lanes_bottom.max(TOP + 60.0) + 34.0;
    Layout {
        name: "timeline",
        w: WIDTH,
        h,
        shapes,
    }
}

/// Lay out the capabilities chart.
fn capabilities_layout(report: &Report) -> Layout {
    const ROW_H: f64 = 28.0;
    const HEAD_H: f64 = 30.0;
    const LABEL_SIZE: f64 = 13.0;
    const TOP: f64 = 76.0;
    let mut shapes = Vec::new();
    title_and_legend(report, "能力状态变化", &mut shapes);

    const NAME_MAX: f64 = 460.0;
    let name_w = report
        .histories
        .iter()
        .map(|h| text_width(&report.lane_label(&h.key), LABEL_SIZE))
        .fold(120.0_f64, f64::max)
        .min(NAME_MAX)
        + 48.0;
    let (d0, d1) = date_range(report);
    let scale = TimeScale {
        d0,
        d1,
        x0: name_w + 12.0,
        x1: WIDTH - 24.0,
    };

    // Rows: a header per subject, then its capabilities.
    let mut y = TOP;
    let mut rows: Vec<(f64, usize)> = Vec::new();
    let mut current: Option<&str> = None;
    for (i, h) in report.histories.iter().enumerate() {
        if current != Some(h.key.subject.as_str()) {
            current = Some(h.key.subject.as_str());
            shapes.push(Shape::Text {
                x: 24.0,
                y: y + HEAD_H / 2.0 + 2.0,
                text: fit(report.labels.entity(&h.key.subject), 15.0, NAME_MAX),
                size: 15.0,
                color: INK,
                h: HPos::Left,
                bold: true,
                record: true,
            });
            shapes.push(Shape::Line {
                points: vec![(24.0, y + HEAD_H), (WIDTH - 24.0, y + HEAD_H)],
                color: GRID.to_rgba(),
                width: 1.0,
            });
            y += HEAD_H;
        }
        rows.push((y, i));
        y += ROW_H;
    }
    let bottom = y.max(TOP + 40.0);
    for (n, (ry, _)) in rows.iter().enumerate() {
        if n % 2 == 1 {
            shapes.push(Shape::Rect {
                x0: 24.0,
                y0: *ry,
                x1: WIDTH - 24.0,
                y1: ry + ROW_H,
                fill: LANE_B.to_rgba(),
            });
        }
    }
    scale.draw_axis(&mut shapes, TOP, bottom);
    if let Some(as_of) = report.as_of {
        let x = scale.x(as_of);
        shapes.push(Shape::Line {
            points: vec![(x, TOP - 4.0), (x, bottom)],
            color: MUTED.to_rgba(),
            width: 1.5,
        });
        shapes.push(Shape::Text {
            x: x - 4.0,
            y: TOP - 10.0,
            text: format!("截至 {as_of}"),
            size: 12.0,
            color: MUTED,
            h: HPos::Right,
            bold: false,
            record: false,
        });
    }

    for (ry, i) in rows {
        let Some(h) = report.histories.get(i) else {
            continue;
        };
        let cy = ry + ROW_H / 2.0;
        shapes.push(Shape::Text {
            x: 40.0,
            y: cy,
            text: fit(&report.lane_label(&h.key), LABEL_SIZE, NAME_MAX),
            size: LABEL_SIZE,
            color: INK,
            h: HPos::Left,
            bold: false,
            record: true,
        });
        let last = h.stretches.len().saturating_sub(1);
        for (n, s) in h.stretches.iter().enumerate() {
            let style = report.labels.status(&s.status);
            let color = rgb(style.rgb());
            let x0 = scale.x(s.start);
            // The current status runs on past the report's date.
            let end = if n == last { scale.d1 } else { s.end };
            let x1 = scale.x(end).max(x0 + 6.0);
            shapes.push(Shape::Rect {
                x0,
                y0: cy - 9.0,
                x1,
                y1: cy + 9.0,
                fill: color.to_rgba(),
            });
            let full = format!("{} {}", style.label, s.date_text);
            for text in [full, style.label.clone()] {
                if text_width(&text, 12.0) + 10.0 <= x1 - x0 {
                    shapes.push(Shape::Text {
                        x: x0 + 5.0,
                        y: cy,
                        text,
                        size: 12.0,
                        color: WHITE,
                        h: HPos::Left,
                        bold: false,
                        record: false,
                    });
                    break;
                }
            }
        }
    }
    if report.histories.is_empty() {
        shapes.push(Shape::Text {
            x: WIDTH / 2.0,
            y: TOP + 20.0,
            text: "没有可画的能力".to_string(),
            size: 15.0,
            color: MUTED,
            h: HPos::Center,
            bold: false,
            record: true,
        });
    }
    Layout {
        name: "capabilities",
        w: WIDTH,
        h: bottom + 34.0,
        shapes,
    }
}

/// Draw a layout's shapes onto a plotters area, `scale` output pixels per
/// layout pixel; returns the recorded label boxes in output pixels.
fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    layout: &Layout,
    scale: f64,
    bitmap: bool,
) -> Result<Vec<LabelBox>, ChartError> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| ChartError::Draw {
        chart: layout.name,
        what: e.to_string(),
    };
    let p = |v: f64| (v * scale).round() as i32;
    let mut boxes = Vec::new();
    area.fill(&WHITE).map_err(err)?;
    for shape in &layout.shapes {
        match shape {
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
            } => {
                area.draw(&Rectangle::new(
                    [(p(*x0), p(*y0)), (p(*x1), p(*y1))],
                    fill.filled(),
                ))
                .map_err(err)?;
            }
            Shape::Line {
                points,
                color,
                width,
            } => {
                let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (p(x), p(y))).collect();
                let style = color.stroke_width(p(*width).max(1) as u32);
                area.draw(&PathElement::new(pts, style)).map_err(err)?;
            }
            Shape::Poly { points, color } => {
                let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (p(x), p(y))).collect();
                area.draw(&Polygon::new(pts, color.filled())).map_err(err)?;
            }
            Shape::Marker {
                x,
                y,
                r,
                marker,
                color,
            } => draw_marker(area, (p(*x), p(*y)), *r * scale, *marker, *color).map_err(err)?,
            Shape::Text {
                x,
                y,
                text,
                size,
                color,
                h,
                bold,
                record,
            } => {
                let style = if *bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                // plotters' font size is 1.24 times the CSS size it writes.
                let font = FontDesc::new(FontFamily::Name(FONT_STACK), size * scale * 1.24, style);
                let w = text_width(text, *size);
                let left = match h {
                    HPos::Left => *x,
                    HPos::Center => x - w / 2.0,
                    HPos::Right => x - w,
                };
                // ab_glyph puts the baseline half a size below the anchor;
                // moving the anchor up centres the glyphs on `y` as the SVG
                // `dy` does.
                let anchor_y = if bitmap { y - size * 0.32 } else { *y };
                let ts = TextStyle::from(font)
                    .color(color)
                    .pos(Pos::new(*h, if bitmap { VPos::Top } else { VPos::Center }));
                area.draw(&Text::new(text.clone(), (p(*x), p(anchor_y)), ts))
                    .map_err(err)?;
                if *record {
                    boxes.push(LabelBox {
                        text: text.clone(),
                        x: p(left),
                        y: p(y - size * 0.6),
                        w: p(w),
                        h: p(size * 1.2),
                    });
                }
            }
        }
    }
    area.present().map_err(err)?;
    Ok(boxes)
}

fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    r: f64,
    marker: Marker,
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let ri = r.round() as i32;
    let outline = WHITE.stroke_width((r / 4.0).max(1.0) as u32);
    let pt = |dx: f64, dy: f64| (x + dx.round() as i32, y + dy.round() as i32);
    match marker {
        Marker::Circle => {
            area.draw(&Circle::new((x, y), ri, color.filled()))?;
            area.draw(&Circle::new((x, y), ri, outline))?;
        }
        Marker::Ring => {
            area.draw(&Circle::new((x, y), ri, WHITE.filled()))?;
            area.draw(&Circle::new(
                (x, y),
                ri,
                color.stroke_width((r / 3.0).max(1.0) as u32),
            ))?;
        }
        Marker::Square => {
            let s = r * 0.9;
            area.draw(&Rectangle::new([pt(-s, -s), pt(s, s)], color.filled()))?;
        }
        Marker::Triangle => {
            let pts = vec![
                pt(0.0, -r * 1.15),
                pt(r * 1.05, r * 0.75),
                pt(-r * 1.05, r * 0.75),
            ];
            area.draw(&Polygon::new(pts, color.filled()))?;
        }
        Marker::Diamond => {
            let s = r * 1.2;
            let pts = vec![pt(0.0, -s), pt(s, 0.0), pt(0.0, s), pt(-s, 0.0)];
            area.draw(&Polygon::new(pts, color.filled()))?;
        }
        Marker::Cross => {
            let s = r * 0.85;
            let w = (r / 2.2).max(1.0) as u32;
            area.draw(&PathElement::new(
                vec![pt(-s, -s), pt(s, s)],
                color.stroke_width(w),
            ))?;
            area.draw(&PathElement::new(
                vec![pt(-s, s), pt(s, -s)],
                color.stroke_width(w),
            ))?;
        }
    }
    Ok(())
}

/// The layout with the text the PNG font cannot draw made drawable; the
/// SVG keeps the text as is, for the reader's fonts to draw.
fn for_bitmap(layout: &Layout, font: &fonts::CjkFont) -> Layout {
    let shapes = layout
        .shapes
        .iter()
        .map(|s| match s {
            Shape::Text {
                x,
                y,
                text,
                size,
                color,
                h,
                bold,
                record,
            } => Shape::Text {
                x: *x,
                y: *y,
                text: font.drawable(text),
                size: *size,
                color: *color,
                h: *h,
                bold: *bold,
                record: *record,
            },
            other => other.clone(),
        })
        .collect();
    Layout {
        name: layout.name,
        w: layout.w,
        h: layout.h,
        shapes,
    }
}

fn render(layout: Layout) -> Result<Chart, ChartError> {
    let font = fonts::cjk()?;
    let svg_size = (layout.w.round() as u32, layout.h.round() as u32);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, svg_size).into_drawing_area();
        paint(&area, &layout, 1.0, false)?;
    }
    let png_size = (
        (layout.w * PNG_SCALE).round() as u32,
        (layout.h * PNG_SCALE).round() as u32,
    );
    let mut buf = vec![0u8; png_size.0 as usize * png_size.1 as usize * 3];
    let png_labels = {
        let area = BitMapBackend::with_buffer(&mut buf, png_size).into_drawing_area();
        paint(&area, &for_bitmap(&layout, font), PNG_SCALE, true)?
    };
    let png = encode_png(&buf, png_size).map_err(|e| ChartError::Draw {
        chart: layout.name,
        what: format!("PNG encoding: {e}"),
    })?;
    Ok(Chart {
        svg,
        png,
        svg_size,
        png_size,
        png_labels,
    })
}

fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header()?;
        writer.write_image_data(rgb)?;
        writer.finish()?;
    }
    Ok(out)
}

/// The timeline chart: lanes per subject, markers per milestone.
pub fn timeline(report: &Report) -> Result<Chart, ChartError> {
    render(timeline_layout(report))
}

/// The capabilities chart: status bars over time per capability.
pub fn capabilities(report: &Report) -> Result<Chart, ChartError> {
    render(capabilities_layout(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut() {
        let t = fit(&"支".repeat(50), 10.0, 100.0);
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 10.0) <= 100.0);
        assert_eq!(fit("微信", 10.0, 100.0), "微信");
    }

    #[test]
    fn wide_text_is_wider() {
        assert!(text_width("微信支付", 10.0) > text_width("abcd", 10.0));
        assert_eq!(text_width("微信", 10.0), 20.0);
    }

    #[test]
    fn month_ticks() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let s = TimeScale {
            d0: d(2021, 8, 20),
            d1: d(2022, 4, 10),
            x0: 0.0,
            x1: 100.0,
        };
        let t: Vec<String> = s.ticks().into_iter().map(|(_, l)| l).collect();
        assert_eq!(t.first().map(String::as_str), Some("2021-09"));
        assert_eq!(t.last().map(String::as_str), Some("2022-04"));
        assert_eq!(t.len(), 8);
        assert!(s.x(d(2021, 12, 1)) > s.x(d(2021, 11, 1)));
    }
}
