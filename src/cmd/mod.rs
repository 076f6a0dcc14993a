//! The commands, side by side: [`build`], [`check`] and [`serve`], each a thin
//! layer over the one shared step in [`pipeline`] (loaded content → the site's
//! outputs with their fingerprints), so they cannot drift apart. Commands sit
//! above every layer; nothing below imports from here.
//!
//! A new command (for example `import`) is a file beside these, a variant in
//! [`crate::cli::Command`] and one line in [`crate::cli::run`].

pub mod build;
pub mod check;
pub mod import;
pub mod pipeline;
pub mod previous;
pub mod scaffold;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::content::{self, Content, Diagnostic};
use crate::error::Error;
use crate::render::pages::RenderOptions;

/// Where things are and how to build: the validated command line.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub output: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
    /// `--base-url` (checked, ending with `/`), overriding site.yaml's.
    pub base_url: Option<String>,
    pub strict: bool,
    pub force: bool,
    pub render: RenderOptions,
}

impl Options {
    /// Defaults: `templates/` and `static/` beside the content folder.
    pub fn new(content: PathBuf, output: PathBuf) -> Options {
        let project = content.parent().map(Path::to_path_buf).unwrap_or_default();
        Options {
            templates: project.join("templates"),
            static_dir: project.join("static"),
            content,
            output,
            base_url: None,
            strict: false,
            force: false,
            render: RenderOptions::default(),
        }
    }

    /// The base URL the site is built for: `--base-url` (or `serve`'s own
    /// address) when given, otherwise site.yaml's. The only place this is chosen.
    pub fn base_url<'a>(&'a self, content: &'a Content) -> &'a str {
        self.base_url.as_deref().unwrap_or(&content.site.base_url)
    }
}

/// Loads and checks the content; warnings fail only under `strict`.
pub fn load(opts: &Options) -> Result<(Content, Vec<Diagnostic>), Error> {
    let loaded = content::load::load(&opts.content);
    let failing = loaded.has_errors() || (opts.strict && !loaded.diagnostics.is_empty());
    match loaded.content {
        Some(c) if !failing => Ok((c, loaded.diagnostics)),
        _ => Err(Error::Content(loaded.diagnostics)),
    }
}

/// Prints the time since `start` and the memory in use when
/// `SCRUTINY_TIMINGS` is set (profiling aid).
pub(crate) fn phase(name: &str, start: Instant) {
    if std::env::var_os("SCRUTINY_TIMINGS").is_some() {
        let rss = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
            })
            .unwrap_or_default();
        eprintln!(
            "{name:>14}: {:>6.1} ms  (resident {rss})",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}
