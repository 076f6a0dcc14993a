//! Every output file of the site, listed once: what it is, where it is
//! written, and whether it is a page a reader reads.

use crate::content::{Inspection, Page, Response};
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

impl Output<'_> {
    /// Where a page lives, relative to the site root (`authorities/x/`), for
    /// the outputs that are folders; `None` for named files.
    pub fn location(&self, site: &Site) -> Option<String> {
        Some(match self {
            Output::Home => rel::home(),
            Output::Authorities => rel::authorities(),
            Output::Authority(i) => rel::authority(&site.authorities[*i].authority.slug),
            Output::Inspection(i) => rel::inspection(&i.authority, &i.slug),
            Output::Response(r) => rel::response(&r.authority, &r.slug),
            Output::Latest(i) => rel::latest(&site.authorities[*i].authority.slug),
            Output::Alias { from, .. } => from.clone(),
            Output::Page(p) => rel::page(&p.slug),
            Output::People => rel::people(),
            Output::Person(i) => rel::person(&site.people[*i].slug),
            Output::Frameworks => rel::frameworks(),
            Output::Framework(f) => rel::framework(&site.content.frameworks.frameworks[*f].id),
            Output::Inspections => rel::inspections(),
            Output::InspectionsIn(y) => rel::inspections_in(site.years[*y].year),
            Output::Rating(g) => rel::ratings(site.rating_groups[*g].key.slug()),
            Output::Regions => rel::regions(),
            Output::Search => rel::search(),
            Output::Region(r) => rel::region(&site.regions[*r].slug),
            Output::Ratings => rel::ratings_index(),
            _ => return None,
        })
    }

    /// The file this output is written to, relative to the output folder.
    pub fn path(&self, site: &Site) -> String {
        if let Some(location) = self.location(site) {
            return file_for(&location);
        }
        match self {
            Output::NotFound => "404.html".into(),
            Output::AuthoritiesJson => rel::data("authorities.json"),
            Output::InspectionsJson => rel::data("inspections.json"),
            Output::ResponsesJson => rel::data("responses.json"),
            Output::InspectionsCsv => rel::data("inspections.csv"),
            Output::Feed => "feed.xml".into(),
            Output::Sitemap => "sitemap.xml".into(),
            Output::Robots => "robots.txt".into(),
            Output::AuthorityFeed(a) => rel::authority_feed(&site.authorities[*a].authority.slug),
            Output::AuthorityData(a) => rel::authority_data(&site.authorities[*a].authority.slug),
            Output::Badge { at, .. } => rel::badge(at),
            Output::UrlList => rel::data("urls.txt"),
            Output::MapSvg => rel::map_svg(),
            Output::RatingsByYearJson => rel::data("ratings-by-year.json"),
            Output::RatingsByYearCsv => rel::data("ratings-by-year.csv"),
            Output::AuthoritiesCsv => rel::data("authorities.csv"),
            Output::ResponsesCsv => rel::data("responses.csv"),
            Output::AuthorityCsv(a) => rel::authority_csv(&site.authorities[*a].authority.slug),
            Output::Redirects => rel::redirects(),
            Output::Headers => rel::headers(),
            _ => unreachable!("every page has a location"),
        }
    }

    /// A page a reader reads, with an address of its own: what the sitemap
    /// lists and the build counts. Not redirects (`latest/`, former
    /// addresses), the 404 page, data files, the feed or robots.txt.
    pub fn is_page(&self) -> bool {
        matches!(
            self,
            Output::Home
                | Output::Authorities
                | Output::Authority(_)
                | Output::Inspection(_)
                | Output::Response(_)
                | Output::Page(_)
                | Output::People
                | Output::Person(_)
                | Output::Frameworks
                | Output::Framework(_)
                | Output::Inspections
                | Output::InspectionsIn(_)
                | Output::Rating(_)
                | Output::Regions
                | Output::Region(_)
                | Output::Search
                | Output::Ratings
        )
    }
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

/// Site-relative URLs of the pages (see [`Output::is_page`]), each with the
/// date it last changed, for the sitemap.
pub fn page_urls(site: &Site) -> Vec<(String, Option<crate::content::PartialDate>)> {
    outputs(site)
        .iter()
        .filter(|o| o.is_page())
        .filter_map(|o| Some((o.location(site)?, super::lastmod::lastmod(site, o))))
        .collect()
}

/// Every page URL the site publishes, absolute and sorted: every output with
/// an address of its own (pages and redirects alike, whoever added them), for
/// `/data/urls.txt` and `check --previous`.
pub fn published_urls(site: &Site) -> Vec<String> {
    let mut urls: Vec<String> = outputs(site)
        .iter()
        .filter_map(|o| o.location(site))
        .map(|l| site.urls.absolute(&l))
        .collect();
    urls.sort();
    urls.dedup();
    urls
}
