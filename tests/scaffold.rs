//! `scrutiny init`, `new inspection` and `new response` (issue 19): each
//! result builds as written; existing files and unknown names are refused.

mod common;

use common::*;

fn run_in(t: &Tree, args: &[&str]) -> Ran {
    let mut c = bin();
    c.current_dir(t.root()).args(args);
    run_cmd(c)
}

/// North Dale with one ILACS inspection.
fn north_dale() -> Tree {
    let t = Tree::new();
    t.authority("north-dale", "");
    t.inspection(
        "north-dale",
        "2019-ilacs",
        "framework: ilacs\npublished: 2019-07\ngrades: { overall: good }\n",
    );
    t
}

#[test]
fn init_starts_a_portal_that_builds_and_refuses_to_start_it_twice() {
    let t = Tree::empty();
    let ran = run_in(&t, &["init", "portal"]);
    assert!(
        ran.assert_ok().stdout.contains("portal/content/site.yaml"),
        "{}",
        ran.stdout
    );
    let content = t.root().join("portal/content");
    for f in [
        "site.yaml",
        "frameworks.yaml",
        "authorities/example-borough/authority.yaml",
    ] {
        assert!(content.join(f).is_file(), "{f}");
    }
    let out = t.root().join("portal/public");
    build(&content, &out, &[]).assert_ok();
    let a = page_text(out.join("authorities/example-borough/index.html"));
    assert!(a.contains("Example Borough Council"), "{a}");
    assert!(out.join("authorities/example-borough/responses").is_dir());

    let again = run_in(&t, &["init", "portal"]);
    again.assert_code(2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn new_inspection_lists_the_frameworks_judgements_and_builds() {
    let t = north_dale();
    let args = [
        "new",
        "inspection",
        "north-dale",
        "--framework",
        "ilacs",
        "--published",
        "2026-03-02",
    ];
    let ran = run_in(&t, &args);
    let path = "content/authorities/north-dale/inspections/2026-03-ilacs.md";
    assert!(ran.assert_ok().stdout.contains(path), "{}", ran.stdout);
    let text = t.read(path);
    for want in [
        "framework: ilacs",
        "published: 2026-03-02",
        "  overall:",
        "  leaders:",
        "requires-improvement",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    let built = t.build_ok();
    assert!(
        built.stderr.contains("has no grade yet"),
        "{}",
        built.stderr
    );
    assert!(
        t.out()
            .join("authorities/north-dale/inspections/2026-03-ilacs/index.html")
            .is_file()
    );

    // Without --framework: the framework of the newest inspection.
    let ran = run_in(
        &t,
        &["new", "inspection", "north-dale", "--published", "2026-05"],
    );
    ran.assert_ok();
    assert!(
        t.read("content/authorities/north-dale/inspections/2026-05-ilacs.md")
            .contains("framework: ilacs")
    );

    // Never over an existing file; the file is as it was.
    t.replace(path, "A summary of", "Edited: a summary of");
    let edited = t.read(path);
    let again = run_in(&t, &args);
    again.assert_code(2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(t.read(path), edited);
}

#[test]
fn new_response_names_its_inspection_and_builds() {
    let t = north_dale();
    let ran = run_in(&t, &["new", "response", "north-dale", "--to", "2019-ilacs"]);
    let stdout = &ran.assert_ok().stdout;
    let rel = stdout
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(':');
    assert!(rel.ends_with("-response-to-2019-ilacs.md"), "{stdout}");
    let text = t.read(rel);
    assert!(text.contains("responds_to: 2019-ilacs"), "{text}");
    assert!(text.contains("publisher: north-dale Council"), "{text}");
    t.build_ok();
    let again = run_in(&t, &["new", "response", "north-dale", "--to", "2019-ilacs"]);
    again.assert_code(2);
}

#[test]
fn unknown_names_are_refused_with_the_known_ones_and_a_suggestion() {
    let t = north_dale();
    let before = t.listing();
    for (args, want) in [
        (
            &["new", "inspection", "north-dal"][..],
            "did you mean `north-dale`?",
        ),
        (
            &["new", "inspection", "north-dale", "--framework", "ilac"][..],
            "did you mean `ilacs`?",
        ),
        (
            &["new", "response", "north-dale", "--to", "2019-ilac"][..],
            "did you mean `2019-ilacs`?",
        ),
        (
            &["new", "inspection", "north-dale", "--published", "2026-13"][..],
            "--published",
        ),
    ] {
        let ran = run_in(&t, args);
        ran.assert_code(2);
        assert!(ran.stderr.contains(want), "{args:?}: {}", ran.stderr);
        assert_eq!(ran.stderr.lines().count(), 1, "{}", ran.stderr);
    }
    let framework = run_in(
        &t,
        &["new", "inspection", "north-dale", "--framework", "nope"],
    );
    assert!(framework.stderr.contains("ilacs, "), "{}", framework.stderr);
    assert_eq!(t.listing(), before);
    assert!(
        !t.content()
            .join("authorities/north-dale/inspections/2026-13-ilacs.md")
            .exists()
    );
}
