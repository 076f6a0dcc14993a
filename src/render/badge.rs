//! The embeddable badge, `/authorities/<a>/badge.svg`: an authority's current
//! rating in words, the date of the inspection it comes from and the portal's
//! name, for councils to show on their own sites.
//!
//! The badge is derived from [`crate::site::CurrentRating`] on every build,
//! so it never shows a rating the authority no longer holds. Its SVG is
//! written with quick-xml (every text and attribute escaped by the writer);
//! it holds no script and no external reference. [`Badge`] also gives the
//! authority page what its copy-and-paste snippet needs: the alt text and the
//! size.

use quick_xml::Writer;
use quick_xml::events::{BytesStart, BytesText, Event};

use super::svg::{
    LongWords, WHITE, empty, end, start, text_colour, text_element, tone_colours, wrap,
};
use crate::content::OVERALL;
use crate::site::{AuthorityFacts, CurrentRating, Site};

/// The badge's width in CSS pixels; its height grows with the lines it holds.
pub const WIDTH: u32 = 240;
/// The height of a badge with a headline grade (or none at all).
pub const BASE_HEIGHT: u32 = 80;
/// The height each line of judgements adds to a badge with no overall grade.
const JUDGEMENT_LINE: u32 = 13;
/// Judgements are wrapped at this many characters a line (at 11 px), so
/// long judgement names stay legible instead of being squeezed.
const WRAP: usize = 38;
/// Continuation lines of a judgement are indented by this much.
const INDENT: u32 = 8;
/// Where text starts, after the coloured bar.
const TEXT_X: u32 = 18;

/// What a badge says, line by line, and how it is described.
#[derive(Debug, Clone)]
pub struct Badge {
    /// The authority's short name.
    pub authority: String,
    /// The rating in words: a grade's label, "No overall grade" or "Not yet rated".
    pub rating: String,
    /// For a rating without an overall grade: each judgement and its grade.
    pub judgements: Vec<String>,
    /// "Ofsted report published 12 May 2024", or what stands in for it.
    pub date_line: String,
    pub portal: String,
    /// 1 (best) .. 4 (worst), 0 when there is no single grade.
    pub tone: usize,
    /// The whole badge in one sentence: its `<title>`, and the alt text of
    /// the snippet's `<img>`.
    pub description: String,
    pub height: u32,
}

impl Badge {
    /// The badge of an authority's current rating.
    pub fn of(site: &Site, a: &AuthorityFacts) -> Badge {
        let fw = &site.content.frameworks;
        let portal = site.content.site.title.clone();
        let authority = a.authority.short_name.clone();
        let (rating, judgements, date_line, tone) = match &a.current {
            CurrentRating::NotYetRated => (
                a.current.words().to_string(),
                Vec::new(),
                "No graded inspection recorded".to_string(),
                0,
            ),
            CurrentRating::Rated {
                inspection,
                headline,
                ..
            } => {
                let date_line = format!("Ofsted report published {}", inspection.published.human());
                match headline {
                    Some(g) => (g.label.to_string(), Vec::new(), date_line, g.tone()),
                    None => {
                        let grades = site.grades_of(inspection);
                        let judgements = fw
                            .framework(&inspection.framework)
                            .map(|f| {
                                f.judgements
                                    .iter()
                                    .filter(|j| j.key != OVERALL)
                                    .filter_map(|j| {
                                        let label = grades.judgement(&j.key)?.label();
                                        Some(format!("{}: {}", j.label, label))
                                    })
                                    .collect()
                            })
                            .unwrap_or_default();
                        (a.current.words().to_string(), judgements, date_line, 0)
                    }
                }
            }
        };
        let mut description = format!(
            "Ofsted rating of {}'s children's services: {}",
            a.authority.name, rating
        );
        if !judgements.is_empty() {
            description.push_str(&format!(" ({})", judgements.join("; ")));
        }
        description.push_str(&format!(". {}. From {}.", date_line, portal));
        let lines: usize = judgements
            .iter()
            .map(|j| wrap(j, WRAP, LongWords::Keep).len())
            .sum();
        let height = BASE_HEIGHT + JUDGEMENT_LINE * lines as u32;
        Badge {
            authority,
            rating,
            judgements,
            date_line,
            portal,
            tone,
            description,
            height,
        }
    }

    /// The badge as an SVG document.
    pub fn svg(&self) -> Vec<u8> {
        let mut w = Writer::new(Vec::new());
        let (width, height) = (WIDTH.to_string(), self.height.to_string());
        let view_box = format!("0 0 {WIDTH} {}", self.height);
        let mut svg = BytesStart::new("svg");
        svg.push_attribute(("xmlns", "http://www.w3.org/2000/svg"));
        svg.push_attribute(("width", width.as_str()));
        svg.push_attribute(("height", height.as_str()));
        svg.push_attribute(("viewBox", view_box.as_str()));
        svg.push_attribute(("role", "img"));
        svg.push_attribute(("aria-labelledby", "badge-title"));
        start(&mut w, svg);
        text_element(&mut w, "title", &[("id", "badge-title")], &self.description);

        let inner_h = (self.height - 1).to_string();
        let bar_h = (self.height - 2).to_string();
        let (bar, grade_fg) = tone_colours(self.tone);
        let (border, _) = tone_colours(0);
        let ink = text_colour();
        empty(
            &mut w,
            "rect",
            &[
                ("x", "0.5"),
                ("y", "0.5"),
                ("width", &(WIDTH - 1).to_string()),
                ("height", &inner_h),
                ("rx", "4"),
                ("fill", WHITE),
                ("stroke", border),
            ],
        );
        empty(
            &mut w,
            "rect",
            &[
                ("x", "1"),
                ("y", "1"),
                ("width", "9"),
                ("height", &bar_h),
                ("fill", bar),
            ],
        );

        let mut y = 16;
        text(&mut w, TEXT_X, y, 11, false, ink, &self.authority);
        y += 21;
        text(&mut w, TEXT_X, y, 17, true, grade_fg, &self.rating);
        for j in &self.judgements {
            for (n, line) in wrap(j, WRAP, LongWords::Keep).iter().enumerate() {
                y += JUDGEMENT_LINE;
                let x = if n == 0 { TEXT_X } else { TEXT_X + INDENT };
                text(&mut w, x, y, 11, false, ink, line);
            }
        }
        y += 18;
        text(&mut w, TEXT_X, y, 11, false, ink, &self.date_line);
        y += 16;
        text(&mut w, TEXT_X, y, 10, false, border, &self.portal);
        end(&mut w, "svg");
        let mut out = w.into_inner();
        out.push(b'\n');
        out
    }
}

/// One line of text from `x`, squeezed to the badge's width when it would
/// overflow.
fn text(w: &mut Writer<Vec<u8>>, x: u32, y: u32, size: u32, bold: bool, fill: &str, s: &str) {
    let available = WIDTH - x - 8;
    // A generous estimate of a sans-serif line's width.
    let per_char = if bold { 0.62 } else { 0.56 };
    let estimate = s.chars().count() as f64 * size as f64 * per_char;
    let mut e = BytesStart::new("text");
    let (x, y, size_s, avail_s) = (
        x.to_string(),
        y.to_string(),
        size.to_string(),
        available.to_string(),
    );
    e.push_attribute(("x", x.as_str()));
    e.push_attribute(("y", y.as_str()));
    e.push_attribute(("font-family", "Arial, Helvetica, sans-serif"));
    e.push_attribute(("font-size", size_s.as_str()));
    if bold {
        e.push_attribute(("font-weight", "bold"));
    }
    e.push_attribute(("fill", fill));
    if estimate > available as f64 {
        e.push_attribute(("textLength", avail_s.as_str()));
        e.push_attribute(("lengthAdjust", "spacingAndGlyphs"));
    }
    start(w, e);
    w.write_event(Event::Text(BytesText::new(s)))
        .expect("writing to memory");
    end(w, "text");
}

/// The HTML a council copies to show the badge: a link to the authority's
/// page around the badge, with the rating in words as alt text and the size
/// in the markup. Attribute values are escaped by `html_escape`.
pub fn snippet(badge: &Badge, page_url: &str, badge_url: &str) -> String {
    use html_escape::encode_double_quoted_attribute as attr;
    format!(
        "<a href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"></a>",
        attr(page_url),
        attr(badge_url),
        attr(&badge.description),
        WIDTH,
        badge.height
    )
}
