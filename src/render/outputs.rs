//! Every output file of the site, described once. [`Output::spec`] is the one
//! place that says, for each kind of output, where it is written, whether it
//! is a page a reader reads, what its fingerprint depends on, the date it last
//! changed and how its bytes are made; [`outputs`] lists every output a site
//! has. Adding a kind is a variant here, its arm in [`Output::spec`] (the
//! compiler asks for it: no arm is a catch-all) and its line in [`outputs`].

use super::fingerprint::Inputs;
use super::hosting::Rule;
use super::pages::{RenderError, Renderer};
use super::{badge, data, feed, hosting, lastmod, tables};
use crate::content::{Inspection, Page, PartialDate, Response};
use crate::site::urls::{file_for, rel};
use crate::site::{AuthorityFacts, Site};

/// One file of the site.
#[derive(Debug, Clone)]
pub enum Output<'c> {
    Home,
    Authorities,
    Authority(usize),
    Inspection(&'c Inspection),
    Response(&'c Response),
    /// `/authorities/<a>/latest/`: a redirect to the latest graded inspection.
    Latest(usize),
    /// A former URL under an authority's alias, redirecting to the current one
    /// (site-relative folders).
    Alias {
        authority: usize,
        from: String,
        to: String,
    },
    Page(&'c Page),
    People,
    Person(usize),
    Frameworks,
    /// `/frameworks/<framework>/` (index into `frameworks.yaml`'s frameworks).
    Framework(usize),
    /// `/inspections/`, and `/inspections/<year>/` (index into `Site::years`).
    Inspections,
    InspectionsIn(usize),
    /// `/ratings/<key>/` (index into `Site::rating_groups`).
    Rating(usize),
    /// `/regions/`, and `/regions/<region>/` (index into `Site::regions`).
    Regions,
    Region(usize),
    /// `/search/`: the search page (its index is built beside the outputs,
    /// see [`crate::render::search`]).
    Search,
    /// `/authorities/<a>/feed.xml` and `/authorities/<a>/data.json`.
    AuthorityFeed(usize),
    AuthorityData(usize),
    NotFound,
    AuthoritiesJson,
    InspectionsJson,
    ResponsesJson,
    InspectionsCsv,
    Feed,
    Sitemap,
    Robots,
    /// `/authorities/<a>/badge.svg`, also written under each of the
    /// authority's aliases (`at`) so badges embedded before a rename keep
    /// showing the current rating.
    Badge {
        authority: usize,
        at: &'c str,
    },
    /// `/data/urls.txt`: every page URL, redirects included.
    UrlList,
    /// `/ratings/`: every rating with its count, and grades over time.
    Ratings,
    /// `/map.svg`, when the content has a map.
    MapSvg,
    RatingsByYearJson,
    RatingsByYearCsv,
    AuthoritiesCsv,
    ResponsesCsv,
    /// `/authorities/<a>/data.csv`.
    AuthorityCsv(usize),
    /// `/_redirects` and `/_headers`, for hosts that read them (see
    /// [`super::hosting`]).
    Redirects,
    Headers,
}

/// Where an output is written, and what kind of address it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// A page a reader reads, at a folder (site-relative, `authorities/x/`):
    /// what the sitemap lists and the build counts as a page.
    Page(String),
    /// A folder address that only redirects (`latest/`, former addresses).
    Redirect(String),
    /// A named file: the 404 page, data files, feeds, badges, robots.txt.
    File(String),
}

impl At {
    /// The folder address, for pages and redirects.
    pub fn location(&self) -> Option<&str> {
        match self {
            At::Page(l) | At::Redirect(l) => Some(l),
            At::File(_) => None,
        }
    }

    /// The file written, relative to the output folder.
    pub fn path(&self) -> String {
        match self {
            At::Page(l) | At::Redirect(l) => file_for(l),
            At::File(p) => p.clone(),
        }
    }

    /// How errors name the output: its address, or its file.
    fn name(&self) -> String {
        match self {
            At::Page(l) | At::Redirect(l) => format!("/{l}"),
            At::File(p) => p.clone(),
        }
    }
}

/// How an output's bytes are made, from the renderer and the output's name
/// (for errors).
pub type Render<'a, 'c> =
    Box<dyn FnOnce(&Renderer<'_, 'c>, &str) -> Result<Vec<u8>, RenderError> + 'a>;

/// Everything about one output, from [`Output::spec`].
pub struct Spec<'a, 'c> {
    /// The kind's name (the variant's, in kebab case), for tests and timings.
    pub kind: &'static str,
    pub at: At,
    /// What the output's bytes depend on (see [`super::fingerprint`]).
    pub inputs: Inputs<'a, 'c>,
    /// The newest date the page shows, for the sitemap.
    pub lastmod: Option<PartialDate>,
    pub render: Render<'a, 'c>,
}

/// A spec still missing how it is rendered: what an output is, where it is
/// written and what it depends on (see [`Output::place`]).
struct Partial<'a, 'c> {
    kind: &'static str,
    at: At,
    inputs: Inputs<'a, 'c>,
    lastmod: Option<PartialDate>,
}

/// A spec's start: what it is and where.
fn at<'a, 'c>(kind: &'static str, at: At, inputs: Inputs<'a, 'c>) -> Partial<'a, 'c> {
    let lastmod = None;
    Partial {
        kind,
        at,
        inputs,
        lastmod,
    }
}

fn page<'a, 'c>(kind: &'static str, l: String, inputs: Inputs<'a, 'c>) -> Partial<'a, 'c> {
    at(kind, At::Page(l), inputs)
}

fn redirect<'a, 'c>(kind: &'static str, l: String, inputs: Inputs<'a, 'c>) -> Partial<'a, 'c> {
    at(kind, At::Redirect(l), inputs)
}

fn file<'a, 'c>(kind: &'static str, path: String, inputs: Inputs<'a, 'c>) -> Partial<'a, 'c> {
    at(kind, At::File(path), inputs)
}

/// A file of `/data/`, depending on every content file; named by its file
/// name (`inspections.csv`).
fn data_file<'a, 'c>(name: &'static str) -> Partial<'a, 'c> {
    file(name, rel::data(name), Inputs::All)
}

impl<'a, 'c> Partial<'a, 'c> {
    fn dated(self, lastmod: Option<PartialDate>) -> Self {
        Partial { lastmod, ..self }
    }

    /// The whole spec, with how it is rendered.
    fn rendered_by(self, render: Render<'a, 'c>) -> Spec<'a, 'c> {
        let Partial {
            kind,
            at,
            inputs,
            lastmod,
        } = self;
        Spec {
            kind,
            at,
            inputs,
            lastmod,
            render,
        }
    }
}

/// Rendered by the renderer (a template and its view).
fn by<'a, 'c>(
    render: impl FnOnce(&Renderer<'_, 'c>, &str) -> Result<Vec<u8>, RenderError> + 'a,
) -> Render<'a, 'c> {
    Box::new(render)
}

/// Made from the site model alone (data files, feeds, badges).
fn bytes<'a, 'c>(make: impl FnOnce(&Site<'c>) -> Vec<u8> + 'a) -> Render<'a, 'c> {
    by(move |r, _| Ok(make(r.site)))
}

/// Made from one authority's facts (its feed, data files, badges).
fn authority_bytes<'a, 'c>(
    a: usize,
    make: impl FnOnce(&Site<'c>, &AuthorityFacts<'c>) -> Vec<u8> + 'a,
) -> Render<'a, 'c> {
    bytes(move |s| make(s, &s.authorities[a]))
}

impl<'c> Output<'c> {
    /// What this output is: the one description of every kind, in two
    /// halves that each name every kind (no arm is a catch-all): where it
    /// is written, what it depends on and its date ([`Output::place`]), and
    /// how its bytes are made ([`Output::render_by`]).
    pub fn spec<'a>(&'a self, site: &Site<'c>) -> Spec<'a, 'c> {
        self.place(site).rendered_by(self.render_by())
    }

    /// The content file the output is made from alone, if any (an
    /// inspection, response or free page): `serve` renders these first after
    /// an edit, and finds them without making every output's [`Spec`]. (An
    /// output missed here is still rendered after an edit, a moment later.)
    pub fn own_file(&self) -> Option<&'c str> {
        match self {
            Output::Inspection(i) => Some(&i.file.path),
            Output::Response(r) => Some(&r.file.path),
            Output::Page(p) => Some(&p.file.path),
            _ => None,
        }
    }

    /// Where the output is written, what its fingerprint depends on and the
    /// newest date it shows.
    fn place<'a>(&'a self, site: &Site<'c>) -> Partial<'a, 'c> {
        use Inputs as In;
        let slug = |i: usize| site.authorities[i].authority.slug.as_str();
        match self {
            Output::Home => page("home", rel::home(), In::AllAndMap).dated(lastmod::newest(site)),
            Output::Authorities => {
                page("authorities", rel::authorities(), In::All).dated(lastmod::newest(site))
            }
            Output::Authority(i) => page("authority", rel::authority(slug(*i)), In::Authority(*i))
                .dated(lastmod::authority(&site.authorities[*i])),
            Output::Inspection(i) => {
                let l = rel::inspection(&i.authority, &i.slug);
                page("inspection", l, In::Inspection(i)).dated(lastmod::inspection(site, i))
            }
            Output::Response(x) => {
                let l = rel::response(&x.authority, &x.slug);
                page("response", l, In::Response(x)).dated(Some(x.date))
            }
            Output::Latest(i) => redirect("latest", rel::latest(slug(*i)), In::Authority(*i)),
            Output::Alias {
                authority,
                from,
                to,
            } => redirect("alias", from.clone(), In::AuthorityAnd(*authority, to)),
            Output::Page(x) => page("page", rel::page(&x.slug), In::Page(x)),
            Output::People => page("people", rel::people(), In::All),
            Output::Person(i) => page("person", rel::person(&site.people[*i].slug), In::Person(*i))
                .dated(lastmod::person(&site.people[*i])),
            Output::Frameworks => page("frameworks", rel::frameworks(), In::Global),
            Output::Framework(f) => {
                let id = &site.content.frameworks.frameworks[*f].id;
                page("framework", rel::framework(id), In::All)
            }
            Output::Inspections => page("inspections", rel::inspections(), In::All),
            Output::InspectionsIn(y) => {
                let l = rel::inspections_in(site.years[*y].year);
                page("inspections-in", l, In::All)
            }
            Output::Rating(g) => {
                let l = rel::ratings(site.rating_groups[*g].key.slug());
                page("rating", l, In::All)
            }
            Output::Regions => page("regions", rel::regions(), In::All),
            Output::Region(x) => page("region", rel::region(&site.regions[*x].slug), In::AllAndMap),
            Output::Search => page("search", rel::search(), In::All),
            Output::AuthorityFeed(a) => file(
                "authority-feed",
                rel::authority_feed(slug(*a)),
                In::Authority(*a),
            ),
            Output::AuthorityData(a) => file(
                "authority-data",
                rel::authority_data(slug(*a)),
                In::Authority(*a),
            ),
            Output::NotFound => file("not-found", "404.html".into(), In::Global),
            Output::AuthoritiesJson => data_file("authorities.json"),
            Output::InspectionsJson => data_file("inspections.json"),
            Output::ResponsesJson => data_file("responses.json"),
            Output::InspectionsCsv => data_file("inspections.csv"),
            Output::Feed => file("feed", rel::feed(), In::All),
            Output::Sitemap => file("sitemap", rel::sitemap(), In::All),
            Output::Robots => file("robots", "robots.txt".into(), In::Global),
            Output::Badge { authority: a, at } => {
                file("badge", rel::badge(at), In::AuthorityAnd(*a, at))
            }
            Output::UrlList => data_file("urls.txt"),
            Output::Ratings => page("ratings", rel::ratings_index(), In::All),
            Output::MapSvg => file("map-svg", rel::map_svg(), In::AllAndMap),
            Output::RatingsByYearJson => data_file("ratings-by-year.json"),
            Output::RatingsByYearCsv => data_file("ratings-by-year.csv"),
            Output::AuthoritiesCsv => data_file("authorities.csv"),
            Output::ResponsesCsv => data_file("responses.csv"),
            Output::AuthorityCsv(a) => file(
                "authority-csv",
                rel::authority_csv(slug(*a)),
                In::Authority(*a),
            ),
            Output::Redirects => file("redirects", rel::redirects(), In::All),
            Output::Headers => file("headers", rel::headers(), In::Global),
        }
    }

    /// How the output's bytes are made: a template and its view, or bytes
    /// from the site model.
    fn render_by<'a>(&'a self) -> Render<'a, 'c> {
        match self {
            Output::Home => by(|r, p| r.render("home.html", p, &r.views().home())),
            Output::Authorities => {
                by(|r, p| r.render("authorities.html", p, &r.views().authorities()))
            }
            Output::Authority(i) => by(|r, p| {
                let cx = r.views().authority(&r.site.authorities[*i]);
                r.render("authority.html", p, &cx)
            }),
            Output::Inspection(i) => by(|r, p| {
                let text = r.kept_text(|t| t.inspection(i));
                r.render_markdown("inspection.html", p, &i.body, text, |v, b| {
                    v.inspection(i, b)
                })
            }),
            Output::Response(x) => by(|r, p| {
                let text = r.kept_text(|t| t.response(x));
                r.render_markdown("response.html", p, &x.body, text, |v, b| v.response(x, b))
            }),
            Output::Latest(i) => by(|r, _| latest(r, *i)),
            Output::Alias { authority, to, .. } => {
                by(|r, _| r.redirect(to, r.site.authorities[*authority].authority.name.clone()))
            }
            Output::Page(x) => by(|r, p| {
                r.render_markdown("page.html", p, &x.body, None, |v, b| v.free_page(x, b))
            }),
            Output::People => by(|r, p| r.render("people.html", p, &r.views().people())),
            Output::Person(i) => by(|r, p| r.render("person.html", p, &r.views().person(*i))),
            Output::Frameworks => {
                by(|r, p| r.render("frameworks.html", p, &r.views().frameworks()))
            }
            Output::Framework(f) => {
                by(|r, p| r.render("framework.html", p, &r.views().framework(*f)))
            }
            Output::Inspections => {
                by(|r, p| r.render("inspections.html", p, &r.views().inspections()))
            }
            Output::InspectionsIn(y) => {
                by(|r, p| r.render("inspections-year.html", p, &r.views().inspections_in(*y)))
            }
            Output::Rating(g) => by(|r, p| r.render("rating.html", p, &r.views().rating(*g))),
            Output::Regions => by(|r, p| r.render("regions.html", p, &r.views().regions())),
            Output::Region(x) => by(|r, p| r.render("region.html", p, &r.views().region(*x))),
            Output::Search => by(|r, p| r.render("search.html", p, &r.views().search())),
            Output::AuthorityFeed(a) => authority_bytes(*a, |s, a| feed::authority_atom(s, a)),
            Output::AuthorityData(a) => authority_bytes(*a, |s, a| data::authority_data_json(s, a)),
            Output::NotFound => by(|r, p| r.render("404.html", p, &r.views().not_found())),
            Output::AuthoritiesJson => bytes(data::authorities_json),
            Output::InspectionsJson => bytes(data::inspections_json),
            Output::ResponsesJson => bytes(data::responses_json),
            Output::InspectionsCsv => bytes(data::inspections_csv),
            Output::Feed => bytes(feed::atom),
            Output::Sitemap => bytes(sitemap),
            Output::Robots => bytes(robots),
            Output::Badge { authority: a, .. } => {
                authority_bytes(*a, |s, a| badge::Badge::of(s, a).svg())
            }
            Output::UrlList => bytes(url_list),
            Output::Ratings => by(|r, p| r.render("ratings.html", p, &r.views().ratings())),
            Output::MapSvg => by(|r, _| Ok(r.views().map_file().into_bytes())),
            Output::RatingsByYearJson => bytes(tables::ratings_by_year_json),
            Output::RatingsByYearCsv => bytes(tables::ratings_by_year_csv),
            Output::AuthoritiesCsv => bytes(tables::authorities_csv),
            Output::ResponsesCsv => bytes(tables::responses_csv),
            Output::AuthorityCsv(a) => authority_bytes(*a, |s, a| tables::authority_data_csv(s, a)),
            Output::Redirects => bytes(|s| hosting::redirects(s, redirect_rules(s))),
            Output::Headers => bytes(hosting::headers),
        }
    }

    /// Renders this output.
    pub fn render(&self, renderer: &Renderer<'_, 'c>) -> Result<Rendered, RenderError> {
        let spec = self.spec(renderer.site);
        let bytes = (spec.render)(renderer, &spec.at.name())?;
        Ok(Rendered {
            path: spec.at.path(),
            bytes,
        })
    }
}

/// `/authorities/<a>/latest/`: a redirect to the authority's current inspection.
fn latest(r: &Renderer, authority: usize) -> Result<Vec<u8>, RenderError> {
    let a = &r.site.authorities[authority];
    let target = a.current.inspection().expect("listed only when rated");
    let label = format!(
        "{}: {}",
        a.authority.short_name,
        r.site.inspection_title(target)
    );
    r.redirect(&rel::inspection(&target.authority, &target.slug), label)
}

fn sitemap(site: &Site) -> Vec<u8> {
    feed::sitemap(site, &page_urls(site))
}

fn robots(site: &Site) -> Vec<u8> {
    let sitemap = site.urls.absolute(&rel::sitemap());
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes()
}

/// `/data/urls.txt`: every address the site publishes, one a line.
fn url_list(site: &Site) -> Vec<u8> {
    let mut urls = published_urls(site).join("\n");
    urls.push('\n');
    urls.into_bytes()
}

/// A rendered file: its path under the output folder and its bytes.
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every output of the site.
pub fn outputs<'c>(site: &Site<'c>) -> Vec<Output<'c>> {
    let c = site.content;
    let mut out = vec![
        Output::Home,
        Output::Authorities,
        Output::People,
        Output::Frameworks,
        Output::NotFound,
        Output::AuthoritiesJson,
        Output::InspectionsJson,
        Output::ResponsesJson,
        Output::InspectionsCsv,
        Output::Feed,
        Output::Sitemap,
        Output::Robots,
        Output::Inspections,
        Output::Regions,
        Output::Search,
        Output::UrlList,
        Output::Ratings,
        Output::RatingsByYearJson,
        Output::RatingsByYearCsv,
        Output::AuthoritiesCsv,
        Output::ResponsesCsv,
        Output::Redirects,
        Output::Headers,
    ];
    if site.map.is_some() {
        out.push(Output::MapSvg);
    }
    out.extend((0..c.frameworks.frameworks.len()).map(Output::Framework));
    out.extend((0..site.years.len()).map(Output::InspectionsIn));
    out.extend((0..site.rating_groups.len()).map(Output::Rating));
    out.extend((0..site.regions.len()).map(Output::Region));
    for (i, a) in site.authorities.iter().enumerate() {
        out.push(Output::Authority(i));
        out.push(Output::AuthorityFeed(i));
        out.push(Output::AuthorityData(i));
        out.push(Output::AuthorityCsv(i));
        if a.current.inspection().is_some() {
            out.push(Output::Latest(i));
        }
        out.extend(
            alias_redirects(a)
                .into_iter()
                .map(|(from, to)| Output::Alias {
                    authority: i,
                    from,
                    to,
                }),
        );
    }
    for (i, a) in site.authorities.iter().enumerate() {
        for at in std::iter::once(&a.authority.slug).chain(&a.authority.aliases) {
            out.push(Output::Badge { authority: i, at });
        }
    }
    out.extend(c.inspections.iter().map(Output::Inspection));
    out.extend(c.responses.iter().map(Output::Response));
    out.extend(c.pages.iter().map(Output::Page));
    out.extend((0..site.people.len()).map(Output::Person));
    out
}

/// Every former URL under an authority's aliases and where it now lives: the
/// authority page, its `latest/`, and each inspection and response; and every
/// former slug of an inspection or response, under the authority's slug and
/// each of its aliases.
fn alias_redirects(a: &AuthorityFacts) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let slug = &a.authority.slug;
    for at in std::iter::once(slug).chain(&a.authority.aliases) {
        for i in &a.inspections {
            for old in &i.aliases {
                out.push((rel::inspection(at, old), rel::inspection(slug, &i.slug)));
            }
        }
        for r in &a.responses {
            for old in &r.aliases {
                out.push((rel::response(at, old), rel::response(slug, &r.slug)));
            }
        }
    }
    for alias in &a.authority.aliases {
        out.push((rel::authority(alias), rel::authority(slug)));
        if let Some(latest) = a.current.inspection() {
            out.push((rel::latest(alias), rel::inspection(slug, &latest.slug)));
        }
        for i in &a.inspections {
            out.push((
                rel::inspection(alias, &i.slug),
                rel::inspection(slug, &i.slug),
            ));
        }
        for r in &a.responses {
            out.push((rel::response(alias, &r.slug), rel::response(slug, &r.slug)));
        }
    }
    out
}

/// Every redirect the site has, for `/_redirects` (see [`super::hosting`]):
/// each output that stands for one, in the order of [`outputs`].
pub fn redirect_rules(site: &Site) -> impl Iterator<Item = Rule> {
    outputs(site)
        .into_iter()
        .filter_map(|o| o.redirect_rule(site))
}

impl Output<'_> {
    /// The redirect an output stands for: a former address moved for good
    /// (301), or a `latest/` (the authority's or a former name's), which
    /// moves with each new inspection (302).
    fn redirect_rule(&self, site: &Site) -> Option<Rule> {
        match self {
            Output::Alias {
                authority,
                from,
                to,
            } => {
                // A former `latest/` moved for good to the current `latest/`,
                // which itself follows the latest inspection.
                let a = &site.authorities[*authority].authority;
                let was_latest = a.aliases.iter().any(|alias| rel::latest(alias) == *from);
                let to = if was_latest {
                    rel::latest(&a.slug)
                } else {
                    to.clone()
                };
                Some((from.clone(), to, 301))
            }
            Output::Latest(i) => {
                let a = &site.authorities[*i];
                let target = a.current.inspection()?;
                let to = rel::inspection(&target.authority, &target.slug);
                Some((rel::latest(&a.authority.slug), to, 302))
            }
            _ => None,
        }
    }
}

/// Site-relative URLs of the pages (see [`At::Page`]), each with the date it
/// last changed, for the sitemap.
pub fn page_urls(site: &Site) -> Vec<(String, Option<PartialDate>)> {
    outputs(site)
        .iter()
        .map(|o| o.spec(site))
        .filter_map(|s| match s.at {
            At::Page(l) => Some((l, s.lastmod)),
            At::Redirect(_) | At::File(_) => None,
        })
        .collect()
}

/// Every page URL the site publishes, absolute and sorted: every output with
/// an address of its own (pages and redirects alike, whoever added them), for
/// `/data/urls.txt` and `check --previous`.
pub fn published_urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = outputs(site)
        .iter()
        .filter_map(|o| o.spec(site).at.location().map(|l| site.urls.absolute(l)))
        .collect();
    urls.sort();
    urls.dedup();
    urls
}
