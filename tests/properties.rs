//! Property tests: partial dates, one content file through the build's checks,
//! and the Markdown renderer's safety and its one parse for page and search.
//!
//! The fuzz targets in `fuzz/` explore the same code with coverage guidance
//! (`scripts/fuzz`); these run in `cargo test` with a modest number of cases.
//! Inputs that ever crashed a fuzz target belong at the bottom, as plain tests.

use std::cmp::Ordering;
use std::sync::LazyLock;

use chrono::{Datelike, Month, NaiveDate};
use proptest::prelude::*;
use scrutiny::content::date::{DateError, PartialDate, Precision};
use scrutiny::content::diag::render_all;
use scrutiny::content::load::{check_file, parse_frameworks_bytes};
use scrutiny::content::{Diagnostic, Frameworks};
use scrutiny::output::links::live_markup;
use scrutiny::render::markdown::{to_html, to_html_and_text, to_text};
use serde_yaml::{Mapping, Value};

// ---------------------------------------------------------------------------
// Partial dates
// ---------------------------------------------------------------------------

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .expect("every month has 28 days")
}

/// Years the parser accepts, with the leap-year edge cases weighted in.
fn year() -> impl Strategy<Value = i32> {
    prop_oneof![
        4 => 1900i32..=2999,
        1 => prop::sample::select(vec![1900, 1999, 2000, 2024, 2100, 2400, 2999]),
    ]
}

/// A calendar-valid (year, month, day) at a random precision.
fn ymd_in(
    years: impl Strategy<Value = i32>,
) -> impl Strategy<Value = (i32, Option<u32>, Option<u32>)> {
    (years, 1u32..=12, 1u32..=31, 0u8..3).prop_map(|(y, m, d, precision)| {
        // Clamping, not wrapping, so the last day of each month (29 February
        // included) comes up often.
        let d = d.min(days_in_month(y, m));
        match precision {
            0 => (y, None, None),
            1 => (y, Some(m), None),
            _ => (y, Some(m), Some(d)),
        }
    })
}

fn ymd() -> impl Strategy<Value = (i32, Option<u32>, Option<u32>)> {
    ymd_in(year())
}

fn written((y, m, d): (i32, Option<u32>, Option<u32>)) -> String {
    match (m, d) {
        (None, _) => format!("{y:04}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
    }
}

fn date() -> impl Strategy<Value = PartialDate> {
    ymd().prop_map(|t| PartialDate::parse(&written(t)).expect("valid by construction"))
}

/// Dates crowded into three years, so that ties and shared earliest days are common.
fn crowded_date() -> impl Strategy<Value = PartialDate> {
    ymd_in(2018i32..=2020).prop_map(|t| PartialDate::parse(&written(t)).expect("valid"))
}

fn month_name(m: u32) -> &'static str {
    Month::try_from(u8::try_from(m).unwrap()).unwrap().name()
}

/// Is `s` written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits only)?
fn has_date_shape(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() <= 3
        && parts
            .iter()
            .zip([4, 2, 2])
            .all(|(p, w)| p.len() == w && p.bytes().all(|b| b.is_ascii_digit()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn valid_dates_round_trip(t in ymd()) {
        let text = written(t);
        let (y, m, d) = t;
        let parsed = PartialDate::parse(&text);
        prop_assert!(parsed.is_ok(), "{text}: {parsed:?}");
        let date = parsed.unwrap();
        prop_assert_eq!(date.iso(), text.clone());
        prop_assert_eq!(PartialDate::parse(&date.iso()), Ok(date));
        prop_assert_eq!(date.year(), y);
        let precision = match (m, d) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        };
        prop_assert_eq!(date.precision(), precision);
        let earliest = NaiveDate::from_ymd_opt(y, m.unwrap_or(1), d.unwrap_or(1)).unwrap();
        prop_assert_eq!(date.earliest_day(), earliest);
        prop_assert_eq!(date.ordinal(), i64::from(earliest.num_days_from_ce()));
    }

    #[test]
    fn days_past_the_end_of_the_month_are_refused(y in year(), m in 1u32..=12, over in 1u32..=70) {
        let day = days_in_month(y, m) + over;
        prop_assume!(day <= 99);
        let text = format!("{y:04}-{m:02}-{day:02}");
        prop_assert!(matches!(PartialDate::parse(&text), Err(DateError::Day(_))), "{text}");
        let zero = format!("{y:04}-{m:02}-00");
        prop_assert!(matches!(PartialDate::parse(&zero), Err(DateError::Day(_))), "{zero}");
    }

    #[test]
    fn impossible_months_are_refused(
        y in year(),
        m in prop_oneof![Just(0u32), 13u32..=99],
        day in proptest::option::of(0u32..=99),
    ) {
        let text = match day {
            None => format!("{y:04}-{m:02}"),
            Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        };
        prop_assert_eq!(PartialDate::parse(&text), Err(DateError::Month(text.clone(), m)));
    }

    #[test]
    fn years_out_of_range_are_refused(
        y in prop_oneof![0i32..1900, 3000i32..=9999],
        rest in prop::sample::select(vec!["", "-01", "-12-31", "-02-29"]),
    ) {
        let text = format!("{y:04}{rest}");
        prop_assert!(matches!(PartialDate::parse(&text), Err(DateError::Year(_))), "{text}");
    }

    #[test]
    fn only_canonical_text_parses(s in prop_oneof![
        any::<String>(),
        "[0-9+ -]{0,12}",
        "[0-9]{4}(-[0-9]{1,3}){0,3}[ \n]?",
    ]) {
        match PartialDate::parse(&s) {
            Ok(d) => {
                prop_assert!(has_date_shape(&s), "{s:?}");
                prop_assert_eq!(d.iso(), s);
            }
            Err(DateError::Shape(t)) => {
                prop_assert!(!has_date_shape(&s), "{s:?}");
                prop_assert_eq!(t, s);
            }
            Err(_) => prop_assert!(has_date_shape(&s), "{s:?}"),
        }
    }

    #[test]
    fn ordering_is_total_and_follows_the_earliest_day(
        a in prop_oneof![date(), crowded_date()],
        b in prop_oneof![date(), crowded_date()],
        c in prop_oneof![date(), crowded_date()],
    ) {
        // Exactly one of <, ==, >, and the same answer from either side.
        let ab = a.cmp(&b);
        prop_assert_eq!(ab, b.cmp(&a).reverse());
        prop_assert_eq!(ab == Ordering::Equal, a == b);
        prop_assert_eq!(a.partial_cmp(&b), Some(ab));
        prop_assert_eq!([a < b, a == b, a > b].iter().filter(|x| **x).count(), 1);
        // Transitive.
        if a <= b && b <= c {
            prop_assert!(a <= c, "{a:?} <= {b:?} <= {c:?}");
        }
        // Consistent with the earliest day, both ways.
        if a < b {
            prop_assert!(a.earliest_day() <= b.earliest_day(), "{a:?} < {b:?}");
        }
        if a.earliest_day() < b.earliest_day() {
            prop_assert!(a < b, "{a:?} {b:?}");
        }
        // At the same earliest day, the less precise date comes first.
        if a.earliest_day() == b.earliest_day() {
            prop_assert_eq!(ab, a.precision().cmp(&b.precision()));
        }
    }

    #[test]
    fn sorting_does_not_depend_on_input_order(
        (dates, shuffled) in prop::collection::vec(crowded_date(), 0..40)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let mut one = dates.clone();
        one.sort();
        let mut two = shuffled.clone();
        two.sort();
        let mut three = shuffled;
        three.sort_unstable();
        prop_assert_eq!(&one, &two);
        prop_assert_eq!(&one, &three);
        for w in one.windows(2) {
            prop_assert!(w[0].earliest_day() <= w[1].earliest_day());
        }
        // Sorting by the earliest day alone (stable) keeps input order among ties;
        // the full order refines it.
        let mut by_day = dates;
        by_day.sort_by_key(PartialDate::earliest_day);
        let days: Vec<_> = one.iter().map(PartialDate::earliest_day).collect();
        prop_assert_eq!(by_day.iter().map(PartialDate::earliest_day).collect::<Vec<_>>(), days);
    }

    #[test]
    fn display_shows_exactly_the_precision_given(t in ymd()) {
        let date = PartialDate::parse(&written(t)).unwrap();
        let shown = date.to_string();
        prop_assert_eq!(date.human(), shown.clone());
        let digits = shown.chars().filter(char::is_ascii_digit).count();
        match t {
            (y, None, _) => {
                prop_assert_eq!(&shown, &y.to_string());
                prop_assert_eq!(shown.len(), 4);
                prop_assert_eq!(digits, 4);
            }
            (y, Some(m), None) => {
                prop_assert_eq!(&shown, &format!("{} {y}", month_name(m)));
                prop_assert_eq!(digits, 4, "no day number in {:?}", shown);
            }
            (y, Some(m), Some(d)) => {
                prop_assert_eq!(&shown, &format!("{d} {} {y}", month_name(m)));
                prop_assert!(!shown.starts_with('0'), "{shown}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// One content file through the build's checks
// ---------------------------------------------------------------------------

/// The frameworks the fuzz target checks against (a copy of the real ones).
static FRAMEWORKS: LazyLock<Frameworks> = LazyLock::new(|| {
    parse_frameworks_bytes(include_bytes!("../fuzz/frameworks.yaml"))
        .unwrap_or_else(|d| panic!("fuzz/frameworks.yaml: {}", render_all(&d, false)))
});

/// Where a file of each kind sits in the layout (as in the fuzz target).
const INSPECTION: &str = "authorities/fuzzshire/inspections/2019-05-ilacs.md";
const RESPONSE: &str = "authorities/fuzzshire/responses/2019-07-01-council-responds.md";
const AUTHORITY: &str = "authorities/fuzzshire/authority.yaml";
const PAGE: &str = "pages/about.md";
const KINDS: [&str; 4] = [INSPECTION, RESPONSE, AUTHORITY, PAGE];

/// Runs one file through `check_file` and the diagnostics printer, and checks
/// that every diagnostic names the file and points inside it.
fn check(rel: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let diags = check_file(rel, bytes, &FRAMEWORKS);
    let lines = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .count()
        .max(1);
    for d in &diags {
        assert_eq!(d.file, rel, "{}", d.headline());
        if let Some(line) = d.line {
            assert!(
                (1..=lines + 1).contains(&line),
                "line {line} of {lines}: {}",
                d.headline()
            );
        }
        if let Some(col) = d.column {
            assert!(col >= 1, "{}", d.headline());
        }
    }
    let _ = render_all(&diags, false);
    diags
}

fn kind() -> impl Strategy<Value = &'static str> {
    prop::sample::select(KINDS.to_vec())
}

/// Every field name any kind of file knows, plus a few it does not.
const KEYS: &[&str] = &[
    "framework",
    "title",
    "visit",
    "from",
    "to",
    "published",
    "grades",
    "overall",
    "report",
    "strengths",
    "concerns",
    "recommendations",
    "recommendation_count",
    "quotes",
    "text",
    "speaker",
    "role",
    "date",
    "kind",
    "responds_to",
    "source",
    "publisher",
    "url",
    "commitments",
    "name",
    "short_name",
    "region",
    "ons_code",
    "website",
    "press_page",
    "aliases",
    "description",
    "leaders",
    "help-and-protection",
    "frameworks",
    "",
    "<<",
    "titel",
    "Überschrift",
];

/// Strings an editor (or an attacker) might put in a field.
fn field_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "ilacs",
            "ilacs-2026",
            "sif",
            "focused-visit",
            "safeguarding-lac",
            "good",
            "outstanding",
            "requires-improvement",
            "inadequate",
            "press-release",
            "news-report",
            "2019-05-ilacs",
            "2019",
            "2019-07",
            "2019-07-01",
            "2019-02-30",
            "2019-13",
            "0000",
            "https://example.org/",
            "http://x",
            "javascript:alert(1)",
            "/relative",
            "North East",
            "fuzzshire",
            "",
            " ",
            "~",
            "null",
            "-1",
            "1e999",
        ])
        .prop_map(String::from),
        any::<String>(),
        "[a-z0-9:/. -]{0,20}",
    ]
}

/// A YAML value tree, keys drawn mostly from the real field names.
fn yaml_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|f| Value::Number(f.into())),
        field_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Sequence),
            prop::collection::vec((yaml_key(), inner), 0..6)
                .prop_map(|kv| Value::Mapping(kv.into_iter().collect())),
        ]
    })
}

fn yaml_key() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => prop::sample::select(KEYS.to_vec()).prop_map(|k| Value::String(k.into())),
        1 => any::<String>().prop_map(Value::String),
        1 => any::<i32>().prop_map(|n| Value::Number(n.into())),
        1 => Just(Value::Null),
    ]
}

fn front_matter_mapping() -> impl Strategy<Value = Mapping> {
    prop::collection::vec((yaml_key(), yaml_value()), 0..12).prop_map(|kv| kv.into_iter().collect())
}

/// YAML-looking text, valid or not.
fn yamlish_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "([a-z_]{1,12}: [^\n]{0,20}\n|  - [^\n]{0,12}\n|[&*!|>{}\\[\\],:#'\"-]{1,4}\n){0,12}",
    ]
}

/// A Markdown body, sometimes with a stray fence or raw HTML in it.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(---\n|# [a-z ]{0,8}\n|<script>x</script>\n|\\[a\\]\\(javascript:x\\)\n|text\n){0,6}",
    ]
}

fn framed(yaml: &str, body: &str, rel: &str) -> String {
    if rel == AUTHORITY {
        yaml.to_string()
    } else {
        format!("---\n{yaml}\n---\n{body}")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn check_file_survives_arbitrary_bytes(rel in kind(), bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        check(rel, &bytes);
    }

    #[test]
    fn check_file_survives_arbitrary_bytes_inside_fences(
        rel in kind(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
        yaml in prop::collection::vec(any::<u8>(), 0..512),
        body in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let nl: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut file = Vec::new();
        if bom {
            file.extend_from_slice(b"\xEF\xBB\xBF");
        }
        file.extend_from_slice(b"---");
        file.extend_from_slice(nl);
        file.extend_from_slice(&yaml);
        file.extend_from_slice(nl);
        file.extend_from_slice(b"---");
        file.extend_from_slice(nl);
        file.extend_from_slice(&body);
        check(rel, &file);
    }

    #[test]
    fn check_file_survives_arbitrary_front_matter_text(rel in kind(), yaml in yamlish_text(), body in body()) {
        check(rel, framed(&yaml, &body, rel).as_bytes());
    }

    #[test]
    fn check_file_survives_arbitrary_front_matter_fields(rel in kind(), map in front_matter_mapping(), body in body()) {
        let yaml = serde_yaml::to_string(&Value::Mapping(map)).expect("a value tree serialises");
        check(rel, framed(&yaml, &body, rel).as_bytes());
    }

    #[test]
    fn check_file_survives_one_field_of_a_valid_file_replaced(
        which in 0usize..3,
        key in prop::sample::select(KEYS.to_vec()),
        value in yaml_value(),
    ) {
        let (rel, text) = VALID[which];
        let (yaml, body) = if rel == AUTHORITY {
            (text, "")
        } else {
            let rest = text.strip_prefix("---\n").expect("seed has front matter");
            rest.split_once("\n---\n").expect("seed front matter is closed")
        };
        let mut map: Mapping = serde_yaml::from_str(yaml).expect("seed YAML is a mapping");
        map.insert(Value::String(key.to_string()), value);
        let yaml = serde_yaml::to_string(&map).unwrap();
        check(rel, framed(&yaml, body, rel).as_bytes());
    }
}

/// Valid files, one per kind that has front matter fields worth mutating.
const VALID: [(&str, &str); 3] = [
    (
        INSPECTION,
        include_str!("../fuzz/seeds/content_file/inspection-real-ilacs")
            .split_at(1)
            .1,
    ),
    (
        RESPONSE,
        include_str!("../fuzz/seeds/content_file/response-press-release")
            .split_at(1)
            .1,
    ),
    (
        AUTHORITY,
        include_str!("../fuzz/seeds/content_file/authority-northmoor")
            .split_at(1)
            .1,
    ),
];

/// The harness reaches past the front matter: valid files check clean, so the
/// properties above exercise the field checks and not only the early refusals.
#[test]
fn valid_seed_files_check_clean() {
    for (rel, text) in VALID {
        let errors: Vec<String> = check(rel, text.as_bytes())
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::headline)
            .collect();
        assert!(errors.is_empty(), "{rel}: {errors:#?}");
    }
}

// ---------------------------------------------------------------------------
// Markdown to HTML
// ---------------------------------------------------------------------------

/// Pieces that, run together, make Markdown and HTML worth worrying about.
const NASTY: &[&str] = &[
    "<script>alert(1)</script>",
    "<script",
    "</script>",
    "<SCRIPT SRC=//x>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<div onclick=x>",
    "<iframe src=x>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "[a](",
    "](",
    ")",
    "[",
    "]",
    "![i](",
    "<",
    ">",
    "\"",
    "'",
    "`",
    "```",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java&#x09;script:",
    "&#106;avascript:",
    "jav&#x61;script:",
    "\u{0}javascript:",
    " javascript:",
    "vbscript:",
    "data:text/html,<script>",
    "mailto:",
    "https://e.org/",
    "/rel",
    "#frag",
    "?q",
    "&",
    "&amp;",
    "&lt;",
    "&#",
    "\\",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "* ",
    "1. ",
    "> ",
    "# ",
    "| a | b |\n|---|---|\n",
    "[^1]",
    "[^1]: ",
    "~~",
    "**",
    "_",
    "<http://x>",
    "<javascript:alert(1)>",
    "[r]: javascript:alert(1)\n",
    "[r]",
    "[x][r]",
    "onerror=",
    "onload=",
    " on",
    "=",
    "<a ",
    "href=",
    "title=",
];

fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        3 => prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(NASTY.to_vec()).prop_map(String::from),
                1 => "[a-zA-Z0-9 ]{0,6}",
                1 => any::<String>(),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// Checks the rendered HTML of `markdown` for anything that could run script.
fn assert_safe(markdown: &str) -> Result<(), TestCaseError> {
    let html = to_html(markdown);
    let found = live_markup(&html);
    prop_assert!(found.is_empty(), "{found:?} in {html} from {markdown:?}");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn rendered_markdown_never_carries_script(md in markdown()) {
        assert_safe(&md)?;
    }

    /// A build takes a body's page HTML and its search text from one parse.
    #[test]
    fn one_parse_gives_the_html_and_the_text_of_two(md in markdown()) {
        let (html, text) = to_html_and_text(&md);
        prop_assert_eq!(html, to_html(&md));
        prop_assert_eq!(text, to_text(&md));
    }
}

#[test]
fn known_script_vectors_are_neutralised() {
    for md in NASTY {
        assert_safe(md).unwrap();
        assert_safe(&format!("[x]({md})")).unwrap();
        assert_safe(&format!("[x]({md}alert(1))")).unwrap();
        assert_safe(&format!("<{md}alert(1)>")).unwrap();
        assert_safe(&format!("[r]: {md}alert(1)\n\n[x][r]")).unwrap();
    }
}

// ---------------------------------------------------------------------------
// Regressions: inputs that once crashed a fuzz target
// ---------------------------------------------------------------------------
