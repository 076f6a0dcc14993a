//! The commands' work: load, derive, render, and write or check. Each step is
//! one call into its layer; this file only wires them and times them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::content::{self, Diagnostic};
use crate::error::Error;
use crate::output::links;
use crate::output::write::{self, ManifestEntry};
use crate::render::fingerprint::{Environment, Fingerprints};
use crate::render::pages::{Output, RenderOptions, Renderer};
use crate::render::templates;
use crate::site::Site;

/// Where things are and how to build.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub output: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
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
}

/// What a finished build did.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    /// Bytes rendered (not counting files reused from the previous build).
    pub bytes: u64,
    /// Files taken unchanged from the previous build.
    pub reused: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Loads and checks the content; warnings fail only under `strict`.
pub fn load(opts: &Options) -> Result<(content::Content, Vec<Diagnostic>), Error> {
    let loaded = content::load::load(&opts.content);
    let failing = loaded.has_errors() || (opts.strict && !loaded.diagnostics.is_empty());
    match loaded.content {
        Some(c) if !failing => Ok((c, loaded.diagnostics)),
        _ => Err(Error::Content(loaded.diagnostics)),
    }
}

fn base_url<'a>(opts: &'a Options, content: &'a content::Content) -> &'a str {
    opts.base_url.as_deref().unwrap_or(&content.site.base_url)
}

/// Builds the site into the output folder, atomically. Outputs whose
/// fingerprint matches the previous build's are hard-linked from it instead of
/// rendered, so the result is the same bytes as a clean build.
pub fn build(opts: &Options) -> Result<Report, Error> {
    let start = Instant::now();
    write::check_output_dir(&opts.output, &opts.content, opts.force)?;
    // What the output folder holds now is listed while the content loads, for
    // telling whether anything needs writing at all.
    let ((templates, loaded), on_disk) = rayon::join(
        || rayon::join(|| templates::load(Some(&opts.templates)), || load(opts)),
        || write::files_in(&opts.output),
    );
    let templates = templates?;
    let (content, warnings) = loaded?;
    phase("load", start);
    let base = base_url(opts, &content);
    let site = Site::new(&content, base);
    let env = Environment::new(templates.hash, base, opts.render.reload_url.as_deref());
    let fingerprints = Fingerprints::new(&site, env);
    phase("site", start);
    let renderer = Renderer::new(&site, &templates.tera, opts.render.clone())?;
    let outputs = crate::render::pages::outputs(&site);
    let statics = static_files(&opts.static_dir)?;
    let planned: Vec<ManifestEntry> = outputs
        .par_iter()
        .map(|o| ManifestEntry {
            path: o.path(&site),
            fingerprint: fingerprints.of(&site, o),
            size: 0,
        })
        .collect();
    let previous = write::read_manifest(&opts.output);
    let pages = outputs.iter().filter(|o| is_page(o)).count();
    let files = outputs.len() + statics.len();

    // Nothing changed since the last build, and its output is as it left it:
    // there is nothing to write.
    let fingerprints_now: Vec<(&str, u128)> = planned
        .iter()
        .map(|e| (e.path.as_str(), e.fingerprint))
        .chain(
            statics
                .iter()
                .map(|f| (f.path.as_str(), f.entry().fingerprint)),
        )
        .collect();
    if write::is_current(&previous, on_disk.as_ref(), &fingerprints_now) {
        write::clear_stale(&opts.output);
        phase("unchanged", start);
        return Ok(Report {
            pages,
            files,
            bytes: 0,
            reused: files,
            elapsed: start.elapsed(),
            warnings,
        });
    }

    let staging = write::Staging::create(&opts.output)?;
    let bytes = AtomicU64::new(0);
    let reused = AtomicU64::new(0);
    let mut manifest: Vec<ManifestEntry> = outputs
        .par_iter()
        .zip(planned.into_par_iter())
        .map(|(o, mut entry)| -> Result<ManifestEntry, Error> {
            match previous.get(&entry.path) {
                Some(&(fp, size))
                    if fp == entry.fingerprint
                        && staging.reuse(&opts.output, &entry.path, size) =>
                {
                    reused.fetch_add(1, Ordering::Relaxed);
                    entry.size = size;
                }
                _ => {
                    let r = renderer.render_one(o)?;
                    bytes.fetch_add(r.bytes.len() as u64, Ordering::Relaxed);
                    staging.write(&entry.path, &r.bytes)?;
                    entry.size = r.bytes.len() as u64;
                }
            }
            Ok(entry)
        })
        .collect::<Result<_, Error>>()?;
    phase("render+write", start);
    for f in &statics {
        staging.write(&f.path, &f.bytes)?;
        manifest.push(f.entry());
    }
    staging.write_manifest(&mut manifest)?;
    staging.commit()?;
    phase("commit", start);
    Ok(Report {
        pages,
        files,
        bytes: bytes.into_inner(),
        reused: reused.into_inner() as usize,
        elapsed: start.elapsed(),
        warnings,
    })
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

/// Pages a person reads (the benchmark's "site pages"): not data, feeds or aliases.
fn is_page(o: &Output) -> bool {
    matches!(
        o,
        Output::Home
            | Output::Authorities
            | Output::Authority(_)
            | Output::Inspection(_)
            | Output::Response(_)
            | Output::Page(_)
            | Output::Latest(_)
    )
}

/// A file copied as it is under `static/`.
pub(crate) struct StaticFile {
    /// Relative to the output folder: `static/...`.
    pub path: String,
    pub bytes: std::borrow::Cow<'static, [u8]>,
}

impl StaticFile {
    fn entry(&self) -> ManifestEntry {
        ManifestEntry {
            path: self.path.clone(),
            fingerprint: xxhash_rust::xxh3::xxh3_128(&self.bytes),
            size: self.bytes.len() as u64,
        }
    }
}

/// The static folder's files, then the built-in ones it does not replace.
pub(crate) fn static_files(dir: &Path) -> Result<Vec<StaticFile>, Error> {
    let mut files = Vec::new();
    let mut written = HashSet::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(entry.path()).map_err(|source| write::OutputError::Io {
                path: entry.path().display().to_string(),
                source,
            })?;
            files.push(StaticFile {
                path: format!("static/{rel}"),
                bytes: bytes.into(),
            });
            written.insert(rel);
        }
    }
    for (name, bytes) in templates::BUILTIN_STATIC {
        if !written.contains(*name) {
            files.push(StaticFile {
                path: format!("static/{name}"),
                bytes: std::borrow::Cow::Borrowed(bytes),
            });
        }
    }
    Ok(files)
}

/// Validates the content and every internal link of the site it would build,
/// writing nothing.
pub fn check(opts: &Options) -> Result<Report, Error> {
    let start = Instant::now();
    let templates = templates::load(Some(&opts.templates))?;
    let (content, warnings) = load(opts)?;
    let site = Site::new(&content, base_url(opts, &content));
    let renderer = Renderer::new(&site, &templates.tera, opts.render.clone())?;
    let outputs = crate::render::pages::outputs(&site);
    let rendered: Vec<(String, Vec<String>)> = outputs
        .par_iter()
        .map(|o| -> Result<(String, Vec<String>), Error> {
            let r = renderer.render_one(o)?;
            let links = if r.path.ends_with(".html") {
                links::links_in(&String::from_utf8_lossy(&r.bytes))
            } else {
                Vec::new()
            };
            Ok((r.path, links))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut files: HashSet<String> = rendered.iter().map(|(p, _)| p.clone()).collect();
    for (name, _) in templates::BUILTIN_STATIC {
        files.insert(format!("static/{name}"));
    }
    if opts.static_dir.is_dir() {
        for e in walkdir::WalkDir::new(&opts.static_dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(rel) = e.path().strip_prefix(&opts.static_dir) {
                files.insert(format!(
                    "static/{}",
                    rel.to_string_lossy().replace('\\', "/")
                ));
            }
        }
    }
    let broken = links::check(&site.urls, &rendered, &files);
    if !broken.is_empty() {
        return Err(Error::Links(broken));
    }
    Ok(Report {
        pages: outputs.iter().filter(|o| is_page(o)).count(),
        files: files.len(),
        bytes: 0,
        reused: 0,
        elapsed: start.elapsed(),
        warnings,
    })
}
