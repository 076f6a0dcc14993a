//! `scrutiny check`: validates the content and every internal link of the site
//! it would build, writing nothing.

use std::collections::HashSet;
use std::time::Instant;

use rayon::prelude::*;

use super::build::Report;
use super::pipeline::{self, Pipeline};
use super::{Options, load};
use crate::error::Error;
use crate::output::links;
use crate::render::statics::static_files;
use crate::render::templates;

/// Renders every output in memory and checks the links of its HTML pages;
/// with `previous` (a previous build's `urls.txt` or its folder), also that
/// no URL it published would be lost.
pub fn check(opts: &Options, previous: Option<&std::path::Path>) -> Result<Report, Error> {
    let start = Instant::now();
    let templates = templates::load(Some(&opts.templates))?;
    let (content, warnings) = load(opts)?;
    let site = pipeline::site(&content, opts);
    let pipeline = Pipeline::new(&site, &templates, opts)?;
    let rendered: Vec<(String, Vec<String>)> = pipeline
        .outputs
        .par_iter()
        .map(|o| -> Result<(String, Vec<String>), Error> {
            let r = pipeline.render(o)?;
            let links = if r.path.ends_with(".html") {
                links::links_in(&String::from_utf8_lossy(&r.bytes))
            } else {
                Vec::new()
            };
            Ok((r.path, links))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut files: HashSet<String> = rendered.iter().map(|(p, _)| p.clone()).collect();
    files.extend(static_files(&opts.static_dir)?.into_iter().map(|f| f.path));
    let broken = links::check(&site.urls, &rendered, &files);
    if !broken.is_empty() {
        return Err(Error::Links(broken));
    }
    if let Some(previous) = previous {
        let lost = super::previous::lost_urls(&site, previous)?;
        if !lost.is_empty() {
            return Err(Error::LostUrls(lost));
        }
    }
    Ok(Report {
        pages: pipeline.pages(),
        files: files.len(),
        bytes: 0,
        reused: 0,
        elapsed: start.elapsed(),
        warnings,
        base_url: site.urls.base_url().to_string(),
    })
}
