//! Usage errors end with exit 2 and one plain line (not a content diagnostic),
//! and a site built under a sub-path shows every address with the sub-path.

mod common;

use std::fs;

use common::*;

/// Exit 2 and exactly one line on stderr, starting `error: `.
fn assert_usage_error(o: &Ran) -> String {
    let err = o.stderr.clone();
    assert_eq!(o.code, Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one plain line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        !err.contains("in 1 file"),
        "not a content diagnostic: {err}"
    );
    err
}

#[test]
fn an_invalid_base_url_is_a_usage_error() {
    let t = Tree::real();
    let content = t.content();
    let out = t.root().join("public");
    for command in ["build", "check"] {
        let mut args = vec![command, "--content", content.to_str().unwrap()];
        if command == "build" {
            args.extend(["--output", out.to_str().unwrap()]);
        }
        args.extend(["--base-url", "not a url"]);
        let err = assert_usage_error(&run_in(t.root(), &args));
        assert!(err.contains("--base-url"), "{err}");
        assert!(err.contains("`not a url`"), "{err}");
    }
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_missing_content_folder_is_a_usage_error_saying_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["build"][..],
        &["check"][..],
        &["serve", "--port", "0"][..],
    ] {
        let err = assert_usage_error(&run_in(dir.path(), args));
        let looked = fs::canonicalize(dir.path()).unwrap().join("content");
        assert!(err.contains(&looked.display().to_string()), "{err}");
        assert!(err.contains("--content DIR"), "{err}");
    }
    assert!(!dir.path().join("public").exists(), "nothing written");
}

#[test]
fn a_build_says_how_to_browse_the_site() {
    let t = Tree::real();
    let content = t.content();
    let out = t.root().join("public");
    let o = build_in(t.root(), &content, &out, &[]);
    o.assert_ok();
    let said = &o.stdout;
    // The command to browse it, for the same content (see tests/publishing.rs).
    let serve = format!(" serve --content {}`", content.display());
    assert!(said.contains(&serve), "{said}");
    assert!(!said.contains("in a browser"), "{said}");
}

#[test]
fn former_addresses_carry_the_base_urls_sub_path() {
    let t = Tree::real();
    let content = t.content();
    let yaml = content.join("authorities/south-tyneside/authority.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(
        &yaml,
        format!("{text}\naliases: [old-tyneside, south-tyneside-council]\n"),
    )
    .unwrap();
    let out = t.root().join("public");
    let o = build_in(
        t.root(),
        &content,
        &out,
        &["--base-url", "http://host/sub/path/"],
    );
    o.assert_ok();
    let page = fs::read_to_string(out.join("authorities/south-tyneside/index.html")).unwrap();
    for alias in ["old-tyneside", "south-tyneside-council"] {
        assert!(
            page.contains(&format!("<code>/sub/path/authorities/{alias}/</code>")),
            "{alias} shown under the sub-path"
        );
        assert!(
            out.join(format!("authorities/{alias}/index.html"))
                .is_file(),
            "{alias} redirects"
        );
    }
    // No address on the page leaves out the sub-path.
    for attr in ["href=\"/", "src=\"/", "<code>/"] {
        for (i, _) in page.match_indices(attr) {
            let rest = &page[i + attr.len()..];
            assert!(
                rest.starts_with("sub/path/"),
                "`{attr}{}` lacks the sub-path",
                &rest[..rest.len().min(40)]
            );
        }
    }
}
