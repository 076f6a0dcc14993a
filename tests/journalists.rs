//! The journalists' features, on trees built here: quote permalinks, browse
//! pages, changes between inspections, feeds and per-authority data.

mod common;

use std::collections::HashSet;

use common::*;

const QUOTES: &str = "framework: ilacs\npublished: 2019-07\ngrades: { overall: good }\nquotes:\n  - { text: First words, speaker: Ann Lee, role: Leader }\n  - { text: Second words, speaker: Ann Lee }\n  - { text: First words, speaker: Ann Lee }\n";

#[test]
fn quote_permalinks_are_unique_stable_and_linked_from_people_pages() {
    let t = Tree::new();
    t.authority("a-town", "")
        .inspection("a-town", "2019-ilacs", QUOTES);
    t.build_ok();
    let page = t
        .out()
        .join("authorities/a-town/inspections/2019-ilacs/index.html");
    let ids = quote_ids(&page);
    assert_eq!(ids.len(), 3);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        3,
        "unique: {ids:?}"
    );
    let text = read(&page);
    for id in &ids {
        assert!(text.contains(&format!("href=\"#{id}\"")), "a link to {id}");
    }
    // A quote added before the others, and a second build: the ids stay.
    t.replace(
        "content/authorities/a-town/inspections/2019-ilacs.md",
        "quotes:\n",
        "quotes:\n  - { text: New words, speaker: Bo Day }\n",
    );
    t.build_ok();
    let again = quote_ids(&page);
    assert_eq!(&again[1..], &ids[..]);
    // The person page links each of their quotes by its permalink.
    let person = read(t.out().join("people/ann-lee/index.html"));
    for id in &ids {
        assert!(
            person.contains(&format!("/authorities/a-town/inspections/2019-ilacs/#{id}")),
            "{id} in {person}"
        );
    }
}

/// Four authorities in three regions, across three frameworks and scales.
fn country() -> Tree {
    let t = Tree::new();
    t.authority("north-dale", "")
        .authority("south-fell", "")
        .authority("east-moor", "")
        .authority("west-vale", "");
    for (slug, region) in [
        ("north-dale", "North East"),
        ("south-fell", "North East"),
        ("east-moor", "Yorkshire and the Humber"),
        ("west-vale", "London"),
    ] {
        t.file(
            &format!("content/authorities/{slug}/authority.yaml"),
            &format!("name: {slug} Council\nregion: {region}\n"),
        );
    }
    // north-dale: Adequate (2010) → Good (2019) → Inadequate (2023).
    t.inspection("north-dale", "2010-old", "framework: old\npublished: 2010-05\ngrades: { overall: adequate }\n")
        .inspection("north-dale", "2019-ilacs", "framework: ilacs\npublished: 2019-07\ngrades: { overall: good, leaders: good }\nstrengths: [Stable workforce]\n")
        .inspection("north-dale", "2021-fv", "framework: focused-visit\npublished: 2021-03\n")
        .inspection("north-dale", "2023-ilacs", "framework: ilacs\npublished: 2023-02\ngrades: { overall: inadequate, leaders: good }\nconcerns: [Weak oversight]\n")
        .response("north-dale", "2019-r", "title: We will improve\ndate: 2019-08\nkind: press-release\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale Council }\ncommitments: [Hire forty social workers]\nquotes:\n  - { text: We are proud, speaker: Ann Lee, role: Leader }\n");
    // south-fell: Good (2019) → no overall grade (2026).
    t.inspection("south-fell", "2019-ilacs", "framework: ilacs\npublished: 2019-11\ngrades: { overall: good, leaders: requires-improvement }\n")
        .inspection("south-fell", "2026-ilacs", "framework: ilacs-2026\npublished: 2026-06\ngrades: { help-and-protection: good, leaders: requires-improvement }\n");
    // east-moor: one inspection; west-vale: none.
    t.inspection(
        "east-moor",
        "2023-ilacs",
        "framework: ilacs\npublished: 2023-09\ngrades: { overall: good }\n",
    );
    t
}

/// The site-relative links of a page's list items under `selector`.
fn links(page: &std::path::Path, selector: &str) -> Vec<String> {
    let doc = html(page);
    let sel = sel(selector);
    doc.select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(|h| h.trim_start_matches("/portal/").to_string())
        .collect()
}

#[test]
fn browse_pages_hold_exactly_the_right_authorities_and_inspections() {
    let t = country();
    t.build_ok();
    let o = t.out();
    let rows = |rel: &str| {
        let mut l = links(&o.join(rel), "table.authorities tbody th a");
        l.sort();
        l
    };
    assert_eq!(rows("ratings/good/index.html"), ["authorities/east-moor/"]);
    assert_eq!(
        rows("ratings/inadequate/index.html"),
        ["authorities/north-dale/"]
    );
    assert_eq!(
        rows("ratings/no-overall-grade/index.html"),
        ["authorities/south-fell/"]
    );
    assert_eq!(
        rows("ratings/not-yet-rated/index.html"),
        ["authorities/west-vale/"]
    );
    // A grade no one holds keeps its page, empty.
    assert!(rows("ratings/outstanding/index.html").is_empty());
    assert!(rows("ratings/adequate/index.html").is_empty());
    assert_eq!(
        rows("regions/north-east/index.html"),
        ["authorities/north-dale/", "authorities/south-fell/"]
    );
    assert_eq!(
        rows("regions/yorkshire-and-the-humber/index.html"),
        ["authorities/east-moor/"]
    );
    assert_eq!(rows("authorities/index.html").len(), 4);
    let year = links(&o.join("inspections/2019/index.html"), "ul.items > li > a");
    assert_eq!(
        year,
        [
            "authorities/south-fell/inspections/2019-ilacs/",
            "authorities/north-dale/inspections/2019-ilacs/"
        ]
    );
    let all = links(&o.join("inspections/index.html"), "ul.items > li > a");
    assert_eq!(all.len(), 7, "{all:?}");
    assert_eq!(
        all[0], "authorities/south-fell/inspections/2026-ilacs/",
        "newest first"
    );
    let old = links(&o.join("frameworks/old/index.html"), "ul.items > li > a");
    assert_eq!(old, ["authorities/north-dale/inspections/2010-old/"]);
    // The home page's region table: each region's row counts its authorities.
    let home = html(o.join("index.html"));
    let row = sel("table.region-table tbody tr");
    let cell = sel("th, td");
    let rows: Vec<Vec<String>> = home
        .select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| collapse(&c.text().collect::<String>()))
                .collect()
        })
        .collect();
    // Columns: Good, Inadequate, No overall grade, Not yet rated, All.
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1], ["North East", "0", "1", "1", "0", "2"], "{rows:?}");
    assert_eq!(rows[0], ["London", "0", "0", "0", "1", "1"], "{rows:?}");
    let regions = read(o.join("regions/index.html"));
    for r in ["North East", "London", "Yorkshire and the Humber"] {
        assert!(regions.contains(r), "{r}");
    }
    // Every list page links the data behind it.
    for page in [
        "authorities/index.html",
        "inspections/index.html",
        "regions/index.html",
        "ratings/good/index.html",
    ] {
        assert!(read(o.join(page)).contains("/portal/data/"), "{page}");
    }
    t.check(&[]).assert_ok();
}

/// The change column of an inspection page's judgements, by judgement label.
fn changes(t: &Tree, rel: &str) -> Vec<(String, String)> {
    let doc = html(t.out().join(rel));
    let row = sel("#judgements-heading ~ div table tbody tr");
    let cell = sel("th, td");
    doc.select(&row)
        .map(|r| {
            let cells: Vec<String> = r
                .select(&cell)
                .map(|c| collapse(&c.text().collect::<String>()))
                .collect();
            (cells[0].clone(), cells[2].clone())
        })
        .collect()
}

#[test]
fn each_judgement_says_how_it_changed_since_the_previous_graded_inspection() {
    let t = country();
    t.build_ok();
    let ch = |rel: &str| changes(&t, &format!("authorities/{rel}/index.html"));
    // Adequate (rank 3) → Good (rank 2): improved across scales; leaders new.
    assert_eq!(
        ch("north-dale/inspections/2019-ilacs"),
        [
            ("Overall effectiveness".into(), "Improved".into()),
            ("Leaders".into(), "Not comparable".into())
        ]
    );
    // The focused visit in between is ungraded and skipped.
    assert_eq!(
        ch("north-dale/inspections/2023-ilacs"),
        [
            ("Overall effectiveness".into(), "Declined".into()),
            ("Leaders".into(), "Unchanged".into())
        ]
    );
    assert_eq!(
        ch("north-dale/inspections/2010-old"),
        [(
            "Overall effectiveness".to_string(),
            "Not comparable".to_string()
        )]
    );
    // No overall judgement in 2026: leaders compared, the new area not comparable.
    assert_eq!(
        ch("south-fell/inspections/2026-ilacs"),
        [
            ("Help and protection".into(), "Not comparable".into()),
            ("Leaders".into(), "Unchanged".into())
        ]
    );
    // The home page lists the latest changes of rating, newest first.
    let home = links(
        &t.out().join("index.html"),
        "#changes-heading ~ ul.items > li > a",
    );
    assert_eq!(
        home,
        [
            "authorities/north-dale/inspections/2023-ilacs/",
            "authorities/north-dale/inspections/2019-ilacs/"
        ]
    );
    // Promises stand beside what the next inspection or visit found.
    let page = read(t.out().join("authorities/north-dale/index.html"));
    let promises = &page[page.find("promises-heading").expect("a promises section")..];
    let kept = promises.find("Hire forty social workers").unwrap();
    let next = promises
        .find("/portal/authorities/north-dale/inspections/2021-fv/")
        .unwrap();
    assert!(kept < next, "the commitment, then the next visit");
}

#[test]
fn authority_feeds_and_data_agree_with_the_site_wide_files() {
    let t = country();
    t.build_ok();
    let o = t.out();
    let authorities = json(o.join("data/authorities.json"));
    let inspections = json(o.join("data/inspections.json"));
    let responses = json(o.join("data/responses.json"));
    for a in authorities.as_array().unwrap() {
        let slug = a["slug"].as_str().unwrap();
        let data = json(o.join(format!("authorities/{slug}/data.json")));
        let mut own = data.clone();
        let own = own.as_object_mut().unwrap();
        let mine = |all: &serde_json::Value| -> Vec<serde_json::Value> {
            all.as_array()
                .unwrap()
                .iter()
                .filter(|x| x["authority"] == slug)
                .cloned()
                .collect()
        };
        assert_eq!(
            own.remove("inspections").unwrap(),
            serde_json::Value::from(mine(&inspections))
        );
        assert_eq!(
            own.remove("responses").unwrap(),
            serde_json::Value::from(mine(&responses))
        );
        assert_eq!(serde_json::Value::from(own.clone()), *a, "{slug}");

        let bytes = std::fs::read(o.join(format!("authorities/{slug}/feed.xml"))).unwrap();
        let feed = atom_syndication::Feed::read_from(&bytes[..]).unwrap();
        let expected = mine(&inspections).len() + mine(&responses).len();
        assert_eq!(feed.entries().len(), expected, "{slug}");
        for e in feed.entries() {
            assert!(
                !e.authors().is_empty(),
                "{slug}: {} has no author",
                e.title().as_str()
            );
        }
    }
    let site =
        atom_syndication::Feed::read_from(&std::fs::read(o.join("feed.xml")).unwrap()[..]).unwrap();
    assert!(site.entries().iter().all(|e| !e.authors().is_empty()));
    let authors: Vec<&str> = site
        .entries()
        .iter()
        .map(|e| e.authors()[0].name())
        .collect();
    assert!(authors.contains(&"Ofsted") && authors.contains(&"North Dale Council"));
}
