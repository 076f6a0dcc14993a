//! The checkers: collecting problems, reading text out of pages, telling
//! live markup, dangerous URLs, XML and CSV cells apart.

use scraper::{ElementRef, Html};

/// Collects every failure so one run reports all of them.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<String>);

impl Problems {
    pub(crate) fn check(&mut self, ok: bool, msg: impl FnOnce() -> String) {
        if !ok {
            self.0.push(msg());
        }
    }

    pub(crate) fn finish(self, what: &str) {
        assert!(
            self.0.is_empty(),
            "{what}: {} problem(s):\n  - {}",
            self.0.len(),
            self.0.join("\n  - ")
        );
    }
}

pub(crate) use super::common::collapse;

/// Text of a parsed document (entities decoded), text nodes joined by spaces,
/// whitespace collapsed.
pub(crate) fn doc_text(doc: &Html) -> String {
    collapse(&doc.root_element().text().collect::<Vec<_>>().join(" "))
}

pub(crate) fn element_text(e: ElementRef) -> String {
    collapse(&e.text().collect::<Vec<_>>().join(" "))
}

pub(crate) use crate::common::sel;

/// A page's `<title>` text.
pub(crate) fn title_text(doc: &Html) -> String {
    doc.select(&sel("head > title"))
        .next()
        .map(element_text)
        .unwrap_or_default()
}

/// A control character (other than tab, LF, CR) in a field may be shown as
/// written, as a space, or dropped: HTML and XML cannot carry most of them, and
/// any of the three is a fair repair. Everything else must be exact.
pub(crate) fn shown_forms(want: &str) -> Vec<String> {
    let ctl = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let mut v = vec![collapse(want)];
    if want.chars().any(ctl) {
        v.push(collapse(&want.replace(ctl, " ")));
        v.push(collapse(&want.replace(ctl, "")));
    }
    v
}

/// `text` shows `want` literally.
pub(crate) fn shows(p: &mut Problems, page: &str, text: &str, field: &str, want: &str) {
    let forms = shown_forms(want);
    p.check(forms.iter().any(|w| text.contains(w.as_str())), || {
        format!(
            "{page}: {field} is not shown as literal text: expected to find {:?}",
            forms[0]
        )
    });
}

/// Lower-cased, trimmed, whitespace and control characters removed: how a
/// browser sees a URL's scheme.
pub(crate) fn url_scheme_view(v: &str) -> String {
    v.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// The same URL: equal after WHATWG parsing, so a generator may write a URL
/// percent-encoded (`"` as `%22`, `<` as `%3C`) or as the editor wrote it. Text
/// fields, unlike URLs, must round-trip byte for byte.
pub(crate) fn same_url(got: &str, want: &str) -> bool {
    match (url::Url::parse(got), url::Url::parse(want)) {
        (Ok(g), Ok(w)) => g == w,
        _ => got == want,
    }
}

pub(crate) fn dangerous_url(v: &str) -> bool {
    let n = url_scheme_view(v);
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| n.starts_with(s))
}

/// Elements that must never appear in the output: the site uses none of them,
/// so any one came from content.
pub(crate) const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "iframe",
    "frame",
    "frameset",
    "img",
    "image",
    "style",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "base",
    "noscript",
    "template",
    "math",
    "video",
    "audio",
    "source",
    "track",
    "picture",
    "portal",
    "marquee",
    "foreignobject",
    "use",
    "animate",
    "set",
    "param",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "mglyph",
    "mtext",
    "iframe",
    "dialog",
    "details",
    "slot",
];

/// Attributes that may carry a URL.
pub(crate) const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "ping",
    "codebase",
    "manifest",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "icon",
    "archive",
    "classid",
    "usemap",
    "xlink:href",
];

/// What a chart's SVG may be made of.
pub(crate) const SVG_ELEMENTS: &[&str] = &[
    "svg", "title", "desc", "text", "tspan", "rect", "line", "polyline", "polygon", "circle", "g",
    "path",
];
pub(crate) const SVG_ATTRIBUTES: &[&str] = &[
    "viewbox",
    "role",
    "aria-labelledby",
    "aria-hidden",
    "focusable",
    "xmlns",
    "width",
    "height",
    "class",
    "id",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "dx",
    "dy",
    "d",
    "points",
    "text-anchor",
    "transform",
];

/// Checks one HTML file for live markup that could only have come from content.
pub(crate) fn html_is_inert(rel: &str, html: &str, p: &mut Problems) {
    let doc = Html::parse_document(html);
    for node in doc.root_element().descendants() {
        if let Some(c) = node.value().as_comment() {
            p.check(false, || {
                format!("{rel}: live HTML comment {:?}", snippet(&format!("{c:?}")))
            });
        }
    }
    for e in doc.select(&sel("*")) {
        let v = e.value();
        let name = v.name().to_ascii_lowercase();
        let parent = e
            .parent()
            .and_then(ElementRef::wrap)
            .map(|x| x.value().name().to_string());
        p.check(
            !FORBIDDEN_ELEMENTS.contains(&name.as_str()) || generators_own(&name, e),
            || format!("{rel}: live <{name}> element: {}", snippet(&e.html())),
        );
        for (a, val) in v.attrs() {
            let a = a.to_ascii_lowercase();
            p.check(!a.starts_with("on"), || {
                format!("{rel}: event attribute {a}={val:?} on <{name}>")
            });
            p.check(a != "srcdoc", || {
                format!("{rel}: srcdoc attribute on <{name}>")
            });
            if URL_ATTRIBUTES.contains(&a.as_str()) {
                p.check(!dangerous_url(val), || {
                    format!("{rel}: <{name} {a}={val:?}> has a script/data URL")
                });
            }
            if a == "style" {
                let s = val.trim().trim_end_matches(';').trim();
                let ok = (name == "td" || name == "th")
                    && [
                        "text-align: left",
                        "text-align: center",
                        "text-align: right",
                    ]
                    .contains(&s);
                p.check(ok, || format!("{rel}: style attribute {val:?} on <{name}>"));
            }
        }
        match name.as_str() {
            "meta" => {
                p.check(parent.as_deref() == Some("head"), || {
                    format!("{rel}: <meta> outside <head>: {}", snippet(&e.html()))
                });
                if let Some(h) = v.attr("http-equiv") {
                    p.check(h.eq_ignore_ascii_case("refresh"), || {
                        format!("{rel}: <meta http-equiv={h:?}>")
                    });
                    let content = v.attr("content").unwrap_or("");
                    let url = content
                        .to_ascii_lowercase()
                        .find("url=")
                        .map(|i| &content[i + 4..])
                        .unwrap_or("");
                    p.check(!dangerous_url(url.trim_matches(['\'', '"'])), || {
                        format!("{rel}: meta refresh to {content:?}")
                    });
                }
            }
            "link" => {
                p.check(parent.as_deref() == Some("head"), || {
                    format!("{rel}: <link> outside <head>: {}", snippet(&e.html()))
                });
                let r = v.attr("rel").unwrap_or("");
                p.check(
                    ["canonical", "alternate", "stylesheet"].contains(&r),
                    || format!("{rel}: <link rel={r:?}>"),
                );
            }
            "svg" => svg_is_chart(rel, e, p),
            _ => {}
        }
    }
}

/// The few otherwise-forbidden elements the generator itself writes, each
/// only in its one place and form: JSON-LD in `<head>` with no `<` or `>`
/// and parsing as JSON; in an authority page's badge section, the badge
/// `<img>`, the hidden copy button and its script; and the search page's form
/// (its box, its four filters, whose options carry content only as text, and
/// its button) and script.
pub(crate) fn generators_own(name: &str, e: ElementRef) -> bool {
    let v = e.value();
    let parent = e.parent().and_then(ElementRef::wrap);
    let in_badge_section = e
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "section" && a.value().classes().any(|c| c == "badge-share"));
    let in_search_form = e
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| a.value().name() == "form" && a.value().id() == Some("search-form"));
    let search_select = parent.is_some_and(|p| {
        p.value().name() == "select" && p.value().id().is_some_and(|id| id.starts_with("search-"))
    });
    match name {
        "form" => {
            v.id() == Some("search-form")
                && v.attr("method") == Some("get")
                && v.attr("action")
                    .is_some_and(|a| a.starts_with('/') && a.ends_with("/search/"))
                && v.attr("data-index")
                    .is_some_and(|i| i.starts_with('/') && !i.starts_with("//"))
        }
        "input" => in_search_form && v.attr("type") == Some("search") && v.id() == Some("search-q"),
        "select" => in_search_form && v.id().is_some_and(|id| id.starts_with("search-")),
        // An option's words are text; only the "any" option has a value.
        "option" => {
            in_search_form
                && search_select
                && v.attrs().all(|(k, val)| k == "value" && val.is_empty())
        }
        "button" if in_search_form => v.attr("type") == Some("submit") && v.attrs().count() == 1,
        "script" if v.attr("type") == Some("application/ld+json") => {
            let text: String = e.text().collect();
            parent.is_some_and(|p| p.value().name() == "head")
                && v.attrs().count() == 1
                && !text.contains(['<', '>'])
                && serde_json::from_str::<serde_json::Value>(&text).is_ok()
        }
        "script" => {
            let src = v.attr("src").unwrap_or("");
            let script = (in_badge_section && src.ends_with("/static/copy.js"))
                || (src.starts_with('/')
                    && (src.ends_with("/static/authorities.js")
                        || src.ends_with("/static/dom.js")
                        || src.ends_with("/static/search.js")));
            script && !src.starts_with("//") && e.text().all(|t| t.trim().is_empty())
        }
        "img" => in_badge_section && v.attr("src").is_some_and(|s| s.ends_with("/badge.svg")),
        "button" => {
            in_badge_section
                && v.attr("type") == Some("button")
                && v.attr("hidden").is_some()
                && v.attr("data-copy") == Some("badge-code")
        }
        _ => false,
    }
}

/// An inline SVG must be one of the generator's charts: inside
/// `<figure class="chart">`, made only of chart elements, with attributes from a
/// short list whose values are plain numbers, words and hyphens. Content may
/// appear inside it only as text.
pub(crate) fn svg_is_chart(rel: &str, svg: ElementRef, p: &mut Problems) {
    let parent_ok = svg
        .parent()
        .and_then(ElementRef::wrap)
        .is_some_and(|f| f.value().name() == "figure" && f.value().classes().any(|c| c == "chart"));
    p.check(parent_ok, || {
        format!(
            "{rel}: <svg> outside a chart figure: {}",
            snippet(&svg.html())
        )
    });
    for d in svg.descendants().filter_map(ElementRef::wrap) {
        let name = d.value().name().to_ascii_lowercase();
        p.check(SVG_ELEMENTS.contains(&name.as_str()), || {
            format!("{rel}: chart contains <{name}>: {}", snippet(&d.html()))
        });
        for (a, val) in d.value().attrs() {
            let a = a.to_ascii_lowercase();
            p.check(SVG_ATTRIBUTES.contains(&a.as_str()), || {
                format!("{rel}: chart <{name}> has attribute {a}={val:?}")
            });
            let plain = val
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " .,-_".contains(c));
            p.check(plain, || {
                format!("{rel}: chart <{name} {a}={val:?}> carries non-chart text")
            });
        }
    }
}

pub(crate) fn snippet(s: &str) -> String {
    let s: String = s.chars().take(160).collect();
    s.replace('\n', "\\n")
}

/// Reads every event of an XML document to the end; returns element names,
/// attributes as (element, name, unescaped value), and the text content with
/// references resolved.
pub(crate) struct Xml {
    pub(crate) elements: Vec<String>,
    pub(crate) attributes: Vec<(String, String, String)>,
    pub(crate) text: String,
}

/// XML 1.0 `Char`: what a well-formed document may contain at all. quick-xml
/// does not check this, so it is checked here over the raw text.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

pub(crate) fn illegal_xml_chars(rel: &str, s: &str, p: &mut Problems) {
    for (line, l) in s.split('\n').enumerate() {
        for (col, c) in l.chars().enumerate() {
            p.check(xml_char(c), || {
                let around: String = l.chars().skip(col.saturating_sub(40)).take(80).collect();
                format!(
                    "{rel}:{}:{}: U+{:04X} is not an XML 1.0 character, so the document is not well-formed: {around:?}",
                    line + 1,
                    col + 1,
                    c as u32
                )
            });
        }
    }
}

pub(crate) fn parse_xml(rel: &str, s: &str) -> Xml {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(s);
    r.config_mut().check_end_names = true;
    let mut x = Xml {
        elements: Vec::new(),
        attributes: Vec::new(),
        text: String::new(),
    };
    loop {
        match r.read_event() {
            Err(e) => panic!(
                "{rel}: not well-formed XML at byte {}: {e}",
                r.buffer_position()
            ),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_string();
                for a in e.attributes() {
                    let a =
                        a.unwrap_or_else(|err| panic!("{rel}: bad attribute on <{name}>: {err}"));
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| {
                            panic!("{rel}: bad attribute value on <{name}>: {err}")
                        });
                    x.attributes
                        .push((name.clone(), a.key.as_ref().to_string(), v.into_owned()));
                }
                x.elements.push(name);
            }
            Ok(Event::Text(t)) => x.text.push_str(&t),
            Ok(Event::CData(c)) => x.text.push_str(&c),
            Ok(Event::GeneralRef(g)) => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*g {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("{rel}: unknown entity &{other};"),
                    },
                    Err(e) => panic!("{rel}: bad character reference: {e}"),
                };
                x.text.push(c);
            }
            Ok(Event::Comment(_)) => panic!("{rel}: comment in XML output"),
            Ok(Event::DocType(_)) => panic!("{rel}: DOCTYPE in XML output"),
            Ok(_) => {}
        }
    }
    x
}

/// A spreadsheet runs a cell starting with one of these as a formula.
pub(crate) fn formula_start(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The CSV cell a text value must become.
pub(crate) fn csv_cell(s: &str) -> String {
    if formula_start(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------- tests

/// Code points the HTML standard forbids in a document (parse errors
/// `control-character-in-input-stream`, `noncharacter-in-input-stream`,
/// `unexpected-null-character`): C0 controls other than ASCII whitespace,
/// DEL and C1 controls, and noncharacters.
pub(crate) fn html_forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}
