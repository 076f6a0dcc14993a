//! `scrutiny serve`: builds the site in memory (through the same
//! [`Pipeline`] as `build`), serves it on localhost, watches
//! the content, templates and static files, and on a change re-renders only the
//! outputs whose fingerprint changed, then tells open pages to reload.
//!
//! The search index is rebuilt on a thread of its own when an edit changes
//! what it covers, and swapped in whole when ready: the edited page is served
//! at once, and search catches up a moment later (see [`search`]).
//!
//! A bad edit prints the diagnostics in the terminal and shows them at the top
//! of every page in the browser, while the last good site stays served. The
//! reload script is added only here, never in `build` output.
//!
//! This file starts the server; [`workspace`] keeps the site up to date,
//! [`watch`] watches the files, [`http`] answers requests and [`search`]
//! refreshes the index.

mod http;
mod search;
mod watch;
mod workspace;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use super::Options;
use crate::content::{Diagnostic, diag};
use crate::error::{Error, ServeError};
use workspace::Workspace;

const RELOAD_JS: &str = "/__scrutiny/reload.js";
const EVENTS: &str = "/__scrutiny/events";
const SCRIPT: &str =
    "new EventSource('/__scrutiny/events').onmessage = function () { location.reload(); };\n";

/// What is being served: the files of the last good build, and the
/// diagnostics of a bad edit, if any.
#[derive(Default)]
pub struct Served {
    pub files: HashMap<String, Arc<[u8]>>,
    pub problems: Option<String>,
}

/// Why the last update could not be served: problems in the content, or
/// another error (templates, static files), kept with its cause.
pub enum Problems {
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

/// Runs the server until the process is stopped.
pub fn serve(mut opts: Options, bind: &str, port: u16) -> Result<(), Error> {
    let server = tiny_http::Server::http((bind, port)).map_err(|source| ServeError::Listen {
        address: format!("{bind}:{port}"),
        source,
    })?;
    let url = format!("http://{bind}:{port}/");
    opts.base_url = Some(url.clone());
    opts.render.reload_url = Some(RELOAD_JS.to_string());
    keep_freed_memory();
    let served = Arc::new(RwLock::new(Served::default()));
    let clients: Arc<Mutex<Vec<Sender<()>>>> = Arc::default();
    let mut ws = Workspace::new(opts.clone());
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
            watch::watch_loop(ws, rx, served, clients)
        });
    }
    for request in server.incoming_requests() {
        let served = served.clone();
        let clients = clients.clone();
        std::thread::spawn(move || http::respond(request, &served, &clients));
    }
    Ok(())
}

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, version 3, which
/// `libmimalloc-sys` builds; checked by the test below).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the memory the allocator frees (the binary's allocator is
/// mimalloc: `main.rs`) instead of handing it back to the system a second
/// later. Between two edits `serve` sits idle long enough for it to go
/// back, and the next rebuild then faulted its pages in afresh: a third of
/// the time to serve an edited page (measured with `scripts/serve-latency`).
/// The memory kept is the most one rebuild used, which the next one uses
/// again.
fn keep_freed_memory() {
    // SAFETY: sets one of mimalloc's options, a plain integer it reads when
    // it next frees memory; any value is valid (-1: never purge).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

pub fn show_problems(p: &Problems, served: &RwLock<Served>) {
    let text = match p {
        Problems::Content(d) => diag::render_all(d, false),
        Problems::Other(e) => format!("error: {e}\n"),
    };
    eprint!("{text}");
    eprintln!("error: still serving the last good build; fix the content to continue");
    served.write().expect("lock").problems = Some(text);
}

#[cfg(test)]
mod tests {
    /// The option number is mimalloc's purge delay: its default (1000 ms in
    /// `options.c`) is no neighbouring option's.
    #[test]
    fn the_purge_delay_option_is_mimallocs() {
        // SAFETY: reads an option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
