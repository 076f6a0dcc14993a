//! The map of England as SVG: a hexagon an authority, coloured by its current
//! rating, each a link whose accessible name says the authority and its
//! rating, with a legend (so nothing depends on colour alone). The same
//! drawing is put in the home and region pages and published as `/map.svg`.
//!
//! Written with quick-xml, like the badge: every text and attribute is
//! escaped by the writer, so the result can be put into a page as it is.

use quick_xml::Writer;
use quick_xml::events::BytesStart;

use super::svg::{
    LongWords, WHITE, empty, end, start, text_colour, text_element, tone_background, tone_colours,
    wrap,
};
use crate::content::map::HexLayout;
use crate::site::hexmap::SiteMap;
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, CurrentRating, Site};

/// A hexagon's circumradius in viewBox units.
const SIZE: f64 = 10.0;
const SQRT3: f64 = 1.732_050_807_568_877_2;
const MARGIN: f64 = 4.0;
/// Legend text size, line height and a generous character width.
const FONT: f64 = 11.0;
const LINE: f64 = 16.0;
const CHAR_W: f64 = 6.6;
/// Fill of hexagons outside the picked-out region: the neutral tone's
/// background.
fn other() -> &'static str {
    tone_background(0)
}

/// What to draw: the whole country, or one region picked out.
pub struct MapSpec<'a> {
    /// Index into `Site::regions`: only its authorities are links and coloured.
    pub region: Option<usize>,
    /// `/map.svg` (a document of its own, absolute links) or inline.
    pub standalone: bool,
    /// The `<title>` and `<desc>`.
    pub title: &'a str,
    pub desc: String,
}

/// Where a hexagon's centre goes: rows count northwards (`r` 0 at the
/// bottom), as in Open Innovations' renderer; `-r` layouts have
/// pointy-topped hexagons with alternate rows shifted right, `-q` layouts
/// flat-topped ones with alternate columns shifted up.
fn centre(layout: HexLayout, q: i64, r: i64) -> (f64, f64) {
    let odd = |n: i64| n.rem_euclid(2) == 1;
    match layout {
        HexLayout::OddR | HexLayout::EvenR => {
            let shift = if odd(r) == (layout == HexLayout::OddR) {
                0.5
            } else {
                0.0
            };
            ((q as f64 + shift) * SQRT3 * SIZE, -(r as f64) * 1.5 * SIZE)
        }
        HexLayout::OddQ | HexLayout::EvenQ => {
            let shift = if odd(q) == (layout == HexLayout::OddQ) {
                0.5
            } else {
                0.0
            };
            (q as f64 * 1.5 * SIZE, -(r as f64 + shift) * SQRT3 * SIZE)
        }
    }
}

/// The corners of a hexagon around a centre, as a `points` attribute.
fn corners(layout: HexLayout, (x, y): (f64, f64)) -> String {
    let start = if matches!(layout, HexLayout::OddR | HexLayout::EvenR) {
        30.0
    } else {
        0.0
    };
    (0..6)
        .map(|k| {
            let a = (start + 60.0 * k as f64).to_radians();
            format!("{:.1},{:.1}", x + SIZE * a.cos(), y + SIZE * a.sin())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A rating's colour and its words.
fn rating_of<'c>(a: &AuthorityFacts<'c>) -> (&'static str, &'c str) {
    let colour = match a.current {
        CurrentRating::NotYetRated => WHITE,
        CurrentRating::Rated { headline: None, .. } => tone_colours(0).0,
        CurrentRating::Rated {
            headline: Some(g), ..
        } => tone_colours(g.tone()).0,
    };
    (colour, a.current.words())
}

/// The map as SVG markup.
pub fn svg(site: &Site, map: &SiteMap, spec: &MapSpec) -> String {
    let placed: Vec<((f64, f64), usize)> = map
        .cells
        .iter()
        .map(|c| (centre(map.layout, c.q, c.r), c.authority))
        .collect();
    let xs = placed.iter().map(|((x, _), _)| *x);
    let ys = placed.iter().map(|((_, y), _)| *y);
    let (min_x, max_x) = (xs.clone().fold(0.0, f64::min), xs.fold(0.0, f64::max));
    let (min_y, max_y) = (ys.clone().fold(0.0, f64::min), ys.fold(0.0, f64::max));
    let (left, top) = (min_x - SIZE - MARGIN, min_y - SIZE - MARGIN);
    let width = (max_x - min_x + 2.0 * (SIZE + MARGIN)).max(200.0);
    let picked = |i: usize| match spec.region {
        Some(r) => site.regions[r].authorities.binary_search(&i).is_ok(),
        None => true,
    };
    let legend = legend(site, map, spec, &picked, width);
    let height = max_y - min_y + 2.0 * (SIZE + MARGIN) + legend.len() as f64 * LINE + 8.0;

    let mut w = Writer::new(Vec::new());
    let mut root = BytesStart::new("svg");
    if spec.standalone {
        root.push_attribute(("xmlns", "http://www.w3.org/2000/svg"));
        root.push_attribute(("width", format!("{:.0}", width * 2.0).as_str()));
        root.push_attribute(("height", format!("{:.0}", height * 2.0).as_str()));
    } else {
        root.push_attribute(("class", "hexmap"));
    }
    let view_box = format!("{left:.1} {top:.1} {width:.1} {height:.1}");
    root.push_attribute(("viewBox", view_box.as_str()));
    root.push_attribute(("role", "group"));
    root.push_attribute(("aria-labelledby", "map-title"));
    root.push_attribute(("aria-describedby", "map-desc"));
    start(&mut w, root);
    text_element(&mut w, "title", &[("id", "map-title")], spec.title);
    text_element(&mut w, "desc", &[("id", "map-desc")], &spec.desc);
    for &(at, i) in &placed {
        hexagon(&mut w, site, spec, corners(map.layout, at), i, picked(i));
    }
    draw_legend(&mut w, legend, left, max_y + SIZE + MARGIN + LINE);
    end(&mut w, "svg");
    String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
}

/// One authority's hexagon: a link naming it and its rating when it is
/// picked out, a plain grey hexagon otherwise.
fn hexagon(
    w: &mut Writer<Vec<u8>>,
    site: &Site,
    spec: &MapSpec,
    points: String,
    authority: usize,
    picked: bool,
) {
    if !picked {
        empty(
            w,
            "polygon",
            &[("points", &points), ("fill", other()), ("stroke", WHITE)],
        );
        return;
    }
    let a = &site.authorities[authority];
    let (fill, words) = rating_of(a);
    let href = if spec.standalone {
        site.urls.absolute(&rel::authority(&a.authority.slug))
    } else {
        site.urls.link(&rel::authority(&a.authority.slug))
    };
    let name = format!("{}: {}", a.authority.short_name, words);
    let mut link = BytesStart::new("a");
    link.push_attribute(("href", href.as_str()));
    link.push_attribute(("aria-label", name.as_str()));
    start(w, link);
    text_element(w, "title", &[], &name);
    empty(
        w,
        "polygon",
        &[
            ("points", &points),
            ("fill", fill),
            ("stroke", tone_colours(0).0),
        ],
    );
    end(w, "a");
}

/// The legend's lines from baseline `y` down, each with its colour's square.
fn draw_legend(
    w: &mut Writer<Vec<u8>>,
    legend: Vec<(Option<&'static str>, String)>,
    left: f64,
    mut y: f64,
) {
    for (fill, line) in legend {
        if let Some(fill) = fill {
            let (x, sy) = (format!("{:.1}", left + MARGIN), format!("{:.1}", y - 10.0));
            empty(
                w,
                "rect",
                &[
                    ("x", &x),
                    ("y", &sy),
                    ("width", "11"),
                    ("height", "11"),
                    ("fill", fill),
                    ("stroke", tone_colours(0).0),
                ],
            );
        }
        let (x, ty) = (format!("{:.1}", left + MARGIN + 16.0), format!("{y:.1}"));
        let size = FONT.to_string();
        let attrs = [
            ("x", x.as_str()),
            ("y", ty.as_str()),
            ("font-size", size.as_str()),
            ("font-family", "Arial, Helvetica, sans-serif"),
            ("fill", text_colour()),
        ];
        text_element(w, "text", &attrs, &line);
        y += LINE;
    }
}

/// The legend's lines: each rating the picked-out authorities hold, with its
/// colour and count (wrapped to the map's width), then the date line.
fn legend(
    site: &Site,
    map: &SiteMap,
    spec: &MapSpec,
    picked: &dyn Fn(usize) -> bool,
    width: f64,
) -> Vec<(Option<&'static str>, String)> {
    let chars = ((width - 2.0 * MARGIN - 16.0) / CHAR_W) as usize;
    let mut entries: Vec<(&'static str, String, usize)> = Vec::new();
    for c in map.cells.iter().filter(|c| picked(c.authority)) {
        let (fill, words) = rating_of(&site.authorities[c.authority]);
        match entries
            .iter_mut()
            .find(|(f, w, _)| *f == fill && w == words)
        {
            Some(e) => e.2 += 1,
            None => entries.push((fill, words.to_string(), 1)),
        }
    }
    let order = |words: &str| {
        site.rating_groups
            .iter()
            .position(|g| g.label() == words)
            .unwrap_or(usize::MAX)
    };
    entries.sort_by_key(|(_, words, _)| order(words));
    let mut lines = Vec::new();
    for (fill, words, n) in entries {
        for (k, l) in wrap(&format!("{words}: {n}"), chars, LongWords::Cut)
            .into_iter()
            .enumerate()
        {
            lines.push(((k == 0).then_some(fill), l));
        }
    }
    if spec.region.is_some() {
        lines.push((Some(other()), "Other regions".to_string()));
    }
    if let Some(d) = site.latest_publication {
        let note = format!(
            "Ratings as at {}, the latest publication on record",
            d.human()
        );
        lines.extend(
            wrap(&note, chars + 2, LongWords::Cut)
                .into_iter()
                .map(|l| (None, l)),
        );
    }
    lines
}
