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
use crate::output::write::{self, Manifest, ManifestEntry, OutputError};
use crate::render::search::{BodyTexts, IndexError, Priority, SearchFile, SearchPlan};
use crate::render::statics::{StaticFile, static_files};
use crate::render::templates;
use crate::site::urls::rel;

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
    /// The base URL the site was built for.
    pub base_url: String,
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
    let texts = BodyTexts::new(&content);
    let mut pipeline = Pipeline::new(&site, &templates, opts)?;
    let planned = pipeline.plan();
    phase("site", start);
    let statics = static_files(&opts.static_dir)?;
    let previous = write::read_manifest(&opts.output);
    let search = pipeline.search_fingerprint();
    let kept_index = previous_index(&previous, search);
    if kept_index.is_none() {
        // The index is built beside the pages: they parse each body once
        // for both.
        pipeline.renderer.keep_body_texts(&texts);
    }
    let mut report = Report {
        pages: pipeline.pages(),
        // The search index's files are counted once they are known.
        files: planned.len() + statics.len(),
        bytes: 0,
        reused: 0,
        elapsed: Duration::ZERO,
        warnings,
        base_url: site.urls.base_url().to_string(),
    };

    // Nothing changed since the last build, and its output is as it left it:
    // there is nothing to write.
    let fingerprints_now: Vec<(&str, u128)> = planned
        .iter()
        .map(|e| (e.path.as_str(), e.fingerprint))
        .chain(statics.iter().map(|f| (f.path.as_str(), f.fingerprint())))
        .chain(
            kept_index
                .iter()
                .flatten()
                .map(|(p, _)| (p.as_str(), search)),
        )
        .collect();
    if write::is_current(&previous, on_disk.as_ref(), &fingerprints_now) {
        write::clear_stale(&opts.output);
        phase("unchanged", start);
        report.files += kept_index.as_ref().map_or(0, Vec::len);
        report.reused = report.files;
        report.elapsed = start.elapsed();
        return Ok(report);
    }

    let index = IndexJob {
        fingerprint: search,
        kept: kept_index,
        texts: &texts,
    };
    let written = write_site(opts, &pipeline, planned, &statics, &previous, index, start)?;
    phase("commit", start);
    report.files += written.index_files;
    report.bytes = written.bytes;
    report.reused = written.reused;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// The previous build's index files (paths and sizes), if every one of them
/// was made from records with this fingerprint.
fn previous_index(previous: &Manifest, fingerprint: u128) -> Option<Vec<(String, u64)>> {
    let dir = rel::search_index();
    let files: Vec<(&String, &(u128, u64))> = previous
        .iter()
        .filter(|(p, _)| p.starts_with(&dir))
        .collect();
    pipeline::keep_index(files.iter().map(|(_, (fp, _))| *fp), fingerprint).then(|| {
        files
            .into_iter()
            .map(|(p, (_, size))| (p.clone(), *size))
            .collect()
    })
}

/// What [`write_site`] did.
struct Written {
    /// Bytes rendered (not counting files reused from the previous build).
    bytes: u64,
    /// Files taken unchanged from the previous build, the index's included.
    reused: usize,
    /// How many files the search index has.
    index_files: usize,
}

/// The search index's share of a build.
struct IndexJob<'a> {
    /// The fingerprint of its records.
    fingerprint: u128,
    /// The previous build's index files (paths and sizes), if they are kept.
    kept: Option<Vec<(String, u64)>>,
    /// Where the pages keep their bodies' texts for the records.
    texts: &'a BodyTexts<'a>,
}

/// Writes every output into a staging folder (hard-linking those whose
/// fingerprint matches `previous`), then the static files, the search index
/// (kept from the previous build, or built meanwhile on a thread of its
/// own) and the manifest, and swaps it in.
fn write_site(
    opts: &Options,
    pipeline: &Pipeline,
    planned: Vec<Planned>,
    statics: &[StaticFile],
    previous: &Manifest,
    index: IndexJob,
    start: Instant,
) -> Result<Written, Error> {
    let IndexJob {
        fingerprint: index_fingerprint,
        kept,
        texts,
    } = index;
    let staging = write::Staging::create(&opts.output)?;
    let site = pipeline.site;
    // All of the previous index or none: a file written over one linked
    // from the previous output would change that output too.
    let kept = kept.filter(|files| {
        let all = files
            .iter()
            .all(|(path, size)| staging.reuse(&opts.output, path, *size));
        if !all {
            staging.remove_dir(&rel::search_index());
        }
        all
    });
    let (outputs, built) = std::thread::scope(|s| {
        let indexing = kept.is_none().then(|| {
            s.spawn(move || {
                let built =
                    SearchPlan::lazy(site, index_fingerprint, texts).build(Priority::Normal);
                phase("index built", start);
                built
            })
        });
        let outputs = write_outputs(opts, pipeline, planned, previous, &staging);
        phase("pages written", start);
        let built = indexing.map(|h| h.join().unwrap_or_else(|_| Err(IndexError::Stopped)));
        (outputs, built)
    });
    let (mut manifest, bytes, mut reused) = outputs?;
    let index: Vec<(String, u64)> = match (kept, built) {
        (Some(files), _) => {
            reused += files.len();
            files
        }
        (None, Some(built)) => {
            let written = write_index(&staging, built?)?;
            phase("index written", start);
            written
        }
        (None, None) => unreachable!("the index is either kept or built"),
    };
    let index_files = index.len();
    manifest.extend(index.into_iter().map(|(path, size)| ManifestEntry {
        path,
        fingerprint: index_fingerprint,
        size,
    }));
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
    Ok(Written {
        bytes,
        reused,
        index_files,
    })
}

/// Writes the index's files (tens of thousands of small ones) on every core,
/// and returns their paths and sizes.
fn write_index(
    staging: &write::Staging,
    files: Vec<SearchFile>,
) -> Result<Vec<(String, u64)>, Error> {
    Ok(files
        .into_par_iter()
        .map(|f| {
            staging.write(&f.path, &f.bytes)?;
            Ok((f.path, f.bytes.len() as u64))
        })
        .collect::<Result<_, OutputError>>()?)
}

/// Renders (or hard-links, when unchanged) every output into `staging`.
/// Returns their manifest entries, the bytes rendered and how many were reused.
fn write_outputs(
    opts: &Options,
    pipeline: &Pipeline,
    planned: Vec<Planned>,
    previous: &Manifest,
    staging: &write::Staging,
) -> Result<(Vec<ManifestEntry>, u64, usize), Error> {
    let bytes = AtomicU64::new(0);
    let reused = AtomicU64::new(0);
    let manifest: Vec<ManifestEntry> = pipeline
        .outputs
        .par_iter()
        .zip(planned.into_par_iter())
        .map(|(o, planned)| -> Result<ManifestEntry, Error> {
            let previous = previous.get(&planned.path);
            let size = match previous {
                Some(&(fp, size))
                    if planned.unchanged_since(Some(fp))
                        && staging.reuse(&opts.output, &planned.path, size) =>
                {
                    reused.fetch_add(1, Ordering::Relaxed);
                    size
                }
                _ => {
                    let r = pipeline.render(o)?;
                    bytes.fetch_add(r.bytes.len() as u64, Ordering::Relaxed);
                    staging.write(&planned.path, &r.bytes)?;
                    r.bytes.len() as u64
                }
            };
            Ok(ManifestEntry {
                path: planned.path,
                fingerprint: planned.fingerprint,
                size,
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok((manifest, bytes.into_inner(), reused.into_inner() as usize))
}
