//! The checkers themselves: each known-bad input must be reported and a clean
//! one must not, so a passing run means something.

use super::*;

/// Pages the HTML checker must reject: (head, body, words of the expected problem).
const LIVE_MARKUP: &[(&str, &str, &str)] = &[
    ("", "<p><script>alert(1)</script></p>", "live <script>"),
    (
        "",
        "<script src=\"/static/a.js\">alert(1)</script>",
        "live <script>",
    ),
    (
        "",
        "<script src=\"//evil.example/static/a.js\"></script>",
        "live <script>",
    ),
    (
        "",
        "<script type=\"application/ld+json\">{\"a\": \"</script>\"}</script>",
        "live <script>",
    ),
    (
        "",
        "<p>x</p></title><script>alert(1)</script>",
        "live <script>",
    ),
    ("", "<p><img src=x onerror=alert(1)></p>", "live <img>"),
    (
        "",
        "<iframe src=\"https://e.org/\"></iframe>",
        "live <iframe>",
    ),
    ("", "<style>body{}</style>", "live <style>"),
    (
        "",
        "<p title=\"\" onmouseover=\"alert(1)\">x</p>",
        "event attribute",
    ),
    (
        "",
        "<a href=\" JaVa&#9;ScRiPt:alert(1)\">x</a>",
        "script/data URL",
    ),
    (
        "",
        "<a href=\"&#x01;javascript:alert(1)\">x</a>",
        "script/data URL",
    ),
    ("", "<a href=\"data:text/html,x\">x</a>", "script/data URL"),
    ("", "<a href=\"VBScript:x\">x</a>", "script/data URL"),
    (
        "",
        "<form><button formaction=\"javascript:x\">b</button></form>",
        "script/data URL",
    ),
    ("", "<svg onload=alert(1)></svg>", "outside a chart"),
    (
        "",
        "<figure class=\"chart\"><svg><a href=\"https://e.org\">x</a></svg></figure>",
        "chart contains <a>",
    ),
    (
        "",
        "<figure class=\"chart\"><svg><text x=\"&quot;&gt;&lt;b\">x</text></svg></figure>",
        "non-chart text",
    ),
    (
        "",
        "<figure class=\"chart\"><svg><text fill=\"red\">x</text></svg></figure>",
        "has attribute fill",
    ),
    ("", "<p>]]><!-- hidden --></p>", "live HTML comment"),
    (
        "",
        "<table><tr><td style=\"background:url(javascript:x)\">1</td></tr></table>",
        "style attribute",
    ),
    (
        "<meta http-equiv=\"refresh\" content=\"0; url=javascript:alert(1)\">",
        "",
        "meta refresh",
    ),
    (
        "",
        "<meta http-equiv=\"refresh\" content=\"0; url=https://e.org\">",
        "outside <head>",
    ),
    (
        "<link rel=\"import\" href=\"https://e.org\">",
        "",
        "<link rel=\"import\">",
    ),
    ("", "<iframe srcdoc=\"x\"></iframe>", "srcdoc"),
    (
        "",
        "<math><mtext><mglyph>x</mglyph></mtext></math>",
        "live <math>",
    ),
];

#[test]
fn the_checks_catch_live_markup_in_html() {
    let page = |head: &str, body: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title>{head}</head><body>{body}</body></html>"
        )
    };
    let clean = page(
        "<link rel=\"canonical\" href=\"https://example.org/\">",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><a href=\"https://example.org/?q=%22\">x</a>\
         <table><tr><td style=\"text-align: right\">1</td></tr></table>\
         <figure class=\"chart\"><svg viewBox=\"0 0 10 10\" role=\"img\"><title id=\"t\">&lt;b&gt;</title>\
         <text x=\"1\" y=\"2\" class=\"chart-label\">&lt;svg onload=alert(1)&gt;</text></svg></figure>",
    );
    let mut p = Problems::default();
    html_is_inert("clean", &clean, &mut p);
    assert!(p.0.is_empty(), "clean page reported: {:?}", p.0);

    for (head, body, want) in LIVE_MARKUP {
        let mut p = Problems::default();
        html_is_inert("case", &page(head, body), &mut p);
        assert!(
            p.0.iter().any(|m| m.contains(want)),
            "head {head:?} body {body:?}: expected a problem mentioning {want:?}, got {:?}",
            p.0
        );
    }
}

#[test]
fn the_checks_catch_malformed_xml_and_illegal_characters() {
    for bad in [
        "<feed><title>x</feed>",
        "<feed>&bogus;</feed>",
        "<feed><title>]]></title><!-- --></feed>",
    ] {
        let r = std::panic::catch_unwind(|| parse_xml("case", bad));
        assert!(r.is_err(), "parse_xml accepted {bad:?}");
    }
    let mut p = Problems::default();
    illegal_xml_chars(
        "case",
        "<feed><title>a\u{b}b\u{0}c\u{FFFE}</title></feed>",
        &mut p,
    );
    assert_eq!(p.0.len(), 3, "{:?}", p.0);
}

#[test]
fn the_checks_catch_formula_cells_forbidden_code_points_and_script_urls() {
    for (cell, want) in [
        ("=1", "'=1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(1)", "'@SUM(1)"),
        ("Good", "Good"),
    ] {
        assert_eq!(csv_cell(cell), want);
    }
    assert!(html_forbidden('\u{b}') && html_forbidden('\u{0}') && html_forbidden('\u{FFFF}'));
    assert!(!html_forbidden('\u{c}') && !html_forbidden('\u{202E}') && !html_forbidden('\u{200D}'));
    assert!(same_url("https://e.org/?q=%22%3C", "https://e.org/?q=\"<"));
    assert!(!same_url("https://e.org/?q=1", "https://e.org/?q=2"));
    assert!(
        dangerous_url(" \u{1}jav\u{0}ascript:x") && !dangerous_url("https://e.org/javascript:x")
    );
}
