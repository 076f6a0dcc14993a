//! Fingerprint inputs: an incremental build hard-links every output whose
//! fingerprint is unchanged, so a fingerprint that misses an input its bytes
//! depend on leaves a stale file behind.
//!
//! Each row is one (output, input) pair: a small tree is built, one edit that
//! must change that output is applied, and the tree is built again over the
//! previous output. The row passes when the output did change and the whole
//! output folder is byte-identical to a clean build of the edited tree.
//! Rows are listed by kind of output; every kind the program describes (see
//! `render/outputs.rs`) must have one.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;

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

/// A copy of the built tree's project files (not its output), with the
/// row's edit applied.
fn edited(base: &Tree, c: &Case) -> Tree {
    let t = Tree::empty();
    for (name, path) in fs::read_dir(base.root())
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name(), e.path()))
    {
        if name != "out" {
            copy_tree(&path, &t.root().join(name));
        }
    }
    (c.edit)(&t);
    t
}

/// Runs every row, then reports every failing row at once. Rows are grouped
/// by the tree their edit leaves, and the groups share out among the cores.
fn check(cases: &[Case]) {
    let base = tree();
    base.build_ok();
    let mut groups: Vec<(BTreeMap<String, Node>, Group)> = Vec::new();
    for c in cases {
        let t = edited(&base, c);
        let files = snapshot(t.root());
        match groups
            .iter_mut()
            .find(|(f, g)| *f == files && g.args == c.args)
        {
            Some((_, g)) => g.rows.push(c),
            None => groups.push((
                files,
                Group {
                    tree: t,
                    args: c.args,
                    rows: vec![c],
                },
            )),
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
    copy_tree(&base.out(), &t.out());
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

fn response_page_inputs() -> Vec<Case> {
    const P: &str = RESPONSE_PAGE;
    vec![
        case(P, "its title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(P, "its date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(P, "its kind", |t| {
            t.replace(STATEMENT, "kind: statement", "kind: press-release");
        }),
        case(P, "its source.publisher", |t| {
            t.replace(
                STATEMENT,
                "publisher: North Dale Council",
                "publisher: North Dale",
            );
        }),
        case(P, "its source.url", |t| {
            t.replace(STATEMENT, "news/1", "news/2");
        }),
        case(P, "its source.title", |t| {
            t.replace(STATEMENT, "title: Council statement", "title: A statement");
        }),
        case(P, "its quote's text", |t| {
            t.replace(STATEMENT, "We accept the findings.", "We accept.");
        }),
        case(P, "its quote's speaker", |t| {
            t.replace(STATEMENT, "speaker: Jo Bloggs", "speaker: Jo Smith");
        }),
        case(P, "its quote's role", |t| {
            t.replace(STATEMENT, "role: Leader", "role: Former leader");
        }),
        case(P, "its commitments", |t| {
            t.replace(STATEMENT, "Hire social workers", "Hire more social workers");
        }),
        case(P, "its body", |t| {
            t.replace(STATEMENT, "The council responded.", "The council replied.");
        }),
        case(P, "its responds_to", |t| {
            t.replace(
                STATEMENT,
                "responds_to: 2019-ilacs",
                "responds_to: [2019-ilacs, 2015-old]",
            );
        }),
        case(P, "the authority's name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(P, "the answered inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(P, "the answered inspection's published date", |t| {
            t.replace(ILACS, "published: 2019-07", "published: 2019-06");
        }),
        case(P, "the answered inspection's grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(
            P,
            "another authority's speaker taking its speaker's slug",
            jo_loses_the_slug,
        ),
        case(P, "a grade label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "Requires improvement to be good",
                "Requires improvement",
            );
        }),
    ]
}

fn inspection_page_inputs_in_its_file() -> Vec<Case> {
    const P: &str = INSPECTION_PAGE;
    vec![
        case(P, "its title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(P, "its visit", |t| {
            t.replace(ILACS, "to: 2019-05-16", "to: 2019-05-17");
        }),
        case(P, "its published date", |t| {
            t.replace(ILACS, "published: 2019-07", "published: 2019-08");
        }),
        case(P, "its overall grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(P, "another judgement's grade", |t| {
            t.replace(ILACS, "leaders: good", "leaders: outstanding");
        }),
        case(P, "its report.url", |t| {
            t.replace(ILACS, "reports.example.org/1", "reports.example.org/2");
        }),
        case(P, "its report.title", |t| {
            t.replace(ILACS, "title: The report", "title: The full report");
        }),
        case(P, "its strengths", |t| {
            t.replace(ILACS, "Strong leaders", "Stronger leaders");
        }),
        case(P, "its concerns", |t| {
            t.replace(ILACS, "Slow assessments", "Slower assessments");
        }),
        case(P, "its recommendations", |t| {
            t.replace(ILACS, "Speed up", "Go faster");
        }),
        case(P, "its recommendation_count", |t| {
            t.replace(ILACS, "recommendation_count: 3", "recommendation_count: 4");
        }),
        case(P, "its quote's text", |t| {
            t.replace(ILACS, "Leaders know their services.", "Leaders know.");
        }),
        case(P, "its quote's speaker", |t| {
            t.replace(ILACS, "speaker: Ann Inspector", "speaker: Ann Other");
        }),
        case(P, "its quote's role", |t| {
            t.replace(ILACS, "role: Lead inspector", "role: Inspector");
        }),
        case(P, "its body", |t| {
            t.replace(ILACS, "The summary.", "The new summary.");
        }),
        case(P, "its framework", |t| {
            t.replace(ILACS, "framework: ilacs", "framework: ilacs-2026")
                .replace(
                    ILACS,
                    "overall: requires-improvement",
                    "help-and-protection: good",
                );
        }),
    ]
}

fn inspection_page_inputs_beyond_its_file() -> Vec<Case> {
    const P: &str = INSPECTION_PAGE;
    vec![
        case(P, "a response's title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(P, "a response's date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(P, "a response's quote", |t| {
            t.replace(STATEMENT, "We accept the findings.", "We accept.");
        }),
        case(P, "a response's commitments", |t| {
            t.replace(STATEMENT, "Hire social workers", "Hire more social workers");
        }),
        case(P, "a response added", |t| {
            t.response(
                "north-dale",
                "2019-08-01-minutes",
                "title: Minutes\ndate: 2019-08\nkind: committee-record\nresponds_to: 2019-ilacs\nsource: { publisher: Committee }\n",
            );
        }),
        case(P, "a response removed", |t| {
            t.remove(STATEMENT);
        }),
        case(P, "the authority's name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(
            P,
            "another authority's speaker taking its speaker's slug",
            ann_loses_the_slug,
        ),
        case(
            P,
            "another authority's speaker taking a response speaker's slug",
            jo_loses_the_slug,
        ),
        case(P, "a newer graded inspection (no longer current)", |t| {
            t.inspection(
                "north-dale",
                "2024-ilacs",
                "framework: ilacs\npublished: 2024\ngrades: { overall: good }\n",
            );
        }),
        case(P, "the framework's name in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "name: Inspection of local",
                "name: Inspection of all local",
            );
        }),
        case(P, "a judgement label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "leaders: Leaders\n  old",
                "leaders: Leadership\n  old",
            );
        }),
    ]
}

fn authority_page_inputs() -> Vec<Case> {
    const P: &str = AUTHORITY_PAGE;
    vec![
        case(P, "its name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(P, "its short_name", |t| {
            t.replace(NORTH, "short_name: North Dale", "short_name: N. Dale");
        }),
        case(P, "its region", |t| {
            t.replace(NORTH, "region: North East", "region: North West");
        }),
        case(P, "its kind", |t| {
            t.replace(NORTH, "kind: unitary authority", "kind: county council");
        }),
        case(P, "its ons_code", |t| {
            t.replace(NORTH, "E06000001", "E06000009");
        }),
        case(P, "its website", |t| {
            t.replace(
                NORTH,
                "website: https://north.example.org/",
                "website: https://dale.example.org/",
            );
        }),
        case(P, "its press_page", |t| {
            t.replace(NORTH, "news/\naliases", "press/\naliases");
        }),
        case(P, "its aliases", |t| {
            t.replace(
                NORTH,
                "aliases: [old-dale]",
                "aliases: [old-dale, older-dale]",
            );
        }),
        case(P, "an inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(P, "an inspection's grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(P, "an older inspection's grade", |t| {
            t.replace(OLD, "overall: adequate", "overall: good");
        }),
        case(P, "an ungraded visit's date", |t| {
            t.replace(VISIT, "published: 2022-10-04", "published: 2022-11-04");
        }),
        case(P, "an inspection added", |t| {
            t.inspection(
                "north-dale",
                "2024-ilacs",
                "framework: ilacs\npublished: 2024\ngrades: { overall: good }\n",
            );
        }),
        case(P, "an inspection removed", |t| {
            t.remove(VISIT);
        }),
        case(P, "a response's title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(P, "a response's date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(P, "a grade label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "Requires improvement to be good",
                "Requires improvement",
            );
        }),
    ]
}

fn redirect_inputs() -> Vec<Case> {
    vec![
        case(
            "authorities/north-dale/latest/index.html",
            "a newer graded inspection",
            |t| {
                t.inspection(
                    "north-dale",
                    "2024-ilacs",
                    "framework: ilacs\npublished: 2024\ngrades: { overall: good }\n",
                );
            },
        ),
        case(
            "authorities/north-dale/latest/index.html",
            "the current inspection's slug",
            |t| {
                let text = t.read(ILACS);
                t.remove(ILACS);
                t.file(
                    "content/authorities/north-dale/inspections/2019-05-ilacs.md",
                    &text,
                );
                t.replace(
                    STATEMENT,
                    "responds_to: 2019-ilacs",
                    "responds_to: 2019-05-ilacs",
                );
            },
        ),
        case(
            "authorities/old-dale/latest/index.html",
            "a newer graded inspection",
            |t| {
                t.inspection(
                    "north-dale",
                    "2024-ilacs",
                    "framework: ilacs\npublished: 2024\ngrades: { overall: good }\n",
                );
            },
        ),
        case("authorities/older-dale/index.html", "an alias added", |t| {
            t.replace(
                NORTH,
                "aliases: [old-dale]",
                "aliases: [old-dale, older-dale]",
            );
        }),
        case(
            "authorities/old-dale/index.html",
            "its alias removed",
            |t| {
                t.replace(NORTH, "aliases: [old-dale]\n", "");
            },
        ),
    ]
}

fn person_and_people_inputs() -> Vec<Case> {
    const JO: &str = "people/jo-bloggs/index.html";
    const ANN: &str = "people/ann-inspector/index.html";
    vec![
        case(JO, "their quote's text", |t| {
            t.replace(STATEMENT, "We accept the findings.", "We accept.");
        }),
        case(JO, "their role", |t| {
            t.replace(STATEMENT, "role: Leader", "role: Former leader");
        }),
        case(JO, "the quoting response's title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(JO, "the quoting response's date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(JO, "the quoting authority's name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(JO, "another speaker taking their slug", jo_loses_the_slug),
        case(JO, "a new quote of theirs in another authority", |t| {
            t.replace(SOUTH_NEWS, "speaker: Sam Other", "speaker: Jo Bloggs");
        }),
        case(ANN, "their quote in the second authority", |t| {
            t.replace(SOUTH_ILACS, "Fine work.", "Fine work indeed.");
        }),
        case(ANN, "the second authority's name", |t| {
            t.replace(
                SOUTH,
                "name: South Fen Council",
                "name: South Fen District Council",
            );
        }),
        case(ANN, "the quoting inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(ANN, "the quoting inspection's slug", |t| {
            let text = t.read(SOUTH_ILACS);
            t.remove(SOUTH_ILACS);
            t.file(
                "content/authorities/south-fen/inspections/2020-02-ilacs.md",
                &text,
            );
            t.replace(SOUTH_NEWS, "[2020-ilacs]", "[2020-02-ilacs]");
        }),
        case("people/index.html", "a speaker added", |t| {
            t.replace(
                ILACS,
                "role: Lead inspector\n",
                "role: Lead inspector\n  - text: Also.\n    speaker: Bo New\n",
            );
        }),
        case("people/index.html", "a role", |t| {
            t.replace(STATEMENT, "role: Leader", "role: Former leader");
        }),
    ]
}

fn free_and_site_wide_page_inputs() -> Vec<Case> {
    vec![
        case("pages/about/index.html", "its title", |t| {
            t.replace(ABOUT, "title: About", "title: About us");
        }),
        case("pages/about/index.html", "its body", |t| {
            t.replace(ABOUT, "About *us*.", "About *them*.");
        }),
        case("pages/about/index.html", "its description", |t| {
            t.replace(
                ABOUT,
                "title: About\n",
                "title: About\ndescription: Who we are\n",
            );
        }),
        case(
            "pages/about/index.html",
            "another page's title (navigation)",
            |t| {
                t.replace(
                    "content/pages/methodology.md",
                    "title: Methodology",
                    "title: Method",
                );
            },
        ),
        case("pages/about/index.html", "a page added (navigation)", |t| {
            t.file(
                "content/pages/accessibility.md",
                "---\ntitle: Accessibility\n---\nA.\n",
            );
        }),
        case("index.html", "an inspection's grade", |t| {
            t.replace(SOUTH_ILACS, "overall: good", "overall: outstanding");
        }),
        case("index.html", "the site's description", |t| {
            t.replace(
                SITE,
                "title: Test portal\n",
                "title: Test portal\ndescription: A record\n",
            );
        }),
        case("authorities/index.html", "an authority's name", |t| {
            t.replace(
                SOUTH,
                "name: South Fen Council",
                "name: South Fen District Council",
            );
        }),
        case("authorities/index.html", "an authority's region", |t| {
            t.replace(SOUTH, "region: East of England", "region: London");
        }),
        case("authorities/index.html", "an authority added", |t| {
            t.authority("west-moor", "");
        }),
        case("frameworks/index.html", "a framework's name", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "name: Focused visit",
                "name: Focused visit (ungraded)",
            );
        }),
        case("frameworks/index.html", "a scale's label", |t| {
            t.replace(FRAMEWORKS_FILE, "label: Adequate", "label: Adequate (2009)");
        }),
        case("404.html", "the site's title", |t| {
            t.replace(SITE, "Test portal", "Trial portal");
        }),
        case("404.html", "a page's title (navigation)", |t| {
            t.replace(ABOUT, "title: About", "title: About us");
        }),
    ]
}

fn data_and_feed_inputs() -> Vec<Case> {
    vec![
        case("data/authorities.json", "an authority's region", |t| {
            t.replace(SOUTH, "region: East of England", "region: London");
        }),
        case(
            "data/authorities.json",
            "the current inspection's grade",
            |t| {
                t.replace(SOUTH_ILACS, "overall: good", "overall: outstanding");
            },
        ),
        case(
            "data/authorities.json",
            "a grade label in frameworks.yaml",
            |t| {
                t.replace(
                    FRAMEWORKS_FILE,
                    "label: Good }\n    - { id: requires",
                    "label: Fine }\n    - { id: requires",
                );
            },
        ),
        case(
            "data/inspections.json",
            "an inspection's published date",
            |t| {
                t.replace(OLD, "published: 2015", "published: 2015-03");
            },
        ),
        case("data/inspections.json", "a response added", |t| {
            t.response(
                "south-fen",
                "2020-04-01-letter",
                "title: Letter\ndate: 2020-04\nkind: letter\nresponds_to: 2020-ilacs\nsource: { publisher: Council }\n",
            );
        }),
        case("data/responses.json", "a response's quote", |t| {
            t.replace(SOUTH_NEWS, "We are pleased.", "We are very pleased.");
        }),
        case("data/responses.json", "a response's source", |t| {
            t.replace(SOUTH_NEWS, "publisher: Gazette", "publisher: Herald");
        }),
        case("data/inspections.csv", "a judgement's grade", |t| {
            t.replace(ILACS, "leaders: good", "leaders: outstanding");
        }),
        case("data/inspections.csv", "an authority's name", |t| {
            t.replace(
                SOUTH,
                "name: South Fen Council",
                "name: South Fen District Council",
            );
        }),
        case("feed.xml", "an inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case("feed.xml", "a response's title", |t| {
            t.replace(SOUTH_NEWS, "Fen is good", "Fen is fine");
        }),
        case("feed.xml", "the site's title", |t| {
            t.replace(SITE, "Test portal", "Trial portal");
        }),
        case("sitemap.xml", "an inspection added", |t| {
            t.inspection(
                "south-fen",
                "2024-fv",
                "framework: focused-visit\npublished: 2024\n",
            );
        }),
        case("sitemap.xml", "a page added", |t| {
            t.file(
                "content/pages/accessibility.md",
                "---\ntitle: Accessibility\n---\nA.\n",
            );
        }),
        case("robots.txt", "the site's base_url", |t| {
            t.replace(SITE, "example.org/portal/", "example.org/records/");
        }),
    ]
}

fn browse_feed_and_authority_data_inputs() -> Vec<Case> {
    vec![
        case(
            "ratings/good/index.html",
            "the current inspection's grade",
            |t| {
                t.replace(SOUTH_ILACS, "overall: good", "overall: outstanding");
            },
        ),
        case("ratings/good/index.html", "an authority's name", |t| {
            t.replace(
                SOUTH,
                "name: South Fen Council",
                "name: South Fen District Council",
            );
        }),
        case(
            "regions/east-of-england/index.html",
            "a newer graded inspection",
            |t| {
                t.inspection(
                    "south-fen",
                    "2024-ilacs",
                    "framework: ilacs\npublished: 2024\ngrades: { overall: inadequate }\n",
                );
            },
        ),
        case("regions/index.html", "an authority's region", |t| {
            t.replace(SOUTH, "region: East of England", "region: London");
        }),
        case(
            "inspections/2019/index.html",
            "an inspection's title",
            |t| {
                t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
            },
        ),
        case(
            "inspections/index.html",
            "an inspection's published year",
            |t| {
                t.replace(OLD, "published: 2015", "published: 2016");
            },
        ),
        case(
            "frameworks/ilacs/index.html",
            "an inspection's grade",
            |t| {
                t.replace(SOUTH_ILACS, "overall: good", "overall: outstanding");
            },
        ),
        case("index.html", "a change of overall grade", |t| {
            t.inspection(
                "south-fen",
                "2024-ilacs",
                "framework: ilacs\npublished: 2024\ngrades: { overall: inadequate }\n",
            );
        }),
        case(
            "authorities/north-dale/feed.xml",
            "a response's title",
            |t| {
                t.replace(STATEMENT, "We will improve", "We shall improve");
            },
        ),
        case("authorities/north-dale/feed.xml", "the site's title", |t| {
            t.replace(SITE, "Test portal", "Trial portal");
        }),
        case(
            "authorities/north-dale/data.json",
            "an inspection's grade",
            |t| {
                t.replace(ILACS, "leaders: good", "leaders: outstanding");
            },
        ),
        case(
            "authorities/north-dale/data.json",
            "a response's quote",
            |t| {
                t.replace(
                    STATEMENT,
                    "We accept the findings.",
                    "We accept all the findings.",
                );
            },
        ),
        case(
            INSPECTION_PAGE,
            "the previous graded inspection's grade (change)",
            |t| {
                t.replace(OLD, "overall: adequate", "overall: inadequate");
            },
        ),
    ]
}

fn settings_templates_static_files_and_options() -> Vec<Case> {
    let mut cases = vec![
        case(RESPONSE_PAGE, "the site's title", |t| {
            t.replace(SITE, "Test portal", "Trial portal");
        }),
        case(INSPECTION_PAGE, "the site's base_url", |t| {
            t.replace(SITE, "example.org/portal/", "example.org/records/");
        }),
        case(RESPONSE_PAGE, "the site's language", |t| {
            t.replace(
                SITE,
                "title: Test portal\n",
                "title: Test portal\nlanguage: cy-GB\n",
            );
        }),
        case(RESPONSE_PAGE, "templates/response.html", |t| {
            copy_tree(
                &project_root().join("templates"),
                &t.root().join("templates"),
            );
            t.replace("templates/response.html", "<h1>", "<h1 class=\"edited\">");
        }),
        case(RESPONSE_PAGE, "templates/partials/quote.html", |t| {
            copy_tree(
                &project_root().join("templates"),
                &t.root().join("templates"),
            );
            t.replace(
                "templates/partials/quote.html",
                "<figure class=\"quote\">",
                "<figure class=\"quote edited\">",
            );
        }),
        case(
            "people/jo-bloggs/index.html",
            "templates/person.html",
            |t| {
                copy_tree(
                    &project_root().join("templates"),
                    &t.root().join("templates"),
                );
                t.replace("templates/person.html", "<h1>", "<h1 class=\"edited\">");
            },
        ),
        case("404.html", "templates/partials/footer.html", |t| {
            copy_tree(
                &project_root().join("templates"),
                &t.root().join("templates"),
            );
            t.replace(
                "templates/partials/footer.html",
                "<footer",
                "<!-- edited --><footer",
            );
        }),
        case("static/style.css", "static/style.css", |t| {
            t.file("static/style.css", "body { color: black }\n");
        }),
    ];
    cases.push(Case {
        output: AUTHORITY_PAGE,
        input: "--base-url",
        edit: |_| {},
        args: &["--base-url", "https://other.example/deep/"],
    });
    cases.push(Case {
        output: "feed.xml",
        input: "--base-url",
        edit: |_| {},
        args: &["--base-url", "https://other.example/deep/"],
    });
    cases
}

/// A file or folder renamed with its bytes unchanged changes slugs, and so the
/// URLs other pages show. Ignored until the fix: fingerprints hash each file's
/// text but not its path, so today such a rebuild leaves the home page, lists,
/// data, feed, sitemap, people and navigation stale.
fn renamed_files_are_inputs() -> Vec<Case> {
    vec![
        case(
            "authorities/old-dale/index.html",
            "its authority's slug",
            |t| {
                let text = t.read(NORTH);
                t.file("content/authorities/new-dale/authority.yaml", &text);
                for rel in [OLD, ILACS, VISIT, STATEMENT] {
                    let text = t.read(rel);
                    t.file(&rel.replace("north-dale", "new-dale"), &text);
                }
                t.remove("content/authorities/north-dale");
            },
        ),
        case(AUTHORITY_PAGE, "an ungraded visit's file name", |t| {
            let text = t.read(VISIT);
            t.remove(VISIT);
            t.file(
                "content/authorities/north-dale/inspections/2022-10-visit.md",
                &text,
            );
        }),
        case(
            "pages/methodology/index.html",
            "a free page's file name (navigation)",
            |t| {
                let text = t.read(ABOUT);
                t.remove(ABOUT);
                t.file("content/pages/about-us.md", &text);
            },
        ),
    ]
}

fn councils_outputs_inputs() -> Vec<Case> {
    const BADGE: &str = "authorities/north-dale/badge.svg";
    const ALIAS_BADGE: &str = "authorities/old-dale/badge.svg";
    const URLS: &str = "data/urls.txt";
    vec![
        case(BADGE, "a newer graded inspection", |t| {
            t.inspection(
                "north-dale",
                "2024-ilacs",
                "framework: ilacs\npublished: 2024-02-01\ngrades: { overall: outstanding }\n",
            );
        }),
        case(BADGE, "the current inspection's grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(BADGE, "the current inspection's date", |t| {
            t.replace(ILACS, "published: 2019-07", "published: 2019-06");
        }),
        case(BADGE, "the grade's label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "label: Requires improvement to be good",
                "label: Requires improvement",
            );
        }),
        case(BADGE, "the portal's name", |t| {
            t.replace(SITE, "title: Test portal", "title: The portal");
        }),
        case(ALIAS_BADGE, "a newer graded inspection", |t| {
            t.inspection(
                "north-dale",
                "2024-ilacs",
                "framework: ilacs\npublished: 2024-02-01\ngrades: { overall: good }\n",
            );
        }),
        case(URLS, "an inspection's alias", |t| {
            t.replace(
                ILACS,
                "framework: ilacs\n",
                "framework: ilacs\naliases: [may-2019]\n",
            );
        }),
        case(URLS, "a new response", |t| {
            t.response(
                "south-fen",
                "2021-letter",
                "title: A letter\ndate: 2021\nkind: letter\nresponds_to: 2020-ilacs\nsource: { publisher: Fen }\ncommitments: [Reply]\n",
            );
        }),
        case(URLS, "the base URL", |t| {
            t.replace(
                SITE,
                "https://example.org/portal/",
                "https://example.org/p/",
            );
        }),
        case(
            "authorities/north-dale/inspections/may-2019/index.html",
            "an inspection's alias",
            |t| {
                t.replace(
                    ILACS,
                    "framework: ilacs\n",
                    "framework: ilacs\naliases: [may-2019]\n",
                );
            },
        ),
        case(
            "authorities/old-dale/responses/old-statement/index.html",
            "a response's alias under the authority's alias",
            |t| {
                t.replace(
                    STATEMENT,
                    "kind: statement\n",
                    "kind: statement\naliases: [old-statement]\n",
                );
            },
        ),
        case(INSPECTION_PAGE, "the cite block: its title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The summer 2019 inspection");
        }),
        case(
            AUTHORITY_PAGE,
            "the cite block's date: a newer response",
            |t| {
                t.response(
                "north-dale",
                "2023-letter",
                "title: A letter\ndate: 2023-01-05\nkind: letter\nresponds_to: 2019-ilacs\nsource: { publisher: Dale }\ncommitments: [Reply]\n",
            );
            },
        ),
        case("sitemap.xml", "a response's date (lastmod)", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
    ]
}

/// The search page lists every filter value; the index's entry file names
/// the index made from the records, so any change to a record changes it.
fn search_page_and_index_inputs() -> Vec<Case> {
    const ENTRY: &str = "search/pagefind/pagefind-entry.json";
    vec![
        case("search/index.html", "an authority's region", |t| {
            t.replace(SOUTH, "region: East of England", "region: London");
        }),
        case("search/index.html", "a response's year", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2018-07-02");
        }),
        case(ENTRY, "an inspection's body", |t| {
            t.replace(ILACS, "The summary.", "The new summary.");
        }),
        case(ENTRY, "a quote's speaker", |t| {
            t.replace(STATEMENT, "speaker: Jo Bloggs", "speaker: Jo Other");
        }),
        case(ENTRY, "an authority's former name", |t| {
            t.replace(
                NORTH,
                "aliases: [old-dale]",
                "aliases: [old-dale, older-dale]",
            );
        }),
        case(ENTRY, "the current grade", |t| {
            t.replace(SOUTH_ILACS, "overall: good", "overall: outstanding");
        }),
        case(ENTRY, "a commitment", |t| {
            t.replace(
                STATEMENT,
                "commitments: [Hire social workers]",
                "commitments: [Hire more social workers]",
            );
        }),
    ]
}

const MAP_FILE: &str = "content/map.hexjson";

/// Adds a map placing North Dale (South Fen has no ONS code: a warning).
fn add_map(t: &Tree) {
    t.file(
        MAP_FILE,
        "{\"layout\": \"odd-r\", \"hexes\": {\"E06000001\": {\"q\": 0, \"r\": 0}}}\n",
    );
}

/// The map, grades over time, the CSV files and the inspectors' page; and
/// the files static hosts read.
fn national_picture_and_hosting_inputs() -> Vec<Case> {
    vec![
        case("index.html", "map.hexjson added", add_map),
        case(
            "regions/north-east/index.html",
            "map.hexjson added",
            add_map,
        ),
        case("map.svg", "map.hexjson added", add_map),
        case(
            "data/ratings-by-year.csv",
            "an inspection's published date",
            |t| {
                t.replace(ILACS, "published: 2019-07", "published: 2018-07");
            },
        ),
        case("data/ratings-by-year.json", "an inspection's grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case("ratings/index.html", "an inspection's grade", |t| {
            t.replace(SOUTH_ILACS, "overall: good", "overall: inadequate");
        }),
        case("data/authorities.csv", "an authority's name", |t| {
            t.replace(SOUTH, "South Fen Council", "South Fen District");
        }),
        case("data/responses.csv", "a response's quote", |t| {
            t.replace(SOUTH_NEWS, "We are pleased.", "We are delighted.");
        }),
        case(
            "authorities/north-dale/data.csv",
            "its response's date",
            |t| {
                t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
            },
        ),
        case(
            "people/ofsted-inspectors/index.html",
            "an inspection's quote without a speaker",
            |t| {
                t.replace(
                    ILACS,
                    "    speaker: Ann Inspector\n    role: Lead inspector\n",
                    "",
                );
            },
        ),
        case("_redirects", "an inspection's former slug", |t| {
            t.replace(
                ILACS,
                "framework: ilacs\n",
                "framework: ilacs\naliases: [first-inspection]\n",
            );
        }),
        case("_headers", "the site's base URL", |t| {
            t.replace(SITE, "example.org/portal/", "example.org/records/");
        }),
    ]
}
