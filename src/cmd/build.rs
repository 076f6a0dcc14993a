//! `scrutiny build`: the site into the output folder, atomically. Outputs whose
//! fingerprint matches the previous build's are hard-linked from it instead of
//! rendered, so the result is the same bytes as a clean build.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::pipeline::{self, Pipeline, Planned};
use super::{Options, load, phase};
use crate::content::Diagnostic;
use crate::error::Error;
use crate::output::write::{self, Manifest, ManifestEntry};
use crate::render::statics::{StaticFile, static_files};
use crate::render::templates;

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

/// Builds the site into `opts.output`.
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
    let site = pipeline::site(&content, opts);
    let pipeline = Pipeline::new(&site, &templates, opts)?;
    let planned = pipeline.plan();
    phase("site", start);
    let statics = static_files(&opts.static_dir)?;
    let previous = write::read_manifest(&opts.output);
    let mut report = Report {
        pages: pipeline.pages(),
        files: planned.len() + statics.len(),
        bytes: 0,
        reused: 0,
        elapsed: Duration::ZERO,
        warnings,
    };

    // Nothing changed since the last build, and its output is as it left it:
    // there is nothing to write.
    let fingerprints_now: Vec<(&str, u128)> = planned
        .iter()
        .map(|e| (e.path.as_str(), e.fingerprint))
        .chain(statics.iter().map(|f| (f.path.as_str(), f.fingerprint())))
        .collect();
    if write::is_current(&previous, on_disk.as_ref(), &fingerprints_now) {
        write::clear_stale(&opts.output);
        phase("unchanged", start);
        report.reused = report.files;
        report.elapsed = start.elapsed();
        return Ok(report);
    }

    let (bytes, reused) = write_site(opts, &pipeline, planned, &statics, &previous)?;
    phase("commit", start);
    report.bytes = bytes;
    report.reused = reused;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Writes every output into a staging folder (hard-linking those whose
/// fingerprint matches `previous`), then the static files and the manifest,
/// and swaps it in. Returns the bytes rendered and how many files were reused.
fn write_site(
    opts: &Options,
    pipeline: &Pipeline,
    planned: Vec<Planned>,
    statics: &[StaticFile],
    previous: &Manifest,
) -> Result<(u64, usize), Error> {
    let staging = write::Staging::create(&opts.output)?;
    let bytes = AtomicU64::new(0);
    let reused = AtomicU64::new(0);
    let mut manifest: Vec<ManifestEntry> = pipeline
        .outputs
        .par_iter()
        .zip(planned.into_par_iter())
        .map(
            |(o, Planned { path, fingerprint })| -> Result<ManifestEntry, Error> {
                let size = match previous.get(&path) {
                    Some(&(fp, size))
                        if fp == fingerprint && staging.reuse(&opts.output, &path, size) =>
                    {
                        reused.fetch_add(1, Ordering::Relaxed);
                        size
                    }
                    _ => {
                        let r = pipeline.renderer.render_one(o)?;
                        bytes.fetch_add(r.bytes.len() as u64, Ordering::Relaxed);
                        staging.write(&path, &r.bytes)?;
                        r.bytes.len() as u64
                    }
                };
                Ok(ManifestEntry {
                    path,
                    fingerprint,
                    size,
                })
            },
        )
        .collect::<Result<_, Error>>()?;
    for f in statics {
        staging.write(&f.path, &f.bytes)?;
        manifest.push(ManifestEntry {
            path: f.path.clone(),
            fingerprint: f.fingerprint(),
            size: f.bytes.len() as u64,
        });
    }
    staging.write_manifest(&mut manifest)?;
    staging.commit()?;
    Ok((bytes.into_inner(), reused.into_inner() as usize))
}
