//! The national picture (issue 20): the map from `map.hexjson` (its links,
//! names, region pages, `/map.svg`, bad files and missing authorities),
//! grades over time against the rating rule computed here independently,
//! CSV beside every JSON, and the inspectors' quotes on their page.

mod common;

use std::collections::BTreeMap;

use common::*;

const MAP: &str = "content/map.hexjson";

/// Three authorities in two regions with a history of partial dates, and a
/// fourth (Far Moor) with no ONS code.
fn tree() -> Tree {
    let t = Tree::new();
    t.authority("north-dale", "ons_code: E06000001\n");
    t.authority("east-vale", "ons_code: E06000002\n");
    t.file(
        "content/authorities/south-fen/authority.yaml",
        "name: South Fen Council\nshort_name: South <Fen>\nregion: East of England\nons_code: E10000003\n",
    );
    t.inspection(
        "north-dale",
        "2010-old",
        "framework: old\npublished: 2010\ngrades: { overall: adequate }\n",
    );
    t.inspection("north-dale", "2019-ilacs", "framework: ilacs\npublished: 2019-07\ngrades: { overall: inadequate }\nquotes:\n  - text: Children wait too long.\n");
    t.inspection(
        "east-vale",
        "2018-ilacs",
        "framework: ilacs\npublished: 2018-12-31\ngrades: { overall: good }\n",
    );
    t.inspection(
        "east-vale",
        "2026-new",
        "framework: ilacs-2026\npublished: 2026-05\ngrades: { leaders: good }\n",
    );
    t.inspection(
        "south-fen",
        "2019-visit",
        "framework: focused-visit\npublished: 2019-03-01\n",
    );
    t.response("north-dale", "2019-07-02-reply", "title: We will improve\ndate: 2019-07-02\nkind: statement\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale }\nquotes:\n  - text: '=We accept, \"all\" of it.'\n    speaker: Jo Bloggs\n");
    t.file(
        MAP,
        "{\n  \"layout\": \"odd-r\",\n  \"hexes\": {\n    \"E06000001\": {\"n\": \"North\", \"q\": 1, \"r\": 2},\n    \"E06000002\": {\"n\": \"East\", \"q\": 2, \"r\": 2},\n    \"E10000003\": {\"n\": \"South\", \"q\": 1, \"r\": 0, \"region\": \"East\"}\n  }\n}\n",
    );
    t
}

/// Every hexagon link of an SVG: (href, accessible name).
fn hex_links(svg: &str) -> Vec<(String, String)> {
    let doc = scraper::Html::parse_fragment(svg);
    let sel = sel("svg a");
    doc.select(&sel)
        .map(|a| {
            let v = a.value();
            (
                v.attr("href").unwrap_or("").to_string(),
                v.attr("aria-label").unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_map_links_every_authority_with_its_rating_and_lists_the_missing() {
    let t = tree();
    t.authority("far-moor", "");
    let ran = t.build_ok();
    assert!(
        ran.stderr.contains("map.hexjson") && ran.stderr.contains("far-moor"),
        "a missing authority is a warning: {}",
        ran.stderr
    );
    let home = t.read("out/index.html");
    let links = hex_links(&home);
    assert_eq!(
        links,
        vec![
            (
                "/portal/authorities/east-vale/".into(),
                "east-vale Council: No overall grade".into()
            ),
            (
                "/portal/authorities/north-dale/".into(),
                "north-dale Council: Inadequate".into()
            ),
            (
                "/portal/authorities/south-fen/".into(),
                "South <Fen>: Not yet rated".into()
            ),
        ]
    );
    assert!(home.contains("South &lt;Fen&gt;"), "names are escaped");
    let missing = page_text(t.out().join("index.html"));
    assert!(
        missing.contains("Not on the map (no place in its layout): far-moor Council"),
        "{missing}"
    );

    // A region's page picks out its own authorities: only they are links.
    let region = t.read("out/regions/north-east/index.html");
    let names: Vec<String> = hex_links(&region).into_iter().map(|(_, n)| n).collect();
    assert_eq!(
        names,
        [
            "east-vale Council: No overall grade",
            "north-dale Council: Inadequate"
        ]
    );
    assert_eq!(
        region.matches("<polygon").count(),
        3,
        "every hexagon is drawn"
    );
    let east = t.read("out/regions/east-of-england/index.html");
    assert_eq!(hex_links(&east).len(), 1);

    // /map.svg: the same links, absolute, named; dated by the latest publication.
    let svg = t.read("out/map.svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let file_links = hex_links(&svg);
    assert_eq!(file_links.len(), 3);
    assert_eq!(
        file_links[1].0,
        "https://example.org/portal/authorities/north-dale/"
    );
    assert!(
        svg.contains("May 2026"),
        "dated by the latest publication: {svg}"
    );
    assert!(!svg.contains("<script"));
}

#[test]
fn no_map_file_means_no_map_and_everything_else_builds() {
    let t = tree();
    t.remove(MAP);
    let ran = t.build_ok();
    // Only the placeholder base URL's note (tests/publishing.rs): nothing
    // about a map.
    let warnings: Vec<&str> = ran
        .stderr
        .lines()
        .filter(|l| l.contains("warning") && !l.contains("placeholder"))
        .collect();
    assert!(warnings.is_empty(), "{}", ran.stderr);
    assert!(!t.out().join("map.svg").exists());
    assert!(!t.read("out/index.html").contains("hexmap"));
    assert!(t.out().join("ratings/index.html").exists());
}

#[test]
fn bad_map_files_fail_naming_the_file_line_and_code() {
    let cases: [(&str, &str, &[&str]); 5] = [
        (
            "not JSON",
            "{\n  \"layout\": \"odd-r\",\n  \"hexes\": {\n",
            &["map.hexjson:4"],
        ),
        ("not HexJSON", "[1, 2]\n", &["map.hexjson:1", "HexJSON"]),
        (
            "bad layout",
            "{\"layout\": \"hex\",\n\"hexes\": {}}\n",
            &["map.hexjson:1", "layout"],
        ),
        (
            "two on one cell",
            "{\"layout\": \"odd-r\", \"hexes\": {\n\"E06000001\": {\"q\": 1, \"r\": 2},\n\"E06000002\": {\"q\": 1, \"r\": 2},\n\"E10000003\": {\"q\": 0, \"r\": 0}}}\n",
            &["map.hexjson:3", "E06000002", "E06000001"],
        ),
        (
            "unknown code",
            "{\"layout\": \"odd-r\", \"hexes\": {\n\"E06000001\": {\"q\": 1, \"r\": 2},\n\"E06000002\": {\"q\": 2, \"r\": 2},\n\"E10000003\": {\"q\": 0, \"r\": 0},\n\"E99999999\": {\"q\": 5, \"r\": 5}}}\n",
            &["map.hexjson:5", "E99999999"],
        ),
    ];
    let t = tree();
    t.build_ok();
    let before = snapshot(&t.out());
    for (what, text, wanted) in cases {
        t.file(MAP, text);
        let ran = t.build();
        assert_eq!(ran.code, Some(1), "{what}: {}", ran.stderr);
        for w in wanted {
            assert!(ran.stderr.contains(w), "{what}: no {w:?} in {}", ran.stderr);
        }
        assert_unchanged(&t.out(), &before, what);
    }
}

/// The rating rule as at `date`, computed here from the tree's own facts:
/// (authority, inspection published as its earliest day, grade or state).
fn expected_at(date: &str) -> BTreeMap<&'static str, usize> {
    let history: [(&str, &str, &str); 4] = [
        ("north-dale", "2010-01-01", "adequate"),
        ("north-dale", "2019-07-01", "inadequate"),
        ("east-vale", "2018-12-31", "good"),
        ("east-vale", "2026-05-01", "no-overall-grade"),
    ];
    let mut counts = BTreeMap::new();
    for a in ["north-dale", "east-vale", "south-fen"] {
        let rating = history
            .iter()
            .filter(|(x, d, _)| *x == a && *d <= date)
            .max_by_key(|(_, d, _)| *d)
            .map_or("not-yet-rated", |(_, _, g)| *g);
        *counts.entry(rating).or_insert(0) += 1;
    }
    counts
}

#[test]
fn grades_over_time_follow_the_rating_rule_at_each_date_and_csv_matches_json() {
    let t = tree();
    t.build_ok();
    let rows = json(t.out().join("data/ratings-by-year.json"));
    let mut got: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for r in rows.as_array().unwrap() {
        let n = r["authorities"].as_u64().unwrap() as usize;
        let e = got
            .entry(r["as_at"].as_str().unwrap().to_string())
            .or_default();
        e.insert(r["rating"].as_str().unwrap().to_string(), n);
    }
    let mut dates: Vec<String> = (2010..=2025).map(|y| format!("{y}-12-31")).collect();
    dates.push("2026-05-01".into());
    assert_eq!(got.keys().cloned().collect::<Vec<_>>(), dates);
    for (date, counts) in &got {
        assert_eq!(counts.values().sum::<usize>(), 3, "{date}");
        let nonzero: BTreeMap<&str, usize> = counts
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (k.as_str(), *n))
            .collect();
        assert_eq!(nonzero, expected_at(date), "{date}");
    }
    let csv = t.read("out/data/ratings-by-year.csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("as_at,rating,authorities"));
    let from_json: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{},{},{}",
                r["as_at"].as_str().unwrap(),
                r["rating"].as_str().unwrap(),
                r["authorities"]
            )
        })
        .collect();
    assert_eq!(lines.map(String::from).collect::<Vec<_>>(), from_json);

    // /ratings/ lists each rating with its count and link, and is in the navigation.
    let ratings = page_text(t.out().join("ratings/index.html"));
    assert!(
        ratings.contains("Inadequate : 1 every authority rated Inadequate"),
        "{ratings}"
    );
    assert!(ratings.contains("Not yet rated: 1"), "{ratings}");
    assert!(
        t.read("out/index.html")
            .contains("href=\"/portal/ratings/\"")
    );
    assert!(
        t.read("out/ratings/index.html")
            .contains("href=\"/portal/data/ratings-by-year.csv\"")
    );
}

/// CSV rows: the header and each record (cells parsed by the csv crate).
fn csv_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn every_json_data_file_has_a_csv_with_the_same_rows() {
    let t = tree();
    t.build_ok();
    let authorities = json(t.out().join("data/authorities.json"));
    let (header, rows) = csv_rows(&t.read("out/data/authorities.csv"));
    assert_eq!(header[0], "slug");
    let slugs: Vec<&str> = authorities
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        slugs
    );
    let north = &rows[1];
    assert_eq!(north[5], "inadequate");
    assert_eq!(north[7], "2019-ilacs");

    let responses = json(t.out().join("data/responses.json"));
    let (header, rows) = csv_rows(&t.read("out/data/responses.csv"));
    assert_eq!(&header[..2], ["authority", "slug"]);
    assert_eq!(rows.len(), responses.as_array().unwrap().len());
    assert_eq!(
        rows[0][8], "'=We accept, \"all\" of it.",
        "formula cells stay text"
    );

    let (header, rows) = csv_rows(&t.read("out/authorities/north-dale/data.csv"));
    assert_eq!(header[0], "record");
    let kinds: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(kinds, ["authority", "inspection", "inspection", "response"]);
    let page = t.read("out/authorities/north-dale/index.html");
    assert!(page.contains("/portal/authorities/north-dale/data.csv"));
    assert!(
        t.read("out/authorities/index.html")
            .contains("/portal/data/authorities.csv")
    );
}

#[test]
fn inspectors_quotes_are_on_their_person_page_with_their_permalink() {
    let t = tree();
    t.build_ok();
    let inspection = t.read("out/authorities/north-dale/inspections/2019-ilacs/index.html");
    let id = quote_ids(
        t.out()
            .join("authorities/north-dale/inspections/2019-ilacs/index.html"),
    )
    .remove(0);
    let person = t.read("out/people/ofsted-inspectors/index.html");
    assert!(person.contains("Children wait too long."), "{person}");
    assert!(
        person.contains(&format!(
            "/portal/authorities/north-dale/inspections/2019-ilacs/#{id}"
        )),
        "permalink {id} in {person}"
    );
    assert!(inspection.contains("href=\"/portal/people/ofsted-inspectors/\""));
}
