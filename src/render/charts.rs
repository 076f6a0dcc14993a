//! Charts drawn as inline SVG at build time: geometry computed here, markup in
//! the `charts` template partial, so every label is escaped like any other text.
//! Each chart is paired on its page with a table of the same figures.

use serde::Serialize;

use super::views::GradeView;

/// One bar of the "authorities by current grade" chart.
#[derive(Serialize)]
pub struct Bar<'a> {
    pub label: String,
    pub count: usize,
    pub tone: usize,
    pub grade: Option<GradeView<'a>>,
    pub label_y: usize,
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

const BAR_MAX: usize = 420;
const ROW: usize = 60;

pub fn bar_chart(buckets: Vec<Bucket<'_>>) -> BarChart<'_> {
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let total = buckets.iter().map(|b| b.count).sum();
    let bars: Vec<Bar> = buckets
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let width = if b.count == 0 {
                0
            } else {
                (b.count * BAR_MAX / max).max(3)
            };
            Bar {
                label: b.label,
                count: b.count,
                tone: b.tone,
                grade: b.grade,
                label_y: i * ROW + 20,
                bar_y: i * ROW + 28,
                width,
                value_x: width + 8,
            }
        })
        .collect();
    BarChart {
        height: bars.len() * ROW + 4,
        width: BAR_MAX + 60,
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
    /// Where the grade's label goes: above the point, or below it near the top.
    pub label_y: usize,
    pub anchor: &'static str,
}

#[derive(Serialize)]
pub struct Tick {
    pub y: usize,
    pub label: String,
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
    pub ranks: Vec<Tick>,
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

const W: usize = 560;
const LEFT: usize = 90;
const RIGHT: usize = 40;
const TOP: usize = 30;
const STEP: usize = 52;

/// Places grades from different scales on one axis by rank. Rank labels on the
/// axis are numbers (1 = best); each point carries its grade in its own words.
pub fn history_chart(points: Vec<HistoryPoint<'_>>) -> Option<HistoryChart<'_>> {
    if points.is_empty() {
        return None;
    }
    let max_rank = points
        .iter()
        .map(|p| p.grade.scale_len.max(p.grade.rank))
        .max()
        .unwrap_or(4)
        .max(2);
    let min_day = points.iter().map(|p| p.day).min().unwrap_or(0);
    let max_day = points.iter().map(|p| p.day).max().unwrap_or(0);
    let span = (max_day - min_day).max(1) as f64;
    let plot_w = W - LEFT - RIGHT;
    let x_of = |day: i64| -> usize {
        if max_day == min_day {
            LEFT + plot_w / 2
        } else {
            LEFT + (((day - min_day) as f64 / span) * plot_w as f64).round() as usize
        }
    };
    let y_of = |rank: usize| TOP + (rank - 1) * STEP;
    let axis_y = y_of(max_rank) + 30;
    let ranks = rank_ticks(max_rank, y_of);
    let years = year_ticks(&points, x_of);
    let out: Vec<Point> = points
        .into_iter()
        .map(|p| {
            let x = x_of(p.day);
            let y = y_of(p.grade.rank);
            let anchor = if x < LEFT + 80 {
                "start"
            } else if x > W - RIGHT - 80 {
                "end"
            } else {
                "middle"
            };
            Point {
                x,
                y,
                label: p.grade.label,
                date: p.date,
                tone: p.grade.tone,
                url: p.url,
                label_y: if p.grade.rank == 1 { y + 28 } else { y - 14 },
                anchor,
            }
        })
        .collect();
    let line = out
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ");
    Some(HistoryChart {
        width: W,
        height: axis_y + 26,
        plot_left: LEFT,
        plot_right: W - RIGHT,
        points: out,
        ranks,
        years,
        line,
        axis_y,
    })
}

/// The grade axis: rank 1 (best) to `max_rank` (worst).
fn rank_ticks(max_rank: usize, y_of: impl Fn(usize) -> usize) -> Vec<Tick> {
    (1..=max_rank)
        .map(|r| Tick {
            y: y_of(r),
            label: match r {
                1 => "1 best".to_string(),
                r if r == max_rank => format!("{r} worst"),
                r => r.to_string(),
            },
        })
        .collect()
}

/// One label per year that has a point, skipping those too close to the last.
fn year_ticks(points: &[HistoryPoint], x_of: impl Fn(i64) -> usize) -> Vec<YearTick> {
    let mut years: Vec<YearTick> = Vec::new();
    for p in points {
        let label = p.year.to_string();
        if years.last().is_some_and(|y| y.label == label) {
            continue;
        }
        let x = x_of(p.day);
        if years.last().is_some_and(|y| x < y.x + 54) {
            continue;
        }
        years.push(YearTick { x, label });
    }
    years
}
