//! Fingerprints: for each output, a hash of everything its bytes depend on.
//!
//! Incremental builds and `serve` compare an output's fingerprint with the one
//! recorded last time and re-render only when it changed. Dependencies are
//! kept coarse so they are obviously complete: a page of an authority depends
//! on every file of that authority; site-wide pages depend on every file.

use xxhash_rust::xxh3::Xxh3;

use crate::content::{Inspection, Page, Response};
use crate::site::Site;

/// Everything that is not content: templates, the binary, options.
#[derive(Debug, Clone, Copy)]
pub struct Environment {
    pub templates: u128,
    pub options: u128,
}

impl Environment {
    /// Hashes what every page depends on besides content: the templates, the
    /// binary itself (so a new release re-renders everything), the base URL
    /// and render options.
    pub fn new(templates: u128, base_url: &str, reload_url: Option<&str>) -> Environment {
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        if let Some(meta) = std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::metadata(p).ok())
        {
            h.update(&meta.len().to_le_bytes());
            if let Ok(m) = meta.modified() {
                h.update(format!("{m:?}").as_bytes());
            }
        }
        h.update(base_url.as_bytes());
        h.update(&[0]);
        h.update(reload_url.unwrap_or("").as_bytes());
        Environment {
            templates,
            options: h.digest128(),
        }
    }
}

/// What an output's bytes depend on, as [`crate::render::outputs`] describes
/// each kind; [`Fingerprints::of`] hashes it.
#[derive(Debug, Clone, Copy)]
pub enum Inputs<'a, 'c> {
    /// Templates, options, settings and free pages (whose titles are in
    /// every page's navigation): what every output depends on.
    Global,
    /// The global inputs and every authority's files.
    All,
    /// As `All`, and the map's layout (`map.hexjson`): the pages that draw
    /// the map.
    AllAndMap,
    /// The global inputs and one authority's files (by index into
    /// `Site::authorities`).
    Authority(usize),
    /// As `Authority`, with a text of the output's own (a badge's location, a
    /// redirect's target).
    AuthorityAnd(usize, &'a str),
    /// An inspection page: its authority's files and the people's addresses
    /// of every speaker quoted on it, its responses' included.
    Inspection(&'c Inspection),
    /// A response page: its authority's files and its speakers' addresses.
    Response(&'c Response),
    /// A person's page (by index into `Site::people`): the files of every
    /// authority they are quoted in.
    Person(usize),
    /// A free page: its own file.
    Page(&'c Page),
}

/// Precomputed hashes of the site's files, from which each output's
/// fingerprint is combined.
pub struct Fingerprints {
    global: u128,
    /// `map.hexjson` (0 when there is none): the map's pages and `/map.svg`.
    map: u128,
    all: u128,
    /// Per authority (same order as `site.authorities`): its files.
    authority: Vec<u128>,
}

fn combine(parts: impl IntoIterator<Item = u128>) -> u128 {
    let mut h = Xxh3::new();
    for p in parts {
        h.update(&p.to_le_bytes());
    }
    h.digest128()
}

fn text(s: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(s.as_bytes())
}

impl Fingerprints {
    pub fn new(site: &Site, env: Environment) -> Fingerprints {
        let c = site.content;
        // Free pages' titles are in every page's navigation.
        let pages = combine(c.pages.iter().map(|p| p.file.hash));
        let global = combine([env.templates, env.options, c.settings_hash, pages]);
        let authority: Vec<u128> = site
            .authorities
            .iter()
            .map(|a| {
                combine(
                    std::iter::once(a.authority.file.hash)
                        .chain(a.inspections.iter().map(|i| i.file.hash))
                        .chain(a.responses.iter().map(|r| r.file.hash)),
                )
            })
            .collect();
        let all = combine(std::iter::once(global).chain(authority.iter().copied()));
        Fingerprints {
            global,
            map: c.map.as_ref().map_or(0, |m| m.file.hash),
            all,
            authority,
        }
    }

    fn of_authority(&self, site: &Site, slug: &str) -> u128 {
        site.authorities
            .binary_search_by(|a| a.authority.slug.as_str().cmp(slug))
            .map_or(0, |i| self.authority[i])
    }

    /// People's page addresses shown beside quotes (they depend on every
    /// speaker's name, through slug collisions).
    fn speakers<'a>(&self, site: &Site, names: impl Iterator<Item = &'a str>) -> u128 {
        combine(names.map(|n| text(site.person_slug(n.trim()).unwrap_or(""))))
    }

    /// The fingerprint of an output with these inputs.
    pub fn of(&self, site: &Site, inputs: &Inputs) -> u128 {
        let g = self.global;
        match *inputs {
            Inputs::Global => g,
            Inputs::All => self.all,
            // The map: every authority's rating, and where the layout puts it.
            Inputs::AllAndMap => combine([self.all, self.map]),
            Inputs::Authority(i) => combine([g, self.authority[i]]),
            Inputs::AuthorityAnd(i, own) => combine([g, self.authority[i], text(own)]),
            Inputs::Inspection(i) => {
                let quotes = i
                    .quotes
                    .iter()
                    .chain(site.responses_to(i).iter().flat_map(|r| r.quotes.iter()));
                let speakers = self.speakers(
                    site,
                    i.quotes
                        .iter()
                        .map(|q| q.speaker.as_deref().unwrap_or(crate::site::INSPECTORS))
                        .chain(
                            quotes
                                .skip(i.quotes.len())
                                .filter_map(|q| q.speaker.as_deref()),
                        ),
                );
                combine([g, self.of_authority(site, &i.authority), speakers])
            }
            Inputs::Response(r) => {
                let speakers =
                    self.speakers(site, r.quotes.iter().filter_map(|q| q.speaker.as_deref()));
                combine([g, self.of_authority(site, &r.authority), speakers])
            }
            Inputs::Person(p) => {
                let person = &site.people[p];
                let mut authorities: Vec<&str> = person
                    .quotes
                    .iter()
                    .map(|q| match q {
                        crate::site::QuoteRef::Inspection(i, _) => i.authority.as_str(),
                        crate::site::QuoteRef::Response(r, _) => r.authority.as_str(),
                    })
                    .collect();
                authorities.sort_unstable();
                authorities.dedup();
                combine(
                    [g, text(person.name), text(&person.slug)]
                        .into_iter()
                        .chain(authorities.into_iter().map(|a| self.of_authority(site, a))),
                )
            }
            Inputs::Page(p) => combine([g, p.file.hash]),
        }
    }
}
