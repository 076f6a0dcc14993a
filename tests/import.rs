//! `scrutiny import ilacs`: the real binary on outcome files written here,
//! into empty content trees and trees with hand-written files.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const HEADER: &str = "urn,la_code,region_code,ons_code,local_authority,report_url,inspection_type,visit_from,visit_to,published,overall,leaders,help_and_protection,in_care,care_leavers";

/// Four authorities: one with a 2026 report without an overall grade, one
/// whose pre-2023 care judgements disagree, one repeated row.
const ROWS: [&str; 6] = [
    "80486,301,GL,E09000002,barking and dagenham,https://files.ofsted.gov.uk/v1/file/1,standard,2019-02-18,2019-03-01,2019-04-01,requires improvement,requires improvement,requires improvement,requires improvement,requires improvement",
    "80486,301,GL,E09000002,barking and dagenham,https://files.ofsted.gov.uk/v1/file/2,standard,2023-07-10,2023-07-21,2023-09-04,good,good,good,outstanding,good",
    "80489,304,GL,E09000005,brent,https://files.ofsted.gov.uk/v1/file/3,short,2026-04-27,2026-05-01,2026-06-17,,good,good,good,requires improvement",
    "80489,304,GL,E09000005,brent,https://files.ofsted.gov.uk/v1/file/4,,2022-01-10,2022-01-21,2022-03-01,inadequate,inadequate,inadequate,good,requires improvement",
    "80563,808,NE,E06000004,stockton-on-tees,https://files.ofsted.gov.uk/v1/file/5,standard,2023-03-06,2023-03-17,2023-05-09,requires improvement,requires improvement,requires improvement,requires improvement,requires improvement",
    "80563,808,NE,E06000004,stockton-on-tees,https://files.ofsted.gov.uk/v1/file/5,standard,2023-03-06,2023-03-17,2023-05-09,requires improvement,requires improvement,requires improvement,requires improvement,requires improvement",
];

/// The binary's `import ilacs FILE --content <tree>/content EXTRA...`.
fn import(t: &Tree, file: &Path, extra: &[&str]) -> Ran {
    let mut args: Vec<&OsStr> = vec!["import".as_ref(), "ilacs".as_ref(), file.as_os_str()];
    let content = t.content();
    args.extend([OsStr::new("--content"), content.as_os_str()]);
    args.extend(extra.iter().map(OsStr::new));
    run(args)
}

/// Writes an outcome file with the format's header into the project folder.
fn csv(t: &Tree, name: &str, rows: &[&str]) -> PathBuf {
    t.file(name, &format!("{HEADER}\n{}\n", rows.join("\n")));
    t.root().join(name)
}

/// Builds the tree and returns its `authorities.json`.
fn authorities(t: &Tree) -> Value {
    t.build_ok();
    json(t.out().join("data/authorities.json"))
}

fn rating<'a>(authorities: &'a Value, slug: &str) -> &'a Value {
    &authorities
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == slug)
        .unwrap_or_else(|| panic!("no {slug}"))["current_rating"]
}

#[test]
fn an_empty_tree_becomes_a_buildable_portal_and_a_second_run_does_nothing() {
    let t = Tree::empty();
    let csv = csv(&t, "outcomes.csv", &ROWS);
    let dry = import(&t, &csv, &[]).assert_ok().stdout.clone();
    assert!(
        dry.contains("create  authorities/brent/authority.yaml"),
        "{dry}"
    );
    assert!(dry.contains("nothing was written"), "{dry}");
    assert!(!t.content().exists(), "a dry run wrote files");

    let wrote = import(&t, &csv, &["--write"]).assert_ok().stdout.clone();
    assert!(wrote.contains("Wrote"), "{wrote}");
    assert!(
        wrote.contains("repeat an earlier row's report and add nothing: 7 (as 6)"),
        "the repeated row is reported: {wrote}"
    );
    let a = authorities(&t);
    assert_eq!(a.as_array().unwrap().len(), 3);
    let barking = rating(&a, "barking-and-dagenham");
    assert_eq!(barking["grade"], "good");
    assert_eq!(barking["published"], "2023-09-04");
    assert_eq!(barking["judgements"]["children-in-care"], "outstanding");
    // The April 2026 report has no overall grade: the judgement areas are current.
    let brent = rating(&a, "brent");
    assert!(brent["grade"].is_null());
    assert_eq!(brent["framework"], "ilacs-2026");
    assert_eq!(brent["judgements"]["care-leavers"], "requires-improvement");
    assert_eq!(brent["last_overall"]["grade"], "inadequate");
    assert_eq!(
        rating(&a, "stockton-on-tees")["grade"],
        "requires-improvement"
    );
    let authority = t.read("content/authorities/barking-and-dagenham/authority.yaml");
    assert!(
        authority.contains("name: Barking and Dagenham"),
        "{authority}"
    );
    assert!(authority.contains("region: London"), "{authority}");
    assert!(authority.contains("ons_code: E09000002"), "{authority}");

    let before = snapshot(&t.content());
    let again = import(&t, &csv, &["--write"]).assert_ok().stdout.clone();
    assert!(again.contains("Nothing to do"), "{again}");
    assert_eq!(snapshot(&t.content()), before);
}

#[test]
fn combined_care_judgements_that_disagree_are_noted_not_guessed() {
    let t = Tree::empty();
    import(&t, &csv(&t, "o.csv", &ROWS), &["--write"]).assert_ok();
    let brent_2022 = t.read("content/authorities/brent/inspections/2022-01-ilacs.md");
    assert!(!brent_2022.contains("children-in-care"), "{brent_2022}");
    assert!(brent_2022.contains("notes:"), "{brent_2022}");
    let barking_2019 =
        t.read("content/authorities/barking-and-dagenham/inspections/2019-02-ilacs.md");
    assert!(
        barking_2019.contains("children-in-care-and-care-leavers: requires-improvement"),
        "{barking_2019}"
    );
    authorities(&t);
    let page = read(
        t.out()
            .join("authorities/brent/inspections/2022-01-ilacs/index.html"),
    );
    assert!(
        page.contains("two grades for that judgement"),
        "the note is on the page"
    );
}

#[test]
fn what_editors_wrote_survives_a_reimport() {
    let t = Tree::empty();
    let csv = csv(&t, "o.csv", &ROWS);
    import(&t, &csv, &["--write"]).assert_ok();
    let yaml = t.content().join("authorities/brent/authority.yaml");
    fs::write(&yaml, "name: London Borough of Brent\nregion: London\n").unwrap();
    let insp = t
        .content()
        .join("authorities/brent/inspections/2026-04-ilacs-2026.md");
    let edited = format!(
        "{}\nInspectors found *strong* practice.\n",
        t.read("content/authorities/brent/inspections/2026-04-ilacs-2026.md")
    );
    fs::write(&insp, &edited).unwrap();
    let out = import(&t, &csv, &["--write"]).assert_ok().stdout.clone();
    // The missing ONS code is added back; the name and body stay as written.
    assert!(
        out.contains("change  authorities/brent/authority.yaml  add ons_code"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(&yaml).unwrap(),
        "name: London Borough of Brent\nregion: London\nons_code: E09000005\n"
    );
    assert_eq!(fs::read_to_string(&insp).unwrap(), edited);
    assert_eq!(
        rating(&authorities(&t), "brent")["judgements"]["leaders"],
        "good"
    );
}

const SEED: &str = "---\r\nframework: ilacs\r\ntitle: Hand-written\r\nvisit: { from: \"2023-03\", to: \"2023-03\" }\r\npublished: \"2023-05\"\r\ngrades:\r\n  overall: inadequate   # as the council reported it\r\nquotes:\r\n  - text: \"Verbatim words\"\r\n    speaker: A Person\r\n---\r\n\r\nOur own summary.\r\n";

fn seeded() -> Tree {
    let t = Tree::empty();
    t.bytes(
        "content/site.yaml",
        b"title: T\nbase_url: https://example.org/\n",
    );
    t.bytes(
        "content/frameworks.yaml",
        &fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/frameworks.yaml")).unwrap(),
    );
    t.bytes(
        "content/authorities/stockton/authority.yaml",
        b"name: Stockton-on-Tees Borough Council\nregion: North East\naliases: [stockton-on-tees]\n",
    );
    t.bytes(
        "content/authorities/stockton/inspections/2023-spring.md",
        SEED.as_bytes(),
    );
    t
}

#[test]
fn hand_written_inspections_are_recognised_and_their_grades_kept() {
    let t = seeded();
    let out = import(&t, &csv(&t, "o.csv", &ROWS[4..5]), &["--write"])
        .assert_ok()
        .stdout
        .clone();
    // Matched by alias (no ONS code yet) and by framework and publication month.
    assert!(
        out.contains("change  authorities/stockton/authority.yaml  add ons_code"),
        "{out}"
    );
    assert!(
        out.contains("differs  authorities/stockton/inspections/2023-spring.md"),
        "{out}"
    );
    assert!(
        out.contains("`grades.overall` is `inadequate` in the file, `requires-improvement`"),
        "{out}"
    );
    assert!(!t.content().join("authorities/stockton-on-tees").exists());
    let files: Vec<_> = fs::read_dir(t.content().join("authorities/stockton/inspections"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1, "no duplicate inspection");
    let md = t.read("content/authorities/stockton/inspections/2023-spring.md");
    assert!(
        md.starts_with(SEED.split("quotes:").next().unwrap()),
        "{md}"
    );
    assert!(md.contains("  overall: inadequate   # as the council reported it\r\n  leaders: requires-improvement\r\n"), "{md}");
    assert!(md.contains("report:\r\n  url: https://files.ofsted.gov.uk/v1/file/5\r\n---\r\n\r\nOur own summary.\r\n"), "{md}");
    assert_eq!(rating(&authorities(&t), "stockton")["grade"], "inadequate");
    // An older file after a newer one changes nothing already there.
    let before = snapshot(&t.content());
    let again = import(&t, &csv(&t, "old.csv", &ROWS[4..5]), &["--write"])
        .assert_ok()
        .stdout
        .clone();
    assert!(again.contains("Nothing to do"), "{again}");
    assert_eq!(snapshot(&t.content()), before);
}

#[test]
fn untrustworthy_rows_fail_the_import_unless_skipped() {
    let t = seeded();
    let bad = [
        ROWS[0],
        "1,2,XX,E09000005,brent,https://e.org/9,standard,2019-07-15,2019-07-26,2019-08-27,,good,to requires improvement,good,good",
        "1,2,GL,E0900000X,brent,https://e.org/9,standard,,,,good,good,good,good,good",
        "1,2,NW,E10000006,cumberland,https://e.org/10,standard,2024-01-01,2024-01-05,2024-03-01,good,good,good,good,good",
        "1,2,NW,E10000006,westmorland and furness,https://e.org/11,standard,2024-01-01,2024-01-05,2024-03-01,good,good,good,good,good",
    ];
    let csv = csv(&t, "bad.csv", &bad);
    let before = snapshot(&t.content());
    let o = import(&t, &csv, &["--write"]);
    assert_eq!(o.code, Some(1));
    let err = o.stderr.clone();
    for expected in [
        "row 3 (Brent, E09000005), column `region_code`: `XX`",
        "row 3 (Brent, E09000005), column `help_and_protection`: `to requires improvement`",
        "row 3 (Brent, E09000005), column `overall`: blank",
        "row 4 (Brent, E0900000X), column `ons_code`: `E0900000X`",
        "row 4 (Brent, E0900000X), column `published`: blank",
        "row 5 (Cumberland, E10000006), column `ons_code`: `E10000006`; expected a code of this area alone, but row 6 gives it to `westmorland and furness`",
        "row 6 (Westmorland and Furness, E10000006), column `ons_code`",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in {err}");
    }
    assert_eq!(snapshot(&t.content()), before, "nothing was written");

    let out = import(&t, &csv, &["--write", "--skip-bad"])
        .assert_ok()
        .stdout
        .clone();
    assert!(out.contains("skipped  row 3"), "{out}");
    assert!(
        t.content()
            .join("authorities/barking-and-dagenham")
            .exists()
    );
    assert!(!t.content().join("authorities/brent").exists());
    assert!(!t.content().join("authorities/cumberland").exists());
}

#[test]
fn files_that_are_not_outcome_files_are_refused_cleanly() {
    let t = seeded();
    let before = snapshot(&t.content());
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.csv", b"", "empty"),
        (
            "header.csv",
            format!("{HEADER}\n").as_bytes().to_vec().leak(),
            "no rows",
        ),
        (
            "columns.csv",
            b"urn,name,grade\n1,x,good\n",
            "no column `la_code`",
        ),
        ("latin1.csv", b"urn,la_code\n1,caf\xe9\n", "not valid UTF-8"),
        ("binary.csv", b"\x00\x01\x02\xff\xfe", "not valid UTF-8"),
    ];
    for (name, bytes, says) in cases {
        t.bytes(name, bytes);
        let o = import(&t, &t.root().join(name), &["--write"]);
        assert_eq!(o.code, Some(1), "{name}");
        let err = o.stderr.clone();
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = import(&t, &t.root().join("missing.csv"), &["--write"]);
    assert_eq!(o.code, Some(2));
    assert!(o.stderr.clone().contains("missing.csv"));
    assert_eq!(snapshot(&t.content()), before);
}

#[test]
fn an_invalid_content_tree_is_refused_before_anything_is_written() {
    let t = seeded();
    t.bytes(
        "content/authorities/stockton/inspections/broken.md",
        b"---\nframework: [\n---\n",
    );
    let before = snapshot(&t.content());
    let o = import(&t, &csv(&t, "o.csv", &ROWS), &["--write"]);
    assert_eq!(o.code, Some(1));
    assert!(
        o.stderr.clone().contains("broken.md"),
        "{}",
        o.stderr.clone()
    );
    assert_eq!(snapshot(&t.content()), before);
}
