//! Publishing (issue 19): the redirect and header files static hosts read,
//! the warning for a placeholder base URL, and the next step `build` prints.

mod common;

use std::collections::BTreeSet;

use common::*;

/// North Dale, formerly Old Dale, with a renamed inspection and response.
fn renamed_tree() -> Tree {
    let t = Tree::new();
    t.authority("north-dale", "aliases: [old-dale]\n")
        .inspection("north-dale", "2019-ilacs", "framework: ilacs\npublished: 2019-07-10\ngrades: { overall: good }\naliases: [2019-inspection]\n")
        .response("north-dale", "2019-07-12-statement", "title: We will improve\ndate: 2019-07-12\nkind: statement\nresponds_to: 2019-ilacs\nsource: { publisher: North Dale Council }\ncommitments: [Hire social workers]\naliases: [statement]\n")
        .authority("south-fen", "");
    t
}

/// Every HTML redirect page of a build, as `(from, to)` links under the base
/// path, the current `latest/` pages (temporary redirects) counted apart.
fn redirect_pages(out: &std::path::Path) -> (BTreeSet<(String, String)>, usize) {
    let mut pages = BTreeSet::new();
    let mut latest = 0;
    for (rel, path) in files(out) {
        let Some(folder) = rel.strip_suffix("index.html") else {
            continue;
        };
        let text = read(&path);
        let Some(at) = text.find("http-equiv=\"refresh\"") else {
            continue;
        };
        let to = text[at..].split("url=").nth(1).unwrap();
        let to = to[..to.find('"').unwrap()].to_string();
        if folder == "authorities/old-dale/latest/" {
            // A former name's `latest/` moved for good to the current one.
            pages.insert((
                format!("/portal/{folder}"),
                "/portal/authorities/north-dale/latest/".to_string(),
            ));
        } else if folder.ends_with("/latest/") {
            latest += 1;
        } else {
            pages.insert((format!("/portal/{folder}"), to));
        }
    }
    (pages, latest)
}

#[test]
fn every_alias_redirect_page_is_a_permanent_redirect_in_the_redirects_file() {
    let t = renamed_tree();
    t.build_ok();
    let out = t.out();
    let (pages, latest) = redirect_pages(&out);
    assert!(pages.len() >= 6, "{pages:?}");
    let rules: Vec<Vec<String>> = read(out.join("_redirects"))
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(' ').map(str::to_string).collect())
        .collect();
    let permanent: BTreeSet<(String, String)> = rules
        .iter()
        .filter(|r| r[2] == "301")
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert_eq!(permanent, pages);
    assert!(permanent.contains(&(
        "/portal/authorities/old-dale/".into(),
        "/portal/authorities/north-dale/".into()
    )));
    assert!(permanent.contains(&(
        "/portal/authorities/old-dale/latest/".into(),
        "/portal/authorities/north-dale/latest/".into()
    )));
    // `latest/` moves with each new inspection: a temporary redirect.
    let temporary: Vec<_> = rules.iter().filter(|r| r[2] == "302").collect();
    assert_eq!(temporary.len(), latest);
    assert!(
        temporary
            .iter()
            .any(|r| r[0] == "/portal/authorities/north-dale/latest/"
                && r[1] == "/portal/authorities/north-dale/inspections/2019-ilacs/")
    );
    assert!(rules.iter().all(|r| r.len() == 3), "{rules:?}");

    let headers = read(out.join("_headers"));
    assert!(
        headers.contains("/portal/search/pagefind/fragment/*\n  Cache-Control: public, max-age=31536000, immutable"),
        "{headers}"
    );
    assert!(headers.contains("/portal/static/*\n"), "{headers}");
    assert!(
        out.join("search/pagefind/fragment").is_dir(),
        "the immutable rule names a folder the index has"
    );
}

#[test]
fn a_placeholder_base_url_warns_in_one_line_and_a_real_one_does_not() {
    let t = renamed_tree();
    let placeholder = |r: &Ran| {
        r.stderr
            .lines()
            .filter(|l| l.contains("placeholder"))
            .count()
    };
    for built in [t.build_ok(), t.check(&[])] {
        built.assert_ok();
        assert_eq!(placeholder(&built), 1, "{}", built.stderr);
        assert!(built.stderr.contains("https://example.org/portal/"));
    }
    for url in [
        "http://localhost:8000/",
        "https://portal.test/",
        "http://127.0.0.1/x/",
    ] {
        let built = t.build_with(&["--base-url", url]);
        assert_eq!(placeholder(built.assert_ok()), 1, "{url}: {}", built.stderr);
    }
    let real = ["--base-url", "https://inspections.council-watch.org.uk/"];
    for run in [t.build_with(&real), t.check(&real)] {
        assert_eq!(placeholder(run.assert_ok()), 0, "{}", run.stderr);
        assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    }
}

#[test]
fn build_prints_a_serve_command_that_works_as_printed() {
    let t = renamed_tree();
    let binary = env!("CARGO_BIN_EXE_scrutiny");
    let mut direct = bin();
    direct
        .env_remove("CARGO")
        .arg("build")
        .arg("--content")
        .arg(t.content());
    direct.arg("--output").arg(t.out());
    let ran = run_cmd(direct);
    let want = format!("run `{binary} serve --content {}`", t.content().display());
    assert!(ran.assert_ok().stdout.contains(&want), "{}", ran.stdout);

    // Started by `cargo run`, it says `cargo run` again; cargo's binaries are
    // known by their `target/` folder, so with CARGO_TARGET_DIR elsewhere it
    // names the binary itself (which works as printed too).
    let mut by_cargo = bin();
    by_cargo.env("CARGO", "cargo").current_dir(t.root());
    by_cargo.args(["build", "--content", "content", "--output", "out"]);
    let ran = run_cmd(by_cargo);
    let want = if binary.contains("/target/") {
        "run `cargo run -- serve`".to_string()
    } else {
        format!("run `{binary} serve`")
    };
    assert!(ran.assert_ok().stdout.contains(&want), "{}", ran.stdout);
}
