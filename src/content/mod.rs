//! The content model: typed records that mirror `content-format.md`, and the code
//! that reads them from disk and checks them.
//!
//! Everything here is what an editor wrote, checked but not interpreted: derived
//! facts (current ratings, timelines, people) belong to [`crate::site`]. Records
//! keep their file path so later stages can point at the file.

pub mod date;
pub mod diag;
mod fields;
pub mod load;
pub mod map;
pub mod validate;

use std::sync::Arc;

pub use date::PartialDate;
pub use diag::Diagnostic;

/// `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub description: Option<String>,
    pub language: String,
}

/// One grade of a scale; its position in the scale (from 1) is its rank.
#[derive(Debug, Clone)]
pub struct Grade {
    pub id: String,
    pub label: String,
}

/// A grade scale, best grade first.
#[derive(Debug, Clone)]
pub struct Scale {
    pub id: String,
    pub grades: Vec<Grade>,
}

impl Scale {
    /// The grade with this id and its rank (1 = best).
    pub fn grade(&self, id: &str) -> Option<(usize, &Grade)> {
        self.grades
            .iter()
            .enumerate()
            .find(|(_, g)| g.id == id)
            .map(|(i, g)| (i + 1, g))
    }
}

/// A judgement area of a framework (`overall` is the headline).
#[derive(Debug, Clone)]
pub struct Judgement {
    pub key: String,
    pub label: String,
}

/// An inspection framework; ungraded when it has no scale.
#[derive(Debug, Clone)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub short: String,
    pub scale: Option<String>,
    pub judgements: Vec<Judgement>,
}

impl Framework {
    pub fn judgement(&self, key: &str) -> Option<&Judgement> {
        self.judgements.iter().find(|j| j.key == key)
    }

    pub fn has_overall(&self) -> bool {
        self.judgement(OVERALL).is_some()
    }
}

/// The key of the headline judgement.
pub const OVERALL: &str = "overall";

/// `frameworks.yaml`, in the order it was written.
#[derive(Debug, Clone, Default)]
pub struct Frameworks {
    pub scales: Vec<Scale>,
    pub frameworks: Vec<Framework>,
}

impl Frameworks {
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// The scale a framework grades on, if it is graded.
    pub fn scale_of(&self, framework: &Framework) -> Option<&Scale> {
        framework.scale.as_deref().and_then(|s| self.scale(s))
    }
}

/// Where a record came from, for diagnostics.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the content root, `/`-separated.
    pub path: String,
    /// The front matter or YAML text, line endings normalised; line numbers in
    /// diagnostics refer to this text (front matter starts at line 1 of the file).
    pub text: Arc<str>,
    /// A hash of `path` and `text`: what incremental builds compare to see a change.
    pub hash: u128,
}

impl SourceFile {
    pub fn new(path: String, text: Arc<str>) -> SourceFile {
        // The path counts too: a file renamed with the same bytes changes
        // slugs and URLs, so everything built from it must be built again.
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(path.as_bytes());
        hasher.update(&[0]);
        hasher.update(text.as_bytes());
        let hash = hasher.digest128();
        SourceFile { path, text, hash }
    }
}

/// A Markdown body: the part of its file's text after the front matter. It
/// shares the file's text rather than copying it, so the content is held in
/// memory once.
#[derive(Clone, Default)]
pub struct Body {
    text: Arc<str>,
    start: usize,
}

impl Body {
    /// The body of `text` from byte `start` (a char boundary) to the end.
    pub fn new(text: Arc<str>, start: usize) -> Body {
        debug_assert!(text.is_char_boundary(start));
        Body { text, start }
    }
}

impl std::ops::Deref for Body {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text[self.start..]
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

/// `authority.yaml`.
#[derive(Debug, Clone)]
pub struct Authority {
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub region: String,
    pub kind: Option<String>,
    pub ons_code: Option<String>,
    pub website: Option<String>,
    pub press_page: Option<String>,
    pub aliases: Vec<String>,
    pub file: SourceFile,
}

/// A quotation, shown verbatim.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
}

/// A link to a document elsewhere.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Link {
    pub url: String,
    pub title: Option<String>,
}

/// Fieldwork dates.
#[derive(Debug, Clone, Copy)]
pub struct Visit {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

/// One inspection file.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub authority: String,
    pub slug: String,
    pub framework: String,
    pub title: Option<String>,
    pub visit: Option<Visit>,
    pub published: PartialDate,
    /// Judgement key to grade id, in the framework's judgement order.
    pub grades: Vec<(String, String)>,
    pub report: Option<Link>,
    pub strengths: Vec<String>,
    pub concerns: Vec<String>,
    pub recommendations: Vec<String>,
    pub recommendation_count: Option<u32>,
    pub quotes: Vec<Quote>,
    /// Notes on the record itself: what its sources leave uncertain.
    pub notes: Vec<String>,
    /// Former slugs of this inspection within its authority; each old URL
    /// redirects to the current one.
    pub aliases: Vec<String>,
    pub body: Body,
    pub file: SourceFile,
}

impl Inspection {
    /// Where it is kept among the inspections: by authority, date, slug.
    pub fn order(&self) -> (&str, PartialDate, &str) {
        (&self.authority, self.published, &self.slug)
    }

    pub fn grade(&self, key: &str) -> Option<&str> {
        self.grades
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, g)| g.as_str())
    }
}

/// What a response is.
pub const RESPONSE_KINDS: [&str; 6] = [
    "press-release",
    "statement",
    "committee-record",
    "improvement-plan",
    "news-report",
    "letter",
];

/// Who published a response, and where.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Source {
    pub publisher: String,
    pub url: Option<String>,
    pub title: Option<String>,
}

/// One response file.
#[derive(Debug, Clone)]
pub struct Response {
    pub authority: String,
    pub slug: String,
    pub title: String,
    pub date: PartialDate,
    pub kind: String,
    pub responds_to: Vec<String>,
    pub source: Source,
    pub quotes: Vec<Quote>,
    pub commitments: Vec<String>,
    /// Former slugs of this response within its authority.
    pub aliases: Vec<String>,
    pub body: Body,
    pub file: SourceFile,
}

impl Response {
    /// Where it is kept among the responses: by authority, date, slug.
    pub fn order(&self) -> (&str, PartialDate, &str) {
        (&self.authority, self.date, &self.slug)
    }
}

/// A free page under `pages/`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub body: Body,
    pub file: SourceFile,
}

/// Everything in a content folder, checked.
#[derive(Debug, Clone)]
pub struct Content {
    pub site: SiteConfig,
    pub frameworks: Frameworks,
    /// Sorted by slug.
    pub authorities: Vec<Authority>,
    pub inspections: Vec<Inspection>,
    pub responses: Vec<Response>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// `map.hexjson`, when there is one.
    pub map: Option<map::HexMap>,
    /// A hash of `site.yaml` and `frameworks.yaml`, which every page depends on.
    pub settings_hash: u128,
}

impl Content {
    /// Puts the records in the one order they are kept in: authorities and
    /// pages by slug; inspections and responses by authority, then date,
    /// then slug (so the order never depends on the file system).
    pub fn sort(&mut self) {
        self.authorities.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.inspections.sort_by(|a, b| a.order().cmp(&b.order()));
        self.responses.sort_by(|a, b| a.order().cmp(&b.order()));
    }
}

/// Is this a slug: lower-case ASCII letters and digits in groups joined by single hyphens?
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|group| {
            !group.is_empty()
                && group
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Replaces code points that HTML and XML forbid (C0 and C1 controls other than
/// tab, newline and carriage return; non-characters such as U+FFFE) with a
/// space. YAML escapes such as `"\v"` can produce them, and one of them in a
/// title would make the whole Atom feed unreadable.
pub fn clean_text(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c as u32, 0xFDD0..=0xFDEF)
            || (c as u32 & 0xFFFE) == 0xFFFE
    };
    // Fast path on bytes: every forbidden code point starts with a control
    // byte, 0xC2 (C1 controls), 0xEF (U+FDD0.., U+FFFE/F) or 0xF0..=0xF4
    // (non-characters of the other planes).
    let suspicious = |b: &u8| {
        (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || matches!(b, 0x7F | 0xC2 | 0xEF | 0xF0..=0xF4)
    };
    // In blocks with no early exit, so the compiler can test many bytes at once.
    let any_suspicious = s
        .as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |hit, b| hit | suspicious(b)));
    if any_suspicious && s.chars().any(bad) {
        s.chars()
            .map(|c| if bad(c) { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// A web URL in its normalised form (percent-encoded as browsers send it), so
/// that quotes or angle brackets an editor pasted never reach an attribute raw.
pub fn normalise_url(s: &str) -> String {
    url::Url::parse(s).map_or_else(|_| s.to_string(), |u| u.to_string())
}

/// Is this an absolute URL we are willing to link to from a page: `http` or
/// `https`, with a host, and nothing a browser would silently strip?
pub fn is_web_url(s: &str) -> bool {
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    match url::Url::parse(s) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_groups_joined_by_single_hyphens() {
        for ok in ["stockton-on-tees", "2019-05-ilacs", "a", "a1-b2"] {
            assert!(is_slug(ok), "{ok}");
        }
        for bad in [
            "", "Stockton", "a--b", "-a", "a-", "a_b", "a b", "é", "a.md",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn forbidden_code_points_become_spaces_and_the_rest_is_kept() {
        assert_eq!(
            clean_text("a\u{b}b\u{0}c\u{85}d\u{fffe}e\u{fdd0}f\u{1fffe}"),
            "a b c d e f "
        );
        let fine = "Line\ttab\r\nCurly ’ quotes, emoji 🙂, é, 中文";
        assert_eq!(clean_text(fine), fine);
        assert!(matches!(clean_text(fine), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn only_http_and_https_are_web_urls() {
        assert!(is_web_url("https://example.org/x"));
        assert!(is_web_url("http://example.org"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//example.org",
            "https://a b",
            "ftp://x",
            "https://",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
