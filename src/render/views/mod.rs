//! Typed template contexts: what each kind of page gives its template, and the
//! code that builds it from the site model, one file per kind of page. To
//! learn what a template gets, read its `…Cx` struct here.
//!
//! Views borrow from the site model and hold finished URLs (every one made by
//! [`crate::site::urls`]) and display strings, so templates only lay things
//! out. Every string here is editor text or built from it; templates
//! autoescape it (only `body_html`, already sanitised, is marked safe).

mod authority;
mod browse;
pub mod charts;
mod common;
mod frameworks;
mod home;
mod national;
mod people;
mod record;
mod search;
mod share;

pub use authority::AuthorityCx;
pub use browse::{
    AuthoritiesCx, FrameworkCx, InspectionsCx, RatingCx, RegionCx, RegionsCx, YearCx,
};
pub use common::*;
pub use frameworks::FrameworksCx;
pub use home::HomeCx;
pub use national::{MapView, RatingsCx};
pub use people::{PeopleCx, PersonCx};
pub use record::{InspectionCx, NotFoundCx, PageCx, RedirectCx, ResponseCx};
pub use search::SearchCx;
pub use share::{BadgeSnippet, Cite, Share};

use serde::Serialize;

use super::slot;
use crate::site::Site;
use crate::site::urls::rel;

/// The frame every page shares: site name, page title, navigation, breadcrumbs.
#[derive(Serialize)]
pub struct Layout<'a> {
    pub site_title: &'a str,
    pub site_description: Option<&'a str>,
    pub lang: &'a str,
    pub title: String,
    pub description: Option<String>,
    /// Full URL of this page; `None` for pages with no single address (404).
    pub canonical: Option<String>,
    pub breadcrumbs: Vec<Crumb>,
    /// Which top navigation item is current: home, authorities, people,
    /// `page-<slug>`...
    pub section: String,
    pub feed_url: &'a str,
    pub stylesheet_url: &'a str,
    /// Slot markers for the header with navigation and the footer, rendered
    /// once per section and once per build (see `Renderer::new`) and put in
    /// place of the markers after the page is rendered.
    pub header_html: String,
    pub footer_html: &'static str,
    /// Set only by `serve`: the live-reload script's URL.
    pub reload_url: Option<&'a str>,
    /// Link-preview metadata, JSON-LD and the citation, for pages with an
    /// address (see `views/share.rs`).
    pub share: Option<Share>,
}

/// The site-wide links a page's frame shows, made once per build.
pub struct Links {
    pub home: String,
    pub feed: String,
    pub stylesheet: String,
    pub data: DataLinks,
}

/// The open-data files, linked from the footer.
#[derive(Serialize)]
pub struct DataLinks {
    pub authorities_json: String,
    pub inspections_json: String,
    pub responses_json: String,
    pub inspections_csv: String,
    pub authorities_csv: String,
    pub responses_csv: String,
    pub ratings_by_year_csv: String,
}

/// What the shared header and footer get: the frame without a page.
#[derive(Serialize)]
pub struct FrameCx<'a> {
    pub layout: FrameLayout<'a>,
}

#[derive(Serialize)]
pub struct FrameLayout<'a> {
    pub site_title: &'a str,
    pub site_description: Option<&'a str>,
    pub home_url: &'a str,
    pub feed_url: &'a str,
    pub data: &'a DataLinks,
    pub section: &'a str,
    pub nav: &'a [NavItem],
}

#[derive(Serialize)]
pub struct Crumb {
    pub label: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct NavItem {
    pub label: String,
    pub url: String,
    pub key: String,
}

/// Builds views from the site model.
pub struct Views<'s, 'c> {
    pub site: &'s Site<'c>,
    pub links: Links,
    /// The top navigation: fixed sections, then the free pages.
    pub nav: Vec<NavItem>,
    /// The sections a header is rendered for: each navigation key, then ""
    /// (pages outside the navigation). A page's header slot is its index.
    pub header_sections: Vec<String>,
    /// Set by `serve`: the URL of the live-reload script.
    pub reload_url: Option<String>,
}

impl<'s, 'c> Views<'s, 'c> {
    pub fn new(site: &'s Site<'c>, reload_url: Option<String>) -> Self {
        let link = |r: String| site.urls.link(&r);
        let links = Links {
            home: link(rel::home()),
            feed: link(rel::feed()),
            stylesheet: link(rel::stylesheet()),
            data: DataLinks {
                authorities_json: link(rel::data("authorities.json")),
                inspections_json: link(rel::data("inspections.json")),
                responses_json: link(rel::data("responses.json")),
                inspections_csv: link(rel::data("inspections.csv")),
                authorities_csv: link(rel::data("authorities.csv")),
                responses_csv: link(rel::data("responses.csv")),
                ratings_by_year_csv: link(rel::data("ratings-by-year.csv")),
            },
        };
        let item = |label: &str, r: String, key: &str| NavItem {
            label: label.into(),
            url: link(r),
            key: key.into(),
        };
        let mut nav = vec![
            item("Home", rel::home(), "home"),
            item("Authorities", rel::authorities(), "authorities"),
            item("Inspections", rel::inspections(), "inspections"),
            item("Regions", rel::regions(), "regions"),
            item("Ratings", rel::ratings_index(), "ratings"),
            item("People", rel::people(), "people"),
            item("Search", rel::search(), "search"),
            item("Frameworks", rel::frameworks(), "frameworks"),
        ];
        for p in &site.content.pages {
            nav.push(item(
                &p.title,
                rel::page(&p.slug),
                &format!("page-{}", p.slug),
            ));
        }
        let mut header_sections: Vec<String> = nav.iter().map(|n| n.key.clone()).collect();
        header_sections.push(String::new());
        Views {
            site,
            links,
            nav,
            header_sections,
            reload_url,
        }
    }

    pub fn link(&self, rel: &str) -> String {
        self.site.urls.link(rel)
    }

    /// What the shared header (for one section) and footer get.
    pub fn frame<'a>(&'a self, section: &'a str) -> FrameCx<'a> {
        let c = self.site.content;
        FrameCx {
            layout: FrameLayout {
                site_title: &c.site.title,
                site_description: c.site.description.as_deref(),
                home_url: &self.links.home,
                feed_url: &self.links.feed,
                data: &self.links.data,
                section,
                nav: &self.nav,
            },
        }
    }

    /// A page's frame: `rel_url` is its site-relative address (`None` for the
    /// 404 page), `section` its navigation item.
    pub fn layout(
        &self,
        title: String,
        section: &str,
        rel_url: Option<&str>,
        crumbs: Vec<Crumb>,
    ) -> Layout<'_> {
        let c = self.site.content;
        let header = self
            .header_sections
            .iter()
            .position(|s| s == section)
            .or_else(|| self.header_sections.iter().position(String::is_empty))
            .unwrap_or(0);
        Layout {
            site_title: &c.site.title,
            site_description: c.site.description.as_deref(),
            lang: &c.site.language,
            title,
            description: None,
            canonical: rel_url.map(|r| self.site.urls.absolute(r)),
            breadcrumbs: crumbs,
            section: section.to_string(),
            feed_url: &self.links.feed,
            stylesheet_url: &self.links.stylesheet,
            header_html: slot::header(header),
            footer_html: slot::FOOTER,
            reload_url: self.reload_url.as_deref(),
            share: rel_url.map(|_| self.default_share()),
        }
    }

    pub fn crumb(&self, label: impl Into<String>, rel: &str) -> Crumb {
        Crumb {
            label: label.into(),
            url: self.link(rel),
        }
    }

    pub fn home_crumb(&self) -> Crumb {
        self.crumb("Home", &rel::home())
    }

    /// Home › Authorities › this authority.
    pub fn authority_crumbs(&self, a: &crate::site::AuthorityFacts<'c>) -> Vec<Crumb> {
        vec![
            self.home_crumb(),
            self.crumb("Authorities", &rel::authorities()),
            self.crumb(
                a.authority.short_name.clone(),
                &rel::authority(&a.authority.slug),
            ),
        ]
    }
}
