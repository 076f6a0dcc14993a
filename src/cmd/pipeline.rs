//! The step `build`, `check` and `serve` share: from loaded content and
//! compiled templates to the site model, the list of every output with its
//! path and fingerprint, and a renderer for them. Commands differ only in
//! what they do with the result (write, check links, serve).

use rayon::prelude::*;

use super::Options;
use crate::content::Content;
use crate::render::fingerprint::{Environment, Fingerprints};
use crate::render::outputs::{At, Output, Rendered, outputs};
use crate::render::pages::{RenderError, Renderer};
use crate::render::search;
use crate::render::templates::Templates;
use crate::site::Site;

/// The site model for the content, at the base URL the options choose.
pub fn site<'c>(content: &'c Content, opts: &Options) -> Site<'c> {
    Site::new(content, opts.base_url(content))
}

/// One output file to be: where it goes and the hash of what its bytes depend on.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: String,
    pub fingerprint: u128,
}

impl Planned {
    /// The one rule `build` and `serve` share for reusing what the previous
    /// build made: its file at this path was made with the same fingerprint
    /// (`previous`, `None` when it made none).
    pub fn unchanged_since(&self, previous: Option<u128>) -> bool {
        previous == Some(self.fingerprint)
    }
}

/// The one rule `build` and `serve` share for the search index: the previous
/// index is kept when there is one and every one of its files was made from
/// records with this `fingerprint` (`previous` gives each file's); otherwise
/// it is rebuilt whole.
pub fn keep_index(previous: impl IntoIterator<Item = u128>, fingerprint: u128) -> bool {
    let mut any = false;
    for p in previous {
        if p != fingerprint {
            return false;
        }
        any = true;
    }
    any
}

/// Every output of a site, ready to render.
pub struct Pipeline<'s, 'c> {
    pub site: &'s Site<'c>,
    pub renderer: Renderer<'s, 'c>,
    pub outputs: Vec<Output<'c>>,
    env: Environment,
}

impl<'s, 'c> Pipeline<'s, 'c> {
    /// Lists the outputs and prepares the renderer (which renders the shared
    /// header and footer once, so a template error there comes first).
    pub fn new(
        site: &'s Site<'c>,
        templates: &'s Templates,
        opts: &Options,
    ) -> Result<Self, RenderError> {
        let env = Environment::new(
            templates.hash,
            opts.base_url(site.content),
            opts.render.reload_url.as_deref(),
        );
        Ok(Pipeline {
            renderer: Renderer::new(site, &templates.tera, opts.render.clone())?,
            outputs: outputs(site),
            site,
            env,
        })
    }

    /// Each output's path and fingerprint, in the order of [`Self::outputs`].
    pub fn plan(&self) -> Vec<Planned> {
        let fingerprints = Fingerprints::new(self.site, self.env);
        self.outputs
            .par_iter()
            .map(|o| {
                let spec = o.spec(self.site);
                Planned {
                    path: spec.at.path(),
                    fingerprint: fingerprints.of(self.site, &spec.inputs),
                }
            })
            .collect()
    }

    /// The fingerprint of the search index's records (see
    /// [`search::fingerprint`]).
    pub fn search_fingerprint(&self) -> u128 {
        search::fingerprint(self.site, self.env.options)
    }

    /// How many of the outputs are pages a reader reads (see [`At::Page`]).
    pub fn pages(&self) -> usize {
        let is_page = |o: &Output| matches!(o.spec(self.site).at, At::Page(_));
        self.outputs.iter().filter(|o| is_page(o)).count()
    }

    /// Renders one output.
    pub fn render(&self, output: &Output<'c>) -> Result<Rendered, RenderError> {
        output.render(&self.renderer)
    }
}
