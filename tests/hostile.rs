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

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

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

/// One build of the fixture into a temporary folder.
struct Built {
    _dir: tempfile::TempDir,
    out: PathBuf,
    base: String,
}

fn build(base_url: Option<&str>) -> Built {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_scrutiny"));
    cmd.args(["build", "--content", FIXTURE, "--output"])
        .arg(&out);
    if let Some(b) = base_url {
        cmd.args(["--base-url", b]);
    }
    let o = cmd.output().expect("run scrutiny");
    assert!(
        o.status.success(),
        "the hostile tree must build (exit {:?}):\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    let fixture = Fixture::load();
    let base = base_url
        .map(str::to_string)
        .unwrap_or_else(|| str_of(&fixture.site, "base_url").unwrap().to_string());
    Built {
        _dir: dir,
        out,
        base,
    }
}

/// Both builds: the site's own base URL and a sub-path one.
fn builds() -> Vec<Built> {
    vec![build(None), build(Some(SUB_BASE))]
}

impl Built {
    /// Every file written, as (path relative to the output, path).
    fn files(&self) -> Vec<(String, PathBuf)> {
        let mut v = Vec::new();
        walk(&self.out, &self.out, &mut v);
        v.sort();
        v
    }

    fn read(&self, rel: &str) -> String {
        let p = self.out.join(rel);
        fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(rel))
    }

    fn label(&self) -> String {
        format!("[base {}]", self.base)
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    for e in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, p));
        }
    }
}

// ---------------------------------------------------------------- the fixture

struct Doc {
    front: Yaml,
    body: String,
}

struct Item {
    authority: String,
    slug: String,
    doc: Doc,
}

struct Fixture {
    site: Yaml,
    frameworks: Yaml,
    authorities: BTreeMap<String, Yaml>,
    inspections: Vec<Item>,
    responses: Vec<Item>,
    pages: Vec<(String, Doc)>,
}

fn yaml(text: &str, what: &str) -> Yaml {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

fn doc(path: &Path) -> Doc {
    let text = fs::read_to_string(path).unwrap();
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
        .unwrap_or_else(|| panic!("{}: no closing ---", path.display()));
    Doc {
        front: yaml(&rest[..end + 1], &path.display().to_string()),
        body: rest[(end + 5).min(rest.len())..].to_string(),
    }
}

fn md_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = match fs::read_dir(dir) {
        Err(_) => return Vec::new(),
        Ok(rd) => rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
            .collect(),
    };
    v.sort();
    v
}

impl Fixture {
    fn load() -> Fixture {
        let root = Path::new(FIXTURE);
        let read = |rel: &str| fs::read_to_string(root.join(rel)).unwrap();
        let mut f = Fixture {
            site: yaml(&read("site.yaml"), "site.yaml"),
            frameworks: yaml(&read("frameworks.yaml"), "frameworks.yaml"),
            authorities: BTreeMap::new(),
            inspections: Vec::new(),
            responses: Vec::new(),
            pages: md_files(&root.join("pages"))
                .into_iter()
                .map(|(s, p)| (s, doc(&p)))
                .collect(),
        };
        let mut slugs: Vec<String> = fs::read_dir(root.join("authorities"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        slugs.sort();
        for a in slugs {
            let dir = root.join("authorities").join(&a);
            f.authorities.insert(
                a.clone(),
                yaml(&fs::read_to_string(dir.join("authority.yaml")).unwrap(), &a),
            );
            for (slug, p) in md_files(&dir.join("inspections")) {
                f.inspections.push(Item {
                    authority: a.clone(),
                    slug,
                    doc: doc(&p),
                });
            }
            for (slug, p) in md_files(&dir.join("responses")) {
                f.responses.push(Item {
                    authority: a.clone(),
                    slug,
                    doc: doc(&p),
                });
            }
        }
        f
    }

    fn framework(&self, id: &str) -> &Yaml {
        &self.frameworks["frameworks"][id]
    }

    fn judgement_label(&self, fw: &str, key: &str) -> String {
        str_of(&self.framework(fw)["judgements"], key)
            .unwrap_or_else(|| panic!("judgement {fw}.{key}"))
            .to_string()
    }

    fn grade_label(&self, fw: &str, grade: &str) -> String {
        let scale = str_of(self.framework(fw), "scale").expect("graded framework");
        self.frameworks["scales"][scale]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|g| str_of(g, "id") == Some(grade))
            .and_then(|g| str_of(g, "label"))
            .unwrap_or_else(|| panic!("grade {scale}.{grade}"))
            .to_string()
    }

    fn authority_name(&self, a: &str) -> String {
        str_of(&self.authorities[a], "name").unwrap().to_string()
    }

    /// An inspection's shown title: its own, or its framework's name.
    fn inspection_title(&self, i: &Item) -> String {
        str_of(&i.doc.front, "title")
            .map(str::to_string)
            .unwrap_or_else(|| {
                let fw = str_of(&i.doc.front, "framework").unwrap();
                str_of(self.framework(fw), "name").unwrap().to_string()
            })
    }

    /// Grades as (judgement key, grade id), in file order.
    fn grades(&self, i: &Item) -> Vec<(String, String)> {
        i.doc.front["grades"]
            .as_mapping()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.as_str().unwrap().into(), v.as_str().unwrap().into()))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn responses_to(&self, i: &Item) -> Vec<&Item> {
        self.responses
            .iter()
            .filter(|r| r.authority == i.authority && responds_to(&r.doc.front).contains(&i.slug))
            .collect()
    }

    /// Every explicitly named speaker (trimmed) with the quotes they gave and the
    /// authorities they gave them in.
    fn speakers(&self) -> BTreeMap<String, (Vec<Quote>, BTreeSet<String>)> {
        let mut m: BTreeMap<String, (Vec<Quote>, BTreeSet<String>)> = BTreeMap::new();
        for it in self.inspections.iter().chain(&self.responses) {
            for q in quotes(&it.doc.front) {
                if let Some(s) = &q.speaker {
                    let e = m.entry(s.trim().to_string()).or_default();
                    e.1.insert(it.authority.clone());
                    e.0.push(q);
                }
            }
        }
        m
    }
}

fn str_of<'a>(v: &'a Yaml, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Yaml::as_str)
}

fn strings(v: &Yaml, k: &str) -> Vec<String> {
    match v.get(k) {
        None => Vec::new(),
        Some(Yaml::String(s)) => vec![s.clone()],
        Some(Yaml::Sequence(s)) => s.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
        Some(other) => panic!("{k}: unexpected {other:?}"),
    }
}

fn responds_to(front: &Yaml) -> Vec<String> {
    strings(front, "responds_to")
}

#[derive(Clone, Debug)]
struct Quote {
    text: String,
    speaker: Option<String>,
    role: Option<String>,
}

fn quotes(front: &Yaml) -> Vec<Quote> {
    front
        .get("quotes")
        .and_then(Yaml::as_sequence)
        .map(|qs| {
            qs.iter()
                .map(|q| Quote {
                    text: str_of(q, "text").unwrap().to_string(),
                    speaker: str_of(q, "speaker").map(str::to_string),
                    role: str_of(q, "role").map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn inspection_page(a: &str, i: &str) -> String {
    format!("authorities/{a}/inspections/{i}/index.html")
}

fn response_page(a: &str, r: &str) -> String {
    format!("authorities/{a}/responses/{r}/index.html")
}

// ---------------------------------------------------------------- checking helpers

/// Collects every failure so one run reports all of them.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, msg: impl FnOnce() -> String) {
        if !ok {
            self.0.push(msg());
        }
    }

    fn finish(self, what: &str) {
        assert!(
            self.0.is_empty(),
            "{what}: {} problem(s):\n  - {}",
            self.0.len(),
            self.0.join("\n  - ")
        );
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of a parsed document (entities decoded), text nodes joined by spaces,
/// whitespace collapsed.
fn doc_text(doc: &Html) -> String {
    collapse(&doc.root_element().text().collect::<Vec<_>>().join(" "))
}

fn element_text(e: ElementRef) -> String {
    collapse(&e.text().collect::<Vec<_>>().join(" "))
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A page's `<title>` text.
fn title_text(doc: &Html) -> String {
    doc.select(&sel("head > title"))
        .next()
        .map(element_text)
        .unwrap_or_default()
}

/// A control character (other than tab, LF, CR) in a field may be shown as
/// written, as a space, or dropped: HTML and XML cannot carry most of them, and
/// any of the three is a fair repair. Everything else must be exact.
fn shown_forms(want: &str) -> Vec<String> {
    let ctl = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let mut v = vec![collapse(want)];
    if want.chars().any(ctl) {
        v.push(collapse(&want.replace(ctl, " ")));
        v.push(collapse(&want.replace(ctl, "")));
    }
    v
}

/// `text` shows `want` literally.
fn shows(p: &mut Problems, page: &str, text: &str, field: &str, want: &str) {
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
fn url_scheme_view(v: &str) -> String {
    v.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase()
}

/// The same URL: equal after WHATWG parsing, so a generator may write a URL
/// percent-encoded (`"` as `%22`, `<` as `%3C`) or as the editor wrote it. Text
/// fields, unlike URLs, must round-trip byte for byte.
fn same_url(got: &str, want: &str) -> bool {
    match (url::Url::parse(got), url::Url::parse(want)) {
        (Ok(g), Ok(w)) => g == w,
        _ => got == want,
    }
}

fn dangerous_url(v: &str) -> bool {
    let n = url_scheme_view(v);
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| n.starts_with(s))
}

/// Elements that must never appear in the output: the site uses none of them,
/// so any one came from content.
const FORBIDDEN_ELEMENTS: &[&str] = &[
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
const URL_ATTRIBUTES: &[&str] = &[
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
const SVG_ELEMENTS: &[&str] = &[
    "svg", "title", "desc", "text", "tspan", "rect", "line", "polyline", "polygon", "circle", "g",
    "path",
];
const SVG_ATTRIBUTES: &[&str] = &[
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
fn html_is_inert(rel: &str, html: &str, p: &mut Problems) {
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
        p.check(!FORBIDDEN_ELEMENTS.contains(&name.as_str()), || {
            format!("{rel}: live <{name}> element: {}", snippet(&e.html()))
        });
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

/// An inline SVG must be one of the generator's charts: inside
/// `<figure class="chart">`, made only of chart elements, with attributes from a
/// short list whose values are plain numbers, words and hyphens. Content may
/// appear inside it only as text.
fn svg_is_chart(rel: &str, svg: ElementRef, p: &mut Problems) {
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

fn snippet(s: &str) -> String {
    let s: String = s.chars().take(160).collect();
    s.replace('\n', "\\n")
}

/// Reads every event of an XML document to the end; returns element names,
/// attributes as (element, name, unescaped value), and the text content with
/// references resolved.
struct Xml {
    elements: Vec<String>,
    attributes: Vec<(String, String, String)>,
    text: String,
}

/// XML 1.0 `Char`: what a well-formed document may contain at all. quick-xml
/// does not check this, so it is checked here over the raw text.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn illegal_xml_chars(rel: &str, s: &str, p: &mut Problems) {
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

fn parse_xml(rel: &str, s: &str) -> Xml {
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
fn formula_start(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The CSV cell a text value must become.
fn csv_cell(s: &str) -> String {
    if formula_start(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------- tests

#[test]
fn fixture_covers_what_it_claims() {
    let f = Fixture::load();
    let mut p = Problems::default();
    let mut total = 0u64;
    let mut files = Vec::new();
    walk(Path::new(FIXTURE), Path::new(FIXTURE), &mut files);
    for (_, path) in &files {
        total += fs::metadata(path).unwrap().len();
    }
    p.check(total < 40 * 1024, || {
        format!("fixture is {total} bytes; keep it under 40 KB")
    });
    p.check(f.authorities.len() >= 3, || {
        "fewer than 3 authorities".into()
    });
    let fws = f.frameworks["frameworks"].as_mapping().unwrap();
    p.check(
        fws.values()
            .any(|fw| fw.get("scale").is_some() && fw["judgements"].get("overall").is_none()),
        || "no graded framework without `overall`".into(),
    );
    p.check(
        f.inspections.iter().any(|i| !f.grades(i).is_empty()),
        || "no graded inspection".into(),
    );
    p.check(f.inspections.iter().any(|i| f.grades(i).is_empty()), || {
        "no ungraded inspection".into()
    });
    p.check(
        f.responses
            .iter()
            .any(|r| r.doc.front["responds_to"].is_sequence()),
        || "no response with a `responds_to` list".into(),
    );
    p.check(
        f.speakers().values().any(|(_, auths)| auths.len() >= 2),
        || "no speaker shared across two authorities".into(),
    );
    let all: String = files
        .iter()
        .map(|(_, path)| fs::read_to_string(path).unwrap())
        .collect();
    for needle in [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "</title><script>",
        "]]><!--",
        "</script>",
        "{{ 7*7 }}",
        "{% raw %}",
        "{#",
        "(javascript:alert(1))",
        "(JaVaScRiPt:alert(1))",
        "vbscript:",
        "(data:",
        "<iframe",
        "<svg onload=",
        "<style>",
        "=HYPERLINK(",
        "@SUM(1)",
        "\\u202E",
        "\\u200D",
    ] {
        p.check(all.contains(needle), || {
            format!("fixture lacks payload {needle:?}")
        });
    }
    p.check(
        all.contains("java\tscript") || all.contains("java&#9;script"),
        || "no java<TAB>script".into(),
    );
    p.check(
        all.split(|c: char| c.is_whitespace())
            .any(|w| w.chars().count() >= 300),
        || "no 300-character word".into(),
    );
    p.finish("fixture");
}

#[test]
fn every_output_file_is_a_known_kind() {
    for b in builds() {
        let mut p = Problems::default();
        let files = b.files();
        for (rel, _) in &files {
            let ok = rel.ends_with(".html")
                || rel.starts_with("data/") && (rel.ends_with(".json") || rel.ends_with(".csv"))
                || ["feed.xml", "sitemap.xml", "robots.txt", ".scrutiny-output"]
                    .contains(&rel.as_str())
                || rel.starts_with("static/");
            p.check(ok, || format!("{} unexpected output file {rel}", b.label()));
        }
        for want in [
            "index.html",
            "404.html",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "data/authorities.json",
            "data/inspections.json",
            "data/responses.json",
            "data/inspections.csv",
        ] {
            p.check(files.iter().any(|(r, _)| r == want), || {
                format!("{} missing {want}", b.label())
            });
        }
        // No template syntax was evaluated anywhere.
        for (rel, path) in &files {
            let bytes = fs::read(path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for e in EVALUATED {
                p.check(!text.contains(e), || {
                    format!("{} {rel}: `{{{{ 7*7 }}}}` was evaluated ({e:?})", b.label())
                });
            }
        }
        p.finish("output files");
    }
}

#[test]
fn html_has_no_live_markup_from_content() {
    for b in builds() {
        let mut p = Problems::default();
        let mut pages = 0;
        for (rel, path) in b.files() {
            if !rel.ends_with(".html") {
                continue;
            }
            pages += 1;
            let html = fs::read_to_string(&path).unwrap();
            let before = p.0.len();
            html_is_inert(&rel, &html, &mut p);
            for m in &mut p.0[before..] {
                *m = format!("{} {m}", b.label());
            }
        }
        p.check(pages >= 20, || format!("only {pages} HTML pages"));
        p.finish("live markup");
    }
}

/// Code points the HTML standard forbids in a document (parse errors
/// `control-character-in-input-stream`, `noncharacter-in-input-stream`,
/// `unexpected-null-character`): C0 controls other than ASCII whitespace,
/// DEL and C1 controls, and noncharacters.
fn html_forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\u{c}' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

#[test]
fn html_has_no_forbidden_code_points() {
    for b in builds() {
        let mut p = Problems::default();
        for (rel, path) in b.files() {
            if !rel.ends_with(".html") {
                continue;
            }
            let html = fs::read_to_string(&path).unwrap();
            for (n, line) in html.lines().enumerate() {
                for (col, c) in line.chars().enumerate() {
                    p.check(!html_forbidden(c), || {
                        let around: String =
                            line.chars().skip(col.saturating_sub(40)).take(80).collect();
                        format!(
                            "{} {rel}:{}:{}: forbidden code point U+{:04X}: {around:?}",
                            b.label(),
                            n + 1,
                            col + 1,
                            c as u32
                        )
                    });
                }
            }
        }
        p.finish("forbidden code points in HTML");
    }
}

#[test]
fn html_shows_every_field_as_literal_text() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let site_title = str_of(&f.site, "title").unwrap();
        let mut all_text = String::new();

        // Every page: the site title, in <title> and in the text.
        for (rel, path) in b.files() {
            if !rel.ends_with(".html") {
                continue;
            }
            let doc = Html::parse_document(&fs::read_to_string(&path).unwrap());
            let t = doc_text(&doc);
            shows(
                &mut p,
                &rel,
                &title_text(&doc),
                "site title in <title>",
                site_title,
            );
            shows(&mut p, &rel, &t, "site title", site_title);
            all_text.push_str(&t);
            all_text.push('\n');
        }

        let home = b.html("index.html");
        let home_text = doc_text(&home);
        shows(
            &mut p,
            "index.html",
            &home_text,
            "site description",
            str_of(&f.site, "description").unwrap(),
        );

        // Authorities: the index and each authority's page.
        let index_text = doc_text(&b.html("authorities/index.html"));
        for (slug, a) in &f.authorities {
            let page = format!("authorities/{slug}/index.html");
            let doc = b.html(&page);
            let text = doc_text(&doc);
            for field in ["name", "region", "kind"] {
                if let Some(v) = str_of(a, field) {
                    shows(
                        &mut p,
                        "authorities/index.html",
                        &index_text,
                        &format!("{slug} {field}"),
                        v,
                    );
                }
            }
            for field in ["name", "region", "kind", "ons_code"] {
                if let Some(v) = str_of(a, field) {
                    shows(&mut p, &page, &text, field, v);
                }
            }
            shows(
                &mut p,
                &page,
                &title_text(&doc),
                "name in <title>",
                str_of(a, "name").unwrap(),
            );
            for field in ["website", "press_page"] {
                if let Some(url) = str_of(a, field) {
                    let found = doc
                        .select(&sel("a[href]"))
                        .any(|e| e.value().attr("href").is_some_and(|h| same_url(h, url)));
                    p.check(found, || format!("{page}: no link to the {field} {url:?}"));
                }
            }
            if let Some(short) = str_of(a, "short_name") {
                shows(
                    &mut p,
                    "(any page)",
                    &all_text,
                    &format!("{slug} short_name"),
                    short,
                );
            }
            for i in f.inspections.iter().filter(|i| &i.authority == slug) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("timeline: {} title", i.slug),
                    &f.inspection_title(i),
                );
            }
            for r in f.responses.iter().filter(|r| &r.authority == slug) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("timeline: {} title", r.slug),
                    str_of(&r.doc.front, "title").unwrap(),
                );
            }
        }

        // Inspections.
        for i in &f.inspections {
            let page = inspection_page(&i.authority, &i.slug);
            let doc = b.html(&page);
            let text = doc_text(&doc);
            let fm = &i.doc.front;
            let fw = str_of(fm, "framework").unwrap();
            let title = f.inspection_title(i);
            shows(&mut p, &page, &text, "title", &title);
            shows(&mut p, &page, &title_text(&doc), "title in <title>", &title);
            shows(
                &mut p,
                &page,
                &text,
                "authority name",
                &f.authority_name(&i.authority),
            );
            shows(
                &mut p,
                &page,
                &text,
                "framework name",
                str_of(f.framework(fw), "name").unwrap(),
            );
            shows(
                &mut p,
                &page,
                &text,
                "framework short",
                str_of(f.framework(fw), "short").unwrap(),
            );
            for (j, g) in f.grades(i) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("judgement label {j}"),
                    &f.judgement_label(fw, &j),
                );
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("grade label {g}"),
                    &f.grade_label(fw, &g),
                );
            }
            for list in ["strengths", "concerns", "recommendations"] {
                for s in strings(fm, list) {
                    shows(&mut p, &page, &text, list, &s);
                }
            }
            for q in quotes(fm) {
                shows(&mut p, &page, &text, "quote text", &q.text);
                if let Some(s) = &q.speaker {
                    shows(&mut p, &page, &text, "quote speaker", s.trim());
                }
                if let Some(r) = &q.role {
                    shows(&mut p, &page, &text, "quote role", r);
                }
            }
            if let Some(report) = fm.get("report") {
                if let Some(t) = str_of(report, "title") {
                    shows(&mut p, &page, &text, "report title", t);
                }
                let url = str_of(report, "url").unwrap();
                let found = doc
                    .select(&sel("a[href]"))
                    .any(|e| e.value().attr("href").is_some_and(|h| same_url(h, url)));
                p.check(found, || {
                    format!("{page}: no link to the report url {url:?}")
                });
            }
            for r in f.responses_to(i) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("response {} title", r.slug),
                    str_of(&r.doc.front, "title").unwrap(),
                );
            }
        }

        // Responses.
        for r in &f.responses {
            let page = response_page(&r.authority, &r.slug);
            let doc = b.html(&page);
            let text = doc_text(&doc);
            let fm = &r.doc.front;
            let title = str_of(fm, "title").unwrap();
            shows(&mut p, &page, &text, "title", title);
            shows(&mut p, &page, &title_text(&doc), "title in <title>", title);
            shows(
                &mut p,
                &page,
                &text,
                "authority name",
                &f.authority_name(&r.authority),
            );
            let src = &fm["source"];
            shows(
                &mut p,
                &page,
                &text,
                "source.publisher",
                str_of(src, "publisher").unwrap(),
            );
            if let Some(t) = str_of(src, "title") {
                shows(&mut p, &page, &text, "source.title", t);
            }
            if let Some(url) = str_of(src, "url") {
                let found = doc
                    .select(&sel("a[href]"))
                    .any(|e| e.value().attr("href").is_some_and(|h| same_url(h, url)));
                p.check(found, || format!("{page}: no link to source.url {url:?}"));
            }
            for q in quotes(fm) {
                shows(&mut p, &page, &text, "quote text", &q.text);
                if let Some(s) = &q.speaker {
                    shows(&mut p, &page, &text, "quote speaker", s.trim());
                }
                if let Some(ro) = &q.role {
                    shows(&mut p, &page, &text, "quote role", ro);
                }
            }
            for c in strings(fm, "commitments") {
                shows(&mut p, &page, &text, "commitment", &c);
            }
            for slug in responds_to(fm) {
                let i = f
                    .inspections
                    .iter()
                    .find(|i| i.authority == r.authority && i.slug == slug)
                    .unwrap();
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("responds_to {slug} title"),
                    &f.inspection_title(i),
                );
            }
        }

        // Frameworks and grades.
        let fw_text = doc_text(&b.html("frameworks/index.html"));
        for (id, fw) in f.frameworks["frameworks"].as_mapping().unwrap() {
            let id = id.as_str().unwrap();
            for field in ["name", "short"] {
                shows(
                    &mut p,
                    "frameworks/index.html",
                    &fw_text,
                    &format!("{id}.{field}"),
                    str_of(fw, field).unwrap(),
                );
            }
            if let Some(js) = fw.get("judgements").and_then(Yaml::as_mapping) {
                for (k, label) in js {
                    shows(
                        &mut p,
                        "frameworks/index.html",
                        &fw_text,
                        &format!("{id} judgement {}", k.as_str().unwrap()),
                        label.as_str().unwrap(),
                    );
                }
            }
        }
        for (scale, grades) in f.frameworks["scales"].as_mapping().unwrap() {
            for g in grades.as_sequence().unwrap() {
                shows(
                    &mut p,
                    "frameworks/index.html",
                    &fw_text,
                    &format!("{} grade label", scale.as_str().unwrap()),
                    str_of(g, "label").unwrap(),
                );
            }
        }

        // Free pages.
        for (slug, d) in &f.pages {
            let page = format!("pages/{slug}/index.html");
            let doc = b.html(&page);
            let title = str_of(&d.front, "title").unwrap();
            let h1 = doc
                .select(&sel("h1"))
                .next()
                .map(element_text)
                .unwrap_or_default();
            p.check(h1 == collapse(title), || {
                format!("{page}: <h1> is {h1:?}, expected the title {title:?}")
            });
            shows(&mut p, &page, &title_text(&doc), "title in <title>", title);
            if let Some(desc) = str_of(&d.front, "description") {
                let meta = doc
                    .select(&sel("meta[name=description]"))
                    .next()
                    .and_then(|e| e.value().attr("content").map(str::to_string));
                p.check(meta.as_deref() == Some(desc), || {
                    format!("{page}: meta description is {meta:?}, expected exactly {desc:?}")
                });
            }
            p.check(!d.body.is_empty(), || format!("{page}: fixture body empty"));
        }

        // Markdown bodies: raw HTML shown as text; safe links kept.
        for (page, snippets) in BODY_SNIPPETS {
            let text = doc_text(&b.html(page));
            for s in *snippets {
                shows(&mut p, page, &text, "Markdown body", s);
            }
        }
        for (page, href) in KEPT_LINKS {
            let doc = b.html(page);
            let found = doc
                .select(&sel("a[href]"))
                .any(|e| e.value().attr("href") == Some(href));
            p.check(found, || {
                format!("{page}: the safe Markdown link {href:?} was not kept")
            });
        }

        // Template syntax stays literal.
        for s in ["tpl{{ 7*7 }}tpl", "{{7*7}}", "{% raw %}", "{#"] {
            shows(&mut p, "(any page)", &all_text, "template syntax", s);
        }

        // People: every named speaker has exactly one page with all their quotes,
        // from every authority they were quoted in.
        let people_text = doc_text(&b.html("people/index.html"));
        // (h1 text, page, page text) for each person page.
        let mut person_pages: Vec<(String, String, String)> = Vec::new();
        for (rel, path) in b.files() {
            if rel.starts_with("people/")
                && rel != "people/index.html"
                && rel.ends_with("/index.html")
            {
                let doc = Html::parse_document(&fs::read_to_string(&path).unwrap());
                let h1 = doc
                    .select(&sel("h1"))
                    .next()
                    .map(element_text)
                    .unwrap_or_default();
                person_pages.push((h1, rel, doc_text(&doc)));
            }
        }
        for (speaker, (qs, auths)) in f.speakers() {
            shows(
                &mut p,
                "people/index.html",
                &people_text,
                "speaker",
                &speaker,
            );
            let pages: Vec<&(String, String, String)> = person_pages
                .iter()
                .filter(|(h, _, _)| *h == collapse(&speaker))
                .collect();
            p.check(pages.len() == 1, || {
                let rels: Vec<&String> = pages.iter().map(|x| &x.1).collect();
                format!(
                    "speaker {speaker:?} has {} person pages: {rels:?}",
                    pages.len()
                )
            });
            let Some((_, rel, text)) = pages.first() else {
                continue;
            };
            for q in &qs {
                shows(&mut p, rel, text, "quote text", &q.text);
                if let Some(r) = &q.role {
                    shows(&mut p, rel, text, "role", r);
                    shows(&mut p, "people/index.html", &people_text, "role", r);
                }
            }
            for a in &auths {
                shows(
                    &mut p,
                    rel,
                    text,
                    &format!("authority {a} name"),
                    &f.authority_name(a),
                );
            }
        }

        p.finish(&format!("literal text {}", b.label()));
    }
}

#[test]
fn json_round_trips_every_hostile_string() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let parse = |rel: &str| -> Json {
            serde_json::from_str(&b.read(rel))
                .unwrap_or_else(|e| panic!("{} {rel}: invalid JSON: {e}", b.label()))
        };

        let auths = parse("data/authorities.json");
        let list = auths.as_array().expect("authorities.json is an array");
        let slugs: Vec<&str> = list.iter().map(|a| a["slug"].as_str().unwrap()).collect();
        let want: Vec<&str> = f.authorities.keys().map(String::as_str).collect();
        p.check(slugs == want, || {
            format!("authorities.json slugs {slugs:?}, expected {want:?}")
        });
        for a in list {
            let slug = a["slug"].as_str().unwrap();
            let Some(y) = f.authorities.get(slug) else {
                continue;
            };
            for field in ["name", "region"] {
                p.check(a[field].as_str() == str_of(y, field), || {
                    format!(
                        "authorities.json {slug}.{field} = {:?}, expected {:?}",
                        a[field],
                        str_of(y, field)
                    )
                });
            }
            let url = format!("{}authorities/{slug}/", b.base);
            p.check(a["url"].as_str() == Some(url.as_str()), || {
                format!("authorities.json {slug}.url = {:?}", a["url"])
            });
            // The current rating's labels come from the hostile scales.
            let cr = &a["current_rating"];
            if let Some(insp) = cr["inspection"].as_str() {
                let fw = cr["framework"].as_str().unwrap();
                if let Some(g) = cr["grade"].as_str() {
                    let l = f.grade_label(fw, g);
                    p.check(cr["label"].as_str() == Some(l.as_str()), || {
                        format!(
                            "authorities.json {slug}.current_rating.label = {:?}, expected {l:?}",
                            cr["label"]
                        )
                    });
                }
                let i = f
                    .inspections
                    .iter()
                    .find(|i| i.authority == slug && i.slug == insp)
                    .unwrap();
                let got: Vec<(String, String)> = cr["judgements"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect();
                let mut want = f.grades(i);
                let mut got_sorted = got.clone();
                want.sort();
                got_sorted.sort();
                p.check(got_sorted == want, || {
                    format!("authorities.json {slug}.current_rating.judgements = {got:?}")
                });
                let lo = &cr["last_overall"];
                if let (Some(g), Some(li)) = (lo["grade"].as_str(), lo["inspection"].as_str()) {
                    let lfw = f
                        .inspections
                        .iter()
                        .find(|i| i.authority == slug && i.slug == li)
                        .map(|i| str_of(&i.doc.front, "framework").unwrap().to_string())
                        .unwrap();
                    let l = f.grade_label(&lfw, g);
                    p.check(lo["label"].as_str() == Some(l.as_str()), || {
                        format!("authorities.json {slug}.current_rating.last_overall.label = {:?}, expected {l:?}", lo["label"])
                    });
                }
            }
        }

        let insp = parse("data/inspections.json");
        let list = insp.as_array().expect("inspections.json is an array");
        p.check(list.len() == f.inspections.len(), || {
            format!(
                "inspections.json has {} entries, fixture {}",
                list.len(),
                f.inspections.len()
            )
        });
        for i in &f.inspections {
            let Some(j) = list
                .iter()
                .find(|j| j["authority"] == i.authority.as_str() && j["slug"] == i.slug.as_str())
            else {
                p.check(false, || {
                    format!("inspections.json lacks {}/{}", i.authority, i.slug)
                });
                continue;
            };
            let id = format!("{}/{}", i.authority, i.slug);
            p.check(
                j["framework"].as_str() == str_of(&i.doc.front, "framework"),
                || format!("inspections.json {id}.framework"),
            );
            p.check(
                j["published"].as_str() == str_of(&i.doc.front, "published"),
                || format!("inspections.json {id}.published = {:?}", j["published"]),
            );
            let mut got: Vec<(String, String)> = j["grades"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let mut want = f.grades(i);
            got.sort();
            want.sort();
            p.check(got == want, || {
                format!("inspections.json {id}.grades = {got:?}, expected {want:?}")
            });
            let url = format!(
                "{}{}",
                b.base,
                inspection_page(&i.authority, &i.slug).trim_end_matches("index.html")
            );
            p.check(j["url"].as_str() == Some(url.as_str()), || {
                format!("inspections.json {id}.url = {:?}", j["url"])
            });
            let got: BTreeSet<&str> = j["responses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let want: BTreeSet<&str> = f.responses_to(i).iter().map(|r| r.slug.as_str()).collect();
            p.check(got == want, || {
                format!("inspections.json {id}.responses = {got:?}, expected {want:?}")
            });
        }

        let resp = parse("data/responses.json");
        let list = resp.as_array().expect("responses.json is an array");
        p.check(list.len() == f.responses.len(), || {
            format!(
                "responses.json has {} entries, fixture {}",
                list.len(),
                f.responses.len()
            )
        });
        for r in &f.responses {
            let id = format!("{}/{}", r.authority, r.slug);
            let Some(j) = list
                .iter()
                .find(|j| j["authority"] == r.authority.as_str() && j["slug"] == r.slug.as_str())
            else {
                p.check(false, || format!("responses.json lacks {id}"));
                continue;
            };
            let fm = &r.doc.front;
            p.check(j["kind"].as_str() == str_of(fm, "kind"), || {
                format!("responses.json {id}.kind")
            });
            p.check(j["date"].as_str() == str_of(fm, "date"), || {
                format!("responses.json {id}.date = {:?}", j["date"])
            });
            let rt: Vec<String> = j["responds_to"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            p.check(rt == responds_to(fm), || {
                format!("responses.json {id}.responds_to = {:?}", j["responds_to"])
            });
            for field in ["publisher", "url", "title"] {
                let got = j["source"].get(field).and_then(Json::as_str);
                let want = str_of(&fm["source"], field);
                let same = match (got, want) {
                    (Some(g), Some(w)) if field == "url" => same_url(g, w),
                    _ => got == want,
                };
                p.check(same, || {
                    format!("responses.json {id}.source.{field} = {got:?}, expected {want:?}")
                });
            }
            let got = j["quotes"].as_array().cloned().unwrap_or_default();
            let want = quotes(fm);
            p.check(got.len() == want.len(), || {
                format!(
                    "responses.json {id}: {} quotes, expected {}",
                    got.len(),
                    want.len()
                )
            });
            for (g, w) in got.iter().zip(&want) {
                p.check(g["text"].as_str() == Some(w.text.as_str()), || {
                    format!(
                        "responses.json {id} quote text = {:?}, expected {:?}",
                        g["text"], w.text
                    )
                });
                let gs = g.get("speaker").and_then(Json::as_str).map(str::trim);
                p.check(gs == w.speaker.as_deref().map(str::trim), || {
                    format!(
                        "responses.json {id} quote speaker = {gs:?}, expected {:?}",
                        w.speaker
                    )
                });
                let gr = g.get("role").and_then(Json::as_str);
                p.check(gr == w.role.as_deref(), || {
                    format!(
                        "responses.json {id} quote role = {gr:?}, expected {:?}",
                        w.role
                    )
                });
            }
            let url = format!(
                "{}{}",
                b.base,
                response_page(&r.authority, &r.slug).trim_end_matches("index.html")
            );
            p.check(j["url"].as_str() == Some(url.as_str()), || {
                format!("responses.json {id}.url = {:?}", j["url"])
            });
        }
        p.finish(&format!("JSON {}", b.label()));
    }
}

#[test]
fn csv_cells_never_start_a_formula() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let bytes = b.read("data/inspections.csv");
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes.as_bytes());
        let header: Vec<String> = rd
            .headers()
            .expect("CSV header")
            .iter()
            .map(str::to_string)
            .collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("CSV has no column {name}: {header:?}"))
        };
        let (c_auth, c_name, c_insp, c_fw, c_j, c_jl, c_g, c_gl, c_url) = (
            col("authority"),
            col("authority_name"),
            col("inspection"),
            col("framework"),
            col("judgement"),
            col("judgement_label"),
            col("grade"),
            col("grade_label"),
            col("url"),
        );
        let mut seen = BTreeSet::new();
        for (n, rec) in rd.records().enumerate() {
            let rec =
                rec.unwrap_or_else(|e| panic!("{} inspections.csv row {}: {e}", b.label(), n + 2));
            let row = n + 2;
            for (k, cell) in rec.iter().enumerate() {
                p.check(!formula_start(cell), || {
                    format!(
                        "inspections.csv row {row} column {}: cell starts a formula: {cell:?}",
                        header[k]
                    )
                });
            }
            let a = &rec[c_auth];
            seen.insert((a.to_string(), rec[c_insp].to_string()));
            if let Some(y) = f.authorities.get(a) {
                let want = csv_cell(str_of(y, "name").unwrap());
                p.check(rec[c_name] == want, || {
                    format!(
                        "inspections.csv row {row} authority_name = {:?}, expected {want:?}",
                        &rec[c_name]
                    )
                });
            } else {
                p.check(false, || {
                    format!("inspections.csv row {row}: unknown authority {a:?}")
                });
            }
            let fw = &rec[c_fw];
            if !rec[c_j].is_empty() {
                let want = csv_cell(&f.judgement_label(fw, &rec[c_j]));
                p.check(rec[c_jl] == want, || {
                    format!(
                        "inspections.csv row {row} judgement_label = {:?}, expected {want:?}",
                        &rec[c_jl]
                    )
                });
                let want = csv_cell(&f.grade_label(fw, &rec[c_g]));
                p.check(rec[c_gl] == want, || {
                    format!(
                        "inspections.csv row {row} grade_label = {:?}, expected {want:?}",
                        &rec[c_gl]
                    )
                });
            }
            p.check(rec[c_url].starts_with(&b.base), || {
                format!(
                    "inspections.csv row {row} url {:?} not under {}",
                    &rec[c_url], b.base
                )
            });
        }
        let want: BTreeSet<(String, String)> = f
            .inspections
            .iter()
            .map(|i| (i.authority.clone(), i.slug.clone()))
            .collect();
        p.check(seen == want, || {
            format!("inspections.csv covers {seen:?}, expected {want:?}")
        });
        // The fixture does put formula starts into all three text columns.
        p.check(
            f.authorities
                .values()
                .any(|a| formula_start(str_of(a, "name").unwrap())),
            || "fixture: no formula-start authority name".into(),
        );
        p.finish(&format!("CSV {}", b.label()));
    }
}

/// Elements of the Atom vocabulary.
const ATOM: &[&str] = &[
    "feed",
    "title",
    "subtitle",
    "id",
    "updated",
    "published",
    "link",
    "entry",
    "summary",
    "content",
    "author",
    "contributor",
    "name",
    "uri",
    "email",
    "generator",
    "category",
    "rights",
    "icon",
    "logo",
];

fn no_markup_in_raw_xml(rel: &str, raw: &str, p: &mut Problems) {
    let lower = raw.to_lowercase();
    for tag in [
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<style",
        "<a ",
        "<!--",
        "<![cdata[",
    ] {
        p.check(!lower.contains(tag), || {
            format!("{rel}: contains unescaped {tag:?}")
        });
    }
}

#[test]
fn feed_and_sitemap_are_well_formed_xml() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();

        let raw = b.read("feed.xml");
        illegal_xml_chars("feed.xml", &raw, &mut p);
        let x = parse_xml("feed.xml", &raw);
        no_markup_in_raw_xml("feed.xml", &raw, &mut p);
        for e in &x.elements {
            p.check(ATOM.contains(&e.as_str()), || {
                format!("feed.xml: element <{e}> is not Atom")
            });
        }
        for (el, a, v) in &x.attributes {
            p.check(!a.starts_with("on"), || format!("feed.xml: <{el} {a}>"));
            if a == "href" {
                p.check(!dangerous_url(v), || format!("feed.xml: <{el} href={v:?}>"));
            }
        }
        let text = collapse(&x.text);
        shows(
            &mut p,
            "feed.xml",
            &text,
            "site title",
            str_of(&f.site, "title").unwrap(),
        );
        if let Some(d) = str_of(&f.site, "description") {
            shows(&mut p, "feed.xml", &text, "site description", d);
        }
        for i in &f.inspections {
            shows(
                &mut p,
                "feed.xml",
                &text,
                &format!("inspection {} title", i.slug),
                &f.inspection_title(i),
            );
        }
        for r in &f.responses {
            shows(
                &mut p,
                "feed.xml",
                &text,
                &format!("response {} title", r.slug),
                str_of(&r.doc.front, "title").unwrap(),
            );
        }
        for (el, a, v) in &x.attributes {
            if el == "link" && a == "href" {
                p.check(v.starts_with(&b.base), || {
                    format!("feed.xml: link {v:?} not under {}", b.base)
                });
            }
        }

        let raw = b.read("sitemap.xml");
        illegal_xml_chars("sitemap.xml", &raw, &mut p);
        let x = parse_xml("sitemap.xml", &raw);
        no_markup_in_raw_xml("sitemap.xml", &raw, &mut p);
        for e in &x.elements {
            p.check(
                ["urlset", "url", "loc", "lastmod", "changefreq", "priority"].contains(&e.as_str()),
                || format!("sitemap.xml: element <{e}>"),
            );
        }
        let locs = x.elements.iter().filter(|e| *e == "loc").count();
        p.check(locs >= 20, || format!("sitemap.xml: only {locs} <loc>"));
        for loc in x.text.split_whitespace() {
            p.check(
                loc.starts_with(&b.base)
                    || loc
                        .chars()
                        .all(|c| c.is_ascii_digit() || "-:T.+Z".contains(c)),
                || format!("sitemap.xml: {loc:?} is not under {}", b.base),
            );
        }
        p.finish(&format!("XML {}", b.label()));
    }
}

#[test]
fn robots_txt_is_plain() {
    for b in builds() {
        let mut p = Problems::default();
        let robots = b.read("robots.txt");
        for line in robots.lines() {
            let ok = line.is_empty()
                || ["User-agent: ", "Allow: ", "Disallow: ", "Sitemap: "]
                    .iter()
                    .any(|d| line.starts_with(d));
            p.check(ok, || format!("robots.txt: unexpected line {line:?}"));
            p.check(!line.contains(['<', '>', '"', '\'', '{', '}']), || {
                format!("robots.txt: markup in {line:?}")
            });
        }
        let sitemap = format!("Sitemap: {}sitemap.xml", b.base);
        p.check(robots.lines().any(|l| l == sitemap), || {
            format!("robots.txt lacks {sitemap:?}")
        });
        p.finish(&format!("robots.txt {}", b.label()));
    }
}

#[test]
fn sub_path_build_links_stay_under_the_base() {
    let b = build(Some(SUB_BASE));
    let mut p = Problems::default();
    for (rel, path) in b.files() {
        if !rel.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(&fs::read_to_string(&path).unwrap());
        for e in doc.select(&sel("link[rel=canonical]")) {
            let href = e.value().attr("href").unwrap_or("");
            p.check(href.starts_with(SUB_BASE), || {
                format!("{rel}: canonical {href:?} not under {SUB_BASE}")
            });
        }
        for e in doc.select(&sel("link[href]")) {
            let href = e.value().attr("href").unwrap_or("");
            p.check(
                href.starts_with(SUB_BASE)
                    || href.starts_with("/sub/path/")
                    || !href.contains(':') && !href.starts_with('/'),
                || format!("{rel}: <link href={href:?}> not under {SUB_BASE}"),
            );
        }
        for e in doc.select(&sel("a[href]")) {
            let href = e.value().attr("href").unwrap();
            // Site links are absolute under the base or root-relative under its path;
            // anything else absolute is an editor's external link.
            if href.starts_with('/') {
                p.check(href.starts_with("/sub/path/"), || {
                    format!("{rel}: link {href:?} escapes /sub/path/")
                });
            }
            p.check(!href.starts_with("https://hostile.example.org/"), || {
                format!("{rel}: link {href:?} uses site.yaml's base_url despite --base-url")
            });
        }
    }
    p.finish("sub-path links");
}

/// The checkers themselves: each known-bad page must be reported, a clean one
/// must not, so a passing run means something.
#[test]
fn the_checks_catch_live_markup() {
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

    let cases: &[(&str, &str, &str)] = &[
        ("", "<p><script>alert(1)</script></p>", "live <script>"),
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
    for (head, body, want) in cases {
        let mut p = Problems::default();
        html_is_inert("case", &page(head, body), &mut p);
        assert!(
            p.0.iter().any(|m| m.contains(want)),
            "head {head:?} body {body:?}: expected a problem mentioning {want:?}, got {:?}",
            p.0
        );
    }

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
