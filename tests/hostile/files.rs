//! Every output file: of a known kind, free of live markup and of code points
//! HTML forbids; links under a sub-path base stay under it. And the fixture
//! itself carries what it claims.

use super::*;

#[test]
fn fixture_covers_what_it_claims() {
    let f = Fixture::load();
    let mut p = Problems::default();
    let mut total = 0u64;
    let files = common::files(std::path::Path::new(FIXTURE));
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
                || rel.starts_with("authorities/")
                    && (rel.ends_with("/data.json")
                        || rel.ends_with("/data.csv")
                        || rel.ends_with("/feed.xml"))
                || rel == "map.svg"
                || [
                    "feed.xml",
                    "sitemap.xml",
                    "robots.txt",
                    ".scrutiny-output",
                    "_redirects",
                    "_headers",
                ]
                .contains(&rel.as_str())
                || rel.starts_with("static/")
                // The search index: Pagefind's script, WebAssembly and gzipped index files.
                || rel.starts_with("search/pagefind/")
                || rel == "data/urls.txt"
                || rel.starts_with("authorities/") && rel.ends_with("/badge.svg");
            p.check(ok, || format!("{} unexpected output file {rel}", b.label()));
        }
        // Hosts read `_redirects` line by line: three plain fields, paths first.
        for (rel, path) in files.iter().filter(|(r, _)| r == "_redirects") {
            let text = std::fs::read_to_string(path).unwrap();
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let fields: Vec<&str> = line.split(' ').collect();
                let plain = line.chars().all(|c| c.is_ascii_graphic() || c == ' ');
                p.check(
                    plain && fields.len() == 3 && fields[..2].iter().all(|f| f.starts_with('/')),
                    || format!("{} {rel}: a rule hosts cannot read: {line:?}", b.label()),
                );
            }
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
fn sub_path_build_links_stay_under_the_base() {
    let b = sub_path_build();
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
