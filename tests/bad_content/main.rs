//! Bad-content regression corpus.
//!
//! Every case under `tests/fixtures/bad/<case>/` is applied on top of a fresh copy
//! of the valid tree in `tests/fixtures/base/content/`:
//!
//! * `overlay/`  files copied over the base copy (they may add or replace files);
//! * `remove`    optional; relative paths to delete from the base copy, one a line;
//! * `expect`    what stderr MUST (or must not) contain, one expectation a line;
//!   lines starting with `#` are comments:
//!   - `file: <path relative to the content root, forward slashes>`
//!   - `file: <path> | <path>`: at least one of them, for a problem that two files
//!     share (e.g. a duplicate alias)
//!   - `field: <field name>` (e.g. `grades.overall`, `visit.to`)
//!   - `message: <text>`, matched case-insensitively
//!   - `line: <n>`, a line number shown as `:n` or `line n`
//!   - `absent: <text>`: must NOT appear, a false report (e.g. `responds_to` errors
//!     against responses that are valid)
//!
//! Cases whose bytes or filesystem shapes git cannot hold nicely are produced by
//! [`generate`] (keyed by case name, each documented there); their folder holds only
//! `expect`.
//!
//! Each case first builds the GOOD base into OUT (must exit 0), snapshots OUT (every
//! path with its type and bytes) and OUT's parent folder listing, then applies the
//! case and builds again into the same OUT. The bad build must exit with code 1,
//! must not panic, must name every expected file/field/message in stderr (files
//! relative to the content root, not as absolute paths), and must leave OUT and
//! OUT's parent exactly as they were.
//!
//! Set `BAD_CONTENT_SHOW_STDERR=1` to print every bad build's stderr (run with
//! `--nocapture` to see it).

#[path = "../common/mod.rs"]
mod common;
mod generate;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use generate::{GENERATED, generate};

const NM: &str = "authorities/northmoor";
/// An inspection file that the base tree does not have; many cases add it.
const NEW_INSPECTION: &str = "authorities/northmoor/inspections/2020-02-ilacs.md";

fn fixtures() -> PathBuf {
    project_root().join("tests").join("fixtures")
}

fn base_content() -> PathBuf {
    fixtures().join("base").join("content")
}

fn case_dir(case: &str) -> PathBuf {
    fixtures().join("bad").join(case)
}

// ---------------------------------------------------------------------------
// running the binary

fn run_build(cwd: &Path, content: &Path, out: &Path) -> Ran {
    build_in(cwd, content, out, &[])
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}\n... [{} more bytes]", &s[..end], s.len() - end)
}

// ---------------------------------------------------------------------------
// expectations

#[derive(Debug, Clone)]
enum Expect {
    File(String),
    AnyFile(Vec<String>),
    Absent(String),
    Field(String),
    Message(String),
    Line(u32),
}

fn read_expect(case: &str) -> Vec<Expect> {
    let path = case_dir(case).join("expect");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut v = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, val) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{}:{}: expected `key: value`", path.display(), i + 1));
        let val = val.trim().to_string();
        v.push(match k.trim() {
            "file" if val.contains(" | ") => {
                Expect::AnyFile(val.split(" | ").map(|f| f.trim().to_string()).collect())
            }
            "file" => Expect::File(val),
            "absent" => Expect::Absent(val),
            "field" => Expect::Field(val),
            "message" => Expect::Message(val),
            "line" => Expect::Line(val.parse().expect("line: <number>")),
            other => panic!("{}:{}: unknown key {other:?}", path.display(), i + 1),
        });
    }
    assert!(!v.is_empty(), "{}: no expectations", path.display());
    v
}

/// `:N` or `line N` (any case), with N not part of a longer number.
fn mentions_line(stderr: &str, n: u32) -> bool {
    let n = n.to_string();
    let lower = stderr.to_lowercase();
    let bounded = |hay: &str, needle: &str| {
        hay.match_indices(needle).any(|(i, m)| {
            let after = hay[i + m.len()..].chars().next();
            !matches!(after, Some(c) if c.is_ascii_digit())
        })
    };
    bounded(&lower, &format!(":{n}"))
        || bounded(&lower, &format!("line {n}"))
        || bounded(&lower, &format!("line: {n}"))
        || bounded(&lower, &format!("line {n},"))
}

fn check_expectations(expects: &[Expect], stderr: &str, content_root: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let abs = content_root.to_string_lossy().replace('\\', "/");
    // The path must appear relative to the content root: occurrences that are only
    // the tail of an absolute path do not count.
    let names_relative = |f: &str| {
        stderr
            .replace(&format!("{abs}/{f}"), "<ABSOLUTE PATH>")
            .contains(f)
    };
    for e in expects {
        match e {
            Expect::AnyFile(fs) => {
                if !fs.iter().any(|f| names_relative(f)) {
                    failures.push(format!(
                        "stderr names none of the files {fs:?} (relative to the content root)"
                    ));
                }
            }
            Expect::Absent(t) => {
                if stderr.contains(t.as_str()) {
                    failures.push(format!(
                        "stderr contains `{t}`, a problem that does not exist (a false report)"
                    ));
                }
            }
            Expect::File(f) => {
                if !names_relative(f) {
                    if stderr.contains(f.as_str()) {
                        failures.push(format!(
                            "file `{f}` is named only as an absolute path, not relative to the content root"
                        ));
                    } else {
                        failures.push(format!("stderr does not name file `{f}`"));
                    }
                }
            }
            Expect::Field(f) => {
                if !stderr.contains(f.as_str()) {
                    failures.push(format!("stderr does not name field `{f}`"));
                }
            }
            Expect::Message(m) => {
                if !stderr.to_lowercase().contains(&m.to_lowercase()) {
                    failures.push(format!("stderr does not contain `{m}` (case-insensitive)"));
                }
            }
            Expect::Line(n) => {
                if !mentions_line(stderr, *n) {
                    failures.push(format!(
                        "stderr does not give line {n} (as `:{n}` or `line {n}`)"
                    ));
                }
            }
        }
    }
    failures
}

// ---------------------------------------------------------------------------
// applying a case

/// The overlay files of a case, relative to the content root.
fn overlay_files(case: &str) -> Vec<String> {
    let overlay = case_dir(case).join("overlay");
    if !overlay.is_dir() {
        return Vec::new();
    }
    let snap = snapshot(&overlay);
    snap.into_iter()
        .filter(|(_, n)| !matches!(n, Node::Dir))
        .map(|(k, _)| k)
        .collect()
}

fn apply_case(case: &str, root: &Path, content: &Path) {
    let dir = case_dir(case);
    assert!(dir.is_dir(), "no fixture folder {}", dir.display());
    let mut applied = false;
    let overlay = dir.join("overlay");
    if overlay.is_dir() {
        copy_tree(&overlay, content);
        applied = true;
    }
    let remove = dir.join("remove");
    if remove.is_file() {
        for line in fs::read_to_string(&remove).unwrap().lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let p = content.join(line);
            if p.is_dir() {
                fs::remove_dir_all(&p).unwrap();
            } else {
                fs::remove_file(&p).unwrap_or_else(|e| panic!("remove {}: {e}", p.display()));
            }
            applied = true;
        }
    }
    if generate(case, root, content) {
        applied = true;
    }
    assert!(
        applied,
        "case {case} changes nothing: it needs overlay/, remove or a generator"
    );
}

// ---------------------------------------------------------------------------
// the harness

struct Workspace {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    content: PathBuf,
    sites: PathBuf,
    out: PathBuf,
}

fn workspace() -> Workspace {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    let content = root.join("content");
    copy_tree(&base_content(), &content);
    // OUT lives alone in `sites/`, so anything left beside it shows up.
    let sites = root.join("sites");
    fs::create_dir_all(&sites).unwrap();
    let out = sites.join("out");
    Workspace {
        _tmp: tmp,
        root,
        content,
        sites,
        out,
    }
}

/// Builds the good base into OUT and returns the snapshots to compare against.
fn build_good(ws: &Workspace) -> (BTreeMap<String, Node>, BTreeSet<String>) {
    let good = run_build(&ws.root, &ws.content, &ws.out);
    assert!(
        good.code == Some(0),
        "the GOOD base tree must build (exit 0), got {}\n--- stderr ---\n{}\n--- stdout ---\n{}",
        good.describe_status(),
        truncate(&good.stderr, 8000),
        truncate(&good.stdout, 2000)
    );
    assert!(
        ws.out.is_dir(),
        "a good build must create OUT at {}",
        ws.out.display()
    );
    let snap = snapshot(&ws.out);
    assert!(
        snap.values().any(|n| matches!(n, Node::File(_))),
        "a good build wrote no files into OUT"
    );
    (snap, listing(&ws.sites))
}

/// Builds the (now bad) tree into the same OUT and checks everything the contract asks.
fn build_bad_and_check(
    label: &str,
    ws: &Workspace,
    expects: &[Expect],
    snap_before: &BTreeMap<String, Node>,
    parent_before: &BTreeSet<String>,
) {
    let bad = run_build(&ws.root, &ws.content, &ws.out);
    if std::env::var_os("BAD_CONTENT_SHOW_STDERR").is_some() {
        eprintln!(
            "===== {label}: {} =====\n{}",
            bad.describe_status(),
            truncate(&bad.stderr, 12_000)
        );
    }
    let mut failures = Vec::new();
    if bad.code != Some(1) {
        failures.push(format!(
            "expected exit code 1, got {}",
            bad.describe_status()
        ));
    }
    if bad.stderr.contains("panicked") || bad.stdout.contains("panicked") {
        failures.push("the build panicked".to_string());
    }
    failures.extend(check_expectations(expects, &bad.stderr, &ws.content));
    if ws.out.is_dir() {
        let diff = snapshot_diff(snap_before, &snapshot(&ws.out));
        if !diff.is_empty() {
            let n = diff.len();
            let shown: Vec<_> = diff.into_iter().take(20).collect();
            failures.push(format!(
                "OUT was modified ({n} differences): {}",
                shown.join(", ")
            ));
        }
    } else {
        failures.push("OUT no longer exists after the failed build".to_string());
    }
    let parent_after = listing(&ws.sites);
    if &parent_after != parent_before {
        failures.push(format!(
            "OUT's parent folder changed: before {parent_before:?}, after {parent_after:?}"
        ));
    }
    if !failures.is_empty() {
        panic!(
            "bad-content case `{label}` failed:\n  - {}\n--- stderr ({}) ---\n{}\n--- stdout ---\n{}",
            failures.join("\n  - "),
            bad.describe_status(),
            truncate(&bad.stderr, 12_000),
            truncate(&bad.stdout, 2000)
        );
    }
}

fn run_case(case: &str) {
    let expects = read_expect(case);
    let ws = workspace();
    let (snap, parent) = build_good(&ws);
    apply_case(case, &ws.root, &ws.content);
    build_bad_and_check(case, &ws, &expects, &snap, &parent);
}

macro_rules! bad_cases {
    ($($name:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run_case($dir);
            }
        )*
        const ALL_CASES: &[&str] = &[$($dir),*];
    };
}

bad_cases! {
    // bytes and filesystem shapes (generated in code: see `generate`)
    invalid_utf8 => "invalid-utf8",
    invalid_utf8_yaml => "invalid-utf8-yaml",
    binary_file => "binary-file",
    bom_garbage => "bom-garbage",
    bom_crlf_bad_date => "bom-crlf-bad-date",
    alias_bomb => "alias-bomb",
    deep_nesting => "deep-nesting",
    deep_nesting_map => "deep-nesting-map",
    huge_file => "huge-file",
    symlink_escape => "symlink-escape",
    symlink_dir_escape => "symlink-dir-escape",
    dir_named_md => "dir-named-md",
    // front matter and YAML
    empty_md => "empty-md",
    missing_front_matter => "missing-front-matter",
    unclosed_front_matter => "unclosed-front-matter",
    front_matter_only_opening => "front-matter-only-opening",
    yaml_syntax_error => "yaml-syntax-error",
    yaml_syntax_error_authority => "yaml-syntax-error-authority",
    yaml_syntax_error_frameworks => "yaml-syntax-error-frameworks",
    wrong_shape_grades_list => "wrong-shape-grades-list",
    wrong_shape_strengths_string => "wrong-shape-strengths-string",
    wrong_shape_front_matter_list => "wrong-shape-front-matter-list",
    wrong_shape_authority_scalar => "wrong-shape-authority-scalar",
    wrong_shape_aliases_map => "wrong-shape-aliases-map",
    wrong_shape_quotes_strings => "wrong-shape-quotes-strings",
    // dates
    impossible_date_feb30 => "impossible-date-feb30",
    impossible_date_feb29_non_leap => "impossible-date-feb29-non-leap",
    impossible_month_13 => "impossible-month-13",
    impossible_month_00 => "impossible-month-00",
    impossible_day_00 => "impossible-day-00",
    date_not_a_date => "date-not-a-date",
    visit_to_before_from => "visit-to-before-from",
    // slugs and aliases
    bad_slug_uppercase_folder => "bad-slug-uppercase-folder",
    bad_slug_underscore_file => "bad-slug-underscore-file",
    bad_slug_double_hyphen => "bad-slug-double-hyphen",
    bad_slug_page_trailing_hyphen => "bad-slug-page-trailing-hyphen",
    bad_slug_alias => "bad-slug-alias",
    alias_collides_with_slug => "alias-collides-with-slug",
    duplicate_alias_two_authorities => "duplicate-alias-two-authorities",
    // responds_to
    dangling_responds_to => "dangling-responds-to",
    dangling_responds_to_list => "dangling-responds-to-list",
    responds_to_other_authority => "responds-to-other-authority",
    // frameworks and grades
    unknown_framework => "unknown-framework",
    unknown_grade => "unknown-grade",
    unknown_grade_wrong_scale => "unknown-grade-wrong-scale",
    unknown_judgement_key => "unknown-judgement-key",
    graded_missing_grades => "graded-missing-grades",
    grades_on_ungraded => "grades-on-ungraded",
    missing_overall => "missing-overall",
    graded_empty_grades_no_overall => "graded-empty-grades-no-overall",
    overall_on_framework_without_overall => "overall-on-framework-without-overall",
    recommendation_count_less => "recommendation-count-less",
    recommendation_count_negative => "recommendation-count-negative",
    // URLs
    report_url_not_http => "report-url-not-http",
    report_url_relative => "report-url-relative",
    javascript_source_url => "javascript-source-url",
    javascript_website => "javascript-website",
    // required fields, kinds, typos
    missing_published => "missing-published",
    missing_framework => "missing-framework",
    missing_response_title => "missing-response-title",
    missing_response_date => "missing-response-date",
    missing_response_kind => "missing-response-kind",
    missing_responds_to => "missing-responds-to",
    missing_source => "missing-source",
    missing_source_publisher => "missing-source-publisher",
    missing_authority_name => "missing-authority-name",
    missing_authority_region => "missing-authority-region",
    missing_page_title => "missing-page-title",
    missing_site_title => "missing-site-title",
    missing_quote_text => "missing-quote-text",
    unknown_response_kind => "unknown-response-kind",
    mistyped_published => "mistyped-published",
    mistyped_region => "mistyped-region",
    mistyped_responds_to => "mistyped-responds-to",
    // site.yaml, frameworks.yaml, layout
    missing_site_yaml => "missing-site-yaml",
    base_url_not_absolute => "base-url-not-absolute",
    missing_frameworks_yaml => "missing-frameworks-yaml",
    unknown_scale => "unknown-scale",
    authority_without_yaml => "authority-without-yaml",
    // several files at once
    multiple_problems => "multiple-problems",
    site_error_with_cross_reference_errors => "site-error-with-cross-reference-errors",
    frameworks_missing_with_cross_reference_errors => "frameworks-missing-with-cross-reference-errors",
}

// ---------------------------------------------------------------------------
// tests about the corpus itself, the base tree, and reporting everything at once

/// Every fixture folder has a test, every test a fixture folder, and every
/// generated case is listed as one.
#[test]
fn corpus_is_complete() {
    let on_disk: BTreeSet<String> = listing(&fixtures().join("bad"));
    let listed: BTreeSet<String> = ALL_CASES.iter().map(|s| s.to_string()).collect();
    assert_eq!(ALL_CASES.len(), listed.len(), "a case is listed twice");
    let not_listed: Vec<_> = on_disk.difference(&listed).collect();
    let no_folder: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        not_listed.is_empty(),
        "fixture folders without a test: {not_listed:?}"
    );
    assert!(
        no_folder.is_empty(),
        "tests without a fixture folder: {no_folder:?}"
    );
    for g in GENERATED {
        assert!(listed.contains(*g), "generated case {g} has no test");
    }
    for case in ALL_CASES {
        read_expect(case);
        let d = case_dir(case);
        assert!(
            d.join("overlay").is_dir() || d.join("remove").is_file() || GENERATED.contains(case),
            "case {case} changes nothing"
        );
    }
    assert!(ALL_CASES.len() >= 34);
}

/// The valid base tree alone builds, and building it again over its own output
/// also succeeds.
#[test]
fn base_tree_builds() {
    let ws = workspace();
    let (snap, _) = build_good(&ws);
    for page in [
        "index.html",
        "authorities/northmoor/index.html",
        "authorities/eastbridge/index.html",
    ] {
        assert!(snap.contains_key(page), "good build has no {page}");
    }
    let again = run_build(&ws.root, &ws.content, &ws.out);
    assert_eq!(
        again.code,
        Some(0),
        "rebuild over existing OUT failed:\n{}",
        again.stderr
    );
    assert!(!again.stderr.contains("panicked"));
}

/// Many independent problems in many files at once: one build must report them
/// all (the output may be grouped by file in any way; only that each file, field
/// and message is named is asserted).
#[test]
fn all_problems_reported_together() {
    const COMBINED: &[&str] = &[
        "invalid-utf8",                   // new inspection (generated)
        "javascript-source-url",          // eastbridge statement
        "missing-authority-region",       // eastbridge authority.yaml
        "base-url-not-absolute",          // site.yaml
        "missing-page-title",             // pages/about.md
        "impossible-day-00",              // northmoor committee record
        "dangling-responds-to",           // northmoor press release
        "grades-on-ungraded",             // northmoor focused visit
        "bad-slug-underscore-file",       // new inspection 2020_02_ilacs.md
        "missing-source-publisher",       // eastbridge news report
        "graded-empty-grades-no-overall", // eastbridge 2026 inspection
        "missing-quote-text",             // eastbridge 2018 inspection
        "bad-slug-uppercase-folder",      // new authority folder
    ];
    // The cases must touch different files, or they would overwrite each other.
    let mut touched: BTreeMap<String, &str> = BTreeMap::new();
    for case in COMBINED {
        let mut files = overlay_files(case);
        if *case == "invalid-utf8" {
            files.push(NEW_INSPECTION.to_string());
        }
        for f in files {
            if let Some(other) = touched.insert(f.clone(), case) {
                panic!("cases {other} and {case} both touch {f}");
            }
        }
    }
    let ws = workspace();
    let (snap, parent) = build_good(&ws);
    let mut expects = Vec::new();
    for case in COMBINED {
        apply_case(case, &ws.root, &ws.content);
        // Line numbers are per file and cannot be told apart when combined, and one
        // case's `absent` text may be another case's real problem.
        expects.extend(
            read_expect(case)
                .into_iter()
                .filter(|e| !matches!(e, Expect::Line(_) | Expect::Absent(_))),
        );
    }
    build_bad_and_check(
        "all-problems-reported-together",
        &ws,
        &expects,
        &snap,
        &parent,
    );
}

/// A build only reads the content folder.
#[test]
fn bad_build_leaves_content_untouched() {
    let ws = workspace();
    let (_snap, _parent) = build_good(&ws);
    apply_case("multiple-problems", &ws.root, &ws.content);
    let content_before = snapshot(&ws.content);
    let bad = run_build(&ws.root, &ws.content, &ws.out);
    assert_eq!(bad.code, Some(1), "{}", bad.stderr);
    let diff = snapshot_diff(&content_before, &snapshot(&ws.content));
    assert!(
        diff.is_empty(),
        "the build modified the content folder: {diff:?}"
    );
}

/// Bad output into an OUT that does not exist yet must not create it.
#[test]
fn bad_build_does_not_create_missing_out() {
    let ws = workspace();
    apply_case("multiple-problems", &ws.root, &ws.content);
    let bad = run_build(&ws.root, &ws.content, &ws.out);
    assert_eq!(bad.code, Some(1), "{}", bad.stderr);
    assert!(!bad.stderr.contains("panicked"), "{}", bad.stderr);
    assert!(
        listing(&ws.sites).is_empty(),
        "a failed build left {:?} in OUT's parent",
        listing(&ws.sites)
    );
}
