//! Helpers shared by the integration tests: running the real binary, writing
//! content trees into temporary folders, and reading what a build wrote.
//!
//! Every test file that runs `scrutiny` starts it through [`bin`] (or the
//! [`run`], [`build`], [`check`] and [`Tree`] helpers built on it), walks
//! folders with [`files`] and compares outputs with [`snapshot`].

#![allow(dead_code)] // each test binary uses its own share of these helpers

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one run of the binary may take before it is killed as hung.
pub const TIMEOUT: Duration = Duration::from_secs(300);

/// The project folder (where `content/`, `templates/` and `static/` live).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary, with colour and backtraces off so its output is plain.
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_scrutiny"));
    c.env("NO_COLOR", "1")
        .env("CLICOLOR", "0")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null());
    c
}

// ---------------------------------------------------------------- running

/// What one run of the binary did.
#[derive(Debug)]
pub struct Ran {
    /// `None` when killed by a signal or after [`TIMEOUT`].
    pub code: Option<i32>,
    pub stdout: String,
    /// Standard error with terminal escapes removed.
    pub stderr: String,
    pub timed_out: bool,
}

impl Ran {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// Panics with the standard error unless the run exited 0.
    #[track_caller]
    pub fn assert_ok(&self) -> &Ran {
        assert!(
            self.ok(),
            "scrutiny failed ({}):\n{}",
            self.describe_status(),
            self.stderr
        );
        self
    }

    /// Panics unless the run exited with `code`.
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Ran {
        assert_eq!(
            self.code,
            Some(code),
            "{}:\n{}",
            self.describe_status(),
            self.stderr
        );
        self
    }

    pub fn describe_status(&self) -> String {
        if self.timed_out {
            format!("timed out after {TIMEOUT:?} and was killed")
        } else {
            match self.code {
                Some(c) => format!("exit code {c}"),
                None => "killed by a signal (stack overflow? abort?)".to_string(),
            }
        }
    }

    /// The number of files a build said it left unchanged ("… N unchanged)").
    pub fn unchanged(&self) -> Option<usize> {
        let n = self.stdout.split(" unchanged)").next()?;
        n.rsplit(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    }

    /// Whether the build said it had nothing to write.
    pub fn nothing_changed(&self) -> bool {
        self.stdout.contains("Nothing changed")
    }
}

/// Runs a prepared command to the end (killing it after [`TIMEOUT`]), reading
/// both of its outputs.
pub fn run_cmd(mut cmd: Command) -> Ran {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scrutiny");
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            timed_out = true;
            let _ = child.kill(); // only the child we spawned
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    Ran {
        code: if timed_out { None } else { status.code() },
        stdout: strip_ansi(&stdout),
        stderr: strip_ansi(&stderr),
        timed_out,
    }
}

/// Runs the binary with these arguments.
pub fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Ran {
    let mut c = bin();
    c.args(args);
    run_cmd(c)
}

/// Runs the binary with these arguments from the folder `cwd` (where the
/// defaults `content/` and `public/` are looked for).
pub fn run_in(cwd: &Path, args: &[&str]) -> Ran {
    let mut c = bin();
    c.args(args).current_dir(cwd);
    run_cmd(c)
}

/// The command `scrutiny build --content CONTENT --output OUT EXTRA...`, for
/// a test that runs it itself (to kill it, or to close its pipes).
pub fn build_cmd(content: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = bin();
    c.arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(out)
        .args(extra);
    c
}

/// `scrutiny build --content CONTENT --output OUT EXTRA...`.
pub fn build(content: &Path, out: &Path, extra: &[&str]) -> Ran {
    run_cmd(build_cmd(content, out, extra))
}

/// The same build, run from the folder `cwd`.
pub fn build_in(cwd: &Path, content: &Path, out: &Path, extra: &[&str]) -> Ran {
    let mut c = build_cmd(content, out, extra);
    c.current_dir(cwd);
    run_cmd(c)
}

/// `scrutiny check --content CONTENT EXTRA...`.
pub fn check(content: &Path, extra: &[&str]) -> Ran {
    let mut c = bin();
    c.arg("check").arg("--content").arg(content).args(extra);
    run_cmd(c)
}

/// Removes terminal escape sequences (CSI and OSC) from a program's output.
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
        } else if chars.peek() == Some(&'[') {
            chars.next();
            // CSI: parameters until a final byte in @..~
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) {
                    break;
                }
            }
        } else if chars.peek() == Some(&']') {
            // OSC (e.g. hyperlinks): until BEL or ESC \
            chars.next();
            while let Some(d) = chars.next() {
                if d == '\u{7}' {
                    break;
                }
                if d == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------- content trees

/// The frameworks most tests use: a 2013 four-point scale and a 2009 one, a
/// graded framework with and without `overall`, and an ungraded one.
pub const FRAMEWORKS: &str = "scales:\n  s13:\n    - { id: outstanding, label: Outstanding }\n    - { id: good, label: Good }\n    - { id: requires-improvement, label: Requires improvement to be good }\n    - { id: inadequate, label: Inadequate }\n  s09:\n    - { id: outstanding, label: Outstanding }\n    - { id: good, label: Good }\n    - { id: adequate, label: Adequate }\n    - { id: inadequate, label: Inadequate }\nframeworks:\n  ilacs:\n    name: Inspection of local authority children's services\n    short: ILACS\n    scale: s13\n    judgements:\n      overall: Overall effectiveness\n      leaders: Leaders\n  old:\n    name: Old framework\n    short: OLD\n    scale: s09\n    judgements:\n      overall: Overall effectiveness\n  ilacs-2026:\n    name: ILACS revised\n    short: ILACS 2026\n    scale: s13\n    judgements:\n      help-and-protection: Help and protection\n      leaders: Leaders\n  focused-visit:\n    name: Focused visit\n    short: FV\n";

/// A project folder in a fresh temporary directory: `content/` (and, when
/// a test writes them, `templates/` and `static/`), built into `out/`.
pub struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    /// An empty project folder.
    pub fn empty() -> Tree {
        Tree {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Site settings, [`FRAMEWORKS`] and two free pages; no authorities.
    pub fn new() -> Tree {
        let t = Tree::empty();
        t.file(
            "content/site.yaml",
            "title: Test portal\nbase_url: https://example.org/portal/\n",
        );
        t.file("content/frameworks.yaml", FRAMEWORKS);
        t.file(
            "content/pages/about.md",
            "---\ntitle: About\n---\nAbout *us*. See [methodology](../methodology/).\n",
        );
        t.file(
            "content/pages/methodology.md",
            "---\ntitle: Methodology\n---\nHow.\n",
        );
        t
    }

    /// A copy of the project's real `content/` and `templates/`.
    pub fn real() -> Tree {
        let t = Tree::empty();
        copy_tree(&project_root().join("content"), &t.content());
        copy_tree(
            &project_root().join("templates"),
            &t.root().join("templates"),
        );
        t
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn content(&self) -> PathBuf {
        self.root().join("content")
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    /// Writes a file (relative to the project folder), making its folders.
    pub fn file(&self, rel: &str, text: &str) -> &Tree {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Tree {
        write_bytes(&self.root().join(rel), bytes);
        self
    }

    /// Reads a file relative to the project folder.
    pub fn read(&self, rel: &str) -> String {
        read(self.root().join(rel))
    }

    /// Rewrites a file relative to the project folder through `f`, which must
    /// change it.
    #[track_caller]
    pub fn edit(&self, rel: &str, f: impl FnOnce(&str) -> String) -> &Tree {
        let before = self.read(rel);
        let after = f(&before);
        assert_ne!(before, after, "the edit of {rel} changes nothing");
        self.file(rel, &after)
    }

    /// Replaces the first `from` with `to` in a file; `from` must be there.
    #[track_caller]
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Tree {
        self.edit(rel, |t| {
            assert!(t.contains(from), "{rel} has no {from:?}");
            t.replacen(from, to, 1)
        })
    }

    /// Removes a file or folder relative to the project folder.
    pub fn remove(&self, rel: &str) -> &Tree {
        let p = self.root().join(rel);
        if p.is_dir() {
            fs::remove_dir_all(p).unwrap();
        } else {
            fs::remove_file(p).unwrap();
        }
        self
    }

    pub fn authority(&self, slug: &str, extra: &str) -> &Tree {
        self.file(
            &format!("content/authorities/{slug}/authority.yaml"),
            &format!("name: {slug} Council\nregion: North East\n{extra}"),
        )
    }

    pub fn inspection(&self, a: &str, slug: &str, front: &str) -> &Tree {
        self.file(
            &format!("content/authorities/{a}/inspections/{slug}.md"),
            &format!("---\n{front}---\nSummary of {slug}.\n"),
        )
    }

    pub fn response(&self, a: &str, slug: &str, front: &str) -> &Tree {
        self.file(
            &format!("content/authorities/{a}/responses/{slug}.md"),
            &format!("---\n{front}---\nBody.\n"),
        )
    }

    /// Builds `content/` into `out/`.
    pub fn build(&self) -> Ran {
        self.build_with(&[])
    }

    /// Builds `content/` into `out/` with extra arguments.
    pub fn build_with(&self, extra: &[&str]) -> Ran {
        build(&self.content(), &self.out(), extra)
    }

    /// Builds `content/` into a folder of the project folder.
    pub fn build_to(&self, out: &str, extra: &[&str]) -> Ran {
        build(&self.content(), &self.root().join(out), extra)
    }

    /// Builds into `out/` and panics unless it succeeded.
    #[track_caller]
    pub fn build_ok(&self) -> Ran {
        let r = self.build();
        r.assert_ok();
        r
    }

    pub fn check(&self, extra: &[&str]) -> Ran {
        check(&self.content(), extra)
    }

    /// The names in the project folder (for spotting staging debris).
    pub fn listing(&self) -> BTreeSet<String> {
        listing(self.root())
    }
}

// ---------------------------------------------------------------- folders

/// The names directly in `dir`.
pub fn listing(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Every file under `dir`, as (path relative to `dir` with `/`, full path),
/// sorted. Symlinks are listed, not followed.
pub fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    snapshot_paths(dir)
        .into_iter()
        .filter(|(_, p)| !fs::symlink_metadata(p).unwrap().is_dir())
        .collect()
}

/// Every file and folder under `dir`, as in [`files`].
fn snapshot_paths(dir: &Path) -> Vec<(String, PathBuf)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
        let rd = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for e in rd {
            let p = e.unwrap().path();
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let is_dir = fs::symlink_metadata(&p).unwrap().is_dir();
            out.push((rel, p.clone()));
            if is_dir {
                walk(base, &p, out);
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// One entry of a [`snapshot`].
#[derive(Debug, PartialEq, Eq)]
pub enum Node {
    Dir,
    File(Vec<u8>),
    Symlink(PathBuf),
}

/// Every path under `dir` (relative, `/`) with its type and content.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Node> {
    snapshot_paths(dir)
        .into_iter()
        .map(|(rel, p)| {
            let meta = fs::symlink_metadata(&p).unwrap();
            let node = if meta.file_type().is_symlink() {
                Node::Symlink(fs::read_link(&p).unwrap())
            } else if meta.is_dir() {
                Node::Dir
            } else {
                Node::File(fs::read(&p).unwrap())
            };
            (rel, node)
        })
        .collect()
}

/// The differences between two snapshots, one line a path (never file bytes).
pub fn snapshot_diff(
    before: &BTreeMap<String, Node>,
    after: &BTreeMap<String, Node>,
) -> Vec<String> {
    let mut diffs = Vec::new();
    for (k, v) in before {
        match after.get(k) {
            None => diffs.push(format!("removed: {k}")),
            Some(w) if w != v => diffs.push(format!("changed: {k}")),
            _ => {}
        }
    }
    for k in after.keys() {
        if !before.contains_key(k) {
            diffs.push(format!("added: {k}"));
        }
    }
    diffs
}

/// Panics, naming the paths that differ, unless both folders hold the same
/// files, folders and bytes.
#[track_caller]
pub fn assert_same_tree(got: &Path, want: &Path, what: &str) {
    let diff = snapshot_diff(&snapshot(want), &snapshot(got));
    assert!(
        diff.is_empty(),
        "{what}: {} differs from {}: {diff:#?}",
        got.display(),
        want.display()
    );
}

/// Copies a folder tree (the real content, the templates).
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("mkdir {}: {e}", to.display()));
    for (rel, p) in snapshot_paths(from) {
        let dest = to.join(rel);
        if p.is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(&p, &dest)
                .unwrap_or_else(|e| panic!("copy {} -> {}: {e}", p.display(), dest.display()));
        }
    }
}

/// Makes `to` a copy of the folder tree `from` whose files are hard links
/// to `from`'s: for a previous build's output, which a build never writes
/// into (it swaps in a new folder), as good as a copy and cheaper.
pub fn link_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("mkdir {}: {e}", to.display()));
    for (rel, p) in snapshot_paths(from) {
        let dest = to.join(rel);
        if p.is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::hard_link(&p, &dest)
                .unwrap_or_else(|e| panic!("link {} -> {}: {e}", p.display(), dest.display()));
        }
    }
}

/// Writes bytes, making the file's folders.
pub fn write_bytes(path: &Path, bytes: &[u8]) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

// ---------------------------------------------------------------- reading outputs

pub fn read(p: impl AsRef<Path>) -> String {
    fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

pub fn json(p: impl AsRef<Path>) -> Value {
    let p = p.as_ref();
    serde_json::from_str(&read(p)).unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", p.display()))
}

pub fn html(p: impl AsRef<Path>) -> scraper::Html {
    scraper::Html::parse_document(&read(p))
}

/// A CSS selector (the test's own text, so a bad one is a panic).
pub fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

/// The `id`s of every quote's blockquote in a page, in order.
pub fn quote_ids(page: impl AsRef<Path>) -> Vec<String> {
    html(page)
        .select(&sel("figure.quote blockquote"))
        .map(|b| {
            b.value()
                .attr("id")
                .expect("every quote has an id")
                .to_string()
        })
        .collect()
}

/// Whitespace collapsed to single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of an HTML page with entities decoded, whitespace collapsed.
pub fn page_text(p: impl AsRef<Path>) -> String {
    let doc = html(p);
    collapse(&doc.root_element().text().collect::<Vec<_>>().join(" "))
}

/// Panics, naming the paths that differ, unless `dir` is as `before` was.
#[track_caller]
pub fn assert_unchanged(dir: &Path, before: &BTreeMap<String, Node>, what: &str) {
    let diff = snapshot_diff(before, &snapshot(dir));
    assert!(diff.is_empty(), "{what}: {}: {diff:#?}", dir.display());
}
