//! The server's copy of the site: content kept between rebuilds, so that one
//! edited file is all that is read again, and the fingerprints of what is
//! served, so that only the outputs an edit changed are rendered again.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use rayon::prelude::*;

use super::search::SearchRefresh;
use super::{Problems, Served};
use crate::cmd::pipeline::{self, Pipeline, Planned};
use crate::cmd::{Options, load, phase};
use crate::content::load::{self as loader, Reload};
use crate::content::{Content, Diagnostic};
use crate::error::Error;
use crate::render::search::SearchPlan;
use crate::render::statics::static_files;
use crate::render::templates;
use crate::site::urls::rel;

/// The server's copy of the site: content kept between rebuilds so that one
/// edited file is all that is read again.
pub struct Workspace {
    pub opts: Options,
    content: Option<Content>,
    /// Compiled templates, kept until a change outside the content folder.
    templates: Option<templates::Templates>,
    fingerprints: HashMap<String, u128>,
    /// Files whose last edit failed to load, with their diagnostics.
    broken: HashMap<String, Vec<Diagnostic>>,
    search: Arc<SearchRefresh>,
}

impl Workspace {
    /// A workspace with nothing loaded yet.
    pub fn new(opts: Options) -> Workspace {
        Workspace {
            opts,
            content: None,
            templates: None,
            fingerprints: HashMap::new(),
            broken: HashMap::new(),
            search: Arc::default(),
        }
    }

    /// Brings the site up to date after `changed` paths (all files if empty).
    /// Returns how many files were re-rendered.
    pub fn update(
        &mut self,
        changed: &[PathBuf],
        served: &Arc<RwLock<Served>>,
    ) -> Result<usize, Problems> {
        let started = Instant::now();
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
        phase("content loaded", started);
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
                .map(|i| pipeline.render(&all[*i]).map(|r| (r.path, r.bytes)))
                .collect::<Result<_, _>>()?)
        };
        // The edited files' own pages first, served as soon as they are
        // ready; then everything else whose fingerprint changed.
        let first: Vec<usize> = (0..all.len())
            .into_par_iter()
            .filter(|i| all[*i].own_file().is_some_and(|f| edited.contains(f)))
            .collect();
        phase("edited pages found", started);
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
            .filter(|(p, fp, i)| {
                let planned = Planned {
                    path: p.clone(),
                    fingerprint: *fp,
                };
                !planned.unchanged_since(previous.get(p).copied()) && !first.contains(i)
            })
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
