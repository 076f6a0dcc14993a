//! `scrutiny serve`: builds the site in memory (through the same
//! [`Pipeline`] as `build`), serves it on localhost, watches
//! the content, templates and static files, and on a change re-renders only the
//! outputs whose fingerprint changed, then tells open pages to reload.
//!
//! The search index is rebuilt on a thread of its own when an edit changes
//! what it covers, and swapped in whole when ready: the edited page is served
//! at once, and search catches up a moment later (see [`SearchRefresh`]).
//!
//! A bad edit prints the diagnostics in the terminal and shows them at the top
//! of every page in the browser, while the last good site stays served. The
//! reload script is added only here, never in `build` output.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::pipeline::{self, Pipeline};
use super::{Options, load, phase};
use crate::content::load::{self as loader, Reload};
use crate::content::{Content, Diagnostic, diag};
use crate::error::Error;
use crate::render::pages::Output;
use crate::render::search::{Priority, SearchPlan};
use crate::render::statics::static_files;
use crate::render::templates;
use crate::site::urls::rel;

const RELOAD_JS: &str = "/__scrutiny/reload.js";
const EVENTS: &str = "/__scrutiny/events";
const SCRIPT: &str =
    "new EventSource('/__scrutiny/events').onmessage = function () { location.reload(); };\n";

/// What is being served: the files of the last good build, and the
/// diagnostics of a bad edit, if any.
#[derive(Default)]
struct Served {
    files: HashMap<String, Arc<[u8]>>,
    problems: Option<String>,
}

/// Why the last update could not be served: problems in the content, or
/// another error (templates, static files), kept with its cause.
enum Problems {
    Content(Vec<Diagnostic>),
    Other(Error),
}

impl From<Error> for Problems {
    fn from(e: Error) -> Self {
        match e {
            Error::Content(d) => Problems::Content(d),
            other => Problems::Other(other),
        }
    }
}

/// The served search index. One rebuild runs at a time, on a thread of low
/// priority so that pages are re-rendered first; edits made meanwhile are
/// gathered into the one rebuild that follows it.
#[derive(Default)]
struct SearchRefresh {
    state: Mutex<RefreshState>,
}

#[derive(Default)]
struct RefreshState {
    /// The fingerprint of the newest records asked for.
    wanted: Option<u128>,
    running: bool,
    /// Records that arrived while a rebuild was running.
    next: Option<SearchPlan>,
}

impl SearchRefresh {
    /// Rebuilds the index from the records `plan` makes unless their
    /// `fingerprint` is that of the index served or being built.
    fn refresh(
        self: &Arc<Self>,
        fingerprint: u128,
        plan: impl FnOnce() -> SearchPlan,
        served: &Arc<RwLock<Served>>,
    ) {
        let mut state = self.state.lock().expect("lock");
        if state.wanted == Some(fingerprint) {
            return;
        }
        state.wanted = Some(fingerprint);
        let plan = plan();
        if state.running {
            state.next = Some(plan);
            return;
        }
        state.running = true;
        drop(state);
        let (this, served) = (self.clone(), served.clone());
        std::thread::spawn(move || {
            let mut plan = plan;
            loop {
                this.build_and_serve(plan, &served);
                let mut state = this.state.lock().expect("lock");
                match state.next.take() {
                    Some(next) => plan = next,
                    None => {
                        state.running = false;
                        return;
                    }
                }
            }
        });
    }

    fn build_and_serve(&self, plan: SearchPlan, served: &RwLock<Served>) {
        let started = Instant::now();
        let fingerprint = plan.fingerprint;
        match plan.build(Priority::Background) {
            Ok(files) => {
                let dir = rel::search_index();
                let mut s = served.write().expect("lock");
                s.files.retain(|k, _| !k.starts_with(&dir));
                for f in files {
                    s.files.insert(f.path, Arc::from(f.bytes));
                }
                drop(s);
                phase("search index served", started);
            }
            Err(e) => {
                eprintln!("error: {e}; search shows the previous index");
                let mut state = self.state.lock().expect("lock");
                if state.wanted == Some(fingerprint) {
                    state.wanted = None;
                }
            }
        }
    }
}

/// The server's copy of the site: content kept between rebuilds so that one
/// edited file is all that is read again.
struct Workspace {
    opts: Options,
    content: Option<Content>,
    /// Compiled templates, kept until a change outside the content folder.
    templates: Option<templates::Templates>,
    fingerprints: HashMap<String, u128>,
    /// Files whose last edit failed to load, with their diagnostics.
    broken: HashMap<String, Vec<Diagnostic>>,
    search: Arc<SearchRefresh>,
}

impl Workspace {
    /// Brings the site up to date after `changed` paths (all files if empty).
    /// Returns how many files were re-rendered.
    fn update(
        &mut self,
        changed: &[PathBuf],
        served: &Arc<RwLock<Served>>,
    ) -> Result<usize, Problems> {
        let rels: Option<Vec<String>> = changed
            .iter()
            .map(|p| {
                p.strip_prefix(&self.opts.content)
                    .ok()
                    .map(|r| r.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        let edited: HashSet<String> = rels.iter().flatten().cloned().collect();
        if rels.as_ref().is_none_or(|r| r.is_empty()) {
            self.templates = None;
        }
        let partial = match (&mut self.content, rels) {
            (Some(content), Some(rels)) if !rels.is_empty() => {
                let mut all = Vec::new();
                let mut ok = true;
                for rel in &rels {
                    match loader::reload_one(&self.opts.content, rel, content) {
                        Reload::Replaced(d) => {
                            let file_errors: Vec<Diagnostic> = d
                                .iter()
                                .filter(|x| x.is_error() && &x.file == rel)
                                .cloned()
                                .collect();
                            if file_errors.is_empty() {
                                self.broken.remove(rel);
                            } else {
                                self.broken.insert(rel.clone(), file_errors);
                            }
                            all = d;
                        }
                        Reload::NeedsFullLoad => ok = false,
                    }
                }
                ok.then_some(all)
            }
            _ => None,
        };
        let diags = match partial {
            Some(d) => d,
            None => {
                self.broken.clear();
                let (c, warnings) = load(&self.opts)?;
                self.content = Some(c);
                warnings
            }
        };
        let mut errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
        for d in self.broken.values() {
            for x in d {
                if !errors.iter().any(|e| e.headline() == x.headline()) {
                    errors.push(x.clone());
                }
            }
        }
        if !errors.is_empty() {
            return Err(Problems::Content(errors));
        }
        let content = self.content.as_ref().expect("loaded above");
        if self.templates.is_none() {
            self.templates =
                Some(templates::load(Some(&self.opts.templates)).map_err(Error::from)?);
        }
        let templates = self.templates.as_ref().expect("loaded above");
        let (n, fingerprints) = Self::render(
            &self.opts,
            templates,
            &self.fingerprints,
            content,
            &edited,
            served,
            &self.search,
        )?;
        self.fingerprints = fingerprints;
        Ok(n)
    }

    /// Renders the outputs whose fingerprint is not in `previous` into the
    /// served files; returns how many, and the new fingerprints.
    fn render(
        opts: &Options,
        templates: &templates::Templates,
        previous: &HashMap<String, u128>,
        content: &Content,
        edited: &HashSet<String>,
        served: &Arc<RwLock<Served>>,
        search: &Arc<SearchRefresh>,
    ) -> Result<(usize, HashMap<String, u128>), Error> {
        let started = Instant::now();
        let site = pipeline::site(content, opts);
        let pipeline = Pipeline::new(&site, templates, opts)?;
        let all = &pipeline.outputs;
        phase("site", started);
        let render = |batch: &[usize]| -> Result<Vec<(String, Vec<u8>)>, Error> {
            Ok(batch
                .par_iter()
                .map(|i| {
                    pipeline
                        .renderer
                        .render_one(&all[*i])
                        .map(|r| (r.path, r.bytes))
                })
                .collect::<Result<_, _>>()?)
        };
        // The edited files' own pages first, served as soon as they are
        // ready; then everything else whose fingerprint changed.
        let first: Vec<usize> = (0..all.len())
            .filter(|i| match &all[*i] {
                Output::Inspection(x) => edited.contains(&x.file.path),
                Output::Response(x) => edited.contains(&x.file.path),
                Output::Page(x) => edited.contains(&x.file.path),
                _ => false,
            })
            .collect();
        let first_pages = render(&first)?;
        let mut n = first_pages.len();
        {
            let mut s = served.write().expect("lock");
            for (p, b) in first_pages {
                s.files.insert(p, Arc::from(b));
            }
            // The content is good again: the first pages must not carry the
            // last bad edit's problems while the rest render.
            s.problems = None;
        }
        phase("first pages served", started);
        let planned: Vec<(String, u128, usize)> = pipeline
            .plan()
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p.path, p.fingerprint, i))
            .collect();
        let rest: Vec<usize> = planned
            .iter()
            .filter(|(p, fp, i)| previous.get(p) != Some(fp) && !first.contains(i))
            .map(|(_, _, i)| *i)
            .collect();
        let rendered = render(&rest)?;
        phase("all pages served", started);
        n += rendered.len();
        let keep: HashSet<&str> = planned.iter().map(|(p, _, _)| p.as_str()).collect();
        let index_dir = rel::search_index();
        // Read before the lock is taken; an unreadable file keeps its last copy.
        let statics = static_files(&opts.static_dir).unwrap_or_default();
        {
            let mut s = served.write().expect("lock");
            s.files.retain(|k, _| {
                keep.contains(k.as_str()) || k.starts_with("static/") || k.starts_with(&index_dir)
            });
            for (p, b) in rendered {
                s.files.insert(p, Arc::from(b));
            }
            s.problems = None;
            for f in statics {
                s.files.insert(f.path, Arc::from(f.bytes.into_owned()));
            }
        }
        let fingerprint = pipeline.search_fingerprint();
        search.refresh(fingerprint, || SearchPlan::new(&site, fingerprint), served);
        Ok((n, planned.into_iter().map(|(p, fp, _)| (p, fp)).collect()))
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("cannot watch the content for changes: {0}")]
    Watch(#[source] notify::Error),
}

/// Runs the server until the process is stopped.
pub fn serve(mut opts: Options, bind: &str, port: u16) -> Result<(), Error> {
    let server = tiny_http::Server::http((bind, port)).map_err(|source| ServeError::Listen {
        address: format!("{bind}:{port}"),
        source,
    })?;
    let url = format!("http://{bind}:{port}/");
    opts.base_url = Some(url.clone());
    opts.render.reload_url = Some(RELOAD_JS.to_string());
    let served = Arc::new(RwLock::new(Served::default()));
    let clients: Arc<Mutex<Vec<Sender<()>>>> = Arc::default();
    let mut ws = Workspace {
        opts: opts.clone(),
        content: None,
        templates: None,
        fingerprints: HashMap::new(),
        broken: HashMap::new(),
        search: Arc::default(),
    };
    let start = Instant::now();
    match ws.update(&[], &served) {
        Ok(n) => println!("Built {n} files in {} ms", start.elapsed().as_millis()),
        Err(p) => show_problems(&p, &served),
    }
    let watched: Vec<PathBuf> = [&opts.content, &opts.templates, &opts.static_dir]
        .into_iter()
        .filter(|p| p.is_dir())
        .cloned()
        .collect();
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(ServeError::Watch)?;
    for p in &watched {
        use notify::Watcher;
        let _ = watcher.watch(p, notify::RecursiveMode::Recursive);
    }
    // Said only once the watches are in place, so an edit made as soon as it
    // appears is seen.
    println!(
        "Serving {} at {url} (Ctrl-C to stop)",
        opts.content.display()
    );
    {
        let served = served.clone();
        let clients = clients.clone();
        std::thread::spawn(move || {
            let _keep_watching = watcher;
            watch_loop(ws, rx, served, clients)
        });
    }
    for request in server.incoming_requests() {
        let served = served.clone();
        let clients = clients.clone();
        std::thread::spawn(move || respond(request, &served, &clients));
    }
    Ok(())
}

/// Is this a change to a file's content or existence (not merely reading it,
/// which our own rebuilds do)?
fn is_change(e: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match e.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

/// Waits for a change, then gathers the paths of every change that follows
/// within a short quiet period (editors write a file in several steps).
fn next_changes(rx: &Receiver<notify::Result<notify::Event>>) -> Option<Vec<PathBuf>> {
    let mut paths = Vec::new();
    loop {
        match rx.recv() {
            Ok(Ok(e)) if is_change(&e) => {
                paths.extend(e.paths);
                break;
            }
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    // Editors' several steps (write, rename, touch) come within a millisecond
    // or two of each other; a longer wait would only delay the reload.
    while let Ok(e) = rx.recv_timeout(Duration::from_millis(4)) {
        if let Ok(e) = e
            && is_change(&e)
        {
            paths.extend(e.paths);
        }
    }
    Some(paths)
}

fn watch_loop(
    mut ws: Workspace,
    rx: Receiver<notify::Result<notify::Event>>,
    served: Arc<RwLock<Served>>,
    clients: Arc<Mutex<Vec<Sender<()>>>>,
) {
    while let Some(paths) = next_changes(&rx) {
        let start = Instant::now();
        let content_dir =
            std::fs::canonicalize(&ws.opts.content).unwrap_or_else(|_| ws.opts.content.clone());
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut full = false;
        for path in paths {
            // Editors' swap and backup files are not content.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            let p = std::fs::canonicalize(&path).unwrap_or(path.clone());
            match p.strip_prefix(&content_dir) {
                Ok(rel) if !rel.as_os_str().is_empty() && p.is_file() => {
                    changed.push(ws.opts.content.join(rel))
                }
                _ => full = true,
            }
        }
        if changed.is_empty() && !full {
            continue;
        }
        if full {
            changed.clear();
        }
        changed.sort();
        changed.dedup();
        match ws.update(&changed, &served) {
            Ok(n) => {
                println!("Rebuilt {n} files in {} ms", start.elapsed().as_millis());
            }
            Err(p) => show_problems(&p, &served),
        }
        clients.lock().expect("lock").retain(|c| c.send(()).is_ok());
    }
}

fn show_problems(p: &Problems, served: &RwLock<Served>) {
    let text = match p {
        Problems::Content(d) => diag::render_all(d, false),
        Problems::Other(e) => format!("error: {e}\n"),
    };
    eprint!("{text}");
    eprintln!("error: still serving the last good build; fix the content to continue");
    served.write().expect("lock").problems = Some(text);
}

fn content_type(path: &str) -> &'static str {
    match Path::new(path).extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn header(k: &str, v: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header")
}

fn respond(request: tiny_http::Request, served: &RwLock<Served>, clients: &Mutex<Vec<Sender<()>>>) {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if url == RELOAD_JS {
        let r = tiny_http::Response::from_string(SCRIPT)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        let _ = request.respond(r);
        return;
    }
    if url == EVENTS {
        let (tx, rx) = channel();
        clients.lock().expect("lock").push(tx);
        let stream = EventStream {
            rx,
            buf: b"retry: 500\n\n".to_vec(),
        };
        let r = tiny_http::Response::new(
            tiny_http::StatusCode(200),
            vec![
                header("Content-Type", "text/event-stream"),
                header("Cache-Control", "no-cache"),
            ],
            stream,
            None,
            None,
        );
        let _ = request.respond(r);
        return;
    }
    let rel = url.trim_start_matches('/');
    let rel = percent_decode(rel);
    let s = served.read().expect("lock");
    let candidates = [rel.clone(), format!("{rel}index.html")];
    let found = candidates
        .iter()
        .find_map(|c| s.files.get(c).map(|b| (c.clone(), b.clone())));
    let (status, path, body) = match found {
        Some((p, b)) => (200, p, b),
        None if s.files.contains_key(&format!("{rel}/index.html")) => {
            let r = tiny_http::Response::empty(301)
                .with_header(header("Location", &format!("/{rel}/")));
            drop(s);
            let _ = request.respond(r);
            return;
        }
        None => (
            404,
            "404.html".to_string(),
            s.files
                .get("404.html")
                .cloned()
                .unwrap_or_else(|| Arc::from(&b"not found"[..])),
        ),
    };
    let mut bytes = body.to_vec();
    if path.ends_with(".html")
        && let Some(problems) = &s.problems
    {
        bytes = inject_problems(&bytes, problems);
    }
    drop(s);
    let r = tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&path)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(r);
}

/// Puts the diagnostics at the top of a page, escaped as text.
fn inject_problems(page: &[u8], problems: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let panel = format!(
        "<div role=\"alert\" style=\"background:#fff0c2;border:4px solid #c12c16;padding:1rem;margin:0;white-space:pre-wrap;font:14px/1.4 monospace;overflow:auto\"><strong>The last edit has problems; this is the last good build.</strong>\n{}</div>",
        html_escape::encode_text(problems)
    );
    match html.find("<body>") {
        Some(i) => format!("{}{}{}", &html[..i + 6], panel, &html[i + 6..]).into_bytes(),
        None => format!("{panel}{html}").into_bytes(),
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.replace('+', "%2B").as_bytes())
        .map(|(k, v)| {
            if v.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={v}")
            }
        })
        .collect()
}

/// A server-sent event stream: one `reload` event per rebuild, and a comment
/// every 15 s to keep the connection open.
struct EventStream {
    rx: Receiver<()>,
    buf: Vec<u8>,
}

impl Read for EventStream {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.buf.is_empty() {
            match self.rx.recv_timeout(Duration::from_secs(15)) {
                Ok(()) => self.buf.extend_from_slice(b"data: reload\n\n"),
                Err(RecvTimeoutError::Timeout) => self.buf.extend_from_slice(b": keep-alive\n\n"),
                Err(RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len());
        out[..n].copy_from_slice(&self.buf[..n]);
        self.buf.drain(..n);
        Ok(n)
    }
}
