//! Hostile-text regression: `tests/fixtures/hostile/content/` is a VALID content
//! tree in which every free-text field carries markup, template, XML, CSV-formula
//! and unicode payloads. The real binary builds it (once at the site's own base
//! URL, once under `--base-url https://example.org/sub/path/`), and every file it
//! writes is parsed as what it is:
//!
//! * HTML (scraper): no live markup from content: no `<script>` at all, no
//!   embedding or form elements, no `on*` attributes, no `javascript:`/`data:`/
//!   `vbscript:` URLs, no comments, charts made only of chart elements, no code
//!   points HTML forbids; and each field's payload shows up as literal text on
//!   the pages that show that field (links to editors' URLs lead to that URL);
//! * JSON (serde_json): every hostile string round-trips exactly (URLs: the
//!   same URL after WHATWG parsing, so percent-encoding `"` or `<` is allowed);
//! * CSV (csv): no cell a spreadsheet would run as a formula; neutralised cells
//!   are the text with a leading `'`;
//! * Atom feed and sitemap (quick-xml, plus an XML 1.0 character check that
//!   quick-xml does not do): well-formed to the end, only their own
//!   vocabulary, payloads present as text;
//! * robots.txt: plain directives.
//!
//! Expected values are read from the fixture's own YAML, so the tree can grow
//! without touching this file; only the Markdown body snippets are listed here.
//!
//! The fixture is built once per test binary (both builds, on first use) and
//! every test reads the same output folders.

#[path = "../common/mod.rs"]
mod common;

mod checks;
mod data;
mod files;
mod fixture;
mod literal;
mod self_check;
mod xml;

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use scraper::Html;

use checks::*;
use fixture::*;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/hostile/content"
);
const SUB_BASE: &str = "https://example.org/sub/path/";

/// Things the output must never contain anywhere: `{{ 7*7 }}` evaluated.
const EVALUATED: &[&str] = &["tpl49tpl", "Old inspection 49", "49 alone"];

/// Literal text each page's Markdown body must show (raw HTML is shown as text,
/// not run and not silently dropped). Compared after whitespace is collapsed.
const BODY_SNIPPETS: &[(&str, &[&str])] = &[
    (
        "authorities/northmoor/inspections/2019-05-ilacs/index.html",
        &[
            "Summary heading <script>alert('h1')</script>",
            "A paragraph with <script>alert(1)</script> inline, then \"><img src=x onerror=alert(1)>,",
            "then ' onmouseover='alert(1), then </title><script>, then ]]><!-- and </script>,",
            "then tpl{{ 7*7 }}tpl, {% raw %} and {# in the middle.",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<svg onload=alert(1)><circle r=\"10\"/></svg>",
            "<style>body{display:none}</style>",
            "<a href=\"javascript:alert(1)\">raw anchor</a>, <img src=x onerror=alert(1)>,",
            "<b onclick=\"alert(1)\">bold</b> and <!-- a comment -->.",
            "<div onmouseover=\"alert(1)\"> *markdown inside a raw block* </div>",
            "<script>alert('in code')</script>",
            "<script>inline code</script>",
            "head <script>alert(1)</script>",
            "<script>alert('fn')</script> with",
            "<script>struck</script>",
            "remote image",
        ],
    ),
    (
        "authorities/northmoor/inspections/2022-09-focused-visit/index.html",
        &[
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        ],
    ),
    (
        "authorities/northmoor/inspections/2026-05-ilacs/index.html",
        &["Graded areas only. <svg><script>alert(1)</script></svg>"],
    ),
    (
        "authorities/northmoor/responses/2019-07-01-council-pledges-response/index.html",
        &["The council said <iframe srcdoc=\"<script>alert(1)</script>\"></iframe> it would act."],
    ),
    (
        "authorities/eastbridge/inspections/2012-03-old/index.html",
        &["<style>@import url(x)</style>"],
    ),
    (
        "authorities/eastbridge/responses/2012-04-02-council-statement/index.html",
        &["Eastbridge body <script>alert(1)</script>."],
    ),
    (
        "pages/about/index.html",
        &[
            "About <script>alert(1)</script> and methodology and",
            "<a href=\"javascript:alert(1)\">raw anchor</a> <svg onload=alert(1)>",
        ],
    ),
    (
        "pages/methodology/index.html",
        &[
            "<iframe src=\"https://evil.example.org/\"></iframe>",
            "<style> body { background: url(javascript:alert(1)) } </style>",
            "<script> alert(1) </script>",
            "<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">go</button></form>",
            "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<meta http-equiv=\"refresh\" content=\"0; url=javascript:alert(1)\">",
            "Text tpl{{ 7*7 }}tpl, {% raw %}, {# and",
        ],
    ),
];

/// Safe Markdown links that must survive the sanitiser (page, exact href).
const KEPT_LINKS: &[(&str, &str)] = &[
    (
        "authorities/northmoor/inspections/2019-05-ilacs/index.html",
        "https://example.org/ok",
    ),
    ("pages/about/index.html", "../methodology/"),
];

// ---------------------------------------------------------------- building

// ---------------------------------------------------------------- building

/// One build of the fixture.
struct Built {
    out: PathBuf,
    base: String,
}

/// Builds the fixture into a folder of Cargo's test scratch space (emptied
/// first, kept afterwards for inspection; a static is never dropped, so a
/// temporary folder would be left behind anyway).
fn build(name: &str, base_url: Option<&str>) -> Built {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    if out.exists() {
        fs::remove_dir_all(&out).unwrap();
    }
    let extra: Vec<&str> = base_url.map(|b| vec!["--base-url", b]).unwrap_or_default();
    let o = common::build(std::path::Path::new(FIXTURE), &out, &extra);
    assert!(
        o.ok(),
        "the hostile tree must build ({}):\n{}",
        o.describe_status(),
        o.stderr
    );
    let base = base_url.map(str::to_string).unwrap_or_else(|| {
        str_of(&Fixture::load().site, "base_url")
            .unwrap()
            .to_string()
    });
    Built { out, base }
}

/// Both builds, made once: the site's own base URL and a sub-path one.
fn builds() -> &'static [Built] {
    static BUILDS: OnceLock<Vec<Built>> = OnceLock::new();
    BUILDS.get_or_init(|| {
        let (own, sub) = std::thread::scope(|s| {
            let own = s.spawn(|| build("own", None));
            let sub = build("sub", Some(SUB_BASE));
            (own.join().unwrap(), sub)
        });
        vec![own, sub]
    })
}

/// The build under [`SUB_BASE`].
fn sub_path_build() -> &'static Built {
    &builds()[1]
}

impl Built {
    /// Every file written, as (path relative to the output, path).
    fn files(&self) -> Vec<(String, PathBuf)> {
        common::files(&self.out)
    }

    fn read(&self, rel: &str) -> String {
        common::read(self.out.join(rel))
    }

    fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    fn label(&self) -> String {
        format!("[base {}]", self.base)
    }
}
