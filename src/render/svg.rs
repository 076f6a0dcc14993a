//! What the SVG drawings share (the badge, the map, the charts' labels):
//! elements written through quick-xml (which escapes every text and
//! attribute), the built-in stylesheet's colours, and word wrap.

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

/// Opens an element.
pub fn start(w: &mut Writer<Vec<u8>>, e: BytesStart) {
    w.write_event(Event::Start(e)).expect("writing to memory");
}

/// Closes an element.
pub fn end(w: &mut Writer<Vec<u8>>, name: &str) {
    w.write_event(Event::End(BytesEnd::new(name)))
        .expect("writing to memory");
}

/// An element with attributes and no content.
pub fn empty(w: &mut Writer<Vec<u8>>, name: &str, attrs: &[(&str, &str)]) {
    let mut e = BytesStart::new(name);
    for a in attrs {
        e.push_attribute(*a);
    }
    w.write_event(Event::Empty(e)).expect("writing to memory");
}

/// An element with attributes and text.
pub fn text_element(w: &mut Writer<Vec<u8>>, name: &str, attrs: &[(&str, &str)], text: &str) {
    let mut e = BytesStart::new(name);
    for a in attrs {
        e.push_attribute(*a);
    }
    start(w, e);
    w.write_event(Event::Text(BytesText::new(text)))
        .expect("writing to memory");
    end(w, name);
}

/// White, the page's background: the badge's ground, the map's unrated
/// hexagons and its hexagons' borders.
pub const WHITE: &str = "#ffffff";

/// The text colour: the built-in stylesheet's `--text`.
pub fn text_colour() -> &'static str {
    css_colour("--text:")
}

/// The bar colour and the text colour for a tone: the built-in stylesheet's
/// `--tone-N` and `--tone-N-fg`, the one place the colours are written (the
/// text colours keep at least 4.5:1 contrast on white). Tones other than
/// 1 to 4 are the neutral tone 0.
pub fn tone_colours(tone: usize) -> (&'static str, &'static str) {
    let tone = if (1..=4).contains(&tone) { tone } else { 0 };
    (
        css_colour(&format!("--tone-{tone}:")),
        css_colour(&format!("--tone-{tone}-fg:")),
    )
}

/// The background colour of a tone: the stylesheet's `--tone-N-bg`.
pub fn tone_background(tone: usize) -> &'static str {
    let tone = if (1..=4).contains(&tone) { tone } else { 0 };
    css_colour(&format!("--tone-{tone}-bg:"))
}

/// The value of a custom property (`name` ends with its colon) in the
/// built-in stylesheet; a missing one fails the unit test below.
fn css_colour(name: &str) -> &'static str {
    let css = super::builtin::stylesheet();
    css.find(name)
        .and_then(|i| css[i + name.len()..].split(';').next())
        .map_or("", str::trim)
}

/// What [`wrap`] does with a word longer than a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Cut it across lines, so no line is ever longer than the width.
    Cut,
    /// Give it a line of its own, as long as it is.
    Keep,
}

/// Greedy word wrap of `s` to lines of at most `width` characters (a word
/// longer than that as `long` says).
pub fn wrap(s: &str, width: usize, long: LongWords) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let used = line.chars().count();
            let room = if used == 0 { width } else { width - used - 1 };
            if word.len() <= room {
                if used > 0 {
                    line.push(' ');
                }
                line.extend(word.drain(..));
            } else if used > 0 {
                lines.push(std::mem::take(&mut line));
            } else if long == LongWords::Cut {
                lines.push(word.drain(..width).collect());
            } else {
                lines.push(word.drain(..).collect());
            }
            if line.chars().count() >= width {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tone_takes_its_colours_from_the_stylesheet() {
        assert_eq!(tone_colours(1), ("#00703c", "#005a30"));
        assert_eq!(tone_background(0), "#e8e8e8");
        assert_eq!(text_colour(), "#0b0c0c");
        for tone in 0..=5 {
            let (bar, text) = tone_colours(tone);
            assert!(bar.starts_with('#') && text.starts_with('#'), "{tone}");
            assert!(tone_background(tone).starts_with('#'), "{tone}");
        }
    }

    #[test]
    fn wrap_never_makes_a_line_longer_than_its_width_when_cutting() {
        let cut = |s, w| wrap(s, w, LongWords::Cut);
        assert_eq!(
            cut("Requires improvement to be good", 47),
            vec!["Requires improvement to be good"]
        );
        assert_eq!(
            cut("Requires improvement to be good", 12),
            vec!["Requires", "improvement", "to be good"]
        );
        assert_eq!(cut("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(cut("", 4), vec![""]);
        for w in 1..20 {
            let lines = cut("Aaaaaaaaaaaaaaaaaaaaaaa b cc dddddddd", w);
            assert!(
                lines.iter().all(|l| l.chars().count() <= w),
                "{w}: {lines:?}"
            );
        }
    }

    #[test]
    fn wrap_keeps_long_words_whole_when_asked() {
        let keep = |s, w| wrap(s, w, LongWords::Keep);
        assert_eq!(keep("Leaders: Good", 38), vec!["Leaders: Good"]);
        let long = "The experiences and progress of children who need help and protection: Requires improvement to be good";
        let lines = keep(long, 38);
        assert!(
            lines.len() == 3 && lines.iter().all(|l| l.chars().count() <= 38),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), long);
        assert_eq!(keep("a abcdefghij b c", 4), vec!["a", "abcdefghij", "b c"]);
        assert_eq!(keep("", 4), vec![""]);
    }
}
