//! The editor's guide (`docs/content-format.md`): its worked example builds,
//! with the project's own settings, into the pages the guide says it does.

mod common;

use common::*;

/// The worked example's files: each "`content/...`" line followed by a
/// fenced block, as (path, text).
fn worked_example() -> Vec<(String, String)> {
    let guide = read(project_root().join("docs/content-format.md"));
    let section = guide
        .split("## A worked example")
        .nth(1)
        .expect("the guide has a worked example");
    let mut files = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line.strip_prefix('`').and_then(|l| l.strip_suffix('`')) else {
            continue;
        };
        if !path.starts_with("content/") {
            continue;
        }
        assert!(
            lines.by_ref().any(|l| l.starts_with("```")),
            "{path}: no block"
        );
        let text: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        files.push((path.to_string(), text.join("\n") + "\n"));
    }
    files
}

#[test]
fn the_guides_worked_example_builds_as_it_says() {
    let t = Tree::empty();
    for f in ["site.yaml", "frameworks.yaml"] {
        t.file(
            &format!("content/{f}"),
            &read(project_root().join("content").join(f)),
        );
    }
    let files = worked_example();
    assert_eq!(files.len(), 3, "{files:?}");
    for (path, text) in &files {
        t.file(path, text);
    }
    let built = t.build_ok();
    // The project's site.yaml has a placeholder base URL: that note only.
    let warnings: Vec<&str> = built
        .stderr
        .lines()
        .filter(|l| l.contains("warning") && !l.contains("placeholder"))
        .collect();
    assert!(warnings.is_empty(), "{}", built.stderr);
    let out = t.out();
    let a = "authorities/north-dale";
    let authority = page_text(out.join(a).join("index.html"));
    assert!(
        authority.contains("Requires improvement to be good"),
        "{authority}"
    );
    assert!(read(out.join(a).join("latest/index.html")).contains("inspections/2019-05-ilacs/"));
    let inspection = page_text(out.join(a).join("inspections/2019-05-ilacs/index.html"));
    for want in [
        "13 May 2019 to 16 May 2019",
        "July 2019",
        "Requires improvement to be good",
        "Good",
        "Ofsted inspectors",
        "We will improve, says council",
    ] {
        assert!(inspection.contains(want), "{want:?} not in {inspection}");
    }
    let response = page_text(
        out.join(a)
            .join("responses/2019-07-02-we-will-improve/index.html"),
    );
    for want in [
        "2 July 2019",
        "We accept the findings in full.",
        "Recruit twenty more social workers",
    ] {
        assert!(response.contains(want), "{want:?} not in {response}");
    }
    assert!(
        page_text(out.join("people/jo-bloggs/index.html"))
            .contains("We accept the findings in full.")
    );
    let data = json(out.join("data/authorities.json"));
    let rating = &data[0]["current_rating"];
    assert_eq!(data[0]["slug"], "north-dale");
    assert_eq!(rating["grade"], "requires-improvement");
    assert_eq!(rating["published"], "2019-07");
    for f in ["feed.xml", "sitemap.xml", "data/inspections.csv"] {
        assert!(read(out.join(f)).contains("2019-05-ilacs"), "{f}");
    }
}
