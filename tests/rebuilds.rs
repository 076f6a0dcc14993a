//! Builds over a previous output: the previous site kept whole when content
//! is bad or a build is killed, files reused and hand edits repaired, every
//! kind of edit rebuilt to the bytes of a clean build, `--strict`, and a
//! closed output pipe.

mod common;

use std::fs;

use common::*;

#[test]
fn bad_content_reports_every_problem_and_keeps_the_previous_output() {
    let t = Tree::new();
    t.authority("good-town", "").inspection(
        "good-town",
        "2019-ilacs",
        "framework: ilacs\npublished: 2019\ngrades: { overall: good }\n",
    );
    t.build_ok();
    let before = read(t.out().join("data/authorities.json"));
    t.inspection(
        "good-town",
        "2020-ilacs",
        "framework: ilacs\npublshed: 2020\ngrades:\n  overall: grate\n",
    );
    t.response("good-town", "2020-r", "title: T\ndate: 2020-02-30\nkind: press-release\nresponds_to: 2099-nothing\nsource: { publisher: P }\n");
    let o = t.build();
    let err = &o.stderr;
    assert_eq!(o.code, Some(1), "{err}");
    assert!(!err.contains("panicked"));
    assert!(
        err.contains("authorities/good-town/inspections/2020-ilacs.md:5:3"),
        "{err}"
    );
    assert!(
        err.contains("grades.overall")
            && err.contains("outstanding, good, requires-improvement, inadequate"),
        "{err}"
    );
    assert!(err.contains("did you mean `published`"), "{err}");
    assert!(
        err.contains("authorities/good-town/responses/2020-r.md") && err.contains("`date`"),
        "{err}"
    );
    assert_eq!(read(t.out().join("data/authorities.json")), before);
    let leftovers = t.listing();
    assert_eq!(leftovers.len(), 2, "no staging folder left: {leftovers:?}");
}

#[test]
fn refuses_output_folders_that_are_not_ours() {
    let t = Tree::new();
    t.authority("a-town", "");
    // The project root, or a folder holding content/.
    let o = build(&t.content(), t.root(), &[]);
    assert_eq!(o.code, Some(2), "{}", o.stderr);
    assert!(o.stderr.contains("refusing"), "{}", o.stderr);
    assert!(t.content().join("site.yaml").is_file(), "content untouched");
    // A folder of someone else's files needs --force.
    t.file("other/keep.txt", "mine");
    let other = t.root().join("other");
    let o = build(&t.content(), &other, &[]);
    assert_eq!(o.code, Some(2));
    assert_eq!(read(other.join("keep.txt")), "mine");
    let o = build(&t.content(), &other, &["--force"]);
    assert!(o.ok(), "{}", o.stderr);
    assert!(other.join("index.html").is_file());
}

#[test]
fn incremental_rebuilds_reuse_unchanged_files_and_match_a_clean_build() {
    let t = Tree::new();
    t.authority("north-dale", "aliases: [old-dale]\n")
        .inspection("north-dale", "2019-ilacs", "framework: ilacs\npublished: 2019-07\ngrades: { overall: good }\nquotes:\n  - text: Good work.\n    speaker: Ann Inspector\n")
        .response("north-dale", "2019-07-02-r", "title: Pleased\ndate: 2019-07-02\nkind: statement\nresponds_to: 2019-ilacs\nsource: { publisher: Council }\nquotes:\n  - text: Thanks.\n    speaker: Jo Leader\n")
        .authority("south-fen", "")
        .inspection("south-fen", "2018-ilacs", "framework: ilacs\npublished: 2018\ngrades: { overall: inadequate }\n");
    t.build_ok();
    let untouched = t
        .out()
        .join("authorities/south-fen/inspections/2018-ilacs/index.html");
    let before = fs::metadata(&untouched).unwrap();

    // Edit one inspection: its grade changes the authority, home, data and feed.
    t.inspection("north-dale", "2019-ilacs", "framework: ilacs\npublished: 2019-07\ngrades: { overall: outstanding }\nquotes:\n  - text: Great work.\n    speaker: Ann Inspector\n");
    let o = t.build();
    assert!(o.ok(), "{}", o.stderr);
    let stdout = o.stdout;
    assert!(stdout.contains("unchanged"), "{stdout}");
    use std::os::unix::fs::MetadataExt;
    let after = fs::metadata(&untouched).unwrap();
    assert_eq!(
        before.ino(),
        after.ino(),
        "an unaffected page is reused, not rewritten"
    );
    assert!(page_text(t.out().join("authorities/north-dale/index.html")).contains("Outstanding"));
    assert!(page_text(t.out().join("index.html")).contains("Outstanding"));

    // Byte for byte the same as a clean build of the same content.
    let clean = t.root().join("clean");
    let o = build(&t.content(), &clean, &[]);
    assert!(o.ok(), "{}", o.stderr);
    assert_same_tree(&t.out(), &clean, "incremental against clean");

    // A failed incremental build leaves the last good output exactly as it was.
    let good = snapshot(&t.out());
    t.inspection(
        "north-dale",
        "2019-ilacs",
        "framework: ilacs\npublished: 2019-07\ngrades: { overall: nope }\n",
    );
    assert_eq!(t.build().code, Some(1));
    assert_unchanged(&t.out(), &good, "after a failed build");
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing_and_repairs_hand_edits() {
    use std::os::unix::fs::MetadataExt;
    let t = Tree::new();
    t.authority("north-dale", "").inspection(
        "north-dale",
        "2019-ilacs",
        "framework: ilacs\npublished: 2019-07\ngrades: { overall: good }\n",
    );
    t.build_ok();
    let clean = snapshot(&t.out());
    let folder = fs::metadata(t.out()).unwrap().ino();
    let marker = t.out().join(".scrutiny-output");
    let marker_time = fs::metadata(&marker).unwrap().modified().unwrap();

    // Same content, same output: nothing is written, not even the folder swapped.
    let o = t.build();
    assert!(o.ok(), "{}", o.stderr);
    let stdout = o.stdout;
    assert!(stdout.contains("Nothing changed"), "{stdout}");
    assert_eq!(fs::metadata(t.out()).unwrap().ino(), folder);
    assert_eq!(
        fs::metadata(&marker).unwrap().modified().unwrap(),
        marker_time
    );
    assert_unchanged(&t.out(), &clean, "repaired");

    // Output changed by hand (a page deleted, one cut short, a stray file):
    // the next build puts back exactly what a clean build writes.
    let page = t.out().join("authorities/north-dale/index.html");
    fs::remove_file(&page).unwrap();
    let o = t.build();
    assert!(!o.stdout.contains("Nothing changed"));
    assert_unchanged(&t.out(), &clean, "repaired");
    fs::write(&page, "truncated").unwrap();
    t.build_ok();
    assert_unchanged(&t.out(), &clean, "repaired");
    fs::write(t.out().join("stray.html"), "not ours").unwrap();
    t.build_ok();
    assert_unchanged(&t.out(), &clean, "repaired");

    // A changed static file is a change.
    t.file("static/style.css", "body { color: black }\n");
    let o = t.build();
    assert!(!o.stdout.contains("Nothing changed"));
    assert_eq!(
        read(t.out().join("static/style.css")),
        "body { color: black }\n"
    );
}

#[test]
fn a_build_killed_midway_leaves_the_previous_site_and_no_debris() {
    let t = Tree::new();
    t.authority("big-town", "");
    for n in 0..1000 {
        t.inspection(
            "big-town",
            &format!("insp-{n}"),
            &format!(
                "framework: ilacs\npublished: 2019-07-{:02}\ngrades: {{ overall: good }}\n",
                n % 28 + 1
            ),
        );
    }
    t.build_ok();
    let before = snapshot(&t.out());
    t.inspection(
        "big-town",
        "insp-0",
        "framework: ilacs\npublished: 2020\ngrades: { overall: inadequate }\n",
    );
    let mut child = build_cmd(&t.content(), &t.out(), &[])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as its staging folder exists: it is then mid-build.
    let start = std::time::Instant::now();
    let staging_seen = loop {
        let staging = t.listing().iter().any(|n| n.contains("scrutiny-staging"));
        if staging {
            child.kill().unwrap();
            break true;
        }
        if child.try_wait().unwrap().is_some()
            || start.elapsed() > std::time::Duration::from_secs(60)
        {
            break false;
        }
    };
    let _ = child.wait();
    assert!(
        staging_seen,
        "the build finished before it could be interrupted"
    );
    assert_unchanged(&t.out(), &before, "the previous site is intact");
    // The next build clears what the killed one left, even one that finds
    // nothing to write (the edit undone)...
    let staging_left = || -> Vec<String> {
        t.listing()
            .into_iter()
            .filter(|n| n.contains("staging"))
            .collect()
    };
    assert!(
        !staging_left().is_empty(),
        "the killed build left its folder"
    );
    t.inspection(
        "big-town",
        "insp-0",
        "framework: ilacs\npublished: 2019-07-01\ngrades: { overall: good }\n",
    );
    let o = t.build();
    assert!(o.stdout.contains("Nothing changed"));
    assert!(staging_left().is_empty(), "staging folders left");
    assert_unchanged(&t.out(), &before, "nothing to write");
    // ...and one that rebuilds.
    t.inspection(
        "big-town",
        "insp-0",
        "framework: ilacs\npublished: 2020\ngrades: { overall: inadequate }\n",
    );
    t.build_ok();
    let debris = staging_left();
    assert!(debris.is_empty(), "staging folders left: {debris:?}");
    assert!(
        page_text(
            t.out()
                .join("authorities/big-town/inspections/insp-0/index.html")
        )
        .contains("Inadequate")
    );
}

#[test]
fn warnings_are_reported_but_fail_only_under_strict() {
    let t = Tree::new();
    t.authority("a-town", "")
        .inspection("a-town", "2019-ilacs", "framework: ilacs\npublished: 2019\ngrades: { overall: good }\nstrenghts: [typo]\n")
        .response("a-town", "2019-r", "title: T\ndate: 2019\nkind: statement\nresponds_to: 2019-ilacs\nsource: { publisher: P }\n");
    let o = t.build();
    let err = &o.stderr;
    assert!(o.ok(), "{err}");
    assert!(
        err.contains("unknown field `strenghts`") && err.contains("did you mean `strengths`"),
        "{err}"
    );
    assert!(err.contains("quotes no one"), "{err}");
    let strict = build(&t.content(), &t.root().join("strict"), &["--strict"]);
    assert_eq!(strict.code, Some(1), "{}", strict.stderr);
    assert!(
        !t.root().join("strict").exists(),
        "nothing written under --strict"
    );
}

/// What an edit is, whether some pages are untouched by it, and the edit.
type Step<'a> = (&'static str, bool, Box<dyn Fn() + 'a>);

/// Every kind of edit, in order (a later one may undo an earlier one), on a
/// copy of the real content.
fn edit_steps(t: &Tree) -> Vec<Step<'_>> {
    let content = move |rel: &str| t.content().join(rel);
    let stoke = move |rel: &str| content("authorities/stoke-on-trent").join(rel);
    let edit_ilacs = move |from: &str, to: &str| {
        t.replace(
            "content/authorities/stoke-on-trent/inspections/2019-02-ilacs.md",
            from,
            to,
        );
    };
    vec![
        (
            "a grade changes",
            true,
            Box::new(move || edit_ilacs("overall: inadequate", "overall: good")),
        ),
        (
            "a speaker is renamed",
            true,
            Box::new(move || edit_ilacs("speaker: ", "speaker: Renamed ")),
        ),
        (
            "a response is added",
            true,
            Box::new(move || {
                fs::write(
                    stoke("responses/2019-04-01-new-statement.md"),
                    "---\ntitle: A new statement\ndate: 2019-04\nkind: statement\nresponds_to: 2019-02-ilacs\nsource: { publisher: Stoke-on-Trent City Council }\nquotes:\n  - text: We are listening.\n    speaker: A New Person\n    role: Leader\n---\nA statement.\n",
                )
                .unwrap()
            }),
        ),
        (
            "a response is removed",
            true,
            Box::new(move || {
                fs::remove_file(stoke("responses/2019-04-01-new-statement.md")).unwrap()
            }),
        ),
        (
            "an authority is added",
            true,
            Box::new(move || {
                fs::create_dir_all(content("authorities/new-town/inspections")).unwrap();
                fs::write(
                    content("authorities/new-town/authority.yaml"),
                    "name: New Town Council\nregion: North West\naliases: [old-town]\n",
                )
                .unwrap();
                fs::write(
                    content("authorities/new-town/inspections/2020-ilacs.md"),
                    "---\nframework: ilacs\npublished: 2020\ngrades: { overall: outstanding }\n---\nNew.\n",
                )
                .unwrap();
            }),
        ),
        (
            "the site's title changes",
            false,
            Box::new(move || {
                t.replace("content/site.yaml", "children's", "young people's");
            }),
        ),
        (
            "a free page's title changes",
            false,
            Box::new(move || {
                let (page, _) = files(&content("pages")).remove(0);
                t.replace(
                    &format!("content/pages/{page}"),
                    "title: ",
                    "title: Renamed ",
                );
            }),
        ),
        (
            "a template changes",
            false,
            Box::new(move || {
                t.replace(
                    "templates/partials/footer.html",
                    "<footer",
                    "<!-- edited --><footer",
                );
            }),
        ),
        (
            "an authority is removed",
            true,
            Box::new(move || fs::remove_dir_all(content("authorities/new-town")).unwrap()),
        ),
    ]
}

#[test]
fn every_kind_of_edit_rebuilds_incrementally_to_the_bytes_of_a_clean_build() {
    let t = Tree::real();
    t.build_ok();
    for (n, (what, reuses, step)) in edit_steps(&t).iter().enumerate() {
        step();
        let said = t.build_ok();
        let unchanged = said.unchanged().expect("the build counts unchanged files");
        if *reuses {
            assert!(unchanged > 0, "{what}: {}", said.stdout);
        } else {
            // Every page is rendered again; only the search index may be
            // kept, when the edit leaves its records as they were.
            let index = files(&t.out().join("search/pagefind")).len();
            assert!(unchanged <= index, "{what}: {}", said.stdout);
        }
        let clean = format!("clean-{n}");
        t.build_to(&clean, &[]).assert_ok();
        assert_same_tree(&t.out(), &t.root().join(clean), what);
    }
}

#[test]
fn a_body_that_renders_to_nothing_gets_no_summary_section() {
    let t = Tree::new();
    t.authority("north-dale", "");
    t.file(
        "content/authorities/north-dale/inspections/2019-ilacs.md",
        "---\nframework: ilacs\npublished: 2019\ngrades: { overall: good }\n---\n[ref]: https://example.org/\n",
    );
    t.file(
        "content/authorities/north-dale/inspections/2020-ilacs.md",
        "---\nframework: ilacs\npublished: 2020\ngrades: { overall: good }\n---\nSome words.\n",
    );
    t.build_ok();
    let page = |slug: &str| {
        read(t.out().join(format!(
            "authorities/north-dale/inspections/{slug}/index.html"
        )))
    };
    assert!(!page("2019-ilacs").contains("summary-heading"));
    assert!(page("2020-ilacs").contains("summary-heading"));
    assert!(page("2020-ilacs").contains("<p>Some words.</p>"));
}

#[test]
fn a_closed_output_pipe_ends_the_build_quietly() {
    let t = Tree::new();
    t.authority("north-dale", "");
    let mut child = build_cmd(&t.content(), &t.out(), &[])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Nobody reads what the build prints.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        t.out().join("index.html").is_file(),
        "the site was still built"
    );
}
