//! Charts drawn as inline SVG at build time: geometry computed here, markup in
//! the `charts` template partial, so every label is escaped like any other text.
//! Each chart is paired on its page with a table of the same figures.
//!
//! No two pieces of text may overlap or be cut off at any width: every chart
//! has a fixed viewBox that scales with the column, each text has a line (or
//! a band) of its own, and text that could be longer than the chart is
//! wrapped by [`wrap`] (cutting words longer than a line) at a generous estimate of its width.

use serde::Serialize;

use super::GradeView;
use crate::render::svg::{LongWords, wrap};

/// The width of every chart's viewBox.
pub const W: usize = 560;
/// Height of one line of chart text (19 units; see the stylesheet).
const LINE: usize = 24;
/// A generous estimate of one character's width at 19 units, bold or not.
const CHAR_W: usize = 12;

/// One line of text at a baseline.
#[derive(Serialize)]
pub struct TextLine {
    pub y: usize,
    pub text: String,
}

/// `text` wrapped to `room` units, as lines from baseline `first_y`.
fn lines_at(text: &str, room: usize, first_y: usize) -> Vec<TextLine> {
    wrap(text, room / CHAR_W, LongWords::Cut)
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            y: first_y + i * LINE,
            text,
        })
        .collect()
}

/// One bar of the "authorities by current grade" chart.
#[derive(Serialize)]
pub struct Bar<'a> {
    pub label: String,
    pub lines: Vec<TextLine>,
    pub count: usize,
    pub tone: usize,
    pub grade: Option<GradeView<'a>>,
    pub bar_y: usize,
    pub width: usize,
    pub value_x: usize,
}

#[derive(Serialize)]
pub struct BarChart<'a> {
    pub bars: Vec<Bar<'a>>,
    pub width: usize,
    pub height: usize,
    pub total: usize,
}

/// A bucket of authorities: a grade (label as written) or a state such as "Not yet rated".
pub struct Bucket<'a> {
    pub label: String,
    pub count: usize,
    /// 1..4 for grades, 0 for states without a grade.
    pub tone: usize,
    pub grade: Option<GradeView<'a>>,
}

/// The longest bar, leaving room for a count of up to five digits after it.
const BAR_MAX: usize = W - 8 - 5 * CHAR_W - 4;

pub fn bar_chart(buckets: Vec<Bucket<'_>>) -> BarChart<'_> {
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let total = buckets.iter().map(|b| b.count).sum();
    let mut y = 0;
    let bars: Vec<Bar> = buckets
        .into_iter()
        .map(|b| {
            let width = if b.count == 0 {
                0
            } else {
                (b.count * BAR_MAX / max).max(3)
            };
            let lines = lines_at(&b.label, W, y + 20);
            let bar_y = y + lines.len() * LINE + 4;
            y = bar_y + 22 + 12;
            Bar {
                label: b.label,
                lines,
                count: b.count,
                tone: b.tone,
                grade: b.grade,
                bar_y,
                width,
                value_x: width + 8,
            }
        })
        .collect();
    BarChart {
        height: y + 4,
        width: W,
        bars,
        total,
    }
}

/// One graded inspection on the history chart.
#[derive(Serialize)]
pub struct Point<'a> {
    pub x: usize,
    pub y: usize,
    pub label: &'a str,
    pub date: String,
    pub tone: usize,
    pub url: String,
}

/// One rank of the grade axis: its gridline and the grades' names above it.
#[derive(Serialize)]
pub struct Band {
    pub y: usize,
    pub lines: Vec<TextLine>,
}

#[derive(Serialize)]
pub struct YearTick {
    pub x: usize,
    pub label: String,
}

#[derive(Serialize)]
pub struct HistoryChart<'a> {
    pub width: usize,
    pub height: usize,
    pub plot_left: usize,
    pub plot_right: usize,
    pub points: Vec<Point<'a>>,
    pub bands: Vec<Band>,
    pub years: Vec<YearTick>,
    pub line: String,
    pub axis_y: usize,
}

/// A graded point to plot: date (days), rank, and how to label it.
pub struct HistoryPoint<'a> {
    pub day: i64,
    pub year: i32,
    pub date: String,
    pub grade: GradeView<'a>,
    pub url: String,
}

/// Room left and right of the plot for a point's circle and a year's label.
const EDGE: usize = 30;

/// Places grades from different scales on one axis by rank. Each rank's band
/// names its grades in the words of the authority's frameworks (`axis[r]`
/// for rank `r + 1`, best first), on lines of their own above the gridline
/// the points sit on, so no label can meet a point or another label.
pub fn history_chart<'a>(
    points: Vec<HistoryPoint<'a>>,
    axis: &[String],
) -> Option<HistoryChart<'a>> {
    if points.is_empty() {
        return None;
    }
    let max_rank = points
        .iter()
        .map(|p| p.grade.scale_len.max(p.grade.rank))
        .max()
        .unwrap_or(4)
        .max(axis.len())
        .max(2);
    let mut y = 0;
    let bands: Vec<Band> = (1..=max_rank)
        .map(|rank| {
            let name = axis
                .get(rank - 1)
                .cloned()
                .unwrap_or_else(|| format!("Grade {rank}"));
            let lines = lines_at(&name, W, y + 20);
            let grid = y + lines.len() * LINE + 14;
            y = grid + 12;
            Band { y: grid, lines }
        })
        .collect();
    let axis_y = y + 4;
    let min_day = points.iter().map(|p| p.day).min().unwrap_or(0);
    let max_day = points.iter().map(|p| p.day).max().unwrap_or(0);
    let plot_w = W - 2 * EDGE;
    let x_of = |day: i64| -> usize {
        if max_day == min_day {
            EDGE + plot_w / 2
        } else {
            EDGE + (((day - min_day) as f64 / (max_day - min_day) as f64) * plot_w as f64).round()
                as usize
        }
    };
    let years = year_ticks(&points, x_of);
    let out: Vec<Point> = points
        .into_iter()
        .map(|p| Point {
            x: x_of(p.day),
            y: bands[p.grade.rank.clamp(1, max_rank) - 1].y,
            label: p.grade.label,
            date: p.date,
            tone: p.grade.tone,
            url: p.url,
        })
        .collect();
    let line = out
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    Some(HistoryChart {
        width: W,
        height: axis_y + LINE + 6,
        plot_left: EDGE,
        plot_right: W - EDGE,
        points: out,
        bands,
        years,
        line,
        axis_y,
    })
}

/// One label per year that has a point, skipping any that would come within
/// a label's width of the last one shown.
fn year_ticks(points: &[HistoryPoint], x_of: impl Fn(i64) -> usize) -> Vec<YearTick> {
    let mut years: Vec<YearTick> = Vec::new();
    for p in points {
        let label = p.year.to_string();
        let x = x_of(p.day);
        if years
            .last()
            .is_some_and(|y| y.label == label || x < y.x + (label.len() + 2) * CHAR_W)
        {
            continue;
        }
        years.push(YearTick { x, label });
    }
    years
}

/// One rating in the grades-over-time chart: its legend entry.
pub struct Series {
    pub label: String,
    /// The CSS class of its colour (`tone-3`, `unrated`).
    pub class: String,
}

/// One coloured piece of a stacked bar.
#[derive(Serialize)]
pub struct Segment {
    pub x: usize,
    pub width: usize,
    pub class: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct StackRow {
    pub label: String,
    pub label_y: usize,
    pub bar_y: usize,
    pub segments: Vec<Segment>,
}

#[derive(Serialize)]
pub struct LegendItem {
    pub y: usize,
    pub class: String,
    pub lines: Vec<TextLine>,
}

#[derive(Serialize)]
pub struct StackedChart {
    pub width: usize,
    pub height: usize,
    pub rows: Vec<StackRow>,
    pub legend: Vec<LegendItem>,
}

/// Room for a row's label ("31 December 2026" is the longest a date gets).
const STACK_LABEL: usize = 17 * CHAR_W;
const STACK_ROW: usize = 32;

/// A horizontal stacked bar per row (`(label, counts per series)`), each
/// the full width, split by share; the legend below, an entry a line.
pub fn stacked_chart(series: &[Series], rows: &[(String, Vec<usize>)]) -> StackedChart {
    let bar_w = W - STACK_LABEL - 4;
    let out: Vec<StackRow> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, counts))| {
            let total = counts.iter().sum::<usize>().max(1);
            let mut x = STACK_LABEL;
            let mut done = 0;
            let segments = counts
                .iter()
                .zip(series)
                .filter(|(n, _)| **n > 0)
                .map(|(&n, s)| {
                    done += n;
                    let end = STACK_LABEL + done * bar_w / total;
                    let seg = Segment {
                        x,
                        width: end - x,
                        class: s.class.clone(),
                        title: format!("{label}: {} {n}", s.label),
                    };
                    x = end;
                    seg
                })
                .collect();
            StackRow {
                label: label.clone(),
                label_y: i * STACK_ROW + 22,
                bar_y: i * STACK_ROW + 4,
                segments,
            }
        })
        .collect();
    let mut y = rows.len() * STACK_ROW + 16;
    let legend = series
        .iter()
        .map(|s| {
            let lines = lines_at(&s.label, W - 30, y + 18);
            let item = LegendItem {
                y,
                class: s.class.clone(),
                lines,
            };
            y += item.lines.len() * LINE + 8;
            item
        })
        .collect();
    StackedChart {
        width: W,
        height: y + 4,
        rows: out,
        legend,
    }
}
