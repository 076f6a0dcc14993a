//! Fingerprint inputs: an incremental build hard-links every output whose
//! fingerprint is unchanged, so a fingerprint that misses an input its bytes
//! depend on leaves a stale file behind.
//!
//! Each row is one (output, input) pair: a small tree is built, one edit that
//! must change that output is applied, and the tree is built again over the
//! previous output. The row passes when the output did change and the whole
//! output folder is byte-identical to a clean build of the edited tree.
//! Rows are listed by kind of output (the records' pages in `records.rs`,
//! everything else in `site_wide.rs`); every kind the program describes (see
//! `render/outputs.rs`) must have one.
//!
//! Rows whose edits leave the same tree share one incremental and one clean
//! build, so rows reuse the few edits in this file where they can: an edit
//! is the means, the (output, input) pair is what a row tests.

#[path = "../common/mod.rs"]
mod common;
mod records;
mod site_wide;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use records::*;
use site_wide::*;

const NORTH: &str = "content/authorities/north-dale/authority.yaml";
const OLD: &str = "content/authorities/north-dale/inspections/2015-old.md";
const ILACS: &str = "content/authorities/north-dale/inspections/2019-ilacs.md";
const VISIT: &str = "content/authorities/north-dale/inspections/2022-visit.md";
const STATEMENT: &str = "content/authorities/north-dale/responses/2019-07-02-statement.md";
const SOUTH: &str = "content/authorities/south-fen/authority.yaml";
const SOUTH_ILACS: &str = "content/authorities/south-fen/inspections/2020-ilacs.md";
const SOUTH_NEWS: &str = "content/authorities/south-fen/responses/2020-03-01-news.md";
const ABOUT: &str = "content/pages/about.md";
const SITE: &str = "content/site.yaml";
const FRAMEWORKS_FILE: &str = "content/frameworks.yaml";

const INSPECTION_PAGE: &str = "authorities/north-dale/inspections/2019-ilacs/index.html";
const RESPONSE_PAGE: &str = "authorities/north-dale/responses/2019-07-02-statement/index.html";
const AUTHORITY_PAGE: &str = "authorities/north-dale/index.html";

/// Two authorities; a speaker quoted in both; a response with every field.
fn tree() -> Tree {
    let t = Tree::new();
    t.file(
        NORTH,
        "name: North Dale Council\nshort_name: North Dale\nregion: North East\nkind: unitary authority\nons_code: E06000001\nwebsite: https://north.example.org/\npress_page: https://north.example.org/news/\naliases: [old-dale]\n",
    );
    t.file(
        OLD,
        "---\nframework: old\npublished: 2015\ngrades: { overall: adequate }\n---\nAn old inspection.\n",
    );
    t.file(
        ILACS,
        "---\nframework: ilacs\ntitle: The 2019 inspection\nvisit: { from: 2019-05-13, to: 2019-05-16 }\npublished: 2019-07\ngrades:\n  overall: requires-improvement\n  leaders: good\nreport: { url: https://reports.example.org/1, title: The report }\nstrengths: [Strong leaders]\nconcerns: [Slow assessments]\nrecommendations: [Speed up]\nrecommendation_count: 3\nquotes:\n  - text: Leaders know their services.\n    speaker: Ann Inspector\n    role: Lead inspector\n---\nThe summary.\n",
    );
    t.file(
        VISIT,
        "---\nframework: focused-visit\npublished: 2022-10-04\n---\nA visit.\n",
    );
    t.file(
        STATEMENT,
        "---\ntitle: We will improve\ndate: 2019-07-02\nkind: statement\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale Council, url: https://north.example.org/news/1, title: Council statement }\nquotes:\n  - text: We accept the findings.\n    speaker: Jo Bloggs\n    role: Leader\ncommitments: [Hire social workers]\n---\nThe council responded.\n",
    );
    t.file(SOUTH, "name: South Fen Council\nregion: East of England\n");
    t.file(
        SOUTH_ILACS,
        "---\nframework: ilacs\npublished: 2020-02\ngrades: { overall: good }\nquotes:\n  - text: Fine work.\n    speaker: Ann Inspector\n---\nSouth summary.\n",
    );
    t.file(
        SOUTH_NEWS,
        "---\ntitle: Fen is good\ndate: 2020-03\nkind: news-report\nresponds_to: [2020-ilacs]\nsource: { publisher: Gazette }\nquotes:\n  - text: We are pleased.\n    speaker: Sam Other\n---\nNews.\n",
    );
    t
}

/// One row: the output file, what is edited, and the edit.
struct Case {
    output: &'static str,
    input: &'static str,
    edit: fn(&Tree),
    /// Extra arguments for the rebuild and the clean build.
    args: &'static [&'static str],
}

const fn case(output: &'static str, input: &'static str, edit: fn(&Tree)) -> Case {
    Case {
        output,
        input,
        edit,
        args: &[],
    }
}

/// Every row of the table.
fn every_row() -> Vec<Case> {
    [
        response_page_inputs(),
        inspection_page_inputs_in_its_file(),
        inspection_page_inputs_beyond_its_file(),
        authority_page_inputs(),
        redirect_inputs(),
        person_and_people_inputs(),
        free_and_site_wide_page_inputs(),
        data_and_feed_inputs(),
        browse_feed_and_authority_data_inputs(),
        settings_templates_static_files_and_options(),
        renamed_files_are_inputs(),
        councils_outputs_inputs(),
        search_page_and_index_inputs(),
        national_picture_and_hosting_inputs(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The table, every row of it: failing rows are reported all at once.
#[test]
fn every_row_rebuilds_its_output_as_a_clean_build_would() {
    check(&every_row());
}

/// Every kind of output the tree has (as the program's own description of
/// outputs names them) has at least one row, so a new kind cannot go
/// untested.
#[test]
fn every_kind_of_output_has_a_row() {
    use scrutiny::render::outputs::outputs;
    let base = tree();
    let loaded = scrutiny::content::load::load(&base.content());
    let content = loaded.content.expect("the tree loads");
    let site = scrutiny::site::Site::new(&content, &content.site.base_url);
    let rows = every_row();
    let outputs = outputs(&site);
    let specs: Vec<_> = outputs.iter().map(|o| o.spec(&site)).collect();
    let covered: BTreeSet<&str> = specs
        .iter()
        .filter(|s| rows.iter().any(|r| r.output == s.at.path()))
        .map(|s| s.kind)
        .collect();
    let untested: BTreeSet<&str> = specs
        .iter()
        .map(|s| s.kind)
        .filter(|k| !covered.contains(k))
        .collect();
    assert!(
        untested.is_empty(),
        "kinds of output with no row in the table: {untested:?}"
    );
}

/// One group of rows whose edits leave the same tree (and arguments): they
/// share one incremental and one clean build.
struct Group<'c> {
    tree: Tree,
    args: &'static [&'static str],
    rows: Vec<&'c Case>,
}

/// A project folder's files and folders, without its outputs.
fn project_files(root: &Path) -> BTreeMap<String, Node> {
    let output = |p: &str| {
        ["out", "clean"]
            .iter()
            .any(|o| p == *o || p.starts_with(&format!("{o}/")))
    };
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| !output(p))
        .collect()
}

/// Writes `files` (a [`project_files`] snapshot) into `dir`, over `have`
/// (what `dir` holds now): what is not wanted is removed, what differs is
/// written. A file written over keeps its inode: creating and deleting files
/// is what costs most on a busy file system.
fn write_files(dir: &Path, have: &BTreeMap<String, Node>, want: &BTreeMap<String, Node>) {
    let same_kind = |a: &Node, b: &Node| std::mem::discriminant(a) == std::mem::discriminant(b);
    for (rel, node) in have.iter().rev() {
        if !want.get(rel).is_some_and(|w| same_kind(w, node)) {
            let p = dir.join(rel);
            match node {
                Node::Dir => fs::remove_dir(&p),
                Node::File(_) | Node::Symlink(_) => fs::remove_file(&p),
            }
            .unwrap_or_else(|e| panic!("remove {}: {e}", p.display()));
        }
    }
    for (rel, node) in want {
        if have.get(rel) == Some(node) {
            continue;
        }
        match node {
            Node::Dir => fs::create_dir_all(dir.join(rel)).unwrap(),
            Node::File(bytes) => write_bytes(&dir.join(rel), bytes),
            Node::Symlink(_) => panic!("{rel}: the fingerprint tree has no symlinks"),
        }
    }
}

/// A new project folder holding `files`.
fn materialise(files: &BTreeMap<String, Node>) -> Tree {
    let t = Tree::empty();
    write_files(t.root(), &BTreeMap::new(), files);
    t
}

/// Runs every row, then reports every failing row at once. Rows are grouped
/// by the tree their edit leaves (each edit is made in one scratch copy of
/// the base tree and undone), and the groups share out among the cores.
fn check(cases: &[Case]) {
    let base = tree();
    base.build_ok();
    let pristine = project_files(base.root());
    let scratch = materialise(&pristine);
    let mut groups: Vec<(BTreeMap<String, Node>, Group)> = Vec::new();
    for c in cases {
        (c.edit)(&scratch);
        let files = project_files(scratch.root());
        write_files(scratch.root(), &files, &pristine);
        match groups
            .iter_mut()
            .find(|(f, g)| *f == files && g.args == c.args)
        {
            Some((_, g)) => g.rows.push(c),
            None => {
                let tree = materialise(&files);
                let (args, rows) = (c.args, vec![c]);
                groups.push((files, Group { tree, args, rows }));
            }
        }
    }
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some((_, g)) = groups.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let found = check_group(&base, g);
                    failures.lock().unwrap().extend(found);
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} problems in {} rows:\n  - {}",
        failures.len(),
        cases.len(),
        failures.join("\n  - ")
    );
}

/// Builds a group's tree over the previous output, then clean; returns the
/// rows that fail.
fn check_group(base: &Tree, g: &Group) -> Vec<String> {
    let t = &g.tree;
    // The build never writes into the previous output's files (it writes a
    // staging folder and swaps it in), so linking them is as good as a copy.
    link_tree(&base.out(), &t.out());
    t.build_with(g.args).assert_ok();
    t.build_to("clean", g.args).assert_ok();
    let diff = snapshot_diff(&snapshot(&t.root().join("clean")), &snapshot(&t.out()));
    let mut failures = Vec::new();
    for c in &g.rows {
        let before = fs::read(base.out().join(c.output)).ok();
        let after = fs::read(t.out().join(c.output)).ok();
        if before == after {
            failures.push(format!(
                "{} × {}: the edit left it as it was",
                c.output, c.input
            ));
        }
        if !diff.is_empty() {
            failures.push(format!(
                "{} × {}: the incremental build differs from a clean build: {diff:?}",
                c.output, c.input
            ));
        }
    }
    failures
}

/// Another authority's file adds a speaker whose name sorts first and makes
/// the same slug, so Jo Bloggs's page moves to `people/jo-bloggs-2/`.
fn jo_loses_the_slug(t: &Tree) {
    t.replace(SOUTH_NEWS, "speaker: Sam Other", "speaker: JO BLOGGS");
}

/// Likewise for Ann Inspector, quoted in both authorities.
fn ann_loses_the_slug(t: &Tree) {
    t.replace(SOUTH_NEWS, "speaker: Sam Other", "speaker: ANN INSPECTOR");
}

/// A newer graded inspection of North Dale: its current rating changes
/// (and its `latest/`, badge and the sitemap with it).
fn a_newer_inspection(t: &Tree) {
    t.inspection(
        "north-dale",
        "2024-ilacs",
        "framework: ilacs\npublished: 2024\ngrades: { overall: good }\n",
    );
}

/// A response answering North Dale's 2019 inspection, newer than every
/// record of the authority.
fn a_newer_response(t: &Tree) {
    t.response(
        "north-dale",
        "2023-letter",
        "title: A letter\ndate: 2023-01-05\nkind: letter\nresponds_to: 2019-ilacs\nsource: { publisher: Dale }\ncommitments: [Reply]\n",
    );
}

/// North Dale moves to another region.
fn north_moves_region(t: &Tree) {
    t.replace(NORTH, "region: North East", "region: North West");
}
