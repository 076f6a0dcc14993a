//! `scrutiny serve`: the real binary serves a tree, picks up an edit, shows a
//! bad edit's diagnostics while serving the last good site, and recovers.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP GET: (status, body).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

fn wait_for(port: u16, path: &str, what: &str) -> String {
    let start = Instant::now();
    loop {
        if let Some((_, body)) = get(port, path)
            && body.contains(what)
        {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what:?} never served at {path}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `scrutiny serve` on a tree's content, at a free port.
fn serve(t: &Tree) -> (Server, u16) {
    let port = free_port();
    let server = Server(
        bin()
            .args([
                "serve",
                "--content",
                t.content().to_str().unwrap(),
                "--port",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    (server, port)
}

#[test]
fn search_keeps_up_with_edits() {
    let t = Tree::new();
    t.authority("a-town", "");
    let insp = "content/authorities/a-town/inspections/2019-ilacs.md";
    let front = "---\nframework: ilacs\npublished: 2019-07\ngrades: { overall: good }\n";
    t.file(insp, &format!("{front}---\nFirst.\n"));
    let (_server, port) = serve(&t);
    let entry = "/search/pagefind/pagefind-entry.json";
    // The authority and its inspection.
    wait_for(port, entry, "\"page_count\":2");
    assert!(
        wait_for(port, "/search/", "<h1>Search</h1>").contains("data-index=\"/search/pagefind/\"")
    );
    assert!(
        get(port, "/search/pagefind/pagefind.js")
            .unwrap()
            .1
            .contains("pagefind")
    );

    let before = wait_for(port, entry, "\"page_count\":2");

    // A quote added: the same two records (a quote is a section of its
    // inspection's), in an index rebuilt while serving, so named anew.
    t.file(
        insp,
        &format!("{front}quotes:\n  - {{ text: Well led, speaker: Ann Lee }}\n---\nFirst.\n"),
    );
    let start = Instant::now();
    while get(port, entry).is_none_or(|(_, body)| body == before) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the index never changed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    wait_for(port, entry, "\"page_count\":2");
}

#[test]
fn serves_rebuilds_on_edit_survives_a_bad_edit_and_recovers() {
    let t = Tree::empty();
    t.file(
        "content/site.yaml",
        "title: Served\nbase_url: https://example.org/portal/\n",
    );
    t.file(
        "content/frameworks.yaml",
        "scales:\n  s:\n    - { id: good, label: Good }\n    - { id: bad, label: Bad }\nframeworks:\n  f:\n    name: Framework\n    scale: s\n    judgements:\n      overall: Overall\n",
    );
    t.file(
        "content/authorities/a-town/authority.yaml",
        "name: A Town\nregion: London\n",
    );
    let insp = "content/authorities/a-town/inspections/2019-f.md";
    t.file(
        insp,
        "---\nframework: f\npublished: 2019\ngrades: { overall: good }\n---\nFirst version.\n",
    );
    let (_server, port) = serve(&t);
    let page = "/authorities/a-town/inspections/2019-f/";
    let body = wait_for(port, page, "First version.");
    assert!(
        body.contains("/__scrutiny/reload.js"),
        "serve adds the reload script"
    );
    assert!(
        body.contains("href=\"/static/style.css\""),
        "links are rewritten to the local address"
    );
    assert_eq!(get(port, "/nowhere/").unwrap().0, 404);
    assert!(
        get(port, "/__scrutiny/reload.js")
            .unwrap()
            .1
            .contains("EventSource")
    );

    t.file(
        insp,
        "---\nframework: f\npublished: 2019\ngrades: { overall: good }\n---\nSecond version.\n",
    );
    wait_for(port, page, "Second version.");

    // A bad edit: the last good page stays served, with the problem shown.
    t.file(
        insp,
        "---\nframework: f\npublished: 2019\ngrades: { overall: excellent }\n---\nThird version.\n",
    );
    let body = wait_for(port, page, "role=\"alert\"");
    assert!(
        body.contains("Second version."),
        "last good build still served"
    );
    assert!(
        body.contains("authorities/a-town/inspections/2019-f.md") && body.contains("excellent"),
        "{body}"
    );

    t.file(
        insp,
        "---\nframework: f\npublished: 2019\ngrades: { overall: bad }\n---\nFourth version.\n",
    );
    let body = wait_for(port, page, "Fourth version.");
    assert!(!body.contains("role=\"alert\""), "recovered");

    // The reload script belongs to `serve` alone: a build of the same
    // content has no trace of it in any file.
    t.build_to("built", &[]).assert_ok();
    let mut files = 0;
    for (rel, path) in common::files(&t.root().join("built")) {
        files += 1;
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        assert!(
            !text.contains("__scrutiny") && !text.contains("EventSource"),
            "{rel} holds the reload script"
        );
    }
    assert!(files > 10, "the build wrote the site");
}

#[test]
fn an_edit_that_moves_an_inspection_in_time_keeps_the_records_in_order() {
    let t = Tree::new();
    t.authority("a-town", "");
    let dir = "content/authorities/a-town/inspections";
    let ilacs = |published: &str, grade: &str| {
        format!(
            "---\nframework: ilacs\npublished: {published}\ngrades: {{ overall: {grade} }}\n---\nText.\n"
        )
    };
    t.file(&format!("{dir}/first.md"), &ilacs("2019-07", "outstanding"));
    t.file(&format!("{dir}/second.md"), &ilacs("2021-03", "inadequate"));
    let (_server, port) = serve(&t);
    let page = "/authorities/a-town/data.json";
    let newest_last = |body: &str| {
        body.find("\"slug\": \"first\"") < body.find("\"slug\": \"second\"")
            && body.contains("\"inspection\": \"second\"")
    };
    let before = wait_for(port, page, "\"second\"");
    assert!(newest_last(&before), "{before}");
    // The first inspection edited to be the newer one: the site sees the
    // records in their new order (its current rating is that one's).
    t.file(&format!("{dir}/first.md"), &ilacs("2022-01", "outstanding"));
    let start = Instant::now();
    loop {
        let body = get(port, page).map(|(_, b)| b).unwrap_or_default();
        if body.contains("2022-01") {
            let newest_first = body.find("\"slug\": \"second\"") < body.find("\"slug\": \"first\"");
            assert!(
                newest_first && body.contains("\"inspection\": \"first\""),
                "{body}"
            );
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the edit never served"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
