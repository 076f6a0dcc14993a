//! Search at `/search/`: the Pagefind index `scrutiny build` writes, read
//! back from its files (each record's fragment is gzipped JSON), and kept or
//! rebuilt as its records change. The browser suite searches it for real.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::*;
use serde_json::Value;

const INDEX: &str = "search/pagefind";

/// Every record of a built index, by URL: Pagefind's fragment files are
/// gzipped, with a `pagefind_dcd` signature before the JSON.
fn records(out: &Path) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    let dir = out.join(INDEX).join("fragment");
    if !dir.exists() {
        return all;
    }
    for (rel, path) in files(&dir) {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut text)
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
        let json = text
            .strip_prefix(b"pagefind_dcd")
            .expect("Pagefind's signature");
        let record: Value = serde_json::from_slice(json).unwrap();
        all.insert(record["url"].as_str().unwrap().to_string(), record);
    }
    all
}

fn filter<'v>(record: &'v Value, name: &str) -> Vec<&'v str> {
    record["filters"][name]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
        .unwrap_or_default()
}

/// Two authorities in two regions; one inspection with two quotes, one
/// response with one.
fn tree() -> Tree {
    let t = Tree::new();
    t.authority("north-dale", "")
        .file(
            "content/authorities/south-vale/authority.yaml",
            "name: South Vale Council\nregion: London\n",
        )
        .file(
            "content/authorities/north-dale/inspections/2019-ilacs.md",
            "---\nframework: ilacs\npublished: 2019-07\ngrades: { overall: good, leaders: inadequate }\nquotes:\n  - { text: Leaders know their services well, speaker: Ann Lee, role: Leader }\n  - { text: \"Children <b>are</b> heard & helped\" }\n---\nInspectors found a *marmalade* approach to planning.\n",
        )
        .response(
            "north-dale",
            "2019-r",
            "title: We will improve\ndate: 2020-01\nkind: press-release\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale Council }\ncommitments: [Hire forty social workers, ___PAGEFIND_ANCHOR___h2:0:fake]\nquotes:\n  - { text: We are proud of our staff, speaker: Bo Day, role: Director }\n",
        );
    t
}

/// A record's quotes as its anchors mark them: (id, who said it, what was
/// said), each a run of the record's words (`content`, split at spaces).
fn quotes(record: &Value) -> Vec<(String, String, String)> {
    let words: Vec<&str> = record["content"].as_str().unwrap().split(' ').collect();
    let anchors = record["anchors"].as_array().unwrap();
    let at = |i: usize| {
        anchors
            .get(i)
            .map(|a| a["location"].as_u64().unwrap() as usize)
    };
    let mut out = Vec::new();
    for (i, pair) in anchors.chunks(2).enumerate() {
        let (cite, said) = (&pair[0], &pair[1]);
        assert_eq!(
            (cite["element"].as_str(), said["element"].as_str()),
            (Some("cite"), Some("blockquote"))
        );
        assert_eq!(
            cite["id"], said["id"],
            "both sections of a quote carry its id"
        );
        let end = at(2 * i + 2).unwrap_or(words.len());
        out.push((
            cite["id"].as_str().unwrap().to_string(),
            words[at(2 * i).unwrap()..at(2 * i + 1).unwrap()].join(" "),
            words[at(2 * i + 1).unwrap()..end].join(" "),
        ));
    }
    out
}

#[test]
fn every_authority_inspection_and_response_is_a_record_with_its_filters_and_its_quotes_anchored() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    let got = records(&out);
    let insp = "/portal/authorities/north-dale/inspections/2019-ilacs/";
    let resp = "/portal/authorities/north-dale/responses/2019-r/";
    let resp_ids = quote_ids(out.join("authorities/north-dale/responses/2019-r/index.html"));
    // The inspection's page also shows the responses' quotes.
    let insp_ids: Vec<String> =
        quote_ids(out.join("authorities/north-dale/inspections/2019-ilacs/index.html"))
            .into_iter()
            .filter(|id| !resp_ids.contains(id))
            .collect();
    assert_eq!(insp_ids.len(), 2);
    let want = [
        "/portal/authorities/north-dale/",
        "/portal/authorities/south-vale/",
        insp,
        resp,
    ];
    let mut want: Vec<String> = want.map(String::from).to_vec();
    want.sort();
    assert_eq!(got.keys().cloned().collect::<Vec<_>>(), want);

    let inspection = &got[insp];
    assert_eq!(filter(inspection, "kind"), ["Inspection", "Quote"]);
    assert_eq!(filter(inspection, "region"), ["North East"]);
    assert_eq!(filter(inspection, "grade"), ["Good"]);
    assert_eq!(filter(inspection, "year"), ["2019"]);
    let text = inspection["content"].as_str().unwrap();
    assert!(text.contains("marmalade approach"), "{text}");
    assert!(text.contains("Leaders: Inadequate"), "{text}");
    // Each quote at its permalink's id, after the record's own words; words
    // as written: the index holds text, and the page shows it as text.
    let q = quotes(inspection);
    let want = [
        (
            &insp_ids[0],
            "Ann Lee, Leader",
            "Leaders know their services well",
        ),
        (
            &insp_ids[1],
            "Ofsted inspectors",
            "Children <b>are</b> heard & helped",
        ),
    ];
    assert_eq!(q.len(), want.len(), "{q:?}");
    for ((id, who, said), (want_id, want_who, want_said)) in q.iter().zip(want) {
        assert_eq!(
            (id, who.as_str(), said.as_str()),
            (want_id, want_who, want_said)
        );
    }
    assert!(text.find("marmalade").unwrap() < text.find("Leaders know").unwrap());

    let response = &got[resp];
    assert_eq!(filter(response, "kind"), ["Response", "Quote"]);
    // An editor's word that looks like Pagefind's mark is a word.
    let q = quotes(response);
    assert_eq!(q.len(), 1);
    assert!(
        response["content"]
            .as_str()
            .unwrap()
            .contains("___PAGEFIND_ANCHOR___h2:0:fake"),
        "{response}"
    );
    assert_eq!(
        (&q[0].0, q[0].1.as_str()),
        (&resp_ids[0], "Bo Day, Director")
    );
    assert_eq!(filter(response, "year"), ["2020"]);
    assert!(
        response["content"]
            .as_str()
            .unwrap()
            .contains("Hire forty social workers")
    );

    let south = &got["/portal/authorities/south-vale/"];
    assert_eq!(filter(south, "kind"), ["Authority"]);
    assert_eq!(filter(south, "region"), ["London"]);
    assert_eq!(filter(south, "grade"), ["Not yet rated"]);
    assert!(filter(south, "year").is_empty());
}

#[test]
fn the_search_page_offers_every_filter_value_and_works_without_its_ui_bundles() {
    let t = tree();
    t.build_ok();
    let out = t.out();
    let page = read(out.join("search/index.html"));
    let doc = html(out.join("search/index.html"));
    let options = |id: &str| -> Vec<String> {
        let sel = sel(&format!("#{id} option"));
        doc.select(&sel)
            .map(|o| o.text().collect::<String>())
            .collect()
    };
    assert_eq!(
        options("search-kind"),
        ["Any kind", "Authority", "Inspection", "Response", "Quote"]
    );
    assert_eq!(
        options("search-region"),
        ["Any region", "London", "North East"]
    );
    assert_eq!(
        options("search-grade"),
        ["Any rating", "Good", "Not yet rated"]
    );
    assert_eq!(options("search-year"), ["Any year", "2020", "2019"]);
    assert!(
        page.contains("data-index=\"/portal/search/pagefind/\""),
        "{page}"
    );
    assert!(page.contains("needs JavaScript"), "{page}");
    assert!(
        page.contains("href=\"/portal/authorities/\""),
        "links to the browse pages"
    );
    for needed in ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"] {
        assert!(out.join(INDEX).join(needed).is_file(), "{needed}");
    }
    assert!(!out.join(INDEX).join("pagefind-ui.js").exists());
    assert!(out.join("static/search.js").is_file());
}

/// Inode numbers of the index's files, by path.
fn inodes(out: &Path) -> BTreeMap<String, u64> {
    files(&out.join(INDEX))
        .into_iter()
        .map(|(rel, p)| (rel, std::fs::metadata(p).unwrap().ino()))
        .collect()
}

#[test]
fn the_index_is_kept_while_its_records_stay_and_rebuilt_when_they_change() {
    let t = tree();
    t.build_ok();
    let first = inodes(&t.out());
    assert!(
        t.build_ok().nothing_changed(),
        "a second build writes nothing"
    );

    // A template change re-renders pages but leaves the records as they were.
    t.file(
        "templates/search.html",
        &read(project_root().join("templates/search.html"))
            .replace("<h1>Search</h1>", "<h1>Find</h1>"),
    );
    t.build_ok();
    assert!(read(t.out().join("search/index.html")).contains("<h1>Find</h1>"));
    assert_eq!(
        inodes(&t.out()),
        first,
        "the same files, linked from the last build"
    );

    // An edited summary is searchable at once, and its old words are gone.
    t.replace(
        "content/authorities/north-dale/inspections/2019-ilacs.md",
        "marmalade",
        "tangerine",
    );
    t.build_ok();
    let got = records(&t.out());
    let text = got["/portal/authorities/north-dale/inspections/2019-ilacs/"]["content"]
        .as_str()
        .unwrap();
    assert!(
        text.contains("tangerine") && !text.contains("marmalade"),
        "{text}"
    );
    assert_ne!(inodes(&t.out()), first);
}

#[test]
fn an_index_damaged_by_hand_is_built_again_whole() {
    let t = tree();
    t.build_ok();
    let index = t.out().join(INDEX);
    std::fs::remove_file(index.join("pagefind-entry.json")).unwrap();
    std::fs::write(
        index.join("pagefind.js"),
        "// changed by hand, longer than before",
    )
    .unwrap();
    t.build_ok();
    t.build_to("clean", &[]).assert_ok();
    assert_same_tree(
        &t.out(),
        &t.root().join("clean"),
        "after repairing the index",
    );
}

#[test]
fn a_site_without_authorities_still_has_a_working_search_page() {
    let t = Tree::new();
    t.build_ok();
    assert!(t.out().join("search/index.html").is_file());
    assert!(t.out().join(INDEX).join("pagefind-entry.json").is_file());
    assert!(records(&t.out()).is_empty());
}

/// Every file of the index, by path, as its bytes.
fn index_bytes(out: &Path) -> BTreeMap<String, Vec<u8>> {
    files(&out.join(INDEX))
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
        .collect()
}

#[test]
fn two_clean_builds_and_an_incremental_one_write_the_same_index_byte_for_byte() {
    let t = tree();
    t.build_ok();
    let first = index_bytes(&t.out());
    t.build_to("again", &[]).assert_ok();
    let again = index_bytes(&t.root().join("again"));
    assert!(first.len() > 5, "{:?}", first.keys());
    assert_eq!(first, again, "two clean builds differ");

    // An edit, built on top of the previous output and cleanly elsewhere.
    t.file(
        "content/authorities/south-vale/authority.yaml",
        "name: South Vale Borough Council\nregion: London\n",
    );
    t.build_ok();
    t.build_to("clean", &[]).assert_ok();
    let incremental = index_bytes(&t.out());
    assert_ne!(incremental, first, "the edit changed no index file");
    assert_eq!(incremental, index_bytes(&t.root().join("clean")));
}

#[test]
fn the_index_format_is_pinned_to_the_pagefind_version_it_was_compared_with() {
    let lock = include_str!("../Cargo.lock");
    let locked = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"pagefind\"\n"))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .map(|v| v.trim_matches('"'))
        .expect("pagefind in Cargo.lock");
    assert_eq!(
        locked,
        scrutiny::render::search::FORMAT_OF,
        "the pagefind crate (the search client's source) is now {locked}, but the index \
         writer's format was checked against pagefind {}: run the browser suite's \
         comparison (tests/browser/compare-search.mjs, in scripts/test), fix the writer \
         if it differs, then set meta::VERSION in src/render/search/writer/meta.rs",
        scrutiny::render::search::FORMAT_OF,
    );
}

/// The size a file may grow to in the test of an index that cannot be written:
/// bigger than any page of the test tree, smaller than the client's script
/// and WebAssembly, the first files of the index written.
const FILE_SIZE_LIMIT: u64 = 40_000;

#[test]
fn an_index_that_cannot_be_written_is_an_io_error_naming_its_file_and_keeps_the_previous_site() {
    use std::os::unix::process::CommandExt;
    let t = tree();
    t.build_ok();
    let before = snapshot(&t.out());
    // A changed record, so the index is written anew rather than kept.
    t.replace(
        "content/authorities/north-dale/inspections/2019-ilacs.md",
        "marmalade",
        "quince",
    );
    let mut cmd = bin();
    cmd.arg("build")
        .arg("--content")
        .arg(t.content())
        .arg("--output")
        .arg(t.out());
    // Root may write anywhere, so the disk is made "full" instead: a file
    // may not grow past the limit (EFBIG, with the signal that would kill
    // the process ignored, as a full disk's ENOSPC is an error too).
    // SAFETY: signal and setrlimit are async-signal-safe, called between
    // fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: FILE_SIZE_LIMIT,
                rlim_max: FILE_SIZE_LIMIT,
            };
            match libc::setrlimit(libc::RLIMIT_FSIZE, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    let r = run_cmd(cmd);
    assert!(r.code.is_some_and(|c| c != 0), "{}", r.describe_status());
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let named = r
        .stderr
        .lines()
        .any(|l| l.contains(&format!("{INDEX}/")) && l.contains("File too large"));
    assert!(named, "no error names an index file:\n{}", r.stderr);
    let diff = snapshot_diff(&before, &snapshot(&t.out()));
    assert!(diff.is_empty(), "the previous site changed: {diff:#?}");
}
