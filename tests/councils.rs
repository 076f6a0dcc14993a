//! For councils and sharing (issue 13): aliases of inspections and responses
//! and the redirects they make, `/data/urls.txt`, `check --previous`, the
//! embeddable badge and its snippet, citations, link previews, JSON-LD, the
//! sitemap's `lastmod` and robots.txt.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

const NORTH_ILACS: &str = "content/authorities/north-dale/inspections/2019-ilacs.md";

/// North Dale (alias `old-dale`): rated Requires improvement, an inspection
/// and a response with aliases. East Vale: rated without an overall grade.
/// West Moor: not yet rated.
fn tree() -> Tree {
    let t = Tree::new();
    t.authority(
        "north-dale",
        "short_name: North Dale\naliases: [old-dale]\nwebsite: https://north.example.org/\n",
    );
    t.inspection(
        "north-dale",
        "2015-old",
        "framework: old\npublished: 2015-03\ngrades: { overall: good }\n",
    );
    t.inspection(
        "north-dale",
        "2019-ilacs",
        "framework: ilacs\ntitle: The 2019 inspection\npublished: 2019-07-10\ngrades: { overall: requires-improvement, leaders: good }\nreport: { url: https://reports.example.org/1 }\naliases: [2019-inspection]\n",
    );
    t.response(
        "north-dale",
        "2019-07-12-statement",
        "title: We will improve\ndate: 2019-07-12\nkind: statement\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale Council, url: https://north.example.org/news/1 }\ncommitments: [Hire social workers]\naliases: [statement]\n",
    );
    t.response(
        "north-dale",
        "2019-08-news",
        "title: Council criticised\ndate: 2019-08-01\nkind: news-report\nresponds_to: 2019-ilacs\nsource: { publisher: Gazette }\ncommitments: [None]\n",
    );
    t.response(
        "north-dale",
        "2019-09-letter",
        "title: Letter to the minister\ndate: 2019-09\nkind: letter\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale Council }\ncommitments: [Write back]\n",
    );
    t.authority("east-vale", "");
    t.inspection(
        "east-vale",
        "2026-05-ilacs",
        "framework: ilacs-2026\npublished: 2026-05-20\ngrades: { help-and-protection: good, leaders: requires-improvement }\n",
    );
    t.authority("west-moor", "");
    t.inspection(
        "west-moor",
        "2022-visit",
        "framework: focused-visit\npublished: 2022-10-04\n",
    );
    t
}

fn attr(page: &scraper::Html, selector: &str, name: &str) -> Option<String> {
    page.select(&sel(selector))
        .next()
        .and_then(|e| e.value().attr(name).map(str::to_string))
}

/// Asserts `page` (under `out`) is a redirect page to `target_path`, with a
/// canonical link to `target_url`.
#[track_caller]
fn assert_redirect(out: &Path, page: &str, target_path: &str, target_url: &str) {
    let file = out.join(page).join("index.html");
    assert!(file.is_file(), "no redirect page at {page}");
    let h = html(&file);
    assert_eq!(
        attr(&h, "meta[http-equiv=refresh]", "content").as_deref(),
        Some(format!("0; url={target_path}").as_str()),
        "{page}"
    );
    assert_eq!(
        attr(&h, "link[rel=canonical]", "href").as_deref(),
        Some(target_url),
        "{page}"
    );
    assert_eq!(attr(&h, "main a", "href").as_deref(), Some(target_path));
}

#[test]
fn aliases_of_inspections_and_responses_redirect_also_under_authority_aliases() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    let insp = "/portal/authorities/north-dale/inspections/2019-ilacs/";
    let insp_url = "https://example.org/portal/authorities/north-dale/inspections/2019-ilacs/";
    for at in ["north-dale", "old-dale"] {
        assert_redirect(
            &out,
            &format!("authorities/{at}/inspections/2019-inspection"),
            insp,
            insp_url,
        );
        assert_redirect(
            &out,
            &format!("authorities/{at}/responses/statement"),
            "/portal/authorities/north-dale/responses/2019-07-12-statement/",
            "https://example.org/portal/authorities/north-dale/responses/2019-07-12-statement/",
        );
    }
    // Under another sub-path base URL.
    let r = t.build_with(&["--base-url", "https://councils.example.com/a/b"]);
    r.assert_ok();
    assert_redirect(
        &out,
        "authorities/old-dale/inspections/2019-inspection",
        "/a/b/authorities/north-dale/inspections/2019-ilacs/",
        "https://councils.example.com/a/b/authorities/north-dale/inspections/2019-ilacs/",
    );
    // And check finds every internal link resolving.
    t.check(&[]).assert_ok();
}

#[test]
fn record_aliases_are_checked_like_authority_aliases() {
    let t = tree();
    t.replace(
        NORTH_ILACS,
        "aliases: [2019-inspection]",
        "aliases:\n  - 2015-old",
    );
    let r = t.build();
    r.assert_code(1);
    let e = &r.stderr;
    assert!(
        e.contains("authorities/north-dale/inspections/2019-ilacs.md:8:5"),
        "{e}"
    );
    assert!(
        e.contains("alias `2015-old` is the slug of another inspection"),
        "{e}"
    );
    assert!(e.contains("aliases[0]"), "{e}");

    let t = tree();
    t.replace(
        NORTH_ILACS,
        "aliases: [2019-inspection]",
        "aliases: [Bad_Slug]",
    );
    let r = t.build();
    r.assert_code(1);
    assert!(
        r.stderr.contains("alias `Bad_Slug` is not a slug"),
        "{}",
        r.stderr
    );

    // Two responses claiming the same alias.
    let t = tree();
    t.replace(
        "content/authorities/north-dale/responses/2019-08-news.md",
        "commitments: [None]\n",
        "commitments: [None]\naliases: [statement]\n",
    );
    let r = t.build();
    r.assert_code(1);
    assert!(
        r.stderr
            .contains("alias `statement` is also an alias of the response"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("2019-08-news.md:"), "{}", r.stderr);
}

/// The URL of every HTML page in `out` (not the 404 page).
fn html_pages(out: &Path, base: &str) -> BTreeSet<String> {
    files(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with("index.html"))
        .map(|(rel, _)| format!("{base}{}", rel.trim_end_matches("index.html")))
        .collect()
}

#[test]
fn urls_txt_lists_every_page_and_redirect_sorted() {
    let t = tree();
    t.build_ok();
    let text = read(t.out().join("data/urls.txt"));
    let lines: Vec<&str> = text.lines().collect();
    let mut sorted = lines.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(lines, sorted, "sorted, without repeats");
    let listed: BTreeSet<String> = lines.iter().map(|s| s.to_string()).collect();
    assert_eq!(listed, html_pages(&t.out(), "https://example.org/portal/"));
    for u in [
        "https://example.org/portal/",
        "https://example.org/portal/authorities/old-dale/latest/",
        "https://example.org/portal/authorities/north-dale/inspections/2019-inspection/",
        "https://example.org/portal/pages/about/",
    ] {
        assert!(listed.contains(u), "{u} missing");
    }
    assert!(!text.contains("badge.svg") && !text.contains("feed.xml"));
}

#[test]
fn check_previous_names_each_lost_url_and_the_alias_that_keeps_it() {
    let t = tree();
    t.build_ok();
    let prev = t.root().join("previous-urls.txt");
    fs::copy(t.out().join("data/urls.txt"), &prev).unwrap();
    let prev_s = prev.to_str().unwrap();

    // Nothing changed: passes (the file, and the build folder).
    t.check(&["--previous", prev_s]).assert_ok();
    t.check(&["--previous", t.out().to_str().unwrap()])
        .assert_ok();

    // The inspection renamed, its old slug not kept: fails naming the URL
    // and the alias to add to the new file.
    let text = t.read(NORTH_ILACS);
    t.remove(NORTH_ILACS);
    t.file(
        "content/authorities/north-dale/inspections/2019-07-ilacs.md",
        &text,
    );
    t.replace(
        "content/authorities/north-dale/responses/2019-07-12-statement.md",
        "responds_to: 2019-ilacs",
        "responds_to: 2019-07-ilacs",
    );
    for f in ["2019-08-news", "2019-09-letter"] {
        t.replace(
            &format!("content/authorities/north-dale/responses/{f}.md"),
            "responds_to: 2019-ilacs",
            "responds_to: 2019-07-ilacs",
        );
    }
    let r = t.check(&["--previous", prev_s]);
    r.assert_code(1);
    let e = &r.stderr;
    assert!(
        e.contains("https://example.org/portal/authorities/north-dale/inspections/2019-ilacs/ would be lost"),
        "{e}"
    );
    assert!(
        e.contains(
            "https://example.org/portal/authorities/old-dale/inspections/2019-ilacs/ would be lost"
        ),
        "{e}"
    );
    assert!(
        e.contains(
            "add `aliases: [2019-ilacs]` to authorities/north-dale/inspections/2019-07-ilacs.md"
        ),
        "{e}"
    );
    // Kept by the alias: passes.
    t.replace(
        "content/authorities/north-dale/inspections/2019-07-ilacs.md",
        "aliases: [2019-inspection]",
        "aliases: [2019-inspection, 2019-ilacs]",
    );
    t.check(&["--previous", prev_s]).assert_ok();

    // A renamed authority: the alias goes in the new authority.yaml.
    fs::rename(
        t.content().join("authorities/west-moor"),
        t.content().join("authorities/west-moors"),
    )
    .unwrap();
    let r = t.check(&["--previous", prev_s]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("https://example.org/portal/authorities/west-moor/ would be lost: add `aliases: [west-moor]` to authorities/west-moors/authority.yaml"),
        "{}",
        r.stderr
    );
    t.file(
        "content/authorities/west-moors/authority.yaml",
        "name: west-moor Council\nregion: North East\naliases: [west-moor]\n",
    );
    t.check(&["--previous", prev_s]).assert_ok();

    // A missing list is a usage mistake.
    t.check(&["--previous", t.root().join("nope.txt").to_str().unwrap()])
        .assert_code(2);
}

/// The text of an SVG document (checked to be well-formed, with no script
/// and no external reference), and its `<title>`.
fn svg_text(path: &Path) -> (String, String, (String, String)) {
    use quick_xml::events::Event;
    let raw = read(path);
    let mut r = quick_xml::Reader::from_str(&raw);
    r.config_mut().check_end_names = true;
    let (mut text, mut title, mut in_title) = (String::new(), String::new(), false);
    let mut size = (String::new(), String::new());
    loop {
        let piece = match r.read_event().expect("well-formed SVG") {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                assert!(!["script", "foreignObject", "image", "use"].contains(&name.as_str()));
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = a.key.as_ref().to_string();
                    assert!(!key.starts_with("on") && key != "href" && key != "xlink:href");
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned();
                    if name == "svg" && key == "width" {
                        size.0 = v;
                    } else if name == "svg" && key == "height" {
                        size.1 = v;
                    }
                }
                in_title = name == "title";
                continue;
            }
            Event::Text(t) => t.to_string(),
            Event::GeneralRef(g) => match &*g {
                "apos" => "'".to_string(),
                "amp" => "&".to_string(),
                "lt" => "<".to_string(),
                "gt" => ">".to_string(),
                "quot" => "\"".to_string(),
                other => panic!("entity {other:?}"),
            },
            Event::End(_) => {
                if !in_title {
                    text.push('\n');
                }
                in_title = false;
                continue;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::DocType(_) | Event::PI(_) => panic!("unexpected"),
            _ => continue,
        };
        if in_title {
            title.push_str(&piece);
        } else {
            text.push_str(&piece);
        }
    }
    (text, title, size)
}

#[test]
fn badges_state_the_current_rating_in_words() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    let (text, title, size) = svg_text(&out.join("authorities/north-dale/badge.svg"));
    assert!(text.contains("Requires improvement to be good"), "{text}");
    assert!(text.contains("10 July 2019"), "{text}");
    assert!(text.contains("Test portal"), "{text}");
    assert!(
        title.contains("north-dale Council") && title.contains("Requires improvement to be good"),
        "{title}"
    );
    assert_eq!(size, ("240".into(), "80".into()));
    // The same badge where the authority used to be.
    assert_eq!(
        read(out.join("authorities/old-dale/badge.svg")),
        read(out.join("authorities/north-dale/badge.svg"))
    );

    let (text, title, size) = svg_text(&out.join("authorities/east-vale/badge.svg"));
    let text = text.replace('\n', " ");
    assert!(text.contains("No overall grade"), "{text}");
    assert!(text.contains("Help and protection: Good"), "{text}");
    assert!(
        text.contains("Leaders: Requires improvement to be good"),
        "{text}"
    );
    assert!(title.contains("No overall grade") && title.contains("Help and protection: Good"));
    assert_eq!(
        size,
        ("240".into(), "119".into()),
        "two judgements on three lines"
    );

    let (text, title, _) = svg_text(&out.join("authorities/west-moor/badge.svg"));
    assert!(text.contains("Not yet rated"), "{text}");
    assert!(!text.contains("Good"));
    assert!(title.contains("Not yet rated"));

    // A newer graded inspection changes the badge: it never shows a
    // rating no longer held.
    t.inspection(
        "north-dale",
        "2024-ilacs",
        "framework: ilacs\npublished: 2024-02-01\ngrades: { overall: outstanding }\n",
    );
    t.build_ok();
    let (text, _, _) = svg_text(&out.join("authorities/north-dale/badge.svg"));
    assert!(
        text.contains("Outstanding") && !text.contains("Requires"),
        "{text}"
    );
    let (text, _, _) = svg_text(&out.join("authorities/old-dale/badge.svg"));
    assert!(text.contains("Outstanding"), "{text}");
}

#[test]
fn the_authority_page_offers_the_badge_snippet_without_javascript() {
    let t = tree();
    t.build_ok();
    let h = html(t.out().join("authorities/north-dale/index.html"));
    let code: String = h
        .select(&sel(".badge-share pre code"))
        .next()
        .expect("a snippet")
        .text()
        .collect();
    let snippet = scraper::Html::parse_fragment(&code);
    let a = attr(&snippet, "a", "href").unwrap();
    assert_eq!(a, "https://example.org/portal/authorities/north-dale/");
    assert_eq!(
        attr(&snippet, "a img", "src").unwrap(),
        "https://example.org/portal/authorities/north-dale/badge.svg"
    );
    let alt = attr(&snippet, "a img", "alt").unwrap();
    assert!(alt.contains("Requires improvement to be good"), "{alt}");
    assert_eq!(attr(&snippet, "a img", "width").as_deref(), Some("240"));
    assert_eq!(attr(&snippet, "a img", "height").as_deref(), Some("80"));
    // The copy button is hidden until the script shows it.
    let button = h.select(&sel("button[data-copy]")).next().unwrap();
    assert!(button.value().attr("hidden").is_some());
    assert!(
        h.select(&sel("[role=status][aria-live=polite]"))
            .next()
            .is_some()
    );
    assert!(t.out().join("static/copy.js").is_file());
}

/// The JSON-LD object of a page.
fn jsonld(page: &Path) -> Value {
    let h = html(page);
    let s: String = h
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap_or_else(|| panic!("no JSON-LD in {}", page.display()))
        .text()
        .collect();
    serde_json::from_str(&s).unwrap()
}

#[test]
fn json_ld_gives_each_record_its_schema_org_type() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    let a = jsonld(&out.join("authorities/north-dale/index.html"));
    assert_eq!(a["@type"], "GovernmentOrganization");
    assert_eq!(a["@context"], "https://schema.org");
    assert_eq!(
        a["url"],
        "https://example.org/portal/authorities/north-dale/"
    );
    let i = jsonld(&out.join("authorities/north-dale/inspections/2019-ilacs/index.html"));
    assert_eq!(i["@type"], "Report");
    assert_eq!(i["datePublished"], "2019-07-10");
    assert_eq!(i["publisher"]["name"], "Ofsted");
    assert_eq!(i["about"]["@type"], "GovernmentOrganization");
    assert_eq!(i["about"]["name"], "north-dale Council");
    assert_eq!(
        i["url"],
        "https://example.org/portal/authorities/north-dale/inspections/2019-ilacs/"
    );
    for (page, ty) in [
        ("2019-07-12-statement", "Article"),
        ("2019-08-news", "NewsArticle"),
        ("2019-09-letter", "DigitalDocument"),
    ] {
        let r = jsonld(&out.join(format!(
            "authorities/north-dale/responses/{page}/index.html"
        )));
        assert_eq!(r["@type"], ty, "{page}");
        assert!(r["publisher"]["name"].is_string(), "{page}");
        assert!(r["datePublished"].is_string(), "{page}");
    }
}

#[test]
fn every_page_has_a_canonical_link_and_link_preview_tags() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    let mut pages = 0;
    for (rel, path) in files(&out) {
        if !rel.ends_with("index.html") {
            continue;
        }
        let h = html(&path);
        let canonical = attr(&h, "link[rel=canonical]", "href")
            .unwrap_or_else(|| panic!("{rel}: no canonical link"));
        assert!(
            canonical.starts_with("https://example.org/portal/"),
            "{rel}"
        );
        if attr(&h, "meta[http-equiv=refresh]", "content").is_some() {
            continue; // a redirect: its canonical is its target
        }
        pages += 1;
        assert_eq!(
            canonical,
            format!(
                "https://example.org/portal/{}",
                rel.trim_end_matches("index.html")
            ),
            "{rel}"
        );
        assert_eq!(
            attr(&h, "meta[property='og:url']", "content"),
            Some(canonical.clone()),
            "{rel}"
        );
        for p in ["og:title", "og:description", "og:type", "og:site_name"] {
            let v = attr(&h, &format!("meta[property='{p}']"), "content");
            assert!(v.is_some_and(|v| !v.is_empty()), "{rel}: {p}");
        }
        assert_eq!(
            attr(&h, "meta[property='og:image']", "content").as_deref(),
            Some("https://example.org/portal/static/share.png"),
            "{rel}"
        );
        assert!(
            attr(&h, "meta[name='twitter:card']", "content").is_some(),
            "{rel}"
        );
        assert!(
            attr(&h, "meta[name='twitter:title']", "content").is_some(),
            "{rel}"
        );
    }
    assert!(pages >= 10, "{pages}");
    assert!(out.join("static/share.png").is_file());
}

#[test]
fn records_pages_have_a_cite_this_page_block() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    for (page, date) in [
        ("authorities/north-dale/", "September 2019"),
        (
            "authorities/north-dale/inspections/2019-ilacs/",
            "10 July 2019",
        ),
        (
            "authorities/north-dale/responses/2019-07-12-statement/",
            "12 July 2019",
        ),
    ] {
        let h = html(out.join(page).join("index.html"));
        let cite: String = h
            .select(&sel("section.cite"))
            .next()
            .unwrap_or_else(|| panic!("{page}: no citation"))
            .text()
            .collect();
        let cite = collapse(&cite);
        assert!(cite.contains("Cite this page"), "{cite}");
        assert!(cite.contains("Test portal"), "{cite}");
        assert!(cite.contains(date), "{page}: {cite}");
        assert!(
            cite.contains(&format!("https://example.org/portal/{page}")),
            "{cite}"
        );
        assert!(cite.contains("accessed"), "{cite}");
    }
}

#[test]
fn sitemap_lastmod_comes_from_the_content_and_robots_names_the_sitemap() {
    let t = tree();
    t.build_ok();
    let sitemap = read(t.out().join("sitemap.xml"));
    let entry = |loc: &str| {
        let start = sitemap
            .find(&format!("<loc>https://example.org/portal/{loc}</loc>"))
            .unwrap_or_else(|| panic!("{loc} not in sitemap"));
        let end = start + sitemap[start..].find("</url>").unwrap();
        sitemap[start..end].to_string()
    };
    assert!(entry("authorities/north-dale/").contains("<lastmod>2019-09</lastmod>"));
    assert!(
        entry("authorities/north-dale/inspections/2019-ilacs/")
            .contains("<lastmod>2019-09</lastmod>")
    );
    assert!(
        entry("authorities/north-dale/inspections/2015-old/")
            .contains("<lastmod>2015-03</lastmod>")
    );
    assert!(
        entry("authorities/north-dale/responses/2019-08-news/")
            .contains("<lastmod>2019-08-01</lastmod>")
    );
    assert!(entry("").contains("<lastmod>2026-05-20</lastmod>"));
    assert!(!entry("pages/about/").contains("lastmod"));
    // Redirects are not in the sitemap.
    assert!(!sitemap.contains("2019-inspection"));
    let robots = read(t.out().join("robots.txt"));
    assert!(
        robots.contains("Sitemap: https://example.org/portal/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn hostile_text_stays_inert_in_json_ld_badges_and_citations() {
    let t = Tree::empty();
    copy_tree(
        &project_root().join("tests/fixtures/hostile/content"),
        &t.content(),
    );
    t.build_ok();
    let mut scripts = 0;
    for (rel, path) in files(&t.out()) {
        if rel.ends_with(".html") {
            let h = html(&path);
            for s in h.select(&sel("script[type='application/ld+json']")) {
                let text: String = s.text().collect();
                assert!(!text.contains('<') && !text.contains('>'), "{rel}: {text}");
                let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
                assert!(v["@type"].is_string(), "{rel}");
                scripts += 1;
            }
            // No script but the JSON-LD, the copy button's, the list filters',
            // search's and the helpers those two share.
            for s in h.select(&sel("script")) {
                let ty = s.value().attr("type");
                let src = s.value().attr("src");
                assert!(
                    ty == Some("application/ld+json")
                        || src.is_some_and(|s| {
                            [
                                "/static/copy.js",
                                "/static/authorities.js",
                                "/static/search.js",
                                "/static/dom.js",
                            ]
                            .iter()
                            .any(|ours| s.ends_with(ours))
                        }),
                    "{rel}: a live script"
                );
            }
        }
        if rel.ends_with("badge.svg") {
            svg_text(&path);
        }
    }
    assert!(scripts > 0);
}
