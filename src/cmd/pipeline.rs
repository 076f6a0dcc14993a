//! The step `build`, `check` and `serve` share: from loaded content and
//! compiled templates to the site model, the list of every output with its
//! path and fingerprint, and a renderer for them. Commands differ only in
//! what they do with the result (write, check links, serve).

use rayon::prelude::*;

use super::Options;
use crate::content::Content;
use crate::render::fingerprint::{Environment, Fingerprints};
use crate::render::pages::{Output, RenderError, Renderer, outputs};
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
            .map(|o| Planned {
                path: o.path(self.site),
                fingerprint: fingerprints.of(self.site, o),
            })
            .collect()
    }

    /// The fingerprint of the search index's records (see
    /// [`search::fingerprint`]).
    pub fn search_fingerprint(&self) -> u128 {
        search::fingerprint(self.site, self.env.options)
    }

    /// How many of the outputs are pages a reader reads (see [`Output::is_page`]).
    pub fn pages(&self) -> usize {
        self.outputs.iter().filter(|o| o.is_page()).count()
    }
}
