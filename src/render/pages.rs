//! The renderer: one output of the site to bytes.
//!
//! [`crate::render::outputs`] lists what the site holds; [`Renderer::render_one`]
//! turns one entry into bytes, taking the page's context from
//! [`crate::render::views`]. The caller runs it on rayon's pool and hands each
//! result straight to a writer, so no more than a few pages are in memory at a
//! time.

use serde::Serialize;
use tera::{Context, Tera};

use super::markdown;
use super::slot;
use super::views::Views;
use super::{data, feed, tables, templates::error_chain};
use crate::site::Site;
use crate::site::urls::rel;

pub use super::outputs::{Output, outputs, page_urls, published_urls};

/// A rendered file: its path under the output folder and its bytes.
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page that failed to render: which page, and Tera's error (its whole
/// chain of causes is in the message).
#[derive(Debug, thiserror::Error)]
#[error("rendering {page}: {}", error_chain(.source))]
pub struct RenderError {
    pub page: String,
    #[source]
    pub source: tera::Error,
}

/// Options that change what pages contain.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Set by `serve`: the URL of the live-reload script to add to every page.
    pub reload_url: Option<String>,
}

pub struct Renderer<'s, 'c> {
    pub site: &'s Site<'c>,
    pub tera: &'s Tera,
    views: Views<'s, 'c>,
    /// The header for each navigation section (in `views.header_sections`
    /// order), and the footer: the same on thousands of pages, so rendered
    /// once here and put in place of their slot markers after each page is
    /// rendered.
    headers: Vec<String>,
    footer: String,
}

impl<'s, 'c> Renderer<'s, 'c> {
    /// Prepares rendering: renders the header for every navigation section and
    /// the footer once, so a template error there is reported before any page.
    pub fn new(
        site: &'s Site<'c>,
        tera: &'s Tera,
        options: RenderOptions,
    ) -> Result<Self, RenderError> {
        let mut r = Renderer {
            site,
            tera,
            views: Views::new(site, options.reload_url),
            headers: Vec::new(),
            footer: String::new(),
        };
        let mut headers = Vec::new();
        for s in &r.views.header_sections {
            let html = r.render("partials/header.html", "header", &r.views.frame(s))?;
            headers.push(String::from_utf8(html).unwrap_or_default());
        }
        let footer = r.render("partials/footer.html", "footer", &r.views.frame(""))?;
        r.headers = headers;
        r.footer = String::from_utf8(footer).unwrap_or_default();
        Ok(r)
    }

    fn render<T: Serialize>(
        &self,
        template: &str,
        page: &str,
        cx: &T,
    ) -> Result<Vec<u8>, RenderError> {
        self.render_with_body(template, page, cx, "")
    }

    /// Renders a template whose context may hold slot markers, then fills them:
    /// the header and footer from `Renderer::new`, and `body` (the page's
    /// Markdown as HTML) where the context said [`slot::BODY`].
    fn render_with_body<T: Serialize>(
        &self,
        template: &str,
        page: &str,
        cx: &T,
        body: &str,
    ) -> Result<Vec<u8>, RenderError> {
        let err = |source: tera::Error| RenderError {
            page: page.to_string(),
            source,
        };
        let context = Context::from_serialize(cx).map_err(err)?;
        let html = self.tera.render(template, &context).map_err(err)?;
        Ok(slot::fill(html, &self.headers, &self.footer, body))
    }

    /// Renders one output.
    pub fn render_one(&self, output: &Output<'c>) -> Result<Rendered, RenderError> {
        let site = self.site;
        let views = &self.views;
        let path = output.path(site);
        // Pages are named in errors by their address.
        let page = || output.location(site).unwrap_or_else(|| path.clone());
        let bytes = match output {
            Output::Home => self.render("home.html", "/", &views.home())?,
            Output::Authorities => {
                self.render("authorities.html", "/authorities/", &views.authorities())?
            }
            Output::Authority(i) => {
                let cx = views.authority(&site.authorities[*i]);
                self.render("authority.html", &page(), &cx)?
            }
            Output::Inspection(i) => {
                let body = markdown::to_html(&i.body);
                let cx = views.inspection(i, &body);
                self.render_with_body("inspection.html", &page(), &cx, &body)?
            }
            Output::Response(r) => {
                let body = markdown::to_html(&r.body);
                let cx = views.response(r, &body);
                self.render_with_body("response.html", &page(), &cx, &body)?
            }
            Output::Page(p) => {
                let body = markdown::to_html(&p.body);
                let cx = views.free_page(p, &body);
                self.render_with_body("page.html", &page(), &cx, &body)?
            }
            Output::Latest(i) => {
                let a = &site.authorities[*i];
                let target = a.current.inspection().expect("listed only when rated");
                let label = format!(
                    "{}: {}",
                    a.authority.short_name,
                    site.inspection_title(target)
                );
                self.redirect(&rel::inspection(&target.authority, &target.slug), label)?
            }
            Output::Alias { authority, to, .. } => {
                self.redirect(to, site.authorities[*authority].authority.name.clone())?
            }
            Output::People => self.render("people.html", "/people/", &views.people())?,
            Output::Person(i) => self.render("person.html", &page(), &views.person(*i))?,
            Output::Frameworks => {
                self.render("frameworks.html", "/frameworks/", &views.frameworks())?
            }
            Output::Framework(f) => self.render("framework.html", &page(), &views.framework(*f))?,
            Output::Inspections => {
                self.render("inspections.html", &page(), &views.inspections())?
            }
            Output::InspectionsIn(y) => {
                self.render("inspections-year.html", &page(), &views.inspections_in(*y))?
            }
            Output::Rating(g) => self.render("rating.html", &page(), &views.rating(*g))?,
            Output::Regions => self.render("regions.html", &page(), &views.regions())?,
            Output::Search => self.render("search.html", &page(), &views.search())?,
            Output::Region(r) => self.render("region.html", &page(), &views.region(*r))?,
            Output::AuthorityFeed(a) => feed::authority_atom(site, &site.authorities[*a]),
            Output::AuthorityData(a) => data::authority_data_json(site, &site.authorities[*a]),
            Output::NotFound => self.render("404.html", "404.html", &views.not_found())?,
            Output::AuthoritiesJson => data::authorities_json(site),
            Output::InspectionsJson => data::inspections_json(site),
            Output::ResponsesJson => data::responses_json(site),
            Output::InspectionsCsv => data::inspections_csv(site),
            Output::Feed => feed::atom(site),
            Output::Sitemap => feed::sitemap(site, &page_urls(site)),
            Output::Robots => format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                site.urls.absolute(&rel::sitemap())
            )
            .into_bytes(),
            Output::Badge { authority, .. } => {
                super::badge::Badge::of(site, &site.authorities[*authority]).svg()
            }
            Output::Ratings => self.render("ratings.html", &page(), &views.ratings())?,
            Output::MapSvg => views.map_file().into_bytes(),
            Output::RatingsByYearJson => tables::ratings_by_year_json(site),
            Output::RatingsByYearCsv => tables::ratings_by_year_csv(site),
            Output::AuthoritiesCsv => tables::authorities_csv(site),
            Output::ResponsesCsv => tables::responses_csv(site),
            Output::AuthorityCsv(a) => tables::authority_data_csv(site, &site.authorities[*a]),
            Output::UrlList => {
                let mut s = published_urls(site).join("\n");
                s.push('\n');
                s.into_bytes()
            }
            Output::Redirects => super::hosting::redirects(site),
            Output::Headers => super::hosting::headers(site),
        };
        Ok(Rendered { path, bytes })
    }

    /// Renders a redirect page to a site-relative target.
    fn redirect(&self, target_rel: &str, label: String) -> Result<Vec<u8>, RenderError> {
        let cx = self.views.redirect(target_rel, label);
        self.render("redirect.html", target_rel, &cx)
    }
}
