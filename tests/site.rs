//! End-to-end: the real binary builds real content trees, and the tests read
//! the files it writes.

mod common;

use common::*;
use serde_json::Value;

/// Three authorities covering the format: aliases, partial dates, a framework
/// without `overall`, an unrated authority, a speaker quoted in two of them.
fn format_tree() -> Tree {
    let t = Tree::new();
    t.authority("north-dale", "short_name: North Dale\naliases: [old-dale]\nwebsite: https://north.example.org/\n")
        .inspection("north-dale", "2010-old", "framework: old\npublished: 2010\ngrades:\n  overall: adequate\n")
        .inspection("north-dale", "2019-05-ilacs", "framework: ilacs\nvisit: { from: 2019-05-13, to: 2019-05-16 }\npublished: 2019-07\ngrades:\n  overall: requires-improvement\n  leaders: good\nrecommendation_count: 7\nquotes:\n  - text: \"Leaders know their services well.\"\n")
        .inspection("north-dale", "2022-10-focused-visit", "framework: focused-visit\npublished: 2022-10-04\n")
        .response("north-dale", "2019-07-01-statement", "title: We will improve\ndate: 2019-07-01\nkind: press-release\nresponds_to: 2019-05-ilacs\nsource: { publisher: North Dale Council, url: https://north.example.org/news }\nquotes:\n  - text: We accept the findings.\n    speaker: Jo Bloggs\n    role: Leader\ncommitments:\n  - Hire more social workers\n")
        .authority("south-fen", "")
        .inspection("south-fen", "2026-06-ilacs", "framework: ilacs-2026\npublished: 2026-06\ngrades:\n  help-and-protection: good\n  leaders: inadequate\n")
        .inspection("south-fen", "2018-ilacs", "framework: ilacs\npublished: \"2018\"\ngrades: { overall: outstanding }\n")
        .response("south-fen", "2026-06-10-news", "title: Council reacts\ndate: 2026-06-10\nkind: news-report\nresponds_to: [2026-06-ilacs, 2018-ilacs]\nsource: { publisher: Gazette }\nquotes:\n  - text: Fine.\n    speaker: Jo Bloggs\n    role: Former leader\n")
        .authority("west-moor", "")
        .inspection("west-moor", "2023-monitoring", "framework: focused-visit\npublished: 2023\n");
    t.build_ok();
    t
}

#[test]
fn every_url_of_the_format_exists_and_redirects_keep_the_base_path() {
    let t = format_tree();
    let out = t.out();

    // Every URL of the table exists as a folder with index.html.
    for page in [
        "index.html",
        "authorities/index.html",
        "authorities/north-dale/index.html",
        "authorities/north-dale/inspections/2019-05-ilacs/index.html",
        "authorities/north-dale/responses/2019-07-01-statement/index.html",
        "authorities/north-dale/latest/index.html",
        "pages/about/index.html",
        "data/authorities.json",
        "data/inspections.json",
        "data/responses.json",
        "data/inspections.csv",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    // latest/ redirects to the latest graded inspection; aliases redirect under the base path.
    let latest = read(out.join("authorities/north-dale/latest/index.html"));
    assert!(
        latest.contains("url=/portal/authorities/north-dale/inspections/2019-05-ilacs/"),
        "{latest}"
    );
    let alias = read(out.join("authorities/old-dale/index.html"));
    assert!(
        alias.contains("url=/portal/authorities/north-dale/"),
        "{alias}"
    );
    assert!(
        out.join("authorities/old-dale/inspections/2019-05-ilacs/index.html")
            .is_file()
    );
    assert!(
        !out.join("authorities/west-moor/latest").exists(),
        "no latest/ for an unrated authority"
    );
}

#[test]
fn inspection_pages_show_partial_dates_quotes_and_responses() {
    let t = format_tree();
    let out = t.out();

    // Partial dates at their own precision, never padded.
    let insp = page_text(out.join("authorities/north-dale/inspections/2019-05-ilacs/index.html"));
    assert!(insp.contains("July 2019"), "{insp}");
    assert!(insp.contains("13 May 2019 to 16 May 2019"), "{insp}");
    assert!(
        insp.contains("Published July 2019") && !insp.contains("Published 1 July 2019"),
        "padded a month-only date: {insp}"
    );
    assert!(insp.contains("Leaders know their services well."));
    assert!(insp.contains("Ofsted inspectors"), "default speaker");
    assert!(
        insp.contains("We accept the findings."),
        "the response sits beside the inspection"
    );
    assert!(insp.contains("Hire more social workers"));
    assert!(insp.contains("7 recommendations"));
}

#[test]
fn the_rating_rule_reaches_the_pages_and_the_open_data() {
    let t = format_tree();
    let out = t.out();

    // The rating rule and its open data.
    let a = json(out.join("data/authorities.json"));
    let a = a.as_array().unwrap();
    assert_eq!(
        a.iter()
            .map(|x| x["slug"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["north-dale", "south-fen", "west-moor"]
    );
    let nd = &a[0]["current_rating"];
    assert_eq!(nd["grade"], "requires-improvement");
    assert_eq!(nd["framework"], "ilacs");
    assert_eq!(nd["judgements"]["leaders"], "good");
    assert_eq!(nd["last_overall"], Value::Null);
    assert_eq!(
        a[0]["url"],
        "https://example.org/portal/authorities/north-dale/"
    );
    let sf = &a[1]["current_rating"];
    assert_eq!(sf["grade"], Value::Null);
    assert_eq!(sf["label"], Value::Null);
    assert_eq!(sf["inspection"], "2026-06-ilacs");
    assert_eq!(sf["last_overall"]["grade"], "outstanding");
    assert_eq!(sf["last_overall"]["published"], "2018");
    assert_eq!(a[2]["current_rating"], Value::Null);
    let sf_page = page_text(out.join("authorities/south-fen/index.html"));
    assert!(sf_page.contains("No overall grade"));
    assert!(page_text(out.join("authorities/west-moor/index.html")).contains("Not yet rated"));
}

#[test]
fn inspections_and_responses_data_follow_the_format() {
    let t = format_tree();
    let out = t.out();

    let i = json(out.join("data/inspections.json"));
    let first = &i.as_array().unwrap()[0];
    assert_eq!(first["authority"], "north-dale");
    assert_eq!(first["slug"], "2010-old");
    assert_eq!(first["published"], "2010");
    let ilacs = i
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["slug"] == "2019-05-ilacs")
        .unwrap();
    assert_eq!(
        ilacs["responses"],
        serde_json::json!(["2019-07-01-statement"])
    );
    let r = json(out.join("data/responses.json"));
    let news = r
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["slug"] == "2026-06-10-news")
        .unwrap();
    assert_eq!(
        news["responds_to"],
        serde_json::json!(["2026-06-ilacs", "2018-ilacs"])
    );
    let st = r
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["slug"] == "2019-07-01-statement")
        .unwrap();
    assert_eq!(st["responds_to"], serde_json::json!(["2019-05-ilacs"]));
    assert_eq!(st["source"]["publisher"], "North Dale Council");

    let csv = read(out.join("data/inspections.csv"));
    assert!(
        csv.lines()
            .any(|l| l.starts_with("north-dale,") && l.contains(",leaders,")),
        "{csv}"
    );
}

#[test]
fn people_home_feed_sitemap_and_robots_follow_the_format() {
    let t = format_tree();
    let out = t.out();

    // One person page gathers the same speaker across authorities.
    let person = page_text(out.join("people/jo-bloggs/index.html"));
    assert!(
        person.contains("We accept the findings.") && person.contains("Fine."),
        "{person}"
    );

    // Home counts authorities at each current grade, in a chart and a table.
    let home = read(out.join("index.html"));
    assert!(home.contains("<svg"), "chart");
    let home_text = page_text(out.join("index.html"));
    assert!(
        home_text.contains("Requires improvement to be good 1"),
        "{home_text}"
    );
    assert!(
        home_text.contains("No overall grade 1") && home_text.contains("Not yet rated 1"),
        "{home_text}"
    );

    // Feed, sitemap and robots use the base URL.
    let feed = read(out.join("feed.xml"));
    assert!(
        feed.contains(
            "https://example.org/portal/authorities/north-dale/inspections/2019-05-ilacs/"
        )
    );
    assert!(
        read(out.join("sitemap.xml"))
            .contains("<loc>https://example.org/portal/pages/about/</loc>")
    );
    assert!(
        read(out.join("robots.txt")).contains("Sitemap: https://example.org/portal/sitemap.xml")
    );
}

#[test]
fn check_resolves_every_link_under_another_base_path() {
    let t = format_tree();

    // check: every internal link resolves, even under another base path.
    let c = check(
        &t.content(),
        &["--base-url", "https://other.example/deep/path/"],
    );
    assert!(c.ok(), "{}", c.stderr);
}

#[test]
fn hostile_text_never_becomes_markup() {
    let t = Tree::new();
    let evil = r#"<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}{% raw %}"#;
    t.file(
        "content/authorities/evil-town/authority.yaml",
        &format!(
            "name: 'Evil <b>Town</b>'\nshort_name: '{evil}'\nregion: '\"><svg onload=alert(3)>'\n"
        ),
    );
    t.inspection(
        "evil-town",
        "2019-ilacs",
        &format!("framework: ilacs\ntitle: '{evil}'\npublished: 2019\ngrades: {{ overall: good }}\nstrengths: ['{evil}']\nreport: {{ url: 'https://x.org/?a=\"><script>', title: '{evil}' }}\nquotes:\n  - text: '{evil}'\n    speaker: '{evil}'\n"),
    );
    t.file(
        "content/authorities/evil-town/inspections/2020-ilacs.md",
        "---\nframework: ilacs\npublished: 2020\ngrades: { overall: good }\n---\n<script>alert(4)</script>\n\n[x](javascript:alert(5)) <a href=\"javascript:alert(6)\">y</a> {{ 7*7 }}\n",
    );
    t.build_ok();
    let out = t.out();
    for (_, entry) in files(&out) {
        if entry.extension().is_some_and(|e| e == "png") {
            continue; // the default link-preview image, not content
        }
        if entry.starts_with(out.join("search/pagefind")) {
            continue; // Pagefind's script and gzipped index: tests/search.rs reads it
        }
        let text = read(&entry);
        if entry.extension().is_some_and(|e| e == "html") {
            let doc = scraper::Html::parse_document(&text);
            // The generator's own scripts (JSON-LD, checked below; the badge
            // snippet's copy button, the authorities list's filters, search, the
            // helpers those two share) and badge image
            // are not content.
            let scripts = sel(
                "script:not([type='application/ld+json']):not([src$='/static/copy.js']):not([src$='/static/authorities.js']):not([src$='/static/search.js']):not([src$='/static/dom.js']), img:not([src$='/badge.svg']), svg [onload], [onerror], [onload], b",
            );
            let jsonld = sel("script[type='application/ld+json']");
            for s in doc.select(&jsonld) {
                let json: String = s.text().collect();
                assert!(!json.contains(['<', '>']), "{}: {json}", entry.display());
                serde_json::from_str::<serde_json::Value>(&json).unwrap();
            }
            assert_eq!(
                doc.select(&scripts).count(),
                0,
                "live markup in {}",
                entry.display()
            );
            let links = sel("[href]");
            for l in doc.select(&links) {
                let href = l.value().attr("href").unwrap().to_ascii_lowercase();
                assert!(
                    !href.starts_with("javascript:"),
                    "{href} in {}",
                    entry.display()
                );
            }
            assert!(
                !text.contains(">49<") && !text.contains(" 49 "),
                "template syntax evaluated in {}",
                entry.display()
            );
        }
    }
    let page = page_text(out.join("authorities/evil-town/inspections/2020-ilacs/index.html"));
    assert!(
        page.contains("<script>alert(4)</script>"),
        "raw HTML shown as text: {page}"
    );
    assert!(page.contains("{{ 7*7 }}"));
}

#[test]
fn crlf_and_byte_order_marks_are_accepted() {
    let t = Tree::new();
    t.file(
        "content/authorities/crlf-town/authority.yaml",
        "\u{feff}name: CRLF Town\r\nregion: London\r\n",
    );
    t.file(
        "content/authorities/crlf-town/inspections/2019-ilacs.md",
        "\u{feff}---\r\nframework: ilacs\r\npublished: 2019-07-01\r\ngrades:\r\n  overall: good\r\n---\r\nBody text.\r\n",
    );
    t.build_ok();
    let a = json(t.out().join("data/authorities.json"));
    assert_eq!(a[0]["name"], "CRLF Town");
    assert_eq!(a[0]["current_rating"]["grade"], "good");
    assert!(
        page_text(
            t.out()
                .join("authorities/crlf-town/inspections/2019-ilacs/index.html")
        )
        .contains("1 July 2019")
    );
}
